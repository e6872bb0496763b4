//! The boundary scanner: finds sentence ends inside one chunk of text.
//!
//! One pass over the bytes looks for candidate terminators with a lookup
//! table (the hot loop touches nothing else), then each candidate is judged
//! from its neighbourhood: the terminator run, the closing quotes and
//! brackets after it, the word before and the word after. Line breaks never
//! reach this code: chunking has already decided them.

use super::text::{
    char_at, char_before, core, is_space, skip_space, token_end, token_start, trim_space_back,
    word_count,
};
use super::{english, list, persian};
use crate::lang::{is_arabic_letter, script_of, Lang, Script};
use english::Abbrev;

/// Bytes that may belong to a candidate: ASCII `. ! ? )`, and the last byte
/// of `؟` (D8 9F), `…` (E2 80 A6), `۔` (DB 94), `•` (E2 80 A2) and
/// `⁃` (E2 81 83). Others chars sharing those bytes are filtered after
/// decoding.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = [b'.', b'!', b'?', b')', 0x9F, 0xA6, 0x94, 0xA2, 0x83];
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

/// What the scanner does at a candidate.
enum Verdict {
    /// Not a boundary; continue scanning at this byte.
    Continue(usize),
    /// The sentence ends at `end`; the next one starts at or after `next`.
    End { end: usize, next: usize },
    /// A list marker starts a new sentence at `at`.
    Marker {
        at: usize,
        label: list::Label,
        resume: usize,
    },
}

/// A run of terminators such as `?!`, `...`, `. . .` or `.)”`.
struct Run {
    /// Byte just after the last terminator.
    end: usize,
    /// Byte just after the trailing closers.
    after_closers: usize,
    dots: usize,
    ellipsis: bool,
    question_or_bang: bool,
    bang_only: bool,
}

/// Splits `text[lo..hi]` into sentences, appending `(start, end)` byte spans
/// (trimmed of whitespace) to `out`.
pub fn split_chunk(text: &str, lo: usize, hi: usize, lang: Lang, out: &mut Vec<(usize, usize)>) {
    let mut scanner = Scanner {
        text,
        hi,
        lang,
        sent_start: skip_space(text, lo, hi),
        clause_start: 0,
        after_vocative: false,
        marker: None,
        out,
    };
    let mut i = scanner.start_sentence(scanner.sent_start, true);
    let bytes = text.as_bytes();
    while i < hi {
        let Some(offset) = bytes[i..hi].iter().position(|&b| CANDIDATE[b as usize]) else {
            break;
        };
        let pos = i + offset;
        let start = char_start(bytes, pos);
        let c = text[start..].chars().next().unwrap_or('\0');
        i = match scanner.judge(start, c) {
            Verdict::Continue(next) => next.max(pos + 1),
            Verdict::End { end, next } => {
                scanner.push(end);
                scanner.start_sentence(skip_space(text, next, hi), false)
            }
            Verdict::Marker { at, label, resume } => {
                scanner.push(trim_space_back(text, at, scanner.sent_start));
                scanner.sent_start = at;
                scanner.clause_start = at;
                scanner.marker = Some(label);
                resume
            }
        };
    }
    let end = trim_space_back(text, hi, scanner.sent_start);
    scanner.push(end);
}

/// The start of the UTF-8 sequence containing byte `pos`.
fn char_start(bytes: &[u8], mut pos: usize) -> usize {
    while pos > 0 && (bytes[pos] & 0xC0) == 0x80 {
        pos -= 1;
    }
    pos
}

struct Scanner<'t, 'o> {
    text: &'t str,
    hi: usize,
    lang: Lang,
    sent_start: usize,
    /// Where the text after the last non-boundary terminator begins.
    clause_start: usize,
    after_vocative: bool,
    marker: Option<list::Label>,
    out: &'o mut Vec<(usize, usize)>,
}

impl Scanner<'_, '_> {
    fn push(&mut self, end: usize) {
        if end > self.sent_start {
            self.out.push((self.sent_start, end));
        }
    }

    /// Begins a sentence at `at`; returns where scanning resumes (after a
    /// list marker or a dateline).
    fn start_sentence(&mut self, at: usize, chunk_start: bool) -> usize {
        self.sent_start = at;
        self.clause_start = at;
        self.after_vocative = false;
        let rest = &self.text[at..self.hi];
        if chunk_start && self.lang == Lang::Fa {
            if let Some(len) = persian::dateline_len(rest) {
                self.out.push((at, at + len));
                let next = skip_space(self.text, at + len, self.hi);
                return self.start_sentence(next, false);
            }
        }
        match list::parse(rest) {
            Some(marker) => {
                self.marker = Some(marker.label);
                at + marker.len
            }
            None => {
                self.marker = None;
                at
            }
        }
    }

    fn judge(&mut self, at: usize, c: char) -> Verdict {
        if is_terminator(c) {
            if let Some(verdict) = self.next_list_item(at, c) {
                return verdict;
            }
            return self.judge_terminator(at);
        }
        if matches!(c, ')' | '•' | '⁃') {
            if let Some(verdict) = self.next_list_item(at, c) {
                return verdict;
            }
        }
        Verdict::Continue(at + c.len_utf8())
    }

    /// At `.` or `)` (or a bullet) inside a list item, the next item's
    /// marker starts a new sentence.
    fn next_list_item(&self, at: usize, c: char) -> Option<Verdict> {
        let current = self.marker?;
        let token = if matches!(c, '•' | '⁃') {
            at
        } else {
            if !matches!(c, '.' | ')') {
                return None;
            }
            token_start(self.text, at, self.sent_start)
        };
        if token <= self.sent_start {
            return None;
        }
        let marker = list::parse(&self.text[token..self.hi])?;
        if !current.is_followed_by(marker.label) || token + marker.len <= at {
            return None;
        }
        // `• 10.`: the bullet before the counter belongs to the new item.
        let before = trim_space_back(self.text, token, self.sent_start);
        let at_bullet = match char_before(self.text, before, self.sent_start) {
            Some(b) if matches!(b, '•' | '⁃' | '*') && before - b.len_utf8() > self.sent_start => {
                before - b.len_utf8()
            }
            _ => token,
        };
        Some(Verdict::Marker {
            at: at_bullet,
            label: marker.label,
            resume: token + marker.len,
        })
    }

    fn run_at(&self, at: usize) -> Run {
        let (text, hi) = (self.text, self.hi);
        let mut run = Run {
            end: at,
            after_closers: at,
            dots: 0,
            ellipsis: false,
            question_or_bang: false,
            bang_only: true,
        };
        let mut i = at;
        while let Some(c) = char_at(text, i, hi) {
            if is_terminator(c) {
                match c {
                    '.' => run.dots += 1,
                    '…' => run.ellipsis = true,
                    '!' => run.question_or_bang = true,
                    _ => {
                        run.question_or_bang = true;
                        run.bang_only = false;
                    }
                }
                if c != '!' && c != '.' {
                    run.bang_only = false;
                }
                i += c.len_utf8();
            } else if c == ' ' && run.dots > 0 && char_at(text, i + 1, hi) == Some('.') {
                // `. . .`: spaced dots are one ellipsis.
                run.ellipsis = true;
                i += 1;
            } else {
                break;
            }
        }
        run.end = i;
        run.ellipsis |= run.dots >= 2;
        if run.dots > 0 && run.question_or_bang {
            run.bang_only = false;
        }
        run.after_closers = self.closers_after(i);
        run
    }

    /// Skips closing quotes and brackets (and terminators among them) that
    /// are followed by whitespace, the end, or another closer: `.)”`.
    /// A quote followed by a letter (`Jr.'s`) is not a closer.
    fn closers_after(&self, i: usize) -> usize {
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
            Some(c) if is_space(c) => j,
            // Glued to a following word: keep only the closers that cannot
            // open one (`)` and `]`), then stop.
            _ => {
                let mut k = i;
                while let Some(c) = char_at(text, k, j) {
                    if !matches!(c, ')' | ']' | '}' | '»' | '”' | '.' | '!' | '?' | '؟') {
                        break;
                    }
                    k += c.len_utf8();
                }
                k
            }
        }
    }

    fn judge_terminator(&mut self, at: usize) -> Verdict {
        let (text, hi) = (self.text, self.hi);
        let run = self.run_at(at);
        let next = skip_space(text, run.after_closers, hi);
        let keep_going = Verdict::Continue(run.end);
        let Some(next_char) = char_at(text, next, hi) else {
            return keep_going; // the chunk's end closes the sentence anyway
        };
        let prev = char_before(text, at, self.sent_start);
        let spaced = next > run.after_closers;
        let had_closers = run.after_closers > run.end;
        let boundary = if !spaced {
            self.glued_boundary(at, &run, prev, next_char)
        } else if run.ellipsis && !run.question_or_bang {
            self.ellipsis_boundary(at, &run, prev, next_char)
        } else if had_closers && next_char.is_lowercase() {
            false // `"This is great." she said.`
        } else if had_closers && self.saying_clause_follows(next) {
            false
        } else if run.question_or_bang {
            self.question_or_bang_boundary(at, &run, next, next_char)
        } else {
            self.full_stop_boundary(at, next, next_char)
        };
        if boundary {
            Verdict::End {
                end: run.after_closers,
                next,
            }
        } else {
            self.clause_start = run.after_closers;
            keep_going
        }
    }

    /// A terminator with no space after it: `world.Today`, `آمد؟من`,
    /// `3.14`, `example.com`, `U.S.A`.
    fn glued_boundary(&self, at: usize, run: &Run, prev: Option<char>, next: char) -> bool {
        if run.ellipsis || !next.is_alphabetic() || self.in_url_or_email(at) {
            return false;
        }
        if run.question_or_bang {
            return is_arabic_letter(next) || next.is_uppercase();
        }
        let word = core(&self.text[token_start(self.text, at, self.sent_start)..at]);
        match script_of(next) {
            Some(Script::Arabic) => !persian::is_abbreviation(word),
            Some(Script::Latin) if next.is_uppercase() => {
                prev.is_some_and(|p| !p.is_uppercase() || p.is_numeric())
                    && word.chars().count() >= 2
                    && english::classify(word) == Abbrev::None
            }
            _ => false,
        }
    }

    fn in_url_or_email(&self, at: usize) -> bool {
        let start = token_start(self.text, at, self.sent_start);
        let end = token_end(self.text, at, self.hi);
        let token = &self.text[start..end];
        token.contains('@') || token.contains("://") || token.contains("www.")
    }

    /// `...`, `…`, `. . .`, `....`.
    fn ellipsis_boundary(&self, at: usize, run: &Run, prev: Option<char>, next: char) -> bool {
        if prev.is_none_or(|p| is_space(p) || matches!(p, '(' | '[')) {
            return false; // `really ... I`, `(...)`
        }
        let word = core(&self.text[token_start(self.text, at, self.sent_start)..at]);
        if word == "و" || self.lang == Lang::Fa || prev.is_some_and(is_arabic_letter) {
            return false; // `و...` is "etc."; Persian uses … as a pause
        }
        let four_dots = run.dots >= 4 || (run.dots >= 1 && self.text[at..run.end].contains('…'));
        if next.is_lowercase() {
            return false;
        }
        four_dots || next.is_uppercase() || is_arabic_letter(next)
    }

    /// Whether the text from `next` to the next terminator is a short
    /// "… he asked" clause (Persian verbs of saying).
    fn saying_clause_follows(&self, next: usize) -> bool {
        let rest = &self.text[next..self.hi];
        let end = rest
            .char_indices()
            .take(80)
            .find(|&(_, c)| is_terminator(c))
            .map_or(rest.len().min(240), |(i, _)| i);
        let clause = &rest[..rest.floor_char_boundary_compat(end)];
        clause.chars().any(is_arabic_letter) && persian::is_saying_clause(clause)
    }

    fn question_or_bang_boundary(
        &mut self,
        at: usize,
        run: &Run,
        next: usize,
        next_char: char,
    ) -> bool {
        if run.bang_only {
            let word = core(&self.text[token_start(self.text, at, self.sent_start)..at]);
            if english::is_exclaimed_name(word) && next_char.is_lowercase() {
                return false; // `Yahoo! in the accounting department`
            }
            let clause = &self.text[self.clause_start..at];
            let vocative = persian::is_vocative(clause)
                || (self.after_vocative
                    && word_count(clause) <= 2
                    && clause.chars().any(is_arabic_letter));
            if vocative && char_at(self.text, next, self.hi).is_some_and(is_arabic_letter) {
                self.after_vocative = true;
                return false;
            }
        }
        true
    }

    fn full_stop_boundary(&self, at: usize, next: usize, next_char: char) -> bool {
        let text = self.text;
        let prev_token = &text[token_start(text, at, self.sent_start)..at];
        let word = core(prev_token);
        if word.is_empty() {
            return true;
        }
        let Some(script) = word.chars().find_map(script_of) else {
            return true; // a number: `in 1990. So`
        };
        if script == Script::Arabic {
            return !persian::is_abbreviation(word);
        }
        let next_word = core(&text[next..token_end(text, next, self.hi)]);
        let capital_starter = next_char.is_uppercase() && english::is_sentence_starter(next_word);
        match english::classify(word) {
            Abbrev::None => true,
            Abbrev::Title => false,
            Abbrev::Numeric => !next_char.is_numeric(),
            Abbrev::General => capital_starter || is_opening(next_char),
            Abbrev::Final => next_char.is_uppercase() || is_arabic_letter(next_char),
            Abbrev::Initial => capital_starter,
        }
    }
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘')
}

/// `str::floor_char_boundary` is unstable; this is the stable equivalent.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}
