//! Reading a terminator run and what still belongs to its sentence after
//! it: closers, citations, footnotes, spaced terminators and quotes.

use super::{is_closer, is_terminator, Scanner};
use crate::segment::text::{char_at, char_before, is_space, skip_space, token_end};

/// A run of terminators such as `?!`, `...`, `! ? `, `. . .` with what
/// follows it.
#[derive(Default)]
pub(super) struct Run {
    /// Byte just after the last terminator.
    pub(super) end: usize,
    /// Byte just after the closers, citations and spaced terminators that
    /// still belong to this sentence.
    pub(super) tail: usize,
    pub(super) dots: usize,
    pub(super) ellipsis_char: bool,
    pub(super) question: bool,
    pub(super) bang: bool,
    /// Closers or citations were glued to the run.
    pub(super) closed: bool,
}

impl Run {
    pub(super) fn ellipsis(&self) -> bool {
        self.dots >= 2 || self.ellipsis_char
    }
}

impl Scanner<'_, '_> {
    /// Reads the terminator run at `at` and everything after it that still
    /// belongs to the sentence.
    pub(super) fn run_at(&self, at: usize) -> Run {
        let mut run = Run::default();
        let mut i = self.terminators(at, &mut run);
        run.end = i;
        let glued = self.closers_after(i);
        run.closed = glued > i;
        i = self.citations_after(glued);
        i = self.footnotes_after(at, i);
        run.closed |= i > glued;
        run.tail = self.spaced_tail(i, &mut run);
        run
    }

    /// Consumes `?!`, `...`, `. . .`, `…`, counting what was seen.
    fn terminators(&self, mut i: usize, run: &mut Run) -> usize {
        while let Some(c) = char_at(self.text, i, self.hi) {
            match c {
                '.' | '．' | '。' | '۔' => run.dots += 1,
                c if super::is_other_stop(c) => run.dots += 1,
                '…' => run.ellipsis_char = true,
                '!' | '！' => run.bang = true,
                '?' | '؟' | '？' => run.question = true,
                ' ' if run.dots > 0 && char_at(self.text, i + 1, self.hi) == Some('.') => {
                    run.ellipsis_char = true; // `. . .` is one ellipsis
                }
                _ => break,
            }
            i += c.len_utf8();
        }
        i
    }

    /// Skips closing quotes and brackets (and terminators among them) that
    /// are followed by whitespace, the end, or another closer: `.)”`.
    /// A quote followed by a letter (`Jr.'s`) is not a closer.
    pub(super) fn closers_after(&self, i: usize) -> usize {
        let (text, hi) = (self.text, self.hi);
        let mut j = i;
        while let Some(c) = char_at(text, j, hi) {
            if !(is_closer(c) || is_terminator(c)) {
                break;
            }
            j += c.len_utf8();
        }
        match char_at(text, j, hi) {
            None => j,
            Some(c) if is_space(c) || c == '[' => j,
            // `near."12 Historians …`: a footnote's number after a quote,
            // which therefore closed.
            Some(c) if c.is_ascii_digit() && footnote_at(text, j, hi) => j,
            // Glued to a following word: keep only the closers that cannot
            // open one, then stop.
            _ => {
                let mut k = i;
                while let Some(c) = char_at(text, k, j) {
                    // (`」` and the other CJK closers: Chinese and
                    // Japanese glue the next sentence to them.)
                    if !matches!(
                        c,
                        ')' | ']'
                            | '}'
                            | '»'
                            | '”'
                            | '.'
                            | '!'
                            | '?'
                            | '؟'
                            | '」'
                            | '』'
                            | '）'
                            | '】'
                            | '》'
                            | '〉'
                            | '〕'
                            | '。'
                            | '！'
                            | '？'
                            | '｡'
                    ) {
                        break;
                    }
                    k += c.len_utf8();
                }
                k
            }
        }
    }

    /// Wikipedia-style citations after a terminator: `.[1]`, `. [1][2] [3]`.
    fn citations_after(&self, mut i: usize) -> usize {
        loop {
            let j = skip_space(self.text, i, self.hi);
            let rest = &self.text[j..self.hi];
            let Some(body) = rest.strip_prefix('[') else {
                return i;
            };
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=3).contains(&digits) || body.as_bytes().get(digits) != Some(&b']') {
                return i;
            }
            i = j + digits + 2;
        }
    }

    /// Space-separated pieces that still close the sentence: more
    /// terminators (`Wind Tribe ! ! !`, `Happy! . . .`) and lone closing
    /// quotes (`'' .`, or `'` when a quote is open).
    fn spaced_tail(&self, mut i: usize, run: &mut Run) -> usize {
        loop {
            let j = skip_space(self.text, i, self.hi);
            if j == i || j >= self.hi {
                return i;
            }
            let end = token_end(self.text, j, self.hi);
            let token = &self.text[j..end];
            if token.chars().all(is_terminator) {
                self.terminators(j, run);
                i = end;
            } else if matches!(token, "”" | "»")
                || (matches!(token, ")" | "]") && self.context.bracket_open())
                || (matches!(token, "'" | "\"" | "''")
                    && (self.context.quote_open() || self.comma_after(end))
                    && !run.closed)
            {
                run.closed = true;
                i = end;
            } else {
                return i;
            }
        }
    }

    /// Whether a comma or semicolon follows `i` (after spaces): a quote
    /// mark before one closes a quotation, it cannot open a sentence.
    fn comma_after(&self, i: usize) -> bool {
        let next = skip_space(self.text, i, self.hi);
        char_at(self.text, next, self.hi).is_some_and(|c| matches!(c, ',' | ';' | '،' | '؛'))
    }

    /// `consultation.11 12 Take`, `(type 2).10 This`: footnote numbers
    /// glued to a full stop after a word, before a capitalised word.
    fn footnotes_after(&self, at: usize, i: usize) -> usize {
        let text = self.text;
        let after_word = char_before(text, at, self.sent_start)
            .is_some_and(|p| p.is_alphabetic() || matches!(p, ')' | '"' | '”' | '’' | '»'));
        if !after_word
            || text.as_bytes()[at] != b'.'
            || !char_at(text, i, self.hi).is_some_and(|c| c.is_ascii_digit())
        {
            return i;
        }
        let mut end = i;
        loop {
            let Some((token_stop, next, after)) = footnote_number(text, end, self.hi) else {
                return i;
            };
            match after {
                Some(c) if c.is_uppercase() => return token_stop,
                Some(c) if c.is_ascii_digit() => end = next,
                _ => return i,
            }
        }
    }
}

/// Whether a footnote's number starts at `i`, a capital after it (`.12
/// Historians`).
fn footnote_at(text: &str, i: usize, hi: usize) -> bool {
    footnote_number(text, i, hi).is_some_and(|(_, _, after)| after.is_some_and(char::is_uppercase))
}

/// A footnote's number at `i` — a token of one to three digits — as where
/// it ends, where the next token starts and that token's first char.
fn footnote_number(text: &str, i: usize, hi: usize) -> Option<(usize, usize, Option<char>)> {
    let stop = token_end(text, i, hi);
    let token = &text[i..stop];
    if token.is_empty() || token.len() > 3 || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let next = skip_space(text, stop, hi);
    Some((stop, next, char_at(text, next, hi)))
}
