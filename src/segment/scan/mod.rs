//! The boundary scanner: finds sentence ends inside one chunk of text.
//!
//! One pass over the bytes looks for candidate terminators with a lookup
//! table (the hot loop touches nothing else), then each candidate is judged
//! from its neighbourhood: the terminator run, the closing quotes, brackets
//! and citations after it, the word before and the word after, and whether
//! it stands inside an open quotation or bracket. Line breaks never reach
//! this code: chunking has already decided them.
//!
//! This file drives the scan and handles list markers, dashes and Persian
//! quotations; `run.rs` reads what follows a terminator, `decide.rs` judges
//! it.

mod decide;
mod run;

use super::context::Context;
use super::text::{
    char_at, char_before, core, is_space, skip_space, token_start, trim_space_back, word_count,
};
use super::{list, persian};
use crate::lang::Lang;
use crate::normalize::is_invisible_mark;

/// Bytes that may belong to a candidate: ASCII `. ! ? ) -`, and the last
/// byte of `؟` (D8 9F), `…` (E2 80 A6), `۔` and `—` (DB 94, E2 80 94),
/// `»` (C2 BB), `•` (E2 80 A2), `⁃` (E2 81 83), the fullwidth `．！？`
/// (EF BC 8E/81/9F), `。` (E3 80 82) and halfwidth `｡` (EF BD A1), the
/// Devanagari dandas `। ॥` (E0 A5 A4/A5), the Armenian `։` (D6 89), the
/// Ethiopic `።` (E1 8D A2) and the Myanmar `။` (E1 81 8B). Other chars
/// sharing those bytes are filtered after decoding.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b'.', b'!', b'?', b')', b'-', 0x9F, 0xA6, 0x94, 0xA2, 0x83, 0x8E, 0x81, 0x82, 0xBB, 0xA1,
        0xA4, 0xA5, 0x89, 0x8B,
    ];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

pub(super) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '…' | '۔' | '．' | '！' | '？' | '。'
    ) || is_other_stop(c)
}

/// The full stops of scripts with a mark of their own: halfwidth `｡`,
/// the Devanagari (Hindi, Marathi, Nepali; Bengali borrows it) `।` and
/// `॥`, the Armenian `։`, the Ethiopic `።`, the Myanmar `။`.
pub(super) fn is_other_stop(c: char) -> bool {
    matches!(c, '｡' | '।' | '॥' | '։' | '።' | '။')
}

/// The marks Chinese and Japanese end a sentence with, written with no
/// space before the next: `。！？`, the halfwidth `｡` and the fullwidth
/// full stop `．` (a decimal point between digits).
fn is_cjk_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '．')
}

/// Han, kana (halfwidth too): the letters of text written without spaces
/// between words or sentences.
fn is_cjk_letter(c: char) -> bool {
    crate::lang::is_han_or_kana(c) || matches!(c as u32, 0xFF66..=0xFF9D)
}

/// Brackets and quotes that open a clause in Chinese and Japanese text.
fn is_cjk_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '（' | '【' | '《' | '〈' | '〔' | '(' | '"'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '`'
    ) || (c.is_control() && !is_space(c))
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘' | '(' | '[' | '`' | '\'')
}

/// Whether `rest` starts with a short speech introduction and an opening
/// guillemet: a few words, a colon, `«` (`او گفت: «`, `وی افزود: «`).
fn introduces_quote(rest: &str) -> bool {
    /// Longer runs are clauses of their own, not introductions.
    const MAX_WORDS: usize = 4;
    let Some(colon) = rest.find(':') else {
        return false;
    };
    let intro = &rest[..colon];
    let words = intro.split_whitespace().count();
    (1..=MAX_WORDS).contains(&words)
        && !intro.contains(['«', '»', '.', '؟', '!', '،'])
        && rest[colon + 1..].trim_start().starts_with('«')
}

/// Whether a quotation closing unterminated at the end of `before` (the
/// sentence so far) was a speech that ends the sentence: a colon opened it
/// (`او گفت: «…`), it holds a clause (a name or a term in guillemets is a
/// word or three: `حضرت فرمودند: «قوموا عنی» از نزد من …`), and `after`
/// begins a word that does not join on (`و`, `که`, `را`, `اما`, …).
/// Persian news drops the full stop inside such a quotation often; the
/// saying verb came before the colon, so the sentence is whole.
fn closes_a_speech(before: &str, after: &str) -> bool {
    /// Words that go on with the sentence after a quotation.
    const JOINING: &[&str] = &[
        "و", "یا", "که", "را", "تا", "اما", "ولی", "بلکه", "چون", "زیرا", "نیز", "هم",
    ];
    /// Fewer words are a name or a term, not a clause.
    const MIN_WORDS: usize = 4;
    let Some(open) = opened_by_colon(before) else {
        return false;
    };
    let word = after.split(is_space).next().unwrap_or("");
    word_count(&before[open..]) >= MIN_WORDS
        && word.chars().next().is_some_and(char::is_alphanumeric)
        && !JOINING.contains(&core(word))
}

/// Where the last guillemet of `before` opens, when a colon introduced it
/// (`او گفت: «…`): the quotation is a speech whose saying verb came first.
fn opened_by_colon(before: &str) -> Option<usize> {
    let open = before.rfind('«')?;
    before[..open]
        .trim_end_matches(is_space)
        .ends_with([':', '：'])
        .then_some(open)
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

/// Splits `text[lo..hi]` into sentences, appending `(start, end)` byte spans
/// (trimmed of whitespace) to `out`.
/// (`keep_quotations`: a quotation of several sentences stays one.)
pub fn split_chunk(
    text: &str,
    lo: usize,
    hi: usize,
    rules: (Lang, bool),
    out: &mut Vec<(usize, usize)>,
) {
    let (lang, keep_quotations) = rules;
    let start = skip_space(text, lo, hi);
    let mut scanner = Scanner {
        keep_quotations,
        text,
        hi,
        lang,
        sent_start: start,
        clause_start: start,
        after_vocative: false,
        marker: None,
        context: Context::new(start),
        out,
    };
    let mut i = scanner.start_sentence(start);
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
                scanner.start_sentence(skip_space(text, next, hi))
            }
            Verdict::Marker { at, label, resume } => {
                scanner.push(trim_space_back(text, at, scanner.sent_start));
                scanner.reset(at);
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
    keep_quotations: bool,
    text: &'t str,
    hi: usize,
    lang: Lang,
    sent_start: usize,
    /// Where the text after the last non-boundary terminator begins.
    clause_start: usize,
    after_vocative: bool,
    marker: Option<list::Label>,
    context: Context,
    out: &'o mut Vec<(usize, usize)>,
}
impl Scanner<'_, '_> {
    fn push(&mut self, end: usize) {
        if end > self.sent_start {
            self.out.push((self.sent_start, end));
        }
    }

    fn reset(&mut self, at: usize) {
        self.sent_start = at;
        self.clause_start = at;
        self.after_vocative = false;
        self.context = Context::new(at);
    }

    /// Begins a sentence at `at`; returns where scanning resumes (after a
    /// list marker or a dateline).
    fn start_sentence(&mut self, at: usize) -> usize {
        self.reset(at);
        let rest = &self.text[at..self.hi];
        if self.lang == Lang::Fa {
            if let Some(len) = persian::dateline_len(rest) {
                self.out.push((at, at + len));
                let next = skip_space(self.text, at + len, self.hi);
                return self.start_sentence(next);
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
        if is_terminator(c) || matches!(c, ')' | '•' | '⁃') {
            if let Some(verdict) = self.next_list_item(at, c) {
                return verdict;
            }
        }
        if is_terminator(c) {
            return self.judge_terminator(at);
        }
        if matches!(c, '-' | '—') {
            return self.judge_interruption(at, c);
        }
        if c == '»' {
            return self.judge_adjacent_quotes(at);
        }
        Verdict::Continue(at + c.len_utf8())
    }

    /// At `.` or `)` (or a bullet) inside a list item, the next item's
    /// marker starts a new sentence.
    fn next_list_item(&self, at: usize, c: char) -> Option<Verdict> {
        let current = self.marker?;
        let token = match c {
            '•' | '⁃' => at,
            '.' | ')' => token_start(self.text, at, self.sent_start),
            _ => return None,
        };
        if token <= self.sent_start {
            return None;
        }
        let marker = list::parse(&self.text[token..self.hi])?;
        // `• 10.`: the bullet before the counter belongs to the new item.
        let before = trim_space_back(self.text, token, self.sent_start);
        let at_bullet = match char_before(self.text, before, self.sent_start) {
            Some(b @ ('•' | '⁃' | '*')) if before - b.len_utf8() > self.sent_start => {
                before - b.len_utf8()
            }
            _ => token,
        };
        // The next item, a new list starting over (`2.) … 1.) …`), or
        // any bulleted item (`• 10. … ⁃9. …`).
        let restarts = marker.label.is_first() && current != marker.label;
        let bulleted = at_bullet < token || self.text[token..].starts_with(['•', '⁃']);
        if !(current.is_followed_by(marker.label) || restarts || bulleted)
            || token + marker.len <= at
        {
            return None;
        }
        Some(Verdict::Marker {
            at: at_bullet,
            label: marker.label,
            resume: token + marker.len,
        })
    }

    /// `… نبود» «اما …`: in Persian, a quotation closed without a terminator
    /// and followed at once by a new one, or by the few words that
    /// introduce one (`… پدر» او گفت: «…`), ends a sentence; so does a
    /// speech a colon opened (`می‌گوید: «من چیزی را رها نکرده‌ام» وی …`,
    /// see [`closes_a_speech`]). (A verb of saying alone continues it:
    /// `«…؟» از من پرسید.`)
    fn judge_adjacent_quotes(&self, at: usize) -> Verdict {
        let end = at + '»'.len_utf8();
        let next = skip_space(self.text, end, self.hi);
        let terminated = char_before(self.text, at, self.sent_start).is_some_and(is_terminator);
        // Web text often has a direction mark before the quote (`» \u{200f}«`).
        let mut quote = next;
        while let Some(c) = char_at(self.text, quote, self.hi).filter(|&c| is_invisible_mark(c)) {
            quote += c.len_utf8();
        }
        if self.lang == Lang::Fa
            && next > end
            && !terminated
            && (char_at(self.text, quote, self.hi) == Some('«')
                || introduces_quote(&self.text[next..self.hi])
                || closes_a_speech(&self.text[self.sent_start..at], &self.text[next..self.hi]))
        {
            Verdict::End { end, next }
        } else {
            Verdict::Continue(end)
        }
    }

    /// Speech broken off with a dash ends a sentence when a closing quote
    /// and a capitalised word follow: `"If you please, sir--" The Rabbit`.
    fn judge_interruption(&mut self, at: usize, c: char) -> Verdict {
        let text = self.text;
        let dash_end = if c == '-' {
            if !text[at..self.hi].starts_with("--") {
                return Verdict::Continue(at + 1);
            }
            at + 2
        } else {
            at + c.len_utf8()
        };
        let tail = self.closers_after(dash_end);
        let next = skip_space(text, tail, self.hi);
        let quoted = text[dash_end..tail].contains(['"', '”', '\'', '’']);
        match char_at(text, next, self.hi) {
            Some(n) if quoted && next > tail && n.is_uppercase() => {
                Verdict::End { end: tail, next }
            }
            _ => Verdict::Continue(dash_end),
        }
    }
}
