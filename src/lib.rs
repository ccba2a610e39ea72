//! aiadopt simulates how organisations around the world adopt AI models, open-weight and
//! proprietary, month by month, as an agent-based model.
//!
//! Data flows one way:
//! [`scenario`] (TOML file -> validated [`scenario::Scenario`]) -> [`model`] (a replicate's
//! [`model::World`]) -> [`dynamics`] (the monthly phases) -> [`experiment`] (replicates in
//! parallel) -> [`output`] (CSV, summary, manifest) -> [`report`] (figures and report.html from
//! the tables) -> [`plot`] (drawing).
//!
//! ```
//! use aiadopt::{experiment, output, scenario};
//!
//! let s = scenario::load("baseline", &[
//!     ("simulation.agents", "2000"),
//!     ("simulation.months", "12"),
//!     ("simulation.seeds", "2"),
//! ])
//! .unwrap();
//! let runs = experiment::run_all(&s, Some(1), &|_| {}).unwrap();
//! let world = output::region_metrics(&s, &runs[0].records[12], None);
//! assert!(world.open_share_usage > 0.0 && world.open_share_usage < 1.0);
//! ```

pub mod dynamics;
pub mod experiment;
pub mod model;
pub mod output;
pub mod plot;
pub mod report;
pub mod scenario;
pub mod sweep;
pub mod validate;
