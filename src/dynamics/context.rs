//! The month's lookup tables: every utility part that depends only on (region, sector,
//! vendor), computed once per step so that an agent's choice is a few additions.

use crate::model::{Layout, MAX_VENDORS, Scope, World};

/// Tenure (months) beyond which lock-in is read from the last table entry.
const LOCK_IN_TABLE: usize = 1200;

/// Parts of the utility and the rules of the month, in flat arrays indexed by integers.
pub struct Context {
    pub vendors: usize,
    pub sectors: usize,
    pub degree: usize,
    /// Utility of using vendor k through an API, apart from cost, contacts and switching;
    /// `-inf` where infeasible (banned). Index `cell * vendors + k`.
    pub base_api: Vec<f64>,
    /// The same for self-hosting; `-inf` for closed models, banned cells, or no compute.
    pub base_self: Vec<f64>,
    /// API cost over budget for an organisation of unit intensity. Index `cell * vendors + k`.
    pub api_ratio: Vec<f64>,
    /// Monthly AI budget per employee, USD. Index `cell`.
    pub budget_per_employee: Vec<f64>,
    /// Usage per employee at unit intensity, million tokens a month. Index `cell`.
    pub usage_per_employee: Vec<f64>,
    /// Cost weight x price sensitivity. Index `sector`.
    pub cost_coef: Vec<f64>,
    /// Full switching cost in utility. Index `sector`.
    pub switch_full: Vec<f64>,
    /// Self-hosting: USD a month for the GPUs that hold the model, and USD per million
    /// tokens of serving capacity beyond that. Index `region * vendors + k`.
    pub self_fixed: Vec<f64>,
    pub self_per_mtok: Vec<f64>,
    /// Price actually paid, USD per million tokens.
    pub price: Vec<f64>,
    pub affordability: f64,
    pub noise: f64,
    pub network_weight: f64,
    /// Bass rates per year: p by region, and q; and exp(-(p + q) / 12) by region.
    pub innovation: Vec<f64>,
    pub imitation: f64,
    pub bass_decay: Vec<f64>,
    /// What everyone sees under global mixing (None under network mixing).
    pub global: Option<GlobalView>,
    pub review_probability: f64,
    /// Share of the full switching cost paid at each tenure in months.
    pub lock_in: Vec<f64>,
}

/// Under global mixing every organisation sees the whole world instead of its contacts.
pub struct GlobalView {
    /// Share of all organisations using AI.
    pub adopted: f64,
    /// Share of all organisations using each vendor.
    pub using: Vec<f64>,
}

/// One option an organisation can take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Option_ {
    pub vendor: usize,
    pub self_hosted: bool,
}

/// What distinguishes one organisation's choice from its cell's.
#[derive(Clone, Copy, Debug)]
pub struct Chooser {
    pub cell: usize,
    pub region: usize,
    pub sector: usize,
    pub intensity: f64,
    pub size: f64,
}

impl Context {
    /// Tables for the current parameters of `world`; `ecosystem_shares` are the vendors'
    /// world shares of adopting organisations that the ecosystem term reads.
    pub fn build(world: &World, ecosystem_shares: &[f64]) -> Context {
        let s = &world.scenario;
        let layout: &Layout = &world.layout;
        let (nr, ns, nv) = (layout.regions, layout.sectors, layout.vendors);
        let c = &s.choice;
        let h = &s.hosting;
        let frontier = s.vendors.iter().map(|v| v.capability).fold(f64::MIN_POSITIVE, f64::max);
        let mut base_api = vec![f64::NEG_INFINITY; nr * ns * nv];
        let mut base_self = vec![f64::NEG_INFINITY; nr * ns * nv];
        let mut api_ratio = vec![0.0; nr * ns * nv];
        let mut budget_per_employee = vec![0.0; nr * ns];
        let mut usage_per_employee = vec![0.0; nr * ns];
        let mut self_fixed = vec![f64::INFINITY; nr * nv];
        let mut self_per_mtok = vec![f64::INFINITY; nr * nv];
        for (r, region) in s.regions.iter().enumerate() {
            let gpu_month =
                if region.compute_access > 0.0 { h.gpu_month_usd / region.compute_access } else { f64::INFINITY };
            for (k, v) in s.vendors.iter().enumerate() {
                self_fixed[r * nv + k] = v.hardware / h.gpu_memory_gb * gpu_month;
                self_per_mtok[r * nv + k] = gpu_month / h.gpu_mtok_per_month;
            }
            let home = layout.home_origin[r];
            for (x, sector) in s.sectors.iter().enumerate() {
                let cell = layout.cell(r, x);
                budget_per_employee[cell] =
                    c.budget_share * region.gdp_per_capita / 12.0 * sector.budget_factor * world.budget_multiplier;
                usage_per_employee[cell] = sector.usage * region.usage_intensity * world.usage_multiplier;
                let sovereignty = c.sovereignty_weight * region.sovereignty * sector.sovereignty;
                for (k, v) in s.vendors.iter().enumerate() {
                    let i = cell * nv + k;
                    api_ratio[i] = usage_per_employee[cell] * world.effective_price[k] / budget_per_employee[cell];
                    if world.banned[i] {
                        continue;
                    }
                    let origin = layout.vendor_origin[k];
                    let origin_id = &layout.origins[origin];
                    let trust =
                        region.trust.get(origin_id).copied().unwrap_or(crate::scenario::path::DEFAULT_ORIGIN_VALUE);
                    let local = region
                        .localisation
                        .get(origin_id)
                        .copied()
                        .unwrap_or(crate::scenario::path::DEFAULT_ORIGIN_VALUE);
                    let shortfall = (sector.capability_need - v.capability / frontier).max(0.0);
                    let foreign_closed = !v.open && home != Some(origin);
                    let common = -c.capability_weight * shortfall
                        + c.quality_weight * v.capability / frontier
                        + c.localisation_weight * local
                        + c.trust_weight * trust
                        - if foreign_closed { c.revocation_weight * region.revocation_risk } else { 0.0 }
                        + c.ecosystem_weight * (1.0 + c.ecosystem_scale * ecosystem_shares[k]).ln();
                    if v.open {
                        let integration = c.integration_weight * (1.0 - region.talent);
                        base_api[i] = common + sovereignty * h.api_openness - integration * h.api_integration;
                        if region.compute_access > 0.0 {
                            base_self[i] = common + sovereignty - integration;
                        }
                    } else {
                        base_api[i] = common;
                    }
                }
            }
        }
        let lock_in = (0..=LOCK_IN_TABLE).map(|m| 1.0 - (-(m as f64) / 12.0 / c.lock_in_years).exp()).collect();
        let adopted_share = world.tally.adoption(Scope::WORLD);
        Context {
            vendors: nv,
            sectors: ns,
            degree: world.degree,
            base_api,
            base_self,
            api_ratio,
            budget_per_employee,
            usage_per_employee,
            cost_coef: s.sectors.iter().map(|x| c.cost_weight * x.price_sensitivity).collect(),
            switch_full: s.sectors.iter().map(|x| c.switching_weight * x.switching_cost).collect(),
            self_fixed,
            self_per_mtok,
            price: world.effective_price.clone(),
            affordability: c.affordability,
            noise: c.noise,
            network_weight: c.network_weight,
            innovation: s.regions.iter().map(|r| r.innovation).collect(),
            imitation: s.adoption.imitation,
            bass_decay: s.regions.iter().map(|r| (-(r.innovation + s.adoption.imitation) / 12.0).exp()).collect(),
            global: (s.adoption.mixing == "global").then(|| GlobalView {
                adopted: adopted_share,
                using: (0..nv)
                    .map(|k| {
                        let pop = world.tally.population_of(Scope::WORLD);
                        if pop > 0.0 { world.tally.sum(&world.tally.orgs, Scope::WORLD, k) / pop } else { 0.0 }
                    })
                    .collect(),
            }),
            review_probability: 1.0 - (-s.adoption.review_rate / 12.0).exp(),
            lock_in,
        }
    }

    /// Probability that a non-adopter of `region` adopts this month when the adopted share
    /// it sees is `a`: the Bass model's transition over one month starting from share `a`,
    /// so that with global mixing the monthly steps follow the continuous curve exactly.
    #[inline]
    pub fn adoption_probability(&self, region: usize, a: f64) -> f64 {
        bass_month(self.innovation[region], self.imitation, a, self.bass_decay[region])
    }

    /// An upper bound of `adoption_probability` over every adopted share: with the hazard
    /// p + qF at most p + q, a month's adoption chance is at most 1 - exp(-(p + q) / 12).
    #[inline]
    pub fn adoption_bound(&self, region: usize) -> f64 {
        1.0 - self.bass_decay[region]
    }

    #[inline]
    pub fn lock_in(&self, tenure: u16) -> f64 {
        self.lock_in[(tenure as usize).min(LOCK_IN_TABLE)]
    }

    /// Monthly tokens of an organisation, million.
    #[inline]
    pub fn usage(&self, who: &Chooser) -> f64 {
        self.usage_per_employee[who.cell] * who.intensity * who.size
    }

    /// Monthly cost in USD of an option for an organisation.
    #[inline]
    pub fn cost(&self, who: &Chooser, option: Option_) -> f64 {
        let usage = self.usage(who);
        if option.self_hosted {
            let i = who.region * self.vendors + option.vendor;
            self.self_fixed[i].max(usage * self.self_per_mtok[i])
        } else {
            usage * self.price[option.vendor]
        }
    }

    /// Utility of an option apart from contacts and switching, or None if infeasible
    /// (banned, no self-hosting, or over the affordability limit).
    #[inline]
    pub fn private_utility(&self, who: &Chooser, option: Option_) -> Option<f64> {
        let i = who.cell * self.vendors + option.vendor;
        let (base, ratio) = if option.self_hosted {
            let budget = self.budget_per_employee[who.cell] * who.size;
            (self.base_self[i], self.cost(who, option) / budget)
        } else {
            (self.base_api[i], self.api_ratio[i] * who.intensity)
        };
        (base > f64::NEG_INFINITY && ratio <= self.affordability).then(|| base - self.cost_coef[who.sector] * ratio)
    }

    /// Best feasible mode of each vendor and its utility. `social[k]` is the share of the
    /// organisation's contacts using k; `current` its vendor and tenure, if any.
    /// Returns how many vendors are feasible.
    pub fn utilities(
        &self,
        who: &Chooser,
        social: &[f64],
        current: Option<(usize, u16)>,
        utility: &mut [f64; MAX_VENDORS],
        self_hosted: &mut [bool; MAX_VENDORS],
    ) -> usize {
        let mut feasible = 0;
        for k in 0..self.vendors {
            let api = self.private_utility(who, Option_ { vendor: k, self_hosted: false });
            let own = self.private_utility(who, Option_ { vendor: k, self_hosted: true });
            let (best, hosted) = match (api, own) {
                (Some(a), Some(o)) if o > a => (o, true),
                (Some(a), _) => (a, false),
                (None, Some(o)) => (o, true),
                (None, None) => {
                    utility[k] = f64::NEG_INFINITY;
                    continue;
                }
            };
            feasible += 1;
            let switching = match current {
                Some((j, tenure)) if j != k => self.switch_full[who.sector] * self.lock_in(tenure),
                _ => 0.0,
            };
            utility[k] = best + self.network_weight * social[k] - switching;
            self_hosted[k] = hosted;
        }
        feasible
    }

    /// Logit choice: P(k) proportional to exp(U_k / noise) over feasible k, drawn with `u`
    /// uniform in [0, 1). None if nothing is feasible.
    pub fn draw(&self, utility: &[f64; MAX_VENDORS], u: f64) -> Option<usize> {
        let top = utility[..self.vendors].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if top == f64::NEG_INFINITY {
            return None;
        }
        let mut weights = [0.0f64; MAX_VENDORS];
        let mut total = 0.0;
        for k in 0..self.vendors {
            let w = if utility[k] == f64::NEG_INFINITY { 0.0 } else { ((utility[k] - top) / self.noise).exp() };
            weights[k] = w;
            total += w;
        }
        let mut target = u * total;
        let mut last = None;
        for (k, &w) in weights[..self.vendors].iter().enumerate() {
            if w > 0.0 {
                last = Some(k);
                if target < w {
                    return Some(k);
                }
                target -= w;
            }
        }
        last
    }

    /// Choice probabilities (for the initial fixed point and tests).
    pub fn probabilities(&self, utility: &[f64; MAX_VENDORS]) -> Vec<f64> {
        let top = utility[..self.vendors].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if top == f64::NEG_INFINITY {
            return vec![0.0; self.vendors];
        }
        let w: Vec<f64> = utility[..self.vendors]
            .iter()
            .map(|&x| if x == f64::NEG_INFINITY { 0.0 } else { ((x - top) / self.noise).exp() })
            .collect();
        let total: f64 = w.iter().sum();
        w.iter().map(|x| x / total).collect()
    }
}

/// Share of non-adopters who adopt within a month under dF/dt = (p + qF)(1 - F) from F = a;
/// `decay` is exp(-(p + q) / 12). Solves the Bass equation from a over one month.
pub fn bass_month(p: f64, q: f64, a: f64, decay: f64) -> f64 {
    let a = a.clamp(0.0, 1.0);
    let force = p + q * a;
    if force <= 0.0 || a >= 1.0 {
        return 0.0;
    }
    // F(t) = (1 - C e^{-(p+q)t}) / (1 + K e^{-(p+q)t}) with C, K fixed by F(0) = a.
    let c = p * (1.0 - a) / force;
    let k = q * (1.0 - a) / force;
    let next = (1.0 - c * decay) / (1.0 + k * decay);
    ((next - a) / (1.0 - a)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::bass_month;

    #[test]
    fn bass_month_composes_to_the_closed_form() {
        let (p, q) = (0.03, 0.38);
        let decay = (-(p + q) / 12.0f64).exp();
        let mut f = 0.0;
        for _ in 0..120 {
            f += (1.0 - f) * bass_month(p, q, f, decay);
        }
        let e = (-(p + q) * 10.0f64).exp();
        let exact = (1.0 - e) / (1.0 + q / p * e);
        assert!((f - exact).abs() < 1e-12, "{f} vs {exact}");
    }

    #[test]
    fn bass_month_rises_with_the_adopted_share_and_stays_under_its_bound() {
        let (p, q) = (0.03, 0.38);
        let decay = (-(p + q) / 12.0f64).exp();
        let mut last = 0.0;
        for i in 0..1000 {
            let h = bass_month(p, q, i as f64 / 1000.0, decay);
            assert!(h >= last - 1e-15, "not monotone at {i}");
            assert!(h <= 1.0 - decay, "above the bound at {i}");
            last = h;
        }
    }

    #[test]
    fn bass_month_edge_cases() {
        assert_eq!(bass_month(0.0, 0.5, 0.0, 1.0), 0.0, "no innovation and nobody to imitate");
        assert_eq!(bass_month(0.1, 0.5, 1.0, 0.9), 0.0);
        let only_innovation = bass_month(0.12, 0.0, 0.3, (-0.01f64).exp());
        assert!((only_innovation - (1.0 - (-0.01f64).exp())).abs() < 1e-12);
    }
}
