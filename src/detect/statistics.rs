//! Character n-gram statistics for lines the cheaper tests leave open:
//! Arabic-script lines the letters and function words do not decide
//! (mostly single words and short phrases), and Latin-script lines
//! whatlang is not sure of.
//!
//! whatlang's trigram profiles call a Persian single word Persian only 47%
//! of the time; lingua's models (1- to 5-grams, Apache-2.0, loaded lazily
//! and only for these three languages) do much better on short text. They
//! cost about 40 µs a word, so they run only where letters and function
//! words have not decided, which leaves sentences on the fast path.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::letters::Candidates;
use crate::lang::Lang;

/// How much likelier than Arabic or Urdu a Persian reading must be made:
/// the n-gram models lean away from Persian on words Persian shares with
/// both (loanwords such as تحقیقات, اعمال), which Persian text uses more.
const PERSIAN_PRIOR: f64 = 1.5;
/// The share of the odds above which the answer is reliable.
const RELIABLE: f64 = 0.8;

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::Persian,
            Language::Arabic,
            Language::Urdu,
        ])
        .build()
    })
}

/// The likeliest of the candidate languages for `text`, its share of the
/// candidates' odds, and whether that share is large enough to act on.
pub fn choose(text: &str, left: Candidates, allows: impl Fn(Lang) -> bool) -> (Lang, f64, bool) {
    let values = detector().compute_language_confidence_values(text);
    let value = |language: Language| confidence(&values, language);
    let odds: Vec<(Lang, f64)> = left
        .langs()
        .map(|lang| {
            let (language, prior) = match lang {
                Lang::Fa => (Language::Persian, PERSIAN_PRIOR),
                Lang::Ar => (Language::Arabic, 1.0),
                _ => (Language::Urdu, 1.0),
            };
            // A floor keeps a language the model rules out comparable.
            (lang, (value(language) + 1e-4) * prior)
        })
        .collect();
    let total: f64 = odds.iter().map(|(_, o)| o).sum();
    // With an allowlist, statistics choose among the allowed languages
    // when any is left: on a short line they are not evidence enough to
    // call it outside the corpus (letters and function words can).
    let any_allowed = odds.iter().any(|&(lang, _)| allows(lang));
    let (lang, best) = odds
        .iter()
        .copied()
        .filter(|&(lang, _)| !any_allowed || allows(lang))
        .fold((Lang::Fa, f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
    let share = best / total;
    (lang, share, share >= RELIABLE)
}

/// Persian's share of the Persian and Arabic odds above which a word or
/// two in Arabic spelling (ي ك ى, no Persian letter) is Persian typed on
/// an Arabic keyboard (هزينه, ادامه جريان). Persian web text has such
/// lines, so lingua's Persian model knows them as written; Arabic short
/// lines scored up to 0.63 on the shared word lists, their Persian
/// counterparts mostly above 0.9 (restoring ی ک first makes every Arabic
/// word look Persian, so the text is scored as written).
const PERSIAN_AS_WRITTEN: f64 = 0.8;

/// Whether lingua reads `text`, as written, as Persian rather than Arabic
/// by [`PERSIAN_AS_WRITTEN`].
pub fn persian_as_written(text: &str) -> bool {
    let values = detector().compute_language_confidence_values(text);
    let value = |language: Language| confidence(&values, language);
    let (fa, ar) = (value(Language::Persian), value(Language::Arabic));
    fa > 0.0 && fa / (fa + ar) >= PERSIAN_AS_WRITTEN
}

/// The Latin-script languages lingua decides among, with bitext's names.
const LATIN: &[(Language, Lang)] = &[
    (Language::English, Lang::En),
    (Language::French, Lang::Fr),
    (Language::German, Lang::De),
    (Language::Spanish, Lang::Es),
    (Language::Italian, Lang::It),
    (Language::Dutch, Lang::Nl),
    (Language::Portuguese, Lang::Pt),
    (Language::Turkish, Lang::Tr),
];

fn latin_detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let languages: Vec<Language> = LATIN.iter().map(|(l, _)| *l).collect();
        LanguageDetectorBuilder::from_languages(&languages).build()
    })
}

/// Each Latin-script language's share of lingua's confidence for `text`,
/// likeliest first, among all of them, or among `among` when
/// given: lingua reads short Latin text at 95% for English word pairs
/// where whatlang's trigrams read 50%, at 20 times whatlang's cost for
/// eight languages and 6 for two (its models are loaded once, however
/// many detectors are built over them).
pub fn latin(text: &str, among: Option<&[Lang]>) -> Vec<(Lang, f64)> {
    let values = match among {
        None => latin_detector().compute_language_confidence_values(text),
        Some(codes) => {
            let languages: Vec<Language> = LATIN
                .iter()
                .filter(|(_, lang)| codes.contains(lang))
                .map(|(l, _)| *l)
                .collect();
            if languages.len() < 2 {
                return languages.iter().map(|l| (lang_of(*l), 1.0)).collect();
            }
            LanguageDetectorBuilder::from_languages(&languages)
                .build()
                .compute_language_confidence_values(text)
        }
    };
    values
        .into_iter()
        .map(|(language, value)| (lang_of(language), value))
        .collect()
}

/// bitext's name for one of [`LATIN`]'s languages (the detectors are
/// built over those only).
fn lang_of(language: Language) -> Lang {
    LATIN
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, lang)| *lang)
        .expect("a detector built over LATIN answers with its languages")
}

fn confidence(values: &[(Language, f64)], language: Language) -> f64 {
    values
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(0.0, |(_, v)| *v)
}
