//! The `reperes` binary: parse the command line, run one command, exit with its code
//! (0 success, 1 content errors, 2 usage or output errors). Each command lives in its own file
//! with its wording; diagnostics are printed by `report` alone.

mod build;
mod check;
mod cli;
mod new;
mod report;
mod schema;
mod serve;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
