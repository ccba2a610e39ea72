//! What happens in a month, as an ordered list of phases over a [`World`]: events, vendors,
//! then every organisation's adoption and choice; and the initial state before month one.

pub mod context;

use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::model::{
    CHUNK, MAX_VENDORS, NONE, SELF_HOSTED, Scope, Tally, VendorSnapshot, World, holding_vendor, is_self_hosted, rng,
};
use crate::scenario::{Change, Scenario, path};
pub use context::{Chooser, Context, Option_};

/// The state recorded after a step.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub tally: Tally,
    pub vendors: Vec<VendorSnapshot>,
}

/// Applies events dated at the start, gives initial adopters their vendors, and records step 0.
pub fn initialise(world: &mut World) -> Record {
    apply_events(world);
    initial_choices(world);
    let shares = world.tally.shares(&world.tally.usage, Scope::WORLD);
    world.peak_usage_share.clone_from(&shares);
    record(world)
}

/// Simulates one month and records the new state.
pub fn step(world: &mut World) -> Record {
    world.step += 1;
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        let now = Instant::now();
        *slot += now - clock;
        clock = now;
    };
    apply_events(world);
    let mut t = world.timings;
    lap(&mut t.events);
    update_market(world);
    lap(&mut t.market);
    update_organisations(world);
    lap(&mut t.organisations);
    let r = record(world);
    lap(&mut t.record);
    world.timings = t;
    r
}

fn record(world: &World) -> Record {
    Record {
        tally: world.tally.clone(),
        vendors: world
            .scenario
            .vendors
            .iter()
            .zip(&world.effective_price)
            .map(|(v, &price)| VendorSnapshot { price, capability: v.capability, hardware: v.hardware, open: v.open })
            .collect(),
    }
}

/// Phase 1: the timeline. Values were checked when the scenario was loaded.
fn apply_events(world: &mut World) {
    let today = world.scenario.simulation.start.plus(world.step as i32);
    let events: Vec<_> = world.scenario.events.iter().filter(|e| e.date == today).cloned().collect();
    for event in events {
        for change in &event.changes {
            apply_change(&mut world.scenario, change);
        }
        for ban in &event.bans {
            world.apply_ban(ban);
        }
    }
}

/// Applies a `set` or `scale` change; the scenario loader has checked that it succeeds.
pub fn apply_change(scenario: &mut Scenario, change: &Change) {
    let result = match change {
        Change::Set { path: p, value } => {
            path::resolve(scenario, p).and_then(|r| path::set(scenario, &r, value.clone()))
        }
        Change::Scale { path: p, factor } => {
            path::resolve(scenario, p).and_then(|r| path::scale(scenario, &r, *factor))
        }
    };
    debug_assert!(result.is_ok(), "event change {change:?} failed after validation: {result:?}");
}

/// Phase 2: the market moves: usage and budgets grow, vendors improve and get more
/// efficient, and closed vendors answer lost share with price cuts.
fn update_market(world: &mut World) {
    let orgs = world.tally.shares(&world.tally.orgs, Scope::WORLD);
    let usage = world.tally.shares(&world.tally.usage, Scope::WORLD);
    let d = world.scenario.dynamics.clone();
    world.usage_multiplier *= (d.usage_growth / 12.0).exp();
    world.budget_multiplier *= (d.budget_growth / 12.0).exp();
    for (k, v) in world.scenario.vendors.iter_mut().enumerate() {
        let constraint = 1.0 - v.compute_access;
        let community = if v.open { v.community * orgs[k] } else { 0.0 };
        let growth = v.capability_growth * (1.0 - d.constraint_drag * constraint) + community;
        v.capability *= (growth / 12.0).exp();
        let gain = (v.efficiency_gain * (1.0 + d.constraint_efficiency * constraint)).min(0.99);
        let factor = (1.0 - gain).powf(1.0 / 12.0);
        v.hardware *= factor;
        v.price *= factor;
        let peak = &mut world.peak_usage_share[k];
        *peak = peak.max(usage[k]);
        let lost = if *peak > 0.0 { ((*peak - usage[k]) / *peak).max(0.0) } else { 0.0 };
        world.effective_price[k] = if v.open || v.price_response == 0.0 {
            v.price
        } else {
            v.price * (1.0 - v.price_response * lost).max(d.price_floor)
        };
    }
}

/// Phase 3: non-adopters may adopt (Bass hazard); adopters may review (or must, if their
/// option became infeasible). Reads last month's holdings, writes this month's.
fn update_organisations(world: &mut World) {
    let ecosystem = world.tally.shares(&world.tally.orgs, Scope::WORLD);
    let ctx = Context::build(world, &ecosystem);
    let n = world.agents.len();
    let mut scratch = std::mem::take(&mut world.scratch);
    scratch.holding.resize(n, NONE);
    scratch.tenure.resize(n, 0);
    let chunks = n.div_ceil(CHUNK);
    let (nr, ns, nv) = (world.layout.regions, world.layout.sectors, world.layout.vendors);
    scratch.tallies.resize_with(chunks, || Tally::new(nr, ns, nv));
    let w = &*world;
    scratch
        .holding
        .par_chunks_mut(CHUNK)
        .zip(scratch.tenure.par_chunks_mut(CHUNK))
        .zip(scratch.tallies.par_iter_mut())
        .enumerate()
        .for_each(|(chunk, ((holding, tenure), tally))| {
            update_chunk(w, &ctx, chunk, holding, tenure, tally);
        });
    std::mem::swap(&mut world.agents.holding, &mut scratch.holding);
    std::mem::swap(&mut world.agents.tenure, &mut scratch.tenure);
    world.tally.clear();
    for t in &scratch.tallies {
        world.tally.add(t);
    }
    world.scratch = scratch;
}

fn sum_partials(world: &mut World, partials: Vec<Tally>) {
    world.tally.clear();
    for p in &partials {
        world.tally.add(p);
    }
}

#[inline]
fn chooser(world: &World, i: usize) -> Chooser {
    let a = &world.agents;
    let cell = a.cell[i] as usize;
    Chooser {
        cell,
        region: world.layout.cell_region[cell],
        sector: world.layout.cell_sector[cell],
        intensity: a.intensity[i] as f64,
        size: a.size[i] as f64,
    }
}

/// Who must look at their contacts this month, and why.
enum Pending {
    /// A non-adopter whose draw `u` falls under the adoption bound: adopts if under its chance.
    Newcomer { u: f64 },
    /// An adopter of `vendor` that reviews, or must re-choose (`feasible` false).
    Reviewer { vendor: usize, feasible: bool },
}

/// One chunk's month, in three passes: first the draws that settle most organisations (keep,
/// or stay without AI); then, for the few that must look, their contacts' holdings, read in one
/// tight loop so that the memory accesses overlap; then their choices, from a second stream.
fn update_chunk(w: &World, ctx: &Context, chunk: usize, holding: &mut [u8], tenure: &mut [u16], tally: &mut Tally) {
    let mut first_draws = rng::stream(w.seed, rng::Purpose::Step, w.step, chunk as u32);
    let mut choice_draws = rng::stream(w.seed, rng::Purpose::Choice, w.step, chunk as u32);
    tally.clear();
    let first = chunk * CHUNK;
    let mut pending: Vec<(usize, Pending)> = Vec::new();
    for (j, (h, t)) in holding.iter_mut().zip(tenure.iter_mut()).enumerate() {
        let i = first + j;
        let held = w.agents.holding[i];
        let old_tenure = w.agents.tenure[i];
        match holding_vendor(held) {
            None => {
                (*h, *t) = (NONE, 0);
                let u = rng::unit32(&mut first_draws);
                // No share of adopted contacts lifts the chance above this bound.
                if u < ctx.adoption_bound(w.layout.cell_region[w.agents.cell[i] as usize]) {
                    pending.push((j, Pending::Newcomer { u }));
                }
            }
            Some(k) => {
                (*h, *t) = (held, old_tenure.saturating_add(1));
                let who = chooser(w, i);
                let feasible =
                    ctx.private_utility(&who, Option_ { vendor: k, self_hosted: is_self_hosted(held) }).is_some();
                if !feasible || rng::unit32(&mut first_draws) < ctx.review_probability {
                    pending.push((j, Pending::Reviewer { vendor: k, feasible }));
                } else {
                    count(w, ctx, &who, held, tally);
                }
            }
        }
    }
    let d = w.degree;
    let mut counts = vec![[0u8; 128]; if ctx.global.is_some() { 0 } else { pending.len() }];
    for (slot, (j, _)) in counts.iter_mut().zip(&pending) {
        let i = first + j;
        for &c in &w.contacts[i * d..(i + 1) * d] {
            slot[(w.agents.holding[c as usize] & 0x7F) as usize] += 1;
        }
    }
    for (n, (j, why)) in pending.iter().enumerate() {
        let i = first + j;
        let who = chooser(w, i);
        let mut social = [0.0; MAX_VENDORS];
        let adopted = match &ctx.global {
            Some(view) => {
                social[..view.using.len()].copy_from_slice(&view.using);
                view.adopted
            }
            None if d == 0 => 0.0,
            None => {
                let inv = 1.0 / d as f64;
                let mut users = 0;
                for k in 0..w.layout.vendors {
                    social[k] = counts[n][k] as f64 * inv;
                    users += counts[n][k] as usize;
                }
                users as f64 * inv
            }
        };
        match *why {
            Pending::Newcomer { u } => {
                if u < ctx.adoption_probability(who.region, adopted) {
                    (holding[*j], tenure[*j]) = choose(ctx, &who, &social, None, &mut choice_draws);
                }
            }
            Pending::Reviewer { vendor, feasible } => {
                let keep = feasible.then_some((vendor, w.agents.tenure[i]));
                let (h, _) = choose(ctx, &who, &social, keep, &mut choice_draws);
                tenure[*j] = match holding_vendor(h) {
                    Some(v) if v == vendor => w.agents.tenure[i].saturating_add(1),
                    _ => 0,
                };
                holding[*j] = h;
            }
        }
        count(w, ctx, &who, holding[*j], tally);
    }
}

/// Draws a vendor by logit over the feasible options; NONE if nothing is feasible.
fn choose(
    ctx: &Context,
    who: &Chooser,
    social: &[f64],
    current: Option<(usize, u16)>,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> (u8, u16) {
    let mut utility = [f64::NEG_INFINITY; MAX_VENDORS];
    let mut hosted = [false; MAX_VENDORS];
    if ctx.utilities(who, social, current, &mut utility, &mut hosted) == 0 {
        return (NONE, 0);
    }
    match ctx.draw(&utility, rng::unit(rng)) {
        Some(k) => (k as u8 | if hosted[k] { SELF_HOSTED } else { 0 }, 0),
        None => (NONE, 0),
    }
}

/// Adds an organisation holding `h` to a tally.
#[inline]
fn count(world: &World, ctx: &Context, who: &Chooser, h: u8, tally: &mut Tally) {
    let Some(k) = holding_vendor(h) else { return };
    let weight = world.layout.cell_weight[who.cell];
    let at = who.cell * tally.vendors + k;
    let option = Option_ { vendor: k, self_hosted: is_self_hosted(h) };
    tally.orgs[at] += weight;
    if option.self_hosted {
        tally.self_hosted[at] += weight;
    }
    tally.usage[at] += weight * ctx.usage(who);
    tally.spend[at] += weight * ctx.cost(who, option);
}

/// Iterations of the initial fixed point; shares move by less than 1e-9 well before this.
const FIXED_POINT_ITERATIONS: usize = 200;

/// Initial adopters choose as if the market had settled: vendor shares are first found as
/// the fixed point of the cells' choice probabilities (a representative organisation per
/// cell, contacts replaced by the region's mix), then each adopter draws its own choice.
fn initial_choices(world: &mut World) {
    let s = &world.scenario;
    let (nr, ns, nv) = (world.layout.regions, world.layout.sectors, world.layout.vendors);
    let adoption: Vec<f64> = s.regions.iter().map(|r| r.initial_adoption).collect();
    let cell_orgs: Vec<f64> = (0..nr * ns).map(|c| s.regions[c / ns].organisations * s.sectors[c % ns].share).collect();
    let mut regional = vec![vec![0.0; nv]; nr];
    let mut global = vec![0.0; nv];
    let mut probabilities = vec![vec![0.0; nv]; nr * ns];
    for _ in 0..FIXED_POINT_ITERATIONS {
        let ctx = Context::build(world, &global);
        for r in 0..nr {
            let social: Vec<f64> = regional[r].iter().map(|x| x * adoption[r]).collect();
            for x in 0..ns {
                let cell = r * ns + x;
                let who = Chooser { cell, region: r, sector: x, intensity: 1.0, size: s.sectors[x].size };
                let mut utility = [f64::NEG_INFINITY; MAX_VENDORS];
                let mut hosted = [false; MAX_VENDORS];
                ctx.utilities(&who, &social, None, &mut utility, &mut hosted);
                probabilities[cell] = ctx.probabilities(&utility);
            }
        }
        let mut new_global = vec![0.0; nv];
        for r in 0..nr {
            let mut mix = vec![0.0; nv];
            for x in 0..ns {
                let cell = r * ns + x;
                for k in 0..nv {
                    mix[k] += s.sectors[x].share * probabilities[cell][k];
                    new_global[k] += cell_orgs[cell] * adoption[r] * probabilities[cell][k];
                }
            }
            for k in 0..nv {
                regional[r][k] = 0.5 * regional[r][k] + 0.5 * mix[k];
            }
        }
        let total: f64 = new_global.iter().sum();
        for k in 0..nv {
            let target = if total > 0.0 { new_global[k] / total } else { 0.0 };
            global[k] = 0.5 * global[k] + 0.5 * target;
        }
    }
    let ctx = Context::build(world, &global);
    let initial_tenure = s.adoption.initial_tenure;
    let n = world.agents.len();
    let mut holding = vec![NONE; n];
    let mut tenure = vec![0u16; n];
    let w = &*world;
    let partials: Vec<Tally> = holding
        .par_chunks_mut(CHUNK)
        .zip(tenure.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(chunk, (holding, tenure))| {
            let mut rng = rng::stream(w.seed, rng::Purpose::Initial, 0, chunk as u32);
            let mut tally = Tally::new(nr, ns, nv);
            for (j, (h, t)) in holding.iter_mut().zip(tenure.iter_mut()).enumerate() {
                let i = chunk * CHUNK + j;
                let who = chooser(w, i);
                if rng::unit(&mut rng) >= adoption[who.region] {
                    continue;
                }
                let social: Vec<f64> = regional[who.region].iter().map(|x| x * adoption[who.region]).collect();
                let (held, _) = choose(&ctx, &who, &social, None, &mut rng);
                *h = held;
                *t = (rng::unit(&mut rng) * (initial_tenure + 1.0)).floor().min(u16::MAX as f64) as u16;
                count(w, &ctx, &who, held, &mut tally);
            }
            tally
        })
        .collect();
    world.agents.holding = holding;
    world.agents.tenure = tenure;
    sum_partials(world, partials);
}
