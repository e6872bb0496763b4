//! Sentence segmentation for English and Persian.
//!
//! The text is never changed: a [`Sentence`] is a byte span of the input,
//! trimmed of surrounding whitespace, so the sentences concatenated give the
//! input back up to whitespace. Segmentation runs in two stages:
//!
//! 1. **chunking** ([`LineBreaks`]) decides which line breaks end sentences
//!    and numbers the paragraphs;
//! 2. **scanning** judges each candidate terminator (`. ! ? ؟ … ۔`) inside a
//!    chunk from the words around it.
//!
//! ```
//! use bitext::{Lang, Segmenter};
//!
//! let text = "Mr. Smith arrived. He sat down.\nشما کجایی هستید؟ من از تهران هستم.";
//! let sentences = Segmenter::auto().split(text);
//! assert_eq!(
//!     sentences,
//!     ["Mr. Smith arrived.", "He sat down.", "شما کجایی هستید؟", "من از تهران هستم."]
//! );
//! ```

mod chunk;
mod context;
mod english;
mod list;
mod persian;
mod scan;
mod text;

pub use chunk::{hard_wrap_width, LineBreaks};

use crate::error::Result;
use crate::lang::{guess_lang, Lang, Script};
use chunk::Chunks;

/// One sentence: a byte span of the input and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Byte offset of the sentence's first char in the input.
    pub start: usize,
    /// Byte offset just past its last char.
    pub end: usize,
    /// 0-based paragraph number (see [`LineBreaks`]).
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence's text, as it stands in `input` (line breaks inside it
    /// included, when lines were joined).
    pub fn text<'t>(&self, input: &'t str) -> &'t str {
        &input[self.start..self.end]
    }

    /// The sentence on one line: each line break inside it (hard-wrapped
    /// text), with the spaces around it, as one space, so a corpus row or a
    /// line of output reads as the sentence does (`fold -s` leaves a space
    /// at each line's end).
    pub fn line(&self, input: &str) -> String {
        one_line(self.text(input))
    }
}

/// `sentence` on one line (see [`Sentence::line`]).
pub(crate) fn one_line(sentence: &str) -> String {
    if !sentence.contains(['\r', '\n']) {
        return sentence.to_string();
    }
    let mut out = String::with_capacity(sentence.len());
    for (k, line) in sentence.split(['\r', '\n']).enumerate() {
        let line = if k == 0 { line } else { line.trim_start() };
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.truncate(out.trim_end().len());
            if !splits_a_word(&out, line) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Whether a line break joins two pieces with no space between them: a
/// line ending in a hyphen after a letter, before a line going on in lower
/// case, breaks a word there (`inter-` / `national`, `Jong-` / `un`: text
/// copied out of a PDF or a book hyphenates; the hyphen stays,
/// `inter-national`, as which hyphens a typesetter added only a dictionary
/// knows); and Chinese and Japanese, written without spaces, wrap anywhere
/// (`今天` / `下雨`).
fn splits_a_word(before: &str, after: &str) -> bool {
    let mut end = before.chars().rev();
    let (last, next) = (end.next(), after.chars().next());
    let unspaced = |c: Option<char>| {
        c.is_some_and(|c| {
            crate::lang::is_han_or_kana(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
        })
    };
    if unspaced(last) && unspaced(next) {
        return true;
    }
    matches!(last, Some('-' | '\u{2010}' | '\u{ad}'))
        && end.next().is_some_and(char::is_alphabetic)
        && next.is_some_and(char::is_lowercase)
}

/// Splits text into sentences; configure once, use for many texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segmenter {
    /// `None`: decide per paragraph.
    lang: Option<Lang>,
    line_breaks: LineBreaks,
    keep_quotations: bool,
}

impl Segmenter {
    /// A segmenter for `lang` that ends a sentence at every line break.
    /// Arabic-script languages get Persian's rules, every other language
    /// English's.
    pub fn new(lang: Lang) -> Self {
        Segmenter::for_language(Some(lang))
    }

    /// A segmenter that chooses English or Persian rules for each
    /// paragraph by the script of its letters.
    pub fn auto() -> Self {
        Segmenter::for_language(None)
    }

    /// [`Segmenter::new`] for a language, [`Segmenter::auto`] for `None`
    /// (a language bitext does not know).
    pub fn for_language(lang: Option<Lang>) -> Self {
        Segmenter {
            lang,
            line_breaks: LineBreaks::default(),
            keep_quotations: true,
        }
    }

    /// The segmenter a user's `--lang` asks for: a language code or `auto`.
    /// A code bitext has no rules of its own for (`zh`, `hi`, `ja-JP`)
    /// gets [`Segmenter::auto`]'s, chosen by the script, as `align` does;
    /// what is not a language code at all is refused.
    pub fn for_code(code: &str) -> Result<Self> {
        if code.trim().eq_ignore_ascii_case("auto") {
            return Ok(Segmenter::auto());
        }
        match Lang::from_code(code) {
            Some(lang) => Ok(Segmenter::new(lang)),
            None if is_language_tag(code) => Ok(Segmenter::auto()),
            None => Err(crate::lang::unknown(code, "auto, ")),
        }
    }

    /// Whether an English quotation of several sentences stays one sentence
    /// (`"How many? I don't know."`), as the Golden Rules and most
    /// segmentation test sets want — the default. The aligner turns this
    /// off: translations keep quoted sentences apart, and Persian quotations
    /// are always split.
    pub fn with_quotations_kept(mut self, keep: bool) -> Self {
        self.keep_quotations = keep;
        self
    }

    /// Sets how single line breaks are read.
    pub fn with_line_breaks(mut self, line_breaks: LineBreaks) -> Self {
        self.line_breaks = line_breaks;
        self
    }

    /// How single line breaks are read.
    pub fn line_breaks(&self) -> LineBreaks {
        self.line_breaks
    }

    /// The language whose rules apply (`None`: decided per paragraph).
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// This segmenter for `text`: its language's rules where the text is
    /// written in that language's script, else (German given as Persian,
    /// Chinese as either) the rules [`Segmenter::auto`] picks per
    /// paragraph by script, with the same settings.
    pub fn suited_to(&self, text: &str) -> Self {
        match (self.lang, crate::lang::text_script(text)) {
            (Some(lang), Some((script, _))) if lang.script() != script => Segmenter {
                lang: None,
                ..*self
            },
            _ => *self,
        }
    }

    /// Iterates over the sentences of `text`. Memory use is bounded by the
    /// number of sentences in one chunk, not the size of the text.
    pub fn sentences<'t>(&self, text: &'t str) -> Sentences<'t> {
        Sentences {
            text,
            lang: self.lang,
            keep_quotations: self.keep_quotations,
            chunks: Chunks::new(text, self.line_breaks),
            buffer: Vec::new(),
            next: 0,
            paragraph: 0,
        }
    }

    /// The sentences of `text` as string slices.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.sentences(text).map(|s| s.text(text)).collect()
    }
}

/// Whether `code` is shaped like a BCP 47 language tag: a primary subtag
/// of 2–3 ASCII letters (ISO 639-1/2/3), then any subtags (`zh-Hant-TW`).
fn is_language_tag(code: &str) -> bool {
    let mut parts = code.trim().split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Splits `text` into sentences under the rules of `lang`, ending a
/// sentence at every line break.
pub fn split_sentences(text: &str, lang: Lang) -> Vec<&str> {
    Segmenter::new(lang).split(text)
}

/// The rules the scanner applies to `lang`: Persian's (`Fa`) to
/// Arabic-script languages, English's (`En`) to every other.
fn rules(lang: Lang) -> Lang {
    match lang.script() {
        Script::Arabic => Lang::Fa,
        _ => Lang::En,
    }
}

/// Iterator over the sentences of a text; see [`Segmenter::sentences`].
pub struct Sentences<'t> {
    text: &'t str,
    lang: Option<Lang>,
    keep_quotations: bool,
    chunks: Chunks<'t>,
    buffer: Vec<(usize, usize)>,
    next: usize,
    paragraph: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        while self.next >= self.buffer.len() {
            let chunk = self.chunks.next()?;
            let lang = match self.lang {
                None => guess_lang(&self.text[chunk.start..chunk.end]),
                Some(lang) => rules(lang),
            };
            self.buffer.clear();
            self.next = 0;
            self.paragraph = chunk.paragraph;
            let rules = (lang, self.keep_quotations);
            scan::split_chunk(self.text, chunk.start, chunk.end, rules, &mut self.buffer);
        }
        let (start, end) = self.buffer[self.next];
        self.next += 1;
        Some(Sentence {
            start,
            end,
            paragraph: self.paragraph,
        })
    }
}

#[cfg(test)]
mod tests;
