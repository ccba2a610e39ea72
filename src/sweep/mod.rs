//! Parameter sweeps: designs over parameter paths (grid, list, Latin hypercube, Sobol, Morris),
//! replicates in parallel, resumable and shardable runs, per-point summaries and sensitivity.

pub mod design;
mod outcomes;
pub mod plan;
mod run;
pub mod sensitivity;

pub use outcomes::TIPPING;
pub use plan::{Plan, PlanError, load};
pub use run::{Options, Shard, SweepError, SweepManifest, merge, read_manifest, run, summarise};
