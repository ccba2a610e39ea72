//! The command line: argument parsing, progress display and exit codes. Everything else
//! is the library's; this module decides only what to call and how to report it.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use aiadopt::scenario::{self, ScenarioError, embedded};
use aiadopt::{experiment, output, report};

#[derive(Parser, Debug)]
#[command(
    name = "aiadopt",
    version,
    about = "Agent-based simulation of open-weight vs proprietary AI adoption around the world"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a scenario with many seeds; write CSV, a summary, a manifest and a chart.
    Run(RunArgs),
    /// Validate a scenario and print it fully resolved (defaults, parents and --set applied).
    Check(CheckArgs),
    /// List the scenarios shipped inside the binary.
    Scenarios,
    /// Redraw every chart and the report of a finished run from its files alone.
    Plot(PlotArgs),
    /// Compare finished runs: their world open shares in one chart, and a table.
    Compare(CompareArgs),
    /// Check the model: analytical special cases, the arguments' directions, the record.
    Validate(ValidateArgs),
    /// Run a parameter sweep file: every point x replicate, summaries and sensitivity.
    Sweep(SweepArgs),
    /// Join the shard folders of one sweep and summarise it.
    Merge(MergeArgs),
}

#[derive(Args, Debug)]
struct SweepArgs {
    /// The sweep file (TOML; see docs/SCENARIOS.md, "Sweep files").
    file: PathBuf,
    /// Output folder [default: output/<sweep file name>].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Run only shard I of N (1-based), e.g. --shard 3/10; join shards with `aiadopt merge`.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Continue an interrupted sweep in --out, keeping its finished runs.
    #[arg(long)]
    resume: bool,
    /// Start again even if --out holds results.
    #[arg(long)]
    force: bool,
    /// No progress bar and no summary; errors only.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct MergeArgs {
    /// Shard folders of one sweep.
    #[arg(required = true, num_args = 1..)]
    dirs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct ValidateArgs {
    /// Output folder.
    #[arg(long, default_value = "output/validation")]
    out: PathBuf,
    /// Fewer organisations and seeds: a fast look, with wider tolerances.
    #[arg(long)]
    quick: bool,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum MeasureArg {
    Orgs,
    Usage,
    Spend,
}

impl From<MeasureArg> for report::Measure {
    fn from(m: MeasureArg) -> Self {
        match m {
            MeasureArg::Orgs => report::Measure::Orgs,
            MeasureArg::Usage => report::Measure::Usage,
            MeasureArg::Spend => report::Measure::Spend,
        }
    }
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum FormatArg {
    Png,
    Svg,
    Both,
}

#[derive(Args, Debug)]
struct PlotArgs {
    /// The folder of a finished run (with manifest.json and the CSV files).
    dir: PathBuf,
    /// Which open share the charts show: by organisations, usage (tokens) or spend (USD).
    #[arg(long, value_enum, default_value = "usage")]
    measure: MeasureArg,
    /// Image files to write (report.html always embeds SVG).
    #[arg(long, value_enum, default_value = "both")]
    format: FormatArg,
}

#[derive(Args, Debug)]
struct CompareArgs {
    /// Folders of finished runs over the same months.
    #[arg(required = true, num_args = 1..)]
    dirs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output/compare")]
    out: PathBuf,
    /// Which open share to compare.
    #[arg(long, value_enum, default_value = "usage")]
    measure: MeasureArg,
}

#[derive(Args, Debug)]
struct Overrides {
    /// Override a parameter, e.g. --set vendors.cn-open.price=0.2 (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    set: Vec<String>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// A scenario file, or the name of a shipped scenario [default: the embedded baseline].
    scenario: Option<String>,
    /// Number of replicates (simulation.seeds).
    #[arg(long)]
    seeds: Option<u64>,
    /// Base seed (simulation.seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Organisations simulated (simulation.agents).
    #[arg(long)]
    agents: Option<u64>,
    /// Monthly steps (simulation.months).
    #[arg(long)]
    months: Option<u64>,
    /// Worker threads [default: all cores]. Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Output folder [default: output/<scenario name>].
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    overrides: Overrides,
    /// Write the CSV files and manifest only, no charts or report.
    #[arg(long)]
    no_plot: bool,
    /// Replace the results of another scenario, or other files, in --out.
    #[arg(long)]
    force: bool,
    /// Which open share the charts show: by organisations, usage (tokens) or spend (USD).
    #[arg(long, value_enum, default_value = "usage")]
    measure: MeasureArg,
    /// No progress bar and no summary; errors only.
    #[arg(long, short)]
    quiet: bool,
    /// Print where the time went: setup, each phase of the monthly step, writing.
    #[arg(long)]
    timings: bool,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// A scenario file, or the name of a shipped scenario.
    scenario: String,
    #[command(flatten)]
    overrides: Overrides,
}

/// A problem with what the user gave us (exit 2), as opposed to a failure while running (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadInput(String);

/// The folder being written, and what to say if the user interrupts: the handler removes this
/// process's temporary files there, so nothing half-written is left behind.
static INTERRUPTED: std::sync::Mutex<Option<(PathBuf, String)>> = std::sync::Mutex::new(None);

fn on_interrupt(dir: &std::path::Path, kept: &str) {
    if let Ok(mut slot) = INTERRUPTED.lock() {
        *slot = Some((dir.to_path_buf(), kept.to_string()));
    }
}

fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        let marker = format!(".tmp-{}", std::process::id());
        let mut message = "interrupted: nothing was written".to_string();
        let target = INTERRUPTED.lock().ok().and_then(|slot| slot.clone());
        if let Some((dir, kept)) = target {
            let mut removed = 0;
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if entry.file_name().to_string_lossy().contains(&marker) && std::fs::remove_file(entry.path()).is_ok() {
                    removed += 1;
                }
            }
            message = format!(
                "interrupted: {kept} in {}; no half-written file was left ({removed} temporary file{} removed)",
                dir.display(),
                if removed == 1 { "" } else { "s" }
            );
        }
        eprintln!("{message}");
        std::process::exit(130);
    });
}

pub fn main() -> ExitCode {
    install_interrupt_handler();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let bad_input = e.downcast_ref::<ScenarioError>().is_some()
                || e.downcast_ref::<aiadopt::sweep::PlanError>().is_some()
                || matches!(
                    e.downcast_ref::<aiadopt::sweep::SweepError>(),
                    Some(
                        aiadopt::sweep::SweepError::Plan(_)
                            | aiadopt::sweep::SweepError::Refused(_)
                            | aiadopt::sweep::SweepError::Invalid(_)
                    )
                )
                || e.downcast_ref::<BadInput>().is_some()
                || e.downcast_ref::<report::ReadError>().is_some()
                || matches!(
                    e.downcast_ref::<report::ReportError>(),
                    Some(report::ReportError::Read(_) | report::ReportError::Mismatch(_))
                );
            let plan_problems = match e.downcast_ref::<aiadopt::sweep::PlanError>() {
                Some(aiadopt::sweep::PlanError::Invalid(d)) => Some(d),
                _ => match e.downcast_ref::<aiadopt::sweep::SweepError>() {
                    Some(aiadopt::sweep::SweepError::Plan(aiadopt::sweep::PlanError::Invalid(d))) => Some(d),
                    _ => None,
                },
            };
            if let Some(d) = plan_problems {
                eprintln!(
                    "error: the sweep is not valid ({} problem{}):",
                    d.len(),
                    if d.len() == 1 { "" } else { "s" }
                );
                for problem in d {
                    eprintln!("  {problem}");
                }
            } else if let Some(ScenarioError::Invalid(d)) = e.downcast_ref::<ScenarioError>() {
                eprintln!(
                    "error: the scenario is not valid ({} problem{}):",
                    d.len(),
                    if d.len() == 1 { "" } else { "s" }
                );
                for problem in d {
                    eprintln!("  {problem}");
                }
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn dispatch(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Run(args) => run(args),
        Command::Check(args) => check(args),
        Command::Scenarios => list_scenarios(),
        Command::Plot(args) => plot(args),
        Command::Compare(args) => compare(args),
        Command::Validate(args) => validate(args),
        Command::Sweep(args) => sweep(args),
        Command::Merge(args) => merge(args),
    }
}

/// `--set` arguments, then the named flags, as (path, value) pairs for the path language.
fn overrides(sets: &[String], flags: &[(&'static str, Option<u64>)]) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for arg in sets {
        let (path, value) = scenario::split_override(arg).map_err(|m| BadInput(format!("--set {m}")))?;
        out.push((path.to_string(), value.to_string()));
    }
    for (path, value) in flags {
        if let Some(v) = value {
            out.push((path.to_string(), v.to_string()));
        }
    }
    Ok(out)
}

fn load(name: &str, overrides: &[(String, String)]) -> Result<scenario::Scenario> {
    let pairs: Vec<(&str, &str)> = overrides.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
    Ok(scenario::load(name, &pairs)?)
}

fn run(args: RunArgs) -> Result<()> {
    let started = Instant::now();
    let flags = [
        ("simulation.seeds", args.seeds),
        ("simulation.seed", args.seed),
        ("simulation.agents", args.agents),
        ("simulation.months", args.months),
    ];
    let overrides = overrides(&args.overrides.set, &flags)?;
    let s = load(args.scenario.as_deref().unwrap_or("baseline"), &overrides)?;
    let out = args.out.unwrap_or_else(|| PathBuf::from("output").join(&s.name));
    let threads = args.threads.map(usize::from);
    let need =
        output::estimate(&s, threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())));
    if need.memory > output::MEMORY_LIMIT || need.disk > output::DISK_LIMIT {
        return Err(BadInput(format!(
            "this run would need about {} of memory and {} of disk ({} seeds x {} organisations x {} months); the limits are {} and {}: use fewer seeds, organisations or months",
            output::human_bytes(need.memory),
            output::human_bytes(need.disk),
            s.simulation.seeds,
            s.simulation.agents,
            s.simulation.months,
            output::human_bytes(output::MEMORY_LIMIT),
            output::human_bytes(output::DISK_LIMIT)
        ))
        .into());
    }
    if !args.force {
        guard_output_folder(&out, &s.name)?;
    }
    on_interrupt(&out, "files already complete were kept (each is written whole or not at all)");
    let seeds = s.simulation.seeds;
    let bar = progress_bar(seeds, args.quiet);
    let simulating = Instant::now();
    let runs = experiment::run_all(&s, threads, &|_| bar.inc(1))?;
    let simulated = simulating.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let info = output::RunInfo {
        threads: threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        wall_seconds: started.elapsed().as_secs_f64(),
    };
    let writing = Instant::now();
    let data_files = output::data_files(&s, &runs);
    let mut names: Vec<String> = output::DATA_FILES.iter().map(|n| n.to_string()).collect();
    if !args.no_plot {
        for chart in report::CHARTS {
            names.push(format!("{chart}.svg"));
            names.push(format!("{chart}.png"));
        }
        names.push("report.html".into());
    }
    names.push("manifest.json".into());
    let manifest = output::manifest(&s, &runs, &info, names.clone());
    let context = || format!("writing the results of `{}` to {}", s.name, out.display());
    let mut files: Vec<(String, Vec<u8>)> = data_files.iter().map(|(n, b)| (n.to_string(), b.clone())).collect();
    if !args.no_plot {
        // Charts are drawn from the tables as they will be written, exactly as `aiadopt plot`
        // redraws them.
        let data = report::RunData::from_files(&out, manifest.clone(), &data_files).with_context(context)?;
        files.extend(report::render_run(&data, args.measure.into(), report::Format::Both).with_context(context)?);
    }
    // Every file, manifest last, or none: a failure (a full disk) leaves the earlier results
    // as they were.
    files.push(("manifest.json".into(), serde_json::to_vec_pretty(&manifest).unwrap_or_default()));
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    output::write_files(&out, &refs).with_context(context)?;
    if args.timings {
        print_timings(&s, &runs, simulated, writing.elapsed().as_secs_f64())?;
    }
    if !args.quiet {
        summary(&s, &runs, &out, &names, started.elapsed().as_secs_f64())?;
    }
    Ok(())
}

/// `--timings`: phase times summed over replicates (thread time, so they can exceed the wall
/// time when replicates run in parallel), and throughput of the monthly steps.
fn print_timings(s: &scenario::Scenario, runs: &[experiment::Replicate], simulated: f64, writing: f64) -> Result<()> {
    let mut t = aiadopt::model::Timings::default();
    for r in runs {
        t.add(&r.timings);
    }
    let agent_months = s.simulation.agents as f64 * s.simulation.months as f64 * runs.len() as f64;
    let mut e = std::io::stderr().lock();
    writeln!(e, "timings (seconds; phases summed over {} replicate(s)):", runs.len())?;
    for (name, d) in [
        ("setup (population, network, initial state)", t.setup),
        ("events", t.events),
        ("market (vendors, growth)", t.market),
        ("organisations (adoption, choice, tally)", t.organisations),
        ("record", t.record),
    ] {
        writeln!(e, "  {name:<44} {:>9.3}", d.as_secs_f64())?;
    }
    writeln!(e, "  {:<44} {:>9.3}", "simulation wall time", simulated)?;
    writeln!(e, "  {:<44} {:>9.3}", "writing files and charts (wall)", writing)?;
    let stepping = t.stepping().as_secs_f64() / runs.len().max(1) as f64;
    writeln!(
        e,
        "  throughput of the monthly steps: {:.1} million organisation-months per second per replicate",
        agent_months / runs.len().max(1) as f64 / stepping.max(1e-9) / 1e6
    )?;
    Ok(())
}

/// Refuses to write into a folder that holds another scenario's results or files that are not
/// aiadopt's; the same scenario's earlier results are replaced.
fn guard_output_folder(out: &std::path::Path, scenario: &str) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(()) };
    let names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if names.is_empty() {
        return Ok(());
    }
    let manifest =
        std::fs::read(out.join("manifest.json")).ok().and_then(|b| serde_json::from_slice::<output::Manifest>(&b).ok());
    match manifest {
        Some(m) if m.scenario == scenario => Ok(()),
        Some(m) => Err(BadInput(format!(
            "{} holds the results of scenario `{}`; choose another --out, or --force to replace them",
            out.display(),
            m.scenario
        ))
        .into()),
        None => Err(BadInput(format!(
            "{} is not empty and holds no aiadopt run ({} files, e.g. {}); choose another --out, or --force to write there",
            out.display(),
            names.len(),
            names[0]
        ))
        .into()),
    }
}

fn plot(args: PlotArgs) -> Result<()> {
    let data = report::RunData::read(&args.dir)?;
    let format = match args.format {
        FormatArg::Png => report::Format::Png,
        FormatArg::Svg => report::Format::Svg,
        FormatArg::Both => report::Format::Both,
    };
    let written = report::draw_run(&data, &args.dir, args.measure.into(), format)?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "redrew {} files in {}/ ({})", written.len(), args.dir.display(), written.join(", "))?;
    Ok(())
}

/// Some checks failed (exit 1); the table says which.
#[derive(Debug, thiserror::Error)]
#[error("{0} validation check(s) failed; see the table above and {1}")]
struct ChecksFailed(usize, String);

fn validate(args: ValidateArgs) -> Result<()> {
    let settings = aiadopt::validate::Settings { quick: args.quick };
    let interactive = std::io::stderr().is_terminal();
    let v = aiadopt::validate::run(&settings, &|stage| {
        if interactive {
            eprintln!("validating: {stage} ...");
        }
    })?;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("validation.csv".into(), aiadopt::validate::validation_csv(&v)),
        ("validation.md".into(), aiadopt::validate::validation_md(&v, &settings).into_bytes()),
    ];
    for (name, figure) in aiadopt::validate::figures(&v) {
        let svg = aiadopt::plot::render_svg(&figure).with_context(|| format!("drawing {name}"))?;
        let png = aiadopt::plot::render_png(&figure).with_context(|| format!("drawing {name}"))?;
        files.push((format!("{name}.svg"), svg.into_bytes()));
        files.push((format!("{name}.png"), png));
    }
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    output::write_files(&args.out, &refs).with_context(|| format!("writing {}", args.out.display()))?;
    let mut o = std::io::stdout().lock();
    let width = v.checks.iter().map(|c| c.name.chars().count()).max().unwrap_or(10).min(60);
    writeln!(o, "{:<width$}  {:<16} measured (tolerance)", "check", "verdict")?;
    for c in &v.checks {
        let name: String = c.name.chars().take(width).collect();
        writeln!(o, "{name:<width$}  {:<16} {} ({})", c.verdict.name(), c.measured, c.tolerance)?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    writeln!(o, "wrote {}/ ({})", args.out.display(), names.join(", "))?;
    match v.failures() {
        0 => Ok(()),
        n => Err(ChecksFailed(n, args.out.join("validation.md").display().to_string()).into()),
    }
}

fn sweep(args: SweepArgs) -> Result<()> {
    let shard = match &args.shard {
        Some(text) => aiadopt::sweep::Shard::parse(text)
            .ok_or_else(|| BadInput(format!("--shard {text}: expected I/N with 1 <= I <= N, like 3/10")))?,
        None => aiadopt::sweep::Shard::ALL,
    };
    let plan = aiadopt::sweep::load(&args.file)?;
    let out = args.out.unwrap_or_else(|| PathBuf::from("output").join(&plan.name));
    let opts = aiadopt::sweep::Options {
        threads: args.threads.map(usize::from),
        shard,
        resume: args.resume,
        force: args.force,
        sweep_text: std::fs::read_to_string(&args.file).unwrap_or_default(),
    };
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} runs · {per_sec} · {elapsed} elapsed · eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    };
    on_interrupt(&out, "the runs finished so far were kept in sweep.csv; continue with --resume");
    let m = aiadopt::sweep::run(&plan, &out, &opts, &|done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        let mut o = std::io::stdout().lock();
        writeln!(
            o,
            "{}: {} ({} points x {} replicates = {} runs; shard {}/{}: {} runs) in {:.1} s",
            m.sweep,
            m.design,
            m.points,
            m.replicates,
            m.runs_total,
            m.shard_index,
            m.shard_count,
            m.runs_in_folder,
            m.wall_seconds
        )?;
        writeln!(o, "wrote {}/ ({})", out.display(), m.files.join(", "))?;
    }
    Ok(())
}

fn merge(args: MergeArgs) -> Result<()> {
    let m = aiadopt::sweep::merge(&args.dirs, &args.out)?;
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "merged {} shards of {} ({} runs): wrote {}/ ({})",
        args.dirs.len(),
        m.sweep,
        m.runs_total,
        args.out.display(),
        m.files.join(", ")
    )?;
    Ok(())
}

fn compare(args: CompareArgs) -> Result<()> {
    let written = report::compare(&args.dirs, &args.out, args.measure.into())?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "compared {} runs: wrote {}/ ({})", args.dirs.len(), args.out.display(), written.join(", "))?;
    Ok(())
}

/// A few lines for the terminal: where the files are and the headline figure.
fn summary(
    s: &scenario::Scenario,
    runs: &[experiment::Replicate],
    out: &std::path::Path,
    files: &[String],
    seconds: f64,
) -> Result<()> {
    let last = s.simulation.months as usize;
    let median = |step: usize| {
        let v: Vec<f64> =
            runs.iter().map(|r| output::region_metrics(s, &r.records[step], None).open_share_usage).collect();
        output::describe(&v)[2] * 100.0
    };
    let mut o = std::io::stdout().lock();
    writeln!(
        o,
        "{}: {} seeds x {} organisations x {} months in {seconds:.1} s",
        s.name, s.simulation.seeds, s.simulation.agents, s.simulation.months
    )?;
    writeln!(
        o,
        "world open-weight share of AI use (tokens), median across seeds: {:.1}% in {} -> {:.1}% in {}",
        median(0),
        s.simulation.start,
        median(last),
        s.end()
    )?;
    writeln!(o, "wrote {} files to {}/ ({})", files.len(), out.display(), files.join(", "))?;
    Ok(())
}

fn progress_bar(runs: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(runs);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} runs · {elapsed} elapsed · eta {eta}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn check(args: CheckArgs) -> Result<()> {
    let overrides = overrides(&args.overrides.set, &[])?;
    let s = load(&args.scenario, &overrides)?;
    let mut o = std::io::stdout().lock();
    writeln!(o, "# {} is valid; every key below is resolved (defaults, parents and --set applied).", s.name)?;
    o.write_all(scenario::to_toml_string(&s).as_bytes())?;
    o.flush()?;
    Ok(())
}

fn list_scenarios() -> Result<()> {
    let mut o = std::io::stdout().lock();
    for shipped in embedded::SHIPPED {
        let name = shipped.file.trim_end_matches(".toml");
        writeln!(o, "{name:<18} {}", embedded::summary(shipped))?;
    }
    Ok(())
}
