//! Languages and scripts.
//!
//! Codes are BCP 47 strings at the edges (`en`, `fa`); inside, [`Lang`] is an
//! enum. The segmenter's rules depend on the script of the words around a
//! candidate boundary, so [`Script`] is what most code asks about.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// The language rules the segmenter applies to a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (and the default rules for other Latin-script text).
    En,
    /// Persian (and other Arabic-script text).
    Fa,
    /// Decide per paragraph from the script of its letters.
    Auto,
}

impl Lang {
    /// The codes [`Lang::from_str`] accepts.
    pub const CHOICES: &'static str = "en, fa, auto";

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fa => "fa",
            Lang::Auto => "auto",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "fa" | "fas" | "per" | "persian" | "farsi" | "prs" => Ok(Lang::Fa),
            "auto" => Ok(Lang::Auto),
            _ => Err(Error::new(ErrorKind::UnknownLanguage {
                code: code.to_string(),
                choices: Lang::CHOICES,
            })),
        }
    }
}

/// What bitext knows of a language, by its code: one table for the
/// checker, the report and the commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageFacts {
    /// The ISO 639 code (`en`, `fa`, `ckb`).
    pub code: &'static str,
    /// The script it is written in, as the detector names scripts
    /// (`Latin`, `Arabic`, `Cyrillic`, `Other`).
    pub script: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// The detector can name it, so a different answer means something
    /// (Dari is read as Persian, and the languages only listed here for
    /// their script are not detected).
    pub detected: bool,
}

const fn facts(code: &'static str, script: &'static str, detected: bool) -> LanguageFacts {
    // Arabic script, and Hebrew (the detector's `Other`), read right to left.
    let rtl = !matches!(script.as_bytes(), b"Latin" | b"Cyrillic");
    LanguageFacts {
        code,
        script,
        rtl,
        detected,
    }
}

/// Every language bitext knows something of.
pub const LANGUAGES: &[LanguageFacts] = &[
    facts("en", "Latin", true),
    facts("fr", "Latin", true),
    facts("de", "Latin", true),
    facts("es", "Latin", true),
    facts("it", "Latin", true),
    facts("nl", "Latin", true),
    facts("pt", "Latin", true),
    facts("tr", "Latin", true),
    facts("pl", "Latin", false),
    facts("sv", "Latin", false),
    facts("da", "Latin", false),
    facts("no", "Latin", false),
    facts("fi", "Latin", false),
    facts("cs", "Latin", false),
    facts("ro", "Latin", false),
    facts("hu", "Latin", false),
    facts("id", "Latin", false),
    facts("ms", "Latin", false),
    facts("vi", "Latin", false),
    facts("fa", "Arabic", true),
    facts("ar", "Arabic", true),
    facts("ur", "Arabic", true),
    facts("ps", "Arabic", true),
    facts("ckb", "Arabic", true),
    facts("prs", "Arabic", false),
    facts("pes", "Arabic", false),
    facts("sd", "Arabic", false),
    facts("ug", "Arabic", false),
    facts("ru", "Cyrillic", true),
    facts("he", "Other", false),
    facts("yi", "Other", false),
];

/// The facts of the language `code` names (its primary subtag: `fa-IR` is
/// `fa`), if bitext knows it.
pub fn language(code: &str) -> Option<&'static LanguageFacts> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(primary))
}

/// The writing system of a character, as far as segmentation cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Basic and extended Latin letters.
    Latin,
    /// Arabic-script letters (Persian, Arabic, Urdu, …).
    Arabic,
    /// Letters of any other script.
    Other,
}

/// The script of a letter, or `None` for anything that is not a letter.
///
/// Arabic-script code points are classified by range before asking the
/// (slow) Unicode alphabetic table: the segmenter calls this on every
/// Persian char it looks at.
pub fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    match c as u32 {
        // Arabic punctuation, digits and signs that are not letters.
        0x0600..=0x061F
        | 0x0660..=0x066D
        | 0x06D4
        | 0x06DD
        | 0x06DE
        | 0x06E9
        | 0x06F0..=0x06F9
        | 0x06FD
        | 0x06FE => None,
        0x0620..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFE => {
            Some(Script::Arabic)
        }
        // Spaces, quotes, dashes and joiners (ZWNJ is in every other
        // Persian line): known non-letters, without the slow lookup.
        0x00A0..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x206F => None,
        _ if !c.is_alphabetic() => None,
        0x00C0..=0x024F | 0x1E00..=0x1EFF => Some(Script::Latin),
        _ => Some(Script::Other),
    }
}

/// `char::is_alphanumeric`, answered for ASCII and for the Arabic-script
/// letters and digits of Persian text without the Unicode table search
/// (the aligner trims every word of a document with it).
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c as u32 {
        0x0621..=0x063A | 0x0641..=0x064A | 0x0660..=0x0669 | 0x0671..=0x06D3 | 0x06F0..=0x06F9 => {
            true
        }
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c` is an Arabic-script letter.
pub fn is_arabic_letter(c: char) -> bool {
    script_of(c) == Some(Script::Arabic)
}

/// Picks Persian or English rules for a stretch of text by its dominant
/// script, as whatlang reports it for (up to) the first 4096 characters.
/// Used for `--lang auto`, one paragraph at a time.
pub fn guess_lang(text: &str) -> Lang {
    let prefix = match text.char_indices().nth(4096) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    match whatlang::detect_script(prefix) {
        Some(whatlang::Script::Arabic) => Lang::Fa,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn language_facts_by_code() {
        let fa = language("fa-IR").unwrap();
        assert_eq!(
            (fa.code, fa.script, fa.rtl, fa.detected),
            ("fa", "Arabic", true, true)
        );
        assert!(language("EN").is_some_and(|l| l.script == "Latin" && !l.rtl));
        assert!(language("prs").is_some_and(|l| !l.detected));
        assert!(language("he").is_some_and(|l| l.rtl));
        assert!(language("xx").is_none());
        let codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
        assert!(
            codes
                .iter()
                .enumerate()
                .all(|(i, c)| !codes[..i].contains(c)),
            "a code twice"
        );
    }

    use super::*;

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_std() {
        for c in (0..=0x2FFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn parses_codes_and_rejects_unknown_ones() {
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("FA".parse::<Lang>().unwrap(), Lang::Fa);
        assert_eq!("auto".parse::<Lang>().unwrap(), Lang::Auto);
        let err = "xx".parse::<Lang>().unwrap_err().to_string();
        assert!(
            err.contains("'xx'") && err.contains("en, fa, auto"),
            "{err}"
        );
    }

    #[test]
    fn scripts_of_letters() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('پ'), Some(Script::Arabic));
        assert_eq!(script_of('ك'), Some(Script::Arabic));
        assert_eq!(script_of('ж'), Some(Script::Other));
        assert_eq!(script_of('۵'), None);
        assert_eq!(script_of('.'), None);
    }

    #[test]
    fn guesses_language_by_majority_script() {
        assert_eq!(guess_lang("من Python را دوست دارم."), Lang::Fa);
        assert_eq!(guess_lang("It is a great language."), Lang::En);
        assert_eq!(guess_lang("123"), Lang::En);
    }
}
