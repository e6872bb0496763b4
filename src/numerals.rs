//! Numbers written as words (`four`, `twenty-five`, `چهار`, `بیست و پنج`,
//! `fünfundzwanzig`, `vingt-cinq`) read as their values, so that a number
//! one side spells and the other writes in digits, or both spell, is the
//! same evidence as digits on both sides: a news article's `six-game` ↔
//! `6 بازی`, a yearbook's `drei Tage` ↔ `trois jours`.
//!
//! Hand-written: the crates that read number words (e.g. `text2num`) parse
//! whole phrases of one known language and have no Persian; here a word of
//! English, German, French or Persian, in text of any of them, is read as
//! a token stream with no allocation.
//!
//! Only what cannot be a common word is a number: `one`, `یک`, `un`, `ein`
//! (also "a"), Persian `نه` ("no") and `ده` ("give", Scripture's `قرار ده`),
//! French `neuf` ("new") and `cent` (English "per cent") are not; `دو`
//! after `هر` is "both". A value of one is never given.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// What a number word is worth in a compound.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    /// 1–19: added to tens before it (`twenty-five`), multiplied by a
    /// hundred after it.
    Small(u64),
    /// 20–90.
    Tens(u64),
    /// 100–900 as one word (`سیصد`, `hundred` alone is 100).
    Hundreds(u64),
    /// `hundred`, `Hundert`: multiplies the small number before it.
    Hundred,
    /// `thousand`, `million`, `هزار`: ends the number without changing
    /// it, as digits followed by the word are read (`۳۵۰ هزار` is 350;
    /// see `number_key`).
    Scale,
}

/// The number words and their values, lowercase.
const WORDS: &[(&str, Word)] = &[
    // English.
    ("two", Word::Small(2)),
    ("three", Word::Small(3)),
    ("four", Word::Small(4)),
    ("five", Word::Small(5)),
    ("six", Word::Small(6)),
    ("seven", Word::Small(7)),
    ("eight", Word::Small(8)),
    ("nine", Word::Small(9)),
    ("ten", Word::Small(10)),
    ("eleven", Word::Small(11)),
    ("twelve", Word::Small(12)),
    ("thirteen", Word::Small(13)),
    ("fourteen", Word::Small(14)),
    ("fifteen", Word::Small(15)),
    ("sixteen", Word::Small(16)),
    ("seventeen", Word::Small(17)),
    ("eighteen", Word::Small(18)),
    ("nineteen", Word::Small(19)),
    ("twenty", Word::Tens(20)),
    ("thirty", Word::Tens(30)),
    ("forty", Word::Tens(40)),
    ("fifty", Word::Tens(50)),
    ("sixty", Word::Tens(60)),
    ("seventy", Word::Tens(70)),
    ("eighty", Word::Tens(80)),
    ("ninety", Word::Tens(90)),
    ("hundred", Word::Hundred),
    ("thousand", Word::Scale),
    ("million", Word::Scale),
    ("billion", Word::Scale),
    ("trillion", Word::Scale),
    // German.
    ("zwei", Word::Small(2)),
    ("drei", Word::Small(3)),
    ("vier", Word::Small(4)),
    ("fünf", Word::Small(5)),
    ("sechs", Word::Small(6)),
    ("sieben", Word::Small(7)),
    ("acht", Word::Small(8)),
    ("neun", Word::Small(9)),
    ("zehn", Word::Small(10)),
    ("elf", Word::Small(11)),
    ("zwölf", Word::Small(12)),
    ("dreizehn", Word::Small(13)),
    ("vierzehn", Word::Small(14)),
    ("fünfzehn", Word::Small(15)),
    ("sechzehn", Word::Small(16)),
    ("siebzehn", Word::Small(17)),
    ("achtzehn", Word::Small(18)),
    ("neunzehn", Word::Small(19)),
    ("zwanzig", Word::Tens(20)),
    ("dreissig", Word::Tens(30)),
    ("dreißig", Word::Tens(30)),
    ("vierzig", Word::Tens(40)),
    ("fünfzig", Word::Tens(50)),
    ("sechzig", Word::Tens(60)),
    ("siebzig", Word::Tens(70)),
    ("achtzig", Word::Tens(80)),
    ("neunzig", Word::Tens(90)),
    ("hundert", Word::Hundred),
    ("tausend", Word::Scale),
    ("millionen", Word::Scale),
    ("milliarde", Word::Scale),
    ("milliarden", Word::Scale),
    // French (`six` is English's too).
    ("deux", Word::Small(2)),
    ("trois", Word::Small(3)),
    ("quatre", Word::Small(4)),
    ("cinq", Word::Small(5)),
    ("sept", Word::Small(7)),
    ("huit", Word::Small(8)),
    ("dix", Word::Small(10)),
    ("onze", Word::Small(11)),
    ("douze", Word::Small(12)),
    ("treize", Word::Small(13)),
    ("quatorze", Word::Small(14)),
    ("quinze", Word::Small(15)),
    ("seize", Word::Small(16)),
    ("vingt", Word::Tens(20)),
    ("vingts", Word::Tens(20)),
    ("trente", Word::Tens(30)),
    ("quarante", Word::Tens(40)),
    ("cinquante", Word::Tens(50)),
    ("soixante", Word::Tens(60)),
    ("mille", Word::Scale),
    ("milliard", Word::Scale),
    ("milliards", Word::Scale),
    ("millions", Word::Scale),
    // Persian.
    ("دو", Word::Small(2)),
    ("سه", Word::Small(3)),
    ("چهار", Word::Small(4)),
    ("پنج", Word::Small(5)),
    ("شش", Word::Small(6)),
    ("هفت", Word::Small(7)),
    ("هشت", Word::Small(8)),
    ("یازده", Word::Small(11)),
    ("دوازده", Word::Small(12)),
    ("سیزده", Word::Small(13)),
    ("چهارده", Word::Small(14)),
    ("پانزده", Word::Small(15)),
    ("شانزده", Word::Small(16)),
    ("هفده", Word::Small(17)),
    ("هجده", Word::Small(18)),
    ("هیجده", Word::Small(18)),
    ("نوزده", Word::Small(19)),
    ("بیست", Word::Tens(20)),
    ("سی", Word::Tens(30)),
    ("چهل", Word::Tens(40)),
    ("پنجاه", Word::Tens(50)),
    ("شصت", Word::Tens(60)),
    ("هفتاد", Word::Tens(70)),
    ("هشتاد", Word::Tens(80)),
    ("نود", Word::Tens(90)),
    ("صد", Word::Hundreds(100)),
    ("یکصد", Word::Hundreds(100)),
    ("دویست", Word::Hundreds(200)),
    ("سیصد", Word::Hundreds(300)),
    ("چهارصد", Word::Hundreds(400)),
    ("پانصد", Word::Hundreds(500)),
    ("ششصد", Word::Hundreds(600)),
    ("هفتصد", Word::Hundreds(700)),
    ("هشتصد", Word::Hundreds(800)),
    ("نهصد", Word::Hundreds(900)),
    ("هزار", Word::Scale),
    ("میلیون", Word::Scale),
    ("میلیارد", Word::Scale),
];

/// The value of a number word, lowercase: a hash lookup, as a `match` of
/// 150 strings compared each token with them one by one (the anchor pass
/// of `align` on 16,000 sentences took 5% longer).
fn word(w: &[u8]) -> Option<Word> {
    static TABLE: OnceLock<FxHashMap<&'static [u8], Word>> = OnceLock::new();
    if !(3..=20).contains(&w.len()) {
        return None;
    }
    let table = TABLE.get_or_init(|| WORDS.iter().map(|&(w, v)| (w.as_bytes(), v)).collect());
    table.get(w).copied()
}

/// The bytes a number word may start with, either case.
const MAY_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < WORDS.len() {
        let b = WORDS[i].0.as_bytes()[0];
        table[b as usize] = true;
        table[b.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    table
};

/// Words that join the parts of one number (`twenty and five` is rare in
/// English, but `three hundred and five`; Persian `بیست و پنج`; French
/// `vingt et un`).
fn is_joiner(w: &[u8]) -> bool {
    w == "و".as_bytes() || matches!(w, b"and" | b"et" | b"und")
}

/// A number being read: its value so far and the place a next word may
/// fill (a small number after tens, tens or a small number after
/// hundreds).
#[derive(Clone, Copy, Debug, Default)]
struct Partial {
    value: u64,
    /// The value the next word must be below to add to it (0: none can).
    below: u64,
    /// A joiner was read after it.
    joined: bool,
}

/// Reads the number words of a sentence's tokens, in order: feed each
/// token ([`Numerals::token`], trimmed of punctuation, and whether a mark
/// followed it), then [`Numerals::finish`]; each complete number is
/// handed to `emit`.
#[derive(Debug, Default)]
pub(crate) struct Numerals {
    partial: Option<Partial>,
    /// The last token was Persian `هر` ("each": `هر دو` is "both").
    after_each: bool,
}

impl Numerals {
    /// One token of the sentence; `marked`: a mark followed it (`twenty,
    /// five`), which ends its number.
    pub(crate) fn token(&mut self, token: &str, marked: bool, emit: &mut impl FnMut(u64)) {
        self.read(token, emit);
        if marked {
            self.finish(emit);
        }
    }

    fn read(&mut self, token: &str, emit: &mut impl FnMut(u64)) {
        let after_each = std::mem::replace(&mut self.after_each, token == "هر");
        // Most tokens are no number word, and most are told so by their
        // first byte, before any lookup (`align` reads every token).
        let first = token.as_bytes().first().copied().unwrap_or(0);
        if token.len() > 24 || (self.partial.is_none() && !MAY_START[usize::from(first)]) {
            self.finish(emit);
            return;
        }
        let mut buf = [0u8; 24];
        let lower = lowercase(token.as_bytes(), &mut buf);
        if self.partial.is_some_and(|p| !p.joined) && is_joiner(lower) {
            if let Some(p) = &mut self.partial {
                p.joined = true;
            }
            return;
        }
        // `twenty-five`, `six-game`, `vingt-cinq`: the leading number
        // words of a hyphenated token.
        let mut parts = lower.split(|&b| b == b'-');
        let first = parts.next().unwrap_or_default();
        let Some(w) = self.word_in(first) else {
            self.finish(emit);
            return;
        };
        // English `Sept. 30` is September, French `sept` seven.
        if w == Word::Small(7) && token.starts_with('S') && first == b"sept" {
            self.finish(emit);
            return;
        }
        if after_each && w == Word::Small(2) {
            self.finish(emit);
            return;
        }
        self.word(w, emit);
        for part in parts {
            match self.word_in(part) {
                Some(w) => self.word(w, emit),
                None => {
                    self.finish(emit);
                    return;
                }
            }
        }
    }

    /// A number word (see [`word_in`]), or a word for one that completes
    /// the number before it (`twenty-one`, `vingt et un`, `بیست و یک`).
    fn word_in(&self, w: &[u8]) -> Option<Word> {
        word_in(w).or_else(|| {
            let completes = self.partial.is_some_and(|p| p.below > 1);
            let one = w == "یک".as_bytes() || matches!(w, b"one" | b"un" | b"une" | b"eins");
            (completes && one).then_some(Word::Small(1))
        })
    }

    fn word(&mut self, w: Word, emit: &mut impl FnMut(u64)) {
        let adds = |p: &Partial, v: u64| p.below > v;
        match (self.partial, w) {
            (Some(p), Word::Small(v)) if adds(&p, v) => self.set(p.value + v, 0),
            (Some(p), Word::Tens(v)) if adds(&p, v) => self.set(p.value + v, tens_place(v)),
            // French `quatre-vingt(s)`, 80, and on to 99 (`quatre-vingt-dix`).
            (Some(p), Word::Tens(20)) if p.value == 4 && p.below == 0 => self.set(80, 20),
            (Some(p), Word::Hundred) if p.value < 20 && p.below != 100 => {
                self.set(p.value.max(1) * 100, 100)
            }
            (_, Word::Scale) => self.finish(emit),
            (_, w) => {
                self.finish(emit);
                match w {
                    Word::Small(v) => self.set(v, 0),
                    Word::Tens(v) => self.set(v, tens_place(v)),
                    Word::Hundreds(v) => self.set(v, 100),
                    Word::Hundred => self.set(100, 100),
                    Word::Scale => {}
                }
            }
        }
    }

    fn set(&mut self, value: u64, below: u64) {
        self.partial = Some(Partial {
            value,
            below,
            joined: false,
        });
    }

    /// The end of the sentence, or of the number being read.
    pub(crate) fn finish(&mut self, emit: &mut impl FnMut(u64)) {
        if let Some(p) = self.partial.take() {
            if p.value > 1 {
                emit(p.value);
            }
        }
    }
}

/// What a number of `tens` may take after it: units, and after sixty the
/// teens too (French `soixante-dix`, 70).
fn tens_place(tens: u64) -> u64 {
    if tens % 100 == 60 {
        20
    } else {
        10
    }
}

/// A number word, or German's unit-and-tens compound (`fünfundzwanzig`).
fn word_in(w: &[u8]) -> Option<Word> {
    if let Some(w) = word(w) {
        return Some(w);
    }
    // German tens end so: most tokens are spared the search.
    if !(w.ends_with(b"zig") || w.ends_with("ßig".as_bytes()) || w.ends_with(b"ssig")) {
        return None;
    }
    let at = w.windows(3).position(|x| x == b"und")?;
    let (unit, tens) = (&w[..at], &w[at + 3..]);
    match (word(unit)?, word(tens)?) {
        (Word::Small(u), Word::Tens(t)) if u < 10 => Some(Word::Tens(t + u)),
        _ => None,
    }
}

/// `token`'s bytes with ASCII capitals lowered (into `buf` when it has
/// any): the number words' capitals are all ASCII.
fn lowercase<'a>(token: &'a [u8], buf: &'a mut [u8; 24]) -> &'a [u8] {
    if !token.iter().any(u8::is_ascii_uppercase) {
        return token;
    }
    let lower = &mut buf[..token.len()];
    lower.copy_from_slice(token);
    lower.make_ascii_lowercase();
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut numerals = Numerals::default();
        let mut emit = |v| out.push(v);
        for raw in sentence.split_whitespace() {
            let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
            numerals.token(token, !raw.ends_with(token), &mut emit);
        }
        numerals.finish(&mut emit);
        out
    }

    #[test]
    fn number_words_of_each_language_are_their_values() {
        assert_eq!(read("Four people died in the six-game series."), [4, 6]);
        assert_eq!(
            read("Twenty-five of the three hundred and five voted."),
            [25, 305]
        );
        assert_eq!(
            read("چهار نفر در بیست و پنج روز سیصد و دو رای دادند."),
            [4, 25, 302]
        );
        assert_eq!(read("Nach fünfundzwanzig Jahren und drei Tagen."), [25, 3]);
        assert_eq!(read("Il a vingt-cinq ans et trois jours."), [25, 3]);
        assert_eq!(
            read("soixante-dix, quatre-vingts, quatre-vingt-onze"),
            [70, 80, 91]
        );
        assert_eq!(read("sept jours, on Sept. 30"), [7]);
        assert_eq!(read("Two million people, ۳ هزار"), [2]);
    }

    #[test]
    fn words_that_are_also_common_words_are_not_numbers() {
        assert!(
            read("One of them said no: نه، هر دو را قرار ده. Un livre neuf, 5 per cent.")
                .is_empty()
        );
        assert_eq!(read("one hundred"), [100]);
        assert_eq!(
            read("twenty-one, vingt et un, بیست و یک, one"),
            [21, 21, 21]
        );
        assert_eq!(read("هر دو و سه"), [3]);
    }

    #[test]
    fn numbers_in_a_row_stay_apart() {
        // `two three` is two numbers; `twenty thirty` too.
        assert_eq!(read("two three twenty thirty"), [2, 3, 20, 30]);
        assert_eq!(read("twenty and five and six"), [25, 6]);
        assert_eq!(read("twenty, five"), [20, 5]);
    }
}
