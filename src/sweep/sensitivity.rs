//! Sensitivity estimators for sweep outputs: Sobol first-order and total indices from a
//! Saltelli design (with bootstrap intervals), and Morris elementary-effect statistics.

/// Coverage of the bootstrap percentile intervals.
pub const CONFIDENCE: f64 = 0.95;

/// Sobol indices of k parameters, in parameter order, with bootstrap percentile intervals
/// `(low, high)` at [`CONFIDENCE`].
#[derive(Clone, Debug, PartialEq)]
pub struct SobolIndices {
    pub first: Vec<f64>,
    pub total: Vec<f64>,
    pub first_ci: Vec<(f64, f64)>,
    pub total_ci: Vec<(f64, f64)>,
}

/// Morris statistics of k parameters over r trajectories, elementary effects measured per unit
/// of the normalised range (unit cube). `mu_star` = mean |EE| (importance), `mu` = mean EE
/// (sign; near 0 with a large `mu_star` means non-monotone), `sigma` = sample standard
/// deviation of EE (r - 1 in the denominator: interactions or non-linearity).
#[derive(Clone, Debug, PartialEq)]
pub struct MorrisIndices {
    pub mu_star: Vec<f64>,
    pub mu: Vec<f64>,
    pub sigma: Vec<f64>,
}

/// Why indices could not be estimated.
#[derive(Clone, Debug, thiserror::Error)]
pub enum SensitivityError {
    #[error("sensitivity analysis needs at least one parameter (k = 0)")]
    NoParams,
    #[error("a Sobol design over {k} parameters gives N({k}+2) outputs for N >= 2 base rows; got {len} outputs")]
    SobolLength { k: usize, len: usize },
    #[error("output #{index} (0-based) is {value}, not a finite number: a run failed or diverged")]
    NotFinite { index: usize, value: f64 },
    #[error(
        "the output does not vary (the A and B runs all gave {value}, to within rounding): no parameter \
         moves it, so there is no variance to apportion and Sobol indices are undefined"
    )]
    ZeroVariance { value: f64 },
    #[error("Sobol intervals need at least 1 bootstrap resample, got 0")]
    NoResamples,
    #[error("every bootstrap resample drew runs with one single output value, so no interval can be formed")]
    DegenerateBootstrap,
    #[error("Morris statistics need at least 2 trajectories for sigma, got {trajectories}")]
    TooFewTrajectories { trajectories: usize },
    #[error("a Morris design of {trajectories} trajectories over {k} parameters has {expected} points; got {got}")]
    MorrisPoints { trajectories: usize, k: usize, expected: usize, got: usize },
    #[error("{outputs} outputs for {points} points: each point needs exactly one output")]
    OutputCount { outputs: usize, points: usize },
    #[error("point #{index} has {len} coordinates, expected {k} (one per parameter)")]
    PointWidth { index: usize, len: usize, k: usize },
    #[error("point #{index} has coordinate {value}, not a finite number")]
    PointNotFinite { index: usize, value: f64 },
    #[error(
        "trajectory {trajectory}, step {step}: {changed} coordinates change, but a Morris trajectory moves \
         exactly one parameter per step (were these `design::unit_points` of a Morris design?)"
    )]
    NotOneAtATime { trajectory: usize, step: usize, changed: usize },
    #[error(
        "trajectory {trajectory} moves parameter #{param} twice, but a Morris trajectory moves each parameter once"
    )]
    MovedTwice { trajectory: usize, param: usize },
}

/// Sobol first-order and total indices from a Saltelli design. Pure: the bootstrap draws from
/// a ChaCha8 stream keyed by `seed`, never a global RNG, so same inputs give the same bytes.
///
/// `outputs` are in the order `design::points` returns for `Design::Sobol`: f(A) (N rows),
/// f(B) (N rows), f(A_B^(1)) .. f(A_B^(k)) (N rows each), so `outputs.len() = N (k + 2)`.
///
/// - first order (Saltelli 2010): S_i = mean(f(B) (f(A_B^i) - f(A))) / V
/// - total (Jansen 1999): ST_i = mean((f(A) - f(A_B^i))^2) / (2 V)
///
/// with V the variance (1/(2N)) of [f(A); f(B)]. f(B) is centred on the mean of [f(A); f(B)]
/// first: this leaves the estimator's expectation unchanged (E[f(A_B^i) - f(A)] = 0) but
/// removes the variance that a large output mean would otherwise add (e.g. an adoption count
/// near 1e6 that varies by 1e3), and makes S_i invariant to a shift of the output, like ST_i.
///
/// Intervals: `bootstrap` resamples of the N base rows with replacement (a row carries its A,
/// B and every A_B^i output), indices recomputed on each, and the 2.5 % and 97.5 % quantiles
/// (linear interpolation between order statistics) taken. Resamples whose [f(A); f(B)] are all
/// one value (possible only for tiny N) are skipped. The bootstrap treats rows as independent,
/// which overstates the error of quasi-random rows: the intervals are conservative.
///
/// Estimates are not clipped to [0, 1]: sampling error can make a small index slightly
/// negative, and hiding that would hide how noisy the estimate is.
///
/// Errors: wrong length (or N < 2), a non-finite output, zero variance of [f(A); f(B)] (the
/// output does not depend on any parameter: indices are undefined, not zero), bootstrap = 0.
pub fn sobol_indices(outputs: &[f64], k: usize, bootstrap: usize, seed: u64) -> Result<SobolIndices, SensitivityError> {
    if k == 0 {
        return Err(SensitivityError::NoParams);
    }
    let len = outputs.len();
    if len % (k + 2) != 0 || len / (k + 2) < 2 {
        return Err(SensitivityError::SobolLength { k, len });
    }
    if let Some((index, &value)) = outputs.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(SensitivityError::NotFinite { index, value });
    }
    if bootstrap == 0 {
        return Err(SensitivityError::NoResamples);
    }
    let n = len / (k + 2);
    let base = &outputs[..2 * n];
    if base.iter().all(|&v| v == base[0]) {
        return Err(SensitivityError::ZeroVariance { value: base[0] });
    }
    let rows: Vec<usize> = (0..n).collect();
    let (first, total) = estimate(outputs, n, k, &rows).ok_or(SensitivityError::ZeroVariance { value: base[0] })?;

    let mut rng = crate::model::rng::keyed(seed, TAG_BOOTSTRAP);
    let mut firsts: Vec<Vec<f64>> = vec![Vec::with_capacity(bootstrap); k];
    let mut totals: Vec<Vec<f64>> = vec![Vec::with_capacity(bootstrap); k];
    let mut rows = vec![0usize; n];
    for _ in 0..bootstrap {
        for r in rows.iter_mut() {
            *r = ((crate::model::rng::unit(&mut rng) * n as f64) as usize).min(n - 1);
        }
        if let Some((f, t)) = estimate(outputs, n, k, &rows) {
            for i in 0..k {
                firsts[i].push(f[i]);
                totals[i].push(t[i]);
            }
        }
    }
    if firsts[0].is_empty() {
        return Err(SensitivityError::DegenerateBootstrap);
    }
    let tail = (1.0 - CONFIDENCE) / 2.0;
    let interval = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        (quantile(&xs, tail), quantile(&xs, 1.0 - tail))
    };
    Ok(SobolIndices {
        first,
        total,
        first_ci: firsts.into_iter().map(interval).collect(),
        total_ci: totals.into_iter().map(interval).collect(),
    })
}

/// First-order and total indices over the given base rows (repeats allowed); `None` when the
/// selected [f(A); f(B)] have zero variance.
fn estimate(outputs: &[f64], n: usize, k: usize, rows: &[usize]) -> Option<(Vec<f64>, Vec<f64>)> {
    let fa = |j: usize| outputs[j];
    let fb = |j: usize| outputs[n + j];
    let fab = |i: usize, j: usize| outputs[(2 + i) * n + j];
    let m = rows.len() as f64;
    let mean = rows.iter().map(|&j| fa(j) + fb(j)).sum::<f64>() / (2.0 * m);
    let var = rows.iter().map(|&j| (fa(j) - mean).powi(2) + (fb(j) - mean).powi(2)).sum::<f64>() / (2.0 * m);
    // Deviations of identical values can be a few ulps rather than 0; treat a variance that
    // small relative to the mean as none, since dividing by it would only amplify rounding.
    if var <= f64::EPSILON * f64::EPSILON * mean * mean || var == 0.0 {
        return None;
    }
    let mut first = vec![0.0; k];
    let mut total = vec![0.0; k];
    for i in 0..k {
        let (mut s, mut t) = (0.0, 0.0);
        for &j in rows {
            let d = fab(i, j) - fa(j);
            s += (fb(j) - mean) * d;
            t += d * d;
        }
        first[i] = s / m / var;
        total[i] = t / m / (2.0 * var);
    }
    Some((first, total))
}

/// Quantile of sorted values, linear between order statistics (Hyndman-Fan type 7).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = q * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Morris mu*, mu and sigma from the unit-cube points of a Morris design
/// (`design::unit_points(&Design::Morris { .. }, ..)`) and the outputs at those points.
///
/// Which parameter moved at each step, and by how much, is read from the points: the one
/// coordinate that differs between consecutive points of a trajectory. The elementary effect
/// is (f(next) - f(this)) / (next_i - this_i), i.e. (f(x + Δe_i) - f(x)) / Δ with Δ in
/// unit-cube terms, whichever way the step went.
///
/// An output that never varies gives all-zero statistics (no parameter has an effect); this
/// is a correct answer, not an error. Errors: shape mismatches, a non-finite value, points
/// that are not one-at-a-time trajectories, fewer than 2 trajectories.
pub fn morris_indices(
    points_unit: &[Vec<f64>],
    outputs: &[f64],
    k: usize,
    trajectories: usize,
) -> Result<MorrisIndices, SensitivityError> {
    if k == 0 {
        return Err(SensitivityError::NoParams);
    }
    if trajectories < 2 {
        return Err(SensitivityError::TooFewTrajectories { trajectories });
    }
    let expected = trajectories * (k + 1);
    if points_unit.len() != expected {
        return Err(SensitivityError::MorrisPoints { trajectories, k, expected, got: points_unit.len() });
    }
    if outputs.len() != points_unit.len() {
        return Err(SensitivityError::OutputCount { outputs: outputs.len(), points: points_unit.len() });
    }
    for (index, p) in points_unit.iter().enumerate() {
        if p.len() != k {
            return Err(SensitivityError::PointWidth { index, len: p.len(), k });
        }
        if let Some(&value) = p.iter().find(|v| !v.is_finite()) {
            return Err(SensitivityError::PointNotFinite { index, value });
        }
    }
    if let Some((index, &value)) = outputs.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(SensitivityError::NotFinite { index, value });
    }

    // effects[i][t]: the elementary effect of parameter i in trajectory t (each trajectory
    // pushes once per parameter, checked below, so t is the push order).
    let mut effects = vec![Vec::with_capacity(trajectories); k];
    for t in 0..trajectories {
        let start = t * (k + 1);
        let mut moved = vec![false; k];
        for step in 0..k {
            let (a, b) = (&points_unit[start + step], &points_unit[start + step + 1]);
            let mut changed = (0..k).filter(|&c| a[c] != b[c]);
            let (Some(i), None) = (changed.next(), changed.next()) else {
                let changed = (0..k).filter(|&c| a[c] != b[c]).count();
                return Err(SensitivityError::NotOneAtATime { trajectory: t, step, changed });
            };
            if moved[i] {
                return Err(SensitivityError::MovedTwice { trajectory: t, param: i });
            }
            moved[i] = true;
            effects[i].push((outputs[start + step + 1] - outputs[start + step]) / (b[i] - a[i]));
        }
    }
    let r = trajectories as f64;
    let mu: Vec<f64> = effects.iter().map(|e| e.iter().sum::<f64>() / r).collect();
    let mu_star = effects.iter().map(|e| e.iter().map(|x| x.abs()).sum::<f64>() / r).collect();
    let sigma = effects
        .iter()
        .zip(&mu)
        .map(|(e, &m)| (e.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (r - 1.0)).sqrt())
        .collect();
    Ok(MorrisIndices { mu_star, mu, sigma })
}

/// Stream tag, so the bootstrap never shares a stream with a design built from the same seed.
const TAG_BOOTSTRAP: u64 = 0x424F_4F01;

#[cfg(test)]
mod tests {
    use super::super::design::{self, Design, Param, ParamSpec};
    use super::*;
    use std::f64::consts::PI;

    fn ranges(k: usize, low: f64, high: f64) -> Vec<Param> {
        (0..k)
            .map(|i| Param { path: format!("x{}", i + 1), spec: ParamSpec::Range { low, high, log: false } })
            .collect()
    }

    fn ishigami(x: &[f64]) -> f64 {
        let (a, b) = (7.0, 0.1);
        x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
    }

    /// Analytical indices of Ishigami (a = 7, b = 0.1, x uniform on [-pi, pi]), e.g. Saltelli
    /// et al., "Global Sensitivity Analysis: The Primer" (2008), and SALib's test suite.
    fn ishigami_truth() -> ([f64; 3], [f64; 3]) {
        let (a, b) = (7.0_f64, 0.1_f64);
        let pi4 = PI.powi(4);
        let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = b * b * PI.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
        let v = v1 + v2 + v13;
        ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
    }

    #[test]
    fn ishigami_truth_matches_the_published_values() {
        let (s, st) = ishigami_truth();
        for (got, want) in s.iter().chain(&st).zip([0.3139, 0.4424, 0.0, 0.5576, 0.4424, 0.2437]) {
            assert!((got - want).abs() < 1e-4, "{got} vs {want}");
        }
    }

    fn sobol_outputs(n: usize) -> Vec<f64> {
        let pts = design::points(&Design::Sobol { samples: n }, &ranges(3, -PI, PI), 0).unwrap();
        pts.iter().map(|x| ishigami(x)).collect()
    }

    #[test]
    fn sobol_indices_recover_ishigami() {
        // Tolerance: with N = 8192 quasi-random base rows the error of these estimators on
        // Ishigami is about 0.005 (their Monte Carlo standard error at this N is ~0.01-0.015,
        // and Sobol points do better); 0.03 leaves a wide margin while still failing for a
        // swapped column, a wrong estimator (e.g. f(A) in place of f(B)) or a wrong layout,
        // which all move some index by 0.1 or more.
        let (s, st) = ishigami_truth();
        let out = sobol_outputs(8192);
        let ix = sobol_indices(&out, 3, 300, 11).unwrap();
        for i in 0..3 {
            assert!((ix.first[i] - s[i]).abs() < 0.03, "S{} = {} vs {}", i + 1, ix.first[i], s[i]);
            assert!((ix.total[i] - st[i]).abs() < 0.03, "ST{} = {} vs {}", i + 1, ix.total[i], st[i]);
            let (lo, hi) = ix.first_ci[i];
            assert!(lo <= ix.first[i] && ix.first[i] <= hi, "S{} outside its own interval", i + 1);
            assert!(lo <= s[i] && s[i] <= hi, "S{} interval ({lo}, {hi}) misses {}", i + 1, s[i]);
            let (lo, hi) = ix.total_ci[i];
            assert!(lo <= st[i] && st[i] <= hi, "ST{} interval ({lo}, {hi}) misses {}", i + 1, st[i]);
            assert!(hi - lo < 0.1, "ST{} interval ({lo}, {hi}) too wide to say anything", i + 1);
        }
        // Same inputs, same bytes.
        let again = sobol_indices(&out, 3, 300, 11).unwrap();
        assert_eq!(format!("{ix:?}"), format!("{again:?}"));
        assert_ne!(ix.first_ci, sobol_indices(&out, 3, 300, 12).unwrap().first_ci);
    }

    #[test]
    fn sobol_indices_ignore_a_large_output_offset() {
        // Centring f(B) makes the first-order estimate shift-invariant, like the total one.
        let out = sobol_outputs(1024);
        let shifted: Vec<f64> = out.iter().map(|y| y + 1e6).collect();
        let (a, b) = (sobol_indices(&out, 3, 50, 1).unwrap(), sobol_indices(&shifted, 3, 50, 1).unwrap());
        for i in 0..3 {
            assert!((a.first[i] - b.first[i]).abs() < 1e-6 && (a.total[i] - b.total[i]).abs() < 1e-6);
        }
    }

    #[test]
    fn sobol_indices_of_an_additive_function_split_its_variance() {
        // f = x1 + 2 x2 on the unit square, x3 inert: variances 1/12 and 4/12, so S = ST =
        // (0.2, 0.8, 0). Sobol points make this nearly exact.
        let pts = design::points(&Design::Sobol { samples: 4096 }, &ranges(3, 0.0, 1.0), 0).unwrap();
        let out: Vec<f64> = pts.iter().map(|x| x[0] + 2.0 * x[1]).collect();
        let ix = sobol_indices(&out, 3, 100, 3).unwrap();
        for (i, want) in [0.2, 0.8, 0.0].into_iter().enumerate() {
            assert!((ix.first[i] - want).abs() < 0.01, "S{} = {}", i + 1, ix.first[i]);
            assert!((ix.total[i] - want).abs() < 0.01, "ST{} = {}", i + 1, ix.total[i]);
        }
        // An inert parameter's A_B^i equals f(A) exactly: its indices and intervals are 0.
        assert_eq!((ix.first[2], ix.total[2], ix.first_ci[2], ix.total_ci[2]), (0.0, 0.0, (0.0, 0.0), (0.0, 0.0)));
    }

    #[test]
    fn sobol_errors_are_clear_and_never_nan() {
        let constant = vec![3.5; 5 * 16];
        let e = sobol_indices(&constant, 3, 10, 0).unwrap_err();
        assert!(matches!(e, SensitivityError::ZeroVariance { .. }) && e.to_string().contains("3.5"), "{e}");
        // Constant, but with a value whose mean is not exactly representable.
        let tenths = vec![0.1; 5 * 3];
        assert!(matches!(sobol_indices(&tenths, 3, 10, 0), Err(SensitivityError::ZeroVariance { .. })));
        let e = sobol_indices(&[1.0; 14], 3, 10, 0).unwrap_err();
        assert!(e.to_string().contains("14 outputs") && e.to_string().contains("3+2"), "{e}");
        assert!(matches!(
            sobol_indices(&[1.0, 2.0, 3.0, 4.0, 5.0], 3, 10, 0),
            Err(SensitivityError::SobolLength { .. })
        ));
        assert!(matches!(sobol_indices(&[], 0, 10, 0), Err(SensitivityError::NoParams)));
        let mut out = sobol_outputs(8);
        assert!(matches!(sobol_indices(&out, 3, 0, 0), Err(SensitivityError::NoResamples)));
        out[7] = f64::NAN;
        let e = sobol_indices(&out, 3, 10, 0).unwrap_err();
        assert!(e.to_string().contains("#7") && e.to_string().contains("NaN"), "{e}");
        // Tiny N: some resamples are degenerate and are skipped, the result stays finite.
        let mut two = vec![0.0; 2 * 5];
        two[0] = 1.0;
        let ix = sobol_indices(&two, 3, 200, 0).unwrap();
        let all =
            ix.first.iter().chain(&ix.total).chain(ix.first_ci.iter().chain(&ix.total_ci).flat_map(|(a, b)| [a, b]));
        assert!(all.into_iter().all(|x| x.is_finite()));
    }

    fn morris_run(f: impl Fn(&[f64]) -> f64, k: usize, r: usize, levels: usize, low: f64, high: f64) -> MorrisIndices {
        let params = ranges(k, low, high);
        let d = Design::Morris { trajectories: r, levels };
        let unit = design::unit_points(&d, &params, 9).unwrap();
        let pts = design::points(&d, &params, 9).unwrap();
        let out: Vec<f64> = pts.iter().map(|x| f(x)).collect();
        morris_indices(&unit, &out, k, r).unwrap()
    }

    #[test]
    fn morris_of_a_linear_function_is_its_coefficients() {
        // On the unit cube every elementary effect of a linear function is its coefficient;
        // 1e-12 only absorbs the rounding of (f(x + delta) - f(x)) / delta.
        for levels in [2, 4, 6] {
            let m = morris_run(|x| 10.0 * x[0] + 0.0 * x[1] + x[2], 3, 20, levels, 0.0, 1.0);
            for (i, want) in [10.0, 0.0, 1.0].into_iter().enumerate() {
                assert!((m.mu_star[i] - want).abs() < 1e-12, "levels {levels}: mu*{} = {}", i + 1, m.mu_star[i]);
                assert!((m.mu[i] - want).abs() < 1e-12);
                assert!(m.sigma[i] < 1e-12, "sigma{} = {}", i + 1, m.sigma[i]);
            }
        }
        // Effects are per unit of the normalised range: on [0, 2] the same slopes double, and
        // a negative slope shows in mu but not mu*.
        let m = morris_run(|x| 10.0 * x[0] - 3.0 * x[1], 2, 10, 4, 0.0, 2.0);
        assert!((m.mu_star[0] - 20.0).abs() < 1e-12 && (m.mu_star[1] - 6.0).abs() < 1e-12);
        assert!((m.mu[1] + 6.0).abs() < 1e-12);
    }

    #[test]
    fn morris_on_ishigami_shows_its_known_structure() {
        // With 4 levels on [-pi, pi] a move is -pi <-> pi/3 or -pi/3 <-> pi (delta = 2/3), so:
        // - x2 (a sin^2 x2): sin^2 is 0 at +-pi and 3/4 at +-pi/3, so every |EE| is
        //   a (3/4) / (2/3) = 7.875 exactly, with either sign: mu* = 7.875, mu near 0.
        // - x1: sin x1 rises by sqrt(3)/2 on both moves, so every EE is positive (mu = mu*),
        //   varying with x3 through b x3^4 sin x1: sigma is large.
        // - x3: first-order index 0, yet EE = 0 when x1 = +-pi and +-12.5 otherwise, through
        //   its interaction with x1: mu* ~ 6.25 is far from 0, mu near 0, sigma > mu*.
        // This is the known Morris picture of Ishigami: all three matter, x3 only by interaction.
        let r = 200;
        let m = morris_run(ishigami, 3, r, 4, -PI, PI);
        assert!((m.mu_star[1] - 7.875).abs() < 1e-9, "mu*2 = {}", m.mu_star[1]);
        assert!(m.mu[1].abs() < 0.25 * m.mu_star[1], "mu2 = {}", m.mu[1]);
        assert!((m.mu[0] - m.mu_star[0]).abs() < 1e-12, "x1's effects are all positive");
        assert!(m.mu_star[0] > 5.5 && m.mu_star[0] < 10.0, "mu*1 = {}", m.mu_star[0]);
        assert!(m.sigma[0] > 0.5 * m.mu_star[0], "sigma1 = {}", m.sigma[0]);
        assert!(m.mu_star[2] > 4.0 && m.mu_star[2] < 8.5, "mu*3 = {}", m.mu_star[2]);
        assert!(m.mu[2].abs() < 0.3 * m.mu_star[2], "mu3 = {}", m.mu[2]);
        assert!(m.sigma[2] > m.mu_star[2], "sigma3 = {} vs mu*3 = {}", m.sigma[2], m.mu_star[2]);
    }

    #[test]
    fn morris_reads_downward_steps_and_rejects_non_trajectories() {
        // One trajectory by hand, moving x2 down then x1 up, f = 3 x1 + 5 x2.
        let f = |x: &[f64]| 3.0 * x[0] + 5.0 * x[1];
        let t1 = vec![vec![0.0, 1.0], vec![0.0, 0.5], vec![0.5, 0.5]];
        let t2 = vec![vec![0.5, 0.0], vec![0.0, 0.0], vec![0.0, 0.5]];
        let pts: Vec<Vec<f64>> = t1.into_iter().chain(t2).collect();
        let out: Vec<f64> = pts.iter().map(|x| f(x)).collect();
        let m = morris_indices(&pts, &out, 2, 2).unwrap();
        assert_eq!((m.mu_star, m.mu, m.sigma), (vec![3.0, 5.0], vec![3.0, 5.0], vec![0.0, 0.0]));

        let two_moves =
            vec![vec![0.0, 0.0], vec![0.5, 0.5], vec![0.5, 1.0], vec![0.0, 0.0], vec![0.5, 0.0], vec![0.5, 0.5]];
        let e = morris_indices(&two_moves, &[0.0; 6], 2, 2).unwrap_err();
        assert!(matches!(e, SensitivityError::NotOneAtATime { trajectory: 0, step: 0, changed: 2 }), "{e}");
        let twice =
            vec![vec![0.0, 0.0], vec![0.5, 0.0], vec![1.0, 0.0], vec![0.0, 0.0], vec![0.5, 0.0], vec![0.5, 0.5]];
        assert!(matches!(morris_indices(&twice, &[0.0; 6], 2, 2), Err(SensitivityError::MovedTwice { param: 0, .. })));
        assert!(matches!(morris_indices(&twice, &[0.0; 5], 2, 2), Err(SensitivityError::OutputCount { .. })));
        assert!(matches!(morris_indices(&twice, &[0.0; 6], 2, 3), Err(SensitivityError::MorrisPoints { .. })));
        assert!(matches!(
            morris_indices(&twice[..3], &[0.0; 3], 2, 1),
            Err(SensitivityError::TooFewTrajectories { .. })
        ));
        let mut nan = vec![0.0; 6];
        nan[4] = f64::INFINITY;
        assert!(matches!(morris_indices(&pts, &nan, 2, 2), Err(SensitivityError::NotFinite { index: 4, .. })));
        // A constant output: all-zero statistics, no NaN.
        let m = morris_indices(&pts, &[2.0; 6], 2, 2).unwrap();
        assert_eq!((m.mu_star, m.mu, m.sigma), (vec![0.0; 2], vec![0.0; 2], vec![0.0; 2]));
    }
}
