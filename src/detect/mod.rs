//! Language identification, one line at a time.
//!
//! Script first, then letters, then statistics: the script separates Latin,
//! Arabic, Cyrillic and the rest; within Arabic script, letters only Sorani,
//! Pashto or Urdu use decide first, then Persian-only and Arabic-only
//! letters, then frequent words; whatlang decides what is left, restricted
//! to the candidate languages.
//!
//! ```
//! use bitext::Detector;
//!
//! let detector = Detector::new();
//! assert_eq!(detector.detect("این کتاب را خواندم.").lang, "fa");
//! assert_eq!(detector.detect("یہ کتاب بہت اچھی ہے۔").lang, "ur");
//! assert_eq!(detector.detect("https://example.com 2024").lang, "und");
//! ```

mod letters;

use serde::Serialize;
use std::borrow::Cow;
use whatlang::{Lang as W, Script as WScript};

use crate::lang::{script_of, Script};
use crate::normalize::is_invisible_mark;

/// What the detector says about one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detection {
    /// ISO 639-1 code where one exists (`en`, `fa`), `ckb` for Sorani,
    /// a 639-3 code for languages without one, `und` without evidence.
    pub lang: &'static str,
    /// The line's main script: `Latin`, `Arabic`, `Cyrillic`, `Other`, or
    /// `None` when it has no letters.
    pub script: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Whether the answer rests on enough evidence to act on.
    pub reliable: bool,
    /// The line mixes scripts (a Persian line with an English name).
    pub mixed: bool,
    /// With an allowlist: whether the language is one of the allowed ones
    /// (`und` counts as allowed: a line of numbers is in no language).
    pub allowed: bool,
}

/// Detects languages; configure once, use for many lines.
#[derive(Clone, Debug, Default)]
pub struct Detector {
    only: Option<Vec<String>>,
}

/// The languages whatlang and bitext both name, with their ISO 639-1
/// codes; the first eight are written in Latin script.
const KNOWN: &[(W, &str)] = &[
    (W::Eng, "en"),
    (W::Fra, "fr"),
    (W::Deu, "de"),
    (W::Spa, "es"),
    (W::Ita, "it"),
    (W::Nld, "nl"),
    (W::Por, "pt"),
    (W::Tur, "tr"),
    (W::Pes, "fa"),
    (W::Ara, "ar"),
    (W::Urd, "ur"),
    (W::Rus, "ru"),
];
/// The Latin-script part of [`KNOWN`].
const LATIN: &[(W, &str)] = KNOWN.split_at(8).0;

/// The ISO 639-1 code bitext uses for a language whatlang names, if bitext
/// knows it (for comparing with whatlang).
pub fn iso_code_of(lang: W) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|(w, _)| *w == lang)
        .map(|(_, code)| *code)
}

/// The whatlang languages bitext knows.
pub fn whatlang_languages() -> Vec<W> {
    KNOWN.iter().map(|(w, _)| *w).collect()
}

impl Detector {
    /// A detector over every language it knows.
    pub fn new() -> Self {
        Detector::default()
    }

    /// A detector that answers only with the given codes (plus `und`), and
    /// marks a line whose letters show another language as not allowed.
    pub fn with_only(codes: &[&str]) -> Self {
        Detector {
            only: Some(codes.iter().map(|c| c.to_string()).collect()),
        }
    }

    fn allows(&self, code: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| code == "und" || only.iter().any(|c| c == code))
    }

    /// Detects the language of `line`.
    pub fn detect(&self, line: &str) -> Detection {
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
        let decided = letters::by_letters(&text);
        let script = match (script, decided) {
            (Script::Latin, Some(code))
                if letters.arabic * 4 >= letters.total() && code != "fa" =>
            {
                Script::Arabic
            }
            _ => script,
        };
        let (lang, confidence, reliable) = match script {
            Script::Arabic => self.arabic(&text, decided),
            Script::Latin => self.latin(line, &letters),
            Script::Other if letters.cyrillic > 0 => ("ru", 0.9, letters.total() >= 3),
            Script::Other => ("und", 0.0, false),
        };
        self.finish(Detection {
            lang,
            script: match script {
                Script::Latin => "Latin",
                Script::Arabic => "Arabic",
                Script::Other if letters.cyrillic > 0 => "Cyrillic",
                Script::Other => "Other",
            },
            confidence,
            reliable,
            mixed,
            allowed: true,
        })
    }

    fn finish(&self, mut d: Detection) -> Detection {
        d.allowed = self.allows(d.lang);
        d
    }

    /// An Arabic-script line, its marks stripped; `decided` is what its
    /// letters alone say.
    fn arabic(&self, text: &str, decided: Option<&'static str>) -> (&'static str, f64, bool) {
        if let Some(code) = decided {
            return (code, 0.95, true);
        }
        let (fa, ar, ur) = letters::word_votes(text);
        if fa + ar + ur > 0 {
            let best = if fa >= ar && fa >= ur {
                "fa"
            } else if ar >= ur {
                "ar"
            } else {
                "ur"
            };
            return (best, 0.8, fa + ar + ur >= 2);
        }
        if letters::has_arabic_yeh_or_kaf(text) && !text.chars().any(|c| matches!(c, 'ی' | 'ک')) {
            // Weak: Persian typed on an Arabic keyboard looks the same.
            return if self.allows("ar") {
                ("ar", 0.5, false)
            } else {
                ("fa", 0.5, false)
            };
        }
        if let Some(code) = letters::by_word_shape(text) {
            return (code, 0.6, false);
        }
        let candidates: Vec<W> = [(W::Pes, "fa"), (W::Ara, "ar"), (W::Urd, "ur")]
            .into_iter()
            .filter(|(_, code)| self.allows(code))
            .map(|(w, _)| w)
            .collect();
        let guess = whatlang::Detector::with_allowlist(candidates).detect(text);
        match guess.map(|info| (info.lang(), info.confidence(), info.is_reliable())) {
            Some((W::Ara, c, r)) => ("ar", c, r),
            Some((W::Urd, c, r)) => ("ur", c, r),
            Some((_, c, r)) => ("fa", c, r),
            None => ("fa", 0.3, false),
        }
    }

    fn latin(&self, line: &str, letters: &Letters) -> (&'static str, f64, bool) {
        let allowed: Vec<&(W, &'static str)> =
            LATIN.iter().filter(|(_, code)| self.allows(code)).collect();
        match allowed.as_slice() {
            [] => ("und", 0.0, false),
            [(_, code)] => (code, 1.0, letters.latin >= 2),
            _ => {
                let detector =
                    whatlang::Detector::with_allowlist(allowed.iter().map(|(w, _)| *w).collect());
                match detector.detect(line) {
                    Some(info) if info.script() == WScript::Latin => {
                        let code = iso_code_of(info.lang()).unwrap_or("und");
                        (code, info.confidence(), info.is_reliable())
                    }
                    _ => ("und", 0.0, false),
                }
            }
        }
    }
}

impl Detection {
    /// A language known without looking further (a caller's fast path).
    pub(crate) fn plainly(lang: &'static str, script: &'static str) -> Self {
        Detection {
            lang,
            script,
            confidence: 0.9,
            reliable: true,
            mixed: false,
            allowed: true,
        }
    }

    pub(crate) fn undetermined() -> Self {
        Detection {
            lang: "und",
            script: "None",
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
                Some(Script::Other) if ('\u{0400}'..='\u{04FF}').contains(&c) => self.cyrillic += 1,
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
/// evidence of Persian).
fn strip_marks(line: &str) -> Cow<'_, str> {
    if line.chars().any(is_invisible_mark) {
        Cow::Owned(line.chars().filter(|&c| !is_invisible_mark(c)).collect())
    } else {
        Cow::Borrowed(line)
    }
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
            assert_eq!(d.detect(line).lang, want, "{line}");
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
            assert_eq!(d.detect(line).lang, "und", "{line:?}");
        }
    }

    #[test]
    fn a_persian_line_with_an_english_name_is_persian_and_mixed() {
        let got = Detector::new().detect("من Python را دوست دارم");
        assert_eq!((got.lang, got.mixed), ("fa", true));
    }

    #[test]
    fn an_allowlist_keeps_other_arabic_script_languages_out() {
        let d = Detector::with_only(&["en", "fa"]);
        let urdu = d.detect("یہ کتاب بہت اچھی ہے۔");
        assert_eq!((urdu.lang, urdu.allowed), ("ur", false));
        let english = d.detect("Bonjour tout le monde");
        assert_eq!((english.lang, english.allowed), ("en", true));
        assert!(d.detect("کتاب").allowed);
    }
}
