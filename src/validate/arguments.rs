//! A1-A16 of the design's arguments as paired experiments on the baseline: the same seeds with
//! and without one change (common random numbers), the effect on the claim's measure per seed,
//! and a 90% interval. The integration tests and `aiadopt validate` both use these definitions.
//! A17 (Bass diffusion) is an analytical check.

use crate::experiment::Replicate;
use crate::model::Scope;
use crate::output::metrics;
use crate::scenario::{self, Scenario};

use super::{Check, Effect, Family, Settings, ValidateError, Validation, Verdict, interval, runs};

/// What one argument's experiment changes and measures.
pub struct Argument {
    pub id: &'static str,
    /// A few words for chart labels.
    pub short: &'static str,
    pub claim: &'static str,
    /// The change, in words.
    pub change: &'static str,
    /// The measure, in words.
    pub measure: &'static str,
    /// +1 if the claim expects the measure to rise with the change, -1 if to fall.
    pub sign: f64,
    experiment: fn(&Settings) -> Result<Vec<f64>, ValidateError>,
}

/// The outcome of one argument's experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Changed minus unchanged, per seed.
    pub effects: Vec<f64>,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub verdict: Verdict,
}

impl Argument {
    /// Runs the experiment and judges it: pass when the 90% interval lies on the expected side
    /// of zero; not significant when it includes zero; fail when it lies on the other side.
    pub fn evaluate(&self, settings: &Settings) -> Result<Outcome, ValidateError> {
        let effects = (self.experiment)(settings)?;
        let (mean, low, high) = interval(&effects);
        let (a, b) = (low * self.sign, high * self.sign);
        let verdict = if a.min(b) > 0.0 {
            Verdict::Pass
        } else if a.max(b) < 0.0 {
            Verdict::Fail
        } else {
            Verdict::NotSignificant
        };
        Ok(Outcome { effects, mean, low, high, verdict })
    }
}

fn load(settings: &Settings, overrides: &[(&str, &str)]) -> Result<Scenario, ValidateError> {
    let agents = settings.argument_agents().to_string();
    let seeds = settings.argument_seeds().to_string();
    let mut all = vec![("simulation.agents", agents.as_str()), ("simulation.seeds", seeds.as_str())];
    all.extend_from_slice(overrides);
    Ok(scenario::load("baseline", &all)?)
}

/// Runs the baseline with `base` and with `changed` overrides on the same seeds and returns
/// measure(changed) - measure(base) per seed.
fn paired(
    settings: &Settings,
    base: &[(&str, &str)],
    changed: &[(&str, &str)],
    measure: impl Fn(&Scenario, &Replicate) -> f64,
) -> Result<Vec<f64>, ValidateError> {
    let a = load(settings, base)?;
    let mut both = base.to_vec();
    both.extend_from_slice(changed);
    let b = load(settings, &both)?;
    let (ra, rb) = (runs(&a)?, runs(&b)?);
    Ok(ra.iter().zip(&rb).map(|(x, y)| measure(&b, y) - measure(&a, x)).collect())
}

fn last(r: &Replicate) -> &crate::dynamics::Record {
    r.records.last().expect("a run has records")
}

/// A figure averaged over every month of the run: the effect over the decade, less sensitive
/// to where the horizon happens to end than the last month alone.
fn average(r: &Replicate, f: impl Fn(&crate::dynamics::Record) -> f64) -> f64 {
    r.records.iter().map(f).sum::<f64>() / r.records.len() as f64
}

fn open_usage(s: &Scenario, r: &Replicate, scope: Scope) -> f64 {
    average(r, |rec| metrics(s, rec, scope).open_share_usage)
}

fn region(s: &Scenario, id: &str) -> Scope {
    Scope::region(s.region_index(id).unwrap_or(0))
}

fn vendor_usage_share(s: &Scenario, r: &Replicate, scope: Scope, vendor: &str) -> f64 {
    let k = s.vendor_index(vendor).unwrap_or(0);
    average(r, |rec| rec.tally.shares(&rec.tally.usage, scope)[k])
}

fn saturated(s: &Scenario) -> Vec<(String, String)> {
    s.regions.iter().map(|r| (format!("regions.{}.initial_adoption", r.id), "0.95".to_string())).collect()
}

pub const ARGUMENTS: &[Argument] = &[
    Argument {
        id: "A1",
        short: "cheaper open models",
        claim: "Cost is decisive: cheaper open models raise the open share",
        change: "open-weight prices at the baseline's (cheap) instead of ten times higher",
        measure: "world open share by usage, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            let dear =
                [("vendors.us-open.price", "2.5"), ("vendors.cn-open.price", "4.5"), ("vendors.eu-open.price", "5.0")];
            let cheap = [
                ("vendors.us-open.price", "0.25"),
                ("vendors.cn-open.price", "0.45"),
                ("vendors.eu-open.price", "0.5"),
            ];
            paired(st, &dear, &cheap, |s, r| open_usage(s, r, Scope::WORLD))
        },
    },
    Argument {
        id: "A2",
        short: "lower income",
        claim: "Lower regional income raises the open share there",
        change: "Latin America's GDP per capita 10,500 -> 3,000 USD",
        measure: "Latin America's open share by usage, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("regions.latin-america.gdp_per_capita", "3000")], |s, r| {
                open_usage(s, r, region(s, "latin-america"))
            })
        },
    },
    Argument {
        id: "A3",
        short: "higher capability need",
        claim: "Higher capability need raises the proprietary share",
        change: "SMEs' capability need 0.6 -> 1.0",
        measure: "SMEs' proprietary share by usage, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("sectors.smes-startups.capability_need", "1.0")], |s, r| {
                1.0 - open_usage(s, r, Scope::sector(s.sector_index("smes-startups").unwrap_or(0)))
            })
        },
    },
    Argument {
        id: "A4",
        short: "less compute access",
        claim: "Less compute access makes self-hosting harder (cloud dependence)",
        change: "EU compute access 0.8 -> 0.2",
        measure: "EU share of adopters self-hosting, averaged over the run",
        sign: -1.0,
        experiment: |st| {
            paired(st, &[], &[("regions.european-union.compute_access", "0.2")], |s, r| {
                average(r, |rec| metrics(s, rec, region(s, "european-union")).self_hosted_share)
            })
        },
    },
    Argument {
        id: "A5",
        short: "tighter compute controls",
        claim: "Constraint breeds efficiency: a constrained vendor's hardware needs fall faster",
        change: "cn-open's compute access 0.4 -> 0.1",
        measure: "cn-open's hardware need at the end (GB)",
        sign: -1.0,
        experiment: |st| {
            paired(st, &[], &[("vendors.cn-open.compute_access", "0.1")], |s, r| {
                last(r).vendors[s.vendor_index("cn-open").unwrap_or(0)].hardware
            })
        },
    },
    Argument {
        id: "A6",
        short: "lower hardware needs",
        claim: "Lower hardware needs mean more self-hosting",
        change: "cn-open 640 -> 40 GB, us-open 140 -> 20 GB",
        measure: "world share of adopters self-hosting, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("vendors.cn-open.hardware", "40"), ("vendors.us-open.hardware", "20")], |s, r| {
                average(r, |rec| metrics(s, rec, Scope::WORLD).self_hosted_share)
            })
        },
    },
    Argument {
        id: "A7",
        short: "sovereignty, in government",
        claim: "Sovereignty raises the open share, most in government",
        change: "Latin America's sovereignty concern 0.4 -> 1.0",
        measure: "Latin America's open share by organisations, government minus SMEs, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("regions.latin-america.sovereignty", "1.0")], |s, r| {
                let r0 = s.region_index("latin-america");
                let cell = |id: &str| Scope { region: r0, sector: s.sector_index(id) };
                average(r, |rec| {
                    metrics(s, rec, cell("government")).open_share_orgs
                        - metrics(s, rec, cell("smes-startups")).open_share_orgs
                })
            })
        },
    },
    Argument {
        id: "A8",
        short: "ban of an origin",
        claim: "A ban of an origin drives its share to zero in the banned cells",
        change: "Chinese-origin models banned in government in the EU and India from 2026-01",
        measure: "Chinese vendors' share of organisations in those cells at the end",
        sign: -1.0,
        experiment: |st| {
            let agents = st.argument_agents();
            let seeds = st.argument_seeds();
            let text = |ban: bool| {
                let event = if ban {
                    "[[events]]\ndate = \"2026-01\"\nban = { origins = [\"cn\"], regions = [\"european-union\", \"india\"] }\n"
                } else {
                    ""
                };
                format!("extends = \"baseline.toml\"\n[simulation]\nagents = {agents}\nseeds = {seeds}\n{event}")
            };
            let a = scenario::from_str(&text(false), "baseline")?;
            let b = scenario::from_str(&text(true), "baseline")?;
            let cn_share = |s: &Scenario, r: &Replicate| {
                let t = &last(r).tally;
                let gov = s.sector_index("government");
                let cells = ["european-union", "india"].map(|id| Scope { region: s.region_index(id), sector: gov });
                let cn: Vec<usize> = (0..s.vendors.len()).filter(|&k| s.vendors[k].origin == "cn").collect();
                let (used, all): (f64, f64) = cells.iter().fold((0.0, 0.0), |(u, a), c| {
                    let shares = (0..t.vendors).map(|k| t.sum(&t.orgs, *c, k)).collect::<Vec<_>>();
                    (u + cn.iter().map(|&k| shares[k]).sum::<f64>(), a + shares.iter().sum::<f64>())
                });
                if all > 0.0 { used / all } else { 0.0 }
            };
            let (ra, rb) = (runs(&a)?, runs(&b)?);
            Ok(ra.iter().zip(&rb).map(|(x, y)| cn_share(&b, y) - cn_share(&a, x)).collect())
        },
    },
    Argument {
        id: "A9",
        short: "revocation risk",
        claim: "Revocation risk of foreign platforms raises the open share",
        change: "India's perceived revocation risk 0.3 -> 1.0 (revocation weight 3)",
        measure: "India's open share by organisations, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[("choice.revocation_weight", "3.0")], &[("regions.india.revocation_risk", "1.0")], |s, r| {
                average(r, |rec| metrics(s, rec, region(s, "india")).open_share_orgs)
            })
        },
    },
    Argument {
        id: "A10",
        short: "better local fit",
        claim: "Better local fit raises that origin's share",
        change: "fit of European models in Southeast Asia 0.45 -> 1.0",
        measure: "eu-open's share of organisations in Southeast Asia, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("regions.southeast-asia.localisation.eu", "1.0")], |s, r| {
                let k = s.vendor_index("eu-open").unwrap_or(0);
                average(r, |rec| rec.tally.shares(&rec.tally.orgs, region(s, "southeast-asia"))[k])
            })
        },
    },
    Argument {
        id: "A11",
        short: "network effects",
        claim: "Stronger network effects mean more lock-in",
        change: "network weight 0.5 -> 3, ecosystem weight 0.3 -> 1.5",
        measure: "concentration of world vendor shares by usage at the end (Herfindahl index)",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("choice.network_weight", "3.0"), ("choice.ecosystem_weight", "1.5")], |_, r| {
                let t = &last(r).tally;
                t.shares(&t.usage, Scope::WORLD).iter().map(|x| x * x).sum()
            })
        },
    },
    Argument {
        id: "A12",
        short: "community effect",
        claim: "A stronger community effect closes the open capability gap faster",
        change: "cn-open's community effect 0.03 -> 0.2",
        measure: "cn-open's capability relative to us-frontier's at the end",
        sign: 1.0,
        experiment: |st| {
            paired(st, &[], &[("vendors.cn-open.community", "0.2")], |s, r| {
                let v = &last(r).vendors;
                v[s.vendor_index("cn-open").unwrap_or(0)].capability
                    / v[s.vendor_index("us-frontier").unwrap_or(0)].capability
            })
        },
    },
    Argument {
        id: "A13",
        short: "switching costs",
        claim: "Switching costs let the early leader keep its share",
        change: "switching weight 1 -> 4, in a saturated market where nobody is priced out",
        measure: "us-frontier's world share of usage, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            let s = load(st, &[])?;
            let owned = saturated(&s);
            let mut base: Vec<(&str, &str)> = owned.iter().map(|(p, v)| (p.as_str(), v.as_str())).collect();
            base.push(("choice.affordability", "1000"));
            paired(st, &base, &[("choice.switching_weight", "4.0")], |s, r| {
                vendor_usage_share(s, r, Scope::WORLD, "us-frontier")
            })
        },
    },
    Argument {
        id: "A14",
        short: "local talent",
        claim: "More local talent raises the open share",
        change: "Sub-Saharan Africa's talent 0 -> 1 (integration weight 3)",
        measure: "Sub-Saharan Africa's open share by usage, averaged over the run",
        sign: 1.0,
        experiment: |st| {
            paired(
                st,
                &[("choice.integration_weight", "3.0"), ("regions.sub-saharan-africa.talent", "0.0")],
                &[("regions.sub-saharan-africa.talent", "1.0")],
                |s, r| open_usage(s, r, region(s, "sub-saharan-africa")),
            )
        },
    },
    Argument {
        id: "A15",
        short: "closed price response",
        claim: "Closed incumbents' price response slows the rise of the open share",
        change: "closed vendors' price response 0 -> 3",
        measure: "world open share by usage, averaged over the run",
        sign: -1.0,
        experiment: |st| {
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
            paired(st, &off, &on, |s, r| open_usage(s, r, Scope::WORLD))
        },
    },
    Argument {
        id: "A16",
        short: "premium tier",
        claim: "Proprietary models concentrate in high-need segments",
        change: "capability and quality weights 8 -> 0 (capability stops mattering)",
        measure: "proprietary share by usage, large enterprises minus SMEs, averaged over the run",
        sign: -1.0,
        experiment: |st| {
            paired(st, &[], &[("choice.capability_weight", "0"), ("choice.quality_weight", "0")], |s, r| {
                let closed = |id: &str| 1.0 - open_usage(s, r, Scope::sector(s.sector_index(id).unwrap_or(0)));
                closed("large-enterprise") - closed("smes-startups")
            })
        },
    },
];

pub fn find(id: &str) -> Option<&'static Argument> {
    ARGUMENTS.iter().find(|a| a.id == id)
}

pub(super) fn all(settings: &Settings, v: &mut Validation) -> Result<(), ValidateError> {
    for a in ARGUMENTS {
        let o = a.evaluate(settings)?;
        let direction = if a.sign > 0.0 { "rises" } else { "falls" };
        v.checks.push(Check {
            family: Family::Argument,
            name: format!("{}: {}", a.id, a.claim),
            expected: format!("{} {direction}", a.measure),
            measured: format!("{:+.4} (90% interval {:+.4} to {:+.4})", o.mean, o.low, o.high),
            tolerance: "interval excludes 0".into(),
            verdict: o.verdict,
            note: format!("{}; {} paired seeds", a.change, o.effects.len()),
        });
        // Relative to the mean effect, signed so that the expected direction is positive: the
        // estimate sits at 1 and the interval shows how precisely its sign is known.
        let scale = if o.mean != 0.0 { o.mean.abs() } else { o.low.abs().max(o.high.abs()).max(1e-12) };
        let (lo, hi) = ((o.low * a.sign / scale), (o.high * a.sign / scale));
        v.curves.effects.push(Effect {
            label: format!("{} {}", a.id, a.short),
            estimate: o.mean * a.sign / scale,
            low: lo.min(hi),
            high: lo.max(hi),
            verdict: o.verdict,
        });
    }
    Ok(())
}
