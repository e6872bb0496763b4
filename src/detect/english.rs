//! English on its face: frequent English words no other language the
//! detector knows uses. Most English lines of a corpus are decided here,
//! before any statistics.

/// Words frequent in English and rare in the other Latin-script languages
/// the detector knows (no `a`, `in`, `is`, `on`, `of`, `was`, `had`, `we`,
/// `he`, `also`, `over`, which French, Dutch, Spanish,
/// German or Italian use too). Sorted for binary search.
const ENGLISH_WORDS: &[&str] = &[
    "about", "after", "among", "and", "any", "are", "be", "been", "being", "by", "could", "did",
    "does", "every", "for", "from", "has", "hath", "have", "her", "him", "his", "how", "into",
    "it", "its", "just", "made", "make", "most", "must", "my", "never", "nor", "not", "now",
    "only", "other", "our", "out", "said", "shall", "she", "some", "than", "that", "the", "thee",
    "their", "them", "then", "there", "these", "they", "this", "those", "thou", "thy", "to", "two",
    "unto", "upon", "us", "were", "what", "when", "where", "which", "while", "who", "why", "will",
    "with", "would", "ye", "you", "your",
];

/// Whether a line is English on its face: two or more of its words, and a
/// fifth of them (or three and an eighth), are frequent English words no other language the detector
/// knows uses. Decides most English lines before any statistics (they
/// cost more than everything else `check` does).
pub fn is_plainly_english(text: &str) -> bool {
    let mut words = 0;
    let mut hits = 0;
    // (Spaces, quotes and dashes of the general punctuation block split
    // words without the slow Unicode lookup.)
    for word in text.split(|c: char| !crate::lang::is_alphabetic(c)) {
        if word.is_empty() {
            continue;
        }
        if !word.is_ascii() {
            return false;
        }
        words += 1;
        if word.len() <= 5 && is_english_word(word.as_bytes()) {
            hits += 1;
        }
    }
    (hits >= 2 && hits * 5 >= words) || (hits >= 3 && hits * 8 >= words)
}

/// Whether an ASCII word of at most 5 letters is in [`ENGLISH_WORDS`], any
/// case: a binary search of [`KEYS`], integers (over the words as byte
/// strings it was a tenth of a check's language detection).
fn is_english_word(word: &[u8]) -> bool {
    word.len() <= 5 && KEYS.binary_search(&key(word)).is_ok()
}

/// [`ENGLISH_WORDS`] as [`key`]s, in the same order.
const KEYS: [u64; ENGLISH_WORDS.len()] = {
    let mut keys = [0; ENGLISH_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = key(ENGLISH_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

/// A word of at most 5 ASCII letters as an integer: its lowercased bytes
/// from the highest, zeros after, so integers order as the words do.
const fn key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < 5 {
        let byte = if i < word.len() {
            word[i].to_ascii_lowercase()
        } else {
            0
        };
        key = key << 8 | byte as u64;
        i += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_sorted() {
        assert!(ENGLISH_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(KEYS.windows(2).all(|k| k[0] < k[1]));
        assert!(ENGLISH_WORDS.iter().all(|w| w.len() <= 5));
        assert!(is_english_word(b"ThE") && is_english_word(b"been"));
        assert!(!is_english_word(b"bee") && !is_english_word(b"thes"));
        assert!(!is_english_word(b"abouts") && !is_english_word(b"thereby"));
    }

    #[test]
    fn plainly_english_lines_only() {
        assert!(is_plainly_english("The king said that they would come."));
        assert!(!is_plainly_english("Le roi a dit qu'ils viendraient."));
        assert!(!is_plainly_english(
            "Der König sagte, dass sie kommen würden."
        ));
        assert!(!is_plainly_english("The end."));
        assert!(!is_plainly_english("او گفت the و to"));
    }
}
