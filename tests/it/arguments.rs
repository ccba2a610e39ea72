//! A1-A16 of ../shared/design/ARGUMENTS.md: change one parameter of the baseline, keep every
//! seed (common random numbers), and check the direction of the effect on the claim's measure.
//! A17 (Bass diffusion) is in bass.rs.

use aiadopt::model::Scope;
use aiadopt::output::RegionMetrics;

use crate::common::*;

fn usage(m: &RegionMetrics) -> f64 {
    m.open_share_usage
}
fn orgs(m: &RegionMetrics) -> f64 {
    m.open_share_orgs
}
fn hosted(m: &RegionMetrics) -> f64 {
    m.self_hosted_share
}

/// World open share by usage at the end, without and with the overrides.
fn world_open(overrides: &[(&str, &str)]) -> (f64, f64) {
    let (a, b) = (baseline(&[]), baseline(overrides));
    (mean_metric(&a, &run(&a), Scope::WORLD, None, usage), mean_metric(&b, &run(&b), Scope::WORLD, None, usage))
}

#[test]
fn a1_cheaper_open_models_raise_the_open_share() {
    // Open models at ten times their baseline price, against the baseline's cheap ones.
    let (cheap, dear) = world_open(&[
        ("vendors.us-open.price", "2.5"),
        ("vendors.cn-open.price", "4.5"),
        ("vendors.eu-open.price", "5.0"),
    ]);
    assert!(cheap > dear + 0.02, "open share by usage: {dear:.3} when dear, {cheap:.3} when cheap");
}

#[test]
fn a2_lower_income_raises_the_open_share_there() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.latin-america.gdp_per_capita", "3000")]);
    let latam = region(&a, "latin-america");
    let before = mean_metric(&a, &run(&a), latam, None, usage);
    let after = mean_metric(&b, &run(&b), latam, None, usage);
    assert!(after > before + 0.02, "Latin America open share {before:.3} -> {after:.3}");
}

#[test]
fn a3_higher_capability_need_raises_the_proprietary_share() {
    let a = baseline(&[]);
    let b = baseline(&[("sectors.smes-startups.capability_need", "1.0")]);
    let smes = sector(&a, "smes-startups");
    let before = 1.0 - mean_metric(&a, &run(&a), smes, None, usage);
    let after = 1.0 - mean_metric(&b, &run(&b), smes, None, usage);
    assert!(after > before + 0.02, "SME proprietary share {before:.3} -> {after:.3}");
}

#[test]
fn a4_less_compute_access_means_less_self_hosting() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.european-union.compute_access", "0.2")]);
    let eu = region(&a, "european-union");
    let before = mean_metric(&a, &run(&a), eu, None, hosted);
    let after = mean_metric(&b, &run(&b), eu, None, hosted);
    assert!(before > 0.02, "the baseline has self-hosting in the EU to lose ({before:.4})");
    assert!(after < before * 0.5, "self-hosted share in the EU {before:.4} -> {after:.4}");
}

#[test]
fn a5_tighter_controls_make_an_open_vendors_hardware_needs_fall_faster() {
    let a = baseline(&[("simulation.seeds", "1")]);
    let b = baseline(&[("simulation.seeds", "1"), ("vendors.cn-open.compute_access", "0.1")]);
    let k = a.vendor_index("cn-open").unwrap();
    let hardware = |s| run(s)[0].records.last().unwrap().vendors[k].hardware;
    let (before, after) = (hardware(&a), hardware(&b));
    assert!(after < before * 0.8, "cn-open hardware need at the end {before:.1} GB -> {after:.1} GB");
}

#[test]
fn a6_lower_hardware_needs_mean_more_self_hosting() {
    let a = baseline(&[]);
    let b = baseline(&[("vendors.cn-open.hardware", "40"), ("vendors.us-open.hardware", "20")]);
    let (ra, rb) = (run(&a), run(&b));
    let before = mean_metric(&a, &ra, Scope::WORLD, None, hosted);
    let after = mean_metric(&b, &rb, Scope::WORLD, None, hosted);
    assert!(after > before * 1.1, "world self-hosted share {before:.4} -> {after:.4}");
    // Where compute is scarce the open share rises too.
    let india = region(&a, "india");
    let (oa, ob) = (mean_metric(&a, &ra, india, None, usage), mean_metric(&b, &rb, india, None, usage));
    assert!(ob > oa, "India open share {oa:.3} -> {ob:.3}");
}

#[test]
fn a7_sovereignty_raises_the_open_share_most_in_government() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.latin-america.sovereignty", "1.0")]);
    let (ra, rb) = (run(&a), run(&b));
    let gov = a.sector_index("government").unwrap();
    let sme = a.sector_index("smes-startups").unwrap();
    let r = a.region_index("latin-america").unwrap();
    let cell = |x| Scope { region: Some(r), sector: Some(x) };
    let gain = |x| mean_metric(&b, &rb, cell(x), None, orgs) - mean_metric(&a, &ra, cell(x), None, orgs);
    let (g, s) = (gain(gov), gain(sme));
    assert!(g > 0.02, "government open share gain {g:.3}");
    assert!(g > s, "government gains {g:.3}, SMEs {s:.3}");
}

#[test]
fn a8_a_ban_drives_the_origins_share_to_zero_in_the_banned_cells() {
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
    let eu = s.region_index("european-union").unwrap();
    let india = s.region_index("india").unwrap();
    let cn: Vec<usize> = s.vendors.iter().enumerate().filter(|(_, v)| v.origin == "cn").map(|(k, _)| k).collect();
    let banned_month = 12; // 2026-01
    let mut used_before = 0.0;
    for r in &runs {
        for (step, record) in r.records.iter().enumerate() {
            let t = &record.tally;
            for region in [eu, india] {
                let cell = region * t.sectors + gov;
                let cn_orgs: f64 = cn.iter().map(|&k| t.orgs[cell * t.vendors + k]).sum();
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

#[test]
fn a9_revocation_risk_raises_the_open_share() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.india.revocation_risk", "1.0"), ("choice.revocation_weight", "3.0")]);
    let india = region(&a, "india");
    let before = mean_metric(&a, &run(&a), india, None, usage);
    let after = mean_metric(&b, &run(&b), india, None, usage);
    assert!(after > before + 0.02, "India open share {before:.3} -> {after:.3}");
}

#[test]
fn a10_better_local_fit_raises_that_origins_share() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.southeast-asia.localisation.eu", "1.0")]);
    let sea = region(&a, "southeast-asia");
    let k = a.vendor_index("eu-open").unwrap();
    let before = vendor_usage_shares(&run(&a), sea)[k];
    let after = vendor_usage_shares(&run(&b), sea)[k];
    assert!(after > before + 0.01, "eu-open share in Southeast Asia {before:.3} -> {after:.3}");
}

/// Herfindahl index of world vendor usage shares: 1 when one vendor has everything.
fn concentration(runs: &[aiadopt::experiment::Replicate]) -> f64 {
    runs.iter()
        .map(|r| {
            let t = &r.records.last().unwrap().tally;
            t.shares(&t.usage, Scope::WORLD).iter().map(|s| s * s).sum::<f64>()
        })
        .sum::<f64>()
        / runs.len() as f64
}

#[test]
fn a11_stronger_network_effects_mean_more_lock_in() {
    let a = baseline(&[]);
    let b = baseline(&[("choice.network_weight", "3.0"), ("choice.ecosystem_weight", "1.5")]);
    let (before, after) = (concentration(&run(&a)), concentration(&run(&b)));
    assert!(after > before + 0.05, "concentration (HHI) {before:.3} -> {after:.3}");
}

#[test]
fn a12_a_stronger_community_effect_closes_the_capability_gap_faster() {
    let a = baseline(&[("simulation.seeds", "1")]);
    let b = baseline(&[("simulation.seeds", "1"), ("vendors.cn-open.community", "0.5")]);
    let open = a.vendor_index("cn-open").unwrap();
    let frontier = a.vendor_index("us-frontier").unwrap();
    let gap = |s| {
        let last = run(s)[0].records.last().unwrap().vendors.clone();
        last[frontier].capability - last[open].capability
    };
    let (before, after) = (gap(&a), gap(&b));
    assert!(after < before, "frontier minus cn-open capability at the end {before:.3} -> {after:.3}");
}

#[test]
fn a13_switching_costs_let_the_early_leader_keep_its_share() {
    // A saturated market (nearly everyone has adopted at the start) where nobody is priced out,
    // so that the leader's share moves only by choice: not by newcomers, not by force.
    let ids: Vec<String> = baseline(&[]).regions.iter().map(|r| format!("regions.{}.initial_adoption", r.id)).collect();
    let mut saturated: Vec<(&str, &str)> = ids.iter().map(|p| (p.as_str(), "0.95")).collect();
    saturated.push(("choice.affordability", "1000"));
    let mut sticky = saturated.clone();
    sticky.extend([("choice.switching_weight", "4.0")]);
    let (a, b) = (baseline(&saturated), baseline(&sticky));
    let k = a.vendor_index("us-frontier").unwrap();
    let start = vendor_usage_shares_at(&run(&a), Scope::WORLD, 0)[k];
    let loose = vendor_usage_shares(&run(&a), Scope::WORLD)[k];
    let kept = vendor_usage_shares(&run(&b), Scope::WORLD)[k];
    assert!(loose < start, "the 2025 leader loses share over the decade ({start:.3} -> {loose:.3})");
    assert!(
        kept > loose + 0.02,
        "us-frontier share at the end: {loose:.3} with baseline switching costs, {kept:.3} with high ones"
    );
}

#[test]
fn a14_more_local_talent_raises_the_open_share() {
    let a = baseline(&[]);
    let b = baseline(&[("regions.sub-saharan-africa.talent", "1.0"), ("choice.integration_weight", "3.0")]);
    let c = baseline(&[("regions.sub-saharan-africa.talent", "0.0"), ("choice.integration_weight", "3.0")]);
    let ssa = region(&a, "sub-saharan-africa");
    let low = mean_metric(&c, &run(&c), ssa, None, usage);
    let high = mean_metric(&b, &run(&b), ssa, None, usage);
    assert!(high > low + 0.02, "Sub-Saharan open share with no talent {low:.3}, with full talent {high:.3}");
}

#[test]
fn a15_a_price_response_slows_the_rise_of_the_open_share() {
    let off = [
        ("vendors.us-frontier.price_response", "0"),
        ("vendors.us-budget.price_response", "0"),
        ("vendors.cn-closed.price_response", "0"),
    ];
    let on = [
        ("vendors.us-frontier.price_response", "3"),
        ("vendors.us-budget.price_response", "3"),
        ("vendors.cn-closed.price_response", "3"),
    ];
    let (a, b) = (baseline(&off), baseline(&on));
    let before = mean_metric(&a, &run(&a), Scope::WORLD, None, usage);
    let after = mean_metric(&b, &run(&b), Scope::WORLD, None, usage);
    assert!(after < before - 0.02, "open share without response {before:.3}, with {after:.3}");
}

#[test]
fn a16_proprietary_concentrates_in_high_need_segments() {
    let a = baseline(&[]);
    let runs = run(&a);
    let closed = |x: &str| 1.0 - mean_metric(&a, &runs, sector(&a, x), None, usage);
    let (large, smes) = (closed("large-enterprise"), closed("smes-startups"));
    assert!(large > smes + 0.05, "proprietary share: large enterprises {large:.3}, SMEs {smes:.3}");
    // Without the capability terms the premium tier loses its reason to pay.
    let flat = baseline(&[("choice.capability_weight", "0"), ("choice.quality_weight", "0")]);
    let flat_runs = run(&flat);
    let flat_large = 1.0 - mean_metric(&flat, &flat_runs, sector(&flat, "large-enterprise"), None, usage);
    assert!(
        flat_large < large,
        "large-enterprise proprietary share {large:.3} -> {flat_large:.3} without capability terms"
    );
}
