//! Runs a scenario's replicates in parallel, each with its own seed, and returns their
//! records in replicate order whatever the thread count.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::dynamics::{self, Record};
use crate::model::{Timings, World, rng};
use crate::scenario::Scenario;

/// The recorded steps of one replicate (step 0 is the initial state).
#[derive(Clone, Debug)]
pub struct Replicate {
    pub index: u64,
    pub seed: u64,
    pub records: Vec<Record>,
    /// Wall time by phase (not part of the results: it varies from run to run).
    pub timings: Timings,
}

#[derive(Debug, thiserror::Error)]
pub enum ExperimentError {
    #[error("cannot start {threads} worker threads: {message}")]
    Threads { threads: usize, message: String },
}

/// Simulates replicate `index` of a scenario from start to end.
pub fn run_replicate(scenario: &Scenario, index: u64) -> Replicate {
    let seed = rng::replicate_seed(scenario.simulation.seed, index);
    let started = std::time::Instant::now();
    let mut world = World::new(scenario, seed);
    let mut records = Vec::with_capacity(scenario.simulation.months as usize + 1);
    records.push(dynamics::initialise(&mut world));
    world.timings.setup = started.elapsed();
    for _ in 0..scenario.simulation.months {
        records.push(dynamics::step(&mut world));
    }
    Replicate { index, seed, records, timings: world.timings }
}

/// Runs every replicate on `threads` threads (all cores when None), calling `progress` with
/// the number finished after each one.
pub fn run_all(
    scenario: &Scenario,
    threads: Option<usize>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Replicate>, ExperimentError> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n);
    }
    let pool = builder
        .build()
        .map_err(|e| ExperimentError::Threads { threads: threads.unwrap_or(0), message: e.to_string() })?;
    let done = AtomicUsize::new(0);
    Ok(pool.install(|| {
        (0..scenario.simulation.seeds)
            .into_par_iter()
            .map(|i| {
                let r = run_replicate(scenario, i);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                r
            })
            .collect()
    }))
}
