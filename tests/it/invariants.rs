//! Properties every run must have: shares are shares, weights of 0 switch mechanisms off
//! exactly, every shipped scenario runs, and results do not depend on the number of agents
//! beyond sampling noise.

use aiadopt::experiment::run_replicate;
use aiadopt::model::Scope;
use aiadopt::scenario::{self, embedded};

use crate::common::*;

#[test]
fn every_shipped_scenario_runs_and_its_shares_are_shares() {
    for shipped in embedded::SHIPPED {
        let name = shipped.file.trim_end_matches(".toml");
        let s = scenario::load(name, &[("simulation.agents", "1500"), ("simulation.seeds", "1")]).unwrap();
        let r = run_replicate(&s, 0);
        assert_eq!(r.records.len(), s.simulation.months as usize + 1, "{name}");
        for (step, record) in r.records.iter().enumerate() {
            let t = &record.tally;
            let scopes = std::iter::once(Scope::WORLD).chain((0..t.regions).map(Scope::region));
            for scope in scopes {
                let adoption = t.adoption(scope);
                assert!((0.0..=1.0).contains(&adoption), "{name} step {step}: adoption {adoption}");
                for of in [&t.orgs, &t.usage, &t.spend] {
                    let shares = t.shares(of, scope);
                    let sum: f64 = shares.iter().sum();
                    assert!(shares.iter().all(|x| (0.0..=1.0 + 1e-12).contains(x)), "{name} step {step}: {shares:?}");
                    assert!(sum == 0.0 || (sum - 1.0).abs() < 1e-9, "{name} step {step}: shares sum to {sum}");
                }
                let m = aiadopt::output::metrics(&s, record, scope);
                for rep in aiadopt::output::REPORTERS.iter().filter(|r| r.unit.starts_with("share")) {
                    let v = (rep.get)(&m);
                    assert!((0.0..=1.0 + 1e-12).contains(&v), "{name} step {step}: {} = {v}", rep.name);
                }
                let users: f64 = (0..t.vendors).map(|k| t.sum(&t.orgs, scope, k)).sum();
                assert!(users <= t.population_of(scope) * (1.0 + 1e-12), "{name}: more adopters than organisations");
            }
        }
    }
}

/// With `weight` at 0, changing `parameter` must leave every record of a run unchanged.
fn switched_off(weight: &[(&str, &str)], parameter: (&str, &str)) {
    let mut base = vec![("simulation.agents", "2000"), ("simulation.months", "24"), ("adoption.mixing", "global")];
    base.extend_from_slice(weight);
    let a = scenario::load("baseline", &base).unwrap();
    let mut changed = base.clone();
    changed.push(parameter);
    let b = scenario::load("baseline", &changed).unwrap();
    assert_ne!(a, b, "the parameter change is a change");
    // Vendor snapshots may differ (they report the parameter); what organisations do may not.
    let choices = |s| run_replicate(s, 0).records.into_iter().map(|r| r.tally).collect::<Vec<_>>();
    assert!(choices(&a) == choices(&b), "{weight:?} = 0 still lets {parameter:?} matter");
}

#[test]
fn a_weight_of_zero_switches_its_mechanism_off_exactly() {
    switched_off(
        &[("choice.capability_weight", "0"), ("choice.quality_weight", "0")],
        ("vendors.us-open.capability", "0.3"),
    );
    switched_off(&[("choice.capability_weight", "0")], ("sectors.government.capability_need", "0.1"));
    switched_off(&[("choice.cost_weight", "0")], ("sectors.smes-startups.price_sensitivity", "9"));
    switched_off(&[("choice.sovereignty_weight", "0")], ("regions.india.sovereignty", "1.0"));
    switched_off(&[("choice.localisation_weight", "0")], ("regions.india.localisation.cn", "1.0"));
    switched_off(&[("choice.trust_weight", "0")], ("regions.india.trust.us", "0.0"));
    switched_off(&[("choice.revocation_weight", "0")], ("regions.india.revocation_risk", "1.0"));
    switched_off(&[("choice.integration_weight", "0")], ("regions.india.talent", "0.0"));
    // Contacts matter only through the network term once imitation is off.
    switched_off(
        &[("choice.network_weight", "0"), ("adoption.mixing", "network"), ("adoption.imitation", "0")],
        ("network.rewire", "0.9"),
    );
    switched_off(&[("choice.ecosystem_weight", "0")], ("choice.ecosystem_scale", "1000"));
    switched_off(&[("choice.switching_weight", "0")], ("sectors.government.switching_cost", "50"));
    switched_off(
        &[
            ("vendors.us-frontier.price_response", "0"),
            ("vendors.us-budget.price_response", "0"),
            ("vendors.cn-closed.price_response", "0"),
        ],
        ("dynamics.price_floor", "0.9"),
    );
    switched_off(
        &[("dynamics.constraint_efficiency", "0"), ("dynamics.constraint_drag", "0")],
        ("vendors.cn-open.compute_access", "1.0"),
    );
}

#[test]
fn results_do_not_depend_on_the_number_of_agents_beyond_sampling_noise() {
    let small = baseline(&[("simulation.agents", "4000"), ("simulation.seeds", "4"), ("simulation.months", "60")]);
    let large = baseline(&[("simulation.agents", "32000"), ("simulation.seeds", "4"), ("simulation.months", "60")]);
    let (rs, rl) = (run(&small), run(&large));
    for (name, f) in [
        ("adoption", (|m| m.adoption) as fn(&aiadopt::output::RegionMetrics) -> f64),
        ("open share by organisations", |m| m.open_share_orgs),
    ] {
        let a = mean_metric(&small, &rs, Scope::WORLD, None, f);
        let b = mean_metric(&large, &rl, Scope::WORLD, None, f);
        assert!((a - b).abs() < 0.03, "{name}: {a:.3} with 4,000 agents, {b:.3} with 32,000");
    }
}

#[test]
fn the_resolved_scenario_reads_back_to_the_same_scenario() {
    for shipped in embedded::SHIPPED {
        let name = shipped.file.trim_end_matches(".toml");
        let s = scenario::load(name, &[]).unwrap();
        let text = scenario::to_toml_string(&s);
        let back = scenario::from_str(&text, name).unwrap();
        assert_eq!(s, back, "{name} does not survive a round trip through `check`");
    }
}

#[test]
fn ten_million_organisations_run_without_drift() {
    let s = scenario::load(
        "baseline",
        &[("simulation.agents", "10000000"), ("simulation.seeds", "1"), ("simulation.months", "12")],
    )
    .unwrap();
    let r = run_replicate(&s, 0);
    for (step, record) in r.records.iter().enumerate() {
        let t = &record.tally;
        for scope in std::iter::once(Scope::WORLD).chain((0..t.regions).map(Scope::region)) {
            for of in [&t.orgs, &t.usage, &t.spend] {
                let sum: f64 = t.shares(of, scope).iter().sum();
                assert!(sum == 0.0 || (sum - 1.0).abs() < 1e-9, "step {step}: shares sum to {sum}");
            }
            assert!(t.adoption(scope) <= 1.0);
        }
        // The population the agents stand for is the scenario's, whatever the sample size.
        let organisations: f64 = s.regions.iter().map(|r| r.organisations * 1e6).sum();
        assert!((t.population_of(Scope::WORLD) / organisations - 1.0).abs() < 1e-9);
    }
}
