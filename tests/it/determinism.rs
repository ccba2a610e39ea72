//! Same scenario and seed give the same bytes, whatever the number of threads; replicate i is
//! the same run whatever the number of replicates.

use std::process::Command;

fn run_cli(dir: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_aiadopt"))
        .args(["run", "baseline", "--agents", "5000", "--months", "24", "--quiet", "--out"])
        .arg(dir)
        .args(args)
        .status()
        .expect("aiadopt runs");
    assert!(status.success());
}

const CSV: [&str; 5] = ["timeseries.csv", "sectors.csv", "vendors.csv", "vendor_state.csv", "summary.csv"];

#[test]
fn output_is_byte_identical_for_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    run_cli(&one, &["--seeds", "3", "--threads", "1"]);
    run_cli(&two, &["--seeds", "3", "--threads", "2"]);
    for f in CSV.iter().chain(&["open_share.svg", "open_share.png"]) {
        let (a, b) = (std::fs::read(one.join(f)).unwrap(), std::fs::read(two.join(f)).unwrap());
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
}

#[test]
fn eight_seeds_begin_with_the_same_runs_as_four() {
    let tmp = tempfile::tempdir().unwrap();
    let (four, eight) = (tmp.path().join("four"), tmp.path().join("eight"));
    run_cli(&four, &["--seeds", "4"]);
    run_cli(&eight, &["--seeds", "8"]);
    let a = std::fs::read_to_string(four.join("timeseries.csv")).unwrap();
    let b = std::fs::read_to_string(eight.join("timeseries.csv")).unwrap();
    assert!(b.len() > a.len());
    assert!(b.starts_with(&a), "the first four runs of --seeds 8 are the runs of --seeds 4");
}

#[test]
fn another_base_seed_gives_different_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    run_cli(&a, &["--seeds", "1", "--seed", "1"]);
    run_cli(&b, &["--seeds", "1", "--seed", "2"]);
    assert_ne!(std::fs::read(a.join("timeseries.csv")).unwrap(), std::fs::read(b.join("timeseries.csv")).unwrap());
}
