//! CSV (RFC 4180) and TSV.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Exporter, Options, Record, Schema};

/// Writes CSV (or TSV with a tab delimiter) with a header row.
pub struct CsvWriter<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
    excel: bool,
    tsv: bool,
}

impl<'w> CsvWriter<'w> {
    /// Writes the BOM (for `--excel`) and the header.
    pub fn new(
        mut out: Box<dyn Write + 'w>,
        schema: Schema,
        options: Options,
        delimiter: u8,
    ) -> io::Result<Self> {
        if options.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let tsv = delimiter == b'\t';
        let mut writer = CsvWriter {
            out: delimited(out, tsv, false),
            excel: options.excel,
            tsv,
        };
        let header: Vec<Cow<str>> = schema
            .columns
            .iter()
            .map(|c| writer.cell(Cow::Borrowed(&c.name)))
            .collect();
        writer
            .out
            .write_record(header.iter().map(|c| c.as_bytes()))
            .map_err(into_io)?;
        Ok(writer)
    }

    /// A cell as written: tabs and line breaks flattened in TSV (which
    /// cannot quote them), formulas neutralised for `--excel`.
    fn cell<'a>(&self, mut text: Cow<'a, str>) -> Cow<'a, str> {
        if self.tsv && text.contains(['\t', '\n', '\r']) {
            text = Cow::Owned(text.replace(['\t', '\n', '\r'], " "));
        }
        if self.excel {
            // Copied only when a formula is neutralised.
            if let Cow::Owned(neutral) = for_spreadsheets(&text) {
                text = Cow::Owned(neutral);
            }
        }
        text
    }
}

/// A cell a spreadsheet will not run: one starting with = + - @ (or a tab
/// or CR) is a formula to Excel, and a leading apostrophe makes it text
/// (OWASP's advice on CSV injection).
pub fn for_spreadsheets(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer (RFC 4180, quoting where needed) or, with `tsv`, a TSV
/// writer that never quotes. `flexible` lets rows differ in length (a
/// ragged input row written back whole); otherwise that is an error.
pub fn delimited<W: Write>(out: W, tsv: bool, flexible: bool) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .quote_style(if tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .flexible(flexible)
        .from_writer(out)
}

/// Keeps the I/O error inside a CSV error, so a closed pipe stays a closed
/// pipe (and `bitext align … | head` exits quietly).
pub fn into_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl Exporter for CsvWriter<'_> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        let cells: Vec<Cow<str>> = record.cells.iter().map(|c| self.cell(c.text())).collect();
        self.out
            .write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(into_io)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
