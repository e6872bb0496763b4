//! Site boilerplate: lines a web page adds around an article that are not
//! part of its translation — "Read this article in English", a lone
//! "Persian" language link, a line in the other language's script.
//!
//! The aligner keeps such lines in beads of their own instead of pairing
//! them with real sentences; `check` will flag them.

use std::sync::OnceLock;

use memchr::memmem;

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

/// Whether `phrase` occurs in `text` starting at a word boundary (so
/// "ما را در", "follow us on", is not found inside "شما را در").
/// Whether `text` has one of the link phrases starting at a word start.
fn has_link_phrase(text: &str) -> bool {
    // The searchers are built once: every short line of a corpus is
    // searched for every phrase.
    static FINDERS: OnceLock<Vec<memmem::Finder<'static>>> = OnceLock::new();
    let finders = FINDERS.get_or_init(|| LINK_PHRASES.iter().map(memmem::Finder::new).collect());
    finders.iter().any(|finder| {
        finder.find_iter(text.as_bytes()).any(|at| {
            text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !crate::lang::is_alphanumeric(c))
        })
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
        .trim_matches(|c: char| !crate::lang::is_alphanumeric(c))
        .to_lowercase();
    if trimmed.is_empty() {
        return false;
    }
    if trimmed.chars().count() <= 24 && LANGUAGE_NAMES.contains(&trimmed.as_str()) {
        return true;
    }
    let normalized = crate::normalize(&trimmed);
    trimmed.chars().count() <= 80 && has_link_phrase(&normalized)
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
    (arabic + other > 0).then(|| arabic as f64 / (arabic + other) as f64)
}

/// Whether `sentence` is written in the other script than its document
/// (nine letters in ten): an untranslated line or a link to the other
/// version. Persian sentences full of Latin names stay below that.
pub fn is_foreign_script(sentence: &str, document_is_arabic: bool) -> bool {
    arabic_share(sentence).is_some_and(|share| {
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
