//! Scenario files as a tree of values that remember their file and position, and the
//! `extends` chain merged into one tree before anything is decoded.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::embedded;
use super::error::{Diagnostic, ScenarioError};

/// Where a value came from: a byte range in one of the loaded files, or the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: u32,
    pub start: u32,
}

impl Span {
    /// Values given on the command line (`--set`).
    pub const CLI: Span = Span { file: u32::MAX, start: 0 };
}

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// As shown in messages: the path given, or `<shipped>/baseline.toml`.
    pub name: String,
    pub text: String,
}

/// Every file read while loading one scenario.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    /// `path:line:column` (1-based, column in characters).
    pub fn place(&self, span: Span) -> String {
        let Some(file) = self.files.get(span.file as usize) else {
            return "--set".to_string();
        };
        let before = &file.text[..(span.start as usize).min(file.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}", file.name)
    }

    pub fn diagnostic(&self, span: Span, key: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { place: self.place(span), key: key.into(), message: message.into() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    Str(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    /// TOML dates and times: never valid here, kept to say so precisely.
    Datetime(String),
    Array(Vec<Node>),
    Table(Vec<(Key, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub span: Span,
}

impl Node {
    pub fn table(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            NodeValue::Table(t) => Some(t),
            _ => None,
        }
    }
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.table()?.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn type_name(&self) -> &'static str {
        match self.value {
            NodeValue::Str(_) => "string",
            NodeValue::Int(_) => "integer",
            NodeValue::Float(_) => "number",
            NodeValue::Bool(_) => "boolean",
            NodeValue::Datetime(_) => "date",
            NodeValue::Array(_) => "array",
            NodeValue::Table(_) => "table",
        }
    }
}

/// Parses TOML text into a tree whose spans point into file `file`.
pub fn parse(text: &str, file: u32, sources: &Sources) -> Result<Node, Diagnostic> {
    match DeTable::parse(text) {
        Ok(table) => {
            let span = Span { file, start: table.span().start as u32 };
            Ok(Node { value: NodeValue::Table(convert_table(table.get_ref(), file)), span })
        }
        Err(e) => {
            let start = e.span().map_or(0, |s| s.start) as u32;
            Err(sources.diagnostic(Span { file, start }, "", format!("TOML syntax error: {}", e.message().trim())))
        }
    }
}

fn convert_table(table: &DeTable<'_>, file: u32) -> Vec<(Key, Node)> {
    table
        .iter()
        .map(|(k, v)| {
            let key = Key { name: k.get_ref().to_string(), span: Span { file, start: k.span().start as u32 } };
            (key, convert(v.get_ref(), Span { file, start: v.span().start as u32 }))
        })
        .collect()
}

fn convert(value: &DeValue<'_>, span: Span) -> Node {
    let value = match value {
        DeValue::String(s) => NodeValue::Str(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i128::from_str_radix(&digits, i.radix()) {
                Ok(n) => NodeValue::Int(n),
                Err(_) => NodeValue::Float(f64::INFINITY),
            }
        }
        DeValue::Float(f) => NodeValue::Float(parse_toml_float(f.as_str())),
        DeValue::Boolean(b) => NodeValue::Bool(*b),
        DeValue::Datetime(d) => NodeValue::Datetime(d.to_string()),
        DeValue::Array(items) => NodeValue::Array(
            items
                .iter()
                .map(|v| convert(v.get_ref(), Span { file: span.file, start: v.span().start as u32 }))
                .collect(),
        ),
        DeValue::Table(t) => NodeValue::Table(convert_table(t, span.file)),
    };
    Node { value, span }
}

fn parse_toml_float(text: &str) -> f64 {
    let t = text.replace('_', "");
    match t.trim_start_matches(['+', '-']) {
        "inf" => {
            if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
        "nan" => f64::NAN,
        _ => t.parse().unwrap_or(f64::NAN),
    }
}

/// Where a scenario comes from.
#[derive(Clone, Debug)]
enum Origin {
    File(PathBuf),
    Shipped(&'static str),
    /// Text given directly (tests, sweeps with inline scenarios); parents must be shipped.
    Inline {
        name: String,
        text: String,
    },
}

/// Reads a scenario and its `extends` ancestors and merges them, child over parent.
/// `name` is a path, or the name of a shipped scenario when no such file exists.
pub fn load(name: &str) -> Result<(Sources, Node, String), ScenarioError> {
    let path = Path::new(name);
    let origin = if path.is_file() {
        Origin::File(path.to_path_buf())
    } else if let Some(shipped) = embedded::find(name) {
        Origin::Shipped(shipped.file)
    } else {
        return Err(ScenarioError::NotFound { name: name.to_string(), shipped: embedded::names().join(", ") });
    };
    let stem = match &origin {
        Origin::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        Origin::Shipped(f) => f.trim_end_matches(".toml").to_string(),
        Origin::Inline { name, .. } => name.clone(),
    };
    load_origin(origin, stem)
}

/// Reads scenario text that is not in a file; an `extends` in it must name a shipped scenario.
pub fn load_text(text: &str, name: &str) -> Result<(Sources, Node, String), ScenarioError> {
    load_origin(Origin::Inline { name: name.to_string(), text: text.to_string() }, name.to_string())
}

fn load_origin(origin: Origin, stem: String) -> Result<(Sources, Node, String), ScenarioError> {
    let mut sources = Sources::default();
    let mut chain = Vec::new();
    let tree = load_chain(origin, &mut sources, &mut chain)?;
    Ok((sources, tree, stem))
}

const MAX_EXTENDS_DEPTH: usize = 16;

fn load_chain(origin: Origin, sources: &mut Sources, chain: &mut Vec<String>) -> Result<Node, ScenarioError> {
    let (display, identity, text) = match &origin {
        Origin::File(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|source| ScenarioError::Read { path: p.display().to_string(), source })?;
            let identity = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).display().to_string();
            (p.display().to_string(), identity, text)
        }
        Origin::Shipped(f) => {
            let text = embedded::find(f).map(|s| s.text.to_string()).unwrap_or_default();
            (format!("<shipped>/{f}"), format!("<shipped>/{f}"), text)
        }
        Origin::Inline { name, text } => (format!("{name}.toml"), format!("<inline>/{name}"), text.clone()),
    };
    let file = sources.files.len() as u32;
    sources.files.push(SourceFile { name: display.clone(), text });
    let text = &sources.files[file as usize].text;
    let mut tree = parse(text, file, sources).map_err(|d| ScenarioError::Invalid(vec![d]))?;
    chain.push(identity);

    let Some(extends) = take_key(&mut tree, "extends") else {
        return Ok(tree);
    };
    let fail = |sources: &Sources, message: String| {
        ScenarioError::Invalid(vec![sources.diagnostic(extends.span, "extends", message)])
    };
    let Some(parent_name) = extends.as_str() else {
        return Err(fail(sources, format!("expected a file name string, got a {}", extends.type_name())));
    };
    if chain.len() > MAX_EXTENDS_DEPTH {
        return Err(fail(sources, format!("more than {MAX_EXTENDS_DEPTH} levels of `extends`")));
    }
    let parent = match &origin {
        Origin::File(p) => {
            let candidate = p.parent().unwrap_or(Path::new(".")).join(parent_name);
            if candidate.is_file() {
                Some(Origin::File(candidate))
            } else {
                embedded::find(parent_name).map(|s| Origin::Shipped(s.file))
            }
        }
        Origin::Shipped(_) | Origin::Inline { .. } => embedded::find(parent_name).map(|s| Origin::Shipped(s.file)),
    };
    let Some(parent) = parent else {
        return Err(fail(
            sources,
            format!("cannot find `{parent_name}` next to {display} nor among the shipped scenarios"),
        ));
    };
    let parent_identity = match &parent {
        Origin::File(p) => std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).display().to_string(),
        Origin::Shipped(f) => format!("<shipped>/{f}"),
        Origin::Inline { name, .. } => format!("<inline>/{name}"),
    };
    if let Some(at) = chain.iter().position(|c| *c == parent_identity) {
        let cycle: Vec<&str> = chain[at..].iter().map(String::as_str).chain([parent_identity.as_str()]).collect();
        return Err(fail(sources, format!("`extends` forms a cycle: {}", cycle.join(" -> "))));
    }
    let mut base = load_chain(parent, sources, chain)?;
    // A variant has its own identity: it never inherits the parent's name or description.
    take_key(&mut base, "name");
    take_key(&mut base, "description");
    merge(&mut base, tree, true);
    Ok(base)
}

fn take_key(tree: &mut Node, key: &str) -> Option<Node> {
    let NodeValue::Table(entries) = &mut tree.value else { return None };
    let at = entries.iter().position(|(k, _)| k.name == key)?;
    Some(entries.remove(at).1)
}

/// Entity lists merged element-wise by `id`; everything else in a child replaces the parent's.
const MERGED_BY_ID: [&str; 3] = ["regions", "sectors", "vendors"];
const APPENDED: [&str; 1] = ["events"];

fn merge(base: &mut Node, child: Node, top: bool) {
    let (NodeValue::Table(base_entries), NodeValue::Table(child_entries)) = (&mut base.value, child.value) else {
        return;
    };
    for (key, value) in child_entries {
        let Some(slot) = base_entries.iter().position(|(k, _)| k.name == key.name) else {
            base_entries.push((key, value));
            continue;
        };
        let existing = &mut base_entries[slot].1;
        match (&mut existing.value, value.value) {
            (NodeValue::Array(old), NodeValue::Array(new)) if top && MERGED_BY_ID.contains(&key.name.as_str()) => {
                // Only the parent's entities are merged into; an id the child repeats is kept
                // twice, so that decoding reports the duplicate instead of merging it away.
                let inherited = old.len();
                let mut seen: Vec<String> = Vec::new();
                for item in new {
                    let id = item.get("id").and_then(Node::as_str).map(str::to_string);
                    let repeated = id.as_ref().is_some_and(|i| seen.contains(i));
                    let target = id.as_ref().filter(|_| !repeated).and_then(|id| {
                        old[..inherited].iter().position(|o| o.get("id").and_then(Node::as_str) == Some(id.as_str()))
                    });
                    seen.extend(id);
                    match target {
                        Some(i) => merge(&mut old[i], item, false),
                        None => old.push(item),
                    }
                }
            }
            (NodeValue::Array(old), NodeValue::Array(new)) if top && APPENDED.contains(&key.name.as_str()) => {
                old.extend(new);
            }
            (NodeValue::Table(_), new @ NodeValue::Table(_)) => {
                merge(existing, Node { value: new, span: value.span }, false);
            }
            (_, new) => {
                *existing = Node { value: new, span: value.span };
                base_entries[slot].0 = key;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let sources = Sources { files: vec![SourceFile { name: "t.toml".into(), text: text.into() }] };
        parse(text, 0, &sources).unwrap()
    }

    #[test]
    fn positions_are_line_and_column() {
        let text = "a = 1\n[choice]\n  noise = 2\n";
        let sources = Sources { files: vec![SourceFile { name: "t.toml".into(), text: text.into() }] };
        let t = parse(text, 0, &sources).unwrap();
        let noise = t.get("choice").unwrap().table().unwrap()[0].clone();
        assert_eq!(sources.place(noise.0.span), "t.toml:3:3");
        assert_eq!(sources.place(noise.1.span), "t.toml:3:11");
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let text = "a = 1\nb = = 2\n";
        let sources = Sources { files: vec![SourceFile { name: "t.toml".into(), text: text.into() }] };
        let d = parse(text, 0, &sources).unwrap_err();
        assert!(d.place.starts_with("t.toml:2:"), "{d}");
        assert!(d.message.starts_with("TOML syntax error"), "{d}");
    }

    #[test]
    fn merge_overrides_keys_and_entities_by_id_and_appends_events() {
        let mut base = tree(
            "[choice]\nnoise = 1.0\ncost_weight = 2.0\n[[vendors]]\nid = \"a\"\nprice = 1.0\n[[vendors]]\nid = \"b\"\nprice = 2.0\n[[events]]\ndate = \"2026-01\"\n",
        );
        let child = tree(
            "[choice]\nnoise = 3.0\n[[vendors]]\nid = \"b\"\nprice = 5.0\n[[vendors]]\nid = \"c\"\nprice = 9.0\n[[events]]\ndate = \"2027-01\"\n",
        );
        merge(&mut base, child, true);
        let choice = base.get("choice").unwrap();
        assert_eq!(choice.get("noise").unwrap().value, NodeValue::Float(3.0));
        assert_eq!(choice.get("cost_weight").unwrap().value, NodeValue::Float(2.0));
        let NodeValue::Array(vendors) = &base.get("vendors").unwrap().value else { panic!() };
        let prices: Vec<_> = vendors.iter().map(|v| v.get("price").unwrap().value.clone()).collect();
        assert_eq!(prices, vec![NodeValue::Float(1.0), NodeValue::Float(5.0), NodeValue::Float(9.0)]);
        let NodeValue::Array(events) = &base.get("events").unwrap().value else { panic!() };
        assert_eq!(events.len(), 2);
    }
}
