//! Moses-style parallel text: two plain files, line n of one the
//! translation of line n of the other (what MT toolkits and OPUS read).

use std::io::{self, Write};

use super::{CorpusWriter, Row};

/// Writes each bead's source text as one line of one file and its target
/// text as the same line of the other. A line break inside a segment
/// becomes a space (it would shift every line after it); a sentence left
/// alone has an empty line opposite it, so the files stay line for line.
pub struct MosesWriter<'w> {
    src: Box<dyn Write + 'w>,
    tgt: Box<dyn Write + 'w>,
}

impl<'w> MosesWriter<'w> {
    /// A writer of the source lines to `src` and the target lines to `tgt`.
    pub fn new(src: Box<dyn Write + 'w>, tgt: Box<dyn Write + 'w>) -> Self {
        MosesWriter { src, tgt }
    }
}

/// `text` on one line: line breaks (and the separators Unicode counts as
/// such) as spaces.
fn one_line(text: &str) -> String {
    text.replace(
        [
            '\n', '\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{2028}', '\u{2029}',
        ],
        " ",
    )
}

impl CorpusWriter for MosesWriter<'_> {
    fn write_row(&mut self, row: &Row) -> io::Result<()> {
        writeln!(self.src, "{}", one_line(&row.src_text))?;
        writeln!(self.tgt, "{}", one_line(&row.tgt_text))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.src.flush()?;
        self.tgt.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_files_line_for_line() {
        let (mut en, mut fa) = (Vec::new(), Vec::new());
        {
            let mut w = MosesWriter::new(Box::new(&mut en), Box::new(&mut fa));
            for (src, tgt) in [("Two\nlines.", "یک خط."), ("Alone.", ""), ("", "تنها.")] {
                let row = Row {
                    doc: None,
                    src_text: src.to_string(),
                    tgt_text: tgt.to_string(),
                    src_ids: vec![],
                    tgt_ids: vec![],
                    score: 1.0,
                    check: None,
                };
                w.write_row(&row).unwrap();
            }
            w.finish().unwrap();
        }
        assert_eq!(String::from_utf8(en).unwrap(), "Two lines.\nAlone.\n\n");
        assert_eq!(String::from_utf8(fa).unwrap(), "یک خط.\n\nتنها.\n");
    }
}
