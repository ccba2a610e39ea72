//! Helpers shared by the integration tests.

use aiadopt::dynamics::Record;
use aiadopt::experiment::{self, Replicate};
use aiadopt::model::Scope;
use aiadopt::output::{self, RegionMetrics};
use aiadopt::scenario::{self, Scenario};

/// The baseline, small enough for a test, with overrides (same seeds: common random numbers).
pub fn baseline(overrides: &[(&str, &str)]) -> Scenario {
    let mut all = vec![("simulation.agents", "6000"), ("simulation.seeds", "3")];
    all.extend_from_slice(overrides);
    scenario::load("baseline", &all).expect("baseline with overrides loads")
}

pub fn run(s: &Scenario) -> Vec<Replicate> {
    experiment::run_all(s, None, &|_| {}).expect("runs")
}

/// Mean across replicates of a figure of a scope at a step (None: the last step).
pub fn mean_metric(
    s: &Scenario,
    runs: &[Replicate],
    scope: Scope,
    step: Option<usize>,
    f: fn(&RegionMetrics) -> f64,
) -> f64 {
    let values: Vec<f64> = runs
        .iter()
        .map(|r| {
            let record: &Record = match step {
                Some(t) => &r.records[t],
                None => r.records.last().expect("records"),
            };
            f(&output::metrics(s, record, scope))
        })
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

pub fn sector(s: &Scenario, id: &str) -> Scope {
    Scope::sector(s.sector_index(id).expect("sector exists"))
}
