//! Errors of reading and validating scenarios: each names the file, line and column, and the key.

use std::fmt;

/// One problem found in a scenario, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// `path:line:column`, or `--set` for a command-line override.
    pub place: String,
    /// The key path (`vendors.cn-open.price`), empty for file-level problems.
    pub key: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.place, self.message)
        } else {
            write!(f, "{}: {}: {}", self.place, self.key, self.message)
        }
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("{}", join(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("cannot read scenario {path}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("no scenario `{name}`: it is not a file, nor a shipped scenario (shipped: {shipped})")]
    NotFound { name: String, shipped: String },
}

impl ScenarioError {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ScenarioError::Invalid(d) => d,
            _ => &[],
        }
    }
}

fn join(diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    lines.join("\n")
}
