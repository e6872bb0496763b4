//! TMX 1.4b, the translation-memory exchange format CAT tools (OmegaT,
//! Trados, memoQ, Wordfast) import.
//!
//! Written by hand rather than with an XML crate: the format is a fixed
//! shape of five elements, and what matters — escaping, removing the
//! characters XML 1.0 forbids, a carriage return kept as `&#13;` so a
//! parser does not turn it into a line feed — is a dozen lines here.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Cell, Exporter, Options, Record, Role, Schema};

/// Writes a `<tmx version="1.4">` document (no `<!DOCTYPE>`: a parser
/// that follows it would look for a `tmx14.dtd` beside the file and, in
/// many XML libraries, fail without it; `xmllint --dtdvalid` validates the
/// output against the DTD given): a header naming bitext and the
/// source language, then one `<tu>` per row with the two texts as `<tuv
/// xml:lang="…"><seg>` and every other column as a `<prop
/// type="x-NAME">` (`x-doc`, `x-score`, `x-en_ids`, check's `x-flags` …).
///
/// A row with an empty side (a sentence left alone) is a `<tu>` whose
/// empty side is `<seg></seg>`, unless [`Options::skip_empty`] leaves such
/// rows out.
pub struct TmxWriter<'w> {
    out: Box<dyn Write + 'w>,
    schema: Schema,
    texts: (usize, usize),
    skip_empty: bool,
    /// The document is closed (`</body></tmx>`) once.
    open: bool,
}

impl<'w> TmxWriter<'w> {
    /// Writes the XML declaration and the header.
    pub fn new(mut out: Box<dyn Write + 'w>, schema: Schema, options: Options) -> io::Result<Self> {
        let texts = (
            schema.require(Role::SrcText, "TMX")?,
            schema.require(Role::TgtText, "TMX")?,
        );
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <tmx version=\"1.4\">\n\
             \x20 <header creationtool=\"bitext\" creationtoolversion=\"{}\" \
             datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" \
             srclang=\"{}\" o-tmf=\"bitext\"/>\n\
             \x20 <body>\n",
            env!("CARGO_PKG_VERSION"),
            xml_text(&schema.src_lang, true),
        )?;
        Ok(TmxWriter {
            out,
            schema,
            texts,
            skip_empty: options.skip_empty,
            open: true,
        })
    }

    fn tuv(&mut self, lang: usize, cell: &Cell) -> io::Result<()> {
        let code = if lang == 0 {
            &self.schema.src_lang
        } else {
            &self.schema.tgt_lang
        };
        // A seg read from a TMX with inline codes goes back as it came.
        let text = cell.text();
        let content = match cell {
            Cell::Marked { markup, .. } => Cow::Borrowed(*markup),
            _ => xml_text(&text, false),
        };
        writeln!(
            self.out,
            "      <tuv xml:lang=\"{}\"><seg>{content}</seg></tuv>",
            xml_text(code, true),
        )
    }
}

impl Exporter for TmxWriter<'_> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        let src = record.cells[self.texts.0].text();
        let tgt = record.cells[self.texts.1].text();
        if self.skip_empty && (src.trim().is_empty() || tgt.trim().is_empty()) {
            return Ok(());
        }
        self.out.write_all(b"    <tu>\n")?;
        for (column, cell) in self.schema.columns.iter().zip(&record.cells) {
            if matches!(column.role, Role::SrcText | Role::TgtText) {
                continue;
            }
            // Every column, even empty: a reader learns the columns from
            // the first unit.
            writeln!(
                self.out,
                "      <prop type=\"x-{}\">{}</prop>",
                xml_text(&column.name, true),
                xml_text(&cell.text(), false)
            )?;
        }
        self.tuv(0, &record.cells[self.texts.0])?;
        self.tuv(1, &record.cells[self.texts.1])?;
        self.out.write_all(b"    </tu>\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.open) {
            self.out.write_all(b"  </body>\n</tmx>\n")?;
        }
        self.out.flush()
    }
}

/// `text` as XML character data (or, with `attribute`, a double-quoted
/// attribute value): `& < >` (and `"`) escaped, a carriage return as
/// `&#13;`, and the characters XML 1.0 cannot hold at all (C0 controls
/// other than tab and line breaks, U+FFFE, U+FFFF) removed.
pub fn xml_text(text: &str, attribute: bool) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '\r' | '\u{fffe}' | '\u{ffff}')
            || (c < ' ' && c != '\t' && c != '\n')
            || (attribute && matches!(c, '"' | '\t' | '\n'))
    };
    if !text.contains(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // Attribute values are normalised by parsers: tabs and line
            // breaks survive only as references.
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{fffe}' | '\u{ffff}' => {}
            c if c < ' ' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
