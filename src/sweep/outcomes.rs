//! What a sweep records of each run: world and regional open shares by the three measures and
//! adoption at each `metrics_at` month, and the month the world tips past 50% open by usage.

use crate::experiment::Replicate;
use crate::model::Scope;
use crate::output::metrics;
use crate::scenario::Scenario;

use super::plan::Plan;

const METRICS: [&str; 4] = ["open_share_orgs", "open_share_usage", "open_share_spend", "adoption"];

/// The name of the tipping outcome: months from the start until the world's open share by
/// usage first exceeds 50% (empty when it does not within the run).
pub const TIPPING: &str = "tipping_months.world.usage";

/// Outcome column names: `<month>.<region>.<metric>`, then the tipping month.
pub fn names(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for m in &plan.metrics_at {
        for region in std::iter::once("world").chain(plan.scenario.regions.iter().map(|r| r.id.as_str())) {
            for metric in METRICS {
                out.push(format!("{m}.{region}.{metric}"));
            }
        }
    }
    out.push(TIPPING.to_string());
    out
}

/// The outcomes of one run, in the order of `names`.
pub fn of_run(plan: &Plan, s: &Scenario, run: &Replicate) -> Vec<Option<f64>> {
    let mut out = Vec::new();
    for m in &plan.metrics_at {
        let step = (m.0 - s.simulation.start.0) as usize;
        let record = &run.records[step.min(run.records.len() - 1)];
        let scopes = std::iter::once(Scope::WORLD).chain((0..s.regions.len()).map(Scope::region));
        for scope in scopes {
            let x = metrics(s, record, scope);
            out.extend([x.open_share_orgs, x.open_share_usage, x.open_share_spend, x.adoption].map(Some));
        }
    }
    let tipping = run.records.iter().position(|r| metrics(s, r, Scope::WORLD).open_share_usage > 0.5);
    out.push(tipping.map(|t| t as f64));
    out
}
