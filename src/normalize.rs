//! Normalisation for features and for users who want uniform text.
//!
//! Segmentation never changes the text; this step does, on request
//! (`--normalize`, or from the aligner when it compares tokens). It maps the
//! Arabic forms of yeh and kaf to the Persian ones, writes every digit in one
//! script, and drops invisible direction marks and tatweel.

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

    /// Normalises `text`.
    pub fn normalize(&self, text: &str) -> String {
        text.chars().filter_map(|c| self.map_char(c)).collect()
    }
}

/// Direction marks and embeddings (LRM, RLM, ALM, LRE…PDF, LRI…PDI) and the
/// tatweel, a stretching stroke: chars that change how text looks, not what
/// it says.
pub fn is_invisible_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | 'ـ')
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
