//! Settings that reduce the model to a known result: Bass diffusion, the plain logit and its
//! independence of irrelevant alternatives, Brock-Durlauf social interaction, Arthur lock-in,
//! and conservation of organisations under every shipped scenario over a century.

use crate::model::Scope;
use crate::scenario::{self, embedded};

use super::{Check, Family, Settings, ValidateError, Validation, Verdict, runs};

fn check(
    name: impl Into<String>,
    expected: String,
    measured: String,
    tolerance: String,
    pass: bool,
    note: &str,
) -> Check {
    Check {
        family: Family::Analytical,
        name: name.into(),
        expected,
        measured,
        tolerance,
        verdict: if pass { Verdict::Pass } else { Verdict::Fail },
        note: note.to_string(),
    }
}

/// One region and one sector of identical organisations, with the given `[adoption]` and
/// `[choice]` keys and vendor tables.
fn world(agents: u64, seeds: u64, months: u64, adoption: &str, choice: &str, vendors: &str) -> String {
    format!(
        r#"
[simulation]
start = "2025-01"
months = {months}
agents = {agents}
seeds = {seeds}
seed = 7
[network]
degree = 10
[adoption]
{adoption}
[choice]
{choice}
usage_dispersion = 0.0
[[regions]]
id = "world"
organisations = 1.0
gdp_per_capita = 50000
compute_access = 1.0
[[sectors]]
id = "all"
share = 1.0
size = 10
size_dispersion = 0.0
usage = 0.01
switching_cost = 0.0
{vendors}
"#
    )
}

pub(super) fn all(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    bass(settings, v)?;
    logit(settings, v)?;
    brock_durlauf(settings, v)?;
    arthur(settings, v)?;
    conservation(settings, v)?;
    Ok(())
}

fn bass_closed_form(p: f64, q: f64, t: f64) -> f64 {
    let e = (-(p + q) * t).exp();
    (1.0 - e) / (1.0 + q / p * e)
}

/// Standard deviation of the adopted share at each time in `times` (years) for a Bass process of
/// `n` organisations, by the linear-noise approximation: with F the deterministic path,
/// d var / dt = 2 J var + D / n, J = q - p - 2qF (the drift's slope), D = (p + qF)(1 - F).
/// Early chance fluctuations are amplified while imitation feeds on them, so this exceeds the
/// binomial sqrt(F(1 - F) / n) well before the peak.
pub fn bass_standard_error(p: f64, q: f64, n: f64, times: &[f64]) -> Vec<f64> {
    let dt = 1.0 / 1200.0;
    let (mut t, mut var) = (0.0f64, 0.0f64);
    times
        .iter()
        .map(|&target| {
            while t < target - 1e-12 {
                let f = bass_closed_form(p, q, t);
                let drift_slope = q - p - 2.0 * q * f;
                let diffusion = (p + q * f) * (1.0 - f);
                var += (2.0 * drift_slope * var + diffusion / n) * dt;
                t += dt;
            }
            var.max(0.0).sqrt()
        })
        .collect()
}

fn bass(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let (agents, seeds, months) = (settings.agents(), 2u64, 240u64);
    let n = (agents * seeds) as f64;
    for (p, q) in [(0.03, 0.38), (0.01, 0.5), (0.1, 0.3)] {
        let text = world(
            agents,
            seeds,
            months,
            &format!("imitation = {q}\nmixing = \"global\""),
            "",
            "[[vendors]]\nid = \"only\"\norigin = \"us\"\nopen = false\nprice = 1.0\ncapability = 1.0\n",
        )
        .replace("compute_access = 1.0\n", &format!("compute_access = 1.0\ninnovation = {p}\n"));
        let s = scenario::from_str(&text, "bass")?;
        let rs = runs(&s)?;
        let simulated: Vec<f64> = (0..=months as usize)
            .map(|t| rs.iter().map(|r| r.records[t].tally.adoption(Scope::WORLD)).sum::<f64>() / rs.len() as f64)
            .collect();
        let exact: Vec<f64> = (0..=months as usize).map(|t| bass_closed_form(p, q, t as f64 / 12.0)).collect();
        let times: Vec<f64> = (0..=months).map(|t| t as f64 / 12.0).collect();
        let se = bass_standard_error(p, q, n, &times);
        // The worst month relative to its own tolerance of 4 standard errors.
        let (worst, at) = simulated
            .iter()
            .zip(&exact)
            .zip(&se)
            .enumerate()
            .map(|(t, ((a, b), e))| ((a - b).abs() / (4.0 * e).max(1e-12), t))
            .fold((0.0, 0), |acc, x| if x.0 > acc.0 { x } else { acc });
        v.checks.push(check(
            format!("Bass curve, p = {p}, q = {q}"),
            "F(t) = (1 - e^-(p+q)t) / (1 + (q/p) e^-(p+q)t)".into(),
            format!("month {at}: gap {:.4}", (simulated[at] - exact[at]).abs()),
            format!("{:.4}", 4.0 * se[at]),
            worst <= 1.0,
            "adoption share each month, one vendor, global mixing; the month shown is the one closest to its tolerance, 4 standard errors of the stochastic Bass process over all organisations and seeds (linear-noise approximation)",
        ));
        // The share adopted at the peak, and when the simulated curve reaches it.
        let peak_share = (q - p) / (2.0 * q);
        let peak_time = (q / p).ln() / (p + q);
        let crossing = simulated.windows(2).position(|w| w[0] < peak_share && w[1] >= peak_share);
        if let Some(m) = crossing {
            let (a, b) = (simulated[m], simulated[m + 1]);
            let t = (m as f64 + (peak_share - a) / (b - a)) / 12.0;
            // The timing error that a share error of 4 standard errors makes at the peak's slope.
            let slope = (p + q) * (p + q) / (4.0 * q);
            let tolerance = 4.0 * bass_standard_error(p, q, n, &[peak_time])[0] / slope + 1.0 / 24.0;
            v.checks.push(check(
                format!("Bass peak, p = {p}, q = {q}"),
                format!("{:.1}% adopted at ln(q/p)/(p+q) = {peak_time:.2} years", peak_share * 100.0),
                format!("reached at {t:.2} years"),
                format!("{tolerance:.2} years"),
                (t - peak_time).abs() <= tolerance,
                "time the simulated curve reaches (q-p)/2q; tolerance: 4 standard errors of the share at the peak divided by the slope there, plus half a month",
            ));
        }
        v.curves.bass.push(super::BassCurve { label: format!("p = {p}, q = {q}"), years: times, simulated, exact });
    }
    Ok(())
}

/// Vendors that differ only by origin, so that with trust the only utility term, U_k = 2 x trust.
fn trust_vendors(n: usize) -> String {
    ["aa", "bb", "cc", "dd"][..n]
        .iter()
        .map(|o| {
            format!("[[vendors]]\nid = \"v-{o}\"\norigin = \"{o}\"\nopen = false\nprice = 1.0\ncapability = 1.0\n")
        })
        .collect()
}

const TRUST: [f64; 4] = [0.9, 0.5, 0.2, 0.7];
const LOGIT_CHOICE: &str = "noise = 1.0\ntrust_weight = 2.0\nnetwork_weight = 0.0\necosystem_weight = 0.0\nswitching_weight = 0.0\nquality_weight = 0.0\nlocalisation_weight = 0.0\nrevocation_weight = 0.0\nsovereignty_weight = 0.0\nintegration_weight = 0.0";

fn logit_shares(settings: &Settings, vendors: usize) -> Result<(Vec<f64>, f64), ValidateError> {
    let (agents, seeds) = (settings.agents(), 2u64);
    let trust: Vec<String> =
        ["aa", "bb", "cc", "dd"][..vendors].iter().zip(TRUST).map(|(o, t)| format!("{o} = {t}")).collect();
    let text = world(agents, seeds, 24, "review_rate = 12.0", LOGIT_CHOICE, &trust_vendors(vendors)).replace(
        "compute_access = 1.0\n",
        &format!("compute_access = 1.0\ninitial_adoption = 1.0\ntrust = {{ {} }}\n", trust.join(", ")),
    );
    let s = scenario::from_str(&text, "logit")?;
    let rs = runs(&s)?;
    let mut shares = vec![0.0; vendors];
    for r in &rs {
        let t = &r.records.last().expect("records").tally;
        for (k, x) in t.shares(&t.orgs, Scope::WORLD).iter().enumerate() {
            shares[k] += x / rs.len() as f64;
        }
    }
    Ok((shares, (agents * seeds) as f64))
}

fn logit(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let (shares, n) = logit_shares(settings, 3)?;
    let weights: Vec<f64> = TRUST[..3].iter().map(|t| (2.0 * t).exp()).collect();
    let total: f64 = weights.iter().sum();
    let expected: Vec<f64> = weights.iter().map(|w| w / total).collect();
    let worst = shares.iter().zip(&expected).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    let tolerance = expected.iter().map(|p| 4.0 * (p * (1.0 - p) / n).sqrt()).fold(0.0, f64::max);
    let fmt = |v: &[f64]| v.iter().map(|x| format!("{x:.4}")).collect::<Vec<_>>().join(" / ");
    v.checks.push(check(
        "Logit without interaction",
        format!("softmax of utilities: {}", fmt(&expected)),
        fmt(&shares),
        format!("{tolerance:.4}"),
        worst <= tolerance,
        "three vendors differing only in trust (U = 2 x trust), network, ecosystem and switching weights 0, everyone reviewing; tolerance 4 binomial standard errors",
    ));
    let (four, _) = logit_shares(settings, 4)?;
    let odds_expected = (2.0 * (TRUST[0] - TRUST[1])).exp();
    let odds = four[0] / four[1];
    let sd_log = (1.0 / (n * four[0]) + 1.0 / (n * four[1])).sqrt();
    let tolerance = odds_expected * (4.0 * sd_log).exp_m1();
    v.checks.push(check(
        "Independence of irrelevant alternatives",
        format!("odds of the first two vendors stay e^0.8 = {odds_expected:.4} when a fourth is added"),
        format!("{odds:.4}"),
        format!("{tolerance:.4}"),
        (odds - odds_expected).abs() <= tolerance,
        "tolerance: 4 standard errors of the log odds (delta method)",
    ));
    Ok(())
}

/// Positive root of m = tanh(beta J m), or 0 when beta J <= 1.
pub fn social_root(beta_j: f64) -> f64 {
    if beta_j <= 1.0 {
        return 0.0;
    }
    let mut m = 1.0;
    for _ in 0..200 {
        m = (beta_j * m).tanh();
    }
    m
}

fn brock_durlauf(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let agents = settings.agents() / 5;
    let seeds = 3u64;
    let n = agents as f64;
    let vendors = "[[vendors]]\nid = \"a\"\norigin = \"us\"\nopen = false\nprice = 1.0\ncapability = 1.0\n[[vendors]]\nid = \"b\"\norigin = \"us\"\nopen = false\nprice = 1.0\ncapability = 1.0\n";
    let judged = [0.5, 1.0, 1.5, 2.6, 3.0, 4.0];
    let shown = [0.25, 0.75, 1.25, 1.75, 1.9, 2.1, 2.25, 2.5, 3.5];
    for w in judged.iter().chain(&shown) {
        let choice = format!(
            "noise = 1.0\nnetwork_weight = {w}\necosystem_weight = 0.0\nswitching_weight = 0.0\nquality_weight = 0.0\ntrust_weight = 0.0\nlocalisation_weight = 0.0"
        );
        let text = world(agents, seeds, 120, "mixing = \"global\"\nreview_rate = 12.0", &choice, vendors)
            .replace("compute_access = 1.0\n", "compute_access = 1.0\ninitial_adoption = 1.0\n");
        let s = scenario::from_str(&text, "brock-durlauf")?;
        let rs = runs(&s)?;
        // With shares x and 1 - x the utility difference is w (2x - 1): m = tanh(w m / 2).
        let expected = social_root(w / 2.0);
        let mut measured = 0.0;
        for r in &rs {
            let t = &r.records.last().expect("records").tally;
            let x = t.shares(&t.orgs, Scope::WORLD)[0];
            v.curves.bifurcation.push((*w, x.max(1.0 - x)));
            measured += (2.0 * x - 1.0).abs() / rs.len() as f64;
        }
        if !judged.contains(w) {
            continue;
        }
        // Sampling noise of a share over n organisations, amplified by the feedback
        // 1 / (1 - slope of the map at the fixed point) (linear response).
        let slope = w / 2.0 * (1.0 - expected * expected);
        let tolerance = 4.0 * 2.0 * (0.25 / n).sqrt() / (1.0 - slope);
        v.checks.push(check(
            format!("Brock-Durlauf, network weight {w}"),
            format!("|m| = {expected:.4} ({})", if w / 2.0 <= 1.0 { "one stable state at 50%" } else { "two stable states" }),
            format!("|m| = {measured:.4}"),
            format!("{tolerance:.4}"),
            (measured - expected).abs() <= tolerance,
            "two symmetric vendors, global mixing, m = 2 x share - 1 after 120 months; critical weight 2 x noise; tolerance 4 standard errors amplified by 1 / (1 - slope)",
        ));
    }
    Ok(())
}

fn arthur(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let seeds = if settings.quick { 20 } else { 40 };
    let agents = 2000u64;
    let vendors = "[[vendors]]\nid = \"a\"\norigin = \"aa\"\nopen = false\nprice = 1.0\ncapability = 1.0\n[[vendors]]\nid = \"b\"\norigin = \"bb\"\nopen = false\nprice = 1.0\ncapability = 1.0\n";
    let adoption = "mixing = \"global\"\nimitation = 0.5\nreview_rate = 0.2";
    let base =
        "noise = 1.0\nswitching_weight = 0.0\nquality_weight = 0.0\nlocalisation_weight = 0.0\nrevocation_weight = 0.0";
    let run = |choice: String, trust: &str| -> Result<Vec<f64>, ValidateError> {
        let text = world(agents, seeds, 120, adoption, &choice, vendors).replace(
            "compute_access = 1.0\n",
            &format!("compute_access = 1.0\ninnovation = 0.05\ntrust = {{ {trust} }}\n"),
        );
        let s = scenario::from_str(&text, "arthur")?;
        Ok(runs(&s)?
            .iter()
            .map(|r| {
                let t = &r.records.last().expect("records").tally;
                t.shares(&t.orgs, Scope::WORLD)[0]
            })
            .collect())
    };
    let locked =
        run(format!("{base}\nnetwork_weight = 6.0\necosystem_weight = 3.0\ntrust_weight = 0.0"), "aa = 0.5, bb = 0.5")?;
    let near_edge = locked.iter().filter(|x| **x < 0.1 || **x > 0.9).count() as f64 / locked.len() as f64;
    v.checks.push(check(
        "Lock-in with increasing returns (Arthur)",
        "most runs end with one vendor above 90%".into(),
        format!("{:.0}% of {} runs", near_edge * 100.0, locked.len()),
        "at least 80%".into(),
        near_edge >= 0.8,
        "two symmetric vendors, strong network and ecosystem weights, adopters arriving by Bass diffusion; without increasing returns no run would end beyond 10%/90% at this sample size",
    ));
    let mixed =
        run(format!("{base}\nnetwork_weight = 0.0\necosystem_weight = 0.0\ntrust_weight = 1.0"), "aa = 0.7, bb = 0.5")?;
    let expected = 1.0 / (1.0 + (-0.2f64).exp());
    let mean = mixed.iter().sum::<f64>() / mixed.len() as f64;
    let tolerance = 4.0 * (expected * (1.0 - expected) / (agents as f64 * mixed.len() as f64)).sqrt();
    v.checks.push(check(
        "No lock-in with constant returns",
        format!("mean share = preference mix {expected:.4}"),
        format!("{mean:.4}"),
        format!("{tolerance:.4}"),
        (mean - expected).abs() <= tolerance,
        "the same market with network and ecosystem weights 0 and a small trust difference (logit share e^0.2 / (1 + e^0.2)); tolerance 4 binomial standard errors",
    ));
    Ok(())
}

fn conservation(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let agents = if settings.quick { "500" } else { "1500" };
    let mut worst_sum = 0.0f64;
    let mut violations = Vec::new();
    for shipped in embedded::SHIPPED {
        let name = shipped.file.trim_end_matches(".toml");
        let s = scenario::load(
            name,
            &[("simulation.agents", agents), ("simulation.seeds", "1"), ("simulation.months", "1200")],
        )?;
        for r in runs(&s)? {
            for (step, record) in r.records.iter().enumerate() {
                let t = &record.tally;
                for scope in std::iter::once(Scope::WORLD).chain((0..t.regions).map(Scope::region)) {
                    for of in [&t.orgs, &t.usage, &t.spend] {
                        let shares = t.shares(of, scope);
                        let sum: f64 = shares.iter().sum();
                        if sum > 0.0 {
                            worst_sum = worst_sum.max((sum - 1.0).abs());
                        }
                        if shares.iter().any(|x| *x < 0.0) {
                            violations.push(format!("{name} step {step}: a negative share"));
                        }
                    }
                    let users: f64 = (0..t.vendors).map(|k| t.sum(&t.orgs, scope, k)).sum();
                    if users > t.population_of(scope) * (1.0 + 1e-12) {
                        violations.push(format!("{name} step {step}: more adopters than organisations"));
                    }
                }
                if t.orgs.iter().chain(&t.usage).chain(&t.spend).any(|x| *x < 0.0 || !x.is_finite()) {
                    violations.push(format!("{name} step {step}: a negative or non-finite sum"));
                }
            }
        }
    }
    v.checks.push(check(
        "Conservation over 100 years",
        "shares sum to 1, adopters <= organisations, nothing negative".into(),
        if violations.is_empty() { format!("largest |sum - 1| = {worst_sum:.1e}") } else { violations[0].clone() },
        "1e-9".into(),
        violations.is_empty() && worst_sum <= 1e-9,
        "every shipped scenario, 1,200 months, world and every region, by organisations, usage and spend",
    ));
    Ok(())
}
