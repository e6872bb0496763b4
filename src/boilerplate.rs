//! Site boilerplate: lines a web page adds around an article that are not
//! part of its translation — "Read this article in English", a lone
//! "Persian" language link, a line in the other language's script.
//!
//! The aligner keeps such lines in beads of their own instead of pairing
//! them with real sentences; `check` will flag them.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Language names used as language-switch links.
const LANGUAGE_NAMES: &[&str] = &[
    "english",
    "persian",
    "farsi",
    "dari",
    "arabic",
    "urdu",
    "pashto",
    "kurdish",
    "french",
    "german",
    "russian",
    "spanish",
    "français",
    "deutsch",
    "русский",
    "español",
    "فارسی",
    "انگلیسی",
    "عربی",
    "اردو",
    "پشتو",
    "کوردی",
    "english version",
    "persian version",
    "english edition",
];

/// Phrases of language-switch, sharing and subscription links, lowercase.
const LINK_PHRASES: &[&str] = &[
    "read this article in",
    "read the article in",
    "read in english",
    "read in persian",
    "view this article in",
    "view this page in",
    "this article in english",
    "this article in persian",
    "share this article",
    "share on facebook",
    "share on twitter",
    "follow us on",
    "subscribe to our newsletter",
    "مشاهده این مقاله به زبان",
    "مشاهده این مطلب به زبان",
    "این مطلب را به زبان",
    "این مقاله را به زبان",
    "نسخه انگلیسی",
    "نسخه فارسی",
    "ما را در",
    "این مطلب را به اشتراک بگذارید",
];

/// Whether `text` has one of the link phrases starting at a word start
/// (so "ما را در", "follow us on", is not found inside "شما را در").
fn has_link_phrase(text: &str) -> bool {
    // One automaton for all phrases, built once: every short line of a
    // corpus is searched, and a search per phrase was most of the cost of
    // reading a document's features.
    static PHRASES: OnceLock<AhoCorasick> = OnceLock::new();
    // ASCII case folded by the automaton: the phrases are ASCII or
    // Persian, and every short line was lowercased into a copy before.
    let phrases = PHRASES.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LINK_PHRASES)
            .expect("the link phrases are a few short strings")
    });
    phrases.find_overlapping_iter(text).any(|found| {
        text[..found.start()]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::lang::is_alphanumeric(c))
    })
}

/// Whether `sentence` is a language link, a share/follow line, or similar.
pub fn is_site_line(sentence: &str) -> bool {
    // Site lines are short; most sentences are rejected here, unread.
    if sentence.len() > 240 || sentence.chars().count() > 84 {
        return false;
    }
    let trimmed = sentence
        .trim()
        .trim_matches(|c: char| !crate::lang::is_alphanumeric(c));
    if trimmed.is_empty() {
        return false;
    }
    let chars = trimmed.chars().count();
    if chars <= 24 && LANGUAGE_NAMES.contains(&trimmed.to_lowercase().as_str()) {
        return true;
    }
    if chars > 80 {
        return false;
    }
    // Most lines need no normalising: spare them a copy.
    let normalizer = crate::Normalizer::default();
    if trimmed.chars().all(|c| normalizer.map_char(c) == Some(c)) {
        has_link_phrase(trimmed)
    } else {
        has_link_phrase(&normalizer.normalize(trimmed))
    }
}

/// The share of Arabic-script letters among the letters of `text` (`None`
/// when it has no letters).
pub fn arabic_share(text: &str) -> Option<f64> {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars() {
        match crate::lang::script_of(c) {
            Some(crate::lang::Script::Arabic) => arabic += 1,
            Some(_) => other += 1,
            None => {}
        }
    }
    letter_share(arabic, other)
}

/// `arabic` letters' share of `arabic + other` (`None` when both are 0).
pub fn letter_share(arabic: usize, other: usize) -> Option<f64> {
    (arabic + other > 0).then(|| arabic as f64 / (arabic + other) as f64)
}

/// Whether `sentence` is written in the other script than its document
/// (nine letters in ten): an untranslated line or a link to the other
/// version. Persian sentences full of Latin names stay below that.
pub fn is_foreign_script(sentence: &str, document_is_arabic: bool) -> bool {
    is_foreign_share(arabic_share(sentence), document_is_arabic)
}

/// [`is_foreign_script`] from the sentence's [`arabic_share`].
pub fn is_foreign_share(share: Option<f64>, document_is_arabic: bool) -> bool {
    share.is_some_and(|share| {
        if document_is_arabic {
            share <= 0.1
        } else {
            share >= 0.9
        }
    })
}

/// The dominant script of a text, by counting letters: `true` when most
/// letters are Arabic script.
pub fn mostly_arabic_script(text: &str) -> Option<bool> {
    arabic_share(text).map(|share| share > 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_language_links_and_share_lines() {
        for line in [
            "Persian",
            "مشاهده این مقاله به زبان فارسی",
            "مشاهده این مقاله به زبان انگلیسی",
            "Read this article in English.",
            "فارسی",
        ] {
            assert!(is_site_line(line), "{line}");
        }
        for line in [
            "Persian poets wrote in many forms.",
            "The feast of Das and Hammer in the Kremlin",
            "English is spoken here.",
        ] {
            assert!(!is_site_line(line), "{line}");
        }
    }

    #[test]
    fn finds_the_dominant_script() {
        assert_eq!(mostly_arabic_script("سلام Hi"), Some(true));
        assert_eq!(mostly_arabic_script("Hello سلام"), Some(false));
        assert_eq!(mostly_arabic_script("123"), None);
    }
}
