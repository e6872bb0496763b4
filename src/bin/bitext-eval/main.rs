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
use bitext::write::format_side;
use clap::{Parser, Subcommand};

mod align;
mod check;
mod detect;
mod rng;

/// Compares named figures with the floors in `path` (`{"name": 0.95}`),
/// prints each miss, and says whether all were met. `what` names the gate.
fn check_floors(
    figures: &std::collections::BTreeMap<String, f64>,
    path: &std::path::Path,
    what: &str,
) -> Result<bool> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    let floors: std::collections::BTreeMap<String, f64> = serde_json::from_str(&text)?;
    let mut ok = true;
    for (name, &floor) in &floors {
        let Some(&value) = figures.get(name) else {
            anyhow::bail!("{}: floors name an unknown figure: {name}", path.display());
        };
        if value < floor {
            println!("BELOW FLOOR: {name} = {value:.4} (floor {floor})");
            ok = false;
        }
    }
    if ok {
        println!("all {} {what} floors met", floors.len());
    }
    Ok(ok)
}
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
    /// The corruption benchmark of `bitext check` on the gold pairs under
    /// DATA (the shared data folder: enfa/, langid/).
    Check {
        /// The shared data folder.
        data: PathBuf,
        /// Fail (exit 1) when a figure is below the floor in this file.
        #[arg(long)]
        floors: Option<PathBuf>,
        /// Print every missed corruption and every flag on a clean row.
        #[arg(long)]
        failures: bool,
        /// Write each corrupted set of each seed to DIR as CSV
        /// (`SET.SEED.csv`: `en,fa,corruption`, the row's gold
        /// `gold_en,gold_fa` beside it), to run `bitext check` on or study.
        #[arg(long, value_name = "DIR")]
        dump: Option<PathBuf>,
        /// Corrupt the sets this many times, each with other rows, and pool
        /// the counts (one sample moves precision by a few points).
        #[arg(long, default_value_t = 8)]
        seeds: u64,
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
        /// No word pass: the path by lengths and anchors alone.
        #[arg(long)]
        no_words: bool,
        /// Align the documents of each set together, with one lexicon
        /// learned from all of them (as `bitext align DIR` does).
        #[arg(long)]
        per_set: bool,
        /// Align every document the other way round (the second language
        /// as the source) and mirror the beads before scoring, to measure
        /// how much the direction matters (the end-to-end `raw` figure is
        /// left out).
        #[arg(long)]
        swapped: bool,
        /// Override a parameter for tuning: `variance=3.1`, `anchor_match=1`,
        /// `prior.1-0=0.01` (repeatable).
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        /// Score only these sets (repeatable; `raw` for the end-to-end
        /// figure), to iterate on a few; not with `--floors`.
        #[arg(long = "set", value_name = "NAME", conflicts_with = "floors")]
        sets: Vec<String>,
    },
    /// Write the speed benchmark's input: the shared `*/sent` documents
    /// joined and repeated to about LINES sentences a side, as OUT.en,
    /// OUT.fa (one sentence per line) and OUT.gold (beads), so a timed run
    /// can also be scored.
    Joined {
        /// The shared data folder.
        data: PathBuf,
        /// English sentences (the text is cut after the last gold bead
        /// within them).
        #[arg(long, default_value_t = 16_000)]
        lines: usize,
        /// Output path prefix.
        #[arg(short, long)]
        out: PathBuf,
        /// Cut the Persian lines between these shares of the side, as
        /// `0.3:0.55` (a translation missing a long passage).
        #[arg(long, value_name = "FROM:TO")]
        cut: Option<String>,
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

/// Whether a folder the task needs is missing; says so for each (the
/// gates skip, and pass, where the shared data is absent).
fn absent(folders: &[&std::path::Path]) -> bool {
    let missing: Vec<_> = folders.iter().filter(|f| !f.is_dir()).collect();
    for folder in &missing {
        println!(
            "skipped: {} not found (the shared data is absent)",
            folder.display()
        );
    }
    !missing.is_empty()
}

fn run() -> Result<bool> {
    match Cli::parse().task {
        Task::Detect { dir, floors } => {
            if absent(&[&dir]) {
                return Ok(true);
            }
            let (report, figures) = detect::evaluate(&dir)?;
            print!("{report}");
            match floors {
                Some(path) => check_floors(&figures, &path, "detection"),
                None => Ok(true),
            }
        }
        Task::Check {
            data,
            floors,
            failures,
            dump,
            seeds,
        } => {
            if absent(&[&data.join("enfa"), &data.join("langid")]) {
                return Ok(true);
            }
            let report = check::evaluate(&data, failures, dump.as_deref(), seeds)?;
            print!("{}", report.markdown());
            match floors {
                Some(path) => check_floors(&report.figures(), &path, "check"),
                None => Ok(true),
            }
        }
        Task::Align {
            data,
            floors,
            no_lexical,
            no_words,
            per_set,
            swapped,
            params,
            sets,
        } => {
            if absent(&[&data.join("enfa")]) {
                return Ok(true);
            }
            let aligner = bitext::Aligner::with_params(align::params(&params)?)
                .with_lexical(!no_lexical)
                .with_words(!no_words);
            let report = align::evaluate(
                &data,
                &align::Run {
                    aligner: &aligner,
                    together: per_set,
                    swapped,
                    only: sets,
                },
            )?;
            print!("{}", report.markdown());
            match floors {
                Some(path) => check_floors(&report.figures(), &path, "alignment"),
                None => Ok(true),
            }
        }
        Task::Joined {
            data,
            lines,
            out,
            cut,
        } => {
            if absent(&[&data.join("enfa")]) {
                return Ok(true);
            }
            let mut doc = align::Joined::with_lines(&data.join("enfa"), lines)?;
            if let Some(cut) = cut {
                let share = |s: &str| {
                    s.parse::<f64>()
                        .with_context(|| format!("not a share: {s}"))
                };
                let (from, to) = cut
                    .split_once(':')
                    .with_context(|| format!("expected FROM:TO, got {cut}"))?;
                doc = doc.with_cut(share(from)?, share(to)?);
            }
            let gold: String = doc
                .gold
                .iter()
                .map(|(s, t)| format!("{}:{}\n", format_side(s), format_side(t)))
                .collect();
            for (ext, text) in [("en", &doc.en), ("fa", &doc.fa), ("gold", &gold)] {
                let path = out.with_extension(ext);
                std::fs::write(&path, text).with_context(|| path.display().to_string())?;
            }
            Ok(true)
        }
        Task::Seg {
            dir,
            floors,
            failures,
        } => {
            if absent(&[&dir]) {
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
