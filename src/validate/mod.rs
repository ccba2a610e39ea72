//! `aiadopt validate`: does the model do what it says? Analytical special cases, the direction of
//! every argument (A1-A17) with paired-seed intervals, and the baseline against the record.

pub mod analytical;
pub mod arguments;
mod record;
mod write;

use crate::experiment::{self, Replicate};
use crate::scenario::{self, Scenario};
pub use write::{figures, validation_csv, validation_md};

/// How much simulation the checks use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Fewer agents and seeds, for a fast look; tolerances widen accordingly.
    pub quick: bool,
}

impl Settings {
    /// Organisations in the baseline runs of the argument checks.
    pub fn argument_agents(&self) -> u64 {
        if self.quick { 3000 } else { 8000 }
    }
    /// Paired seeds per argument check.
    pub fn argument_seeds(&self) -> u64 {
        if self.quick { 4 } else { 8 }
    }
    /// Organisations in the analytical checks.
    pub fn agents(&self) -> u64 {
        if self.quick { 20_000 } else { 100_000 }
    }
}

/// Which family of checks a result belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Analytical,
    Argument,
    Record,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Analytical => "analytical",
            Family::Argument => "argument",
            Family::Record => "record",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// An argument's effect has the expected sign but its 90% interval includes zero.
    NotSignificant,
    /// Compared, not judged: the record and the articles inform, they do not pass or fail.
    Info,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::NotSignificant => "not significant",
            Verdict::Info => "info",
        }
    }
}

/// One line of the validation table.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub family: Family,
    pub name: String,
    pub expected: String,
    pub measured: String,
    pub tolerance: String,
    pub verdict: Verdict,
    /// What the numbers are, how the tolerance follows from agents and seeds.
    pub note: String,
}

/// A simulated adoption curve beside the Bass closed form.
#[derive(Clone, Debug, PartialEq)]
pub struct BassCurve {
    pub label: String,
    pub years: Vec<f64>,
    pub simulated: Vec<f64>,
    pub exact: Vec<f64>,
}

/// An argument's effect relative to its mean, signed so that the expected direction is positive.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub label: String,
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    pub verdict: Verdict,
}

/// Data behind the validation charts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curves {
    pub bass: Vec<BassCurve>,
    /// (network weight, simulated share of the larger vendor) per run.
    pub bifurcation: Vec<(f64, f64)>,
    pub effects: Vec<Effect>,
}

/// Everything `validate` found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validation {
    pub checks: Vec<Check>,
    pub curves: Curves,
}

impl Validation {
    pub fn failures(&self) -> usize {
        self.checks.iter().filter(|c| c.verdict == Verdict::Fail).count()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ValidateError {
    #[error("a validation scenario is not valid (a bug in aiadopt): {0}")]
    Scenario(#[from] scenario::ScenarioError),
    #[error(transparent)]
    Experiment(#[from] experiment::ExperimentError),
}

/// Runs every check; `progress` is called with a short description as each family starts.
pub fn run(settings: &Settings, progress: &(dyn Fn(&str) + Sync)) -> Result<Validation, ValidateError> {
    let mut v = Validation::default();
    progress("analytical special cases");
    analytical::all(settings, &mut v)?;
    progress("the arguments' directions");
    arguments::all(settings, &mut v)?;
    progress("the baseline against the record");
    record::all(settings, &mut v)?;
    Ok(v)
}

pub(crate) fn runs(s: &Scenario) -> Result<Vec<Replicate>, ValidateError> {
    Ok(experiment::run_all(s, None, &|_| {})?)
}

/// Two-sided 90% Student t quantile (0.95) for `df` degrees of freedom.
pub fn t90(df: usize) -> f64 {
    const T: [f64; 30] = [
        6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753, 1.746,
        1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
    ];
    if df == 0 { f64::INFINITY } else { T.get(df - 1).copied().unwrap_or(1.645) }
}

/// Mean and 90% interval of paired differences.
pub fn interval(effects: &[f64]) -> (f64, f64, f64) {
    let n = effects.len() as f64;
    let mean = effects.iter().sum::<f64>() / n;
    let var = if effects.len() > 1 { effects.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (n - 1.0) } else { 0.0 };
    let half = t90(effects.len().saturating_sub(1)) * (var / n).sqrt();
    (mean, mean - half, mean + half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_interval_uses_student_t() {
        let (m, lo, hi) = interval(&[1.0, 2.0, 3.0]);
        assert_eq!(m, 2.0);
        // sd = 1, n = 3, t(2) = 2.920
        assert!((hi - m - 2.920 / 3f64.sqrt()).abs() < 1e-12);
        assert!((m - lo - (hi - m)).abs() < 1e-12);
        assert_eq!(interval(&[0.5, 0.5]), (0.5, 0.5, 0.5));
    }
}
