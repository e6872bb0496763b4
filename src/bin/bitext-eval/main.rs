//! Accuracy evaluation against the shared test data (`../shared/data`).
//!
//! Kept out of the default build (`--features eval`), like lingua's accuracy
//! reports. `.ci/run` runs it and fails when a figure drops below the floor
//! recorded in `eval/floors.json`.
//!
//! ```text
//! cargo run --release --features eval --bin bitext-eval -- seg ../shared/data/seg
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

mod align;
mod detect;
mod seg;

#[derive(Parser)]
#[command(about = "Score bitext against the shared gold data")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Score the sentence segmenter on every JSONL set in DIR.
    Seg {
        /// Folder of `{"id","text","sentences"}` JSONL files.
        dir: PathBuf,
        /// Fail (exit 1) when a figure is below the floor in this file.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Print every item the segmenter gets wrong.
        #[arg(long)]
        failures: bool,
    },
    /// Score language detection on the labelled lines in DIR.
    Detect {
        /// The shared langid folder.
        dir: PathBuf,
        /// Fail (exit 1) when a figure is below the floor in this file.
        #[arg(long)]
        floors: Option<PathBuf>,
    },
    /// Score the aligner on the gold sets under DATA (the shared data
    /// folder: textberg/, enfa/).
    Align {
        /// The shared data folder.
        data: PathBuf,
        /// Fail (exit 1) when a key figure is below the floor in this file.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Lengths and paragraphs only: no lexical evidence.
        #[arg(long)]
        no_lexical: bool,
        /// Override a parameter for tuning: `variance=3.1`, `anchor_match=1`,
        /// `prior.1-0=0.01` (repeatable).
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("bitext-eval: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<bool> {
    match Cli::parse().task {
        Task::Detect { dir, floors } => {
            if !dir.is_dir() {
                println!(
                    "skipped: {} not found (the shared data is absent)",
                    dir.display()
                );
                return Ok(true);
            }
            let (report, figures) = detect::evaluate(&dir)?;
            print!("{report}");
            match floors {
                Some(path) => detect::check_floors(&figures, &path),
                None => Ok(true),
            }
        }
        Task::Align {
            data,
            floors,
            no_lexical,
            params,
        } => {
            if !data.join("enfa").is_dir() {
                println!(
                    "skipped: {} not found (the shared data is absent)",
                    data.join("enfa").display()
                );
                return Ok(true);
            }
            let aligner =
                bitext::Aligner::with_params(align::params(&params)?).with_lexical(!no_lexical);
            let report = align::evaluate(&data, &aligner)?;
            print!("{}", report.markdown());
            match floors {
                Some(path) => report.check_floors(&path),
                None => Ok(true),
            }
        }
        Task::Seg {
            dir,
            floors,
            failures,
        } => {
            if !dir.is_dir() {
                println!(
                    "skipped: {} not found (the shared data is absent)",
                    dir.display()
                );
                return Ok(true);
            }
            let report =
                seg::evaluate(&dir, failures).with_context(|| dir.display().to_string())?;
            print!("{}", report.markdown());
            match floors {
                Some(path) => report.check_floors(&path),
                None => Ok(true),
            }
        }
    }
}
