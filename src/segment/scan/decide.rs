//! Deciding whether a terminator run ends the sentence: glued or spaced,
//! ellipsis, `?`/`!`, or a full stop after an abbreviation.

use super::run::Run;
use super::{
    is_cjk_letter, is_cjk_opening, is_cjk_stop, is_opening, is_other_stop, is_terminator,
    opened_by_colon, Scanner, Verdict,
};
use crate::lang::{is_arabic_letter, script_of, Lang, Script};
use crate::segment::english::{self, Abbrev};
use crate::segment::text::{
    char_at, char_before, core, floor_char_boundary, is_space, skip_space, token_end, token_start,
    trim_space_back, word_count,
};
use crate::segment::{list, persian};

impl Scanner<'_, '_> {
    pub(super) fn judge_terminator(&mut self, at: usize) -> Verdict {
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
        let own_stop = char_at(self.text, at, self.hi).is_some_and(is_other_stop);
        let boundary = if own_stop {
            // A script's own full stop abbreviates nothing.
            next_char.is_alphanumeric() || is_opening(next_char) || is_cjk_opening(next_char)
        } else if next == run.tail {
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
        if let Some(boundary) = self.cjk_boundary(at, run, prev, next) {
            return boundary;
        }
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

    /// Chinese and Japanese put no space between sentences: `。！？` (or
    /// any mark after a Han or kana letter) glued to a letter, a digit or
    /// an opening quote ends one (`平等。他们`, `吗？”我很好`), except
    /// an ellipsis (`……`, which may pause inside one) and a quotation
    /// Japanese goes on after (`「行こう。」と言った`). `None`: not such
    /// text; `．` between digits is a decimal point (`３．１４`).
    fn cjk_boundary(&self, at: usize, run: &Run, prev: Option<char>, next: char) -> Option<bool> {
        let mark = char_at(self.text, at, self.hi)?;
        let cjk = (is_cjk_stop(mark) && !(mark == '．' && prev.is_some_and(|p| p.is_numeric())))
            || prev.is_some_and(is_cjk_letter);
        if !cjk {
            return None;
        }
        if run.ellipsis() || (run.closed && matches!(next, 'と' | 'っ')) {
            return Some(false);
        }
        Some(next.is_alphanumeric() || is_cjk_opening(next))
    }

    fn in_url_or_email(&self, at: usize) -> bool {
        let start = token_start(self.text, at, self.sent_start);
        let end = token_end(self.text, at, self.hi);
        is_url_or_email(&self.text[start..end])
    }

    /// A terminator followed by whitespace.
    fn spaced_boundary(&mut self, at: usize, run: &Run, next: usize, next_char: char) -> bool {
        if matches!(next_char, ',' | ';' | ':' | '،' | '؛') {
            return false; // `cream. , It`
        }
        if matches!(next_char, '-' | '–' | '—') {
            let after = self.token_after(next);
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
        if run.closed
            && (run.question || run.bang)
            && next_word(self.text, next, self.hi) == "I"
            && english::is_saying_verb(self.word_after(next))
        {
            return false; // `"Why?" I asked.`: "I" is written so.
        }
        if run.closed && is_arabic_letter(next_char) && self.closes_a_gloss(at, run) {
            return false; // `شرکت اپل (Apple Inc.) سود خود را …`
        }
        if self.lang == Lang::En && relative_aside(&self.text[next..self.hi]) {
            return false; // `… off the top of the house!' (Which was very likely true.)`
        }
        // Not after a speech a colon opened: its saying verb came first
        // (`او پرسید: «آیا درست است؟» پاسخی داده نشد.` is two sentences).
        if run.closed
            && self.saying_clause_follows(next)
            && opened_by_colon(&self.text[self.sent_start..at]).is_none()
        {
            return false; // `«آیا می‌آیی؟» از من پرسید.`
        }
        if run.closed && (run.question || run.bang) && next_word(self.text, next, self.hi) == "و" {
            // `آنها گفتند: «چرا؟» و رفتند.`: a quoted question, then "and".
            // After a quoted statement (`«… نیست.» و …`) a Persian sentence
            // often opens with و: the news pairs end one there.
            return false;
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

    /// Whether the run's closers end a bracket opened inside the sentence
    /// around Latin text (`(Apple Inc.)`, `(U.S.)`): the full stop is the
    /// gloss's abbreviation's, and the Persian sentence goes on after it.
    /// A bracket that opens the sentence holds a sentence of its own.
    fn closes_a_gloss(&self, at: usize, run: &Run) -> bool {
        let closers = &self.text[run.end..run.tail];
        if !closers.trim_end().ends_with([')', ']']) || closers.contains(['"', '»', '”', '\'']) {
            return false;
        }
        let before = &self.text[self.sent_start..at];
        let Some(open) = before.rfind(['(', '[']) else {
            return false;
        };
        let inside = &before[open + 1..];
        before[..open].chars().any(char::is_alphabetic)
            && inside.chars().any(|c| c.is_ascii_alphabetic())
            && !inside.chars().any(is_arabic_letter)
    }

    /// `...`, `…`, `. . .`, `....`, also after `?` or `!`.
    fn ellipsis_boundary(&self, at: usize, run: &Run, next: usize, next_char: char) -> bool {
        let prev = char_before(self.text, at, self.sent_start);
        if prev.is_some_and(|p| matches!(p, '(' | '[')) {
            return false; // `(...)`
        }
        let token_begin = token_start(self.text, at, self.sent_start);
        let mut word = core(&self.text[token_begin..at]);
        if word.is_empty() {
            word = core(self.token_before(token_begin)); // `و …`: spaced
        }
        let persian = self.lang == Lang::Fa || prev.is_some_and(is_arabic_letter);
        if persian || is_arabic_letter(next_char) {
            // `و…` and `و …` are "etc."; a typographic `…` ends a Persian
            // sentence, three dots are a pause inside one (`جملهٔ اول...
            // خوب نیست؟`), but not when a quotation closes after them
            // (`«… وخیم است...» مقامات …`), unless "… he said" or "and"
            // goes on.
            let quotation_ends = run.closed
                && self.text[run.end..run.tail].contains(['»', '”', '"'])
                && next_word(self.text, next, self.hi) != "و"
                && !self.saying_clause_follows(next);
            return word != "و"
                && (run.ellipsis_char || run.question || run.bang || quotation_ends)
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
            // A number: `in 1990. So` ends; `for 1. above` does not, but
            // `to pH 7.4. pH was …` does (a word written with a capital
            // inside begins lower-case by its spelling).
            return !next_char.is_lowercase() || is_mixed_case(next_word(text, next, self.hi));
        };
        if script == Script::Arabic {
            // `جان اف. کندی`: a name's initial, before the name goes on.
            let initial = persian::is_spelled_initial(word) && is_arabic_letter(next_char);
            return !(persian::is_abbreviation(word) || initial);
        }
        if char_before(text, word_end, token_begin).is_some_and(|c| matches!(c, ')' | ']')) {
            // `The answer is (c). Option …`: a stop after a bracket is no
            // abbreviation's (those stand inside: `(e.g.)`).
            return !next_char.is_lowercase();
        }
        if is_url_or_email(&text[token_begin..word_end]) {
            // `See https://example.com/a.b. Email …`: the address ends
            // there; its last part is no abbreviation.
            return next_char.is_uppercase() || is_opening(next_char);
        }
        if token_begin == self.sent_start && word.chars().count() == 1 {
            return false; // `Q. What is his name?`
        }
        if word == "in" && self.follows_number(token_begin) {
            return next_char.is_uppercase(); // `6 in. tall`
        }
        if text[token_begin..word_end].contains(['°', '℃', '℉']) {
            // `grown at 30 °C. Cells were …`: a unit, not an initial.
            return next_char.is_uppercase() || is_opening(next_char);
        }
        if next_char.is_lowercase()
            && english::classify(word) == Abbrev::None
            && (2..=4).contains(&word.len())
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && self.follows_number(token_begin)
        {
            return false; // `12 pts. in the first half`: a unit after its number
        }
        // A capital right after a number is its unit or magnitude, not an
        // initial (`10^-3 M.`, `300 K.`, `$2.5 M.`): initials follow names.
        let capital_unit = word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase());
        if (is_unit_letter(word) || capital_unit || english::is_time_unit(word))
            && self.follows_number(token_begin)
        {
            // `for 24 h. Samples were …`: a unit symbol takes no full stop
            // of its own, so one after it ends the sentence; nor does a
            // span of time after its number (`for 30 min. Samples …`, `for
            // 5 yrs. Outcomes …`), which no name continues.
            return next_char.is_uppercase() || self.opens_aside(next, next_char);
        }
        let before = core(self.token_before(token_begin));
        if word.len() == 1
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && (english::classify(before) == Abbrev::Numeric || english::is_labelled(before))
        {
            // `in App. B. See …`, `in Appendix B. Methods …`: a label, not
            // an initial.
            return next_char.is_uppercase() || is_opening(next_char);
        }
        if word == "al" && self.follows_word(token_begin, "et") {
            // `as Smith et al. showed`, `Smith et al. (2010)`; `by Smith et
            // al. Later work …` ends: the names come before `et al.`.
            let following = next_word(text, next, self.hi);
            let year = matches!(next_char, '(' | '[')
                && following.starts_with(|c: char| c.is_ascii_digit());
            return !year && (next_char.is_uppercase() || is_opening(next_char));
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

    /// Where the token after the one at `at` starts.
    fn token_after(&self, at: usize) -> usize {
        skip_space(self.text, token_end(self.text, at, self.hi), self.hi)
    }

    /// The core of the token after the one at `at`.
    fn word_after(&self, at: usize) -> &str {
        next_word(self.text, self.token_after(at), self.hi)
    }

    /// The token before the one at `token_begin` (empty at the sentence's
    /// start).
    fn token_before(&self, token_begin: usize) -> &str {
        let end = trim_space_back(self.text, token_begin, self.sent_start);
        let start = token_start(self.text, end, self.sent_start);
        &self.text[start..end]
    }

    /// Whether the token before the one at `token_begin` is `word`.
    fn follows_word(&self, token_begin: usize, word: &str) -> bool {
        self.token_before(token_begin).eq_ignore_ascii_case(word)
    }

    /// Whether the token before the one at `token_begin` is a number
    /// (`24`, `10,000`, `2.5`, `1/2`, `$2.5`, `10^-3`), a range (`18–65`)
    /// or a size (`9x13`, `2×4`).
    fn follows_number(&self, token_begin: usize) -> bool {
        let end = trim_space_back(self.text, token_begin, self.sent_start);
        let start = token_start(self.text, end, self.sent_start);
        let number = self.text[start..end].trim_start_matches(['$', '€', '£', '¥']);
        number.starts_with(|c: char| c.is_ascii_digit())
            && number.ends_with(|c: char| c.is_ascii_digit())
            && number.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(c, ',' | '.' | '/' | 'x' | '×' | '^' | '-' | '–' | '−')
            })
    }

    /// Whether `next` opens an aside that may be a sentence of its own
    /// after an abbreviation's full stop (`the U.S. (See the appendix.)`):
    /// any opening mark but a bracket that closes just before a full stop
    /// with no sentence's end inside, which belongs to the sentence that
    /// stop ends (`24.3 yrs. (SD = 3.1).`, `2nd edn. (Oxford, 1999).`).
    fn opens_aside(&self, next: usize, next_char: char) -> bool {
        if !is_opening(next_char) {
            return false;
        }
        let close = match next_char {
            '(' => ')',
            '[' => ']',
            _ => return true,
        };
        let rest = &self.text[next..self.hi];
        let Some(end) = rest
            .char_indices()
            .take(120)
            .find(|&(_, c)| c == close)
            .map(|(i, _)| i)
        else {
            return true;
        };
        let inside = &rest[1..end];
        // A full stop at the bracket's end is an abbreviation's when the
        // sentence's own stop follows (`(mean, 42 yr.).`).
        let ended = inside.contains(['!', '?', '(', '[']) || inside.contains(". ");
        let stop_after = rest[end + 1..].starts_with(['.', '!', '?']);
        ended || !stop_after
    }

    /// Whether a full stop after `word` ends the sentence, given the word
    /// that follows at `next`.
    fn abbreviation_allows_break(&self, word: &str, next: usize, next_char: char) -> bool {
        let following = next_word(self.text, next, self.hi);
        let capital_starter = next_char.is_uppercase() && english::is_sentence_starter(following);
        // `Eq. (3)`, `Smith et al. (2010)`, `Ref. [12]`: a number in
        // brackets is a reference or a year, not a new sentence.
        let bracketed_number =
            matches!(next_char, '(' | '[') && following.starts_with(|c: char| c.is_ascii_digit());
        match english::classify(word) {
            Abbrev::None => true,
            Abbrev::Title => false,
            Abbrev::Numeric => {
                // `refs. therein`, `figs. and tables`: a plural goes on
                // into lower case.
                let plural = word.len() >= 3 && word.ends_with('s') && next_char.is_lowercase();
                !(plural
                    || next_char.is_numeric()
                    || (word.eq_ignore_ascii_case("op") && following == "cit")
                    || is_roman(following)
                    || bracketed_number
                    || is_labelled_number(following))
            }
            Abbrev::General => {
                !bracketed_number && (capital_starter || self.opens_aside(next, next_char))
            }
            Abbrev::Final => next_char.is_uppercase() || is_arabic_letter(next_char),
            abbrev @ (Abbrev::Time | Abbrev::Era | Abbrev::Date) => {
                let date = abbrev == Abbrev::Date;
                if english::continues_a_time(following) || (date && next_char.is_numeric()) {
                    // `at 9 p.m. ET on Friday`, `at 10 a.m. Monday`; a date
                    // before its number or another date word (`Jan. 5`,
                    // `Sat. Sept. 5`).
                    return false;
                }
                let ends_phrase = next_char.is_uppercase() || next_char.is_numeric();
                capital_starter
                    || (date && self.opens_aside(next, next_char))
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

/// Whether a token is a web address or an e-mail address.
fn is_url_or_email(token: &str) -> bool {
    token.contains('@') || token.contains("://") || token.contains("www.")
}

/// `S1`, `A3`, `B`: a capital and a number (or a capital alone), as
/// supplements and appendices number their figures and tables (`Fig. S1`,
/// `App. B`).
fn is_labelled_number(word: &str) -> bool {
    let Some(number) = word.strip_prefix(|c: char| c.is_ascii_uppercase()) else {
        return false;
    };
    // `Fig. S1`, `Tab. A12`, `App. B`.
    number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit())
}

/// `II`, `XIV`: an upper-case roman numeral (`Vol. II`).
fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
}

/// `pH`, `mRNA`, `iPhone`, `qPCR`: a word that begins lower-case with a
/// capital inside it, as its spelling, not the sentence, has it.
fn is_mixed_case(word: &str) -> bool {
    word.starts_with(char::is_lowercase) && word.chars().skip(1).any(char::is_uppercase)
}

/// A lower-case one-letter unit symbol (`h`, `s`, `m`, `g`, `l`, `t`; a
/// capital after a number is a unit anyway): `p.` and `n.` stand before a
/// number instead (`p. 5`).
fn is_unit_letter(word: &str) -> bool {
    matches!(word, "h" | "s" | "m" | "g" | "l" | "t")
}

/// The letters-and-digits core of the token starting at `i`.
fn next_word(text: &str, i: usize, hi: usize) -> &str {
    core(&text[i..token_end(text, i, hi)])
}

/// Whether `rest` opens a bracketed aside with a relative pronoun, which
/// comments on the sentence before and belongs to it: `(Which was very
/// likely true.)`. An aside that is a sentence of its own (`(Dinah was the
/// cat.)`) stands alone.
fn relative_aside(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('(') else {
        return false;
    };
    let word = inner
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(word, "Which" | "Who" | "Whom" | "Whose")
}
