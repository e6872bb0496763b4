//! `bitext eval`: strict and lax precision/recall/F1 of alignments.

use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::read_text;
use bitext::score::{parse_beads, text_beads, IndexBead, Tally};

use crate::cli::EvalArgs;

pub fn run(args: &EvalArgs) -> Result<()> {
    if args.gold.len() != args.test.len() {
        bail!(
            "{} gold files but {} test files; they are paired by position",
            args.gold.len(),
            args.test.len()
        );
    }
    let mut total = Tally::default();
    for (gold, test) in args.gold.iter().zip(&args.test) {
        let (g, t) = load_pair(gold, test)?;
        let mut doc = Tally::default();
        doc.add(&g, &t);
        total.add(&g, &t);
        if args.per_doc {
            let s = doc.scores();
            println!(
                "{}\t{}\tF1 strict {:.3}\tF1 lax {:.3}",
                gold.display(),
                test.display(),
                s.f1_strict,
                s.f1_lax
            );
        }
    }
    let s = total.scores();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        println!(" ---------------------------------");
        println!("|             |  Strict |    Lax  |");
        println!(
            "| Precision   |   {:.3} |   {:.3} |",
            s.precision_strict, s.precision_lax
        );
        println!(
            "| Recall      |   {:.3} |   {:.3} |",
            s.recall_strict, s.recall_lax
        );
        println!("| F1          |   {:.3} |   {:.3} |", s.f1_strict, s.f1_lax);
        println!(" ---------------------------------");
    }
    Ok(())
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

fn load_pair(gold: &Path, test: &Path) -> Result<(Vec<IndexBead>, Vec<IndexBead>)> {
    match (is_csv(gold), is_csv(test)) {
        (false, false) => Ok((load_beads(gold)?, load_beads(test)?)),
        (true, true) => {
            let gold_rows = load_texts(gold, None)?;
            let names = gold_rows.0.clone();
            let test_rows = load_texts(test, Some(&names))?;
            text_beads(&gold_rows.1, &test_rows.1)
                .with_context(|| format!("{} vs {}", gold.display(), test.display()))
        }
        _ => bail!(
            "{} and {} differ in format: compare bead files with bead files, CSV with CSV \
             (bitext align --format beads or --format csv)",
            gold.display(),
            test.display()
        ),
    }
}

fn load_beads(path: &Path) -> Result<Vec<IndexBead>> {
    let text = read_text(path)?;
    parse_beads(&text).with_context(|| path.display().to_string())
}

/// A pair of column names, or of cell texts.
type Pair = (String, String);

/// The two text columns of a CSV: the ones named `names`, or else the first
/// two that are not `doc`, `type`, `score` or `*_ids`.
fn load_texts(path: &Path, names: Option<&(String, String)>) -> Result<(Pair, Vec<Pair>)> {
    let text = read_text(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .with_context(|| path.display().to_string())?
        .clone();
    let find = |name: &str| headers.iter().position(|h| h == name);
    let (a, b) = match names {
        Some((s, t)) => match (find(s), find(t)) {
            (Some(a), Some(b)) => (a, b),
            _ => bail!(
                "{}: no columns {s} and {t} (found: {})",
                path.display(),
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        },
        None => {
            let text_cols: Vec<usize> = headers
                .iter()
                .enumerate()
                .filter(|(_, h)| !matches!(*h, "doc" | "type" | "score") && !h.ends_with("_ids"))
                .map(|(i, _)| i)
                .collect();
            if text_cols.len() < 2 {
                bail!(
                    "{}: need two text columns (found: {})",
                    path.display(),
                    headers.iter().collect::<Vec<_>>().join(", ")
                );
            }
            (text_cols[0], text_cols[1])
        }
    };
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", path.display(), n + 2))?;
        rows.push((record[a].to_string(), record[b].to_string()));
    }
    Ok(((headers[a].to_string(), headers[b].to_string()), rows))
}
