//! Reading a corpus table — CSV, TSV, JSON Lines with named columns, a
//! TMX translation memory, an XLIFF file, or a Moses corpus's two files —
//! one row at a time, so a corpus of any size is read in bounded memory.
//!
//! Errors name the file, the row, its line and a byte offset. A row whose
//! number of fields differs from the header's is not an error: it is
//! returned with [`Record::fields`] saying how many it had, so a checker can
//! flag it instead of losing it.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};

pub mod moses;
pub mod tmx;
pub mod xliff;

/// The layout of a corpus table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated with a header row; no quoting (bitext writes TSV with
    /// tabs and line breaks inside cells turned into spaces).
    Tsv,
    /// One JSON object per line; the first object's keys are the columns.
    Jsonl,
    /// A TMX translation memory: one row per `<tu>`; the columns are the
    /// first unit's `doc` prop, its languages (primary subtags: `EN-US`
    /// is column `en`) and its other props (`x-` removed).
    Tmx,
    /// An XLIFF file (1.2 or 2.x; Trados's SDLXLIFF, memoQ's MQXLIFF): one
    /// row per segment; the columns are `doc`, the two languages, `id` and
    /// `note` (see [`xliff`]).
    Xliff,
}

impl TableFormat {
    /// The format a file name suggests: `.tsv`/`.tab` → TSV,
    /// `.jsonl`/`.ndjson` → JSON Lines, `.tmx` → TMX, `.xlf`, `.xliff`,
    /// `.sdlxliff`, `.mqxliff`, `.mxliff` → XLIFF, anything else CSV.
    pub fn from_path(path: &Path) -> Self {
        Self::named_by(path).unwrap_or(TableFormat::Csv)
    }

    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Csv => "CSV",
            TableFormat::Tsv => "TSV",
            TableFormat::Jsonl => "JSON Lines",
            TableFormat::Tmx => "TMX",
            TableFormat::Xliff => "XLIFF",
        }
    }

    /// The format a file's extension names, if it names one (`.csv`
    /// included); `None` for any other file.
    pub fn named_by(path: &Path) -> Option<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        Some(match ext.as_deref()? {
            "csv" => TableFormat::Csv,
            "tsv" | "tab" => TableFormat::Tsv,
            "jsonl" | "ndjson" => TableFormat::Jsonl,
            "tmx" => TableFormat::Tmx,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" | "mxliff" => TableFormat::Xliff,
            _ => return None,
        })
    }
}

/// Quotes read so far: whether one is open, the line it opened on, and
/// the line the reader is on (1-based).
#[derive(Clone, Copy, Debug)]
struct Quotes {
    open: bool,
    opened_line: u64,
    line: u64,
}

impl Default for Quotes {
    fn default() -> Self {
        Quotes {
            open: false,
            opened_line: 0,
            line: 1,
        }
    }
}

/// Watches the bytes of a CSV file for quotes: in RFC 4180 they come in
/// pairs (an escaped one is doubled), so an odd count at the end means one
/// was never closed. The csv crate reads such a file to its end as one
/// field, silently. Hand-written: the crate reports no such thing.
struct QuoteWatch<R> {
    inner: R,
    /// Only CSV quotes; TSV has none.
    watch: bool,
    quotes: Quotes,
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.watch {
            return Ok(n);
        }
        let quotes = &mut self.quotes;
        for &b in &buf[..n] {
            match b {
                b'"' => {
                    quotes.open = !quotes.open;
                    if quotes.open {
                        quotes.opened_line = quotes.line;
                    }
                }
                b'\n' => quotes.line += 1,
                _ => {}
            }
        }
        Ok(n)
    }
}

/// Whether two column names are the same, ignoring case and surrounding
/// whitespace.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The file's first row without the BOM its first cell starts with.
fn drop_bom(first: &mut Record) {
    if let Some(cell) = first.cells.first_mut() {
        if let Some(rest) = cell.strip_prefix('\u{feff}') {
            *cell = rest.to_string();
        }
    }
}

/// One row of a table.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// The cells, in header order; a short row is padded with empty cells.
    pub cells: Vec<String>,
    /// For JSON Lines, the object as read (kept whole for writing back).
    pub object: Option<Map<String, Value>>,
    /// How many fields the row had in the file (differs from the header's
    /// count in a ragged row).
    pub fields: usize,
    /// 1-based row number, the header not counted.
    pub row: usize,
    /// 1-based line on which the row starts.
    pub line: u64,
    /// For TMX, a cell's `<seg>` as written where it holds inline elements
    /// (tags, placeholders), for writing back; empty for the other formats.
    pub markup: Vec<Option<String>>,
}

/// Reads a table row by row.
pub struct TableReader<'r> {
    source: Source<'r>,
    /// The last row read: its first line, and whether a field of it holds
    /// a line break.
    last: (u64, bool),
    header: Vec<String>,
    label: PathBuf,
    rows: usize,
    /// The first row, read before it was asked for: JSON Lines' first
    /// object (read to learn the columns), a table's without a header, a
    /// Moses corpus's (read to refuse an empty one).
    pending: Option<Record>,
}

enum Source<'r> {
    Delimited(Box<csv::Reader<QuoteWatch<Box<dyn Read + 'r>>>>),
    Json {
        lines: BufReader<Box<dyn Read + 'r>>,
        line: u64,
        offset: u64,
    },
    /// A TMX or XLIFF document: its units.
    Units {
        units: UnitStream<'r>,
        /// Which column each language tag and prop type fills.
        names: Vec<(tmx::Key, usize)>,
    },
    /// A Moses corpus: its two files line for line.
    Moses(Box<moses::Pair<'r>>),
}

/// The units of a TMX or an XLIFF document.
enum UnitStream<'r> {
    Tmx(Box<tmx::Units<BufReader<Box<dyn Read + 'r>>>>),
    Xliff(Box<xliff::Units<BufReader<Box<dyn Read + 'r>>>>),
}

impl UnitStream<'_> {
    fn next_unit(&mut self) -> std::result::Result<Option<tmx::Unit>, tmx::Malformed> {
        match self {
            UnitStream::Tmx(units) => units.next_unit(),
            UnitStream::Xliff(units) => units.next_unit(),
        }
    }
}

impl<'r> TableReader<'r> {
    /// Reads the header from `input`; `label` names the input in errors.
    ///
    /// An empty input is an error: without a header there are no columns
    /// to check.
    pub fn new(input: Box<dyn Read + 'r>, format: TableFormat, label: &Path) -> Result<Self> {
        let mut reader = Self::open(input, format, label);
        reader.header = reader.read_header()?;
        Ok(reader)
    }

    /// Reads a CSV or TSV table that has no header row (what `paste a b`
    /// makes): the columns are named by their 1-based number (`1`, `2`,
    /// …), as many as the first row has, but those `names` gives by their
    /// 0-based index (e.g. the two texts by their language codes).
    ///
    /// An empty input is an error, and so is another format (its rows
    /// name their fields).
    pub fn without_header(
        input: Box<dyn Read + 'r>,
        format: TableFormat,
        label: &Path,
        names: &[(usize, &str)],
    ) -> Result<Self> {
        let mut reader = Self::open(input, format, label);
        if !matches!(reader.source, Source::Delimited(_)) {
            return Err(reader.error(
                0,
                format!(
                    "a {} file names its fields; only CSV and TSV can be read without a header",
                    format.name()
                ),
            ));
        }
        let Some(mut first) = reader.next_delimited()? else {
            return Err(reader.error(0, "empty file: nothing to check".into()));
        };
        drop_bom(&mut first);
        let width = names
            .iter()
            .map(|&(k, _)| k + 1)
            .fold(first.cells.len(), usize::max);
        reader.header = (0..width)
            .map(|k| match names.iter().find(|&&(i, _)| i == k) {
                Some((_, name)) => name.to_string(),
                None => (k + 1).to_string(),
            })
            .collect();
        reader.pending = Some(first);
        Ok(reader)
    }

    /// The reader of `input`, before anything is read.
    fn open(input: Box<dyn Read + 'r>, format: TableFormat, label: &Path) -> Self {
        TableReader {
            last: (0, false),
            source: match format {
                TableFormat::Jsonl => Source::Json {
                    lines: BufReader::new(input),
                    line: 0,
                    offset: 0,
                },
                TableFormat::Tmx => Source::Units {
                    units: UnitStream::Tmx(Box::new(tmx::Units::new(BufReader::new(input)))),
                    names: Vec::new(),
                },
                TableFormat::Xliff => Source::Units {
                    units: UnitStream::Xliff(Box::new(xliff::Units::new(BufReader::new(input)))),
                    names: Vec::new(),
                },
                _ => Source::Delimited(Box::new(
                    csv::ReaderBuilder::new()
                        .has_headers(false)
                        .flexible(true)
                        .delimiter(if format == TableFormat::Tsv {
                            b'\t'
                        } else {
                            b','
                        })
                        .quoting(format == TableFormat::Csv)
                        .from_reader(QuoteWatch {
                            inner: input,
                            watch: format == TableFormat::Csv,
                            quotes: Quotes::default(),
                        }),
                )),
            },
            header: Vec::new(),
            label: label.to_path_buf(),
            rows: 0,
            pending: None,
        }
    }

    /// Reads a Moses corpus (see [`moses`]) as a table of three columns:
    /// `line` (1-based, the same in both files) and the two sides, named
    /// by their language codes `langs`. `label` names the corpus in
    /// errors; each file's own errors name the file.
    ///
    /// A corpus with no line is an error: there is nothing to check.
    pub fn moses(pair: moses::Pair<'r>, langs: (&str, &str), label: &Path) -> Result<Self> {
        let mut reader = TableReader {
            source: Source::Moses(Box::new(pair)),
            last: (0, false),
            header: ["line", langs.0, langs.1].map(String::from).to_vec(),
            label: label.to_path_buf(),
            rows: 0,
            pending: None,
        };
        reader.pending = reader.next_moses_row()?;
        if reader.pending.is_none() {
            return Err(reader.error(0, "no lines in either file: nothing to check".into()));
        }
        Ok(reader)
    }

    /// The column names.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The index of column `name` (matched without regard to case or
    /// surrounding spaces: `EN`, ` fa`), or an error naming the columns
    /// found.
    pub fn column(&self, name: &str) -> Result<usize> {
        self.header
            .iter()
            .position(|h| same_name(h, name))
            .ok_or_else(|| {
                self.error(
                    0,
                    format!(
                        "no column {name:?}; the columns are: {}",
                        self.header.join(", ")
                    ),
                )
            })
    }

    fn error(&self, line: u64, message: String) -> Error {
        Error::new(ErrorKind::Format {
            line: line as usize,
            message,
        })
        .with_path(&self.label)
    }

    fn read_header(&mut self) -> Result<Vec<String>> {
        if matches!(self.source, Source::Units { .. }) {
            return self.units_header();
        }
        let first = match &mut self.source {
            Source::Delimited(_) => self.next_delimited()?,
            _ => self.next_json()?,
        };
        let Some(mut first) = first else {
            return Err(self.error(
                0,
                "empty file: expected a header row naming the columns".into(),
            ));
        };
        drop_bom(&mut first);
        if let Some(object) = first.object.take() {
            // JSON Lines has no header: the first object is a row too.
            self.header = object.keys().cloned().collect();
            self.pending = Some(self.json_record(object, first.line));
            return Ok(std::mem::take(&mut self.header));
        }
        self.rows = 0;
        Ok(first.cells)
    }
}

impl TableReader<'_> {
    /// The next row, or `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<Record>> {
        let record = match (&self.source, self.pending.take()) {
            (_, Some(record)) => Some(record),
            (Source::Delimited(_), None) => self.next_delimited()?,
            (Source::Json { .. }, None) => self.next_json()?,
            (Source::Units { .. }, None) => self.next_unit_row()?,
            (Source::Moses(_), None) => self.next_moses_row()?,
        };
        Ok(record.map(|mut record| {
            let width = self.header.len();
            if record.cells.len() < width {
                record.cells.resize(width, String::new());
            }
            record
        }))
    }

    fn next_delimited(&mut self) -> Result<Option<Record>> {
        let Source::Delimited(reader) = &mut self.source else {
            unreachable!("called on a delimited source")
        };
        let mut raw = csv::ByteRecord::new();
        let read = reader.read_byte_record(&mut raw);
        let quotes = reader.get_ref().quotes;
        let more = read.map_err(|err| {
            let line = err.position().map_or(0, |p| p.line());
            let message = match err.into_kind() {
                csv::ErrorKind::Io(io) => return Error::from(io).with_path(&self.label),
                other => format!("cannot parse the table: {other:?}"),
            };
            self.error(line, message)
        })?;
        if !more {
            // A quote left open swallows the rest of the file into the last
            // row's field: an error, not a long cell.
            if quotes.open && self.last.1 && quotes.opened_line >= self.last.0 {
                return Err(self.error(
                    quotes.opened_line,
                    "a quoted field opened here is never closed (a missing \"): the rest of the file would be one cell".into(),
                ));
            }
            return Ok(None);
        }
        self.rows += 1;
        let (line, start) = raw.position().map_or((0, 0), |p| (p.line(), p.byte()));
        self.last = (line, raw.iter().any(|f| f.contains(&b'\n')));
        let mut cells = Vec::with_capacity(raw.len());
        for (column, field) in raw.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(text) => cells.push(text.to_string()),
                Err(err) => {
                    let fix = match crate::read::not_utf8(field, 0, 0) {
                        ErrorKind::NotUtf8 { looks_like, .. } => crate::read::advice(looks_like),
                        _ => "convert the file to UTF-8 first (e.g. with iconv)".into(),
                    };
                    return Err(Error::new(ErrorKind::Format {
                        line: line as usize,
                        message: format!(
                            "row {} (starting at byte {start}): invalid UTF-8 in field {} at byte {} of the field; {fix}",
                            self.rows,
                            column + 1,
                            err.valid_up_to()
                        ),
                    })
                    .with_path(&self.label));
                }
            }
        }
        Ok(Some(Record {
            fields: cells.len(),
            cells,
            object: None,
            row: self.rows,
            line,
            markup: Vec::new(),
        }))
    }

    fn next_json(&mut self) -> Result<Option<Record>> {
        let mut buf = Vec::new();
        loop {
            let Source::Json {
                lines,
                line,
                offset,
            } = &mut self.source
            else {
                unreachable!("called on a JSON source")
            };
            buf.clear();
            let read = lines
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::from(e).with_path(&self.label))?;
            if read == 0 {
                return Ok(None);
            }
            *line += 1;
            let (this_line, start) = (*line, *offset);
            *offset += read as u64;
            let text = std::str::from_utf8(&buf).map_err(|err| {
                Error::new(crate::read::not_utf8(
                    &buf,
                    (start + err.valid_up_to() as u64) as usize,
                    this_line as usize,
                ))
                .with_path(&self.label)
            })?;
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            let object = match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(object)) => object,
                Ok(_) => return Err(self.error(this_line, "expected a JSON object".into())),
                Err(err) => return Err(self.error(this_line, format!("invalid JSON: {err}"))),
            };
            self.rows += 1;
            return Ok(Some(self.json_record(object, this_line)));
        }
    }

    /// The columns of a TMX or XLIFF document, from its first unit.
    fn units_header(&mut self) -> Result<Vec<String>> {
        let first = self.read_unit()?.ok_or_else(|| {
            let what = match &self.source {
                Source::Units {
                    units: UnitStream::Xliff(_),
                    ..
                } => "no segment in the XLIFF file",
                _ => "no <tu> in the translation memory",
            };
            self.error(0, format!("{what}: nothing to check"))
        })?;
        let Source::Units { names, .. } = &mut self.source else {
            unreachable!("called on a TMX or XLIFF source")
        };
        let (header, keys) = tmx::columns(&first);
        *names = keys;
        self.pending = Some(self.unit_row(&first, header.len()));
        Ok(header)
    }

    fn read_unit(&mut self) -> Result<Option<tmx::Unit>> {
        let Source::Units { units, .. } = &mut self.source else {
            unreachable!("called on a TMX or XLIFF source")
        };
        units
            .next_unit()
            .map_err(|(offset, message)| self.error(0, format!("at byte {offset}: {message}")))
    }

    fn next_unit_row(&mut self) -> Result<Option<Record>> {
        Ok(self
            .read_unit()?
            .map(|unit| self.unit_row(&unit, self.header.len())))
    }

    /// A unit as a row of `width` columns.
    fn unit_row(&mut self, unit: &tmx::Unit, width: usize) -> Record {
        let Source::Units { names, .. } = &self.source else {
            unreachable!("called on a TMX or XLIFF source")
        };
        self.rows += 1;
        let (cells, fields, markup) = tmx::cells(unit, names, width);
        Record {
            markup,
            cells,
            object: None,
            fields,
            row: self.rows,
            line: 0,
        }
    }

    fn next_moses_row(&mut self) -> Result<Option<Record>> {
        let Source::Moses(pair) = &mut self.source else {
            unreachable!("called on a Moses source")
        };
        let Some([src, tgt]) = pair.next_pair()? else {
            return Ok(None);
        };
        let line = pair.line();
        self.rows += 1;
        Ok(Some(Record {
            cells: vec![line.to_string(), src, tgt],
            object: None,
            fields: 3,
            row: self.rows,
            line,
            markup: Vec::new(),
        }))
    }

    fn json_record(&self, object: Map<String, Value>, line: u64) -> Record {
        let cells = self
            .header
            .iter()
            .map(|key| match object.get(key) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            })
            .collect();
        Record {
            cells,
            fields: object.len(),
            object: Some(object),
            row: self.rows,
            line,
            markup: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &[u8], format: TableFormat) -> Result<(Vec<String>, Vec<Record>)> {
        let mut reader = TableReader::new(Box::new(text), format, Path::new("t"))?;
        let mut rows = Vec::new();
        while let Some(record) = reader.next_record()? {
            rows.push(record);
        }
        Ok((reader.header().to_vec(), rows))
    }

    #[test]
    fn csv_with_bom_quotes_and_embedded_newlines() {
        let (header, rows) = read_all(
            "\u{feff}en,fa\n\"a,\nb\",ب\nc,د\n".as_bytes(),
            TableFormat::Csv,
        )
        .unwrap();
        assert_eq!(header, ["en", "fa"]);
        assert_eq!(rows[0].cells, ["a,\nb", "ب"]);
        assert_eq!((rows[1].row, rows[1].line), (2, 4));
    }

    #[test]
    fn ragged_rows_are_kept_and_padded() {
        let (_, rows) = read_all(b"en,fa,x\na\nb,c,d,e\n", TableFormat::Csv).unwrap();
        assert_eq!((rows[0].fields, rows[0].cells.len()), (1, 3));
        assert_eq!(rows[1].fields, 4);
    }

    #[test]
    fn invalid_utf8_names_row_line_and_offset() {
        let err = read_all(b"en,fa\nok,ok\nbad\xff,x\n", TableFormat::Csv)
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("line 3") && err.contains("row 2") && err.contains("byte 12"),
            "{err}"
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let err = read_all(b"", TableFormat::Csv).err().unwrap().to_string();
        assert!(err.contains("empty file"), "{err}");
    }

    #[test]
    fn jsonl_first_object_names_the_columns() {
        let (header, rows) = read_all(
            b"{\"en\":\"a\",\"fa\":\"b\",\"n\":1}\n\n{\"en\":\"c\"}\n",
            TableFormat::Jsonl,
        )
        .unwrap();
        assert_eq!(header, ["en", "fa", "n"]);
        assert_eq!(rows[0].cells, ["a", "b", "1"]);
        assert_eq!(rows[1].cells, ["c", "", ""]);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn missing_column_lists_the_columns() {
        let reader =
            TableReader::new(Box::new(&b"a,b\n"[..]), TableFormat::Csv, Path::new("t")).unwrap();
        let err = reader.column("fa").unwrap_err().to_string();
        assert_eq!(err, "t: no column \"fa\"; the columns are: a, b");
    }

    #[test]
    fn a_quote_never_closed_is_an_error_naming_its_line() {
        let text = b"en,fa\nHello.,x\n\"Open quote,x\nmore,y\nlast,z\n";
        let err = read_all(text, TableFormat::Csv).unwrap_err().to_string();
        assert!(
            err.starts_with("t: line 3: a quoted field opened here is never closed"),
            "{err}"
        );
        // Closed quotes, escaped ones and a stray quote in a last plain
        // cell are fine; TSV has no quoting at all.
        let fine = b"en,fa\n\"a \"\"b\"\" c\",\"two\nlines\"\nsays 5\" tall,x\n";
        let (_, rows) = read_all(fine, TableFormat::Csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["a \"b\" c", "two\nlines"]);
        let (_, rows) = read_all(b"en\tfa\n\"open\tx\n", TableFormat::Tsv).unwrap();
        assert_eq!(rows[0].cells, ["\"open", "x"]);
    }

    #[test]
    fn a_moses_corpus_is_a_table_of_numbered_lines() {
        let pair = |src: &'static [u8], tgt: &'static [u8]| {
            moses::Pair::new(
                (Box::new(src), Path::new("c.en")),
                (Box::new(tgt), Path::new("c.fa")),
            )
            .unwrap()
        };
        let mut reader = TableReader::moses(
            pair(b"One.\nTwo.\n", "یک.\nدو.\n".as_bytes()),
            ("en", "fa"),
            Path::new("c"),
        )
        .unwrap();
        assert_eq!(reader.header(), ["line", "en", "fa"]);
        let first = reader.next_record().unwrap().unwrap();
        assert_eq!(
            (first.row, first.line, &first.cells[..]),
            (1, 1, &["1", "One.", "یک."].map(String::from)[..])
        );
        assert_eq!(reader.next_record().unwrap().unwrap().cells[0], "2");
        assert!(reader.next_record().unwrap().is_none());
        let err = TableReader::moses(pair(b"", b""), ("en", "fa"), Path::new("c"))
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "c: no lines in either file: nothing to check"
        );
    }

    #[test]
    fn a_table_without_a_header_has_its_columns_numbered() {
        let read = |text: &'static [u8], format, names: &[(usize, &str)]| {
            let mut reader =
                TableReader::without_header(Box::new(text), format, Path::new("t"), names)?;
            let mut rows = Vec::new();
            while let Some(record) = reader.next_record()? {
                rows.push((record.row, record.cells));
            }
            Ok::<_, Error>((reader.header().to_vec(), rows))
        };
        let (header, rows) = read(
            "\u{feff}eng\tpes\tHi.\tسلام.\neng\tpes\tBye.\n".as_bytes(),
            TableFormat::Tsv,
            &[(2, "en"), (3, "fa")],
        )
        .unwrap();
        assert_eq!(header, ["1", "2", "en", "fa"]);
        assert_eq!(
            rows[0],
            (1, ["eng", "pes", "Hi.", "سلام."].map(String::from).to_vec())
        );
        assert_eq!(
            rows[1],
            (2, ["eng", "pes", "Bye.", ""].map(String::from).to_vec())
        );
        let (header, _) = read(b"a\n", TableFormat::Csv, &[(0, "en"), (1, "fa")]).unwrap();
        assert_eq!(header, ["en", "fa"]);
        let err = read(b"", TableFormat::Csv, &[]).unwrap_err().to_string();
        assert_eq!(err, "t: empty file: nothing to check");
        let err = read(b"{}", TableFormat::Jsonl, &[])
            .unwrap_err()
            .to_string();
        assert!(err.contains("only CSV and TSV"), "{err}");
    }

    #[test]
    fn json_lines_rows_are_numbered_from_one() {
        let (_, rows) = read_all(b"{\"en\":\"a\"}\n{\"en\":\"b\"}\n", TableFormat::Jsonl).unwrap();
        assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn column_names_match_without_case_or_spaces() {
        let reader = TableReader::new(
            Box::new(&b" EN ,Fa\n"[..]),
            TableFormat::Csv,
            Path::new("t"),
        )
        .unwrap();
        assert_eq!(
            (reader.column("en").unwrap(), reader.column("fa").unwrap()),
            (0, 1)
        );
        assert!(same_name("Évidence", "évidence ") && !same_name("en", "fa"));
    }
}
