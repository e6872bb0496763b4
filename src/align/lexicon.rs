//! Word translations learned from the text being aligned (IBM Model 1,
//! both directions), as evidence that a bead's words translate each other.
//!
//! Moore (2002) aligns by length, learns Model 1 from the confident beads,
//! and aligns again with it. Here the table becomes *links* — a source and
//! a target word that each direction's model gives the other with at least
//! [`MIN_PROB`] — and linked words share a *concept*; a sentence is the set
//! of its words' concepts. A bead's word evidence is then one merge of two
//! sorted lists per sentence pair, cheap enough for the DP's inner loop.
//!
//! How much a shared concept says is learned from the document too (see
//! [`Weights`]): a concept that half the other side's sentences contain
//! says little when it is found; a rare one says much, and so does its
//! absence from a bead that should hold it.
//!
//! Hand-written: no crate trains Model 1 on a few thousand sentence pairs
//! in memory; the training is a few passes over flat arrays.

use rustc_hash::FxHashMap as HashMap;

use crate::normalize::Normalizer;

/// EM iterations: Model 1's likelihood settles within a handful.
const ITERATIONS: usize = 5;
/// A link needs this probability in both directions: below it a word's
/// mass is mostly spread over the company it happened to keep (the
/// checker measured 0.01, 0.05 and 0.1 and keeps 0.1).
pub const MIN_PROB: f32 = 0.1;
/// Words per side of a training pair that take part (bounds the cost of
/// very long sentences: a pair costs |source| × |target| per iteration).
const MAX_WORDS: usize = 64;
/// The most pairs Model 1 learns from; beyond it, an even sample (200,000
/// sentences a side would otherwise cost seconds for little more).
const MAX_PAIRS: usize = 30_000;

/// The words of a text as the lexicon sees them: split at anything not a
/// letter, lowercased, Arabic-script letters normalised (ي → ی, diacritics
/// dropped), ZWNJ separating the parts of a Persian word (`می‌روند` → `می`,
/// `روند`), and each char of a script written without spaces (Chinese,
/// Japanese, Thai) its own word. Numbers are left out: they are anchors
/// of their own.
pub fn tokens(text: &str, mut each: impl FnMut(&str)) {
    let normalizer = Normalizer::default();
    let mut word = String::new();
    let mut letters = false;
    let mut flush = |word: &mut String, letters: &mut bool| {
        if *letters && !word.is_empty() {
            each(word);
        }
        word.clear();
        *letters = false;
    };
    for c in text.chars() {
        let Some(c) = normalizer.map_char(c) else {
            continue;
        };
        if is_unspaced(c) {
            flush(&mut word, &mut letters);
            word.push(c);
            letters = true;
            flush(&mut word, &mut letters);
        } else if is_diacritic(c) {
            continue;
        } else if c.is_alphanumeric() {
            letters |= c.is_alphabetic();
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else {
            flush(&mut word, &mut letters);
        }
    }
    flush(&mut word, &mut letters);
}

/// Han, kana, Thai, Lao, Khmer, Myanmar: scripts written without spaces
/// between words, where a char is the unit a table can learn.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// Arabic harakat and the tatweel: spelled or not, the same word.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{0640}')
}

/// The words of one side, as ids into its vocabulary.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocabulary {
    /// The id of `word`, added if new.
    pub fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.to_string(), id);
        self.words.push(word.to_string());
        id
    }

    /// The id of `word`, if known.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// The word of `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// How many words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The sorted, deduplicated ids of `text`'s words.
    pub fn sentence(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        tokens(text, |w| ids.push(self.id(w)));
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A word-translation table: for each linked (source word, target word),
/// P(target | source) and P(source | target).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The source side's words.
    pub src: Vocabulary,
    /// The target side's words.
    pub tgt: Vocabulary,
    /// (source id, target id, P(t | s), P(s | t)), sorted by ids.
    pub links: Vec<(u32, u32, f32, f32)>,
}

impl Lexicon {
    /// Learns from `pairs` of sentences (each side's ids into `src`/`tgt`):
    /// Model 1 both ways, then the links that both directions agree on.
    pub fn learn(src: Vocabulary, tgt: Vocabulary, pairs: &[(Vec<u32>, Vec<u32>)]) -> Self {
        let step = pairs.len().div_ceil(MAX_PAIRS).max(1);
        let sample: Vec<(&[u32], &[u32])> = pairs
            .iter()
            .step_by(step)
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .map(|(s, t)| (&s[..s.len().min(MAX_WORDS)], &t[..t.len().min(MAX_WORDS)]))
            .collect();
        let forward = model_one(&sample, src.len(), tgt.len());
        let flipped: Vec<(&[u32], &[u32])> = sample.iter().map(|&(s, t)| (t, s)).collect();
        let backward = model_one(&flipped, tgt.len(), src.len());
        let mut links = Vec::new();
        for (&(s, t), &p) in &forward {
            if p < MIN_PROB {
                continue;
            }
            if let Some(&q) = backward.get(&(t, s)) {
                if q >= MIN_PROB {
                    links.push((s, t, p, q));
                }
            }
        }
        links.sort_unstable_by_key(|&(s, t, _, _)| (s, t));
        Lexicon { src, tgt, links }
    }

    /// Whether the table links nothing.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// Concepts: linked words, joined transitively, share one id. Returns
    /// the concept of each source and each target word id (`u32::MAX`:
    /// none).
    pub fn concepts(&self) -> (Vec<u32>, Vec<u32>) {
        let (ns, nt) = (self.src.len(), self.tgt.len());
        let mut parent: Vec<u32> = (0..(ns + nt) as u32).collect();
        for &(s, t, _, _) in &self.links {
            let (a, b) = (find(&mut parent, s), find(&mut parent, ns as u32 + t));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
            }
        }
        let mut linked = vec![false; ns + nt];
        for &(s, t, _, _) in &self.links {
            linked[s as usize] = true;
            linked[ns + t as usize] = true;
        }
        let mut id_of_root: HashMap<u32, u32> = HashMap::default();
        let mut concept = vec![u32::MAX; ns + nt];
        for w in 0..ns + nt {
            if linked[w] {
                let root = find(&mut parent, w as u32);
                let next = id_of_root.len() as u32;
                concept[w] = *id_of_root.entry(root).or_insert(next);
            }
        }
        let tgt = concept.split_off(ns);
        (concept, tgt)
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// IBM Model 1: P(to | from) from `pairs` of (from words, to words), with
/// a NULL word on the "from" side (id `from_words`). Only pairs that
/// co-occur get a parameter.
fn model_one(
    pairs: &[(&[u32], &[u32])],
    from_words: usize,
    _to_words: usize,
) -> HashMap<(u32, u32), f32> {
    let null = from_words as u32;
    // Every co-occurring (from, to) gets a slot; each pair lists its slots
    // row by row (one row per "to" word: the NULL slot, then each "from").
    let mut slot: HashMap<(u32, u32), u32> = HashMap::default();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    let mut rows: Vec<u32> = Vec::new();
    for &(from, to) in pairs {
        for &t in to {
            for &f in std::iter::once(&null).chain(from) {
                let next = keys.len() as u32;
                let k = *slot.entry((f, t)).or_insert_with(|| {
                    keys.push((f, t));
                    next
                });
                rows.push(k);
            }
        }
    }
    drop(slot);
    let mut prob = vec![1.0f32; keys.len()];
    let mut count = vec![0.0f32; keys.len()];
    let mut total = vec![0.0f32; from_words + 1];
    for _ in 0..ITERATIONS {
        count.iter_mut().for_each(|c| *c = 0.0);
        let mut at = 0;
        for &(from, to) in pairs {
            let width = from.len() + 1;
            for _ in to {
                let row = &rows[at..at + width];
                let sum: f32 = row.iter().map(|&k| prob[k as usize]).sum();
                if sum > 0.0 {
                    for &k in row {
                        count[k as usize] += prob[k as usize] / sum;
                    }
                }
                at += width;
            }
        }
        total.iter_mut().for_each(|t| *t = 0.0);
        for (k, &(f, _)) in keys.iter().enumerate() {
            total[f as usize] += count[k];
        }
        for (k, &(f, _)) in keys.iter().enumerate() {
            let t = total[f as usize];
            prob[k] = if t > 0.0 { count[k] / t } else { 0.0 };
        }
    }
    keys.into_iter()
        .zip(prob)
        .filter(|&((f, _), _)| f != null)
        .collect()
}

/// What a bead's words say, per word of each sentence: how much finding
/// its concept on the other side of the bead takes off, and what leaving
/// the sentence alone costs. From the likelihood of a word being linked
/// inside a true pair (`p1`, learned from the document's 1-1 beads) and
/// inside any pair (`p0`: the share of the other side's sentences that
/// hold its concept).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Weights {
    /// ln(p1/p0) + ln((1-p0)/(1-p1)): the cost of the word unlinked in a
    /// pairing bead, relative to it linked.
    pub unlinked: f64,
    /// ln(p1/p0): the cost of the word in a sentence left alone.
    pub alone: f64,
}

impl Weights {
    /// The weights of a word whose concept is linked inside a true pair
    /// with probability `p1` and inside any pair with `p0`; none when
    /// finding it says nothing (`p0 ≥ p1`).
    pub fn of(p1: f64, p0: f64) -> Option<Self> {
        if !(p0 > 0.0 && p0 < p1 && p1 < 1.0) {
            return None;
        }
        let alone = (p1 / p0).ln();
        Some(Weights {
            unlinked: alone + ((1.0 - p0) / (1.0 - p1)).ln(),
            alone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokens(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn tokens_by_script() {
        assert_eq!(words("The U.S. grew 5% in 2019."), ["the", "u", "s", "grew"]);
        assert_eq!(words("آنها می‌روند؛ كتاب"), ["آنها", "می", "روند", "کتاب"]);
        assert_eq!(words("他说：你好！Hi"), ["他", "说", "你", "好", "hi"]);
        assert_eq!(words("مُحَمَّد"), ["محمد"]);
    }

    #[test]
    fn model_one_learns_what_co_occurs_consistently() {
        let mut src = Vocabulary::default();
        let mut tgt = Vocabulary::default();
        let data = [
            ("the house", "das haus"),
            ("the book", "das buch"),
            ("a book", "ein buch"),
            ("a house", "ein haus"),
            ("the dog", "der hund"),
            ("a dog", "ein hund"),
        ];
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = data
            .iter()
            .map(|(s, t)| (src.sentence(s), tgt.sentence(t)))
            .collect();
        let lexicon = Lexicon::learn(src, tgt, &pairs);
        let linked = |s: &str, t: &str| {
            let (s, t) = (lexicon.src.get(s).unwrap(), lexicon.tgt.get(t).unwrap());
            lexicon.links.iter().any(|&(a, b, _, _)| (a, b) == (s, t))
        };
        assert!(linked("house", "haus"));
        assert!(linked("book", "buch"));
        assert!(linked("dog", "hund"));
        assert!(!linked("house", "buch"));
        let (cs, ct) = lexicon.concepts();
        let house = cs[lexicon.src.get("house").unwrap() as usize];
        assert_ne!(house, u32::MAX);
        assert_eq!(house, ct[lexicon.tgt.get("haus").unwrap() as usize]);
    }

    #[test]
    fn weights_reward_rare_words_more() {
        let rare = Weights::of(0.5, 0.01).unwrap();
        let common = Weights::of(0.5, 0.3).unwrap();
        assert!(rare.alone > common.alone && rare.unlinked > common.unlinked);
        assert!(rare.unlinked > rare.alone);
        assert_eq!(Weights::of(0.5, 0.6), None);
    }
}
