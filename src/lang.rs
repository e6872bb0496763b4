//! Languages and scripts.
//!
//! Codes are ISO 639 strings at the edges (`en`, `fa`, `ckb`); inside, a
//! language is a [`Lang`] and a writing system a [`Script`], and what
//! bitext knows of each language (its code, name, script, direction, and
//! whether the detector can name it) is one table, [`LANGUAGES`].

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind};

/// What bitext knows of a language: one row of [`LANGUAGES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageFacts {
    /// The language.
    pub lang: Lang,
    /// Its ISO 639 code (`en`, `fa`, `ckb`): ISO 639-1 where one exists.
    pub code: &'static str,
    /// Its English name.
    pub name: &'static str,
    /// The script it is written in.
    pub script: Script,
    /// Written right to left.
    pub rtl: bool,
    /// The detector can name it, so a different answer means something
    /// (Dari is read as Persian, and the languages listed here only for
    /// their script are not detected).
    pub detected: bool,
    /// Other names accepted for it: ISO 639-2 and -3 codes, other names.
    pub aliases: &'static [&'static str],
}

/// Declares [`Lang`] and [`LANGUAGES`] from one list, so the enum and the
/// table cannot disagree.
macro_rules! languages {
    ($($variant:ident $code:literal $name:literal $script:ident $rtl:literal $detected:literal [$($alias:literal),*];)*) => {
        /// A language bitext knows something of. Parse one from its code
        /// with [`str::parse`] or [`Lang::from_code`]; [`Lang::code`] gives
        /// the code back.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Lang {
            $(#[doc = $name] $variant,)*
        }

        /// Every language bitext knows something of, in [`Lang`]'s order.
        pub const LANGUAGES: &[LanguageFacts] = &[
            $(LanguageFacts {
                lang: Lang::$variant,
                code: $code,
                name: $name,
                script: Script::$script,
                rtl: $rtl,
                detected: $detected,
                aliases: &[$($alias),*],
            },)*
        ];
    };
}

languages! {
    En "en" "English" Latin false true ["eng"];
    Fr "fr" "French" Latin false true ["fra", "fre"];
    De "de" "German" Latin false true ["deu", "ger"];
    Es "es" "Spanish" Latin false true ["spa"];
    It "it" "Italian" Latin false true ["ita"];
    Nl "nl" "Dutch" Latin false true ["nld", "dut"];
    Pt "pt" "Portuguese" Latin false true ["por"];
    Tr "tr" "Turkish" Latin false true ["tur"];
    Pl "pl" "Polish" Latin false false ["pol"];
    Sv "sv" "Swedish" Latin false false ["swe"];
    Da "da" "Danish" Latin false false ["dan"];
    No "no" "Norwegian" Latin false false ["nor", "nb", "nn"];
    Fi "fi" "Finnish" Latin false false ["fin"];
    Cs "cs" "Czech" Latin false false ["ces", "cze"];
    Ro "ro" "Romanian" Latin false false ["ron", "rum"];
    Hu "hu" "Hungarian" Latin false false ["hun"];
    Id "id" "Indonesian" Latin false false ["ind"];
    Ms "ms" "Malay" Latin false false ["msa", "may"];
    Vi "vi" "Vietnamese" Latin false false ["vie"];
    Fa "fa" "Persian" Arabic true true ["fas", "per", "farsi"];
    Ar "ar" "Arabic" Arabic true true ["ara"];
    Ur "ur" "Urdu" Arabic true true ["urd"];
    Ps "ps" "Pashto" Arabic true true ["pus"];
    Ckb "ckb" "Sorani" Arabic true true ["central kurdish"];
    Prs "prs" "Dari" Arabic true false [];
    Pes "pes" "Iranian Persian" Arabic true false [];
    Sd "sd" "Sindhi" Arabic true false ["snd"];
    Ug "ug" "Uyghur" Arabic true false ["uig"];
    Ru "ru" "Russian" Cyrillic false true ["rus"];
    He "he" "Hebrew" Other true true ["heb"];
    Yi "yi" "Yiddish" Other true true ["yid"];
    Zh "zh" "Chinese" Other false true ["zho", "chi", "cmn"];
    Ja "ja" "Japanese" Other false true ["jpn"];
    Ko "ko" "Korean" Other false true ["kor"];
    El "el" "Greek" Other false true ["ell", "gre"];
    Hi "hi" "Hindi" Other false true ["hin"];
    Mr "mr" "Marathi" Other false true ["mar"];
    Ne "ne" "Nepali" Other false true ["nep"];
    Bn "bn" "Bengali" Other false true ["ben"];
    Pa "pa" "Punjabi" Other false true ["pan"];
    Gu "gu" "Gujarati" Other false true ["guj"];
    Ta "ta" "Tamil" Other false true ["tam"];
    Te "te" "Telugu" Other false true ["tel"];
    Kn "kn" "Kannada" Other false true ["kan"];
    Ml "ml" "Malayalam" Other false true ["mal"];
    Si "si" "Sinhala" Other false true ["sin"];
    Th "th" "Thai" Other false true ["tha"];
    My "my" "Burmese" Other false true ["mya", "bur"];
    Km "km" "Khmer" Other false true ["khm"];
    Ka "ka" "Georgian" Other false true ["kat", "geo"];
    Hy "hy" "Armenian" Other false true ["hye", "arm"];
    Am "am" "Amharic" Other false true ["amh"];
}

impl Lang {
    /// The row of [`LANGUAGES`] for this language.
    pub fn facts(self) -> &'static LanguageFacts {
        &LANGUAGES[self as usize]
    }

    /// The ISO 639 code (`en`, `ckb`).
    pub fn code(self) -> &'static str {
        self.facts().code
    }

    /// The English name.
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The script it is written in.
    pub fn script(self) -> Script {
        self.facts().script
    }

    /// Written right to left.
    pub fn is_rtl(self) -> bool {
        self.facts().rtl
    }

    /// Whether the detector can name it.
    pub fn is_detected(self) -> bool {
        self.facts().detected
    }

    /// The language a code names, if bitext knows it: its primary subtag
    /// (`fa-IR` is `fa`, `EN_us` is `en`), an ISO 639-2/3 code (`fas`) or
    /// its English name (`Persian`), in any case.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let named =
            |name: &str| name.eq_ignore_ascii_case(code) || name.eq_ignore_ascii_case(primary);
        LANGUAGES
            .iter()
            .find(|l| {
                l.code.eq_ignore_ascii_case(primary)
                    || named(l.name)
                    || l.aliases.iter().any(|a| named(a))
            })
            .map(|l| l.lang)
    }
}

/// The code of `lang` at the edges, `und` (BCP 47's undetermined) for
/// none.
pub fn code_or_und(lang: Option<Lang>) -> &'static str {
    lang.map_or("und", Lang::code)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        Lang::from_code(code).ok_or_else(|| unknown(code, ""))
    }
}

/// The error for a code no language has; `also` is any other choice the
/// caller accepts (`auto, `), listed first.
pub(crate) fn unknown(code: &str, also: &str) -> Error {
    let codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
    Error::new(ErrorKind::UnknownLanguage {
        code: code.to_string(),
        choices: format!("{also}{}", codes.join(", ")),
    })
}

/// Written as its code.
impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The writing system of a letter or a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Basic and extended Latin letters.
    Latin,
    /// Arabic-script letters (Persian, Arabic, Urdu, …).
    Arabic,
    /// Cyrillic letters (U+0400–U+04FF).
    Cyrillic,
    /// Letters of any other script.
    Other,
}

impl Script {
    /// Its name at the edges (`Latin`, `Arabic`, `Cyrillic`, `Other`).
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Arabic => "Arabic",
            Script::Cyrillic => "Cyrillic",
            Script::Other => "Other",
        }
    }
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Written as its name.
impl Serialize for Script {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
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
        0x0400..=0x04FF => Some(Script::Cyrillic),
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

/// `char::is_alphabetic`, answered for ASCII, the Arabic-script letters
/// of Persian text and the general punctuation block (spaces, quotes, ZWNJ)
/// without the Unicode table search (language detection splits every
/// Persian line into words with it).
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c as u32 {
        0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3 => true,
        0x0660..=0x0669 | 0x06F0..=0x06F9 | 0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
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
    match whatlang::detect_script(prefix(text)) {
        Some(whatlang::Script::Arabic) => Lang::Fa,
        _ => Lang::En,
    }
}

/// The script most of the first 4,096 chars of `text` are written in,
/// and its name (`Latin`, `Arabic`, `Han`, `Hiragana`); none without
/// letters.
pub fn text_script(text: &str) -> Option<(Script, String)> {
    let script = whatlang::detect_script(prefix(text))?;
    let ours = match script {
        whatlang::Script::Latin => Script::Latin,
        whatlang::Script::Arabic => Script::Arabic,
        whatlang::Script::Cyrillic => Script::Cyrillic,
        _ => Script::Other,
    };
    Some((ours, whatlang_script_name(script)))
}

/// A script's name as whatlang gives it, but Han's, which whatlang names
/// after the language it detects with it (`Mandarin`).
pub fn whatlang_script_name(script: whatlang::Script) -> String {
    match script {
        whatlang::Script::Mandarin => "Han".to_string(),
        _ => script.name().to_string(),
    }
}

/// Han and kana: the letters of Chinese and Japanese, written without
/// spaces between words or sentences.
pub fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x2FA1F) // extensions B–F, compatibility supplement
}

/// The first 4,096 chars of `text`.
fn prefix(text: &str) -> &str {
    match text.char_indices().nth(4096) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn language_facts_by_code() {
        let fa = Lang::from_code("fa-IR").unwrap();
        assert_eq!(
            (fa, fa.code(), fa.script(), fa.is_rtl(), fa.is_detected()),
            (Lang::Fa, "fa", Script::Arabic, true, true)
        );
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert!(!Lang::En.is_rtl() && Lang::En.script() == Script::Latin);
        assert!(!Lang::Prs.is_detected());
        assert!(Lang::He.is_rtl());
        assert_eq!(Lang::from_code("persian"), Some(Lang::Fa));
        assert_eq!(Lang::from_code("ger"), Some(Lang::De));
        assert_eq!(Lang::from_code("nb-NO"), Some(Lang::No));
        assert_eq!(Lang::from_code("xx"), None);
        assert_eq!(Lang::from_code(""), None);
        for (i, facts) in LANGUAGES.iter().enumerate() {
            assert_eq!(facts.lang as usize, i, "{} out of order", facts.code);
            assert_eq!(Lang::from_code(facts.code), Some(facts.lang));
            assert_eq!(facts.code.parse::<Lang>().unwrap(), facts.lang);
        }
        let names: Vec<&str> = LANGUAGES
            .iter()
            .flat_map(|l| {
                [l.code, l.name]
                    .into_iter()
                    .chain(l.aliases.iter().copied())
            })
            .collect();
        assert!(
            names
                .iter()
                .enumerate()
                .all(|(i, c)| !names[..i].iter().any(|n| n.eq_ignore_ascii_case(c))),
            "a name twice"
        );
    }

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_std() {
        for c in (0..=0x2FFFu32).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn parses_codes_and_rejects_unknown_ones() {
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("FA".parse::<Lang>().unwrap(), Lang::Fa);
        let err = "xx".parse::<Lang>().unwrap_err().to_string();
        assert!(err.contains("'xx'") && err.contains("en, fr"), "{err}");
    }

    #[test]
    fn scripts_of_letters() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('پ'), Some(Script::Arabic));
        assert_eq!(script_of('ك'), Some(Script::Arabic));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('א'), Some(Script::Other));
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
