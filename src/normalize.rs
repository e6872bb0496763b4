//! Normalisation for features and for users who want uniform text.
//!
//! Segmentation never changes the text; this step does, on request
//! (`--normalize`, or from the aligner when it compares tokens). It maps the
//! Arabic forms of yeh and kaf to the Persian ones, writes every digit in one
//! script, drops invisible direction marks and tatweel, and reads Arabic
//! presentation forms (text copied out of a PDF) as their letters.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// The script digits are written in after normalisation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Digits {
    /// `0-9`: what numbers are compared as.
    #[default]
    Ascii,
    /// `۰-۹`: what a Persian publisher prints.
    Persian,
    /// Leave digits as they are.
    Keep,
}

/// A configured normalisation; [`normalize`] uses the default one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Normalizer {
    digits: Digits,
}

impl Normalizer {
    /// A normaliser that writes digits in `digits`.
    pub fn with_digits(digits: Digits) -> Self {
        Normalizer { digits }
    }

    /// Normalises one char; `None` drops it.
    pub fn map_char(&self, c: char) -> Option<char> {
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            c if is_invisible_mark(c) => return None,
            c => c,
        };
        Some(match (self.digits, digit_value(c)) {
            (Digits::Ascii, Some(d)) => char::from(b'0' + d),
            (Digits::Persian, Some(d)) => char::from_u32(0x06F0 + u32::from(d)).unwrap_or(c),
            _ => c,
        })
    }

    /// Normalises `text` (presentation forms as their letters first, see
    /// [`fold_presentation_forms`]).
    pub fn normalize(&self, text: &str) -> String {
        fold_presentation_forms(text)
            .chars()
            .filter_map(|c| self.map_char(c))
            .collect()
    }
}

/// Direction marks and embeddings (LRM, RLM, ALM, LRE…PDF, LRI…PDI) and the
/// tatweel, a stretching stroke: chars that change how text looks, not what
/// it says.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | 'ـ')
}

/// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: the shaped
/// glyphs that text copied out of a PDF often holds, `ﺳﻼﻡ` for `سلام`) as
/// the letters they show (NFKC: a lam-alef ligature is two letters);
/// other text as it is, without a copy. Features and `--normalize` read
/// text through it; output text is left as it came.
pub fn fold_presentation_forms(text: &str) -> Cow<'_, str> {
    if !has_presentation_forms(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_presentation_form(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` writes Arabic script in presentation forms: they are a
/// fifth of its Arabic-script letters or more (a ligature such as `ﷺ` here
/// and there is not a text copied out of a PDF).
pub fn is_shaped(text: &str) -> bool {
    if !has_presentation_forms(text) {
        return false;
    }
    let (mut shaped, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if is_presentation_form(c) {
            shaped += 1;
            letters += 1;
        } else if matches!(c, '\u{0600}'..='\u{06ff}') {
            letters += 1;
        }
    }
    shaped * 5 >= letters
}

/// Whether `text` holds a char of the presentation-form blocks: found by a
/// byte scan (their UTF-8 starts EF AD–EF B7 or EF B9–EF BB), then
/// confirmed char by char.
fn has_presentation_forms(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xef, bytes)
        .any(|i| matches!(bytes.get(i + 1), Some(0xad..=0xb7 | 0xb9..=0xbb)))
        && text.chars().any(is_presentation_form)
}

/// A char of the Arabic presentation-form blocks (not U+FEFF, the BOM).
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}')
}

/// The value of an ASCII, Arabic-Indic (`٠-٩`) or Persian (`۰-۹`) digit.
pub fn digit_value(c: char) -> Option<u8> {
    let base = match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    Some((c as u32 - base as u32) as u8)
}

/// Normalises `text` with the defaults: Persian yeh and kaf, ASCII digits,
/// no direction marks or tatweel.
///
/// ```
/// assert_eq!(bitext::normalize("كتاب ي ۱۲٣\u{200f}"), "کتاب ی 123");
/// ```
pub fn normalize(text: &str) -> String {
    Normalizer::default().normalize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_letters_digits_and_marks() {
        assert_eq!(normalize("علي كريمى"), "علی کریمی");
        assert_eq!(normalize("۱۲.۵ و ٣٫٤"), "12.5 و 3٫4");
        assert_eq!(normalize("a\u{200e}b\u{2067}c\u{2069}"), "abc");
        assert_eq!(normalize("بـــزرگ"), "بزرگ");
    }

    #[test]
    fn presentation_forms_are_their_letters() {
        // `سلام به دنیا` as a PDF's shaped glyphs, a lam-alef ligature
        // among them.
        let shaped = "ﺳﻼﻡ ﺑﻪ ﺩﻧﯿﺎ";
        assert_eq!(fold_presentation_forms(shaped), "سلام به دنیا");
        assert_eq!(normalize(shaped), "سلام به دنیا");
        assert!(is_shaped(shaped));
        assert!(!is_shaped("درود بر او ﷺ و یارانش که در این شهر زیستند"));
        // Other text, the BOM and Hebrew presentation forms stay as they
        // are, borrowed.
        for text in ["\u{feff}سلام ﬠ ﬁ", "plain"] {
            assert!(matches!(fold_presentation_forms(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn keeps_zwnj_and_other_text() {
        assert_eq!(normalize("می\u{200c}روم Hello!"), "می\u{200c}روم Hello!");
    }

    #[test]
    fn writes_persian_digits_on_request() {
        let n = Normalizer::with_digits(Digits::Persian);
        assert_eq!(n.normalize("2024 ٣"), "۲۰۲۴ ۳");
        assert_eq!(Normalizer::with_digits(Digits::Keep).normalize("٣"), "٣");
    }
}
