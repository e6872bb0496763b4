//! The Vecalign / Text+Berg bead format: `[3, 4]:[2]:0.93`, 0-based. In a
//! folder run each document opens with a `# NAME` line (the indices start
//! again from 0 there); `bitext eval` skips such lines.

use std::io::{self, Write};

use super::{CorpusWriter, Row};

/// Writes one bead per line; texts are not written.
pub struct BeadsWriter<'w> {
    out: Box<dyn Write + 'w>,
    /// The document of the last row written.
    doc: Option<String>,
}

impl<'w> BeadsWriter<'w> {
    /// A writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        BeadsWriter { out, doc: None }
    }
}

/// `[3, 4]` for indices 3 and 4.
pub fn format_side(ids: &[usize]) -> String {
    let inner: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", inner.join(", "))
}

impl CorpusWriter for BeadsWriter<'_> {
    fn write_row(&mut self, row: &Row) -> io::Result<()> {
        if let Some(doc) = row.doc.filter(|&d| self.doc.as_deref() != Some(d)) {
            // A name is one line: line breaks in it would end the comment.
            writeln!(self.out, "# {}", doc.replace(['\n', '\r'], " "))?;
            self.doc = Some(doc.to_string());
        }
        writeln!(
            self.out,
            "{}:{}:{:.3}",
            format_side(&row.src_ids),
            format_side(&row.tgt_ids),
            row.score
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_vecalign_beads() {
        let mut buf = Vec::new();
        {
            let mut w = BeadsWriter::new(Box::new(&mut buf));
            for (src, tgt) in [(vec![3, 4], vec![2]), (vec![], vec![3])] {
                let row = Row {
                    doc: None,
                    src_text: String::new(),
                    tgt_text: String::new(),
                    src_ids: src,
                    tgt_ids: tgt,
                    score: 0.93,
                    check: None,
                };
                w.write_row(&row).unwrap();
            }
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "[3, 4]:[2]:0.930\n[]:[3]:0.930\n"
        );
    }

    #[test]
    fn a_folder_run_names_each_document_and_reads_back() {
        let mut buf = Vec::new();
        {
            let mut w = BeadsWriter::new(Box::new(&mut buf));
            for (doc, k) in [("a", 0), ("a", 1), ("b", 0)] {
                let row = Row {
                    doc: Some(doc),
                    src_text: String::new(),
                    tgt_text: String::new(),
                    src_ids: vec![k],
                    tgt_ids: vec![k],
                    score: 1.0,
                    check: None,
                };
                w.write_row(&row).unwrap();
            }
            w.finish().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "# a\n[0]:[0]:1.000\n[1]:[1]:1.000\n# b\n[0]:[0]:1.000\n"
        );
        let beads = crate::score::parse_beads(&text).unwrap();
        assert_eq!(beads.len(), 3);
    }
}
