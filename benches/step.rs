//! One month of the baseline at several population sizes, a whole small run, and a small sweep.
//! `cargo bench`; results in target/criterion/.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use aiadopt::{dynamics, experiment, model::World, scenario};

fn one_month(c: &mut Criterion) {
    let mut group = c.benchmark_group("baseline_month");
    group.sample_size(10);
    for agents in [10_000u64, 100_000, 1_000_000] {
        let s = scenario::load("baseline", &[("simulation.agents", &agents.to_string())]).expect("baseline loads");
        let mut world = World::new(&s, 1);
        dynamics::initialise(&mut world);
        // Warm the market up to a mid-horizon state, where most organisations have adopted.
        for _ in 0..36 {
            dynamics::step(&mut world);
        }
        group.throughput(Throughput::Elements(agents));
        group.bench_with_input(BenchmarkId::from_parameter(agents), &agents, |b, _| {
            b.iter_batched(
                || world.clone(),
                |mut w| black_box(dynamics::step(&mut w)),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn small_run(c: &mut Criterion) {
    let s = scenario::load("baseline", &[("simulation.agents", "5000"), ("simulation.seeds", "4")]).expect("loads");
    c.bench_function("baseline_5000_agents_4_seeds_131_months", |b| {
        b.iter(|| black_box(experiment::run_all(&s, None, &|_| {}).expect("runs")))
    });
}

fn small_sweep(c: &mut Criterion) {
    let text = r#"
scenario = "baseline"
set = { "simulation.agents" = 1000, "simulation.months" = 36 }
[sweep]
design = "grid"
replicates = 4
[[sweep.params]]
path = "vendors.cn-open.price"
values = [0.1, 0.45, 1.0, 2.5]
"#;
    let plan = aiadopt::sweep::plan::from_text(text, "bench.toml", "bench", std::path::Path::new(".")).expect("plan");
    let dir = tempfile::tempdir().expect("temporary folder");
    let opts = aiadopt::sweep::Options {
        threads: None,
        shard: aiadopt::sweep::Shard::ALL,
        resume: false,
        force: true,
        sweep_text: text.to_string(),
    };
    c.bench_function("sweep_16_runs_1000_agents_36_months", |b| {
        b.iter(|| black_box(aiadopt::sweep::run(&plan, dir.path(), &opts, &|_, _| {}).expect("sweep runs")))
    });
}

criterion_group!(benches, one_month, small_run, small_sweep);
criterion_main!(benches);
