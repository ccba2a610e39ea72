//! The `aiadopt` command: a thin layer that turns arguments into library calls.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
