//! The validation's outputs: a CSV of every check, a markdown report (docs/VALIDATION.md is
//! this for the default settings) and the charts behind it.

use std::fmt::Write;

use crate::plot::{AxisFormat, Figure, Frame, IntervalChart, IntervalRow, SeriesColor, XyChart, XySeries, XyStyle};

use super::analytical::social_root;
use super::{Family, Settings, Validation, Verdict};

pub fn validation_csv(v: &Validation) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(["family", "check", "expected", "measured", "tolerance", "verdict", "note"]).expect("csv to memory");
    for c in &v.checks {
        w.write_record([c.family.name(), &c.name, &c.expected, &c.measured, &c.tolerance, c.verdict.name(), &c.note])
            .expect("csv to memory");
    }
    w.into_inner().unwrap_or_default()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn validation_md(v: &Validation, settings: &Settings) -> String {
    let mut m = String::new();
    let command = if settings.quick { "aiadopt validate --quick" } else { "aiadopt validate" };
    let _ = writeln!(m, "# Validation\n");
    let _ = writeln!(
        m,
        "Written by `{command}` (aiadopt {}). Same settings, same numbers: every run is seeded. \
         {} checks: {} pass, {} fail, {} not significant, {} for information.\n",
        env!("CARGO_PKG_VERSION"),
        v.checks.len(),
        v.checks.iter().filter(|c| c.verdict == Verdict::Pass).count(),
        v.checks.iter().filter(|c| c.verdict == Verdict::Fail).count(),
        v.checks.iter().filter(|c| c.verdict == Verdict::NotSignificant).count(),
        v.checks.iter().filter(|c| c.verdict == Verdict::Info).count(),
    );
    let sections = [
        (
            Family::Analytical,
            "1. Analytical special cases",
            "Scenario settings that reduce the model to a known result. Tolerances follow from the number of \
             organisations and seeds (each row says how); none is tuned to pass. Charts: `bass.png`, `bifurcation.png`.",
        ),
        (
            Family::Argument,
            "2. The arguments' directions",
            "Each claim of ../shared/design/ARGUMENTS.md as a paired experiment on the baseline: the same seeds with and \
             without one change (common random numbers). The measured value is the mean effect (changed minus unchanged) \
             with its 90% interval across seeds (Student t); the claim passes when the interval lies on the expected side \
             of zero. A17 is the Bass check above. Chart: `arguments.png` (each effect relative to its mean, expected direction \
             to the right: an interval that reaches 0 is not significant).",
        ),
        (
            Family::Record,
            "3. The baseline against the record and the articles",
            "Medians across seeds of the baseline. The record is uncertain and the articles' figures are projections, so \
             these rows inform rather than pass or fail; each says how far off the baseline is.",
        ),
    ];
    for (family, title, intro) in sections {
        let _ = writeln!(m, "## {title}\n\n{intro}\n");
        let _ = writeln!(m, "| check | expected | measured | tolerance | verdict |\n|---|---|---|---|---|");
        for c in v.checks.iter().filter(|c| c.family == family) {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | **{}** |",
                cell(&c.name),
                cell(&c.expected),
                cell(&c.measured),
                cell(&c.tolerance),
                c.verdict.name()
            );
        }
        let _ = writeln!(m, "\nHow each was measured:\n");
        for c in v.checks.iter().filter(|c| c.family == family) {
            let _ = writeln!(m, "- {}: {}.", c.name, c.note);
        }
        m.push('\n');
    }
    m
}

fn frame(title: &str, subtitle: &str) -> Frame {
    Frame {
        title: title.into(),
        subtitle: subtitle.into(),
        source: format!("aiadopt {} · aiadopt validate", env!("CARGO_PKG_VERSION")),
    }
}

/// The validation charts by file name.
pub fn figures(v: &Validation) -> Vec<(&'static str, Figure)> {
    let mut out = Vec::new();
    if !v.curves.bass.is_empty() {
        let mut series = Vec::new();
        for (i, c) in v.curves.bass.iter().enumerate() {
            series.push(XySeries {
                label: format!("{}, closed form", c.label),
                color: SeriesColor::Palette(i),
                style: XyStyle::Line,
                points: c.years.iter().copied().zip(c.exact.iter().copied()).collect(),
            });
            series.push(XySeries {
                label: format!("{}, simulated", c.label),
                color: SeriesColor::Palette(i),
                style: XyStyle::Points,
                points: c.years.iter().copied().zip(c.simulated.iter().copied()).step_by(6).collect(),
            });
        }
        out.push((
            "bass",
            XyChart {
                frame: frame(
                    "Adoption against the Bass curve",
                    "One vendor, global mixing · simulated (points, every 6 months) and closed form (lines)",
                ),
                x_label: "Years since the start".into(),
                y_label: "Share of organisations using AI (%)".into(),
                x_format: AxisFormat::Plain,
                y_format: AxisFormat::Percent,
                x_range: None,
                y_range: Some((0.0, 1.0)),
                series,
            }
            .into(),
        ));
    }
    if !v.curves.bifurcation.is_empty() {
        let weights: Vec<f64> = (0..=160).map(|i| i as f64 * 0.025).collect();
        let upper: Vec<(f64, f64)> = weights.iter().map(|w| (*w, 0.5 + social_root(w / 2.0) / 2.0)).collect();
        let lower: Vec<(f64, f64)> = weights.iter().map(|w| (*w, 0.5 - social_root(w / 2.0) / 2.0)).collect();
        let unstable: Vec<(f64, f64)> = weights.iter().filter(|w| **w > 2.0).map(|w| (*w, 0.5)).collect();
        let mut series = vec![
            XySeries {
                label: "stable states (theory)".into(),
                color: SeriesColor::Palette(2),
                style: XyStyle::Line,
                points: upper,
            },
            XySeries {
                label: "stable states (theory)".into(),
                color: SeriesColor::Palette(2),
                style: XyStyle::Line,
                points: lower,
            },
            XySeries {
                label: "unstable state (theory)".into(),
                color: SeriesColor::Palette(2),
                style: XyStyle::DashedLine,
                points: unstable,
            },
        ];
        let simulated: Vec<(f64, f64)> = v.curves.bifurcation.clone();
        let mirrored: Vec<(f64, f64)> = simulated.iter().map(|(w, x)| (*w, 1.0 - x)).collect();
        series.push(XySeries {
            label: "simulated runs".into(),
            color: SeriesColor::Palette(0),
            style: XyStyle::Points,
            points: simulated,
        });
        series.push(XySeries {
            label: "simulated runs".into(),
            color: SeriesColor::Palette(0),
            style: XyStyle::Points,
            points: mirrored,
        });
        out.push((
            "bifurcation",
            XyChart {
                frame: frame(
                    "Social interaction: one stable state, then two (Brock-Durlauf)",
                    "Two symmetric vendors, global mixing, noise 1 · share of each vendor after 120 months · theory: m = tanh(w m / 2)",
                ),
                x_label: "Network weight w (utility per unit share)".into(),
                y_label: "Share of organisations using the vendor (%)".into(),
                x_format: AxisFormat::Plain,
                y_format: AxisFormat::Percent,
                x_range: Some((0.0, 4.0)),
                y_range: Some((0.0, 1.0)),
                series,
            }
            .into(),
        ));
    }
    if !v.curves.effects.is_empty() {
        let colour = |verdict: Verdict| match verdict {
            Verdict::Pass => SeriesColor::Open,
            Verdict::Fail => SeriesColor::Proprietary,
            _ => SeriesColor::Palette(0),
        };
        out.push((
            "arguments",
            IntervalChart {
                frame: frame(
                    "The arguments' directions: effect of each change",
                    "Mean paired effect across seeds with 90% interval, relative to the mean · expected direction to the right of 0",
                ),
                x_label: "Effect in the expected direction, relative to its mean (1 = the mean)".into(),
                x_format: AxisFormat::Plain,
                reference: Some(0.0),
                rows: v
                    .curves
                    .effects
                    .iter()
                    .map(|e| IntervalRow {
                        label: e.label.clone(),
                        estimate: e.estimate,
                        low: e.low,
                        high: e.high,
                        color: colour(e.verdict),
                        note: e.verdict.name().to_string(),
                    })
                    .collect(),
                legend: vec![
                    ("pass".into(), SeriesColor::Open),
                    ("not significant".into(), SeriesColor::Palette(0)),
                    ("fail".into(), SeriesColor::Proprietary),
                ],
            }
            .into(),
        ));
    }
    out
}
