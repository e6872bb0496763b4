//! A Moses corpus: two plain-text files, line `k` of one the translation
//! of line `k` of the other — what MT toolkits read and what OPUS, WMT and
//! ParaCrawl ship (`corpus.en` beside `corpus.fa`). Read line by line in
//! step, so a corpus of any size is read in bounded memory.
//!
//! Each line is decoded as UTF-8 with its `\n` or `\r\n` ending and a
//! first line's BOM left out; a blank line is a row with an empty side (the
//! numbering of the two files must stay in step). A file in UTF-16 with a
//! byte-order mark is decoded whole first, as [`crate::read_text`] does.
//!
//! Hand-written: the csv crate would read a line holding a quote or a tab
//! as something else, and a Moses line is its text, byte for byte.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// One file's lines.
struct Lines<'r> {
    input: Box<dyn BufRead + 'r>,
    label: PathBuf,
    /// Lines read so far.
    line: u64,
    /// Byte offset of the next line.
    offset: u64,
    buf: Vec<u8>,
}

impl<'r> Lines<'r> {
    /// Reads `input`, decoding it whole first when it starts with a UTF-16
    /// byte-order mark.
    fn new(input: Box<dyn Read + 'r>, label: &Path) -> Result<Self> {
        let mut input = BufReader::new(input);
        let start = input
            .fill_buf()
            .map_err(|e| Error::from(e).with_path(label))?;
        let input: Box<dyn BufRead + 'r> =
            if matches!(start.get(..2), Some([0xff, 0xfe] | [0xfe, 0xff])) {
                let mut bytes = Vec::new();
                input
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::from(e).with_path(label))?;
                let text = crate::read::from_utf16(bytes).map_err(|e| e.with_path(label))?;
                Box::new(Cursor::new(text))
            } else {
                Box::new(input)
            };
        Ok(Lines {
            input,
            label: label.to_path_buf(),
            line: 0,
            offset: 0,
            buf: Vec::new(),
        })
    }

    /// Reads the next line's bytes, ending included, into `buf`; its byte
    /// offset, or `None` at the end.
    fn read_raw(&mut self) -> Result<Option<u64>> {
        self.buf.clear();
        let read = self
            .input
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| Error::from(e).with_path(&self.label))?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        let start = self.offset;
        self.offset += read as u64;
        Ok(Some(start))
    }

    /// The next line without its ending, or `None` at the end.
    fn next_line(&mut self) -> Result<Option<String>> {
        let Some(start) = self.read_raw()? else {
            return Ok(None);
        };
        let mut bytes = &self.buf[..];
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let mut skipped = 0;
        if self.line == 1 {
            if let Some(rest) = bytes.strip_prefix("\u{feff}".as_bytes()) {
                bytes = rest;
                skipped = 3;
            }
        }
        if let Some(at) = memchr::memchr(0, bytes) {
            return Err(Error::new(ErrorKind::Binary {
                offset: (start + skipped + at as u64) as usize,
            })
            .with_path(&self.label));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(err) => Err(Error::new(crate::read::not_utf8(
                bytes,
                (start + skipped + err.valid_up_to() as u64) as usize,
                self.line as usize,
            ))
            .with_path(&self.label)),
        }
    }

    /// Reads to the end, counting lines but not decoding them (to say how
    /// many lines the file has).
    fn read_to_end(&mut self) -> Result<()> {
        while self.read_raw()?.is_some() {}
        Ok(())
    }
}

/// The two files of a Moses corpus, read line for line.
pub struct Pair<'r> {
    sides: [Lines<'r>; 2],
}

impl<'r> Pair<'r> {
    /// The corpus of `src` and `tgt` (each an input and the path that
    /// names it in errors).
    pub fn new(src: (Box<dyn Read + 'r>, &Path), tgt: (Box<dyn Read + 'r>, &Path)) -> Result<Self> {
        Ok(Pair {
            sides: [Lines::new(src.0, src.1)?, Lines::new(tgt.0, tgt.1)?],
        })
    }

    /// The next line of each file, or `None` when both have ended. A file
    /// that ends before the other is an error saying how many lines each
    /// has: past that point no line is the other's translation.
    pub fn next_pair(&mut self) -> Result<Option<[String; 2]>> {
        let [src, tgt] = &mut self.sides;
        match (src.next_line()?, tgt.next_line()?) {
            (Some(a), Some(b)) => Ok(Some([a, b])),
            (None, None) => Ok(None),
            (Some(_), None) => Err(self.mismatch(0)?),
            (None, Some(_)) => Err(self.mismatch(1)?),
        }
    }

    /// The line the pair is on (1-based; the last one read).
    pub fn line(&self) -> u64 {
        self.sides[0].line.max(self.sides[1].line)
    }

    /// The error when side `longer` goes on past the other's end (its line
    /// past the end already read).
    fn mismatch(&mut self, longer: usize) -> Result<Error> {
        self.sides[longer].read_to_end()?;
        let (long, short) = (&self.sides[longer], &self.sides[1 - longer]);
        let (src, tgt) = (&self.sides[0].label, &self.sides[1].label);
        Ok(Error::new(ErrorKind::Format {
            line: 0,
            message: format!(
                "{} has {} lines but {} has {}: the two files of a Moses corpus hold one sentence a line, line for line (to pair sentences that are not, run `bitext align --presplit {} {}`)",
                long.label.display(),
                long.line,
                short.label.display(),
                short.line,
                src.display(),
                tgt.display(),
            ),
        }))
    }
}

/// The two files of the Moses corpus `base` for languages `src` and `tgt`:
/// `base.src` and `base.tgt` (as `bitext align -f moses -o base` writes
/// them; OPUS's `corpus.en-fa` → `corpus.en-fa.en`, `corpus.en-fa.fa`).
pub fn files_of(base: &Path, src: &str, tgt: &str) -> [PathBuf; 2] {
    [src, tgt].map(|code| {
        let mut name = base.as_os_str().to_owned();
        name.push(format!(".{code}"));
        PathBuf::from(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &[u8], tgt: &[u8]) -> Result<Vec<[String; 2]>> {
        let mut pair = Pair::new(
            (Box::new(src), Path::new("c.en")),
            (Box::new(tgt), Path::new("c.fa")),
        )?;
        let mut rows = Vec::new();
        while let Some(row) = pair.next_pair()? {
            rows.push(row);
        }
        Ok(rows)
    }

    #[test]
    fn lines_are_read_in_step_whatever_their_endings() {
        let rows = read(
            "\u{feff}Hello.\r\n\n\"Quoted\",\tand tabbed\nlast".as_bytes(),
            "سلام.\n\n«نقل»\nآخر\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(
            rows,
            [
                ["Hello.", "سلام."],
                ["", ""],
                ["\"Quoted\",\tand tabbed", "«نقل»"],
                ["last", "آخر"]
            ]
            .map(|r| r.map(String::from))
        );
        assert!(read(b"", b"").unwrap().is_empty());
    }

    #[test]
    fn files_of_different_lengths_say_how_many_lines_each_has() {
        let err = read(b"a\nb\nc\nd\n", b"x\ny\n").unwrap_err().to_string();
        assert!(
            err.starts_with("c.en has 4 lines but c.fa has 2:")
                && err.contains("bitext align --presplit c.en c.fa"),
            "{err}"
        );
        let err = read(b"a\n", b"x\ny").unwrap_err().to_string();
        assert!(err.starts_with("c.fa has 2 lines but c.en has 1:"), "{err}");
    }

    #[test]
    fn bad_bytes_name_the_file_line_and_offset() {
        let err = read(b"ok\nbad \xc3\xa9\xff\n", b"x\ny\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.en: invalid UTF-8 at byte offset 9 (line 2)"),
            "{err}"
        );
        // A line that is not UTF-8 at all is named as the encoding it
        // looks like.
        let err = read(b"ok\n", b"x\n\xf3\xd1\xc7\xe3 \xda\xe1\xed\xf8\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.fa: not UTF-8 (byte offset 2, line 2)"),
            "{err}"
        );
        let err = read(b"a\n", b"x\0\n").unwrap_err().to_string();
        assert!(
            err.starts_with("c.fa: looks like a binary file (NUL byte at offset 1)"),
            "{err}"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let utf16: Vec<u8> = "\u{feff}Hi.\r\nBye.\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let rows = read(&utf16, "سلام.\nبدرود.\n".as_bytes()).unwrap();
        assert_eq!(rows[0][0], "Hi.");
        assert_eq!(rows[1], ["Bye.", "بدرود."].map(String::from));
    }

    #[test]
    fn the_files_of_a_base_name_carry_the_language_codes() {
        assert_eq!(
            files_of(Path::new("d/corpus.en-fa"), "en", "fa"),
            [
                PathBuf::from("d/corpus.en-fa.en"),
                PathBuf::from("d/corpus.en-fa.fa")
            ]
        );
    }
}
