//! The parameter-path language (`vendors.cn-open.price`, `regions.india.trust.us`): the one place
//! that resolves a path against a scenario and reads or writes the value it names.

use super::schema::{
    Adoption, Choice, Dynamics, Hosting, Network, Region, Scenario, Section, Sector, Simulation, Vendor,
};
use super::value::{Field, Kind, Value, nearest};

/// A resolved path: which struct, which entity, which field, and for origin maps which origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamRef {
    pub section: Section,
    /// Entity index for regions/sectors/vendors; 0 for sections.
    pub index: usize,
    /// Index into the section's field table.
    pub field: usize,
    /// The origin key inside an origin map (`trust.us`).
    pub origin: Option<String>,
}

impl ParamRef {
    pub fn kind(&self) -> Kind {
        self.section.field_info()[self.field].kind
    }
    pub fn is_dynamic(&self) -> bool {
        self.section.field_info()[self.field].dynamic
    }
    /// The kind a value written through this path must have (an origin-map entry is a number).
    pub fn value_kind(&self) -> Kind {
        match (self.kind(), &self.origin) {
            (Kind::OriginMap { min, max }, Some(_)) => Kind::float(min, max),
            (kind, _) => kind,
        }
    }
}

/// Resolves a dotted path against a scenario. Errors say which part is wrong and suggest a fix.
pub fn resolve(scenario: &Scenario, path: &str) -> Result<ParamRef, String> {
    let parts: Vec<&str> = path.split('.').collect();
    let sections = Section::SINGLE.into_iter().chain(Section::ENTITIES);
    let Some(section) = Section::from_key(parts[0]) else {
        return Err(unknown("section", parts[0], "", sections.map(Section::key)));
    };
    let (index, rest) = if Section::ENTITIES.contains(&section) {
        let Some(id) = parts.get(1) else {
            return Err(format!("`{path}` names no {} id (like `{}.<id>.<key>`)", section.key(), section.key()));
        };
        let ids = entity_ids(scenario, section);
        match ids.iter().position(|i| i == id) {
            Some(i) => (i, &parts[2..]),
            None => return Err(unknown(entity_noun(section), id, section.key(), ids.iter().map(String::as_str))),
        }
    } else {
        (0, &parts[1..])
    };
    let prefix = if Section::ENTITIES.contains(&section) {
        format!("{}.{}", section.key(), parts[1])
    } else {
        section.key().to_string()
    };
    let Some(key) = rest.first() else {
        return Err(format!("`{path}` names no key inside `{prefix}`"));
    };
    let infos = section.field_info();
    let Some(field) = infos.iter().position(|f| f.key == *key) else {
        return Err(unknown("key", key, &prefix, infos.iter().map(|f| f.key)));
    };
    if infos[field].key == "id" {
        return Err(format!("`{path}`: ids cannot be changed through a path"));
    }
    let origin = match (infos[field].kind, rest.get(1)) {
        (Kind::OriginMap { .. }, Some(origin)) => {
            let origins = scenario.origins();
            if !origins.iter().any(|o| o == origin) {
                return Err(unknown("origin", origin, &format!("{prefix}.{key}"), origins.iter().map(String::as_str)));
            }
            Some(origin.to_string())
        }
        (_, None) => None,
        (_, Some(extra)) => return Err(format!("`{path}`: `{prefix}.{key}` has no part `{extra}`")),
    };
    if rest.len() > 2 {
        return Err(format!("`{path}` has too many parts"));
    }
    Ok(ParamRef { section, index, field, origin })
}

fn entity_noun(section: Section) -> &'static str {
    match section {
        Section::Regions => "region",
        Section::Sectors => "sector",
        _ => "vendor",
    }
}

fn entity_ids(scenario: &Scenario, section: Section) -> Vec<String> {
    match section {
        Section::Regions => scenario.regions.iter().map(|r| r.id.clone()).collect(),
        Section::Sectors => scenario.sectors.iter().map(|s| s.id.clone()).collect(),
        Section::Vendors => scenario.vendors.iter().map(|v| v.id.clone()).collect(),
        _ => Vec::new(),
    }
}

/// "unknown key `prise` in vendors.cn-open; did you mean `price`?"
pub fn unknown<'a>(
    what: &str,
    word: &str,
    within: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let place = if within.is_empty() { String::new() } else { format!(" in `{within}`") };
    match nearest(word, candidates.clone()) {
        Some(best) => format!("unknown {what} `{word}`{place}; did you mean `{best}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            format!("unknown {what} `{word}`{place}; expected one of: {}", all.join(", "))
        }
    }
}

/// Calls `f` with the field table and struct a reference points into.
macro_rules! with_target {
    ($scenario:expr, $r:expr, |$fields:ident, $target:ident| $body:expr) => {
        match $r.section {
            Section::Simulation => {
                let $fields: &[Field<Simulation>] = Simulation::FIELDS;
                let $target = &mut $scenario.simulation;
                $body
            }
            Section::Network => {
                let $fields: &[Field<Network>] = Network::FIELDS;
                let $target = &mut $scenario.network;
                $body
            }
            Section::Adoption => {
                let $fields: &[Field<Adoption>] = Adoption::FIELDS;
                let $target = &mut $scenario.adoption;
                $body
            }
            Section::Choice => {
                let $fields: &[Field<Choice>] = Choice::FIELDS;
                let $target = &mut $scenario.choice;
                $body
            }
            Section::Hosting => {
                let $fields: &[Field<Hosting>] = Hosting::FIELDS;
                let $target = &mut $scenario.hosting;
                $body
            }
            Section::Dynamics => {
                let $fields: &[Field<Dynamics>] = Dynamics::FIELDS;
                let $target = &mut $scenario.dynamics;
                $body
            }
            Section::Regions => {
                let $fields: &[Field<Region>] = Region::FIELDS;
                let $target = &mut $scenario.regions[$r.index];
                $body
            }
            Section::Sectors => {
                let $fields: &[Field<Sector>] = Sector::FIELDS;
                let $target = &mut $scenario.sectors[$r.index];
                $body
            }
            Section::Vendors => {
                let $fields: &[Field<Vendor>] = Vendor::FIELDS;
                let $target = &mut $scenario.vendors[$r.index];
                $body
            }
        }
    };
}

/// Reads the value a resolved path names.
pub fn get(s: &Scenario, r: &ParamRef) -> Value {
    let value = match r.section {
        Section::Simulation => (Simulation::FIELDS[r.field].get)(&s.simulation),
        Section::Network => (Network::FIELDS[r.field].get)(&s.network),
        Section::Adoption => (Adoption::FIELDS[r.field].get)(&s.adoption),
        Section::Choice => (Choice::FIELDS[r.field].get)(&s.choice),
        Section::Hosting => (Hosting::FIELDS[r.field].get)(&s.hosting),
        Section::Dynamics => (Dynamics::FIELDS[r.field].get)(&s.dynamics),
        Section::Regions => (Region::FIELDS[r.field].get)(&s.regions[r.index]),
        Section::Sectors => (Sector::FIELDS[r.field].get)(&s.sectors[r.index]),
        Section::Vendors => (Vendor::FIELDS[r.field].get)(&s.vendors[r.index]),
    };
    match (value, &r.origin) {
        (Value::OriginMap(map), Some(origin)) => Value::Float(map.get(origin).copied().unwrap_or(DEFAULT_ORIGIN_VALUE)),
        (v, _) => v,
    }
}

/// Trust or localisation of an origin a region's map leaves out.
pub const DEFAULT_ORIGIN_VALUE: f64 = 0.5;

/// Writes a value through a resolved path after checking it against the field's kind and range.
pub fn set(scenario: &mut Scenario, r: &ParamRef, value: Value) -> Result<(), String> {
    let value = r.value_kind().admit(value)?;
    with_target!(scenario, r, |fields, target| {
        let field = &fields[r.field];
        match (&r.origin, value) {
            (Some(origin), Value::Float(x)) => {
                let mut map = match (field.get)(target) {
                    Value::OriginMap(m) => m,
                    _ => Default::default(),
                };
                map.insert(origin.clone(), x);
                (field.set)(target, Value::OriginMap(map));
            }
            (_, v) => (field.set)(target, v),
        }
    });
    Ok(())
}

/// Multiplies a numeric parameter (events' `scale`). The result must still be in range.
pub fn scale(scenario: &mut Scenario, r: &ParamRef, factor: f64) -> Result<(), String> {
    let current = get(scenario, r).as_f64().ok_or_else(|| "only numbers can be scaled".to_string())?;
    let scaled = current * factor;
    let value = match r.value_kind() {
        Kind::Int { .. } => Value::Int(scaled.round().max(0.0) as u64),
        _ => Value::Float(scaled),
    };
    set(scenario, r, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Scenario {
        crate::scenario::load("baseline", &[]).unwrap()
    }

    #[test]
    fn paths_resolve_to_the_field_they_name() {
        let mut s = baseline();
        let r = resolve(&s, "vendors.cn-open.price").unwrap();
        assert_eq!((r.section, r.index), (Section::Vendors, s.vendor_index("cn-open").unwrap()));
        set(&mut s, &r, Value::Float(0.2)).unwrap();
        assert_eq!(s.vendors[r.index].price, 0.2);
        scale(&mut s, &r, 0.5).unwrap();
        assert_eq!(get(&s, &r), Value::Float(0.1));

        let t = resolve(&s, "regions.india.trust.us").unwrap();
        set(&mut s, &t, Value::Int(1)).unwrap();
        assert_eq!(s.regions[t.index].trust["us"], 1.0);
        assert_eq!(get(&s, &t), Value::Float(1.0));

        let m = resolve(&s, "adoption.mixing").unwrap();
        set(&mut s, &m, Value::Text("global".into())).unwrap();
        assert_eq!(s.adoption.mixing, "global");
    }

    #[test]
    fn bad_paths_say_what_is_wrong() {
        let s = baseline();
        let err = |p: &str| resolve(&s, p).unwrap_err();
        assert_eq!(err("choise.noise"), "unknown section `choise`; did you mean `choice`?");
        assert!(err("vendors.cn-opn.price").contains("did you mean `cn-open`"));
        assert!(err("vendors.cn-open.prise").contains("did you mean `price`"));
        assert!(err("regions.india.trust.ru").contains("unknown origin `ru`"));
        assert!(err("regions.india").contains("names no key"));
        assert!(err("vendors").contains("names no vendors id"));
        assert!(err("vendors.cn-open.id").contains("ids cannot be changed"));
        assert!(err("choice.noise.extra").contains("has no part `extra`"));
    }

    #[test]
    fn values_are_checked_on_the_way_in() {
        let mut s = baseline();
        let r = resolve(&s, "regions.india.compute_access").unwrap();
        assert!(set(&mut s, &r, Value::Float(1.5)).unwrap_err().contains("must be 0 .. 1"));
        assert!(set(&mut s, &r, Value::Float(f64::INFINITY)).unwrap_err().contains("finite"));
        assert!(scale(&mut s, &r, 10.0).unwrap_err().contains("must be 0 .. 1"));
        let m = resolve(&s, "adoption.mixing").unwrap();
        assert!(set(&mut s, &m, Value::Text("local".into())).unwrap_err().contains("\"network\" | \"global\""));
    }
}
