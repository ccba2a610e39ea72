//! Turns a merged scenario tree into a validated [`Scenario`], collecting every problem with
//! its file position; then applies `--set` overrides and checks the whole for consistency.

use std::collections::{BTreeMap, HashMap};

use super::error::Diagnostic;
use super::path::{self, unknown};
use super::schema::{Ban, Change, Event, Region, Scenario, Sector, SectorSet, Vendor};
use super::tree::{Node, NodeValue, Sources, Span};
use super::value::{Field, Kind, Month, Value, is_kebab_id};

/// Positions of decoded values by key path, so that checks made after `--set` can still point
/// into the file.
pub type SpanIndex = HashMap<String, Span>;

const TOP_KEYS: [&str; 12] = [
    "name",
    "description",
    "simulation",
    "network",
    "adoption",
    "choice",
    "hosting",
    "dynamics",
    "regions",
    "sectors",
    "vendors",
    "events",
];

pub(crate) struct Decoder<'a> {
    pub sources: &'a Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub index: SpanIndex,
}

impl<'a> Decoder<'a> {
    pub fn new(sources: &'a Sources) -> Self {
        Decoder { sources, diagnostics: Vec::new(), index: SpanIndex::new() }
    }

    fn error(&mut self, span: Span, key: &str, message: impl Into<String>) {
        self.diagnostics.push(self.sources.diagnostic(span, key, message));
    }

    pub fn scenario(&mut self, tree: &Node, default_name: &str) -> Scenario {
        let mut s = Scenario {
            name: default_name.to_string(),
            description: String::new(),
            simulation: Default::default(),
            network: Default::default(),
            adoption: Default::default(),
            choice: Default::default(),
            hosting: Default::default(),
            dynamics: Default::default(),
            regions: Vec::new(),
            sectors: Vec::new(),
            vendors: Vec::new(),
            events: Vec::new(),
        };
        let Some(entries) = tree.table() else { return s };
        for (key, node) in entries {
            if !TOP_KEYS.contains(&key.name.as_str()) && key.name != "extends" {
                let message = unknown("key", &key.name, "", TOP_KEYS);
                self.error(key.span, &key.name, message);
            }
            if !matches!(key.name.as_str(), "name" | "description") {
                continue;
            }
            match node.as_str() {
                Some(text) if key.name == "name" && !is_kebab_id(text) => self.error(
                    node.span,
                    "name",
                    format!("must be a lowercase-kebab name (it names the output folder), got \"{text}\""),
                ),
                Some(text) if key.name == "name" => s.name = text.to_string(),
                Some(text) => s.description = text.to_string(),
                None => self.error(node.span, &key.name, format!("expected a string, got a {}", node.type_name())),
            }
        }
        // Vendors first: their origins are the keys of the regions' trust and localisation maps.
        s.vendors = self.entities(tree.get("vendors"), "vendors", Vendor::FIELDS, &[]);
        let origins = s.origins();
        s.regions = self.entities(tree.get("regions"), "regions", Region::FIELDS, &origins);
        s.sectors = self.entities(tree.get("sectors"), "sectors", Sector::FIELDS, &[]);
        self.section(tree.get("simulation"), "simulation", &mut s.simulation);
        self.section(tree.get("network"), "network", &mut s.network);
        self.section(tree.get("adoption"), "adoption", &mut s.adoption);
        self.section(tree.get("choice"), "choice", &mut s.choice);
        self.section(tree.get("hosting"), "hosting", &mut s.hosting);
        self.section(tree.get("dynamics"), "dynamics", &mut s.dynamics);
        for r in &s.regions {
            if !r.home_origin.is_empty() && !is_kebab_id(&r.home_origin) {
                let span = self.index.get(&format!("regions.{}.home_origin", r.id)).copied().unwrap_or(Span::CLI);
                self.error(
                    span,
                    &format!("regions.{}.home_origin", r.id),
                    "must be an origin id like \"cn\", or empty",
                );
            }
        }
        if let Some(events) = tree.get("events") {
            s.events = self.events(events, &s);
        }
        s
    }

    fn section<T: SectionType + 'static>(&mut self, node: Option<&Node>, prefix: &str, target: &mut T) {
        let Some(node) = node else { return };
        if node.table().is_none() {
            self.error(node.span, prefix, format!("expected a table `[{prefix}]`, got a {}", node.type_name()));
            return;
        }
        self.fields(node, prefix, T::fields(), target, &[]);
    }

    fn entities<T: Default + HasId>(
        &mut self,
        node: Option<&Node>,
        key: &str,
        fields: &[Field<T>],
        origins: &[String],
    ) -> Vec<T> {
        let Some(node) = node else { return Vec::new() };
        let NodeValue::Array(items) = &node.value else {
            self.error(node.span, key, format!("expected an array of tables `[[{key}]]`, got a {}", node.type_name()));
            return Vec::new();
        };
        self.index.insert(key.to_string(), node.span);
        let mut out: Vec<T> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if item.table().is_none() {
                self.error(item.span, &format!("{key}[{i}]"), format!("expected a table, got a {}", item.type_name()));
                continue;
            }
            let prefix = match item.get("id").and_then(Node::as_str) {
                Some(id) => format!("{key}.{id}"),
                None => format!("{key}[{i}]"),
            };
            let mut entity = T::default();
            self.fields(item, &prefix, fields, &mut entity, origins);
            if out.iter().any(|e| e.id() == entity.id() && !e.id().is_empty()) {
                self.error(item.span, &prefix, format!("duplicate id `{}`", entity.id()));
                continue;
            }
            out.push(entity);
        }
        out
    }

    fn fields<T>(&mut self, node: &Node, prefix: &str, fields: &[Field<T>], target: &mut T, origins: &[String]) {
        let entries = node.table().unwrap_or_default();
        for (key, value) in entries {
            let path = format!("{prefix}.{}", key.name);
            let Some(field) = fields.iter().find(|f| f.key == key.name) else {
                let message = unknown("key", &key.name, prefix, fields.iter().map(|f| f.key));
                self.error(key.span, &path, message);
                continue;
            };
            self.index.insert(path.clone(), value.span);
            let decoded = node_value(value, field.kind).and_then(|v| field.kind.admit(v));
            match decoded {
                Ok(Value::OriginMap(map)) => {
                    let mut ok = true;
                    for origin in map.keys() {
                        if !origins.contains(origin) {
                            let span = value
                                .table()
                                .and_then(|t| t.iter().find(|(k, _)| &k.name == origin))
                                .map_or(value.span, |(k, _)| k.span);
                            let message = unknown("origin", origin, &path, origins.iter().map(String::as_str));
                            self.error(span, &format!("{path}.{origin}"), message);
                            ok = false;
                        }
                    }
                    if ok {
                        (field.set)(target, Value::OriginMap(map));
                    }
                }
                Ok(v) => (field.set)(target, v),
                Err(message) => self.error(value.span, &path, message),
            }
        }
        for field in fields.iter().filter(|f| f.default.is_none()) {
            if !entries.iter().any(|(k, _)| k.name == field.key) {
                self.error(
                    node.span,
                    &format!("{prefix}.{}", field.key),
                    format!("missing required key `{}` ({})", field.key, field.doc),
                );
            }
        }
    }

    fn events(&mut self, node: &Node, s: &Scenario) -> Vec<Event> {
        let NodeValue::Array(items) = &node.value else {
            self.error(
                node.span,
                "events",
                format!("expected an array of tables `[[events]]`, got a {}", node.type_name()),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let prefix = format!("events[{i}]");
            let Some(entries) = item.table() else {
                self.error(item.span, &prefix, format!("expected a table, got a {}", item.type_name()));
                continue;
            };
            let mut event = Event { date: Month(0), label: String::new(), changes: Vec::new(), bans: Vec::new() };
            let mut has_date = false;
            for (key, value) in entries {
                let path = format!("{prefix}.{}", key.name);
                match key.name.as_str() {
                    "date" => match node_value(value, Kind::Month).and_then(|v| Kind::Month.admit(v)) {
                        Ok(Value::Month(m)) => {
                            event.date = m;
                            has_date = true;
                            self.index.insert(path, value.span);
                        }
                        Ok(_) => {}
                        Err(message) => self.error(value.span, &path, message),
                    },
                    "label" => match value.as_str() {
                        Some(t) => event.label = t.to_string(),
                        None => {
                            self.error(value.span, &path, format!("expected a string, got a {}", value.type_name()))
                        }
                    },
                    "set" | "scale" => self.changes(value, &path, key.name == "scale", s, &mut event.changes),
                    "ban" | "unban" => self.bans(value, &path, key.name == "unban", s, &mut event.bans),
                    _ => {
                        let message =
                            unknown("key", &key.name, &prefix, ["date", "label", "set", "scale", "ban", "unban"]);
                        self.error(key.span, &path, message);
                    }
                }
            }
            if !has_date {
                self.error(
                    item.span,
                    &format!("{prefix}.date"),
                    "missing required key `date` (the month it happens, \"YYYY-MM\")",
                );
            }
            if event.changes.is_empty() && event.bans.is_empty() {
                self.error(item.span, &prefix, "the event changes nothing: give `set`, `scale`, `ban` or `unban`");
            }
            out.push(event);
        }
        out
    }

    fn changes(&mut self, node: &Node, path: &str, scale: bool, s: &Scenario, out: &mut Vec<Change>) {
        let Some(entries) = node.table() else {
            self.error(
                node.span,
                path,
                format!("expected a table of \"parameter.path\" = value, got a {}", node.type_name()),
            );
            return;
        };
        for (key, value) in entries {
            let r = match path::resolve(s, &key.name) {
                Ok(r) => r,
                Err(message) => {
                    self.error(key.span, &format!("{path}.\"{}\"", key.name), message);
                    continue;
                }
            };
            if !r.is_dynamic() {
                self.error(
                    key.span,
                    &format!("{path}.\"{}\"", key.name),
                    "this parameter is fixed for a run and cannot change at an event",
                );
                continue;
            }
            let at = format!("{path}.\"{}\"", key.name);
            if scale {
                if !r.value_kind().is_numeric() {
                    self.error(key.span, &at, "only numeric parameters can be scaled");
                    continue;
                }
                match node_value(value, Kind::positive(f64::MAX)).and_then(|v| Kind::positive(1.0e9).admit(v)) {
                    Ok(v) => out.push(Change::Scale { path: key.name.clone(), factor: v.as_f64().unwrap_or(1.0) }),
                    Err(message) => self.error(value.span, &at, format!("scale factor {message}")),
                }
            } else {
                let kind = r.value_kind();
                match node_value(value, kind).and_then(|v| kind.admit(v)) {
                    Ok(v) => out.push(Change::Set { path: key.name.clone(), value: v }),
                    Err(message) => self.error(value.span, &at, message),
                }
            }
        }
    }

    fn bans(&mut self, node: &Node, path: &str, lift: bool, s: &Scenario, out: &mut Vec<Ban>) {
        let items: Vec<&Node> = match &node.value {
            NodeValue::Array(items) => items.iter().collect(),
            NodeValue::Table(_) => vec![node],
            _ => {
                self.error(
                    node.span,
                    path,
                    format!(
                        "expected a table {{ origins = [...], regions = [...], sectors = [...] }}, got a {}",
                        node.type_name()
                    ),
                );
                return;
            }
        };
        let origins = s.origins();
        let known = |key: &str| -> Vec<String> {
            match key {
                "origins" => origins.clone(),
                "vendors" => s.vendors.iter().map(|v| v.id.clone()).collect(),
                "regions" => s.regions.iter().map(|r| r.id.clone()).collect(),
                _ => s.sectors.iter().map(|x| x.id.clone()).collect(),
            }
        };
        for item in items {
            let mut ban = Ban {
                origins: Vec::new(),
                vendors: Vec::new(),
                regions: Vec::new(),
                sectors: SectorSet::Critical,
                lift,
            };
            let Some(entries) = item.table() else {
                self.error(item.span, path, format!("expected a table, got a {}", item.type_name()));
                continue;
            };
            for (key, value) in entries {
                let at = format!("{path}.{}", key.name);
                let name = match key.name.as_str() {
                    "origin" => "origins",
                    "vendor" => "vendors",
                    other => other,
                };
                if !["origins", "vendors", "regions", "sectors"].contains(&name) {
                    let message = unknown("key", &key.name, path, ["origins", "vendors", "regions", "sectors"]);
                    self.error(key.span, &at, message);
                    continue;
                }
                if name == "sectors" && value.as_str() == Some("all") {
                    ban.sectors = SectorSet::All;
                    continue;
                }
                let values: Vec<&Node> = match &value.value {
                    NodeValue::Array(v) => v.iter().collect(),
                    NodeValue::Str(_) => vec![value],
                    _ => {
                        self.error(value.span, &at, format!("expected a list of ids, got a {}", value.type_name()));
                        continue;
                    }
                };
                let candidates = known(name);
                let mut ids = Vec::new();
                for v in values {
                    match v.as_str() {
                        Some(id) if candidates.iter().any(|c| c == id) => ids.push(id.to_string()),
                        Some(id) => {
                            let message =
                                unknown(name.trim_end_matches('s'), id, &at, candidates.iter().map(String::as_str));
                            self.error(v.span, &at, message);
                        }
                        None => self.error(v.span, &at, format!("expected an id string, got a {}", v.type_name())),
                    }
                }
                match name {
                    "origins" => ban.origins = ids,
                    "vendors" => ban.vendors = ids,
                    "regions" => ban.regions = ids,
                    _ => ban.sectors = SectorSet::List(ids),
                }
            }
            if ban.origins.is_empty() && ban.vendors.is_empty() {
                self.error(
                    item.span,
                    path,
                    "names neither origins nor vendors: give `origins = [\"cn\"]` or `vendors = [...]`",
                );
                continue;
            }
            if ban.sectors == SectorSet::Critical && !s.sectors.iter().any(|x| x.critical) {
                self.error(
                    item.span,
                    path,
                    "no sector is `critical`, so this ban covers nothing: name `sectors` or write `sectors = \"all\"`",
                );
                continue;
            }
            out.push(ban);
        }
        // Within an event, bans apply before lifts, whatever the order of the keys.
        out.sort_by_key(|b| b.lift);
    }
}

/// Access to the field table of a single section.
pub(crate) trait SectionType {
    fn fields() -> &'static [Field<Self>]
    where
        Self: Sized;
}

macro_rules! section_type {
    ($($t:ty),*) => { $( impl SectionType for $t { fn fields() -> &'static [Field<Self>] { <$t>::FIELDS } } )* };
}
use super::schema::{Adoption, Choice, Dynamics, Hosting, Network, Simulation};
section_type!(Simulation, Network, Adoption, Choice, Hosting, Dynamics);

pub(crate) trait HasId {
    fn id(&self) -> &str;
}
impl HasId for Region {
    fn id(&self) -> &str {
        &self.id
    }
}
impl HasId for Sector {
    fn id(&self) -> &str {
        &self.id
    }
}
impl HasId for Vendor {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Converts a tree node into the value form its kind expects, or says why it cannot be.
pub(crate) fn node_value(node: &Node, kind: Kind) -> Result<Value, String> {
    match (&node.value, kind) {
        (NodeValue::Int(n), Kind::Int { .. }) if *n < 0 || *n > u64::MAX as i128 => {
            Err(format!("must be an {}, got {n}", kind.describe()))
        }
        (NodeValue::Int(n), Kind::Int { .. }) => Ok(Value::Int(*n as u64)),
        (NodeValue::Int(n), _) => Ok(Value::Float(*n as f64)),
        (NodeValue::Float(x), _) => Ok(Value::Float(*x)),
        (NodeValue::Str(s), _) => Ok(Value::Text(s.clone())),
        (NodeValue::Bool(b), _) => Ok(Value::Bool(*b)),
        (NodeValue::Datetime(d), Kind::Month) => {
            Err(format!("write months as strings like \"2025-01\", got the date {d}"))
        }
        (NodeValue::Table(entries), Kind::OriginMap { .. }) => {
            let mut map = BTreeMap::new();
            for (k, v) in entries {
                match v.value {
                    NodeValue::Int(n) => map.insert(k.name.clone(), n as f64),
                    NodeValue::Float(x) => map.insert(k.name.clone(), x),
                    _ => return Err(format!("{}: expected a number, got a {}", k.name, v.type_name())),
                };
            }
            Ok(Value::OriginMap(map))
        }
        (_, kind) => Err(format!("expected {}, got a {}", kind_expectation(kind), node.type_name())),
    }
}

fn kind_expectation(kind: Kind) -> String {
    match kind {
        Kind::OriginMap { .. } => "a table like { us = 0.8, cn = 0.4 }".into(),
        k => k.describe(),
    }
}

/// Checks that only hold for the scenario as a whole; run after `--set` is applied.
pub(crate) fn consistency(s: &Scenario, index: &SpanIndex, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let place = |key: &str| sources.place(index.get(key).copied().unwrap_or(Span::CLI));
    let mut error = |key: &str, at: &str, message: String| {
        out.push(Diagnostic { place: place(at), key: key.to_string(), message });
    };
    for (list, empty) in [(s.regions.len(), "regions"), (s.sectors.len(), "sectors"), (s.vendors.len(), "vendors")] {
        if list == 0 {
            error(empty, empty, format!("the scenario needs at least one entry in [[{empty}]]"));
        }
    }
    if s.vendors.len() > crate::model::MAX_VENDORS {
        error(
            "vendors",
            "vendors",
            format!("at most {} vendors are supported, got {}", crate::model::MAX_VENDORS, s.vendors.len()),
        );
    }
    if s.sectors.len() > crate::model::MAX_SECTORS {
        error(
            "sectors",
            "sectors",
            format!("at most {} sectors are supported, got {}", crate::model::MAX_SECTORS, s.sectors.len()),
        );
    }
    if s.regions.len() > crate::model::MAX_REGIONS {
        error(
            "regions",
            "regions",
            format!("at most {} regions are supported, got {}", crate::model::MAX_REGIONS, s.regions.len()),
        );
    }
    if !s.sectors.is_empty() {
        let total: f64 = s.sectors.iter().map(|x| x.share).sum();
        if (total - 1.0).abs() > 1e-6 {
            let shares: Vec<String> = s.sectors.iter().map(|x| format!("{} {}", x.id, x.share)).collect();
            // Point at the share the user wrote last: the most derived file comes first.
            let at = s
                .sectors
                .iter()
                .map(|x| format!("sectors.{}.share", x.id))
                .filter(|k| index.contains_key(k))
                .min_by_key(|k| (index[k].file, index[k].start))
                .unwrap_or_else(|| "sectors".to_string());
            error("sectors", &at, format!("sector shares must sum to 1, got {total:.6} ({})", shares.join(", ")));
        }
    }
    let regions = s.regions.len() as f64;
    if s.simulation.min_region_share * regions > 1.0 {
        error(
            "simulation.min_region_share",
            "simulation.min_region_share",
            format!("{} regions x {} exceeds all agents", s.regions.len(), s.simulation.min_region_share),
        );
    }
    if s.simulation.min_sector_share * s.sectors.len() as f64 > 1.0 {
        error(
            "simulation.min_sector_share",
            "simulation.min_sector_share",
            format!("{} sectors x {} exceeds all of a region's agents", s.sectors.len(), s.simulation.min_sector_share),
        );
    }
    if (s.simulation.agents as usize) < s.regions.len() * s.sectors.len().max(1) {
        error(
            "simulation.agents",
            "simulation.agents",
            format!("needs at least one agent per region and sector ({})", s.regions.len() * s.sectors.len()),
        );
    }
    let (start, end) = (s.simulation.start, s.end());
    for (i, e) in s.events.iter().enumerate() {
        let key = format!("events[{i}].date");
        if e.date < start || e.date > end {
            error(&key, &key, format!("{} is outside the run, which covers {start} to {end}", e.date));
        }
    }
    out
}

/// Parses a `--set` value: any TOML value, or else the text itself (so `mixing=global` works).
pub fn parse_override_value(raw: &str) -> Value {
    match toml::de::DeValue::parse(raw) {
        Ok(v) => match v.get_ref() {
            toml::de::DeValue::Integer(i) => i128::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .and_then(|n| u64::try_from(n).ok().map(Value::Int).or(Some(Value::Float(n as f64))))
                .unwrap_or(Value::Float(f64::INFINITY)),
            toml::de::DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
            toml::de::DeValue::Boolean(b) => Value::Bool(*b),
            toml::de::DeValue::String(s) => Value::Text(s.to_string()),
            _ => Value::Text(raw.to_string()),
        },
        Err(_) => Value::Text(raw.to_string()),
    }
}
