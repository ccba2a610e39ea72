//! Sweep files: which scenario, which parameters over which values or ranges, which design,
//! how many replicates and which months to record; validated as strictly as scenarios.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::scenario::tree::{Node, NodeValue, SourceFile, Sources, Span};
use crate::scenario::value::nearest;
use crate::scenario::{self, Diagnostic, Month, Scenario, ScenarioError, Value, path};

use super::design::{self, Design, Param, ParamSpec};

/// A validated sweep: everything needed to run it, by integers.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The sweep file's name (without .toml), for titles.
    pub name: String,
    /// The scenario with the sweep's `set` applied, before any swept value.
    pub scenario: Scenario,
    pub design: Design,
    pub params: Vec<Param>,
    pub replicates: u64,
    pub seed: u64,
    pub metrics_at: Vec<Month>,
    /// Parameter values of every point, in point order.
    pub points: Vec<Vec<f64>>,
    /// The same points in the unit cube (Morris only), for elementary effects.
    pub unit_points: Option<Vec<Vec<f64>>>,
}

/// Most runs a sweep may have; more is refused before anything runs.
pub const MAX_RUNS: u64 = 100_000_000;

impl Plan {
    pub fn runs(&self) -> u64 {
        self.points.len() as u64 * self.replicates
    }

    /// The scenario of one point: the swept values written through the path language.
    pub fn scenario_at(&self, point: usize) -> Scenario {
        let mut s = self.scenario.clone();
        for (p, value) in self.params.iter().zip(&self.points[point]) {
            let r = path::resolve(&s, &p.path).expect("checked when the sweep was read");
            let v = match r.value_kind() {
                scenario::Kind::Int { .. } => Value::Int(value.round().max(0.0) as u64),
                _ => Value::Float(*value),
            };
            // Every point lies within ranges whose ends were checked against the key's range.
            let _ = path::set(&mut s, &r, v);
        }
        s
    }

    /// Identifies the sweep: runs of the same sweep (and only those) may be resumed or merged.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(scenario::to_toml_string(&self.scenario).as_bytes());
        h.update(design::describe(&self.design).as_bytes());
        for p in &self.params {
            h.update(format!("{p:?}").as_bytes());
        }
        h.update(format!("{} {} {:?}", self.replicates, self.seed, self.metrics_at).as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("{}", .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("cannot read sweep file {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

const TOP: [&str; 4] = ["scenario", "set", "sweep", "name"];
const SWEEP: [&str; 8] = ["design", "samples", "levels", "replicates", "seed", "metrics_at", "params", "trajectories"];
const PARAM: [&str; 4] = ["path", "values", "range", "scale"];
const DESIGNS: [&str; 5] = ["grid", "list", "lhs", "sobol", "morris"];

struct Reader<'a> {
    sources: &'a Sources,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: Span, key: &str, message: impl Into<String>) {
        self.problems.push(self.sources.diagnostic(span, key, message));
    }

    fn unknown_keys(&mut self, node: &Node, prefix: &str, allowed: &[&str]) {
        for (k, _) in node.table().unwrap_or_default() {
            if !allowed.contains(&k.name.as_str()) {
                let hint = match nearest(&k.name, allowed.iter().copied()) {
                    Some(n) => format!("unknown key `{}`; did you mean `{n}`?", k.name),
                    None => format!("unknown key `{}`; expected one of: {}", k.name, allowed.join(", ")),
                };
                let key = if prefix.is_empty() { k.name.clone() } else { format!("{prefix}.{}", k.name) };
                self.error(k.span, &key, hint);
            }
        }
    }

    fn number(&mut self, node: &Node, key: &str) -> Option<f64> {
        match node.value {
            NodeValue::Int(i) => Some(i as f64),
            NodeValue::Float(x) if x.is_finite() => Some(x),
            NodeValue::Float(x) => {
                self.error(node.span, key, format!("must be a finite number, got {x}"));
                None
            }
            _ => {
                self.error(node.span, key, format!("expected a number, got a {}", node.type_name()));
                None
            }
        }
    }

    fn whole(&mut self, node: Option<&Node>, key: &str, default: u64, min: u64, max: u64) -> u64 {
        let Some(node) = node else { return default };
        match node.value {
            NodeValue::Int(i) if i >= min as i128 && i <= max as i128 => i as u64,
            NodeValue::Int(i) => {
                self.error(node.span, key, format!("must be an integer {min} .. {max}, got {i}"));
                default
            }
            _ => {
                self.error(node.span, key, format!("expected an integer, got a {}", node.type_name()));
                default
            }
        }
    }
}

/// Reads and validates a sweep file. `scenario` in it is a path relative to the file, or the
/// name of a shipped scenario.
pub fn load(file: &Path) -> Result<Plan, PlanError> {
    let text =
        std::fs::read_to_string(file).map_err(|source| PlanError::Read { path: file.display().to_string(), source })?;
    let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "sweep".into());
    let base = file.parent().unwrap_or(Path::new("."));
    from_text(&text, &file.display().to_string(), &name, base)
}

/// Reads a sweep from text; `display` names it in messages, `base` resolves scenario paths.
pub fn from_text(text: &str, display: &str, name: &str, base: &Path) -> Result<Plan, PlanError> {
    read(text, display, name, Some(base), None)
}

/// Rebuilds a sweep from its text and the scenario it resolved to (as a manifest stores them),
/// without reading any scenario file: for `merge`.
pub fn from_text_and_scenario(text: &str, display: &str, name: &str, scenario: Scenario) -> Result<Plan, PlanError> {
    read(text, display, name, None, Some(scenario))
}

fn read(
    text: &str,
    display: &str,
    name: &str,
    base: Option<&Path>,
    given: Option<Scenario>,
) -> Result<Plan, PlanError> {
    let sources = Sources { files: vec![SourceFile { name: display.to_string(), text: text.to_string() }] };
    let tree = scenario::tree::parse(text, 0, &sources).map_err(|d| PlanError::Invalid(vec![d]))?;
    let mut r = Reader { sources: &sources, problems: Vec::new() };
    r.unknown_keys(&tree, "", &TOP);

    let Some(scenario_node) = tree.get("scenario") else {
        r.error(tree.span, "scenario", "missing required key `scenario` (a shipped scenario's name or a file path)");
        return Err(PlanError::Invalid(r.problems));
    };
    let Some(scenario_name) = scenario_node.as_str() else {
        r.error(scenario_node.span, "scenario", format!("expected a string, got a {}", scenario_node.type_name()));
        return Err(PlanError::Invalid(r.problems));
    };
    let scenario_ref = match base.map(|b| b.join(scenario_name)) {
        Some(local) if local.is_file() => local.display().to_string(),
        _ => scenario_name.to_string(),
    };
    let mut overrides: Vec<(String, String)> = Vec::new();
    if let Some(set) = tree.get("set") {
        match set.table() {
            Some(entries) => {
                for (k, v) in entries {
                    let raw = match &v.value {
                        NodeValue::Str(s) => format!("\"{s}\""),
                        NodeValue::Int(i) => i.to_string(),
                        NodeValue::Float(x) => format!("{x:?}"),
                        NodeValue::Bool(b) => b.to_string(),
                        _ => {
                            r.error(
                                v.span,
                                &format!("set.\"{}\"", k.name),
                                format!("expected a value, got a {}", v.type_name()),
                            );
                            continue;
                        }
                    };
                    overrides.push((k.name.clone(), raw));
                }
            }
            None => r.error(set.span, "set", "expected a table of \"parameter.path\" = value"),
        }
    }
    let pairs: Vec<(&str, &str)> = overrides.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let loaded = match given {
        Some(s) => Ok(s),
        None => scenario::load(&scenario_ref, &pairs),
    };
    let scenario = match loaded {
        Ok(s) => s,
        Err(ScenarioError::Invalid(mut d)) => {
            for x in &mut d {
                if x.place == "--set" {
                    x.place = format!("{display} (set)");
                }
            }
            r.problems.extend(d);
            return Err(PlanError::Invalid(r.problems));
        }
        Err(e) => return Err(e.into()),
    };

    let Some(sweep) = tree.get("sweep").filter(|n| n.table().is_some()) else {
        r.error(tree.span, "sweep", "missing the [sweep] table");
        return Err(PlanError::Invalid(r.problems));
    };
    r.unknown_keys(sweep, "sweep", &SWEEP);
    let design_name = match sweep.get("design") {
        Some(n) => match n.as_str() {
            Some(d) if DESIGNS.contains(&d) => d.to_string(),
            Some(d) => {
                let hint = nearest(d, DESIGNS).map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                r.error(
                    n.span,
                    "sweep.design",
                    format!("unknown design `{d}`{hint} (grid | list | lhs | sobol | morris)"),
                );
                String::new()
            }
            None => {
                r.error(n.span, "sweep.design", format!("expected a string, got a {}", n.type_name()));
                String::new()
            }
        },
        None => {
            r.error(sweep.span, "sweep.design", "missing required key `design` (grid | list | lhs | sobol | morris)");
            String::new()
        }
    };
    let samples = r.whole(sweep.get("samples").or(sweep.get("trajectories")), "sweep.samples", 0, 1, 10_000_000);
    let levels = r.whole(sweep.get("levels"), "sweep.levels", 4, 2, 1000);
    let replicates = r.whole(sweep.get("replicates"), "sweep.replicates", 8, 1, 100_000);
    let seed = r.whole(sweep.get("seed"), "sweep.seed", 1, 0, i64::MAX as u64);
    let needs_samples = ["lhs", "sobol", "morris"].contains(&design_name.as_str());
    if needs_samples && samples == 0 {
        r.error(sweep.span, "sweep.samples", format!("design `{design_name}` needs `samples`"));
    }
    if !needs_samples && sweep.get("samples").is_some() {
        r.error(
            sweep.get("samples").map_or(sweep.span, |n| n.span),
            "sweep.samples",
            format!("design `{design_name}` takes no `samples`: it runs every listed value"),
        );
    }

    let mut metrics_at = Vec::new();
    match sweep.get("metrics_at") {
        None => metrics_at.push(scenario.end()),
        Some(n) => match &n.value {
            NodeValue::Array(items) if !items.is_empty() => {
                for item in items {
                    match item.as_str().and_then(Month::parse) {
                        Some(m) if m > scenario.simulation.start && m <= scenario.end() => {
                            if !metrics_at.contains(&m) {
                                metrics_at.push(m);
                            }
                        }
                        Some(m) => r.error(
                            item.span,
                            "sweep.metrics_at",
                            format!(
                                "{m} is outside the run ({} to {})",
                                scenario.simulation.start.plus(1),
                                scenario.end()
                            ),
                        ),
                        None => r.error(item.span, "sweep.metrics_at", "expected a month string \"YYYY-MM\""),
                    }
                }
            }
            _ => r.error(n.span, "sweep.metrics_at", "expected a non-empty list of months like [\"2030-12\"]"),
        },
    }

    let mut params = Vec::new();
    match sweep.get("params").map(|n| &n.value) {
        Some(NodeValue::Array(items)) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("sweep.params[{i}]");
                if item.table().is_none() {
                    r.error(item.span, &at, "expected a table with `path` and `values` or `range`");
                    continue;
                }
                r.unknown_keys(item, &at, &PARAM);
                if let Some(p) = param(&mut r, item, &at, &scenario) {
                    if params.iter().any(|q: &Param| q.path == p.path) {
                        r.error(item.span, &at, format!("`{}` is swept twice", p.path));
                    } else {
                        params.push(p);
                    }
                }
            }
        }
        _ => r.error(sweep.span, "sweep.params", "the sweep names no parameter: add [[sweep.params]] tables"),
    }
    if !r.problems.is_empty() {
        return Err(PlanError::Invalid(r.problems));
    }
    let samples = samples as usize;
    let design = match design_name.as_str() {
        "grid" => Design::Grid,
        "list" => Design::List,
        "lhs" => Design::Lhs { samples },
        "sobol" => Design::Sobol { samples },
        _ => Design::Morris { trajectories: samples, levels: levels as usize },
    };
    let fail = |r: &mut Reader<'_>, e: String| r.error(sweep.span, "sweep", e);
    let points = match design::points(&design, &params, seed) {
        Ok(p) => p,
        Err(e) => {
            fail(&mut r, e.to_string());
            return Err(PlanError::Invalid(r.problems));
        }
    };
    let runs = points.len() as u64 * replicates;
    if runs > MAX_RUNS {
        fail(
            &mut r,
            format!(
                "{} points x {replicates} replicates = {runs} runs, more than the limit of {MAX_RUNS}",
                points.len()
            ),
        );
        return Err(PlanError::Invalid(r.problems));
    }
    let unit_points = match design {
        Design::Morris { .. } => design::unit_points(&design, &params, seed).ok(),
        _ => None,
    };
    let name = tree.get("name").and_then(Node::as_str).unwrap_or(name).to_string();
    Ok(Plan { name, scenario, design, params, replicates, seed, metrics_at, points, unit_points })
}

/// One `[[sweep.params]]` table, checked against the scenario through the path language.
fn param(r: &mut Reader<'_>, item: &Node, at: &str, s: &Scenario) -> Option<Param> {
    let Some(path_node) = item.get("path") else {
        r.error(item.span, &format!("{at}.path"), "missing required key `path` (like \"vendors.cn-open.price\")");
        return None;
    };
    let Some(p) = path_node.as_str() else {
        r.error(path_node.span, &format!("{at}.path"), "expected a parameter path string");
        return None;
    };
    let resolved = match path::resolve(s, p) {
        Ok(x) => x,
        Err(m) => {
            r.error(path_node.span, &format!("{at}.path"), m);
            return None;
        }
    };
    if p.starts_with("simulation.") {
        r.error(
            path_node.span,
            &format!("{at}.path"),
            "run settings cannot be swept (set them with `set`; replicates and seed are in [sweep])",
        );
        return None;
    }
    if !resolved.value_kind().is_numeric() {
        r.error(path_node.span, &format!("{at}.path"), format!("`{p}` is not a number and cannot be swept"));
        return None;
    }
    let check = |r: &mut Reader<'_>, node: &Node, x: f64| {
        let mut copy = s.clone();
        if let Err(m) = path::set(&mut copy, &resolved, Value::Float(x)) {
            r.error(node.span, &format!("{at} {p}"), m);
        }
    };
    let spec = match (item.get("values"), item.get("range")) {
        (Some(values), None) => {
            let NodeValue::Array(items) = &values.value else {
                r.error(values.span, &format!("{at}.values"), "expected a list of numbers");
                return None;
            };
            if items.is_empty() {
                r.error(values.span, &format!("{at}.values"), "the list of values is empty");
                return None;
            }
            let mut out = Vec::new();
            for v in items {
                if let Some(x) = r.number(v, &format!("{at}.values")) {
                    check(r, v, x);
                    out.push(x);
                }
            }
            ParamSpec::Values(out)
        }
        (None, Some(range)) => {
            let ends: Vec<f64> = match &range.value {
                NodeValue::Array(items) if items.len() == 2 => {
                    items.iter().filter_map(|v| r.number(v, &format!("{at}.range"))).collect()
                }
                _ => {
                    r.error(range.span, &format!("{at}.range"), "expected [low, high]");
                    return None;
                }
            };
            if ends.len() != 2 {
                return None;
            }
            if ends[0] >= ends[1] {
                r.error(
                    range.span,
                    &format!("{at}.range"),
                    format!("the range is empty: low {} must be below high {}", ends[0], ends[1]),
                );
                return None;
            }
            check(r, range, ends[0]);
            check(r, range, ends[1]);
            let log = match item.get("scale").map(|n| (n, n.as_str())) {
                None => false,
                Some((_, Some("linear"))) => false,
                Some((_, Some("log"))) => true,
                Some((n, _)) => {
                    r.error(n.span, &format!("{at}.scale"), "expected \"linear\" or \"log\"");
                    false
                }
            };
            if log && ends[0] <= 0.0 {
                r.error(range.span, &format!("{at}.range"), "a log scale needs a range above 0");
                return None;
            }
            ParamSpec::Range { low: ends[0], high: ends[1], log }
        }
        (Some(_), Some(_)) => {
            r.error(item.span, at, "give either `values` or `range`, not both");
            return None;
        }
        (None, None) => {
            r.error(item.span, at, "give `values` (grid, list) or `range` (lhs, sobol, morris)");
            return None;
        }
    };
    Some(Param { path: p.to_string(), spec })
}
