//! What a run leaves behind: CSV time series by region and vendor, a summary across seeds,
//! a manifest that makes the run reproducible, and the open-share chart.

mod files;
mod metrics;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::experiment::Replicate;
use crate::model::Scope;
use crate::scenario::{Scenario, to_toml_string};
pub use files::{ensure_dir, write_all_or_nothing, write_atomic};
pub use metrics::{REPORTERS, RegionMetrics, Reporter, describe, metrics, quantile, region_metrics};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// How the run was made, for the manifest.
#[derive(Clone, Debug)]
pub struct RunInfo {
    pub threads: usize,
    pub wall_seconds: f64,
}

/// The data files a run writes, before charts and the manifest.
pub const DATA_FILES: [&str; 5] = ["timeseries.csv", "sectors.csv", "vendors.csv", "vendor_state.csv", "summary.csv"];

/// Six decimals: shares to a millionth, prices to a millionth of a dollar.
fn num(x: f64) -> String {
    format!("{x:.6}")
}

/// The region rows: `world` then every region.
fn region_list(s: &Scenario) -> Vec<(Scope, &str)> {
    std::iter::once((Scope::WORLD, "world"))
        .chain(s.regions.iter().enumerate().map(|(i, r)| (Scope::region(i), r.id.as_str())))
        .collect()
}

/// SHA-256 of the resolved scenario text, hex.
pub fn scenario_hash(s: &Scenario) -> String {
    Sha256::digest(to_toml_string(s).as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure here would be a bug in csv.
    w.write_record(header).expect("csv to memory");
    for row in rows {
        w.write_record(&row).expect("csv to memory");
    }
    w.into_inner().unwrap_or_default()
}

/// `timeseries.csv`: one row per seed x step x region.
pub fn timeseries_csv(s: &Scenario, runs: &[Replicate]) -> Vec<u8> {
    let mut header = vec!["seed", "step", "date", "region"];
    header.extend(REPORTERS.iter().map(|r| r.name));
    let regions = region_list(s);
    let regions = &regions;
    let rows = runs.iter().flat_map(|run| {
        run.records.iter().enumerate().flat_map(move |(step, record)| {
            let date = s.simulation.start.plus(step as i32).to_string();
            regions.iter().map(move |&(r, id)| {
                let m = metrics(s, record, r);
                let mut row = vec![run.seed.to_string(), step.to_string(), date.clone(), id.to_string()];
                row.extend(REPORTERS.iter().map(|rep| num((rep.get)(&m))));
                row
            })
        })
    });
    csv_bytes(&header, rows)
}

/// `sectors.csv`: the same figures by sector, for the world and every region.
pub fn sectors_csv(s: &Scenario, runs: &[Replicate]) -> Vec<u8> {
    let mut header = vec!["seed", "step", "date", "region", "sector"];
    header.extend(REPORTERS.iter().map(|r| r.name));
    let regions = region_list(s);
    let regions = &regions;
    let rows = runs.iter().flat_map(|run| {
        run.records.iter().enumerate().flat_map(move |(step, record)| {
            let date = s.simulation.start.plus(step as i32).to_string();
            regions.iter().flat_map(move |&(scope, region)| {
                let date = date.clone();
                s.sectors.iter().enumerate().map(move |(x, sector)| {
                    let m = metrics(s, record, Scope { sector: Some(x), ..scope });
                    let mut row = vec![
                        run.seed.to_string(),
                        step.to_string(),
                        date.clone(),
                        region.to_string(),
                        sector.id.clone(),
                    ];
                    row.extend(REPORTERS.iter().map(|rep| num((rep.get)(&m))));
                    row
                })
            })
        })
    });
    csv_bytes(&header, rows)
}

/// `vendors.csv`: each vendor's share of organisations, usage and spend among adopters.
pub fn vendors_csv(s: &Scenario, runs: &[Replicate]) -> Vec<u8> {
    let header = ["seed", "step", "date", "region", "vendor", "share_orgs", "share_usage", "share_spend"];
    let regions = region_list(s);
    let regions = &regions;
    let rows = runs.iter().flat_map(|run| {
        run.records.iter().enumerate().flat_map({
            move |(step, record)| {
                let date = s.simulation.start.plus(step as i32).to_string();
                let t = &record.tally;
                regions.iter().flat_map(move |&(r, id)| {
                    let (orgs, usage, spend) = (t.shares(&t.orgs, r), t.shares(&t.usage, r), t.shares(&t.spend, r));
                    let date = date.clone();
                    s.vendors.iter().enumerate().map(move |(k, v)| {
                        vec![
                            run.seed.to_string(),
                            step.to_string(),
                            date.clone(),
                            id.to_string(),
                            v.id.clone(),
                            num(orgs[k]),
                            num(usage[k]),
                            num(spend[k]),
                        ]
                    })
                })
            }
        })
    });
    csv_bytes(&header, rows)
}

/// `vendor_state.csv`: price, capability and hardware need of each vendor over time.
pub fn vendor_state_csv(s: &Scenario, runs: &[Replicate]) -> Vec<u8> {
    let header = ["seed", "step", "date", "vendor", "price_usd_per_mtok", "capability", "hardware_gb"];
    let rows = runs.iter().flat_map(|run| {
        run.records.iter().enumerate().flat_map(move |(step, record)| {
            let date = s.simulation.start.plus(step as i32).to_string();
            s.vendors.iter().zip(&record.vendors).map(move |(v, state)| {
                vec![
                    run.seed.to_string(),
                    step.to_string(),
                    date.clone(),
                    v.id.clone(),
                    num(state.price),
                    num(state.capability),
                    num(state.hardware),
                ]
            })
        })
    });
    csv_bytes(&header, rows)
}

/// Every reporter of every region at every step, one vector of values across seeds.
fn across_seeds(s: &Scenario, runs: &[Replicate], step: usize, scope: Scope) -> Vec<RegionMetrics> {
    runs.iter().map(|run| metrics(s, &run.records[step], scope)).collect()
}

/// `summary.csv`: mean and 5/50/95th percentiles across seeds.
pub fn summary_csv(s: &Scenario, runs: &[Replicate]) -> Vec<u8> {
    let header = ["step", "date", "region", "metric", "mean", "p05", "p50", "p95"];
    let steps = runs.first().map_or(0, |r| r.records.len());
    let regions = region_list(s);
    let regions = &regions;
    let rows = (0..steps).flat_map(|step| {
        let date = s.simulation.start.plus(step as i32).to_string();
        regions.iter().flat_map(move |&(r, id)| {
            let values = across_seeds(s, runs, step, r);
            let date = date.clone();
            REPORTERS.iter().map(move |rep| {
                let v: Vec<f64> = values.iter().map(rep.get).collect();
                let [mean, p05, p50, p95] = describe(&v);
                vec![
                    step.to_string(),
                    date.clone(),
                    id.to_string(),
                    rep.name.to_string(),
                    num(mean),
                    num(p05),
                    num(p50),
                    num(p95),
                ]
            })
        })
    });
    csv_bytes(&header, rows)
}

/// `manifest.json`: everything needed to know what a run was and to run it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub aiadopt_version: String,
    pub scenario: String,
    pub scenario_sha256: String,
    pub start: String,
    pub end: String,
    pub months: u64,
    pub agents: u64,
    pub base_seed: u64,
    pub seeds: Vec<u64>,
    pub threads: usize,
    pub wall_seconds: f64,
    pub files: Vec<String>,
    pub resolved_scenario: String,
}

/// The manifest of a run; `files` lists what the run wrote.
pub fn manifest(s: &Scenario, runs: &[Replicate], info: &RunInfo, files: Vec<String>) -> Manifest {
    Manifest {
        aiadopt_version: env!("CARGO_PKG_VERSION").to_string(),
        scenario: s.name.clone(),
        scenario_sha256: scenario_hash(s),
        start: s.simulation.start.to_string(),
        end: s.end().to_string(),
        months: s.simulation.months,
        agents: s.simulation.agents,
        base_seed: s.simulation.seed,
        seeds: runs.iter().map(|r| r.seed).collect(),
        threads: info.threads,
        wall_seconds: (info.wall_seconds * 1000.0).round() / 1000.0,
        files,
        resolved_scenario: to_toml_string(s),
    }
}

/// The CSV files of a run, by name, in memory; built in parallel, one file per task.
pub fn data_files(s: &Scenario, runs: &[Replicate]) -> Vec<(&'static str, Vec<u8>)> {
    type Build = fn(&Scenario, &[Replicate]) -> Vec<u8>;
    let builders: [(&'static str, Build); 5] = [
        ("timeseries.csv", timeseries_csv),
        ("sectors.csv", sectors_csv),
        ("vendors.csv", vendors_csv),
        ("vendor_state.csv", vendor_state_csv),
        ("summary.csv", summary_csv),
    ];
    use rayon::prelude::*;
    builders.par_iter().map(|(name, build)| (*name, build(s, runs))).collect()
}

/// Writes files into `dir` (created if missing): all of them, or, if any fails, none.
pub fn write_files(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), OutputError> {
    ensure_dir(dir)?;
    write_all_or_nothing(dir, files)
}

/// Writes `manifest.json`; written last, it marks a run folder as complete.
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), OutputError> {
    let bytes = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    write_atomic(&dir.join("manifest.json"), &bytes)
}

/// Markdown table of every reported figure: column, unit, definition.
pub fn reporters_markdown() -> String {
    let mut out = String::from("| column | unit | definition |\n|---|---|---|\n");
    for r in REPORTERS {
        out.push_str(&format!("| `{}` | {} | {} |\n", r.name, r.unit, r.definition));
    }
    out
}

/// What a run will need, estimated before it starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Peak memory, bytes: the replicates' recorded tallies plus the worlds being simulated.
    pub memory: f64,
    /// Size of the CSV files, bytes.
    pub disk: f64,
}

/// Bytes per organisation while a world is simulated (measured: 63-69, see README).
const BYTES_PER_AGENT: f64 = 80.0;
/// Bytes per row of the CSV files, on average.
const BYTES_PER_ROW: f64 = 90.0;
/// Runs refused beyond these, with the estimate in the message.
pub const MEMORY_LIMIT: f64 = 16.0 * (1u64 << 30) as f64;
pub const DISK_LIMIT: f64 = 100.0 * (1u64 << 30) as f64;

/// Estimates memory and disk of running `s` on `threads` threads.
pub fn estimate(s: &Scenario, threads: usize) -> Estimate {
    let (r, x, v) = (s.regions.len() as f64, s.sectors.len() as f64, s.vendors.len() as f64);
    let steps = s.simulation.months as f64 + 1.0;
    let seeds = s.simulation.seeds as f64;
    let record = (r * x * v * 4.0 + r * x) * 8.0 + v * 32.0;
    let worlds = (threads.max(1) as f64).min(seeds) * s.simulation.agents as f64 * BYTES_PER_AGENT;
    let rows =
        seeds * steps * (r + 1.0) * (1.0 + x + v) + seeds * steps * v + steps * (r + 1.0) * REPORTERS.len() as f64;
    Estimate { memory: seeds * steps * record + worlds, disk: rows * BYTES_PER_ROW }
}

/// "1.5 GB"
pub fn human_bytes(b: f64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB"];
    let mut x = b;
    let mut u = 0;
    while x >= 1024.0 && u < units.len() - 1 {
        x /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{x:.0} {}", units[u]) } else { format!("{x:.1} {}", units[u]) }
}
