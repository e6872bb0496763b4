//! `bitext detect`: the language of every line.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::table::{TableFormat, TableReader};
use bitext::write::{self, Cell, Format, Record, Schema};
use bitext::{read_bytes_as, Detection, Detector};

use crate::cli::DetectArgs;

/// One input unit: its line (or row) number and text, or the reason it
/// could not be read.
type Unit = (usize, Result<String, String>);

/// Runs the command; `Ok(false)` when `--expect` found a line in another
/// language.
pub fn run(args: &DetectArgs) -> Result<bool> {
    let detector = if args.only.is_empty() {
        Detector::new()
    } else {
        Detector::with_only(&args.only)
    };
    let format = Format::from(args.format);
    if args.excel && !format.is_delimited() {
        bail!("--excel applies to CSV and TSV output, not {format:?}");
    }
    let options = write::Options {
        excel: args.excel,
        skip_empty: false,
    };
    let outputs: Vec<&std::path::Path> = args.output.as_deref().into_iter().collect();
    super::refuse_inputs_as_outputs(&[&args.input], &outputs)?;
    let (out, pending) = super::open_output(args.output.as_deref())?;
    let hint = args.expect.map_or("", |lang| lang.code());
    let asked = args.encoding.map(|e| e.for_language(hint));
    let (bytes, encoding) = read_bytes_as(&args.input, asked)?;
    if !args.quiet {
        super::tell_encoding(&args.input, encoding, args.encoding);
    }
    let units = match &args.column {
        Some(name) => match TableFormat::from_path(&args.input) {
            TableFormat::Csv | TableFormat::Tsv => column_units(&bytes, name, &args.input)?,
            format => table_units(&bytes, format, name, &args.input)?,
        },
        None => line_units(&bytes)?,
    };
    let label = if args.input.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        args.input.display().to_string()
    };
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut unexpected, mut unreadable) = (0, 0);
    // With --summary the lines are only counted.
    let (mut lines, mut summary_out) = if args.summary {
        (None, Some(out))
    } else {
        let exporter =
            write::exporter(format, schema(args), options, vec![out]).context("writing output")?;
        (Some(exporter), None)
    };
    for (number, text) in units {
        let text = match text {
            Ok(text) => text,
            Err(reason) => {
                if !args.quiet {
                    eprintln!("bitext: {label}: line {number}: {reason}");
                }
                unreadable += 1;
                continue;
            }
        };
        let detection = detector.detect(&text);
        *counts.entry(detection.code()).or_default() += 1;
        // A line in no language (numbers, a link) is not unexpected.
        let expected = args
            .expect
            .map(|e| detection.lang.is_none_or(|lang| lang == e));
        unexpected += usize::from(expected == Some(false));
        if let Some(lines) = lines.as_mut() {
            lines
                .write(&record(
                    number,
                    &detection,
                    (!args.only.is_empty(), expected),
                ))
                .context("writing output")?;
        }
    }
    match (lines.as_mut(), summary_out.take()) {
        (Some(lines), _) => lines.finish().context("writing output")?,
        (None, Some(out)) => write_summary(format, options, out, &counts)?,
        (None, None) => unreachable!("one of the two outputs is open"),
    }
    drop(lines);
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

/// The cells of one column of a JSON Lines or TMX corpus (through the
/// reader `check` uses), numbered by row.
fn table_units(bytes: &[u8], format: TableFormat, name: &str, path: &Path) -> Result<Vec<Unit>> {
    let mut reader = TableReader::new(Box::new(bytes), format, path)?;
    let column = reader.column(name)?;
    let mut units = Vec::new();
    while let Some(record) = reader.next_record()? {
        units.push((record.row, Ok(record.cells[column].clone())));
    }
    Ok(units)
}

/// The cells of one column of a CSV (TSV for `.tsv` files) with a header;
/// each cell decoded on its own, so one bad cell does not stop the rest.
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

/// The columns: the fields, `allowed` with `--only`, `expected` with
/// `--expect`.
fn schema(args: &DetectArgs) -> Schema {
    let mut fields: Vec<&str> = FIELDS.to_vec();
    if !args.only.is_empty() {
        fields.push("allowed");
    }
    if args.expect.is_some() {
        fields.push("expected");
    }
    Schema::plain(&fields)
}

/// One line's cells, in [`schema`]'s columns.
fn record(line: usize, d: &Detection, extra: (bool, Option<bool>)) -> Record<'static> {
    let (with_allowed, expected) = extra;
    let mut cells = vec![
        Cell::Int(line as u64),
        Cell::Text(d.code().into()),
        Cell::Text(d.script_name().into()),
        Cell::Number(d.confidence),
        Cell::Bool(d.reliable),
        Cell::Bool(d.mixed),
    ];
    if with_allowed {
        cells.push(Cell::Bool(d.allowed));
    }
    cells.extend(expected.map(Cell::Bool));
    Record {
        cells,
        extra: Vec::new(),
    }
}

/// `--summary`: lines per language and their share, in the output format.
fn write_summary(
    format: Format,
    options: write::Options,
    out: Box<dyn Write>,
    counts: &BTreeMap<&'static str, usize>,
) -> Result<()> {
    let mut exporter = write::exporter(
        format,
        Schema::plain(&["lang", "lines", "share"]),
        options,
        vec![out],
    )?;
    let total: usize = counts.values().sum();
    for (lang, n) in counts {
        let share = *n as f64 / total.max(1) as f64;
        exporter.write(&Record {
            cells: vec![
                Cell::Text((*lang).into()),
                Cell::Int(*n as u64),
                Cell::Number(share),
            ],
            extra: Vec::new(),
        })?;
    }
    exporter.finish().context("writing output")
}
