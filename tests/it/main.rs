//! Integration tests: the command line, determinism, the arguments' directions and the
//! analytical special cases. One binary, one module per concern.

mod arguments;
mod bass;
mod cli;
mod common;
mod determinism;
mod docs;
mod hostile;
mod invariants;
mod report;
mod sweep;
