//! Sample-weighted sums over organisations: who uses which vendor, how much, at what spend.
//! Every share reported anywhere is a ratio of these sums, never of raw agent counts.

/// Sums for one state of the world, by region and vendor (index `region * vendors + vendor`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    pub regions: usize,
    pub vendors: usize,
    /// Organisations using the vendor.
    pub orgs: Vec<f64>,
    /// Of those, organisations self-hosting it.
    pub self_hosted: Vec<f64>,
    /// Tokens, million per month.
    pub usage: Vec<f64>,
    /// Spend, USD per month (API bills, or the GPUs of self-hosting).
    pub spend: Vec<f64>,
    /// Organisations in each region.
    pub population: Vec<f64>,
}

impl Tally {
    pub fn new(regions: usize, vendors: usize) -> Tally {
        let n = regions * vendors;
        Tally {
            regions,
            vendors,
            orgs: vec![0.0; n],
            self_hosted: vec![0.0; n],
            usage: vec![0.0; n],
            spend: vec![0.0; n],
            population: vec![0.0; regions],
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

    /// Sum over regions (all when `region` is None) of one per-vendor array for vendor k.
    pub fn sum(&self, of: &[f64], region: Option<usize>, k: usize) -> f64 {
        match region {
            Some(r) => of[r * self.vendors + k],
            None => (0..self.regions).map(|r| of[r * self.vendors + k]).sum(),
        }
    }

    pub fn population_of(&self, region: Option<usize>) -> f64 {
        match region {
            Some(r) => self.population[r],
            None => self.population.iter().sum(),
        }
    }

    /// Share of each vendor in a measure's total (0 when nobody uses anything).
    pub fn shares(&self, of: &[f64], region: Option<usize>) -> Vec<f64> {
        let values: Vec<f64> = (0..self.vendors).map(|k| self.sum(of, region, k)).collect();
        let total: f64 = values.iter().sum();
        values.iter().map(|v| if total > 0.0 { v / total } else { 0.0 }).collect()
    }

    /// Share of organisations using any vendor.
    pub fn adoption(&self, region: Option<usize>) -> f64 {
        let users: f64 = (0..self.vendors).map(|k| self.sum(&self.orgs, region, k)).sum();
        let pop = self.population_of(region);
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
