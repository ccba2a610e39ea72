//! The baseline against the 2025 record in ../shared/data and against the articles' projections.
//! These inform rather than pass or fail: the record is uncertain and the projections are
//! assumptions. Each row says how far off the baseline is.

use crate::model::Scope;
use crate::output::{describe, metrics};
use crate::scenario;

use super::{Check, Family, Settings, ValidateError, Validation, Verdict, runs};

fn info(name: &str, expected: String, measured: String, note: &str) -> Check {
    Check {
        family: Family::Record,
        name: name.into(),
        expected,
        measured,
        tolerance: "-".into(),
        verdict: Verdict::Info,
        note: note.into(),
    }
}

pub(super) fn all(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    let seeds = if settings.quick { "4" } else { "8" };
    let agents = if settings.quick { "8000" } else { "20000" };
    let s = scenario::load("baseline", &[("simulation.agents", agents), ("simulation.seeds", seeds)])?;
    let rs = runs(&s)?;
    let step_of = |date: &str| scenario::Month::parse(date).map(|m| (m.0 - s.simulation.start.0) as usize);
    let median = |step: usize, scope: Scope, f: fn(&crate::output::RegionMetrics) -> f64| {
        let values: Vec<f64> = rs.iter().map(|r| f(&metrics(&s, &r.records[step], scope))).collect();
        describe(&values)[2]
    };
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let off = |x: f64, lo: f64, hi: f64| {
        if x < lo {
            format!("{:.1} points below", (lo - x) * 100.0)
        } else if x > hi {
            format!("{:.1} points above", (x - hi) * 100.0)
        } else {
            "within".into()
        }
    };
    let world = Scope::WORLD;
    let usage = median(0, world, |m| m.open_share_usage);
    v.checks.push(info(
        "2025: world open share by usage",
        "about 30% (OpenRouter tokens, which over-sample open models), 'about a third'".into(),
        format!("{} ({} the 30-35% range)", pct(usage), off(usage, 0.30, 0.35)),
        "shared data: README (M)",
    ));
    let spend = median(0, world, |m| m.open_share_spend);
    v.checks.push(info(
        "2025: world open share by spend",
        "10-20% (open share of enterprise API spend 11-13%, Menlo)".into(),
        format!("{} ({} the range)", pct(spend), off(spend, 0.10, 0.20)),
        "shared data: README (M)",
    ));
    let orgs = median(0, world, |m| m.open_share_orgs);
    v.checks.push(info(
        "2025: world open share by organisations",
        "63% of organisations use some open model (McKinsey; a looser measure than the main vendor)".into(),
        format!("{} ({} 63%)", pct(orgs), off(orgs, 0.63, 0.63)),
        "shared data: README (H)",
    ));
    if let Some(china) = s.region_index("china") {
        let domestic = median(0, Scope::region(china), |m| m.domestic_share_usage);
        v.checks.push(info(
            "2025: China's tokens on domestic models",
            "over 90% (CNNIC: over 90% prefer domestic models; DeepSeek 89% of observed use)".into(),
            format!("{} ({} 90-100%)", pct(domestic), off(domestic, 0.90, 1.0)),
            "shared data: regions.csv, china (H)",
        ));
    }
    for (id, share) in [("united-states", 0.283), ("india", 0.157), ("sub-saharan-africa", 0.08), ("china", 0.428)] {
        if let Some(r) = s.region_index(id) {
            let adoption = median(0, Scope::region(r), |m| m.adoption);
            v.checks.push(info(
                &format!("2025: adoption in {id}"),
                format!(
                    "{} of working-age people use generative AI (2025); the baseline starts at 0.8 x that",
                    pct(share)
                ),
                format!(
                    "{} of organisations ({} 0.8 x)",
                    pct(adoption),
                    off(adoption, 0.8 * share - 0.01, 0.8 * share + 0.01)
                ),
                "shared data: regions.csv, genai_user_share_2025; organisations are not people, so this is a proxy",
            ));
        }
    }
    if let (Some(a), Some(b)) = (step_of("2026-12"), step_of("2028-12")) {
        for id in ["southeast-asia", "sub-saharan-africa"] {
            if let (Some(r), true) = (s.region_index(id), b < rs[0].records.len()) {
                let (x, y) = (
                    median(a, Scope::region(r), |m| m.open_share_usage),
                    median(b, Scope::region(r), |m| m.open_share_usage),
                );
                let growth = (y / x).sqrt() - 1.0;
                v.checks.push(info(
                    &format!("Projection: open share growth in {id}, 2026-2028"),
                    "nearly 30% a year (the articles' projection)".into(),
                    format!("{} a year ({} -> {} by usage)", pct(growth), pct(x), pct(y)),
                    "an assumption of the articles; the baseline's pace follows from its own assumptions (MODEL.md section 9)",
                ));
            }
        }
    }
    if let Some(t) = step_of("2030-12").filter(|t| *t < rs[0].records.len()) {
        let by = [
            ("usage", median(t, world, |m| m.open_share_usage)),
            ("organisations", median(t, world, |m| m.open_share_orgs)),
            ("spend", median(t, world, |m| m.open_share_spend)),
        ];
        v.checks.push(info(
            "Projection: a majority of AI open by the end of the decade",
            "above 50% in 2030".into(),
            by.iter().map(|(m, x)| format!("{m} {}", pct(*x))).collect::<Vec<_>>().join(", "),
            "the claim fits the usage measure (tokens); spend stays low because open models are cheap",
        ));
    }
    Ok(())
}
