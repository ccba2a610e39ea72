//! Sample-weighted sums over organisations: who uses which vendor, how much, at what spend,
//! by region and sector. Every share reported anywhere is a ratio of these sums.

/// Which organisations a figure is about: a region, a sector, both, or (both None) the world.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub region: Option<usize>,
    pub sector: Option<usize>,
}

impl Scope {
    pub const WORLD: Scope = Scope { region: None, sector: None };
    pub fn region(r: usize) -> Scope {
        Scope { region: Some(r), sector: None }
    }
    pub fn sector(x: usize) -> Scope {
        Scope { region: None, sector: Some(x) }
    }
}

/// Sums for one state of the world, by cell (region x sector) and vendor: index
/// `(region * sectors + sector) * vendors + vendor`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub regions: usize,
    pub sectors: usize,
    pub vendors: usize,
    /// Organisations using the vendor.
    pub orgs: Vec<f64>,
    /// Of those, organisations self-hosting it.
    pub self_hosted: Vec<f64>,
    /// Tokens, million per month.
    pub usage: Vec<f64>,
    /// Spend, USD per month (API bills, or the GPUs of self-hosting).
    pub spend: Vec<f64>,
    /// Organisations in each cell.
    pub population: Vec<f64>,
}

impl Tally {
    pub fn new(regions: usize, sectors: usize, vendors: usize) -> Tally {
        let n = regions * sectors * vendors;
        Tally {
            regions,
            sectors,
            vendors,
            orgs: vec![0.0; n],
            self_hosted: vec![0.0; n],
            usage: vec![0.0; n],
            spend: vec![0.0; n],
            population: vec![0.0; regions * sectors],
        }
    }

    /// Zeroes the per-vendor sums, keeping the population.
    pub fn clear(&mut self) {
        for v in [&mut self.orgs, &mut self.self_hosted, &mut self.usage, &mut self.spend] {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
    }

    /// Adds another tally's per-vendor sums (chunks are added in a fixed order).
    pub fn add(&mut self, other: &Tally) {
        for (a, b) in [
            (&mut self.orgs, &other.orgs),
            (&mut self.self_hosted, &other.self_hosted),
            (&mut self.usage, &other.usage),
            (&mut self.spend, &other.spend),
        ] {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
    }

    /// Cells inside a scope.
    pub fn cells(&self, scope: Scope) -> impl Iterator<Item = usize> + '_ {
        (0..self.regions * self.sectors).filter(move |c| {
            scope.region.is_none_or(|r| c / self.sectors == r) && scope.sector.is_none_or(|x| c % self.sectors == x)
        })
    }

    /// Sum of one per-vendor array for vendor k over a scope.
    pub fn sum(&self, of: &[f64], scope: Scope, k: usize) -> f64 {
        self.cells(scope).map(|c| of[c * self.vendors + k]).sum()
    }

    pub fn population_of(&self, scope: Scope) -> f64 {
        self.cells(scope).map(|c| self.population[c]).sum()
    }

    /// Share of each vendor in a measure's total (0 when nobody uses anything).
    pub fn shares(&self, of: &[f64], scope: Scope) -> Vec<f64> {
        let values: Vec<f64> = (0..self.vendors).map(|k| self.sum(of, scope, k)).collect();
        let total: f64 = values.iter().sum();
        values.iter().map(|v| if total > 0.0 { v / total } else { 0.0 }).collect()
    }

    /// Share of organisations using any vendor.
    pub fn adoption(&self, scope: Scope) -> f64 {
        let users: f64 = (0..self.vendors).map(|k| self.sum(&self.orgs, scope, k)).sum();
        let pop = self.population_of(scope);
        if pop > 0.0 { (users / pop).min(1.0) } else { 0.0 }
    }
}

/// A vendor's state in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VendorSnapshot {
    /// USD per million tokens, after any price response.
    pub price: f64,
    pub capability: f64,
    /// GB of accelerator memory to self-host.
    pub hardware: f64,
    pub open: bool,
}
