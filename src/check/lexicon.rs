//! A word-pair lexicon learned from the corpus being checked.
//!
//! Most pairs of a corpus are right, so a source word and a target word
//! that keep turning up in the same pairs translate each other (`Lord` ↔
//! `خداوند`, `said` ↔ `گفت`). Pairs are counted as hunalign and the
//! classic co-occurrence lexicons do (Dice coefficient over rows); a pair
//! whose known source words find none of their usual translations is
//! suspect, and a target that matches its neighbour's source better than
//! its own is misaligned. Hand-written because it is small and because no
//! crate learns a lexicon without a model download or a training step.

use std::collections::HashMap;

use crate::normalize::Normalizer;

/// Rows a word must occur in to be counted (fewer is noise).
const MIN_ROWS: u32 = 3;
/// A word in more than this share of rows is a function word.
const MAX_SHARE: f64 = 0.2;
/// Words per side per row that are paired, rarest first.
const MAX_WORDS: usize = 10;
/// Dice coefficient for a pair to enter the lexicon.
const MIN_DICE: f64 = 0.3;
/// Rows a pair must share.
const MIN_PAIR_ROWS: u32 = 3;

/// Word pairs that translate each other in this corpus.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Source word → the target words it pairs with.
    pairs: HashMap<u64, Vec<u64>>,
}

/// The words of a text as hashes: split at anything not a letter or digit,
/// lowercased, Persian letters normalised, numbers left out (they have
/// their own test). Sorted and deduplicated.
pub fn words(text: &str) -> Vec<u64> {
    let normalizer = Normalizer::default();
    // About one word per six bytes in English and Persian alike.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for word in text.split(|c: char| !is_word_char(c)) {
        let mut chars = 0;
        let mut numeric = true;
        // FNV-1a over the normalised, lowercased chars: a word is hashed
        // without being copied (SipHash per char cost more than the rest).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
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
            hash = (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
        }
        if chars >= 2 && !numeric {
            out.push(hash);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
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

impl Lexicon {
    /// Learns from `(source words, target words)` of many rows.
    pub fn learn<'a>(rows: impl Iterator<Item = (&'a [u64], &'a [u64])> + Clone) -> Self {
        let mut src_rows: HashMap<u64, u32> = HashMap::new();
        let mut tgt_rows: HashMap<u64, u32> = HashMap::new();
        let mut n = 0usize;
        for (s, t) in rows.clone() {
            n += 1;
            for w in s {
                *src_rows.entry(*w).or_default() += 1;
            }
            for w in t {
                *tgt_rows.entry(*w).or_default() += 1;
            }
        }
        let max = ((n as f64 * MAX_SHARE) as u32).max(MIN_ROWS);
        let useful = |counts: &HashMap<u64, u32>, w: &u64| {
            counts
                .get(w)
                .is_some_and(|&c| (MIN_ROWS..=max).contains(&c))
        };
        let mut together: HashMap<(u64, u64), u32> = HashMap::new();
        for (s, t) in rows {
            let pick = |words: &[u64], counts: &HashMap<u64, u32>| {
                let mut kept: Vec<u64> = words
                    .iter()
                    .copied()
                    .filter(|w| useful(counts, w))
                    .collect();
                kept.sort_by_key(|w| (counts[w], *w));
                kept.truncate(MAX_WORDS);
                kept
            };
            let (s, t) = (pick(s, &src_rows), pick(t, &tgt_rows));
            for a in &s {
                for b in &t {
                    *together.entry((*a, *b)).or_default() += 1;
                }
            }
        }
        let mut pairs: HashMap<u64, Vec<u64>> = HashMap::new();
        for ((a, b), c) in together {
            let dice = 2.0 * f64::from(c) / f64::from(src_rows[&a] + tgt_rows[&b]);
            if c >= MIN_PAIR_ROWS && dice >= MIN_DICE {
                pairs.entry(a).or_default().push(b);
            }
        }
        for targets in pairs.values_mut() {
            targets.sort_unstable();
        }
        Lexicon { pairs }
    }

    /// How many words in the lexicon.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Of the source words the lexicon knows, how many find a translation
    /// among the target words (sorted, as `words` gives them):
    /// `(known, matched)`.
    pub fn coverage(&self, src: &[u64], tgt: &[u64]) -> (usize, usize) {
        let mut known = 0;
        let mut matched = 0;
        for w in src {
            if let Some(translations) = self.pairs.get(w) {
                known += 1;
                matched += usize::from(translations.iter().any(|t| tgt.binary_search(t).is_ok()));
            }
        }
        (known, matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_word_pairs_from_co_occurrence() {
        let mut rows = Vec::new();
        let fillers = [
            "alpha", "beta", "gamma", "delta", "omega", "sigma", "theta", "kappa",
        ];
        for i in 0..100 {
            let extra = fillers[i % fillers.len()];
            let (s, t) = match i % 10 {
                0 => (format!("the king {extra}"), format!("پادشاه x{extra}")),
                1 => (format!("a river {extra}"), format!("رودخانه x{extra}")),
                _ => (extra.to_string(), format!("x{extra}")),
            };
            rows.push((words(&s), words(&t)));
        }
        let lexicon = Lexicon::learn(rows.iter().map(|(s, t)| (s.as_slice(), t.as_slice())));
        assert_eq!(
            lexicon.coverage(&words("king"), &words("پادشاه آمد")),
            (1, 1)
        );
        assert_eq!(lexicon.coverage(&words("king"), &words("رودخانه")), (1, 0));
        assert_eq!(
            lexicon.coverage(&words("unknown"), &words("رودخانه")),
            (0, 0)
        );
    }

    #[test]
    fn words_are_normalised() {
        assert_eq!(words("Kitab KITAB 12"), words("kitab"));
        assert_eq!(words("كتاب"), words("کتاب"));
    }
}
