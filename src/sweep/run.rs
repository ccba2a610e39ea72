//! Running a sweep: every (point, replicate) in parallel batches, rows streamed to sweep.csv in
//! run order (so the file is the same for any thread count or shard split), resumable; then
//! the per-point summary, sensitivity indices and charts. Also merging shard folders.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::experiment::run_replicate;
use crate::output::{OutputError, describe, ensure_dir, quantile, write_atomic};
use crate::plot::{
    AxisFormat, Figure, Frame, HeatmapChart, IntervalChart, IntervalRow, SeriesColor, XyChart, XySeries, XyStyle,
};
use crate::scenario::{self, value::fmt_num};

use super::design::{self, Design, ParamSpec};
use super::outcomes;
use super::plan::{self, Plan};
use super::sensitivity;

/// Which part of the runs this process does: shard `index` (1-based) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub const ALL: Shard = Shard { index: 1, count: 1 };
    pub fn parse(text: &str) -> Option<Shard> {
        let (i, n) = text.split_once('/')?;
        let (index, count) = (i.trim().parse().ok()?, n.trim().parse().ok()?);
        (count >= 1 && (1..=count).contains(&index)).then_some(Shard { index, count })
    }
    /// Run ids are dealt round-robin, so every shard gets a share of every point.
    pub fn owns(&self, run: u64) -> bool {
        run % self.count == self.index - 1
    }
}

#[derive(Clone, Debug)]
pub struct Options {
    pub threads: Option<usize>,
    pub shard: Shard,
    pub resume: bool,
    pub force: bool,
    /// The sweep file's text, kept in the manifest so that `merge` can rebuild the plan.
    pub sweep_text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error(transparent)]
    Plan(#[from] plan::PlanError),
    #[error(transparent)]
    Write(#[from] OutputError),
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Refused before running: mixing sweeps, overwriting, incomplete shards.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// `manifest.json` of a sweep folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepManifest {
    pub aiadopt_version: String,
    pub sweep: String,
    pub sweep_sha256: String,
    pub design: String,
    pub params: Vec<String>,
    pub points: usize,
    pub replicates: u64,
    pub seed: u64,
    pub metrics_at: Vec<String>,
    pub runs_total: u64,
    pub shard_index: u64,
    pub shard_count: u64,
    pub runs_in_folder: u64,
    pub complete: bool,
    pub threads: usize,
    pub wall_seconds: f64,
    pub files: Vec<String>,
    pub sweep_text: String,
    pub resolved_scenario: String,
}

fn header(plan: &Plan) -> Vec<String> {
    let mut h: Vec<String> = ["run", "point", "replicate", "seed"].iter().map(|s| s.to_string()).collect();
    h.extend(plan.params.iter().map(|p| p.path.clone()));
    h.extend(outcomes::names(plan));
    h
}

fn value_text(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| format!("{v:.6}"))
}

/// One run: simulate, measure, format its CSV line.
fn run_line(plan: &Plan, run: u64) -> String {
    let point = (run / plan.replicates) as usize;
    let replicate = run % plan.replicates;
    let mut s = plan.scenario_at(point);
    s.simulation.seed = plan.seed;
    let r = run_replicate(&s, replicate);
    let mut fields = vec![run.to_string(), point.to_string(), replicate.to_string(), r.seed.to_string()];
    fields.extend(plan.points[point].iter().map(|x| fmt_num(*x)));
    fields.extend(outcomes::of_run(plan, &s, &r).into_iter().map(value_text));
    let mut line = fields.join(",");
    line.push('\n');
    line
}

fn manifest(
    plan: &Plan,
    opts: &Options,
    runs_in_folder: u64,
    complete: bool,
    wall: f64,
    files: Vec<String>,
) -> SweepManifest {
    SweepManifest {
        aiadopt_version: env!("CARGO_PKG_VERSION").into(),
        sweep: plan.name.clone(),
        sweep_sha256: plan.hash(),
        design: design::describe(&plan.design),
        params: plan.params.iter().map(|p| p.path.clone()).collect(),
        points: plan.points.len(),
        replicates: plan.replicates,
        seed: plan.seed,
        metrics_at: plan.metrics_at.iter().map(|m| m.to_string()).collect(),
        runs_total: plan.runs(),
        shard_index: opts.shard.index,
        shard_count: opts.shard.count,
        runs_in_folder,
        complete,
        threads: opts.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        wall_seconds: (wall * 1000.0).round() / 1000.0,
        files,
        sweep_text: opts.sweep_text.clone(),
        resolved_scenario: scenario::to_toml_string(&plan.scenario),
    }
}

fn write_manifest(dir: &Path, m: &SweepManifest) -> Result<(), SweepError> {
    Ok(write_atomic(&dir.join("manifest.json"), &serde_json::to_vec_pretty(m).unwrap_or_default())?)
}

pub fn read_manifest(dir: &Path) -> Result<SweepManifest, SweepError> {
    let path = dir.join("manifest.json");
    let bytes = std::fs::read(&path).map_err(|source| SweepError::Read { path: path.clone(), source })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| SweepError::Invalid(format!("{}: not an aiadopt sweep manifest: {e}", path.display())))
}

/// Lines of an existing sweep.csv that are whole rows of this sweep, in order; a torn last
/// line (no newline) is dropped.
fn completed_lines(path: &Path, header_line: &str) -> Result<Vec<String>, SweepError> {
    let text = std::fs::read_to_string(path).map_err(|source| SweepError::Read { path: path.to_path_buf(), source })?;
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(h) if h.trim_end() == header_line => {}
        _ => return Err(SweepError::Refused(format!("{} has another header: it is not this sweep's", path.display()))),
    }
    Ok(lines.filter(|l| l.ends_with('\n')).map(|l| l.to_string()).collect())
}

/// Runs a sweep (or one shard of it) into `out`, calling `progress(done, total)`.
pub fn run(
    plan: &Plan,
    out: &Path,
    opts: &Options,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<SweepManifest, SweepError> {
    let started = std::time::Instant::now();
    let csv_path = out.join("sweep.csv");
    if let Ok(existing) = read_manifest(out) {
        if existing.sweep_sha256 != plan.hash() && !opts.force {
            return Err(SweepError::Refused(format!(
                "{} holds another sweep ({}); choose another --out, or --force to replace it",
                out.display(),
                existing.sweep
            )));
        }
        if (existing.shard_index, existing.shard_count) != (opts.shard.index, opts.shard.count) && !opts.force {
            return Err(SweepError::Refused(format!(
                "{} holds shard {}/{} of this sweep, not {}/{}",
                out.display(),
                existing.shard_index,
                existing.shard_count,
                opts.shard.index,
                opts.shard.count
            )));
        }
    }
    if csv_path.exists() && !opts.resume && !opts.force {
        return Err(SweepError::Refused(format!(
            "{} already exists: --resume to continue it, --force to start again, or choose another --out",
            csv_path.display()
        )));
    }
    ensure_dir(out)?;
    let header_line = header(plan).join(",");
    let mine: Vec<u64> = (0..plan.runs()).filter(|r| opts.shard.owns(*r)).collect();
    let kept = if opts.resume && csv_path.exists() { completed_lines(&csv_path, &header_line)? } else { Vec::new() };
    // Rows are written in run order, so what is kept must be a prefix of this shard's runs.
    let mut done = 0usize;
    for line in &kept {
        let id = line.split(',').next().and_then(|f| f.parse::<u64>().ok());
        if done < mine.len() && id == Some(mine[done]) {
            done += 1;
        } else {
            break;
        }
    }
    let mut content = format!("{header_line}\n");
    for line in &kept[..done] {
        content.push_str(line);
    }
    write_atomic(&csv_path, content.as_bytes())?;
    write_manifest(
        out,
        &manifest(plan, opts, done as u64, false, 0.0, vec!["sweep.csv".into(), "manifest.json".into()]),
    )?;

    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().map_err(|e| SweepError::Threads(e.to_string()))?;
    let mut file = OpenOptions::new()
        .append(true)
        .open(&csv_path)
        .map_err(|source| SweepError::Read { path: csv_path.clone(), source })?;
    let batch = pool.current_num_threads().max(1) * 4;
    let total = mine.len() as u64;
    progress(done as u64, total);
    for ids in mine[done..].chunks(batch) {
        let lines: Vec<String> = pool.install(|| ids.par_iter().map(|&r| run_line(plan, r)).collect());
        let bytes: String = lines.concat();
        file.write_all(bytes.as_bytes())
            .and_then(|_| file.flush())
            .map_err(|source| OutputError::Write { path: csv_path.clone(), source })?;
        done += ids.len();
        progress(done as u64, total);
    }
    drop(file);
    let mut files = vec!["sweep.csv".to_string()];
    if opts.shard.count == 1 {
        files.extend(summarise(plan, out)?);
    }
    files.push("manifest.json".into());
    let m = manifest(plan, opts, done as u64, true, started.elapsed().as_secs_f64(), files);
    write_manifest(out, &m)?;
    Ok(m)
}

/// Per point: the parameter values and, for every outcome, its values across replicates.
struct PointData {
    values: Vec<f64>,
    outcomes: Vec<Vec<Option<f64>>>,
}

/// Reads a complete sweep.csv back, point by point.
fn read_points(plan: &Plan, path: &Path) -> Result<Vec<PointData>, SweepError> {
    let names = outcomes::names(plan);
    let width = 4 + plan.params.len() + names.len();
    let mut reader = csv::ReaderBuilder::new()
        .from_path(path)
        .map_err(|e| SweepError::Invalid(format!("{}: {e}", path.display())))?;
    let mut points: Vec<PointData> =
        plan.points.iter().map(|v| PointData { values: v.clone(), outcomes: vec![Vec::new(); names.len()] }).collect();
    let mut seen = 0u64;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SweepError::Invalid(format!("{} line {}: {e}", path.display(), i + 2)))?;
        if record.len() != width {
            return Err(SweepError::Invalid(format!("{} line {}: expected {width} fields", path.display(), i + 2)));
        }
        let run: u64 = record[0]
            .parse()
            .map_err(|_| SweepError::Invalid(format!("{} line {}: bad run id", path.display(), i + 2)))?;
        if run != seen {
            return Err(SweepError::Invalid(format!(
                "{} line {}: expected run {seen}, found {run}",
                path.display(),
                i + 2
            )));
        }
        seen += 1;
        let point = (run / plan.replicates) as usize;
        for (j, field) in record.iter().skip(4 + plan.params.len()).enumerate() {
            let v = if field.is_empty() { None } else { field.parse::<f64>().ok().filter(|x| x.is_finite()) };
            points[point].outcomes[j].push(v);
        }
    }
    if seen != plan.runs() {
        return Err(SweepError::Invalid(format!("{}: {} of {} runs are present", path.display(), seen, plan.runs())));
    }
    Ok(points)
}

/// Mean, p05, p50, p95 of values where a missing value (never tipped) counts as beyond every
/// other; a statistic that lands on a missing value is itself missing.
fn stats(values: &[Option<f64>]) -> [Option<f64>; 4] {
    let mut v: Vec<f64> = values.iter().map(|x| x.unwrap_or(f64::INFINITY)).collect();
    v.sort_by(f64::total_cmp);
    let mean = if v.iter().all(|x| x.is_finite()) { Some(describe(&v)[0]) } else { None };
    let q = |p: f64| Some(quantile(&v, p)).filter(|x| x.is_finite());
    [mean, q(0.05), q(0.5), q(0.95)]
}

/// points.csv, sensitivity.csv and the charts of a complete sweep folder; returns file names.
pub fn summarise(plan: &Plan, out: &Path) -> Result<Vec<String>, SweepError> {
    let points = read_points(plan, &out.join("sweep.csv"))?;
    let names = outcomes::names(plan);
    let mut files = Vec::new();

    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut head = vec!["point".to_string()];
    head.extend(plan.params.iter().map(|p| p.path.clone()));
    head.extend(["metric", "mean", "p05", "p50", "p95"].map(String::from));
    w.write_record(&head).expect("csv to memory");
    for (i, p) in points.iter().enumerate() {
        for (j, name) in names.iter().enumerate() {
            let mut row = vec![i.to_string()];
            row.extend(p.values.iter().map(|x| fmt_num(*x)));
            row.push(name.clone());
            row.extend(stats(&p.outcomes[j]).into_iter().map(value_text));
            w.write_record(&row).expect("csv to memory");
        }
    }
    write_atomic(&out.join("points.csv"), &w.into_inner().unwrap_or_default())?;
    files.push("points.csv".to_string());

    // The headline outcome: the world's open share by usage at the last recorded month.
    let last = plan.metrics_at.last().copied().unwrap_or(plan.scenario.end());
    let headline = format!("{last}.world.open_share_usage");
    let world: Vec<usize> = names.iter().enumerate().filter(|(_, n)| n.contains(".world.")).map(|(i, _)| i).collect();
    let mean_of = |p: &PointData, j: usize| -> f64 {
        let v: Vec<f64> = p.outcomes[j].iter().flatten().copied().collect();
        v.iter().sum::<f64>() / v.len().max(1) as f64
    };
    let mut tornado: Option<IntervalChart> = None;
    match plan.design {
        Design::Sobol { .. } | Design::Morris { .. } => {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
            let sobol = matches!(plan.design, Design::Sobol { .. });
            let head: &[&str] = if sobol {
                &["metric", "param", "first_order", "first_low", "first_high", "total", "total_low", "total_high"]
            } else {
                &["metric", "param", "mu_star", "mu", "sigma"]
            };
            w.write_record(head).expect("csv to memory");
            for &j in &world {
                let outputs: Vec<f64> = points.iter().map(|p| mean_of(p, j)).collect();
                let k = plan.params.len();
                if sobol {
                    let Ok(ix) = sensitivity::sobol_indices(&outputs, k, 500, plan.seed) else { continue };
                    for (i, p) in plan.params.iter().enumerate() {
                        let row = [
                            names[j].clone(),
                            p.path.clone(),
                            format!("{:.6}", ix.first[i]),
                            format!("{:.6}", ix.first_ci[i].0),
                            format!("{:.6}", ix.first_ci[i].1),
                            format!("{:.6}", ix.total[i]),
                            format!("{:.6}", ix.total_ci[i].0),
                            format!("{:.6}", ix.total_ci[i].1),
                        ];
                        w.write_record(&row).expect("csv to memory");
                    }
                    if names[j] == headline {
                        tornado = Some(tornado_chart(
                            plan,
                            "Total Sobol index",
                            &(0..k).map(|i| (ix.total[i], ix.total_ci[i].0, ix.total_ci[i].1)).collect::<Vec<_>>(),
                        ));
                    }
                } else {
                    let unit = plan.unit_points.as_deref().unwrap_or(&[]);
                    let trajectories = match plan.design {
                        Design::Morris { trajectories, .. } => trajectories,
                        _ => 0,
                    };
                    let Ok(ix) = sensitivity::morris_indices(unit, &outputs, k, trajectories) else { continue };
                    for (i, p) in plan.params.iter().enumerate() {
                        let row = [
                            names[j].clone(),
                            p.path.clone(),
                            format!("{:.6}", ix.mu_star[i]),
                            format!("{:.6}", ix.mu[i]),
                            format!("{:.6}", ix.sigma[i]),
                        ];
                        w.write_record(&row).expect("csv to memory");
                    }
                    if names[j] == headline {
                        tornado = Some(tornado_chart(
                            plan,
                            "Morris mu* (mean absolute elementary effect)",
                            &(0..k)
                                .map(|i| {
                                    (ix.mu_star[i], (ix.mu_star[i] - ix.sigma[i]).max(0.0), ix.mu_star[i] + ix.sigma[i])
                                })
                                .collect::<Vec<_>>(),
                        ));
                    }
                }
            }
            write_atomic(&out.join("sensitivity.csv"), &w.into_inner().unwrap_or_default())?;
            files.push("sensitivity.csv".to_string());
        }
        _ => {}
    }

    let h = names.iter().position(|n| *n == headline).unwrap_or(0);
    let mut figures: Vec<(String, Figure)> = Vec::new();
    let frame = |title: String| Frame {
        title,
        subtitle: format!(
            "Sweep: {} · {} · {} replicates per point · world open share by usage, {last}",
            plan.name,
            design::describe(&plan.design),
            plan.replicates
        ),
        source: format!("aiadopt {} · sweep sha256 {}", env!("CARGO_PKG_VERSION"), &plan.hash()[..12]),
    };
    let median = |p: &PointData| stats(&p.outcomes[h])[2].unwrap_or(f64::NAN);
    if plan.params.len() == 1 {
        let mut order: Vec<usize> = (0..points.len()).collect();
        order.sort_by(|&a, &b| points[a].values[0].total_cmp(&points[b].values[0]));
        let line = |q: usize| -> Vec<(f64, f64)> {
            order.iter().filter_map(|&i| stats(&points[i].outcomes[h])[q].map(|y| (points[i].values[0], y))).collect()
        };
        figures.push((
            "sweep".into(),
            XyChart {
                frame: frame(format!("World open share against {}", plan.params[0].path)),
                x_label: plan.params[0].path.clone(),
                y_label: "World open share by usage (%)".into(),
                x_format: AxisFormat::Plain,
                y_format: AxisFormat::Percent,
                x_range: None,
                y_range: Some((0.0, 1.0)),
                series: vec![
                    XySeries {
                        label: "median".into(),
                        color: SeriesColor::Open,
                        style: XyStyle::LineAndPoints,
                        points: line(2),
                    },
                    XySeries {
                        label: "5th and 95th percentile".into(),
                        color: SeriesColor::Open,
                        style: XyStyle::DashedLine,
                        points: line(1),
                    },
                    XySeries {
                        label: "5th and 95th percentile".into(),
                        color: SeriesColor::Open,
                        style: XyStyle::DashedLine,
                        points: line(3),
                    },
                ],
            }
            .into(),
        ));
    } else if plan.params.len() == 2 && matches!(plan.design, Design::Grid) {
        let axis = |i: usize| match &plan.params[i].spec {
            ParamSpec::Values(v) => v.clone(),
            ParamSpec::Range { low, high, .. } => vec![*low, *high],
        };
        let (xs, ys) = (axis(0), axis(1));
        let values: Vec<Vec<f64>> = (0..ys.len())
            .map(|yi| (0..xs.len()).map(|xi| points.get(xi * ys.len() + yi).map_or(f64::NAN, median)).collect())
            .collect();
        figures.push((
            "sweep".into(),
            HeatmapChart {
                frame: frame(format!("World open share by {} and {}", plan.params[0].path, plan.params[1].path)),
                x_label: plan.params[0].path.clone(),
                y_label: plan.params[1].path.clone(),
                x_values: xs,
                y_values: ys,
                values,
                value_label: "World open share, median (%)".into(),
                value_format: AxisFormat::Percent,
                value_range: Some((0.0, 1.0)),
            }
            .into(),
        ));
    } else {
        for (i, p) in plan.params.iter().enumerate() {
            let scatter: Vec<(f64, f64)> =
                points.iter().map(|pt| (pt.values[i], median(pt))).filter(|(_, y)| y.is_finite()).collect();
            let trend = trend_line(&scatter);
            let mut series = vec![XySeries {
                label: "points (median of replicates)".into(),
                color: SeriesColor::Palette(2),
                style: XyStyle::Points,
                points: scatter,
            }];
            if let Some(t) = trend {
                series.push(XySeries {
                    label: "least-squares trend".into(),
                    color: SeriesColor::Proprietary,
                    style: XyStyle::Line,
                    points: t,
                });
            }
            figures.push((
                format!("sweep_{}", i + 1),
                XyChart {
                    frame: frame(format!("World open share against {}", p.path)),
                    x_label: p.path.clone(),
                    y_label: "World open share by usage (%)".into(),
                    x_format: AxisFormat::Plain,
                    y_format: AxisFormat::Percent,
                    x_range: None,
                    y_range: Some((0.0, 1.0)),
                    series,
                }
                .into(),
            ));
        }
    }
    if let Some(t) = tornado {
        figures.push(("sensitivity".into(), t.into()));
    }
    for (name, figure) in figures {
        let svg = crate::plot::render_svg(&figure).map_err(|e| SweepError::Invalid(format!("drawing {name}: {e}")))?;
        let png = crate::plot::render_png(&figure).map_err(|e| SweepError::Invalid(format!("drawing {name}: {e}")))?;
        write_atomic(&out.join(format!("{name}.svg")), svg.as_bytes())?;
        write_atomic(&out.join(format!("{name}.png")), &png)?;
        files.push(format!("{name}.svg"));
        files.push(format!("{name}.png"));
    }
    Ok(files)
}

/// The least-squares line through points, drawn across their x range.
fn trend_line(points: &[(f64, f64)]) -> Option<Vec<(f64, f64)>> {
    let n = points.len() as f64;
    if n < 2.0 {
        return None;
    }
    let (mx, my) = (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n);
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / sxx;
    let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.0)));
    Some(vec![(lo, my + slope * (lo - mx)), (hi, my + slope * (hi - mx))])
}

fn tornado_chart(plan: &Plan, what: &str, rows: &[(f64, f64, f64)]) -> IntervalChart {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[b].0.total_cmp(&rows[a].0));
    IntervalChart {
        frame: Frame {
            title: "Which assumption drives the result".into(),
            subtitle: format!(
                "Sweep: {} · {what} for the world open share by usage, {} · interval: {}",
                plan.name,
                plan.metrics_at.last().map(|m| m.to_string()).unwrap_or_default(),
                if matches!(plan.design, Design::Sobol { .. }) { "95% bootstrap" } else { "mu* ± sigma" }
            ),
            source: format!("aiadopt {} · sweep sha256 {}", env!("CARGO_PKG_VERSION"), &plan.hash()[..12]),
        },
        x_label: what.into(),
        x_format: AxisFormat::Plain,
        reference: Some(0.0),
        rows: order
            .iter()
            .map(|&i| {
                let (e, lo, hi) = rows[i];
                IntervalRow {
                    label: plan.params[i].path.clone(),
                    estimate: e,
                    low: lo.min(e),
                    high: hi.max(e),
                    color: SeriesColor::Palette(2),
                    note: format!("{e:.3}"),
                }
            })
            .collect(),
        legend: Vec::new(),
    }
}

/// Joins shard folders of one sweep into `out`: checks they are the same sweep, that every
/// shard is there once and complete, interleaves their rows in run order, and summarises.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<SweepManifest, SweepError> {
    let manifests = dirs.iter().map(|d| read_manifest(d)).collect::<Result<Vec<_>, _>>()?;
    let Some(first) = manifests.first() else {
        return Err(SweepError::Refused("merge needs at least one shard folder".into()));
    };
    for (m, d) in manifests.iter().zip(dirs) {
        if m.sweep_sha256 != first.sweep_sha256 {
            return Err(SweepError::Refused(format!(
                "{} is a different sweep ({}) from {} ({})",
                d.display(),
                m.sweep,
                dirs[0].display(),
                first.sweep
            )));
        }
        if m.shard_count != first.shard_count {
            return Err(SweepError::Refused(format!(
                "{} was split into {} shards, not {}",
                d.display(),
                m.shard_count,
                first.shard_count
            )));
        }
        if !m.complete {
            return Err(SweepError::Refused(format!(
                "shard {}/{} in {} is not complete: finish it with --resume",
                m.shard_index,
                m.shard_count,
                d.display()
            )));
        }
    }
    let n = first.shard_count;
    for i in 1..=n {
        match manifests.iter().filter(|m| m.shard_index == i).count() {
            0 => return Err(SweepError::Refused(format!("shard {i}/{n} is missing"))),
            1 => {}
            _ => return Err(SweepError::Refused(format!("shard {i}/{n} is given twice"))),
        }
    }
    let scenario = scenario::from_str(&first.resolved_scenario, "merged")
        .map_err(|e| SweepError::Invalid(format!("the manifest's scenario is not valid: {e}")))?;
    let plan = plan::from_text_and_scenario(&first.sweep_text, &first.sweep, &first.sweep, scenario)?;
    let header_line = header(&plan).join(",");
    let mut shards: Vec<(u64, Vec<String>)> = Vec::new();
    for (m, d) in manifests.iter().zip(dirs) {
        shards.push((m.shard_index, completed_lines(&d.join("sweep.csv"), &header_line)?));
    }
    shards.sort_by_key(|(i, _)| *i);
    let mut content = format!("{header_line}\n");
    for run in 0..plan.runs() {
        let (shard, rank) = ((run % n) as usize, (run / n) as usize);
        let line = shards[shard]
            .1
            .get(rank)
            .ok_or_else(|| SweepError::Invalid(format!("shard {} lacks run {run}", shard + 1)))?;
        if line.split(',').next() != Some(run.to_string().as_str()) {
            return Err(SweepError::Invalid(format!(
                "shard {} has an unexpected row where run {run} belongs",
                shard + 1
            )));
        }
        content.push_str(line);
    }
    ensure_dir(out)?;
    write_atomic(&out.join("sweep.csv"), content.as_bytes())?;
    let mut files = vec!["sweep.csv".to_string()];
    files.extend(summarise(&plan, out)?);
    files.push("manifest.json".into());
    let opts =
        Options { threads: None, shard: Shard::ALL, resume: false, force: false, sweep_text: first.sweep_text.clone() };
    let m = manifest(&plan, &opts, plan.runs(), true, manifests.iter().map(|m| m.wall_seconds).sum(), files);
    write_manifest(out, &m)?;
    Ok(m)
}
