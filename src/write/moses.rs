//! Moses-style parallel text: two plain files, line n of one the
//! translation of line n of the other (what MT toolkits and OPUS read).

use std::io::{self, Write};

use super::{Exporter, Record, Role, Schema};

/// Writes each row's source text as one line of one file and its target
/// text as the same line of the other. A line break inside a segment
/// becomes a space (it would shift every line after it); a sentence left
/// alone has an empty line opposite it, so the files stay line for line.
pub struct MosesWriter<'w> {
    src: Box<dyn Write + 'w>,
    tgt: Box<dyn Write + 'w>,
    columns: (usize, usize),
}

impl<'w> MosesWriter<'w> {
    /// A writer of the source lines to `src` and the target lines to `tgt`.
    pub fn new(
        src: Box<dyn Write + 'w>,
        tgt: Box<dyn Write + 'w>,
        schema: &Schema,
    ) -> io::Result<Self> {
        Ok(MosesWriter {
            src,
            tgt,
            columns: (
                schema.require(Role::SrcText, "Moses")?,
                schema.require(Role::TgtText, "Moses")?,
            ),
        })
    }
}

/// `text` on one line: line breaks (and the separators Unicode counts as
/// such) as spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(
        [
            '\n', '\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{2028}', '\u{2029}',
        ],
        " ",
    )
}

impl Exporter for MosesWriter<'_> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        writeln!(
            self.src,
            "{}",
            one_line(&record.cells[self.columns.0].text())
        )?;
        writeln!(
            self.tgt,
            "{}",
            one_line(&record.cells[self.columns.1].text())
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.src.flush()?;
        self.tgt.flush()
    }
}
