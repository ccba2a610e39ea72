//! The world of one run: organisations as struct-of-arrays indexed by integers, their contact
//! network, and the current parameters that events and vendor dynamics change.

mod network;
pub mod rng;
mod tally;

use rayon::prelude::*;

use crate::scenario::{Scenario, SectorSet};
pub use network::build_contacts;
pub use tally::{Scope, Tally, VendorSnapshot};

/// Vendor indices fit in 6 bits of a holding byte.
pub const MAX_VENDORS: usize = 64;
pub const MAX_REGIONS: usize = 250;
pub const MAX_SECTORS: usize = 250;

/// Holding byte of an organisation that uses no AI.
pub const NONE: u8 = 0x7F;
/// Bit set in a holding byte when the open model is self-hosted.
pub const SELF_HOSTED: u8 = 0x80;
const VENDOR_MASK: u8 = 0x7F;

/// Agents are processed in chunks of this many, each with its own random stream, so that
/// results are the same for any number of threads.
pub const CHUNK: usize = 2048;

#[inline]
pub fn holding_vendor(h: u8) -> Option<usize> {
    let v = h & VENDOR_MASK;
    (v != NONE).then_some(v as usize)
}

#[inline]
pub fn is_self_hosted(h: u8) -> bool {
    h & SELF_HOSTED != 0
}

/// Per-organisation state. Agents are ordered by region, so a region is a contiguous range.
#[derive(Clone, Debug, Default)]
pub struct Agents {
    /// Cell (region x sector) index: `region * sectors + sector`, see `Layout::cell_region`.
    pub cell: Vec<u16>,
    /// Employees.
    pub size: Vec<f32>,
    /// Usage per employee relative to the sector norm (lognormal, mean 1).
    pub intensity: Vec<f32>,
    /// Vendor index (or [`NONE`]) with the [`SELF_HOSTED`] bit.
    pub holding: Vec<u8>,
    /// Months with the current vendor.
    pub tenure: Vec<u16>,
}

impl Agents {
    pub fn len(&self) -> usize {
        self.cell.len()
    }
    pub fn is_empty(&self) -> bool {
        self.cell.is_empty()
    }
}

/// Fixed structure of the world, derived once from the scenario.
#[derive(Clone, Debug)]
pub struct Layout {
    pub regions: usize,
    pub sectors: usize,
    pub vendors: usize,
    /// Agents of region r are `region_start[r]..region_start[r + 1]`.
    pub region_start: Vec<usize>,
    /// Organisations each agent of cell (region, sector) stands for: the sample weight.
    pub cell_weight: Vec<f64>,
    /// Origin index of each vendor.
    pub vendor_origin: Vec<usize>,
    pub origins: Vec<String>,
    /// Origin index of each region's home origin, if some vendor has it.
    pub home_origin: Vec<Option<usize>>,
    /// Region and sector of each cell.
    pub cell_region: Vec<usize>,
    pub cell_sector: Vec<usize>,
}

impl Layout {
    #[inline]
    pub fn cell(&self, region: usize, sector: usize) -> usize {
        region * self.sectors + sector
    }
}

/// Wall time by phase (`--timings`): building the world and its initial state, then each
/// phase of the monthly step summed over months.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    pub setup: std::time::Duration,
    pub events: std::time::Duration,
    pub market: std::time::Duration,
    pub organisations: std::time::Duration,
    pub record: std::time::Duration,
}

impl Timings {
    pub fn add(&mut self, o: &Timings) {
        self.setup += o.setup;
        self.events += o.events;
        self.market += o.market;
        self.organisations += o.organisations;
        self.record += o.record;
    }
    /// Time in the monthly steps, setup excluded.
    pub fn stepping(&self) -> std::time::Duration {
        self.events + self.market + self.organisations + self.record
    }
}

/// Buffers of the monthly update, kept between months so that a step allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    pub holding: Vec<u8>,
    pub tenure: Vec<u16>,
    pub tallies: Vec<Tally>,
}

/// One replicate's world.
#[derive(Clone, Debug)]
pub struct World {
    /// Current parameters: events and vendor dynamics write here.
    pub scenario: Scenario,
    pub seed: u64,
    pub layout: Layout,
    pub agents: Agents,
    /// `degree` contacts per agent, agent i's at `contacts[i * degree..]`.
    pub contacts: Vec<u32>,
    pub degree: usize,
    /// Banned (cell, vendor) pairs, index `cell * vendors + vendor`.
    pub banned: Vec<bool>,
    /// Closed vendors' prices after their response to lost share (USD per million tokens).
    pub effective_price: Vec<f64>,
    /// Highest world usage share each vendor has had, the reference for its price response.
    pub peak_usage_share: Vec<f64>,
    /// Usage and budgets per employee relative to the start (dynamics.usage_growth, budget_growth).
    pub usage_multiplier: f64,
    pub budget_multiplier: f64,
    /// Months simulated so far.
    pub step: u32,
    /// Tally of the current state.
    pub tally: Tally,
    /// Buffers reused every month: next month's holdings and tenures, and one tally per chunk.
    pub scratch: Scratch,
    /// Time spent in each phase of the monthly step so far.
    pub timings: Timings,
}

impl World {
    /// Builds the population and the network of a replicate; nobody has chosen a vendor yet.
    pub fn new(scenario: &Scenario, seed: u64) -> World {
        let layout = layout(scenario);
        let agents = population(scenario, &layout, seed);
        let degree = scenario.network.degree as usize;
        let contacts = build_contacts(&scenario.network, &layout.region_start, seed);
        let cells = layout.regions * layout.sectors;
        let tally = Tally::new(layout.regions, layout.sectors, layout.vendors);
        let mut world = World {
            scenario: scenario.clone(),
            seed,
            banned: vec![false; cells * layout.vendors],
            effective_price: scenario.vendors.iter().map(|v| v.price).collect(),
            peak_usage_share: vec![0.0; layout.vendors],
            layout,
            agents,
            contacts,
            degree,
            usage_multiplier: 1.0,
            budget_multiplier: 1.0,
            step: 0,
            tally,
            scratch: Scratch::default(),
            timings: Timings::default(),
        };
        world.tally.population = world.cell_population();
        world
    }

    /// Organisations each cell stands for (sample-weighted), from its agents.
    fn cell_population(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.layout.regions * self.layout.sectors];
        for &cell in &self.agents.cell {
            out[cell as usize] += self.layout.cell_weight[cell as usize];
        }
        out
    }

    /// Marks or clears a ban in the cells it covers.
    pub fn apply_ban(&mut self, ban: &crate::scenario::Ban) {
        let s = &self.scenario;
        let vendors: Vec<usize> = (0..self.layout.vendors)
            .filter(|&k| ban.origins.contains(&s.vendors[k].origin) || ban.vendors.contains(&s.vendors[k].id))
            .collect();
        let regions: Vec<usize> = if ban.regions.is_empty() {
            (0..self.layout.regions).collect()
        } else {
            ban.regions.iter().filter_map(|id| s.region_index(id)).collect()
        };
        let sectors: Vec<usize> = match &ban.sectors {
            SectorSet::Critical => (0..self.layout.sectors).filter(|&x| s.sectors[x].critical).collect(),
            SectorSet::All => (0..self.layout.sectors).collect(),
            SectorSet::List(ids) => ids.iter().filter_map(|id| s.sector_index(id)).collect(),
        };
        for &r in &regions {
            for &x in &sectors {
                for &k in &vendors {
                    self.banned[self.layout.cell(r, x) * self.layout.vendors + k] = !ban.lift;
                }
            }
        }
    }
}

/// Splits agents over groups (regions, or a region's sectors): proportional to weight, but
/// no group with weight below `min_share`, so small groups are still measured; sample weights
/// undo the tilt. Groups of zero weight get no agents.
pub fn floored_allocation(weights: &[f64], agents: usize, min_share: f64) -> Vec<usize> {
    let total: f64 = weights.iter().sum();
    let mut share: Vec<f64> = weights.iter().map(|o| o / total).collect();
    let mut floored = vec![false; share.len()];
    loop {
        let mut changed = false;
        for (s, f) in share.iter_mut().zip(floored.iter_mut()) {
            if !*f && *s > 0.0 && *s < min_share {
                *s = min_share;
                *f = true;
                changed = true;
            }
        }
        let fixed: f64 = share.iter().zip(&floored).filter(|(_, f)| **f).map(|(s, _)| s).sum();
        let free: f64 = share.iter().zip(&floored).filter(|(_, f)| !**f).map(|(s, _)| s).sum();
        if free > 0.0 {
            let k = (1.0 - fixed) / free;
            for (s, f) in share.iter_mut().zip(&floored) {
                if !*f {
                    *s *= k;
                }
            }
        }
        if !changed {
            break;
        }
    }
    largest_remainder(&share, agents, 1)
}

/// Integer counts proportional to `shares` summing to `total`, each at least `floor` when
/// the total allows (Hamilton's method, ties to the lower index).
pub fn largest_remainder(shares: &[f64], total: usize, floor: usize) -> Vec<usize> {
    let sum: f64 = shares.iter().sum();
    let exact: Vec<f64> = shares.iter().map(|s| s / sum * total as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let rest = total.saturating_sub(counts.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &i in order.iter().cycle().take(rest) {
        counts[i] += 1;
    }
    // Lift empty entries to the floor by taking from the largest.
    for i in 0..counts.len() {
        while counts[i] < floor && shares[i] > 0.0 {
            let Some(big) = (0..counts.len()).filter(|&j| counts[j] > floor).max_by_key(|&j| counts[j]) else { break };
            counts[big] -= 1;
            counts[i] += 1;
        }
    }
    counts
}

fn layout(s: &Scenario) -> Layout {
    let organisations: Vec<f64> = s.regions.iter().map(|r| r.organisations).collect();
    let per_region = floored_allocation(&organisations, s.simulation.agents as usize, s.simulation.min_region_share);
    let mut region_start = vec![0];
    for n in &per_region {
        region_start.push(region_start.last().unwrap_or(&0) + n);
    }
    let mut cell_weight = Vec::with_capacity(s.regions.len() * s.sectors.len());
    for (r, region) in s.regions.iter().enumerate() {
        let counts = sector_allocation(s, per_region[r]);
        for (x, sector) in s.sectors.iter().enumerate() {
            let organisations = region.organisations * 1e6 * sector.share;
            cell_weight.push(if counts[x] > 0 { organisations / counts[x] as f64 } else { 0.0 });
        }
    }
    let origins = s.origins();
    Layout {
        regions: s.regions.len(),
        sectors: s.sectors.len(),
        vendors: s.vendors.len(),
        region_start,
        cell_weight,
        vendor_origin: s.vendors.iter().map(|v| origins.iter().position(|o| *o == v.origin).unwrap_or(0)).collect(),
        home_origin: s.regions.iter().map(|r| origins.iter().position(|o| *o == r.home_origin)).collect(),
        origins,
        cell_region: (0..s.regions.len() * s.sectors.len()).map(|c| c / s.sectors.len().max(1)).collect(),
        cell_sector: (0..s.regions.len() * s.sectors.len()).map(|c| c % s.sectors.len().max(1)).collect(),
    }
}

/// Agents of each sector in a region of `n` agents, with the sector floor applied.
fn sector_allocation(s: &Scenario, n: usize) -> Vec<usize> {
    let shares: Vec<f64> = s.sectors.iter().map(|x| x.share).collect();
    floored_allocation(&shares, n, s.simulation.min_sector_share)
}

/// Draws every organisation's sector, size and usage intensity. Sectors are stratified:
/// each region gets its exact share of each sector, in shuffled order.
fn population(s: &Scenario, layout: &Layout, seed: u64) -> Agents {
    let per_region: Vec<Agents> = (0..layout.regions)
        .into_par_iter()
        .map(|r| {
            let n = layout.region_start[r + 1] - layout.region_start[r];
            let mut rng = rng::stream(seed, rng::Purpose::Population, 0, r as u32);
            let counts = sector_allocation(s, n);
            let mut sector: Vec<u8> =
                counts.iter().enumerate().flat_map(|(x, &c)| std::iter::repeat_n(x as u8, c)).collect();
            for i in (1..sector.len()).rev() {
                let j = rng::below(&mut rng, (i + 1) as u32) as usize;
                sector.swap(i, j);
            }
            let sigma_u = s.choice.usage_dispersion;
            let mut size = Vec::with_capacity(n);
            let mut intensity = Vec::with_capacity(n);
            for &x in &sector {
                let sec = &s.sectors[x as usize];
                size.push((sec.size * (sec.size_dispersion * rng::normal(&mut rng)).exp()).max(1.0) as f32);
                intensity.push((sigma_u * rng::normal(&mut rng) - 0.5 * sigma_u * sigma_u).exp() as f32);
            }
            let cell = sector.iter().map(|&x| (r * s.sectors.len() + x as usize) as u16).collect();
            Agents { cell, size, intensity, holding: vec![NONE; n], tenure: vec![0; n] }
        })
        .collect();
    let mut all = Agents::default();
    for a in per_region {
        all.cell.extend(a.cell);
        all.size.extend(a.size);
        all.intensity.extend(a.intensity);
        all.holding.extend(a.holding);
        all.tenure.extend(a.tenure);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_is_proportional_with_a_floor() {
        let counts = floored_allocation(&[90.0, 9.0, 1.0], 1000, 0.05);
        assert_eq!(counts.iter().sum::<usize>(), 1000);
        assert_eq!(counts[2], 50);
        // The rest keep their 90:9 ratio.
        assert!((counts[0] as f64 / counts[1] as f64 - 10.0).abs() < 0.1, "{counts:?}");
    }

    #[test]
    fn largest_remainder_sums_exactly() {
        let c = largest_remainder(&[0.2, 0.3, 0.5], 7, 0);
        assert_eq!(c.iter().sum::<usize>(), 7);
        assert_eq!(c, vec![1, 2, 4]);
        assert_eq!(largest_remainder(&[0.999, 0.001], 10, 1), vec![9, 1]);
    }
}
