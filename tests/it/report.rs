//! Charts, `plot`, `compare` and report.html as a user meets them.

use std::path::Path;
use std::process::{Command, Output};

use aiadopt::report::CHARTS;

fn aiadopt(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiadopt")).args(args).current_dir(dir).output().expect("aiadopt runs")
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A small run of a shipped scenario into `dir/name`.
fn small_run(dir: &Path, scenario: &str, name: &str) {
    ok(aiadopt(
        &["run", scenario, "--seeds", "3", "--agents", "3000", "--months", "48", "--quiet", "--out", name],
        dir,
    ));
}

#[test]
fn run_draws_every_chart_and_each_svg_names_its_title_axes_and_series() {
    let tmp = tempfile::tempdir().unwrap();
    small_run(tmp.path(), "baseline", "b");
    let out = tmp.path().join("b");
    for chart in CHARTS {
        let png = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}.png is a PNG");
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{chart}.svg is an SVG");
        assert!(svg.contains("Scenario: baseline") && svg.contains("3 seeds"), "{chart}: subtitle");
        assert!(svg.contains("aiadopt "), "{chart}: source line");
    }
    let read = |c: &str| std::fs::read_to_string(out.join(format!("{c}.svg"))).unwrap();
    let share = read("open_share");
    for text in ["Open-weight", "Proprietary", "Share of tokens used by adopters (%)", "usage (tokens)"] {
        assert!(share.contains(text), "open_share lacks {text}");
    }
    let vendors = read("vendor_shares");
    for v in ["us-frontier (closed)", "cn-open (open)", "eu-open (open)", "cn-closed (closed)"] {
        assert!(vendors.contains(v), "vendor_shares lacks {v}");
    }
    let origins = read("origin_shares");
    for o in ["United States (us)", "China (cn)", "Europe (eu)", "World", "Sub-Saharan Africa"] {
        assert!(origins.contains(o), "origin_shares lacks {o}");
    }
    let regions = read("open_share_by_region");
    for r in ["World", "China", "India", "Sub-Saharan Africa", "Latin America", "UK/Canada/Australia/NZ"] {
        assert!(regions.contains(r), "open_share_by_region lacks {r}");
    }
    assert!(read("adoption_by_region").contains("Share of organisations using any AI (%)"));
    let state = read("vendor_state");
    assert!(state.contains("Capability") && state.contains("USD per million tokens (log scale)"));
    let tipping = read("tipping");
    assert!(tipping.contains("First month with an open-weight share above 50%"));
}

#[test]
fn plot_redraws_exactly_what_run_drew() {
    let tmp = tempfile::tempdir().unwrap();
    small_run(tmp.path(), "price-war", "r");
    let out = tmp.path().join("r");
    let mut drawn = Vec::new();
    for chart in CHARTS {
        for ext in ["svg", "png"] {
            let f = out.join(format!("{chart}.{ext}"));
            drawn.push((f.clone(), std::fs::read(&f).unwrap()));
            std::fs::remove_file(&f).unwrap();
        }
    }
    let report = std::fs::read(out.join("report.html")).unwrap();
    std::fs::remove_file(out.join("report.html")).unwrap();
    ok(aiadopt(&["plot", "r"], tmp.path()));
    for (f, bytes) in drawn {
        assert!(std::fs::read(&f).unwrap() == bytes, "{} differs when redrawn", f.display());
    }
    assert!(std::fs::read(out.join("report.html")).unwrap() == report, "report.html differs when redrawn");
    ok(aiadopt(&["plot", "r", "--measure", "spend", "--format", "svg"], tmp.path()));
    assert!(std::fs::read_to_string(out.join("open_share.svg")).unwrap().contains("spend (USD)"));
}

#[test]
fn plot_names_the_file_and_line_of_a_bad_table() {
    let tmp = tempfile::tempdir().unwrap();
    small_run(tmp.path(), "baseline", "b");
    let ts = tmp.path().join("b/timeseries.csv");
    let text = std::fs::read_to_string(&ts).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[4] = lines[4].replacen(",0.", ",zero.", 1);
    std::fs::write(&ts, lines.join("\n") + "\n").unwrap();
    let o = aiadopt(&["plot", "b"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("timeseries.csv line 5") && err.contains("is not a finite number"), "{err}");

    lines[4] = text.lines().nth(4).unwrap().to_string();
    lines.truncate(10);
    std::fs::write(&ts, lines.join("\n") + "\n").unwrap();
    let err = String::from_utf8_lossy(&aiadopt(&["plot", "b"], tmp.path()).stderr).into_owned();
    assert!(err.contains("timeseries.csv") && err.contains("rows are missing"), "{err}");

    std::fs::remove_file(tmp.path().join("b/vendors.csv")).unwrap();
    let o = aiadopt(&["plot", "b"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("vendors.csv"));
    let o = aiadopt(&["plot", "nowhere"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nowhere/manifest.json"));
}

#[test]
fn compare_lists_every_run() {
    let tmp = tempfile::tempdir().unwrap();
    small_run(tmp.path(), "baseline", "a");
    small_run(tmp.path(), "price-war", "b");
    ok(aiadopt(&["compare", "a", "b", "--out", "cmp"], tmp.path()));
    let csv = std::fs::read_to_string(tmp.path().join("cmp/compare.csv")).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "run,scenario,folder,measure,start_p50,final_p05,final_p50,final_p95,tipping_p05,tipping_p50,tipping_p95"
    );
    assert_eq!(csv.lines().count(), 1 + 2 * 3);
    assert!(csv.contains("\nbaseline,baseline,a,usage,") && csv.contains("\nprice-war,price-war,b,usage,"));
    let svg = std::fs::read_to_string(tmp.path().join("cmp/compare.svg")).unwrap();
    assert!(svg.contains("baseline") && svg.contains("price-war"));
    let html = std::fs::read_to_string(tmp.path().join("cmp/compare.html")).unwrap();
    assert!(html.contains("baseline") && html.contains("price-war") && html.contains("<svg"));
    assert!(tmp.path().join("cmp/compare.png").is_file());

    small_run(tmp.path(), "baseline", "c");
    ok(aiadopt(
        &["run", "baseline", "--seeds", "1", "--agents", "500", "--months", "12", "--quiet", "--out", "short"],
        tmp.path(),
    ));
    let o = aiadopt(&["compare", "a", "short"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("same months"));
}

#[test]
fn the_report_holds_every_chart_and_the_numbers_of_summary_csv() {
    let tmp = tempfile::tempdir().unwrap();
    small_run(tmp.path(), "security-bans", "s");
    let out = tmp.path().join("s");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<script"), "no scripts");
    for fetch in ["src=", "<link", "@import", "url("] {
        assert!(!html.contains(fetch), "nothing is fetched ({fetch})");
    }
    for chart in CHARTS {
        assert!(html.contains(&format!("<figure id=\"chart-{chart}\">\n<svg")), "{chart} inlined");
    }
    assert!(html.contains("Chinese-origin AI banned in critical sectors"), "the events timeline");
    // Every region's final open share by usage, as summary.csv gives it.
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let last = "2029-01"; // 48 months after 2025-01
    let mut checked = 0;
    for line in summary.lines().filter(|l| l.contains(&format!(",{last},")) && l.contains(",open_share_usage,")) {
        let f: Vec<&str> = line.split(',').collect();
        let (p05, p50, p95): (f64, f64, f64) = (f[5].parse().unwrap(), f[6].parse().unwrap(), f[7].parse().unwrap());
        let cell = format!("{:.1}% ({:.1}–{:.1})", p50 * 100.0, p05 * 100.0, p95 * 100.0);
        assert!(html.contains(&cell), "report lacks {} {cell}", f[2]);
        checked += 1;
    }
    assert_eq!(checked, 14, "world and 13 regions");
    for text in ["Provenance", "scenario SHA-256", "Key parameters", "When open-weight models pass half"] {
        assert!(html.contains(text), "report lacks {text}");
    }
}

#[test]
fn no_plot_writes_tables_only() {
    let tmp = tempfile::tempdir().unwrap();
    ok(aiadopt(
        &["run", "--seeds", "1", "--agents", "500", "--months", "6", "--quiet", "--no-plot", "--out", "t"],
        tmp.path(),
    ));
    assert!(tmp.path().join("t/timeseries.csv").is_file() && tmp.path().join("t/manifest.json").is_file());
    assert!(!tmp.path().join("t/open_share.png").exists() && !tmp.path().join("t/report.html").exists());
    ok(aiadopt(&["plot", "t"], tmp.path()));
    assert!(tmp.path().join("t/report.html").is_file());
}

#[test]
fn validate_quick_writes_its_table_and_charts_and_exits_0() {
    let tmp = tempfile::tempdir().unwrap();
    let o = ok(aiadopt(&["validate", "--quick", "--out", "v"], tmp.path()));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Bass curve") && stdout.contains("A16") && stdout.contains("verdict"), "{stdout}");
    let csv = std::fs::read_to_string(tmp.path().join("v/validation.csv")).unwrap();
    assert_eq!(csv.lines().next().unwrap(), "family,check,expected,measured,tolerance,verdict,note");
    assert!(csv.lines().filter(|l| l.starts_with("argument,")).count() == 16);
    for f in [
        "validation.md",
        "bass.png",
        "bass.svg",
        "bifurcation.png",
        "bifurcation.svg",
        "arguments.png",
        "arguments.svg",
    ] {
        assert!(tmp.path().join("v").join(f).is_file(), "{f}");
    }
}
