//! Writing an aligned corpus: one row per bead, in one of five formats.
//!
//! Every format implements [`CorpusWriter`]; each lives in its own module
//! with a test of its exact bytes.

mod beads;
mod csv;
mod jsonl;
mod moses;

use std::io::{self, Write};

pub use self::beads::{format_side, BeadsWriter};
pub use self::csv::{delimited, for_spreadsheets, into_io, CsvWriter};
pub use self::jsonl::JsonlWriter;
pub use self::moses::MosesWriter;

/// One output row: a bead with its texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<'a> {
    /// The document the bead comes from, when aligning a folder.
    pub doc: Option<&'a str>,
    /// Source sentences, joined by one space.
    pub src_text: String,
    /// Target sentences, joined by one space.
    pub tgt_text: String,
    /// 0-based source sentence indices.
    pub src_ids: Vec<usize>,
    /// 0-based target sentence indices.
    pub tgt_ids: Vec<usize>,
    /// Confidence in [0, 1].
    pub score: f64,
    /// With `align --check`: the flags, quality and evidence.
    pub check: Option<CheckCells>,
}

/// The columns `check` adds to a row.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckCells {
    /// Flag names joined by `;`.
    pub flags: String,
    /// Quality in [0, 1].
    pub quality: f64,
    /// Evidence of each flag.
    pub evidence: String,
}

impl Row<'_> {
    /// `"2-1"`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src_ids.len(), self.tgt_ids.len())
    }
}

/// Writes rows in one format.
pub trait CorpusWriter {
    /// Writes one row.
    fn write_row(&mut self, row: &Row) -> io::Result<()>;
    /// Flushes what is buffered.
    fn finish(&mut self) -> io::Result<()>;
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated, with a header row; tabs and line breaks inside cells
    /// become spaces.
    Tsv,
    /// One JSON object per line.
    Jsonl,
    /// `[3, 4]:[2]:0.93` per line (Vecalign / Text+Berg), 0-based.
    Beads,
    /// Two plain files, line for line (see [`MosesWriter`]; made with
    /// [`MosesWriter::new`], as it writes to two outputs).
    Moses,
}

/// Column names and options shared by the formats.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Source language code: names the source columns.
    pub src_lang: String,
    /// Target language code.
    pub tgt_lang: String,
    /// Add a `doc` column first.
    pub with_doc: bool,
    /// Excel-friendly: a BOM, and cells starting with `= + - @` neutralised.
    pub excel: bool,
    /// Add the `flags`, `quality` and `evidence` columns of `check`.
    pub with_check: bool,
}

/// A writer of `format` over `out`.
pub fn writer<'w>(
    format: Format,
    layout: Layout,
    out: Box<dyn Write + 'w>,
) -> io::Result<Box<dyn CorpusWriter + 'w>> {
    Ok(match format {
        Format::Csv => Box::new(CsvWriter::new(out, layout, b',')?),
        Format::Tsv => Box::new(CsvWriter::new(out, layout, b'\t')?),
        Format::Jsonl => Box::new(JsonlWriter::new(out, layout)),
        Format::Beads => Box::new(BeadsWriter::new(out)),
        Format::Moses => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "Moses output is two files: make it with MosesWriter::new",
            ))
        }
    })
}

/// Sentence numbers for people: 1-based, space-separated (`"3 4"`).
pub fn sentence_numbers(ids: &[usize]) -> String {
    ids.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}
