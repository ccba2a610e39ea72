//! A17: with one vendor and global mixing, adoption follows the Bass curve
//! F(t) = (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t).

use aiadopt::model::Scope;

use crate::common::{mean_metric, run};

const ONE_VENDOR: &str = r#"
[simulation]
start = "2025-01"
months = 240
agents = 40000
seeds = 2
[adoption]
imitation = 0.5
mixing = "global"
[[regions]]
id = "world"
organisations = 1.0
gdp_per_capita = 50000
compute_access = 1.0
innovation = 0.05
[[sectors]]
id = "all"
share = 1.0
size = 10
usage = 0.01
[[vendors]]
id = "only"
origin = "us"
open = false
price = 1.0
capability = 1.0
"#;

fn closed_form(p: f64, q: f64, t: f64) -> f64 {
    let e = (-(p + q) * t).exp();
    (1.0 - e) / (1.0 + q / p * e)
}

/// Monthly adoption rates of the closed form.
fn monthly_closed_form(p: f64, q: f64, months: usize) -> Vec<f64> {
    (0..=months).map(|m| closed_form(p, q, m as f64 / 12.0)).collect()
}

#[test]
fn a17_adoption_follows_the_bass_curve() {
    let s = aiadopt::scenario::from_str(ONE_VENDOR, "bass").unwrap();
    let (p, q) = (0.05, 0.5);
    let runs = run(&s);
    let n = s.simulation.agents as f64 * s.simulation.seeds as f64;
    let mut worst = 0.0f64;
    for step in (0..=240).step_by(6) {
        let t = step as f64 / 12.0;
        let exact = closed_form(p, q, t);
        let simulated = mean_metric(&s, &runs, Scope::WORLD, Some(step), |m| m.adoption);
        // 4 standard errors of the stochastic Bass process over n organisations (linear-noise
        // approximation). Monthly steps add no error: each month applies the Bass transition
        // over that month exactly.
        let se = aiadopt::validate::analytical::bass_standard_error(p, q, n, &[t])[0];
        let sampling = 4.0 * se + 1e-9;
        let error = (simulated - exact).abs();
        worst = worst.max(error);
        assert!(error <= sampling, "month {step}: simulated {simulated:.4}, Bass {exact:.4}, allowed {sampling:.4}");
    }
    assert!(worst > 0.0, "the comparison compared something");
}

#[test]
fn bass_peak_time_and_share_at_peak_match_theory() {
    let (p, q) = (0.03, 0.38);
    let f = monthly_closed_form(p, q, 600);
    let rates: Vec<f64> = f.windows(2).map(|w| w[1] - w[0]).collect();
    let peak_month = rates.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
    let theory = (q / p).ln() / (p + q) * 12.0;
    assert!((peak_month as f64 - theory).abs() <= 2.0, "peak at month {peak_month}, theory {theory:.1}");
    let at_peak = f[peak_month];
    assert!((at_peak - (q - p) / (2.0 * q)).abs() < 0.02, "adopted at the peak {at_peak:.3}");
}
