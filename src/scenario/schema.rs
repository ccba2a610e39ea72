//! The typed scenario: every section and entity with its keys, units, defaults and ranges.
//! Field tables generated here are the single source for decoding, paths, `check` and docs.

use std::collections::BTreeMap;

use super::value::{Field, Kind, Month, param_struct};

const RATE: Kind = Kind::float(0.0, 100.0);
const WEIGHT: Kind = Kind::float(0.0, 1.0e6);

param_struct! {
    /// `[simulation]`: the horizon, the sample of organisations and the seeds.
    pub struct Simulation {
        start: Month = (Month::new(2025, 1)), Kind::Month, false, "month",
            "First month; step 0 is the initial state dated this month.";
        months: u64 = 131, Kind::Int { min: 1, max: 12_000 }, false, "months",
            "Number of monthly steps; the last row is dated start + months.";
        agents: u64 = 20_000, Kind::Int { min: 10, max: 100_000_000 }, false, "organisations (agents)",
            "Agents simulated: a sample of the world's organisations, spread over regions.";
        seeds: u64 = 8, Kind::Int { min: 1, max: 100_000 }, false, "runs",
            "Replicates, each with its own seed derived from `seed` and the replicate number.";
        seed: u64 = 1, Kind::Int { min: 0, max: i64::MAX as u64 }, false, "-",
            "Base seed of the random streams.";
        min_region_share: f64 = 0.02, Kind::float(0.0, 0.5), false, "share of agents",
            "Least share of agents given to any region; small regions are over-sampled and weighted down so world figures stay unbiased.";
        min_sector_share: f64 = 0.1, Kind::float(0.0, 0.5), false, "share of a region's agents",
            "Least share of a region's agents given to any sector; rare sectors (large enterprises) are over-sampled and weighted down.";
    }
}

param_struct! {
    /// `[network]`: who watches whom (a directed small world).
    pub struct Network {
        degree: u64 = 10, Kind::Int { min: 0, max: 64 }, false, "contacts per organisation",
            "Organisations each one watches; half on each side of it on a ring lattice within its region.";
        rewire: f64 = 0.1, Kind::UNIT, false, "probability",
            "Chance that a lattice contact is replaced by a random organisation of the same region (Watts-Strogatz).";
        cross_region: f64 = 0.05, Kind::UNIT, false, "probability",
            "Chance that a contact is a random organisation of another region instead.";
    }
}

param_struct! {
    /// `[adoption]`: Bass diffusion of adoption itself, and how often adopters reconsider.
    pub struct Adoption {
        imitation: f64 = 0.38, RATE, true, "per year",
            "Bass imitation rate q: hazard added per unit of adopted share among contacts (or everyone).";
        mixing: String = "network", Kind::OneOf(&["network", "global"]), true, "-",
            "Whom organisations watch, for imitation and the network term: their contacts, or all organisations in the world.";
        review_rate: f64 = 0.5, RATE, true, "per year",
            "Rate at which an adopter reconsiders its vendor (monthly chance 1 - exp(-rate/12)).";
        initial_tenure: f64 = 24.0, Kind::float(0.0, 1200.0), false, "months",
            "Initial adopters' tenure with their vendor is drawn uniformly from 0 to this.";
    }
}

param_struct! {
    /// `[choice]`: the weights of the utility terms and the logit noise.
    pub struct Choice {
        noise: f64 = 1.0, Kind::positive(1.0e6), true, "utility",
            "Logit scale: P(k) is proportional to exp(U_k / noise).";
        capability_weight: f64 = 8.0, WEIGHT, true, "utility per unit shortfall",
            "Penalty per unit by which a model falls short of the sector's need (as a fraction of the frontier).";
        quality_weight: f64 = 0.0, WEIGHT, true, "utility per frontier",
            "Value of capability itself: this times the model's capability as a fraction of the best model's.";
        cost_weight: f64 = 1.0, WEIGHT, true, "utility per budget",
            "Penalty per unit of monthly cost divided by monthly AI budget, times the sector's price sensitivity.";
        sovereignty_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Value of openness to a fully sovereignty-minded organisation (region sovereignty x sector multiplier).";
        localisation_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Value of a perfect language and local fit of the vendor's origin.";
        trust_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Value of full trust in the vendor's origin.";
        revocation_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Penalty on closed foreign services per unit of the region's perceived revocation risk.";
        integration_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Integration effort of a self-hosted open model with no local talent.";
        network_weight: f64 = 1.0, WEIGHT, true, "utility per share",
            "Value per unit share of the organisation's contacts using the vendor.";
        ecosystem_weight: f64 = 0.5, WEIGHT, true, "utility",
            "Weight of ln(1 + ecosystem_scale x the vendor's world share of adopters).";
        ecosystem_scale: f64 = 10.0, Kind::positive(1.0e6), true, "-",
            "Curvature of the ecosystem term.";
        switching_weight: f64 = 1.0, WEIGHT, true, "utility",
            "Weight of the sector's switching cost, paid when leaving the current vendor.";
        lock_in_years: f64 = 2.0, Kind::positive(1000.0), true, "years",
            "Time constant of lock-in: the switching cost is (1 - exp(-tenure / lock_in_years)) of its full value.";
        budget_share: f64 = 0.01, Kind::positive(10.0), true, "share of GDP per capita",
            "Yearly AI budget per employee as a share of the region's GDP per capita.";
        affordability: f64 = 1.0, Kind::positive(1000.0), true, "share of budget",
            "Options costing more than this share of the monthly budget are infeasible.";
        usage_dispersion: f64 = 1.0, Kind::float(0.0, 5.0), false, "log-sd",
            "Spread (lognormal sigma) of usage per employee across organisations.";
    }
}

param_struct! {
    /// `[hosting]`: what self-hosting costs, and how much openness is kept through an API.
    pub struct Hosting {
        gpu_memory_gb: f64 = 80.0, Kind::positive(1.0e6), true, "GB per GPU",
            "Accelerator memory of one GPU; a model needs hardware / gpu_memory_gb GPUs at least.";
        gpu_month_usd: f64 = 1500.0, Kind::positive(1.0e9), true, "USD per GPU-month",
            "Cost of one GPU for a month at full compute access; divided by the region's compute access.";
        gpu_mtok_per_month: f64 = 1500.0, Kind::positive(1.0e9), true, "million tokens per GPU-month",
            "Tokens one GPU serves in a month at the utilisation an organisation achieves.";
        api_integration: f64 = 0.3, Kind::UNIT, true, "share",
            "Share of the integration effort that remains when an open model is used through a hosted API.";
        api_openness: f64 = 0.5, Kind::UNIT, true, "share",
            "Share of the sovereignty value an open model keeps when used through a hosted API.";
    }
}

param_struct! {
    /// `[dynamics]`: how compute constraints change vendors, and the floor of price cuts.
    pub struct Dynamics {
        constraint_efficiency: f64 = 1.0, Kind::float(0.0, 100.0), true, "-",
            "Efficiency gain multiplier per unit of compute constraint: gain x (1 + this x (1 - vendor compute access)).";
        constraint_drag: f64 = 0.3, Kind::UNIT, true, "share",
            "Share of capability growth lost by a vendor with no compute access (linear in between).";
        price_floor: f64 = 0.3, Kind::UNIT, true, "share of base price",
            "Lowest price a closed vendor's price response can reach, relative to its base price.";
        usage_growth: f64 = 0.0, Kind::float(-10.0, 10.0), true, "per year (log)",
            "Growth of tokens used per employee (longer contexts, reasoning, agents).";
        budget_growth: f64 = 0.0, Kind::float(-10.0, 10.0), true, "per year (log)",
            "Growth of AI budgets per employee.";
    }
}

param_struct! {
    /// `[[regions]]`: a country or bloc.
    pub struct Region {
        id: String = required, Kind::Id, false, "-", "Identifier used in paths and output.";
        name: String = "", Kind::Text, false, "-", "Display name.";
        home_origin: String = "", Kind::Text, false, "origin id or empty",
            "Origin of its domestic vendors (\"cn\" for China); foreign closed services carry revocation risk.";
        organisations: f64 = required, Kind::positive(1.0e6), false, "million organisations",
            "Organisations the region holds: its weight in world figures.";
        gdp_per_capita: f64 = required, Kind::positive(1.0e7), true, "USD per person per year",
            "Sets budgets (with choice.budget_share).";
        usage_intensity: f64 = 1.0, Kind::positive(100.0), true, "relative",
            "Tokens used per employee relative to the sector norm.";
        compute_access: f64 = required, Kind::UNIT, true, "0..1",
            "Access to chips and data-centre capacity; 0 makes self-hosting impossible.";
        sovereignty: f64 = 0.0, Kind::UNIT, true, "0..1", "Sovereignty concern.";
        talent: f64 = 0.5, Kind::UNIT, true, "0..1", "Local AI talent; lowers the integration effort of open models.";
        revocation_risk: f64 = 0.0, Kind::UNIT, true, "0..1",
            "Perceived risk that closed foreign services are cut off or repriced.";
        innovation: f64 = 0.03, RATE, true, "per year", "Bass innovation rate p.";
        initial_adoption: f64 = 0.0, Kind::UNIT, false, "share of organisations", "Share using AI at the start.";
        trust: BTreeMap<String, f64> = (BTreeMap::new()), Kind::OriginMap { min: 0.0, max: 1.0 }, true, "0..1 by origin",
            "Trust in each vendor origin; an origin left out gets 0.5.";
        localisation: BTreeMap<String, f64> = (BTreeMap::new()), Kind::OriginMap { min: 0.0, max: 1.0 }, true, "0..1 by origin",
            "Language and local fit of each origin's models; an origin left out gets 0.5.";
    }
}

param_struct! {
    /// `[[sectors]]`: a segment of organisations present in every region.
    pub struct Sector {
        id: String = required, Kind::Id, false, "-", "Identifier used in paths and output.";
        name: String = "", Kind::Text, false, "-", "Display name.";
        share: f64 = required, Kind::UNIT, false, "share of organisations",
            "Share of each region's organisations in this sector; shares sum to 1.";
        size: f64 = required, Kind::float(1.0, 1.0e7), false, "employees",
            "Median organisation size.";
        size_dispersion: f64 = 1.0, Kind::float(0.0, 5.0), false, "log-sd", "Spread (lognormal sigma) of sizes.";
        usage: f64 = required, Kind::positive(1.0e6), true, "million tokens per employee-month",
            "Usage volume of an adopting organisation per employee.";
        budget_factor: f64 = 1.0, Kind::positive(1000.0), true, "relative", "AI budget per employee relative to the norm.";
        capability_need: f64 = 0.7, Kind::UNIT, true, "fraction of frontier",
            "Capability the work needs, as a fraction of the best model's.";
        price_sensitivity: f64 = 1.0, Kind::float(0.0, 1000.0), true, "relative", "Multiplies the cost term.";
        sovereignty: f64 = 1.0, Kind::float(0.0, 100.0), true, "multiplier", "Multiplies the region's sovereignty concern.";
        switching_cost: f64 = 1.0, Kind::float(0.0, 1.0e6), true, "utility", "Full cost of leaving a vendor.";
        critical: bool = false, Kind::Bool, true, "-", "Critical infrastructure: bans apply here unless an event names sectors.";
    }
}

param_struct! {
    /// `[[vendors]]`: a model family.
    pub struct Vendor {
        id: String = required, Kind::Id, false, "-", "Identifier used in paths and output.";
        name: String = "", Kind::Text, false, "-", "Display name.";
        origin: String = required, Kind::Id, false, "origin id", "Where the vendor is based (\"us\", \"cn\", \"eu\").";
        open: bool = required, Kind::Bool, true, "-", "Open weights: can be self-hosted.";
        price: f64 = required, Kind::positive(1.0e6), true, "USD per million tokens",
            "API list price, blended 3 input : 1 output tokens; falls with efficiency gains.";
        capability: f64 = required, Kind::positive(1000.0), true, "index (frontier = 1 at start)", "Capability index.";
        capability_growth: f64 = 0.3, Kind::float(-10.0, 10.0), true, "per year (log)", "Growth rate of capability.";
        hardware: f64 = 0.0, Kind::float(0.0, 1.0e7), true, "GB of accelerator memory",
            "Memory needed to self-host the model (open vendors).";
        efficiency_gain: f64 = 0.3, Kind::float(0.0, 0.99), true, "share per year",
            "Share by which hardware need and price fall each year, before the constraint boost.";
        community: f64 = 0.0, Kind::float(0.0, 100.0), true, "per year per share",
            "Extra capability growth per unit of world adopter share (open vendors).";
        price_response: f64 = 0.0, Kind::float(0.0, 100.0), true, "per share lost",
            "Price cut per unit of relative usage share lost from the peak (closed vendors).";
        compute_access: f64 = 1.0, Kind::UNIT, true, "0..1", "The vendor's own access to compute.";
    }
}

/// Sections and entities whose fields a parameter path can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Simulation,
    Network,
    Adoption,
    Choice,
    Hosting,
    Dynamics,
    Regions,
    Sectors,
    Vendors,
}

impl Section {
    pub const SINGLE: [Section; 6] = [
        Section::Simulation,
        Section::Network,
        Section::Adoption,
        Section::Choice,
        Section::Hosting,
        Section::Dynamics,
    ];
    pub const ENTITIES: [Section; 3] = [Section::Regions, Section::Sectors, Section::Vendors];

    pub fn key(self) -> &'static str {
        match self {
            Section::Simulation => "simulation",
            Section::Network => "network",
            Section::Adoption => "adoption",
            Section::Choice => "choice",
            Section::Hosting => "hosting",
            Section::Dynamics => "dynamics",
            Section::Regions => "regions",
            Section::Sectors => "sectors",
            Section::Vendors => "vendors",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::SINGLE.into_iter().chain(Section::ENTITIES).find(|s| s.key() == key)
    }

    /// Keys of this section with their kinds, without a value (for docs and suggestions).
    pub fn field_info(self) -> Vec<FieldInfo> {
        fn info<T>(fields: &[Field<T>]) -> Vec<FieldInfo> {
            fields
                .iter()
                .map(|f| FieldInfo {
                    key: f.key,
                    kind: f.kind,
                    default: f.default.map(|d| d()),
                    unit: f.unit,
                    doc: f.doc,
                    dynamic: f.dynamic,
                })
                .collect()
        }
        match self {
            Section::Simulation => info(Simulation::FIELDS),
            Section::Network => info(Network::FIELDS),
            Section::Adoption => info(Adoption::FIELDS),
            Section::Choice => info(Choice::FIELDS),
            Section::Hosting => info(Hosting::FIELDS),
            Section::Dynamics => info(Dynamics::FIELDS),
            Section::Regions => info(Region::FIELDS),
            Section::Sectors => info(Sector::FIELDS),
            Section::Vendors => info(Vendor::FIELDS),
        }
    }
}

/// A field's description without access to a struct.
#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub key: &'static str,
    pub kind: Kind,
    pub default: Option<super::value::Value>,
    pub unit: &'static str,
    pub doc: &'static str,
    pub dynamic: bool,
}

/// Which vendors a ban covers, and in which cells (region x sector).
#[derive(Clone, Debug, PartialEq)]
pub struct Ban {
    /// Every vendor of these origins.
    pub origins: Vec<String>,
    /// And these vendors by id.
    pub vendors: Vec<String>,
    /// Region ids; all regions when the event names none.
    pub regions: Vec<String>,
    pub sectors: SectorSet,
    /// true lifts the ban.
    pub lift: bool,
}

/// The sectors a ban covers.
#[derive(Clone, Debug, PartialEq)]
pub enum SectorSet {
    /// Those marked `critical = true` (the default).
    Critical,
    All,
    List(Vec<String>),
}

/// A change to a parameter at a month.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Set { path: String, value: super::value::Value },
    Scale { path: String, factor: f64 },
}

/// `[[events]]`: what happens at a month.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub date: Month,
    pub label: String,
    pub changes: Vec<Change>,
    pub bans: Vec<Ban>,
}

/// A validated scenario: every value checked, every id and path known to resolve.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub simulation: Simulation,
    pub network: Network,
    pub adoption: Adoption,
    pub choice: Choice,
    pub hosting: Hosting,
    pub dynamics: Dynamics,
    pub regions: Vec<Region>,
    pub sectors: Vec<Sector>,
    pub vendors: Vec<Vendor>,
    pub events: Vec<Event>,
}

impl Scenario {
    /// Origins in the order vendors first name them.
    pub fn origins(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in &self.vendors {
            if !out.contains(&v.origin) {
                out.push(v.origin.clone());
            }
        }
        out
    }

    /// Date of the last step.
    pub fn end(&self) -> Month {
        self.simulation.start.plus(self.simulation.months as i32)
    }

    pub fn region_index(&self, id: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.id == id)
    }
    pub fn sector_index(&self, id: &str) -> Option<usize> {
        self.sectors.iter().position(|s| s.id == id)
    }
    pub fn vendor_index(&self, id: &str) -> Option<usize> {
        self.vendors.iter().position(|v| v.id == id)
    }
}
