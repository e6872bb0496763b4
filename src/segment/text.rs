//! Small helpers for looking around a byte position in a `&str`.
//!
//! Positions are byte offsets on char boundaries; every helper stays inside
//! the `[lo, hi)` window it is given, so rules never look past a chunk.

/// Whitespace for segmentation: Unicode White_Space plus the BOM, which only
/// ever appears as an invisible file marker.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// The char starting at byte `i`, if `i < hi`.
#[inline]
pub fn char_at(text: &str, i: usize, hi: usize) -> Option<char> {
    if i >= hi {
        return None;
    }
    text[i..hi].chars().next()
}

/// The char ending at byte `i`, if `i > lo`.
#[inline]
pub fn char_before(text: &str, i: usize, lo: usize) -> Option<char> {
    if i <= lo {
        return None;
    }
    text[lo..i].chars().next_back()
}

/// The first position at or after `i` that is not whitespace (or `hi`).
pub fn skip_space(text: &str, mut i: usize, hi: usize) -> usize {
    while let Some(c) = char_at(text, i, hi) {
        if !is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The position just after the last non-whitespace char before `i` (or `lo`).
pub fn trim_space_back(text: &str, mut i: usize, lo: usize) -> usize {
    while let Some(c) = char_before(text, i, lo) {
        if !is_space(c) {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// The start of the whitespace-delimited token that ends at `i`.
pub fn token_start(text: &str, mut i: usize, lo: usize) -> usize {
    while let Some(c) = char_before(text, i, lo) {
        if is_space(c) {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// The end of the whitespace-delimited token that starts at `i`.
pub fn token_end(text: &str, mut i: usize, hi: usize) -> usize {
    while let Some(c) = char_at(text, i, hi) {
        if is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// `token` without leading and trailing chars that are neither letters nor
/// digits (quotes, brackets, ZWNJ, …); inner punctuation such as the dots of
/// `U.S` stays.
pub fn core(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The largest char boundary of `s` at or below `i` (the standard
/// library's `floor_char_boundary` is not stable yet).
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Counts whitespace-separated words in `s`.
pub fn word_count(s: &str) -> usize {
    s.split(is_space).filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_around_positions() {
        let t = "ab  «پ.»";
        assert_eq!(char_at(t, 0, t.len()), Some('a'));
        assert_eq!(char_before(t, 2, 0), Some('b'));
        assert_eq!(skip_space(t, 2, t.len()), 4);
        assert_eq!(trim_space_back(t, 4, 0), 2);
        assert_eq!(token_start(t, t.len(), 0), 4);
        assert_eq!(token_end(t, 0, t.len()), 2);
        assert_eq!(core("«پ.»"), "پ");
        assert_eq!(core("(U.S.)"), "U.S");
        assert_eq!(word_count("  a b\u{a0}c "), 3);
        assert_eq!(floor_char_boundary("aپ", 2), 1);
        assert_eq!(floor_char_boundary("aپ", 9), 3);
    }

    #[test]
    fn bom_counts_as_space() {
        assert!(is_space('\u{feff}'));
        assert!(is_space('\u{a0}'));
        assert!(!is_space('\u{200c}'));
    }
}
