//! The `bitext` command: parse arguments, run a subcommand, map errors to
//! exit codes (0 ok, 1 a check found problems, 2 error).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match &cli.command {
        cli::Command::Segment(args) => cmd::segment::run(args).map(|()| true),
        cli::Command::Align(args) => cmd::align::run(args),
        cli::Command::Eval(args) => cmd::eval::run(args).map(|()| true),
        cli::Command::Detect(args) => cmd::detect::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::Review(args) => cmd::review::run(args).map(|()| true),
        cli::Command::Completions { shell } => cmd::completions(*shell).map(|()| true),
        cli::Command::Man => cmd::man().map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bitext: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`bitext segment big.txt | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
