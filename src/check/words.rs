//! A text's words as hashes: what the translation model learns from and
//! scores. Hand-written because a word is hashed without being copied (the
//! check hashes every word of every pair).

use crate::normalize::Normalizer;

/// The words of a text as hashes: split at anything not a letter or digit,
/// lowercased, Persian letters normalised, numbers left out (they have
/// their own test). Sorted and deduplicated.
pub fn words(text: &str) -> Vec<u64> {
    // About one word per six bytes in English and Persian alike.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    each_word(text, |_, hash| out.push(hash));
    out.sort_unstable();
    out.dedup();
    out
}

/// The words of [`words`] in text order, each with its byte offset.
pub fn words_at(text: &str) -> Vec<(usize, u64)> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    each_word(text, |at, hash| out.push((at, hash)));
    out
}

/// FNV-1a's starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step over a whole char (not its bytes): what the checker's
/// hashes of words and texts take per char.
pub fn fnv_step(hash: u64, c: char) -> u64 {
    (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
}

/// Calls `f` with each word's byte offset and hash.
fn each_word(text: &str, mut f: impl FnMut(usize, u64)) {
    let normalizer = Normalizer::default();
    let base = text.as_ptr() as usize;
    for word in text.split(|c: char| !is_word_char(c)) {
        let mut chars = 0;
        let mut numeric = true;
        // FNV-1a over the normalised, lowercased chars: a word is hashed
        // without being copied (SipHash per char cost more than the rest).
        let mut hash = FNV_OFFSET;
        for c in word.chars().filter_map(|c| normalizer.map_char(c)) {
            chars += 1;
            numeric &= c.is_ascii_digit();
            let c = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else if ('\u{0600}'..='\u{06ff}').contains(&c) {
                // Arabic script has no case (and the lookup is slow).
                c
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            hash = fnv_step(hash, c);
        }
        if chars >= 2 && !numeric {
            f(word.as_ptr() as usize - base, hash);
        }
    }
}

/// A letter or digit, with fast paths for ASCII and the Arabic block (the
/// general Unicode lookup is slow); ZWNJ separates words.
fn is_word_char(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0621}'..='\u{064a}'
        | '\u{0660}'..='\u{0669}'
        | '\u{066e}'..='\u{06d3}'
        | '\u{06f0}'..='\u{06ff}' => true,
        '\u{200c}' => false,
        c => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_at_give_each_word_s_offset() {
        let text = "Kitab, 12 کتاب kitab";
        let at = words_at(text);
        assert_eq!(at.iter().map(|&(k, _)| k).collect::<Vec<_>>(), [0, 10, 19]);
        assert_eq!(at[0].1, at[2].1);
        let mut hashes: Vec<u64> = at.iter().map(|&(_, h)| h).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes, words(text));
    }

    #[test]
    fn words_are_normalised() {
        assert_eq!(words("Kitab KITAB 12"), words("kitab"));
        assert_eq!(words("كتاب"), words("کتاب"));
    }
}
