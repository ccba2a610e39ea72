//! A1-A16 of ../shared/design/ARGUMENTS.md: each argument's paired experiment (defined once, in
//! `aiadopt::validate::arguments`, and shared with `aiadopt validate`) must move its measure in
//! the claimed direction, with a 90% interval across paired seeds that excludes zero.
//! A17 (Bass diffusion) is in bass.rs. Extra checks of A8 and A16 follow.

use aiadopt::model::Scope;
use aiadopt::validate::{Settings, Verdict, arguments};

use crate::common::*;

/// The test-sized settings: the same experiments at `validate --quick` scale.
const QUICK: Settings = Settings { quick: true };

fn holds(id: &str) {
    let argument = arguments::find(id).expect("argument defined");
    let o = argument.evaluate(&QUICK).expect("experiment runs");
    assert_eq!(
        o.verdict,
        Verdict::Pass,
        "{id} ({}): {} should {} under '{}', measured {:+.4} [{:+.4}, {:+.4}] over {} seeds",
        argument.claim,
        argument.measure,
        if argument.sign > 0.0 { "rise" } else { "fall" },
        argument.change,
        o.mean,
        o.low,
        o.high,
        o.effects.len()
    );
}

#[test]
fn a1_cheaper_open_models_raise_the_open_share() {
    holds("A1");
}
#[test]
fn a2_lower_income_raises_the_open_share_there() {
    holds("A2");
}
#[test]
fn a3_higher_capability_need_raises_the_proprietary_share() {
    holds("A3");
}
#[test]
fn a4_less_compute_access_means_less_self_hosting() {
    holds("A4");
}
#[test]
fn a5_tighter_controls_make_an_open_vendors_hardware_needs_fall_faster() {
    holds("A5");
}
#[test]
fn a6_lower_hardware_needs_mean_more_self_hosting() {
    holds("A6");
}
#[test]
fn a7_sovereignty_raises_the_open_share_most_in_government() {
    holds("A7");
}
#[test]
fn a8_a_ban_lowers_the_origins_share_in_the_banned_cells() {
    holds("A8");
}
#[test]
fn a9_revocation_risk_raises_the_open_share() {
    holds("A9");
}
#[test]
fn a10_better_local_fit_raises_that_origins_share() {
    holds("A10");
}
#[test]
fn a11_stronger_network_effects_mean_more_lock_in() {
    holds("A11");
}
#[test]
fn a12_a_stronger_community_effect_closes_the_capability_gap_faster() {
    holds("A12");
}
#[test]
fn a13_switching_costs_let_the_early_leader_keep_its_share() {
    holds("A13");
}
#[test]
fn a14_more_local_talent_raises_the_open_share() {
    holds("A14");
}
#[test]
fn a15_a_price_response_slows_the_rise_of_the_open_share() {
    holds("A15");
}
#[test]
fn a16_proprietary_concentrates_in_high_need_segments() {
    holds("A16");
    // And in the baseline itself the premium tier is the large enterprises'.
    let a = baseline(&[]);
    let runs = run(&a);
    let closed = |x: &str| 1.0 - mean_metric(&a, &runs, sector(&a, x), Some(48), |m| m.open_share_usage);
    let (large, smes) = (closed("large-enterprise"), closed("smes-startups"));
    assert!(large > smes, "proprietary share in 2029: large enterprises {large:.3}, SMEs {smes:.3}");
}

#[test]
fn a8_a_ban_drives_the_origins_share_to_exactly_zero_in_the_banned_cells() {
    let text = r#"
extends = "baseline.toml"
[simulation]
agents = 6000
seeds = 2
[[events]]
date = "2026-01"
ban = { origins = ["cn"], regions = ["european-union", "india"] }
"#;
    let s = aiadopt::scenario::from_str(text, "ban-test").unwrap();
    let runs = run(&s);
    let gov = s.sector_index("government").unwrap();
    let cn: Vec<usize> = s.vendors.iter().enumerate().filter(|(_, v)| v.origin == "cn").map(|(k, _)| k).collect();
    let banned_month = 12; // 2026-01
    let mut used_before = 0.0;
    for r in &runs {
        for (step, record) in r.records.iter().enumerate() {
            let t = &record.tally;
            for region in ["european-union", "india"] {
                let scope = Scope { region: s.region_index(region), sector: Some(gov) };
                let cn_orgs: f64 = cn.iter().map(|&k| t.sum(&t.orgs, scope, k)).sum();
                if step >= banned_month {
                    assert_eq!(cn_orgs, 0.0, "step {step}: Chinese vendors still used in a banned cell");
                } else if step == banned_month - 1 {
                    used_before += cn_orgs;
                }
            }
        }
    }
    assert!(used_before > 0.0, "before the ban these governments used Chinese vendors");
}
