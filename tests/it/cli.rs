//! The command line as a user meets it: what it writes, what it prints, and how it refuses
//! bad input (exit 2, a message naming file, line, column and key, and nothing written).

use std::path::Path;
use std::process::{Command, Output};

fn aiadopt(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aiadopt")).args(args).current_dir(dir).output().expect("aiadopt runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn run_writes_every_file_with_the_documented_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let o = aiadopt(&["run", "--seeds", "2", "--agents", "2000", "--months", "6"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tmp.path().join("output/baseline");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 5 + 7 * 2 + 2, "tables, charts, report and manifest");
    for f in files {
        assert!(out.join(f.as_str().unwrap()).is_file(), "{f} missing");
    }
    let ts = std::fs::read_to_string(out.join("timeseries.csv")).unwrap();
    assert_eq!(
        ts.lines().next().unwrap(),
        "seed,step,date,region,adoption,open_share_orgs,open_share_usage,open_share_spend,self_hosted_share,domestic_share_usage,spend_per_adopter_usd"
    );
    // 2 seeds x 7 steps x (world + 13 regions) rows.
    assert_eq!(ts.lines().count(), 1 + 2 * 7 * 14);
    let first = ts.lines().nth(1).unwrap();
    assert!(first.contains(",0,2025-01,world,"), "{first}");
    let vendors = std::fs::read_to_string(out.join("vendors.csv")).unwrap();
    assert_eq!(vendors.lines().next().unwrap(), "seed,step,date,region,vendor,share_orgs,share_usage,share_spend");
    let state = std::fs::read_to_string(out.join("vendor_state.csv")).unwrap();
    assert_eq!(state.lines().next().unwrap(), "seed,step,date,vendor,price_usd_per_mtok,capability,hardware_gb");
    assert!(state.contains(",0,2025-01,us-frontier,5.000000,1.000000,0.000000"), "initial state of us-frontier");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(summary.lines().next().unwrap(), "step,date,region,metric,mean,p05,p50,p95");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["scenario"], "baseline");
    assert_eq!(manifest["seeds"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["scenario_sha256"].as_str().unwrap().len(), 64);
    assert!(manifest["resolved_scenario"].as_str().unwrap().contains("agents = 2000"));
    let png = std::fs::read(out.join("open_share.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let svg = std::fs::read_to_string(out.join("open_share.svg")).unwrap();
    assert!(svg.contains("Scenario: baseline") && svg.contains("Open-weight") && svg.contains("Proprietary"));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("world open-weight share"), "{stdout}");
}

#[test]
fn check_prints_the_resolved_scenario_and_scenarios_lists_them() {
    let tmp = tempfile::tempdir().unwrap();
    let o = aiadopt(&["check", "price-war", "--set", "vendors.cn-open.price=0.2"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("name = \"price-war\""));
    assert!(text.contains("price_response = 2.0"), "the variant's own values");
    assert!(text.contains("price = 0.2"), "the --set value");
    assert!(text.contains("[[regions]]") && text.contains("id = \"sub-saharan-africa\""), "the parent's regions");
    let o = aiadopt(&["scenarios"], tmp.path());
    let list = String::from_utf8_lossy(&o.stdout);
    for name in aiadopt::scenario::embedded::names() {
        assert!(list.contains(name), "{name} listed");
    }
}

/// Writes a scenario file and runs it; asserts exit 2, that stderr contains every `expected`
/// fragment, and that no output folder was created.
fn refused(file_text: &str, extra: &[&str], expected: &[&str]) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad.toml"), file_text).unwrap();
    let mut args = vec!["run", "bad.toml", "--agents", "500", "--months", "3", "--seeds", "1"];
    args.extend_from_slice(extra);
    let o = aiadopt(&args, tmp.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "exit code; stderr: {err}");
    for e in expected {
        assert!(err.contains(e), "stderr lacks {e:?}:\n{err}");
    }
    assert!(!tmp.path().join("output").exists(), "nothing is written for bad input");
}

const PARENT: &str = "extends = \"baseline.toml\"\n";

#[test]
fn a_misspelt_key_is_named_with_its_position_and_the_nearest_name() {
    refused(
        &format!("{PARENT}[choice]\nnetwrok_weight = 2.0\n"),
        &[],
        &["bad.toml:3:1", "choice.netwrok_weight", "did you mean `network_weight`"],
    );
    refused(
        &format!("{PARENT}[[vendors]]\nid = \"cn-open\"\nprise = 0.1\n"),
        &[],
        &["bad.toml:4:1", "vendors.cn-open.prise", "did you mean `price`"],
    );
    refused(&format!("{PARENT}[simulaton]\nagents = 5\n"), &[], &["bad.toml:2:2", "did you mean `simulation`"]);
}

#[test]
fn wrong_types_and_out_of_range_values_are_refused() {
    refused(
        &format!("{PARENT}[[vendors]]\nid = \"cn-open\"\nprice = \"cheap\"\n"),
        &[],
        &["bad.toml:4:9", "vendors.cn-open.price", "expected a number, got a string"],
    );
    refused(
        &format!("{PARENT}[[vendors]]\nid = \"cn-open\"\nprice = -0.5\n"),
        &[],
        &["vendors.cn-open.price", "must be > 0", "got -0.5"],
    );
    refused(
        &format!("{PARENT}[[regions]]\nid = \"india\"\ncompute_access = 1.5\n"),
        &[],
        &["regions.india.compute_access", "must be 0 .. 1, got 1.5"],
    );
    refused(
        &format!("{PARENT}[simulation]\nstart = \"2025-13\"\n"),
        &[],
        &["simulation.start", "must be a month \"YYYY-MM\", got \"2025-13\""],
    );
    refused(
        &format!("{PARENT}[simulation]\nstart = 2025-01-01\n"),
        &[],
        &["simulation.start", "write months as strings"],
    );
    refused(&format!("{PARENT}[simulation]\nagents = 2.5\n"), &[], &["simulation.agents", "must be a whole number"]);
    refused(
        &format!("{PARENT}[[regions]]\nid = \"india\"\ntrust = {{ us = 0.5, xx = 0.2 }}\n"),
        &[],
        &["regions.india.trust.xx", "unknown origin `xx`"],
    );
}

#[test]
fn unknown_ids_in_events_and_paths_are_refused() {
    refused(
        &format!("{PARENT}[[events]]\ndate = \"2026-01\"\nset = {{ \"vendors.cn-opn.price\" = 0.1 }}\n"),
        &[],
        &["bad.toml:4:", "unknown vendor `cn-opn`", "did you mean `cn-open`"],
    );
    refused(
        &format!("{PARENT}[[events]]\ndate = \"2026-01\"\nban = {{ origins = [\"ru\"] }}\n"),
        &[],
        &["unknown origin `ru`"],
    );
    refused(PARENT, &["--set", "regions.indai.talent=0.9"], &["--set", "regions.indai.talent", "did you mean `india`"]);
    refused(PARENT, &["--set", "choice.noise=nan"], &["choice.noise", "finite"]);
    refused(PARENT, &["--set", "simulation.agents"], &["not PATH=VALUE"]);
}

#[test]
fn whole_scenario_problems_are_refused() {
    refused(
        &format!("{PARENT}[[sectors]]\nid = \"government\"\nshare = 0.5\n"),
        &[],
        &["sector shares must sum to 1", "bad.toml:"],
    );
    refused(
        &format!("{PARENT}[[events]]\ndate = \"2040-01\"\nset = {{ \"choice.noise\" = 2.0 }}\n"),
        &[],
        &["events[1].date", "outside the run"],
    );
    refused(
        &format!("{PARENT}[[events]]\ndate = \"2026-01\"\nset = {{ \"simulation.agents\" = 2 }}\n"),
        &[],
        &["fixed for a run"],
    );
    refused("a = = 1\n", &[], &["bad.toml:1:", "TOML syntax error"]);
}

#[test]
fn an_extends_cycle_and_a_missing_scenario_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.toml"), "extends = \"b.toml\"\n").unwrap();
    std::fs::write(tmp.path().join("b.toml"), "extends = \"a.toml\"\n").unwrap();
    let o = aiadopt(&["check", "a.toml"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cycle"), "{}", stderr(&o));
    let o = aiadopt(&["run", "no-such-scenario"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no scenario `no-such-scenario`"), "{}", stderr(&o));
    assert!(!tmp.path().join("output").exists());
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(aiadopt(&["run", "--threads", "0"], tmp.path()).status.code(), Some(2));
    assert_eq!(aiadopt(&["frobnicate"], tmp.path()).status.code(), Some(2));
    assert_eq!(aiadopt(&["--help"], tmp.path()).status.code(), Some(0));
}

#[test]
fn another_scenarios_results_are_not_overwritten_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let small = ["--seeds", "1", "--agents", "300", "--months", "12", "--quiet", "--no-plot", "--out", "o"];
    let run = |scenario: &str, extra: &[&str]| {
        let mut args = vec!["run", scenario];
        args.extend_from_slice(&small);
        args.extend_from_slice(extra);
        aiadopt(&args, tmp.path())
    };
    assert!(run("baseline", &[]).status.success());
    assert!(run("baseline", &[]).status.success(), "the same scenario's results are replaced");
    let o = run("price-war", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds the results of scenario `baseline`"), "{}", stderr(&o));
    let manifest = std::fs::read_to_string(tmp.path().join("o/manifest.json")).unwrap();
    assert!(manifest.contains("\"scenario\": \"baseline\""), "earlier results intact");
    assert!(run("price-war", &["--force"]).status.success());
    std::fs::create_dir_all(tmp.path().join("mine")).unwrap();
    std::fs::write(tmp.path().join("mine/notes.txt"), "keep me").unwrap();
    let o =
        aiadopt(&["run", "--seeds", "1", "--agents", "300", "--months", "3", "--quiet", "--out", "mine"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no aiadopt run"), "{}", stderr(&o));
}

#[test]
fn runs_that_would_exhaust_the_machine_are_refused_up_front() {
    let tmp = tempfile::tempdir().unwrap();
    let o = aiadopt(&["run", "--seeds", "100000", "--agents", "1000000", "--months", "1200"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("would need about") && err.contains("TB") && err.contains("the limits are"), "{err}");
    assert!(!tmp.path().join("output").exists());
}

/// Sends SIGINT to a running `aiadopt run` at several moments; every time, no half-written file
/// is left and what is there is complete.
#[test]
fn an_interrupted_run_leaves_nothing_half_written() {
    let tmp = tempfile::tempdir().unwrap();
    let mut interrupted = 0;
    for (trial, delay_ms) in [30u64, 150, 400, 800, 1300].into_iter().enumerate() {
        let out = format!("o{trial}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_aiadopt"))
            .args(["run", "--seeds", "4", "--agents", "150000", "--quiet", "--out", &out])
            .current_dir(tmp.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
        let status = child.wait().unwrap();
        let mut err = String::new();
        use std::io::Read;
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        if status.code() == Some(130) {
            interrupted += 1;
            assert!(err.contains("interrupted:"), "{err}");
        } else {
            assert!(status.success(), "trial {trial}: {status:?} {err}");
        }
        let dir = tmp.path().join(&out);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(!name.contains(".tmp-"), "trial {trial}: {name} left behind");
            if name.ends_with(".csv") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                assert!(text.ends_with('\n') && text.lines().count() > 1, "trial {trial}: {name} is incomplete");
            }
            if name == "manifest.json" {
                let _: serde_json::Value = serde_json::from_slice(&std::fs::read(entry.path()).unwrap()).unwrap();
            }
        }
    }
    assert!(interrupted > 0, "at least one trial was interrupted");
}

#[test]
fn a_full_disk_fails_the_run_cleanly_and_keeps_the_earlier_results() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["run", "--seeds", "1", "--agents", "300", "--months", "6", "--quiet", "--out", "o"];
    assert!(aiadopt(&args, tmp.path()).status.success());
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(tmp.path().join("o"))
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    for failing in ["timeseries.csv", "vendor_state.png", "report.html", "manifest.json"] {
        let o = Command::new(env!("CARGO_BIN_EXE_aiadopt"))
            .args(["run", "--seeds", "2", "--agents", "300", "--months", "6", "--quiet", "--out", "o"])
            .env("AIADOPT_FAIL_WRITE", failing)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{failing}");
        let err = stderr(&o);
        assert!(err.contains(failing) && err.contains("no space left on device"), "{err}");
        for (name, bytes) in &before {
            assert!(
                std::fs::read(tmp.path().join("o").join(name)).unwrap() == *bytes,
                "{name} changed after a failed write of {failing}"
            );
        }
        let left: Vec<String> = std::fs::read_dir(tmp.path().join("o"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(left.iter().all(|n| !n.contains(".tmp-")), "temporary files left: {left:?}");
        assert_eq!(left.len(), before.len());
    }
    let o = aiadopt(
        &["run", "--seeds", "1", "--agents", "300", "--months", "6", "--quiet", "--out", "/proc/no-such-place/o"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write /proc/no-such-place/o"), "{}", stderr(&o));
}
