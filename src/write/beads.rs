//! The Vecalign / Text+Berg bead format: `[3, 4]:[2]:0.93`, 0-based. In a
//! folder run each document opens with a `# NAME` line (the indices start
//! again from 0 there); `bitext eval` skips such lines.

use std::io::{self, Write};

use super::{Cell, Exporter, Record, Role, Schema};

/// Writes one bead per line; texts are not written.
pub struct BeadsWriter<'w> {
    out: Box<dyn Write + 'w>,
    /// Where the document, the ids and the score are.
    doc: Option<usize>,
    ids: (usize, usize),
    score: Option<usize>,
    /// The document of the last row written.
    last_doc: Option<String>,
}

impl<'w> BeadsWriter<'w> {
    /// A writer over `out`; the schema must have both id columns.
    pub fn new(out: Box<dyn Write + 'w>, schema: &Schema) -> io::Result<Self> {
        Ok(BeadsWriter {
            out,
            doc: schema.find(Role::Doc),
            ids: (
                schema.require(Role::SrcIds, "beads")?,
                schema.require(Role::TgtIds, "beads")?,
            ),
            score: schema.find(Role::Score),
            last_doc: None,
        })
    }
}

/// `[3, 4]` for indices 3 and 4.
pub fn format_side(ids: &[usize]) -> String {
    let inner: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", inner.join(", "))
}

fn ids<'c>(cell: &'c Cell) -> &'c [usize] {
    match cell {
        Cell::Ids(ids) => ids,
        _ => &[],
    }
}

impl Exporter for BeadsWriter<'_> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        if let Some(doc) = self.doc.map(|i| record.cells[i].text()) {
            if self.last_doc.as_deref() != Some(&doc) {
                // A name is one line: line breaks in it would end the comment.
                writeln!(self.out, "# {}", doc.replace(['\n', '\r'], " "))?;
                self.last_doc = Some(doc.into_owned());
            }
        }
        let score = match self.score.map(|i| &record.cells[i]) {
            Some(Cell::Number(x)) => *x,
            _ => 1.0,
        };
        writeln!(
            self.out,
            "{}:{}:{score:.3}",
            format_side(ids(&record.cells[self.ids.0])),
            format_side(ids(&record.cells[self.ids.1])),
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
