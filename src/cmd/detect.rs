//! `bitext detect`: the language of every line.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::{read_bytes, Detection, Detector};

use crate::cli::{DetectArgs, DetectFormat};

/// One input unit: its line (or row) number and text, or the reason it
/// could not be read.
type Unit = (usize, Result<String, String>);

/// Runs the command; `Ok(false)` when `--expect` found a line in another
/// language.
pub fn run(args: &DetectArgs) -> Result<bool> {
    let only: Vec<&str> = args.only.iter().map(String::as_str).collect();
    let detector = if only.is_empty() {
        Detector::new()
    } else {
        Detector::with_only(&only)
    };
    let (mut out, pending) = super::open_output(args.output.as_deref())?;
    let bytes = read_bytes(&args.input)?;
    let units = match &args.column {
        Some(name) => column_units(&bytes, name, &args.input)?,
        None => line_units(&bytes)?,
    };
    let label = if args.input.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        args.input.display().to_string()
    };
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut unexpected, mut unreadable) = (0, 0);
    if !args.summary {
        write_header(&mut out, args)?;
    }
    for (number, text) in units {
        let text = match text {
            Ok(text) => text,
            Err(reason) => {
                eprintln!("bitext: {label}: line {number}: {reason}");
                unreadable += 1;
                continue;
            }
        };
        let detection = detector.detect(&text);
        *counts.entry(detection.lang).or_default() += 1;
        let expected = args
            .expect
            .as_deref()
            .map(|e| detection.lang == e || detection.lang == "und");
        unexpected += usize::from(expected == Some(false));
        if !args.summary {
            write_record(
                &mut out,
                args.format,
                number,
                &detection,
                (!args.only.is_empty(), expected),
            )?;
        }
    }
    if args.summary {
        let total: usize = counts.values().sum();
        writeln!(out, "lang\tlines\tshare")?;
        for (lang, n) in &counts {
            writeln!(out, "{lang}\t{n}\t{:.4}", *n as f64 / total.max(1) as f64)?;
        }
    }
    out.flush().context("writing output")?;
    drop(out);
    // The lines that could be read are written; the run still fails.
    pending.commit()?;
    if unreadable > 0 {
        bail!("{unreadable} line(s) of {label} are not UTF-8 (reported above); the others were detected");
    }
    Ok(unexpected == 0)
}

/// Lines, each decoded on its own so one bad line does not stop the rest.
fn line_units(bytes: &[u8]) -> Result<Vec<Unit>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    Ok(bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let text = std::str::from_utf8(line)
                .map(str::to_string)
                .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()));
            (i + 1, text)
        })
        .collect())
}

/// The cells of one column of a CSV (TSV for `.tsv` files) with a header.
fn column_units(bytes: &[u8], name: &str, path: &Path) -> Result<Vec<Unit>> {
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .from_reader(bytes);
    let headers = reader
        .byte_headers()
        .with_context(|| path.display().to_string())?
        .clone();
    let Some(column) = headers.iter().position(|h| h == name.as_bytes()) else {
        let found: Vec<String> = headers
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        bail!(
            "{}: no column {name:?} (found: {})",
            path.display(),
            found.join(", ")
        );
    };
    let mut units = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        let cell = record.get(column).unwrap_or_default();
        let text = std::str::from_utf8(cell)
            .map(str::to_string)
            .map_err(|e| format!("invalid UTF-8 at byte {} of the cell", e.valid_up_to()));
        units.push((i + 2, text));
    }
    Ok(units)
}

const FIELDS: [&str; 6] = ["line", "lang", "script", "confidence", "reliable", "mixed"];

fn write_header(out: &mut dyn Write, args: &DetectArgs) -> Result<()> {
    let mut fields: Vec<&str> = FIELDS.to_vec();
    if !args.only.is_empty() {
        fields.push("allowed");
    }
    if args.expect.is_some() {
        fields.push("expected");
    }
    match args.format {
        DetectFormat::Tsv => writeln!(out, "{}", fields.join("\t"))?,
        DetectFormat::Csv => writeln!(out, "{}", fields.join(","))?,
        DetectFormat::Jsonl => {}
    }
    Ok(())
}

/// Writes one record; `extra` says whether the `allowed` column is on and
/// the `expected` value, if any.
fn write_record(
    out: &mut dyn Write,
    format: DetectFormat,
    line: usize,
    d: &Detection,
    extra: (bool, Option<bool>),
) -> Result<()> {
    let (with_allowed, expected) = extra;
    let mut cells = vec![
        line.to_string(),
        d.lang.to_string(),
        d.script.to_string(),
        format!("{:.3}", d.confidence),
        d.reliable.to_string(),
        d.mixed.to_string(),
    ];
    match format {
        DetectFormat::Jsonl => {
            let mut object = serde_json::to_value(d)?;
            object["line"] = serde_json::json!(line);
            if let Some(e) = expected {
                object["expected"] = serde_json::json!(e);
            }
            writeln!(out, "{object}")?;
            return Ok(());
        }
        DetectFormat::Tsv | DetectFormat::Csv => {
            if with_allowed {
                cells.push(d.allowed.to_string());
            }
            if let Some(e) = expected {
                cells.push(e.to_string());
            }
        }
    }
    let separator = if matches!(format, DetectFormat::Tsv) {
        "\t"
    } else {
        ","
    };
    writeln!(out, "{}", cells.join(separator)).context("writing output")?;
    Ok(())
}
