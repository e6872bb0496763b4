//! Language identification, one line at a time.
//!
//! Script first, then letters, then statistics: the script separates Latin,
//! Arabic, Cyrillic and the rest; within Arabic script, letters only Sorani,
//! Pashto or Urdu use decide first, then letters rule languages out
//! (Persian letters Arabic, Arabic spelling signs Persian and Urdu, heh
//! Urdu), then frequent words choose among those left, and lingua's n-gram
//! models what is still open. A Latin-script line that is English on its
//! face (its frequent words) is English; else whatlang's trigrams decide
//! among the Latin-script languages when they are sure, and lingua's
//! 1- to 5-gram models when they are not. With an allowlist (`--only
//! en,fa`) a Latin-script line stays outside it only when both agree that
//! it is another language.
//!
//! ```
//! use bitext::{Detector, Lang};
//!
//! let detector = Detector::new();
//! assert_eq!(detector.detect("این کتاب را خواندم.").lang, Some(Lang::Fa));
//! assert_eq!(detector.detect("یہ کتاب بہت اچھی ہے۔").code(), "ur");
//! assert_eq!(detector.detect("https://example.com 2024").code(), "und");
//! ```

mod english;
mod letters;
mod statistics;

pub use english::is_plainly_english;
pub use letters::is_visual_order_persian;

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use whatlang::{Lang as W, Script as WScript};

use crate::lang::{script_of, Lang, Script};
use crate::normalize::is_invisible_mark;
use letters::{Candidates, LetterVerdict, Votes};

/// What the detector says about one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detection {
    /// The language, `None` without evidence (written `und`).
    #[serde(serialize_with = "code_or_und")]
    pub lang: Option<Lang>,
    /// The line's main script, `None` when it has no letters (written
    /// `None`).
    #[serde(serialize_with = "name_or_none")]
    pub script: Option<Script>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Whether the answer rests on enough evidence to act on.
    pub reliable: bool,
    /// The line mixes scripts (a Persian line with an English name).
    pub mixed: bool,
    /// With an allowlist: whether the language is one of the allowed ones
    /// (no language counts as allowed: a line of numbers is in none).
    pub allowed: bool,
}

fn code_or_und<S: Serializer>(lang: &Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(crate::lang::code_or_und(*lang))
}

fn name_or_none<S: Serializer>(script: &Option<Script>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(script_name(*script))
}

/// The name of `script` at the edges, `None` for none.
fn script_name(script: Option<Script>) -> &'static str {
    script.map_or("None", Script::name)
}

/// Detects languages; configure once, use for many lines.
#[derive(Clone, Debug, Default)]
pub struct Detector {
    only: Option<Vec<Lang>>,
}

/// The languages whatlang and bitext both name; the first eight are
/// written in Latin script.
const KNOWN: &[(W, Lang)] = &[
    (W::Eng, Lang::En),
    (W::Fra, Lang::Fr),
    (W::Deu, Lang::De),
    (W::Spa, Lang::Es),
    (W::Ita, Lang::It),
    (W::Nld, Lang::Nl),
    (W::Por, Lang::Pt),
    (W::Tur, Lang::Tr),
    (W::Pes, Lang::Fa),
    (W::Ara, Lang::Ar),
    (W::Urd, Lang::Ur),
    (W::Rus, Lang::Ru),
];

/// Languages that whatlang tells apart by a script of their own (or
/// shared with few: Devanagari, Hebrew's): named for a line in none of
/// the Latin, Arabic and Cyrillic scripts (not in [`KNOWN`], so whatlang
/// compared with bitext is asked about the same languages as before).
const OWN_SCRIPT: &[(W, Lang)] = &[
    (W::Cmn, Lang::Zh),
    (W::Jpn, Lang::Ja),
    (W::Kor, Lang::Ko),
    (W::Ell, Lang::El),
    (W::Heb, Lang::He),
    (W::Yid, Lang::Yi),
    (W::Hin, Lang::Hi),
    (W::Mar, Lang::Mr),
    (W::Nep, Lang::Ne),
    (W::Ben, Lang::Bn),
    (W::Pan, Lang::Pa),
    (W::Guj, Lang::Gu),
    (W::Tam, Lang::Ta),
    (W::Tel, Lang::Te),
    (W::Kan, Lang::Kn),
    (W::Mal, Lang::Ml),
    (W::Sin, Lang::Si),
    (W::Tha, Lang::Th),
    (W::Mya, Lang::My),
    (W::Khm, Lang::Km),
    (W::Kat, Lang::Ka),
    (W::Hye, Lang::Hy),
    (W::Amh, Lang::Am),
];

/// The Latin-script part of [`KNOWN`].
const LATIN: &[(W, Lang)] = KNOWN.split_at(8).0;

/// bitext's name for a language whatlang names, if bitext knows it (for
/// comparing with whatlang).
pub fn lang_of_whatlang(lang: W) -> Option<Lang> {
    KNOWN
        .iter()
        .find(|(w, _)| *w == lang)
        .map(|(_, ours)| *ours)
}

/// The whatlang languages bitext knows.
pub fn whatlang_languages() -> Vec<W> {
    KNOWN.iter().map(|(w, _)| *w).collect()
}

/// A line in a script of neither Latin, Arabic nor Cyrillic: the
/// language whatlang names for it among [`OWN_SCRIPT`] (Chinese with or
/// without kana is told by the kana), with its confidence.
fn own_script(line: &str) -> (Option<Lang>, f64, bool) {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(OWN_SCRIPT.iter().map(|(w, _)| *w).collect())
    });
    match detector.detect(line) {
        Some(info) => {
            let lang = OWN_SCRIPT
                .iter()
                .find(|(w, _)| *w == info.lang())
                .map(|(_, l)| *l);
            (
                lang,
                info.confidence(),
                lang.is_some() && info.is_reliable(),
            )
        }
        None => (None, 0.0, false),
    }
}

impl Detector {
    /// A detector over every language it knows.
    pub fn new() -> Self {
        Detector::default()
    }

    /// A detector that answers with the given languages (or none), and
    /// marks a line that is clearly another language as not allowed.
    pub fn with_only(langs: &[Lang]) -> Self {
        Detector {
            only: Some(langs.to_vec()),
        }
    }

    fn allows(&self, lang: Lang) -> bool {
        self.only.as_ref().is_none_or(|only| only.contains(&lang))
    }

    /// Detects the language of `line`.
    pub fn detect(&self, line: &str) -> Detection {
        // Most English lines of a corpus, at once (a Persian line fails on
        // its first word).
        if is_plainly_english(line) {
            return self.finish(Detection::plainly(Lang::En, Script::Latin));
        }
        let letters = Letters::count(line);
        let Some(script) = letters.main() else {
            return self.finish(Detection::undetermined());
        };
        let mixed = letters.mixed();
        // Site boilerplate in Latin letters before an Urdu article
        // ("Maeeshat India's First Magazine … کوڈنانی اور …"): a quarter of
        // the letters in Arabic script with decisive letters make the line
        // that language.
        let text = strip_marks(line);
        let verdict = letters::by_letters(&text);
        let script = match (script, verdict) {
            (Script::Latin, LetterVerdict::Decided(lang))
                if letters.arabic * 4 >= letters.total() && lang != Lang::Fa =>
            {
                Script::Arabic
            }
            _ => script,
        };
        let (lang, confidence, reliable) = match script {
            Script::Arabic => {
                let (lang, confidence, reliable) = self.arabic(&text, verdict);
                (Some(lang), confidence, reliable)
            }
            Script::Latin => self.latin(line, &letters),
            Script::Cyrillic => (Some(Lang::Ru), 0.9, letters.total() >= 3),
            Script::Other => own_script(line),
        };
        self.finish(Detection {
            lang,
            script: Some(script),
            confidence,
            reliable,
            mixed,
            allowed: true,
        })
    }

    fn finish(&self, mut d: Detection) -> Detection {
        d.allowed = d.lang.is_none_or(|lang| self.allows(lang));
        d
    }

    /// An Arabic-script line, its marks stripped; `verdict` is what its
    /// letters say. Letters first, then function words among the languages
    /// the letters leave, then n-gram statistics.
    fn arabic(&self, text: &str, verdict: LetterVerdict) -> (Lang, f64, bool) {
        let mut left = match verdict {
            LetterVerdict::Decided(lang) => return (lang, 0.95, true),
            LetterVerdict::Among(left) => left,
        };
        let words = letters::word_votes(text);
        // Arabic spelling in a line of five words or more without one
        // Persian function word is Arabic beyond doubt.
        let long = text.split_whitespace().nth(4).is_some();
        let surely_arabic = left.weak && long && words.fa == 0;
        if let Some((lang, votes)) = self.by_function_words(left, words) {
            let reliable = votes >= 2 || (surely_arabic && lang == Lang::Ar);
            return (lang, 0.8, reliable);
        }
        if left.arabic_by_words_only {
            left.ar = false;
        }
        if left.weak {
            // Arabic spelling and no more Persian function words than
            // Arabic ones: Arabic; but a word or two in a corpus without
            // Arabic is Persian typed on an Arabic keyboard (هزينه), and
            // so is one that Persian's n-grams claim as written.
            let short = text.split_whitespace().nth(2).is_none();
            let persian = self.allows(Lang::Fa)
                && short
                && (!self.allows(Lang::Ar) || statistics::persian_as_written(text));
            return if persian {
                (Lang::Fa, 0.5, false)
            } else {
                (Lang::Ar, 0.5, surely_arabic)
            };
        }
        statistics::choose(text, left, |lang| self.allows(lang))
    }

    /// The language among those `left` whose function words outnumber the
    /// others', with its count. One word of a language the caller rules
    /// out is not enough to call a line outside the corpus's languages.
    fn by_function_words(&self, left: Candidates, words: Votes) -> Option<(Lang, usize)> {
        // Where ی or ک suggest Persian text, one word with the article is
        // a name or loanword in it (عبدالله, الکترونیک); several are Arabic.
        let article = if left.arabic_by_words_only && words.article < 2 {
            0
        } else {
            words.article
        };
        let votes = |lang: Lang| match lang {
            Lang::Fa => words.fa,
            Lang::Ar => words.ar + article,
            _ => words.ur,
        };
        let mut ranked: Vec<Lang> = left.langs().collect();
        // Stable: ties keep the order fa, ar, ur.
        ranked.sort_by_key(|&lang| std::cmp::Reverse(votes(lang)));
        let (first, second) = (votes(ranked[0]), ranked.get(1).map_or(0, |&l| votes(l)));
        (first > second && (first >= 2 || self.allows(ranked[0]))).then_some((ranked[0], first))
    }

    /// A Latin-script line: whatlang among the Latin-script languages when
    /// it is sure (its confidence at least [`WHATLANG_SURE`]), lingua
    /// otherwise. With an allowlist, whatlang naming an allowed language
    /// stands; a line is outside it only when lingua is sure of that too.
    fn latin(&self, line: &str, letters: &Letters) -> (Option<Lang>, f64, bool) {
        let allowed: Vec<Lang> = LATIN
            .iter()
            .map(|(_, lang)| *lang)
            .filter(|&lang| self.allows(lang))
            .collect();
        if allowed.is_empty() {
            return (None, 0.0, false);
        }
        let words = line
            .split_whitespace()
            .filter(|w| w.chars().any(crate::lang::is_alphabetic))
            .count();
        // A word or two: whatlang's confidence, calibrated on sentences,
        // is no sign of being right there; lingua's 1- to 5-grams read
        // short text better (English word pairs 94.8% → 95.2%, no class
        // worse: BENCHMARKS.md). Only an allowlist still weighs its
        // answer then, so without one it is not asked.
        let sentence = words >= SENTENCE_WORDS;
        static WHATLANG: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
        let whatlang = (sentence || self.only.is_some())
            .then(|| {
                WHATLANG
                    .get_or_init(|| {
                        whatlang::Detector::with_allowlist(LATIN.iter().map(|(w, _)| *w).collect())
                    })
                    .detect(line)
            })
            .flatten()
            .filter(|info| info.script() == WScript::Latin)
            .and_then(|info| Some((lang_of_whatlang(info.lang())?, info.confidence())));
        let reliable = |share: f64| letters.latin >= 2 && share >= LINGUA_RELIABLE;
        // With an allowlist, whatlang naming an allowed language is enough,
        // sure or not: lingua is asked only whether a line is outside it.
        let stands = |&(lang, confidence): &(Lang, f64)| {
            self.allows(lang) && (confidence >= WHATLANG_SURE || self.only.is_some())
        };
        if let Some((lang, confidence)) = whatlang.filter(stands).filter(|_| sentence) {
            return (
                Some(lang),
                confidence,
                letters.latin >= 2 && confidence >= WHATLANG_SURE,
            );
        }
        // With an allowlist, lingua weighs whatlang's answer against the
        // allowed languages only (a third of the cost of all eight).
        let values = match (&self.only, whatlang) {
            (Some(_), Some((lang, _))) => {
                let mut among = allowed.clone();
                among.push(lang);
                statistics::latin(line, Some(&among))
            }
            _ => statistics::latin(line, None),
        };
        let other = match sentence {
            true => LINGUA_OTHER.0,
            false => LINGUA_OTHER.1,
        };
        match values.first() {
            Some(&(lang, share)) if self.allows(lang) => (Some(lang), share, reliable(share)),
            // Outside the allowlist only when lingua is sure of it too.
            Some(&(lang, share)) if share >= other => (Some(lang), share, reliable(share)),
            _ => {
                let (lang, share) = values
                    .iter()
                    .copied()
                    .find(|&(lang, _)| self.allows(lang))
                    .unwrap_or((allowed[0], 0.0));
                (Some(lang), share, false)
            }
        }
    }
}

/// whatlang's confidence from which its answer on a Latin-script line
/// stands without lingua: on the shared sentences, the lines below it (8%
/// of them) hold nearly all its errors, and lingua costs some 20 times as
/// much (chosen on one half of the shared lines, the other half agreeing:
/// English sentences 96.4% → 99.6%).
const WHATLANG_SURE: f64 = 0.5;
/// lingua's share of the confidence from which it calls a line outside an
/// allowlist another language: a sentence, and a word or two (where its
/// share runs high on little evidence). Chosen on the shared lines: other
/// Latin-script sentences out 96.2% (a sentence from 30 letters) → 98.9%
/// (from three words; 99.4% with lingua weighing whatlang's answer against
/// the allowed languages only), English and Persian lines kept 99.96%.
const LINGUA_OTHER: (f64, f64) = (0.5, 0.95);
/// Words from which a line is read as a sentence.
const SENTENCE_WORDS: usize = 3;
/// lingua's share from which its answer is reliable.
const LINGUA_RELIABLE: f64 = 0.6;

impl Detection {
    /// The language's code, `und` for none: what the edges write.
    pub fn code(&self) -> &'static str {
        crate::lang::code_or_und(self.lang)
    }

    /// The script's name, `None` for none: what the edges write.
    pub fn script_name(&self) -> &'static str {
        script_name(self.script)
    }

    /// A language known without looking further (a caller's fast path).
    pub(crate) fn plainly(lang: Lang, script: Script) -> Self {
        Detection {
            lang: Some(lang),
            script: Some(script),
            confidence: 0.9,
            reliable: true,
            mixed: false,
            allowed: true,
        }
    }

    pub(crate) fn undetermined() -> Self {
        Detection {
            lang: None,
            script: None,
            confidence: 0.0,
            reliable: false,
            mixed: false,
            allowed: true,
        }
    }
}

/// Letters of each script in a line, outside URLs and e-mail addresses.
#[derive(Default)]
struct Letters {
    latin: usize,
    arabic: usize,
    cyrillic: usize,
    other: usize,
}

impl Letters {
    fn count(line: &str) -> Self {
        let mut counts = Letters::default();
        let is_link =
            |token: &str| token.contains("://") || token.starts_with("www.") || token.contains('@');
        // Most lines have no URL or e-mail: count them whole.
        if line.contains("://") || line.contains("www.") || line.contains('@') {
            for token in line.split_whitespace().filter(|t| !is_link(t)) {
                counts.add(token);
            }
        } else {
            counts.add(line);
        }
        counts
    }

    fn add(&mut self, text: &str) {
        for c in text.chars() {
            match script_of(c) {
                Some(Script::Latin) => self.latin += 1,
                Some(Script::Arabic) => self.arabic += 1,
                Some(Script::Cyrillic) => self.cyrillic += 1,
                Some(Script::Other) => self.other += 1,
                None => {}
            }
        }
    }

    fn total(&self) -> usize {
        self.latin + self.arabic + self.cyrillic + self.other
    }

    /// The script with the most letters; `None` without letters.
    fn main(&self) -> Option<Script> {
        if self.total() == 0 {
            return None;
        }
        let other = self.cyrillic + self.other;
        Some(if self.arabic >= self.latin && self.arabic >= other {
            Script::Arabic
        } else if self.latin >= other {
            Script::Latin
        } else if self.cyrillic > 0 {
            Script::Cyrillic
        } else {
            Script::Other
        })
    }

    /// Whether a second script has at least a tenth of the letters.
    fn mixed(&self) -> bool {
        let mut counts = [self.latin, self.arabic, self.cyrillic + self.other];
        counts.sort_unstable();
        counts[1] * 10 >= self.total() && counts[1] > 0
    }
}

/// Drops direction marks and tatweel before deciding (ZWNJ stays: it is
/// evidence of Persian), and maps Arabic presentation forms (the contextual
/// shapes old PDF and web text is full of, ﺳﯿﺘﻪ) to the letters they show.
fn strip_marks(line: &str) -> Cow<'_, str> {
    if !line
        .chars()
        .any(|c| is_invisible_mark(c) || is_presentation_form(c))
    {
        return Cow::Borrowed(line);
    }
    let mut text = String::with_capacity(line.len());
    for c in line.chars().filter(|&c| !is_invisible_mark(c)) {
        if is_presentation_form(c) {
            text.extend(std::iter::once(c).nfkc());
        } else {
            text.push(c);
        }
    }
    Cow::Owned(text)
}

/// Single-letter Arabic presentation forms (not the word ligatures such as
/// ﷺ, which spell whole phrases).
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{fb50}'..='\u{fbff}' | '\u{fe70}'..='\u{fefc}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_language_of_each_script() {
        let d = Detector::new();
        let cases = [
            ("The meeting took place on Thursday in the Far East.", "en"),
            ("La réunion a eu lieu jeudi dans l'Extrême-Orient.", "fr"),
            ("دیدار روز پنجشنبه در خاور دور برگزار شد.", "fa"),
            ("عقد الاجتماع يوم الخميس في الشرق الأقصى.", "ar"),
            ("ملاقات جمعرات کو مشرق بعید میں ہوئی۔", "ur"),
            ("ناسته د پنجشنبې په ورځ ترسره شوه.", "ps"),
            ("کۆبوونەوەکە ڕۆژی پێنجشەممە بوو.", "ckb"),
            ("Встреча состоялась в четверг.", "ru"),
        ];
        for (line, want) in cases {
            assert_eq!(d.detect(line).code(), want, "{line}");
        }
    }

    #[test]
    fn a_word_or_two_is_read_by_lingua_not_by_whatlangs_sure_guess() {
        // whatlang is sure of Italian and French here; the words are
        // English.
        let d = Detector::new();
        for line in ["individuals businesses", "common questions", "individuals"] {
            assert_eq!(d.detect(line).code(), "en", "{line}");
        }
    }

    #[test]
    fn a_script_of_its_own_names_its_language_and_is_kept_out() {
        let d = Detector::new();
        let cases = [
            ("人人生而自由，在尊严和权利上一律平等。", Lang::Zh),
            ("すべての人間は、生まれながらにして自由である。", Lang::Ja),
            ("모든 인간은 태어날 때부터 자유로우며 존엄하다.", Lang::Ko),
            ("Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι.", Lang::El),
            (
                "כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם.",
                Lang::He,
            ),
            (
                "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता प्राप्त है।",
                Lang::Hi,
            ),
            ("มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ", Lang::Th),
        ];
        let only = Detector::with_only(&[Lang::En, Lang::Fa]);
        for (line, lang) in cases {
            let got = d.detect(line);
            assert_eq!(
                (got.lang, got.script),
                (Some(lang), Some(Script::Other)),
                "{line}"
            );
            assert!(got.reliable, "{line}");
            assert!(!only.detect(line).allowed, "{line}");
        }
    }

    #[test]
    fn lines_without_letters_are_undetermined() {
        let d = Detector::new();
        for line in [
            "",
            "12345",
            "https://example.com/a?b=c",
            "info@example.com",
            "!!! ... ???",
            "🙂🙂",
        ] {
            assert_eq!(d.detect(line).lang, None, "{line:?}");
        }
    }

    #[test]
    fn a_persian_line_with_an_english_name_is_persian_and_mixed() {
        let got = Detector::new().detect("من Python را دوست دارم");
        assert_eq!((got.lang, got.mixed), (Some(Lang::Fa), true));
    }

    #[test]
    fn short_persian_typed_on_an_arabic_keyboard_is_persian() {
        let d = Detector::new();
        for line in ["هزينه", "خانه ما", "ديروز", "نتيجه نهايى"] {
            assert_eq!(d.detect(line).lang, Some(Lang::Fa), "{line}");
        }
        for line in ["كثيرا", "مليار دولار", "والمعنى"] {
            assert_eq!(d.detect(line).lang, Some(Lang::Ar), "{line}");
        }
    }

    #[test]
    fn an_allowlist_keeps_other_arabic_script_languages_out() {
        let d = Detector::with_only(&[Lang::En, Lang::Fa]);
        let urdu = d.detect("یہ کتاب بہت اچھی ہے۔");
        assert_eq!((urdu.lang, urdu.allowed), (Some(Lang::Ur), false));
        assert!(d.detect("کتاب").allowed);
    }

    #[test]
    fn an_allowlist_keeps_other_latin_script_languages_out() {
        let d = Detector::with_only(&[Lang::En, Lang::Fa]);
        for (line, lang) in [
            ("Bonjour, comment allez-vous?", Lang::Fr),
            ("Der König sagte, dass sie morgen kommen würden.", Lang::De),
            ("El gobierno anunció nuevas medidas económicas.", Lang::Es),
        ] {
            let got = d.detect(line);
            assert_eq!((got.lang, got.allowed), (Some(lang), false), "{line}");
        }
        for line in [
            "He was speechless when he discovered what happened.",
            "Hello, how are you today?",
            "Critics say the plans are not enough.",
        ] {
            let got = d.detect(line);
            assert_eq!((got.lang, got.allowed), (Some(Lang::En), true), "{line}");
        }
        // English without the allowlist, where whatlang alone said de and pt.
        let all = Detector::new();
        assert_eq!(
            all.detect("He was speechless when he discovered what happened.")
                .lang,
            Some(Lang::En)
        );
        assert_eq!(all.detect("Hello, how are you today?").lang, Some(Lang::En));
    }
}
