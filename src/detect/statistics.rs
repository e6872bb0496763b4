//! Character n-gram statistics for Arabic-script lines the letters and
//! function words leave open, mostly single words and short phrases.
//!
//! whatlang's trigram profiles call a Persian single word Persian only 47%
//! of the time; lingua's models (1- to 5-grams, Apache-2.0, loaded lazily
//! and only for these three languages) do much better on short text. They
//! cost about 40 µs a word, so they run only where letters and function
//! words have not decided, which leaves sentences on the fast path.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::letters::Candidates;

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
pub fn choose(
    text: &str,
    left: Candidates,
    allows: impl Fn(&str) -> bool,
) -> (&'static str, f64, bool) {
    let values = detector().compute_language_confidence_values(text);
    let value = |language: Language| confidence(&values, language);
    let odds: Vec<(&'static str, f64)> = left
        .codes()
        .map(|code| {
            let (language, prior) = match code {
                "fa" => (Language::Persian, PERSIAN_PRIOR),
                "ar" => (Language::Arabic, 1.0),
                _ => (Language::Urdu, 1.0),
            };
            // A floor keeps a language the model rules out comparable.
            (code, (value(language) + 1e-4) * prior)
        })
        .collect();
    let total: f64 = odds.iter().map(|(_, o)| o).sum();
    // With an allowlist, statistics choose among the allowed languages
    // when any is left: on a short line they are not evidence enough to
    // call it outside the corpus (letters and function words can).
    let any_allowed = odds.iter().any(|(code, _)| allows(code));
    let (code, best) = odds
        .iter()
        .copied()
        .filter(|(code, _)| !any_allowed || allows(code))
        .fold(("fa", f64::MIN), |a, b| if b.1 > a.1 { b } else { a });
    let share = best / total;
    (code, share, share >= RELIABLE)
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

fn confidence(values: &[(Language, f64)], language: Language) -> f64 {
    values
        .iter()
        .find(|(l, _)| *l == language)
        .map_or(0.0, |(_, v)| *v)
}
