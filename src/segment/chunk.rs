//! Chunking: where line breaks end sentences.
//!
//! A chunk is a stretch of text that no sentence crosses. How line breaks
//! are read is the caller's choice ([`LineBreaks`]): articles put one
//! paragraph or heading on each line; hard-wrapped text breaks lines inside
//! sentences.

use super::list;
use super::text::{is_space, word_count};
use crate::lang::is_arabic_letter;

/// How single line breaks are read. Blank lines always separate paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LineBreaks {
    /// Every line break ends a sentence; each line is a paragraph (articles,
    /// subtitles, one-sentence-per-line files). The default.
    #[default]
    Sentence,
    /// A single line break is a space (hard-wrapped text), except before a
    /// line that starts a list item.
    Space,
    /// Decide each line break from the lines around it: a line that
    /// continues in lower case after a line of three or more words, or that
    /// follows a line ending in a terminator, is joined; a list item, a
    /// heading-like short line or a capitalised line after an unterminated
    /// one starts anew. For text of unknown layout.
    Auto,
}

/// A stretch of text no sentence crosses, and its paragraph number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Byte offset of the first char of the chunk's first line.
    pub start: usize,
    /// Byte offset just past the chunk's last line (its line break excluded).
    pub end: usize,
    /// 0-based paragraph number.
    pub paragraph: usize,
}

/// Iterates over the chunks of a text.
pub struct Chunks<'t> {
    text: &'t str,
    mode: LineBreaks,
    pos: usize,
    paragraph: usize,
    /// A line read ahead that starts the next chunk: (start, end, new paragraph?).
    pending: Option<(usize, usize, bool)>,
    started: bool,
}

impl<'t> Chunks<'t> {
    /// Chunks `text` under `mode`.
    pub fn new(text: &'t str, mode: LineBreaks) -> Self {
        Chunks {
            text,
            mode,
            pos: 0,
            paragraph: 0,
            pending: None,
            started: false,
        }
    }

    /// The next line as `(start, end)`, its terminator (`\n`, `\r\n`, `\r`)
    /// excluded.
    fn next_line(&mut self) -> Option<(usize, usize)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(off) => {
                let end = start + off;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                self.pos = end + 1 + usize::from(crlf);
                Some((start, end))
            }
            None => {
                self.pos = bytes.len();
                Some((start, bytes.len()))
            }
        }
    }

    /// The next non-blank line, and whether blank lines came before it.
    fn next_content_line(&mut self) -> Option<(usize, usize, bool)> {
        if let Some(line) = self.pending.take() {
            return Some(line);
        }
        let mut gap = false;
        while let Some((s, e)) = self.next_line() {
            if self.text[s..e].chars().all(is_space) {
                gap = true;
            } else {
                return Some((s, e, gap));
            }
        }
        None
    }

    fn joins(&self, prev: &str, line: &str) -> bool {
        match self.mode {
            LineBreaks::Sentence => false,
            LineBreaks::Space => !starts_list_item(line),
            LineBreaks::Auto => auto_joins(prev, line),
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        let (start, mut end, gap) = self.next_content_line()?;
        if self.started && (gap || self.mode == LineBreaks::Sentence) {
            self.paragraph += 1;
        }
        self.started = true;
        let mut last_line = start;
        while let Some((s, e, gap)) = self.next_content_line() {
            if gap || !self.joins(&self.text[last_line..end], &self.text[s..e]) {
                self.pending = Some((s, e, gap));
                break;
            }
            last_line = s;
            end = e;
        }
        Some(Chunk {
            start,
            end,
            paragraph: self.paragraph,
        })
    }
}

fn starts_list_item(line: &str) -> bool {
    list::parse(line.trim_start_matches(is_space)).is_some()
}

fn auto_joins(prev: &str, line: &str) -> bool {
    let line = line.trim_start_matches(is_space);
    if starts_list_item(line) {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    if matches!(first, '.' | ',' | ';' | ':' | '!' | '?' | '؟' | '،' | '؛') {
        return true; // a stray terminator pushed onto its own line
    }
    let prev = prev.trim_end_matches(is_space);
    let words = word_count(prev);
    let terminated = prev
        .trim_end_matches(['"', '”', '’', '»', ')', ']', '\''])
        .ends_with(['.', '!', '?', '؟', '…']);
    if terminated && words >= 2 {
        return true;
    }
    if first.is_lowercase() {
        words >= 3
    } else if is_arabic_letter(first) {
        words >= 6
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, mode: LineBreaks) -> Vec<(&str, usize)> {
        Chunks::new(text, mode)
            .map(|c| (&text[c.start..c.end], c.paragraph))
            .collect()
    }

    #[test]
    fn every_line_is_a_paragraph_by_default() {
        let text = "\u{feff}Title\r\nFirst para.\r\n\r\nSecond\rThird";
        assert_eq!(
            spans(text, LineBreaks::Sentence),
            [
                ("\u{feff}Title", 0),
                ("First para.", 1),
                ("Second", 2),
                ("Third", 3)
            ]
        );
    }

    #[test]
    fn join_mode_joins_lines_but_not_list_items() {
        let text = "a hard\nwrapped line\n\nHere:\n* one\n* two";
        assert_eq!(
            spans(text, LineBreaks::Space),
            [
                ("a hard\nwrapped line", 0),
                ("Here:", 1),
                ("* one", 1),
                ("* two", 1)
            ]
        );
    }

    #[test]
    fn auto_mode_reads_the_layout() {
        let cases = [
            ("It was a cold \nnight in the city.", 1),
            ("features\ncontact manager\nevents, activities\n", 3),
            ("Trophy title\n(6 inches)\nThe team will judge.", 3),
            ("See pricing\n.\n\n\nPricing Info\n", 2),
        ];
        for (text, want) in cases {
            assert_eq!(spans(text, LineBreaks::Auto).len(), want, "{text:?}");
        }
    }
}
