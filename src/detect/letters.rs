//! Arabic-script languages told apart by their letters and function words.
//!
//! Whatlang alone calls most Urdu, Pashto and Kurdish lines Persian or
//! Arabic. Their alphabets differ: each adds letters the others lack. The
//! order of the tests matters — Urdu writes the Persian پ چ گ ی ک too, so
//! "Persian letters first" would call every Urdu line Persian.

/// Letters only Sorani Kurdish uses.
const SORANI: &[char] = &['ڕ', 'ڵ', 'ۆ', 'ێ', 'ە'];
/// Letters only Pashto uses.
const PASHTO: &[char] = &['ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ګ', 'ڼ', 'ۍ', 'ې', 'ځ', 'څ'];
/// Letters only Urdu uses.
const URDU: &[char] = &['ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ', 'ھ'];
/// Letters Persian shares with Urdu but not with Arabic.
const PERSIAN: &[char] = &['پ', 'چ', 'ژ', 'گ', 'ی', 'ک'];
/// Signs of Arabic spelling: ta marbuta, alef maksura, hamza seats. Arabic
/// yeh and kaf (ي ك) are weaker: Persian typed on an Arabic keyboard has
/// them too, so they decide only when nothing else does.
const ARABIC: &[char] = &['ة', 'ى', 'أ', 'إ', 'ؤ'];
const ARABIC_WEAK: &[char] = &['ي', 'ك'];

/// Frequent words of each language, for lines whose letters decide nothing.
const PERSIAN_WORDS: &[&str] = &[
    "است", "این", "آن", "را", "که", "از", "به", "با", "برای", "تا", "هم", "نیز", "شد", "شده",
    "بود", "کرد", "می", "اند", "ها", "های", "ای", "یک", "ما", "شما", "او", "آنها", "اما", "اگر",
    "هر", "نه",
];
const ARABIC_WORDS: &[&str] = &[
    "في", "من", "على", "إلى", "الى", "عن", "مع", "هذا", "هذه", "التي", "الذي", "التى", "كان", "ان",
    "أن", "إن", "لا", "ما", "هو", "هي", "قد", "ثم", "كل", "بين", "عند", "لم", "لن", "او", "أو",
];
const URDU_WORDS: &[&str] = &[
    "کے", "کی", "کا", "ہے", "ہیں", "میں", "نے", "سے", "کو", "پر", "اور", "یہ", "وہ", "بھی", "تھا",
    "تھی", "کہ",
];

/// The language of an Arabic-script text by its letters, if they decide
/// it: `ckb`, `ps`, `ur`, `fa` or `ar`.
pub fn by_letters(text: &str) -> Option<&'static str> {
    // One pass: which of the sets occur (the letters are all in the Arabic
    // block, so other characters are skipped at once).
    let (mut sorani, mut pashto, mut urdu, mut persian, mut arabic) =
        (false, false, false, false, false);
    for c in text.chars() {
        if !('\u{0620}'..='\u{06ff}').contains(&c) {
            continue;
        }
        sorani |= SORANI.contains(&c);
        pashto |= PASHTO.contains(&c);
        urdu |= URDU.contains(&c);
        persian |= PERSIAN.contains(&c);
        arabic |= ARABIC.contains(&c);
    }
    if sorani {
        return Some("ckb");
    }
    if pashto {
        return Some("ps");
    }
    if urdu {
        return Some("ur");
    }
    match (persian, arabic) {
        (true, false) => Some("fa"),
        (false, true) => Some("ar"),
        // Both: Persian text typed with Arabic yeh/kaf, or Arabic text with
        // Persian ی/ک; or only the weak signs. Let the words decide.
        _ => None,
    }
}

/// Whether `text` has Arabic yeh or kaf (weak evidence for Arabic).
pub fn has_arabic_yeh_or_kaf(text: &str) -> bool {
    text.chars().any(|c| ARABIC_WEAK.contains(&c))
}

/// For text without deciding letters or words: a word ending in a round
/// heh `ه` is Persian (Arabic writes that ending ة), a word opening with
/// the article `ال` is Arabic.
pub fn by_word_shape(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let persian = words
        .iter()
        .filter(|w| w.ends_with('ه') && w.chars().count() > 2)
        .count();
    let arabic = words
        .iter()
        .filter(|w| w.starts_with("ال") && w.chars().count() > 3)
        .count();
    match persian.cmp(&arabic) {
        std::cmp::Ordering::Greater => Some("fa"),
        std::cmp::Ordering::Less => Some("ar"),
        std::cmp::Ordering::Equal => None,
    }
}

/// Counts of frequent words of each language in `text`: (fa, ar, ur).
pub fn word_votes(text: &str) -> (usize, usize, usize) {
    let mut votes = (0, 0, 0);
    for word in text.split(|c: char| !c.is_alphabetic() && c != '\u{200c}') {
        let word = word.trim_matches('\u{200c}');
        if word.is_empty() {
            continue;
        }
        let stem = word
            .strip_prefix("می\u{200c}")
            .map(|_| "می")
            .unwrap_or(word);
        votes.0 += usize::from(PERSIAN_WORDS.contains(&stem));
        votes.1 += usize::from(
            ARABIC_WORDS.contains(&word) || (word.starts_with("ال") && word.chars().count() > 3),
        );
        votes.2 += usize::from(URDU_WORDS.contains(&word));
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_decide_in_order() {
        let cases = [
            ("ئەم ڕۆژە", Some("ckb")),
            ("دا ښځه ده", Some("ps")),
            ("یہ کتاب ہے", Some("ur")),
            ("این کتاب است", Some("fa")),
            ("هذه مدرسة", Some("ar")),
            ("دانش", None),
        ];
        for (text, want) in cases {
            assert_eq!(by_letters(text), want, "{text}");
        }
    }

    #[test]
    fn function_words_vote() {
        assert_eq!(word_votes("كتاب را خواندي که"), (2, 0, 0));
        assert!(word_votes("ذهب الولد إلى المدرسة").1 >= 2);
    }
}
