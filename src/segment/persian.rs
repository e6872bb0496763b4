//! Rules for Arabic-script (Persian) text that have no English twin.

use super::text::{core, is_space, word_count};
use crate::lang::is_arabic_letter;

/// Stems of verbs of saying. A short clause with one of them after a closing
/// quote continues the quoted sentence: `«آیا می‌آیی؟» از من پرسید.`
const SAYING_STEMS: &[&str] = &[
    "افزود",
    "افزای",
    "اظهار",
    "پاسخ",
    "پرسید",
    "پرس",
    "تصریح",
    "توضیح",
    "جواب",
    "خاطرنشان",
    "فریاد",
    "گفت",
    "گوی",
    "نوشت",
    "نویس",
];

/// Words that make the `!` after them a vocative, not a sentence end:
/// `حسن جان! حسین جان! بیایید …`.
const VOCATIVE_WORDS: &[&str] = &["جان", "جانم", "عزیز", "عزیزم"];

/// Whether the clause after a closing quote is a short "… he asked" tail.
/// `clause` runs from the quote to the next terminator. One with a colon
/// introduces a quotation of its own (`«کی می‌آیی؟» گفتم: «فردا».`): a
/// new sentence.
pub fn is_saying_clause(clause: &str) -> bool {
    if word_count(clause) > 5 || clause.contains([':', '：']) {
        return false;
    }
    clause.split(is_space).any(|word| {
        let word = core(word);
        let word = strip_verb_prefix(word);
        SAYING_STEMS.iter().any(|stem| word.starts_with(stem))
    })
}

/// Drops the continuous/negative prefixes `می`, `نمی`, `ن`, `ب` (with or
/// without ZWNJ) so that `می‌گوید` matches the stem `گوی`.
fn strip_verb_prefix(word: &str) -> &str {
    for prefix in ["نمی\u{200c}", "می\u{200c}", "نمی", "می"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            return rest;
        }
    }
    word
}

/// Whether `!` after `segment` (the text since the last boundary) is a
/// vocative: after `جان` and the like, or a one- or two-word call that starts
/// with the particle `ای`.
pub fn is_vocative(segment: &str) -> bool {
    let mut words = segment.split(is_space).filter(|w| !w.is_empty()).map(core);
    let Some(first) = words.clone().next() else {
        return false;
    };
    let last = words.next_back().unwrap_or(first);
    VOCATIVE_WORDS.contains(&last) || (first == "ای" && word_count(segment) <= 3)
}

/// Whether the word before a full stop is an abbreviation: a single letter
/// (`م.`, an initial as in `دکتر م. رضایی`) or dotted letters (`ق.م`, `ه.ش`).
pub fn is_abbreviation(core: &str) -> bool {
    core.split('.')
        .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(is_arabic_letter))
        && (core.contains('.') || core.chars().count() == 1)
}

/// Latin letters spelled in Persian, as a foreign name's initial is written
/// (`جان اف. کندی`, `جورج دبلیو. بوش`, `جی. کی. رولینگ`). Letters whose
/// spelling is also a common word are left out: `دی` (a month), `سی`
/// (thirty), `زد` (hit), `او` and `وی` (he), `کی` (when), `ام` (am),
/// `وای` (oh).
#[rustfmt::skip]
const LATIN_LETTERS: &[&str] = &[
    "آر", "آی", "اچ", "اس", "اف", "ال", "ان", "ایکس", "بی", "پی", "تی", "جی", "دبلیو", "کیو", "یو",
];

/// Whether `core`, before a full stop and another Persian word, is a
/// Latin initial spelled in Persian (see [`LATIN_LETTERS`]).
pub fn is_spelled_initial(core: &str) -> bool {
    LATIN_LETTERS.contains(&core)
}

/// The end of a news dateline at the start of `para` (`تهران - ایرنا:`):
/// one to three words, a dash, one to three words, a colon. Persian news
/// corpora keep it as a segment of its own. Returns the byte length up to
/// and including the colon.
pub fn dateline_len(para: &str) -> Option<usize> {
    let colon = para.char_indices().take(60).find(|&(_, c)| c == ':')?.0;
    let head = &para[..colon];
    let (dash, dash_char) = head
        .char_indices()
        .find(|&(_, c)| matches!(c, '-' | '–' | '—'))?;
    let (place, agency) = (&head[..dash], &head[dash + dash_char.len_utf8()..]);
    let ok = |part: &str| {
        let n = word_count(part);
        (1..=3).contains(&n) && part.chars().any(is_arabic_letter)
    };
    (ok(place) && ok(agency)).then_some(colon + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saying_clauses() {
        assert!(is_saying_clause(" از من پرسید"));
        assert!(is_saying_clause(" او می\u{200c}گوید"));
        assert!(!is_saying_clause(" سپس رفت"));
        assert!(!is_saying_clause(" این جمله بسیار بلند است و او بعداً گفت"));
    }

    #[test]
    fn vocatives() {
        assert!(is_vocative("حسن جان"));
        assert!(is_vocative(" ای خدا"));
        assert!(!is_vocative("چه خبر خوبی"));
    }

    #[test]
    fn abbreviations() {
        assert!(is_abbreviation("م"));
        assert!(is_abbreviation("ق.م"));
        assert!(is_abbreviation("ه.ش"));
        assert!(!is_abbreviation("است"));
        assert!(!is_abbreviation("A"));
    }

    #[test]
    fn datelines() {
        let para = "تهران - ایرنا: رئیس\u{200c}جمهور امروز به شیراز رفت.";
        assert_eq!(&para[..dateline_len(para).unwrap()], "تهران - ایرنا:");
        assert_eq!(dateline_len("او گفت: «من فردا می\u{200c}روم.»"), None);
        assert_eq!(dateline_len("Time - Reuters: x"), None);
    }
}
