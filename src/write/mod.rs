//! Writing a corpus: one exporter per format, all behind [`Exporter`].
//!
//! An exporter is made from a [`Schema`] — the columns, each with the
//! [`Role`] it plays — and then given one [`Record`] of [`Cell`]s per row.
//! The columns of `align` (a bead: texts, sentence numbers, type, score)
//! and of `check` (the user's own columns with three added) are both
//! schemas, so every format works for both: CSV and TSV write the columns
//! as they are, JSON Lines keeps numbers and id lists typed, TMX puts the
//! two texts in `<tuv>`s and every other column in a `<prop>`, Moses writes
//! the two texts only, and beads the ids and score only.
//!
//! Each format lives in its own module with a test of its exact bytes.

mod beads;
mod csv;
mod jsonl;
mod moses;
mod tmx;

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::Value;

pub use self::beads::{format_side, BeadsWriter};
pub use self::csv::{delimited, for_spreadsheets, into_io, CsvWriter};
pub use self::jsonl::JsonlWriter;
pub use self::moses::MosesWriter;
pub use self::tmx::{xml_text, TmxWriter};

/// Writes rows in one format.
pub trait Exporter {
    /// Writes one row; its cells are in the schema's column order.
    fn write(&mut self, record: &Record) -> io::Result<()>;
    /// Closes what the format opened and flushes what is buffered.
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
    /// A TMX 1.4b translation memory (see [`TmxWriter`]).
    Tmx,
    /// Two plain files, line for line (see [`MosesWriter`]): the only
    /// format with two outputs.
    Moses,
}

impl Format {
    /// How many output files the format writes.
    pub fn outputs(self) -> usize {
        if self == Format::Moses {
            2
        } else {
            1
        }
    }

    /// Whether the format has cells a spreadsheet opens (`--excel`).
    pub fn is_delimited(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv)
    }
}

/// What a column holds: the exporters that do not write every column
/// (TMX, Moses, beads) find what they need by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document a row comes from.
    Doc,
    /// Source-language text.
    SrcText,
    /// Target-language text.
    TgtText,
    /// Source sentence numbers.
    SrcIds,
    /// Target sentence numbers.
    TgtIds,
    /// `2-1`.
    Type,
    /// The aligner's confidence.
    Score,
    /// Any other column (check's flags, a user's own columns, detect's
    /// and segment's fields).
    Other,
}

/// One column: its name in the header (or JSON key, or TMX prop type) and
/// its role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The name written.
    pub name: String,
    /// What it holds.
    pub role: Role,
}

impl Column {
    /// A column named `name` playing `role`.
    pub fn new(name: impl Into<String>, role: Role) -> Self {
        Column {
            name: name.into(),
            role,
        }
    }
}

/// The columns of an output and the two languages.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Source language code (TMX's `srclang` and `xml:lang`).
    pub src_lang: String,
    /// Target language code.
    pub tgt_lang: String,
}

impl Schema {
    /// The first column playing `role`.
    pub fn find(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// The column playing `role`, or an error saying `format` needs it.
    fn require(&self, role: Role, format: &str) -> io::Result<usize> {
        self.find(role).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{format} output needs a {role:?} column; the columns are {}",
                    self.names().join(", ")
                ),
            )
        })
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text.
    Text(Cow<'a, str>),
    /// A number, written with three decimals (a JSON number rounded to
    /// three).
    Number(f64),
    /// A count or a position, written as it is.
    Int(u64),
    /// `true` or `false`.
    Bool(bool),
    /// 0-based sentence indices, written 1-based (`"3 4"`, JSON `[3, 4]`).
    Ids(&'a [usize]),
    /// A JSON value read from JSON Lines, written back as it was (in the
    /// other formats a string as its text, `null` as nothing, anything
    /// else as JSON).
    Json(&'a Value),
    /// Text read from a TMX `<seg>` that holds inline elements (formatting
    /// tags, placeholders), and that `<seg>`'s content as it was written:
    /// TMX writes the markup back, the other formats the text.
    Marked {
        /// The text (inline codes left out).
        text: Cow<'a, str>,
        /// The `<seg>`'s content, XML as read.
        markup: &'a str,
    },
}

impl Cell<'_> {
    /// The cell as text (what CSV, TSV, TMX and Moses write).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) | Cell::Marked { text, .. } => Cow::Borrowed(text),
            Cell::Number(x) => Cow::Owned(format!("{x:.3}")),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Cell::Ids(ids) => Cow::Owned(sentence_numbers(ids)),
            Cell::Json(Value::String(s)) => Cow::Borrowed(s),
            Cell::Json(Value::Null) => Cow::Borrowed(""),
            Cell::Json(other) => Cow::Owned(other.to_string()),
        }
    }
}

/// One row to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record<'a> {
    /// The cells, one per column of the schema.
    pub cells: Vec<Cell<'a>>,
    /// Keys a JSON Lines row has beyond the schema's columns: JSON Lines
    /// writes them after the columns (nothing is lost); the other formats
    /// have nowhere to put them (`check` reports them as evidence).
    pub extra: Vec<(&'a str, &'a Value)>,
}

/// Options every format reads what it needs from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Excel-friendly CSV and TSV: a BOM, and cells starting with
    /// `= + - @` neutralised.
    pub excel: bool,
    /// TMX: leave out the rows with an empty side (a sentence left alone),
    /// which some CAT tools import as untranslated units. They are kept
    /// by default (a `<seg/>`), so no sentence is lost.
    pub skip_empty: bool,
}

/// An exporter of `format` writing to `outputs` (one, or two for Moses:
/// the source file, then the target file).
pub fn exporter<'w>(
    format: Format,
    schema: Schema,
    options: Options,
    mut outputs: Vec<Box<dyn Write + 'w>>,
) -> io::Result<Box<dyn Exporter + 'w>> {
    if outputs.len() != format.outputs() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{format:?} output is {} file(s), {} given",
                format.outputs(),
                outputs.len()
            ),
        ));
    }
    let out = outputs.remove(0);
    Ok(match format {
        Format::Csv => Box::new(CsvWriter::new(out, schema, options, b',')?),
        Format::Tsv => Box::new(CsvWriter::new(out, schema, options, b'\t')?),
        Format::Jsonl => Box::new(JsonlWriter::new(out, schema)),
        Format::Beads => Box::new(BeadsWriter::new(out, &schema)?),
        Format::Tmx => Box::new(TmxWriter::new(out, schema, options)?),
        Format::Moses => Box::new(MosesWriter::new(out, outputs.remove(0), &schema)?),
    })
}

/// One aligned bead with its texts: what `align` writes.
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

/// The names of the columns `check` adds, in order.
pub const CHECK_COLUMNS: [&str; 3] = ["flags", "quality", "evidence"];

impl Row<'_> {
    /// `"2-1"`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src_ids.len(), self.tgt_ids.len())
    }

    /// The row as cells of [`Layout::schema`]'s columns.
    pub fn record(&self, layout: &Layout) -> Record<'_> {
        let mut cells = Vec::with_capacity(10);
        if layout.with_doc {
            cells.push(Cell::Text(self.doc.unwrap_or("").into()));
        }
        cells.extend([
            Cell::Text(self.src_text.as_str().into()),
            Cell::Text(self.tgt_text.as_str().into()),
            Cell::Ids(&self.src_ids),
            Cell::Ids(&self.tgt_ids),
            Cell::Text(self.shape().into()),
            Cell::Number(self.score),
        ]);
        if layout.with_check {
            match &self.check {
                Some(check) => cells.extend([
                    Cell::Text(check.flags.as_str().into()),
                    Cell::Number(check.quality),
                    Cell::Text(check.evidence.as_str().into()),
                ]),
                None => cells.extend([
                    Cell::Text("".into()),
                    Cell::Text("".into()),
                    Cell::Text("".into()),
                ]),
            }
        }
        Record {
            cells,
            extra: Vec::new(),
        }
    }
}

/// The columns of an aligned corpus.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Source language code: names the source columns.
    pub src_lang: String,
    /// Target language code.
    pub tgt_lang: String,
    /// Add a `doc` column first.
    pub with_doc: bool,
    /// Add the `flags`, `quality` and `evidence` columns of `check`.
    pub with_check: bool,
}

impl Layout {
    /// `[doc,] en, fa, en_ids, fa_ids, type, score[, flags, quality,
    /// evidence]`.
    pub fn schema(&self) -> Schema {
        let (s, t) = (&self.src_lang, &self.tgt_lang);
        let mut columns = Vec::with_capacity(10);
        if self.with_doc {
            columns.push(Column::new("doc", Role::Doc));
        }
        columns.extend([
            Column::new(s.clone(), Role::SrcText),
            Column::new(t.clone(), Role::TgtText),
            Column::new(format!("{s}_ids"), Role::SrcIds),
            Column::new(format!("{t}_ids"), Role::TgtIds),
            Column::new("type", Role::Type),
            Column::new("score", Role::Score),
        ]);
        if self.with_check {
            columns.extend(CHECK_COLUMNS.map(|name| Column::new(name, Role::Other)));
        }
        Schema {
            columns,
            src_lang: s.clone(),
            tgt_lang: t.clone(),
        }
    }
}

/// Sentence numbers for people: 1-based, space-separated (`"3 4"`).
pub fn sentence_numbers(ids: &[usize]) -> String {
    let mut out = String::with_capacity(ids.len() * 4);
    for (k, i) in ids.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&(i + 1).to_string());
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;

impl Schema {
    /// A schema of plain columns (no texts to pair: CSV, TSV and JSON
    /// Lines only), such as `detect`'s and `segment`'s.
    pub fn plain(names: &[&str]) -> Self {
        Schema {
            columns: names.iter().map(|n| Column::new(*n, Role::Other)).collect(),
            src_lang: String::new(),
            tgt_lang: String::new(),
        }
    }
}
