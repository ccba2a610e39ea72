//! Sweeps as a user meets them: designs, determinism across threads and shards, resume after
//! a kill, merge refusals, bad sweep files, the Slurm script, and the shipped examples.

use std::path::Path;
use std::process::{Command, Output};

fn aiadopt(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiadopt")).args(args).current_dir(dir).output().expect("aiadopt runs")
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

const GRID: &str = r#"
scenario = "baseline"
set = { "simulation.agents" = 400, "simulation.months" = 24 }
[sweep]
design = "grid"
replicates = 3
seed = 5
metrics_at = ["2025-12", "2027-01"]
[[sweep.params]]
path = "vendors.cn-open.price"
values = [0.1, 1.0, 4.0]
[[sweep.params]]
path = "regions.india.compute_access"
values = [0.2, 0.8]
"#;

fn read(dir: &Path, f: &str) -> String {
    std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"))
}

#[test]
fn a_grid_sweep_writes_every_run_and_its_summaries() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("grid.toml"), GRID).unwrap();
    ok(aiadopt(&["sweep", "grid.toml", "--out", "g", "--quiet"], tmp.path()));
    let g = tmp.path().join("g");
    let csv = read(&g, "sweep.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with(
        "run,point,replicate,seed,vendors.cn-open.price,regions.india.compute_access,2025-12.world.open_share_orgs,"
    ));
    assert!(header.ends_with(",tipping_months.world.usage"));
    assert_eq!(csv.lines().count(), 1 + 3 * 2 * 3, "3 x 2 points x 3 replicates");
    // Grid order: the first parameter varies slowest.
    let second = csv.lines().nth(4).unwrap();
    assert!(second.starts_with("3,1,0,") && second.contains(",0.1,0.8,"), "{second}");
    let points = read(&g, "points.csv");
    assert!(points.starts_with("point,vendors.cn-open.price,regions.india.compute_access,metric,mean,p05,p50,p95\n"));
    assert!(g.join("sweep.png").is_file() && g.join("sweep.svg").is_file(), "a heatmap for two parameters");
    let manifest: serde_json::Value = serde_json::from_str(&read(&g, "manifest.json")).unwrap();
    assert_eq!(manifest["complete"], true);
    assert_eq!(manifest["runs_total"], 18);
    // Dear open models lower the open share.
    let median = |price: &str| -> f64 {
        points
            .lines()
            .filter(|l| l.contains(&format!(",{price},0.8,2027-01.world.open_share_usage,")))
            .map(|l| l.split(',').nth(6).unwrap().parse::<f64>().unwrap())
            .next()
            .unwrap()
    };
    assert!(median("0.1") > median("4"), "open share with cheap vs dear open models");
}

#[test]
fn results_are_identical_for_any_threads_and_shard_split() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("grid.toml"), GRID).unwrap();
    ok(aiadopt(&["sweep", "grid.toml", "--out", "one", "--threads", "1", "--quiet"], tmp.path()));
    ok(aiadopt(&["sweep", "grid.toml", "--out", "two", "--threads", "2", "--quiet"], tmp.path()));
    ok(aiadopt(&["sweep", "grid.toml", "--out", "s1", "--shard", "1/2", "--quiet"], tmp.path()));
    ok(aiadopt(&["sweep", "grid.toml", "--out", "s2", "--shard", "2/2", "--quiet"], tmp.path()));
    ok(aiadopt(&["merge", "s2", "s1", "--out", "merged"], tmp.path()));
    let t = tmp.path();
    for f in ["sweep.csv", "points.csv"] {
        assert_eq!(read(&t.join("one"), f), read(&t.join("two"), f), "{f}: 1 vs 2 threads");
        assert_eq!(read(&t.join("one"), f), read(&t.join("merged"), f), "{f}: whole vs merged shards");
    }
    assert!(read(&t.join("s1"), "sweep.csv").lines().count() < read(&t.join("one"), "sweep.csv").lines().count());
}

#[test]
fn merge_refuses_foreign_missing_and_repeated_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    std::fs::write(t.join("grid.toml"), GRID).unwrap();
    std::fs::write(t.join("other.toml"), GRID.replace("seed = 5", "seed = 6")).unwrap();
    ok(aiadopt(&["sweep", "grid.toml", "--out", "a1", "--shard", "1/2", "--quiet"], t));
    ok(aiadopt(&["sweep", "other.toml", "--out", "b2", "--shard", "2/2", "--quiet"], t));
    let refused = |args: &[&str], expected: &str| {
        let o = aiadopt(args, t);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
    };
    refused(&["merge", "a1", "b2", "--out", "m"], "different sweep");
    refused(&["merge", "a1", "--out", "m"], "shard 2/2 is missing");
    refused(&["merge", "a1", "a1", "--out", "m"], "shard 1/2 is given twice");
    assert!(!t.join("m").exists());
    // A finished folder is not silently overwritten, nor mixed with another sweep.
    refused(&["sweep", "grid.toml", "--out", "a1", "--shard", "1/2", "--quiet"], "already exists");
    refused(&["sweep", "other.toml", "--out", "a1", "--shard", "1/2", "--quiet", "--resume"], "holds another sweep");
}

#[test]
fn resume_after_an_interrupt_finishes_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let long = GRID
        .replace("values = [0.1, 1.0, 4.0]", "values = [0.1, 0.2, 0.4, 0.8, 1.0, 2.0, 4.0, 8.0]")
        .replace("replicates = 3", "replicates = 6");
    std::fs::write(t.join("long.toml"), &long).unwrap();
    ok(aiadopt(&["sweep", "long.toml", "--out", "whole", "--quiet", "--threads", "1"], t));
    let mut child = Command::new(env!("CARGO_BIN_EXE_aiadopt"))
        .args(["sweep", "long.toml", "--out", "cut", "--quiet", "--threads", "1"])
        .current_dir(t)
        .spawn()
        .unwrap();
    let csv = t.join("cut/sweep.csv");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let rows = std::fs::read_to_string(&csv).map(|s| s.lines().count()).unwrap_or(0);
        if rows > 10 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // Ctrl-C: the sweep keeps its finished rows and says how to continue.
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let status = child.wait().unwrap();
    assert!(status.code() == Some(130) || status.success(), "{status:?}");
    let partial = std::fs::read_to_string(&csv).unwrap();
    let whole = read(&t.join("whole"), "sweep.csv");
    assert!(partial.lines().count() < whole.lines().count(), "killed before the end");
    // A torn last line, as a hard kill during a write would leave.
    std::fs::write(&csv, format!("{partial}999,9")).unwrap();
    ok(aiadopt(&["sweep", "long.toml", "--out", "cut", "--quiet", "--resume"], t));
    assert_eq!(read(&t.join("cut"), "sweep.csv"), whole);
    assert_eq!(read(&t.join("cut"), "points.csv"), read(&t.join("whole"), "points.csv"));
}

#[test]
fn bad_sweep_files_are_refused_with_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let refused = |text: &str, expected: &[&str]| {
        std::fs::write(tmp.path().join("bad.toml"), text).unwrap();
        let o = aiadopt(&["sweep", "bad.toml", "--out", "x"], tmp.path());
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(2), "{err}");
        for e in expected {
            assert!(err.contains(e), "lacks {e:?}: {err}");
        }
        assert!(!tmp.path().join("x").exists(), "nothing written");
    };
    refused(&GRID.replace("vendors.cn-open.price", "vendors.cn-opn.price"), &["bad.toml:", "did you mean `cn-open`"]);
    refused(&GRID.replace("design = \"grid\"", "design = \"gird\""), &["sweep.design", "did you mean `grid`"]);
    refused(&GRID.replace("replicates = 3", "replicate = 3"), &["sweep.replicate", "did you mean `replicates`"]);
    refused(&GRID.replace("values = [0.2, 0.8]", "range = [0.8, 0.2]"), &["range is empty"]);
    refused(
        &GRID.replace("values = [0.2, 0.8]", "values = [0.2, 1.8]"),
        &["regions.india.compute_access", "must be 0 .. 1, got 1.8"],
    );
    refused(
        &GRID.replace("design = \"grid\"", "design = \"lhs\"\nsamples = 4"),
        &["parameter `vendors.cn-open.price`", "samples a range"],
    );
    refused(&GRID.replace("\"2025-12\"", "\"2031-12\""), &["sweep.metrics_at", "outside the run"]);
    refused(&GRID.replace("regions.india.compute_access", "simulation.agents"), &["run settings cannot be swept"]);
    refused("scenario = \"baseline\"\n[sweep]\ndesign = \"grid\"\n", &["names no parameter"]);
}

#[test]
fn sobol_and_morris_sweeps_write_sensitivity() {
    let tmp = tempfile::tempdir().unwrap();
    let sobol = r#"
scenario = "baseline"
set = { "simulation.agents" = 300, "simulation.months" = 12 }
[sweep]
design = "sobol"
samples = 8
replicates = 1
[[sweep.params]]
path = "choice.cost_weight"
range = [1.0, 8.0]
[[sweep.params]]
path = "choice.network_weight"
range = [0.0, 3.0]
[[sweep.params]]
path = "vendors.cn-open.price"
range = [0.05, 5.0]
scale = "log"
"#;
    std::fs::write(tmp.path().join("s.toml"), sobol).unwrap();
    ok(aiadopt(&["sweep", "s.toml", "--out", "s", "--quiet"], tmp.path()));
    let sens = read(&tmp.path().join("s"), "sensitivity.csv");
    assert!(sens.starts_with("metric,param,first_order,first_low,first_high,total,total_low,total_high\n"));
    assert!(sens.contains("2026-01.world.open_share_usage,vendors.cn-open.price,"));
    assert_eq!(read(&tmp.path().join("s"), "sweep.csv").lines().count(), 1 + 8 * (3 + 2));
    assert!(tmp.path().join("s/sensitivity.png").is_file());
    std::fs::write(
        tmp.path().join("m.toml"),
        sobol.replace("design = \"sobol\"\nsamples = 8", "design = \"morris\"\nsamples = 3"),
    )
    .unwrap();
    ok(aiadopt(&["sweep", "m.toml", "--out", "m", "--quiet"], tmp.path()));
    assert!(read(&tmp.path().join("m"), "sensitivity.csv").starts_with("metric,param,mu_star,mu,sigma\n"));
    assert_eq!(read(&tmp.path().join("m"), "sweep.csv").lines().count(), 1 + 3 * 4);
}

#[test]
fn the_slurm_script_runs_shards_and_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    std::fs::write(t.join("grid.toml"), GRID).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/slurm-sweep.sh");
    for task in 0..3 {
        let o = Command::new("bash")
            .arg(&script)
            .args(["grid.toml", "res"])
            .env("AIADOPT", env!("CARGO_BIN_EXE_aiadopt"))
            .env("SLURM_ARRAY_TASK_ID", task.to_string())
            .env("SLURM_ARRAY_TASK_COUNT", "3")
            .current_dir(t)
            .output()
            .unwrap();
        ok(o);
    }
    let o = Command::new("bash")
        .arg(&script)
        .args(["grid.toml", "res"])
        .env("AIADOPT", env!("CARGO_BIN_EXE_aiadopt"))
        .env("MERGE", "1")
        .current_dir(t)
        .output()
        .unwrap();
    ok(o);
    ok(aiadopt(&["sweep", "grid.toml", "--out", "whole", "--quiet"], t));
    assert_eq!(read(&t.join("res/merged"), "sweep.csv"), read(&t.join("whole"), "sweep.csv"));
}

#[test]
fn the_shipped_example_sweeps_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sweeps");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let plan = aiadopt::sweep::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(plan.runs() > 0 && plan.runs() <= 1000, "{}: {} runs", path.display(), plan.runs());
        n += 1;
    }
    assert!(n >= 3);
}
