//! The boundary scanner: finds sentence ends inside one chunk of text.
//!
//! One pass over the bytes looks for candidate terminators with a lookup
//! table (the hot loop touches nothing else), then each candidate is judged
//! from its neighbourhood: the terminator run, the closing quotes, brackets
//! and citations after it, the word before and the word after, and whether
//! it stands inside an open quotation or bracket. Line breaks never reach
//! this code: chunking has already decided them.

use super::context::Context;
use super::text::{
    char_at, char_before, core, is_space, skip_space, token_end, token_start, trim_space_back,
    word_count,
};
use super::{english, list, persian};
use crate::lang::{is_arabic_letter, script_of, Lang, Script};
use english::Abbrev;

/// Bytes that may belong to a candidate: ASCII `. ! ? ) -`, and the last
/// byte of `؟` (D8 9F), `…` (E2 80 A6), `۔` and `—` (DB 94, E2 80 94),
/// `»` (C2 BB),
/// `•` (E2 80 A2), `⁃`
/// (E2 81 83) and the fullwidth `．！？` (EF BC 8E/81/9F) and `。` (E3 80 82).
/// Other chars sharing those bytes are filtered after decoding.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b'.', b'!', b'?', b')', b'-', 0x9F, 0xA6, 0x94, 0xA2, 0x83, 0x8E, 0x81, 0x82, 0xBB,
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
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '）' | '」' | '』' | '`'
    ) || (c.is_control() && !is_space(c))
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '‘' | '(' | '[' | '`' | '\'')
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

/// A run of terminators such as `?!`, `...`, `! ? `, `. . .` with what
/// follows it.
#[derive(Default)]
struct Run {
    /// Byte just after the last terminator.
    end: usize,
    /// Byte just after the closers, citations and spaced terminators that
    /// still belong to this sentence.
    tail: usize,
    dots: usize,
    ellipsis_char: bool,
    question: bool,
    bang: bool,
    /// Closers or citations were glued to the run.
    closed: bool,
}

impl Run {
    fn ellipsis(&self) -> bool {
        self.dots >= 2 || self.ellipsis_char
    }
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
    /// and followed at once by a new one ends a sentence.
    fn judge_adjacent_quotes(&self, at: usize) -> Verdict {
        let end = at + '»'.len_utf8();
        let next = skip_space(self.text, end, self.hi);
        let terminated = char_before(self.text, at, self.sent_start).is_some_and(is_terminator);
        if self.lang == Lang::Fa
            && next > end
            && !terminated
            && char_at(self.text, next, self.hi) == Some('«')
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

    /// Reads the terminator run at `at` and everything after it that still
    /// belongs to the sentence.
    fn run_at(&self, at: usize) -> Run {
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
            Some(c) if is_space(c) || c == '[' => j,
            // Glued to a following word: keep only the closers that cannot
            // open one, then stop.
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

    fn judge_terminator(&mut self, at: usize) -> Verdict {
        if self.marker == Some(list::Label::Bullet)
            && self.lang == Lang::En
            && self.text[self.sent_start..].starts_with(['*', '•', '◦', '▪', '‣'])
        {
            // A bulleted item is one unit, however many sentences it has
            // (a `-` may also be a dash, so it does not count).
            return Verdict::Continue(at + 1);
        }
        self.context.advance(self.text, at);
        let run = self.run_at(at);
        let next = skip_space(self.text, run.tail, self.hi);
        let Some(next_char) = char_at(self.text, next, self.hi) else {
            return Verdict::Continue(run.end); // the chunk's end closes it
        };
        let boundary = if next == run.tail {
            self.glued_boundary(at, &run, next_char)
        } else {
            self.spaced_boundary(at, &run, next, next_char)
        };
        if boundary {
            Verdict::End {
                end: run.tail,
                next,
            }
        } else {
            // Scanning resumes inside the tail, so a full stop after a
            // closer (`(...).`) is judged on its own; `clause_start` may
            // then lie ahead of the next candidate.
            self.clause_start = run.tail;
            Verdict::Continue(run.end)
        }
    }

    /// A terminator with no space after it: `world.Today`, `آمد؟من`,
    /// `3.14`, `example.com`, `U.S.A`, `consultation.11 12 Take`.
    fn glued_boundary(&self, at: usize, run: &Run, next: char) -> bool {
        let text = self.text;
        let prev = char_before(text, at, self.sent_start);
        if !next.is_alphabetic() || self.in_url_or_email(at) {
            return false;
        }
        let word = core(&text[token_start(text, at, self.sent_start)..at]);
        if run.ellipsis() {
            return next.is_uppercase() && next_word(text, run.tail, self.hi) != "I"
                || (run.ellipsis_char && is_arabic_letter(next));
        }
        if run.question || run.bang {
            if prev.is_none_or(is_space) {
                return false; // `!Xũ`
            }
            return is_arabic_letter(next) || (next.is_uppercase() && word.chars().count() >= 2);
        }
        match script_of(next) {
            Some(Script::Arabic) => !persian::is_abbreviation(word),
            Some(Script::Latin) if next.is_uppercase() => {
                // `world.Today`, `No 5.He`; not `U.S.A`, `LL.M`, `J.Aron`,
                // `7.Bg5`: both sides must look like words.
                let before = word.rsplit('.').next().unwrap_or(word);
                let after = text[run.tail..self.hi]
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                let word_after =
                    after.chars().count() >= 2 && after.chars().skip(1).all(char::is_lowercase);
                let word_before =
                    before.chars().count() >= 2 || before.chars().all(|c| c.is_ascii_digit());
                word_after && word_before && self.abbreviation_allows_break(word, run.tail, next)
            }
            _ => false,
        }
    }

    /// `consultation.11 12 Take`, `(type 2).10 This`: footnote numbers
    /// glued to a full stop after a word, before a capitalised word.
    fn footnotes_after(&self, at: usize, i: usize) -> usize {
        let text = self.text;
        let after_word =
            char_before(text, at, self.sent_start).is_some_and(|p| p.is_alphabetic() || p == ')');
        if !after_word
            || text.as_bytes()[at] != b'.'
            || !char_at(text, i, self.hi).is_some_and(|c| c.is_ascii_digit())
        {
            return i;
        }
        let mut end = i;
        loop {
            let token_stop = token_end(text, end, self.hi);
            let token = &text[end..token_stop];
            if token.is_empty() || token.len() > 3 || !token.bytes().all(|b| b.is_ascii_digit()) {
                return i;
            }
            let next = skip_space(text, token_stop, self.hi);
            match char_at(text, next, self.hi) {
                Some(c) if c.is_uppercase() => return token_stop,
                Some(c) if c.is_ascii_digit() => end = next,
                _ => return i,
            }
        }
    }

    fn in_url_or_email(&self, at: usize) -> bool {
        let start = token_start(self.text, at, self.sent_start);
        let end = token_end(self.text, at, self.hi);
        let token = &self.text[start..end];
        token.contains('@') || token.contains("://") || token.contains("www.")
    }

    /// A terminator followed by whitespace.
    fn spaced_boundary(&mut self, at: usize, run: &Run, next: usize, next_char: char) -> bool {
        if matches!(next_char, ',' | ';' | ':' | '،' | '؛') {
            return false; // `cream. , It`
        }
        if matches!(next_char, '-' | '–' | '—') {
            let after = skip_space(self.text, token_end(self.text, next, self.hi), self.hi);
            if char_at(self.text, after, self.hi).is_none_or(char::is_lowercase) {
                return false; // `voila! -- you have cake`
            }
        }
        if run.ellipsis() {
            return self.ellipsis_boundary(at, run, next, next_char);
        }
        if run.closed && next_char.is_lowercase() {
            return false; // `"This is great." she said.`
        }
        if run.closed && self.saying_clause_follows(next) {
            return false; // `«آیا می‌آیی؟» از من پرسید.`
        }
        if self.inside_quotation(run) {
            return false;
        }
        let opens_sentence =
            next_char.is_uppercase() || is_arabic_letter(next_char) || is_opening(next_char);
        // Latin text only: Persian brackets are often mirrored (`حسین) ع (`)
        // and must never hold back later boundaries.
        // `(.` is an empty bracket, not an abbreviation inside one.
        let after_opening =
            char_before(self.text, at, self.sent_start).is_some_and(|p| matches!(p, '(' | '['));
        if self.lang == Lang::En
            && self.context.bracket_open()
            && !run.closed
            && !opens_sentence
            && !after_opening
        {
            return false; // `(pop. 256,000)`, `[16: firma? 13:28]`
        }
        if run.question || run.bang {
            self.question_or_bang_boundary(at, run, next, next_char)
        } else {
            self.full_stop_boundary(at, run, next, next_char)
        }
    }

    /// `...`, `…`, `. . .`, `....`, also after `?` or `!`.
    fn ellipsis_boundary(&self, at: usize, run: &Run, next: usize, next_char: char) -> bool {
        let prev = char_before(self.text, at, self.sent_start);
        if prev.is_some_and(|p| matches!(p, '(' | '[')) {
            return false; // `(...)`
        }
        let word = core(&self.text[token_start(self.text, at, self.sent_start)..at]);
        let persian = self.lang == Lang::Fa || prev.is_some_and(is_arabic_letter);
        if persian || is_arabic_letter(next_char) {
            // `و…` is "etc."; a typographic `…` ends a Persian sentence, three
            // dots are a pause inside one (`جملهٔ اول... خوب نیست؟`).
            return word != "و"
                && (run.ellipsis_char || run.question || run.bang)
                && is_arabic_letter(next_char);
        }
        next_char.is_uppercase() && next_word(self.text, next, self.hi) != "I"
            || (is_opening(next_char) && !run.closed)
    }

    /// Whether the text from `next` to the next terminator is a short
    /// "… he asked" clause (Persian verbs of saying).
    fn saying_clause_follows(&self, next: usize) -> bool {
        let rest = &self.text[next..self.hi];
        let end = rest
            .char_indices()
            .take(80)
            .find(|&(_, c)| is_terminator(c))
            .map_or_else(|| floor_char_boundary(rest, 240), |(i, _)| i);
        let clause = &rest[..end];
        clause.chars().any(is_arabic_letter) && persian::is_saying_clause(clause)
    }

    /// Inside a quotation that closes later in the chunk, a terminator does
    /// not end the sentence: `"How many? I don't know."`.
    fn inside_quotation(&self, run: &Run) -> bool {
        self.keep_quotations
            && self.lang == Lang::En
            && !self.context.closes_quote(&self.text[run.end..run.tail])
            && self.context.quote_closes_after(self.text, run.end, self.hi)
    }

    fn question_or_bang_boundary(
        &mut self,
        at: usize,
        run: &Run,
        next: usize,
        next_char: char,
    ) -> bool {
        let detached = char_before(self.text, at, self.sent_start).is_some_and(is_space);
        if next_char.is_lowercase() && ((run.bang && !run.question) || detached) {
            return false; // `Yahoo! in`, `Father Came Too ! is`
        }
        if run.bang && !run.question {
            let clause = &self.text[self.clause_start.min(at)..at];
            let vocative = persian::is_vocative(clause)
                || (self.after_vocative
                    && word_count(clause) <= 2
                    && clause.chars().any(is_arabic_letter));
            if vocative && char_at(self.text, next, self.hi).is_some_and(is_arabic_letter) {
                self.after_vocative = true;
                return false; // `حسن جان! حسین جان! …`
            }
        }
        true
    }

    fn full_stop_boundary(&self, at: usize, run: &Run, next: usize, next_char: char) -> bool {
        let text = self.text;
        // `Mr . Robinson`: a detached full stop belongs to the token before.
        let word_end = trim_space_back(text, at, self.sent_start);
        let token_begin = token_start(text, word_end, self.sent_start);
        let word = core(&text[token_begin..word_end]);
        if word.is_empty() || run.closed {
            return true;
        }
        let Some(script) = word.chars().find_map(script_of) else {
            // A number: `in 1990. So` ends; `for 1. above` does not.
            return !next_char.is_lowercase();
        };
        if script == Script::Arabic {
            return !persian::is_abbreviation(word);
        }
        if token_begin == self.sent_start && word.chars().count() == 1 {
            return false; // `Q. What is his name?`
        }
        if word == "in" && self.follows_number(token_begin) {
            return next_char.is_uppercase(); // `6 in. tall`
        }
        if english::classify(word) == Abbrev::None
            && next_char.is_lowercase()
            && word.chars().count() <= 3
            && word.starts_with(char::is_uppercase)
        {
            return false; // `Drive NE. for five miles`
        }
        self.abbreviation_allows_break(word, next, next_char)
    }

    /// Whether the sentence (or the part after its last colon) so far is a
    /// phrase opened by a preposition: `At 5 a.m.`, `On Monday at 6 a.m.`.
    fn in_fronted_phrase(&self, next: usize) -> bool {
        let sentence = &self.text[self.sent_start..next];
        let clause = sentence.rsplit(": ").next().unwrap_or(sentence);
        let first = clause
            .split(is_space)
            .find(|w| !w.is_empty())
            .map(core)
            .unwrap_or("");
        english::is_fronting_preposition(first)
    }

    /// Whether the token before `next` is the sentence's first (`A.D. 79`).
    fn opens_sentence(&self, next: usize) -> bool {
        let end = trim_space_back(self.text, next, self.sent_start);
        token_start(self.text, end, self.sent_start) == self.sent_start
    }

    fn follows_number(&self, token_begin: usize) -> bool {
        let end = trim_space_back(self.text, token_begin, self.sent_start);
        let start = token_start(self.text, end, self.sent_start);
        end > start && self.text[start..end].bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether a full stop after `word` ends the sentence, given the word
    /// that follows at `next`.
    fn abbreviation_allows_break(&self, word: &str, next: usize, next_char: char) -> bool {
        let following = next_word(self.text, next, self.hi);
        let capital_starter = next_char.is_uppercase() && english::is_sentence_starter(following);
        match english::classify(word) {
            Abbrev::None => true,
            Abbrev::Title => false,
            Abbrev::Numeric => !(next_char.is_numeric() || is_roman(following)),
            Abbrev::General => capital_starter || is_opening(next_char),
            Abbrev::Final => next_char.is_uppercase() || is_arabic_letter(next_char),
            Abbrev::Time | Abbrev::Era => {
                let ends_phrase = next_char.is_uppercase() || next_char.is_numeric();
                capital_starter
                    || (ends_phrase && !self.opens_sentence(next) && !self.in_fronted_phrase(next))
            }
            Abbrev::Initial => {
                let chained =
                    following.chars().count() == 1 && following.starts_with(char::is_uppercase);
                capital_starter && !chained
            }
        }
    }
}

/// `II`, `XIV`: an upper-case roman numeral (`Vol. II`).
fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
}

/// The letters-and-digits core of the token starting at `i`.
fn next_word(text: &str, i: usize, hi: usize) -> &str {
    core(&text[i..token_end(text, i, hi)])
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
