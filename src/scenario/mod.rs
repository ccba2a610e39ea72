//! Scenario files: reading TOML (with `extends`), validating every key, applying `--set`
//! overrides through the parameter-path language, and writing the resolved scenario back.
//!
//! ```
//! let scenario = aiadopt::scenario::load("baseline", &[("simulation.agents", "5000")]).unwrap();
//! assert_eq!(scenario.simulation.agents, 5000);
//! assert!(scenario.vendors.iter().any(|v| v.id == "cn-open" && v.open));
//! ```

mod decode;
pub mod embedded;
mod emit;
mod error;
pub mod path;
pub mod reference;
mod schema;
pub mod tree;
pub mod value;

pub use emit::to_toml_string;
pub use error::{Diagnostic, ScenarioError};
pub use path::ParamRef;
pub use schema::*;
pub use value::{Kind, Month, Value};

use tree::{Node, Sources};

/// Loads a scenario by path or shipped name, applies `PATH=VALUE` overrides and validates it.
pub fn load(name: &str, overrides: &[(&str, &str)]) -> Result<Scenario, ScenarioError> {
    let (sources, tree, stem) = tree::load(name)?;
    finish(&sources, &tree, &stem, overrides)
}

/// Reads a scenario from text (its `extends`, if any, must name a shipped scenario).
pub fn from_str(text: &str, name: &str) -> Result<Scenario, ScenarioError> {
    let (sources, tree, stem) = tree::load_text(text, name)?;
    finish(&sources, &tree, &stem, &[])
}

fn finish(sources: &Sources, tree: &Node, stem: &str, overrides: &[(&str, &str)]) -> Result<Scenario, ScenarioError> {
    let mut decoder = decode::Decoder::new(sources);
    let mut scenario = decoder.scenario(tree, stem);
    if !decoder.diagnostics.is_empty() {
        return Err(ScenarioError::Invalid(decoder.diagnostics));
    }
    let mut problems = Vec::new();
    for (path, raw) in overrides {
        if let Err(message) = apply_override(&mut scenario, path, raw) {
            problems.push(Diagnostic { place: "--set".into(), key: path.to_string(), message });
        }
    }
    problems.extend(decode::consistency(&scenario, &decoder.index, sources));
    if problems.is_empty() { Ok(scenario) } else { Err(ScenarioError::Invalid(problems)) }
}

/// Applies one `PATH=VALUE` override through the parameter-path language.
pub fn apply_override(scenario: &mut Scenario, path: &str, raw: &str) -> Result<(), String> {
    let r = path::resolve(scenario, path)?;
    path::set(scenario, &r, decode::parse_override_value(raw))
}

/// Splits `PATH=VALUE`.
pub fn split_override(arg: &str) -> Result<(&str, &str), String> {
    match arg.split_once('=') {
        Some((p, v)) if !p.trim().is_empty() => Ok((p.trim(), v.trim())),
        _ => Err(format!("`{arg}` is not PATH=VALUE (like vendors.cn-open.price=0.2)")),
    }
}
