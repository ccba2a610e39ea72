//! The figures reported for a region (or the world) at a step, as named reporters with units,
//! all computed from a step's tally: sample-weighted shares, never agent counts.

use crate::dynamics::Record;
use crate::model::Scope;
use crate::scenario::Scenario;

/// Figures of one region, or of the world, at one step.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RegionMetrics {
    pub adoption: f64,
    pub open_share_orgs: f64,
    pub open_share_usage: f64,
    pub open_share_spend: f64,
    pub self_hosted_share: f64,
    pub domestic_share_usage: f64,
    pub spend_per_adopter_usd: f64,
}

/// A reported figure: its column name, unit and definition (the docs repeat these).
pub struct Reporter {
    pub name: &'static str,
    pub unit: &'static str,
    pub definition: &'static str,
    pub get: fn(&RegionMetrics) -> f64,
}

pub const REPORTERS: &[Reporter] = &[
    Reporter {
        name: "adoption",
        unit: "share 0..1",
        definition: "organisations using any AI vendor / all organisations",
        get: |m| m.adoption,
    },
    Reporter {
        name: "open_share_orgs",
        unit: "share 0..1",
        definition: "adopters whose vendor is open-weight / adopters",
        get: |m| m.open_share_orgs,
    },
    Reporter {
        name: "open_share_usage",
        unit: "share 0..1",
        definition: "tokens processed by open-weight models / all tokens of adopters",
        get: |m| m.open_share_usage,
    },
    Reporter {
        name: "open_share_spend",
        unit: "share 0..1",
        definition: "USD spent on open-weight models (API bills or self-hosting GPUs) / all AI spend",
        get: |m| m.open_share_spend,
    },
    Reporter {
        name: "self_hosted_share",
        unit: "share 0..1",
        definition: "adopters running an open model on their own or local hardware / adopters",
        get: |m| m.self_hosted_share,
    },
    Reporter {
        name: "domestic_share_usage",
        unit: "share 0..1",
        definition: "tokens processed by vendors of the region's home origin / all tokens (0 where the region has no vendor of its own; world: domestic tokens of all regions / all tokens)",
        get: |m| m.domestic_share_usage,
    },
    Reporter {
        name: "spend_per_adopter_usd",
        unit: "USD per month",
        definition: "AI spend of adopters / adopters",
        get: |m| m.spend_per_adopter_usd,
    },
];

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// Figures of the organisations in `scope` at one step.
pub fn metrics(scenario: &Scenario, record: &Record, scope: Scope) -> RegionMetrics {
    let t = &record.tally;
    let (mut orgs, mut open_orgs, mut usage, mut open_usage, mut spend, mut open_spend, mut hosted, mut domestic) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for cell in t.cells(scope) {
        let home = &scenario.regions[cell / t.sectors].home_origin;
        for k in 0..t.vendors {
            let i = cell * t.vendors + k;
            orgs += t.orgs[i];
            usage += t.usage[i];
            spend += t.spend[i];
            hosted += t.self_hosted[i];
            if record.vendors[k].open {
                open_orgs += t.orgs[i];
                open_usage += t.usage[i];
                open_spend += t.spend[i];
            }
            if !home.is_empty() && scenario.vendors[k].origin == *home {
                domestic += t.usage[i];
            }
        }
    }
    RegionMetrics {
        adoption: t.adoption(scope),
        open_share_orgs: ratio(open_orgs, orgs),
        open_share_usage: ratio(open_usage, usage),
        open_share_spend: ratio(open_spend, spend),
        self_hosted_share: ratio(hosted, orgs),
        domestic_share_usage: ratio(domestic, usage),
        spend_per_adopter_usd: ratio(spend, orgs),
    }
}

/// Figures of a region (None: the world) at one step.
pub fn region_metrics(scenario: &Scenario, record: &Record, region: Option<usize>) -> RegionMetrics {
    metrics(scenario, record, Scope { region, sector: None })
}

/// Quantile by linear interpolation between order statistics (numpy's default, "type 7").
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q;
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Mean, 5th, 50th and 95th percentile.
pub fn describe(values: &[f64]) -> [f64; 4] {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    [mean, quantile(&sorted, 0.05), quantile(&sorted, 0.5), quantile(&sorted, 0.95)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.05) - 1.2).abs() < 1e-12);
        assert!((quantile(&v, 0.95) - 4.8).abs() < 1e-12);
        assert_eq!(describe(&[2.0, 4.0]), [3.0, 2.1, 3.0, 3.9]);
    }
}
