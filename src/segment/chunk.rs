//! Chunking: where line breaks end sentences.
//!
//! A chunk is a stretch of text that no sentence crosses. How line breaks
//! are read is the caller's choice ([`LineBreaks`]): articles put one
//! paragraph or heading on each line; hard-wrapped text breaks lines inside
//! sentences.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::list;
use super::text::{is_space, word_count};
use crate::lang::is_arabic_letter;

/// How single line breaks are read. Blank lines always separate paragraphs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LineBreaks {
    /// From the text's layout ([`hard_wrap_width`]): each line is a
    /// paragraph, as in [`LineBreaks::Sentence`], unless the text is
    /// hard-wrapped; then a line break is a space where the next word would
    /// not have fitted on the line (or the next line goes on in lower case
    /// after one with no terminator), and elsewhere ends a paragraph. The
    /// default.
    #[default]
    Detect,
    /// Every line break ends a sentence; each line is a paragraph (articles,
    /// subtitles, one-sentence-per-line files).
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
    /// Under [`LineBreaks::Detect`], the width the text is wrapped at.
    width: Option<usize>,
}

impl<'t> Chunks<'t> {
    /// Chunks `text` under `mode`.
    pub fn new(text: &'t str, mode: LineBreaks) -> Self {
        let width = match mode {
            LineBreaks::Detect => hard_wrap_width(text),
            _ => None,
        };
        Chunks {
            text,
            mode,
            pos: 0,
            paragraph: 0,
            pending: None,
            started: false,
            width,
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

    /// Whether `line` goes on the chunk whose last line is `prev`;
    /// `continued`: the chunk holds lines before `prev`.
    fn joins(&self, prev: &str, line: &str, continued: bool) -> bool {
        match self.mode {
            LineBreaks::Sentence => false,
            LineBreaks::Space => !starts_list_item(line),
            LineBreaks::Auto => auto_joins(prev, line),
            LineBreaks::Detect => self.width.is_some_and(|w| wraps(prev, line, w, continued)),
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        let (start, mut end, gap) = self.next_content_line()?;
        let every_line = matches!(self.mode, LineBreaks::Sentence | LineBreaks::Detect);
        if self.started && (gap || every_line) {
            self.paragraph += 1;
        }
        self.started = true;
        let mut last_line = start;
        while let Some((s, e, gap)) = self.next_content_line() {
            let continued = last_line != start;
            if gap || !self.joins(&self.text[last_line..end], &self.text[s..e], continued) {
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

/// The fewest line breaks inside a sentence at a full line a text needs
/// before it can be judged hard-wrapped: with one, a heading and a long
/// line after it are enough.
const WRAP_MIN_BREAKS: usize = 2;

/// The narrowest width a text is taken to be hard-wrapped at, in columns
/// (a Chinese or Japanese char is two): a list of terms, one a line, has
/// short lines of like length too, but nobody wraps prose at 20.
const WRAP_MIN_WIDTH: usize = 30;

/// The width a hard-wrapped text is wrapped at, in columns (as a terminal
/// shows it: a Chinese or Japanese char is two); `None` when it is not
/// hard-wrapped. The width is the 90th percentile of the line widths (a
/// long URL or an unwrapped table line does not set it). The text is
/// wrapped when at least half of its line breaks inside paragraphs after a
/// line of half the width or more fall inside a sentence at a full line:
/// one the next line's first word would not have fitted on (within a tenth
/// of the width). Wrapped text (a book from Project Gutenberg, text copied
/// out of a PDF or an e-mail) has most of its breaks there; a text of one
/// paragraph or sentence per line ends its lines with a terminator, its
/// unterminated headings are short, and verse (lines that go on in lower
/// case) has lines of every length.
pub fn hard_wrap_width(text: &str) -> Option<usize> {
    // One line (a cell `check` segments, a sentence) has no layout.
    memchr::memchr2(b'\n', b'\r', text.as_bytes())?;
    // (width, width of its first word, terminated?) of each line, and
    // whether it follows a line of its paragraph. A text's layout shows in
    // its first lines: reading a book's worth spends time for nothing.
    let mut lines = Vec::new();
    let mut follows = false;
    for line in text.lines() {
        let line = line.trim_end_matches(is_space);
        if line.trim_start_matches(is_space).is_empty() {
            follows = false;
            continue;
        }
        if lines.len() == WRAP_SAMPLE_LINES {
            break;
        }
        lines.push((
            line.width(),
            first_word_width(line),
            terminated(line),
            follows,
        ));
        follows = true;
    }
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.0).collect();
    lengths.sort_unstable();
    let width = *lengths.get((lengths.len().max(1) - 1) * 9 / 10)?;
    if width < WRAP_MIN_WIDTH {
        return None;
    }
    // Breaks after a heading or another short line say nothing either way.
    let (mut long, mut inside) = (0, 0);
    for pair in lines.windows(2) {
        let ((prev, _, ended, _), (_, next_word, _, follows)) = (pair[0], pair[1]);
        if follows && 2 * prev >= width {
            long += 1;
            inside += usize::from(!ended && fills(prev, next_word, width));
        }
    }
    (inside >= WRAP_MIN_BREAKS && 2 * inside >= long).then_some(width)
}

/// How many lines [`hard_wrap_width`] reads at most.
const WRAP_SAMPLE_LINES: usize = 2_000;

/// Whether a line break of text wrapped at `width` is a space (see the
/// comments inside); `continued`: the paragraph has lines before `prev`. A
/// list item starts anew, unless the line before runs on into it
/// unterminated and is neither an item nor indented under one (`born in` /
/// `1948. He`, `the flag` / `- as is`).
fn wraps(prev: &str, line: &str, width: usize, continued: bool) -> bool {
    let line = line.trim_start_matches(is_space);
    if introduces(prev) {
        // A colon ends no sentence: left apart, the lines would cut one
        // (`he said:` / `"We won."`). It runs on where the next word would
        // not have fitted, as an unterminated line does, but never into a
        // list item, and not over a short line (`Ingredients:`).
        return !starts_list_item(line) && full(prev, line, width);
    }
    if terminated(prev) {
        // Left apart, the lines only lose a paragraph's unity; joined, a
        // paragraph's last line takes the heading after it: the line must
        // be full to the width, with no slack.
        return !starts_list_item(line) && full(prev, line, width + width / 10);
    }
    // A sentence runs on over a full line, into lower case, and over a line
    // of half the width or more inside a paragraph (a ragged margin: text
    // copied out of a PDF); not from a paragraph's first line short of the
    // width into a capital, which is how a heading ends.
    let runs_on = full(prev, line, width) || (continued && 2 * prev.width() >= width);
    if starts_list_item(line) {
        let under_item = prev.starts_with(is_space) || starts_list_item(prev);
        return runs_on && !under_item;
    }
    runs_on || line.chars().next().is_some_and(char::is_lowercase)
}

/// Whether the first word of `line` would not have fitted after `prev` on
/// a line of `width` columns, within a tenth of the width (text set in a
/// proportional font and copied out is ragged).
fn full(prev: &str, line: &str, width: usize) -> bool {
    fills(
        prev.trim_end_matches(is_space).width(),
        first_word_width(line),
        width,
    )
}

/// Whether a word of `word` columns would not have fitted after a line of
/// `line` columns, within a tenth of `width`.
fn fills(line: usize, word: usize, width: usize) -> bool {
    line + 1 + word > width - width / 10
}

/// The columns of `line`'s first word; of its first char, in Chinese and
/// Japanese, which wrap after any char.
fn first_word_width(line: &str) -> usize {
    let line = line.trim_start_matches(is_space);
    match line.chars().next() {
        Some(c) if crate::lang::is_han_or_kana(c) => c.width().unwrap_or(2),
        _ => line.split(is_space).next().unwrap_or("").width(),
    }
}

/// `line` without the spaces, closing quotes and brackets at its end: what
/// is left ends with the mark that ends the line's sentence, if any.
fn bare_end(line: &str) -> &str {
    line.trim_end_matches(is_space)
        .trim_end_matches(['"', '”', '’', '»', ')', ']', '\''])
}

/// Whether a line ends a sentence or introduces what follows: a terminator
/// or a colon, before any closing quotes and brackets.
fn terminated(line: &str) -> bool {
    bare_end(line).ends_with(['.', '!', '?', '؟', '…', ':', '。', '！', '？'])
}

/// Whether a line ends in a colon (before any closing quotes and brackets),
/// which introduces what follows rather than ending a sentence.
fn introduces(line: &str) -> bool {
    bare_end(line).ends_with([':', '：'])
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
    let terminated = bare_end(prev).ends_with(['.', '!', '?', '؟', '…']);
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

    /// `text`'s paragraphs wrapped at `width` as `fold -s` does.
    fn fold(text: &str, width: usize) -> String {
        let mut out = String::new();
        for paragraph in text.lines() {
            let mut length = 0;
            for word in paragraph.split(' ') {
                if length > 0 && length + 1 + word.len() > width {
                    out.push('\n');
                    length = 0;
                } else if length > 0 {
                    out.push(' ');
                    length += 1;
                }
                out.push_str(word);
                length += word.len();
            }
            out.push('\n');
        }
        out
    }

    const ARTICLE: &str = "Heavy rain hits the coast\n\
        Heavy rain fell on the coast on Monday, and the roads into the city were closed for most of the day while crews cleared them. \
        Officials said that the river rose by 2 metres overnight.\n\
        Residents were told to stay at home. Schools in the region will stay shut until Wednesday, the council said in a statement.\n\
        What comes next\n\
        Forecasters expect more rain at the weekend - as is usual in November - and warn of floods in the valleys.";

    #[test]
    fn a_hard_wrapped_text_is_read_as_its_paragraphs() {
        for width in [40, 60, 72] {
            let wrapped = fold(ARTICLE, width);
            assert!(
                hard_wrap_width(&wrapped).is_some_and(|w| w <= width),
                "{width}"
            );
            let paragraphs: Vec<String> = Chunks::new(&wrapped, LineBreaks::Detect)
                .map(|c| wrapped[c.start..c.end].replace('\n', " "))
                .collect();
            assert_eq!(paragraphs, ARTICLE.lines().collect::<Vec<_>>(), "{width}");
        }
    }

    #[test]
    fn a_text_of_lines_is_not_hard_wrapped() {
        // Arberry's Koran, sura 56: lines of every length, in lower case.
        let verse = "When the Terror descends\n(and none denies its descending)\nabasing, exalting,\n\
            when the earth shall be rocked\nand the mountains crumbled\nand become a dust, scattered,\n\
            and you shall be three bands --\nCompanions of the Right (O Companions of the Right!)\n\
            Companions of the Left (O Companions of the Left!)\nand the Outstrippers: the Outstrippers\n\
            those are they brought nigh the Throne,\nin the Gardens of Delight\n(a throng of the ancients\n\
            and how few of the later folk)\nupon close-wrought couches\nreclining upon them, set face to face,\n\
            immortal youths going round about them\nwith goblets, and ewers, and a cup from a spring";
        let terms = "apple pie\nbanana bread\ncherry tart\ndate loaf\nelderflower jelly";
        let heading = "Putter King Scavenger Hunt Trophy\n(6 3/4\" Engraved Crystal Trophy - Picture Coming Soon)\n\
            The Putter King team will judge the scavenger hunt.";
        for text in [ARTICLE, verse, terms, heading] {
            assert_eq!(hard_wrap_width(text), None, "{text}");
            assert_eq!(
                spans(text, LineBreaks::Detect),
                spans(text, LineBreaks::Sentence),
                "{text}"
            );
        }
    }

    #[test]
    fn chinese_is_wrapped_after_any_char_and_its_headings_are_not() {
        let article = "第一条\n人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。\n\
            第二条\n人人有资格享有本宣言所载的一切权利和自由，不分种族、肤色、性别、语言、宗教、政治或其他见解。\n\
            第三条\n人人有权享有生命、自由和人身安全。\n第四条\n任何人不得使为奴隶或奴役；一切形式的奴隶制度和奴隶买卖，均应予以禁止。";
        assert_eq!(hard_wrap_width(article), None);
        let wrapped: String = article
            .lines()
            .flat_map(|line| {
                let chars: Vec<char> = line.chars().collect();
                chars
                    .chunks(20)
                    .map(|c| c.iter().collect::<String>() + "\n")
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(hard_wrap_width(&wrapped), Some(40));
        let chunks: Vec<String> = Chunks::new(&wrapped, LineBreaks::Detect)
            .map(|c| wrapped[c.start..c.end].replace('\n', ""))
            .collect();
        assert_eq!(chunks, article.lines().collect::<Vec<_>>());
    }

    #[test]
    fn a_wrapped_line_may_start_like_a_list_item() {
        let text = fold(
            "The club was founded by sailors who had crossed the ocean in 1948. They still meet. \
             The old flag is kept - as is the wish to sail the Pacific Ocean once more. \
             Its members are listed below:\n- Anna Berg\n- Tom Reyes",
            40,
        );
        let chunks = spans(&text, LineBreaks::Detect);
        assert_eq!(chunks.len(), 3, "{chunks:?}");
        assert!(chunks[0].0.ends_with("listed below:"), "{chunks:?}");
    }

    #[test]
    fn a_wrapped_line_ending_in_a_colon_runs_on_unless_short() {
        // Ragged, as text copied out of a PDF is: `said:` ends a line with
        // room for a few more chars, yet not for `"They`.
        let text = "The farmers of the valley met on Monday and one\n\
             of them, who kept pigs for years, said:\n\
             \"They are just being playful.\" Then he left the\n\
             hall. The recipe below needs three things and\n\
             sugar: flour, eggs and milk, all of them fresh.\n\
             Bake it for an hour.\n\
             Ingredients:\n\
             Flour and sugar are mixed first.";
        assert_eq!(hard_wrap_width(text), Some(47));
        let chunks: Vec<String> = spans(text, LineBreaks::Detect)
            .iter()
            .map(|c| c.0.replace('\n', " "))
            .collect();
        assert_eq!(chunks.len(), 3, "{chunks:?}");
        assert!(chunks[0].contains("said: \"They"), "{chunks:?}");
        assert_eq!(chunks[1], "Ingredients:");
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
