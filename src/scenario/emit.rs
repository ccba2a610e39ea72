//! Writes a scenario back as TOML: every key resolved (defaults, parents and overrides
//! applied), in schema order, so that reading it back gives the same scenario.

use toml::{Table, Value as Toml};

use super::schema::{Ban, Change, Region, Scenario, Sector, SectorSet, Vendor};
use super::value::{Field, Value};

fn to_toml(value: &Value) -> Toml {
    match value {
        Value::Float(x) => Toml::Float(*x),
        Value::Int(i) => Toml::Integer(*i as i64),
        Value::Bool(b) => Toml::Boolean(*b),
        Value::Text(s) => Toml::String(s.clone()),
        Value::Month(m) => Toml::String(m.to_string()),
        Value::OriginMap(map) => Toml::Table(map.iter().map(|(k, v)| (k.clone(), Toml::Float(*v))).collect()),
    }
}

fn table<T>(fields: &[Field<T>], target: &T) -> Table {
    fields.iter().map(|f| (f.key.to_string(), to_toml(&(f.get)(target)))).collect()
}

fn bans(bans: &[&Ban]) -> Toml {
    Toml::Array(
        bans.iter()
            .map(|b| {
                let mut t = Table::new();
                let list = |v: &Vec<String>| Toml::Array(v.iter().cloned().map(Toml::String).collect());
                if !b.origins.is_empty() {
                    t.insert("origins".into(), list(&b.origins));
                }
                if !b.vendors.is_empty() {
                    t.insert("vendors".into(), list(&b.vendors));
                }
                if !b.regions.is_empty() {
                    t.insert("regions".into(), list(&b.regions));
                }
                match &b.sectors {
                    SectorSet::Critical => {}
                    SectorSet::All => {
                        t.insert("sectors".into(), Toml::String("all".into()));
                    }
                    SectorSet::List(ids) => {
                        t.insert("sectors".into(), list(ids));
                    }
                }
                Toml::Table(t)
            })
            .collect(),
    )
}

/// The resolved scenario as TOML text.
pub fn to_toml_string(s: &Scenario) -> String {
    let mut doc = Table::new();
    doc.insert("name".into(), Toml::String(s.name.clone()));
    doc.insert("description".into(), Toml::String(s.description.clone()));
    doc.insert("simulation".into(), Toml::Table(table(super::schema::Simulation::FIELDS, &s.simulation)));
    doc.insert("network".into(), Toml::Table(table(super::schema::Network::FIELDS, &s.network)));
    doc.insert("adoption".into(), Toml::Table(table(super::schema::Adoption::FIELDS, &s.adoption)));
    doc.insert("choice".into(), Toml::Table(table(super::schema::Choice::FIELDS, &s.choice)));
    doc.insert("hosting".into(), Toml::Table(table(super::schema::Hosting::FIELDS, &s.hosting)));
    doc.insert("dynamics".into(), Toml::Table(table(super::schema::Dynamics::FIELDS, &s.dynamics)));
    let list = |tables: Vec<Table>| Toml::Array(tables.into_iter().map(Toml::Table).collect());
    doc.insert("regions".into(), list(s.regions.iter().map(|r| table(Region::FIELDS, r)).collect()));
    doc.insert("sectors".into(), list(s.sectors.iter().map(|x| table(Sector::FIELDS, x)).collect()));
    doc.insert("vendors".into(), list(s.vendors.iter().map(|v| table(Vendor::FIELDS, v)).collect()));
    let events = s
        .events
        .iter()
        .map(|e| {
            let mut t = Table::new();
            t.insert("date".into(), Toml::String(e.date.to_string()));
            if !e.label.is_empty() {
                t.insert("label".into(), Toml::String(e.label.clone()));
            }
            let mut set = Table::new();
            let mut scale = Table::new();
            for c in &e.changes {
                match c {
                    Change::Set { path, value } => set.insert(path.clone(), to_toml(value)),
                    Change::Scale { path, factor } => scale.insert(path.clone(), Toml::Float(*factor)),
                };
            }
            if !set.is_empty() {
                t.insert("set".into(), Toml::Table(set));
            }
            if !scale.is_empty() {
                t.insert("scale".into(), Toml::Table(scale));
            }
            let (lifts, imposes): (Vec<&Ban>, Vec<&Ban>) = e.bans.iter().partition(|b| b.lift);
            if !imposes.is_empty() {
                t.insert("ban".into(), bans(&imposes));
            }
            if !lifts.is_empty() {
                t.insert("unban".into(), bans(&lifts));
            }
            t
        })
        .collect();
    doc.insert("events".into(), list(events));
    toml::to_string(&doc).unwrap_or_default()
}
