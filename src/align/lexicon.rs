//! Word translations learned from the text being aligned (IBM Model 1,
//! both directions), as evidence that a bead's words translate each other.
//!
//! Moore (2002) aligns by length, learns Model 1 from the confident beads,
//! and aligns again with it. Here the table becomes *links* — a source and
//! a target word that each direction's model gives the other with at least
//! [`MIN_PROB`] — and a sentence is the set of its words' links (a link
//! id stands for both its words). A bead's word evidence is then one merge of two
//! sorted lists per sentence pair, cheap enough for the DP's inner loop.
//!
//! How much a found link says is learned from the document too (see
//! [`Weights`]): a word whose links half the other side's sentences hold
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
/// The most pairs Model 1 learns from; beyond it, an even sample. Moore
/// (2002) learns from 10,000; with 5,000 every figure of the shared sets
/// is the same or better (the joined ones: their documents repeat) and
/// 16,000 sentences a side stay under 64 MB (65.9 MB with 10,000).
const MAX_PAIRS: usize = 5_000;

/// The words of a text as the lexicon sees them: split at anything not a
/// letter, lowercased, Arabic-script letters normalised (ي → ی, diacritics
/// dropped), ZWNJ separating the parts of a Persian word (`می‌روند` → `می`,
/// `روند`), and each char of a script written without spaces (Chinese,
/// Japanese, Thai) its own word. Numbers are left out: they are anchors
/// of their own.
pub fn tokens(text: &str, mut each: impl FnMut(&str)) {
    let text = &*crate::normalize::fold_presentation_forms(text);
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
        // ASCII needs no normalising (its digits are ASCII already).
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                letters |= c.is_ascii_alphabetic();
                word.push(c.to_ascii_lowercase());
            } else {
                flush(&mut word, &mut letters);
            }
            continue;
        }
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
        } else if c.is_ascii() {
            // A Persian digit, now ASCII.
            word.push(c);
        } else if is_arabic_letter(c) {
            // Arabic script has no case, and the general lookups are slow.
            letters = true;
            word.push(c);
        } else if c.is_alphanumeric() {
            letters |= c.is_alphabetic();
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut letters);
        }
    }
    flush(&mut word, &mut letters);
}

/// Han, kana, Thai, Lao, Khmer, Myanmar: scripts written without spaces
/// between words, where a char is the unit a table can learn.
pub(super) fn is_unspaced(c: char) -> bool {
    crate::lang::is_han_or_kana(c)
        || matches!(c,
            '\u{0e00}'..='\u{0eff}'
            | '\u{1000}'..='\u{109f}'
            | '\u{1780}'..='\u{17ff}')
}

/// Letters of the Arabic block (Persian's among them).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063a}' | '\u{0641}'..='\u{064a}' | '\u{066e}'..='\u{06d3}' | '\u{06d5}')
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

    /// The sorted, deduplicated ids of `text`'s words, new words added.
    pub fn sentence(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        tokens(text, |w| ids.push(self.id(w)));
        sorted_set(ids)
    }

    /// The sorted, deduplicated ids of `text`'s words that are known.
    pub fn known(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        tokens(text, |w| ids.extend(self.get(w)));
        sorted_set(ids)
    }
}

impl Vocabulary {
    /// One vocabulary of the words of many documents (each a list of
    /// sentences), and every sentence as the sorted, deduplicated ids of
    /// its words. The documents are read in parallel, a few hundred at a
    /// time, and their words joined in order, so every word gets the id
    /// reading them one after another would give it.
    pub fn of_documents<S: AsRef<str> + Sync>(docs: &[&[S]]) -> (Self, Vec<Vec<Vec<u32>>>) {
        use rayon::prelude::*;
        const AT_ONCE: usize = 256;
        let mut all = Vocabulary::default();
        let mut ids = Vec::with_capacity(docs.len());
        for chunk in docs.chunks(AT_ONCE) {
            let read: Vec<DocWords> = chunk.par_iter().map(|doc| DocWords::read(doc)).collect();
            let maps: Vec<Vec<u32>> = read
                .iter()
                .map(|doc| doc.words().map(|w| all.id(w)).collect())
                .collect();
            let joined: Vec<Vec<Vec<u32>>> = read
                .into_par_iter()
                .zip(maps)
                .map(|(doc, map)| {
                    let to_all = |mut s: Vec<u32>| {
                        s.iter_mut().for_each(|i| *i = map[*i as usize]);
                        sorted_set(s)
                    };
                    doc.sentences.into_iter().map(to_all).collect()
                })
                .collect();
            ids.extend(joined);
        }
        (all, ids)
    }
}

/// One document's words: each distinct one once, in the order they first
/// appear, and each sentence as indices into them. The distinct words are
/// spans of one buffer, found through a table that hashes the buffer's
/// text: a `String` per word (a vocabulary per document) made the allocator
/// the largest cost of reading, and a span per word made one long document
/// outgrow its memory budget.
struct DocWords {
    text: String,
    spans: Vec<(u32, u32)>,
    sentences: Vec<Vec<u32>>,
}

impl DocWords {
    fn read<S: AsRef<str>>(sentences: &[S]) -> Self {
        use std::hash::BuildHasher;
        let hasher = rustc_hash::FxBuildHasher;
        let mut index: hashbrown::HashTable<u32> = hashbrown::HashTable::new();
        let mut doc = DocWords {
            text: String::new(),
            spans: Vec::new(),
            sentences: Vec::with_capacity(sentences.len()),
        };
        for sentence in sentences {
            let mut ids = Vec::new();
            tokens(sentence.as_ref(), |w| {
                let (text, spans) = (&mut doc.text, &mut doc.spans);
                let hash = hasher.hash_one(w);
                let id = match index.find(hash, |&id| span(text, spans, id) == w) {
                    Some(&id) => id,
                    None => {
                        let id = spans.len() as u32;
                        let start = text.len() as u32;
                        text.push_str(w);
                        spans.push((start, text.len() as u32));
                        let rehash = |&id: &u32| hasher.hash_one(span(text, spans, id));
                        index.insert_unique(hash, id, rehash);
                        id
                    }
                };
                ids.push(id);
            });
            doc.sentences.push(ids);
        }
        doc
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.spans.len() as u32).map(|id| span(&self.text, &self.spans, id))
    }
}

/// Word `id` of a [`DocWords`] buffer.
fn span<'a>(text: &'a str, spans: &[(u32, u32)], id: u32) -> &'a str {
    let (a, b) = spans[id as usize];
    &text[a as usize..b as usize]
}

fn sorted_set(mut ids: Vec<u32>) -> Vec<u32> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A word-translation table: for each linked (source word, target word),
/// P(target | source) and P(source | target); and how often a word with a
/// link finds it inside a true pair.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The source side's words.
    pub src: Vocabulary,
    /// The target side's words.
    pub tgt: Vocabulary,
    /// (source id, target id, P(t | s), P(s | t)), sorted by ids: link
    /// `k` is the `k`-th.
    pub links: Vec<(u32, u32, f32, f32)>,
    /// The share of a pair's source (target) words with a link that find
    /// a linked word on the other side of the pair: measured on pairs the
    /// table did not learn from (see [`Lexicon::learn`]).
    pub linked: (f64, f64),
    /// Per source word, its links are `src_links[src_start[w]..src_start[w + 1]]`;
    /// the same for target words.
    src_start: Vec<u32>,
    tgt_start: Vec<u32>,
    src_links: Vec<u32>,
    tgt_links: Vec<u32>,
}

/// Rows (pairs) a word must occur in to be linked: a word seen once is
/// "translated" by whatever stood beside it.
const MIN_PAIRS: u32 = 2;
/// Neighbouring pairs that share a fold when the link rate is measured.
const FOLD_BLOCK: usize = 8;

impl Lexicon {
    /// Learns from `pairs` of sentences (each side's ids into `src`/`tgt`,
    /// sorted and deduplicated): Model 1 both ways, then the links that
    /// both directions agree on. How often a word finds its link inside a
    /// true pair is measured on one fold of the pairs (every other block of
    /// neighbouring pairs) under a table learned from the other fold, since
    /// a table finds in the pairs it learned from the links it learned
    /// there.
    pub fn learn(src: Vocabulary, tgt: Vocabulary, pairs: &[(&[u32], &[u32])]) -> Self {
        let step = pairs.len().div_ceil(MAX_PAIRS).max(1);
        let sample: Vec<(&[u32], &[u32])> = pairs
            .iter()
            .step_by(step)
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .map(|&(s, t)| (&s[..s.len().min(MAX_WORDS)], &t[..t.len().min(MAX_WORDS)]))
            .collect();
        let sizes = (src.len(), tgt.len());
        let cooccurrence = Cooccurrence::new(&sample, sizes);
        // One fold learns, the other is measured: two more EM runs, run
        // beside the two on all pairs (each returns its links only, so one
        // thread holds one run's tables at a time).
        let fold = |p: usize| (p / FOLD_BLOCK) % 2 == 1;
        let (all_links, half_links) = rayon::join(
            || cooccurrence.links(&cooccurrence.model_one(|_| true)),
            || cooccurrence.links(&cooccurrence.model_one(|p| !fold(p))),
        );
        let mut lexicon = Lexicon {
            links: all_links,
            src,
            tgt,
            ..Lexicon::default()
        };
        lexicon.index_for((lexicon.src.len(), lexicon.tgt.len()));
        let (mut found, mut all) = ([0usize; 2], [0usize; 2]);
        let mut half = Lexicon {
            links: half_links,
            ..Lexicon::default()
        };
        half.index_for(sizes);
        for (_, &(s, t)) in sample.iter().enumerate().filter(|&(p, _)| fold(p)) {
            let (f, a) = half.found_in(s, t, false);
            found[0] += f;
            all[0] += a;
            let (f, a) = half.found_in(t, s, true);
            found[1] += f;
            all[1] += a;
        }
        let share = |k: usize| (found[k] as f64 + 1.0) / (all[k] as f64 + 2.0);
        lexicon.linked = (share(0), share(1));
        lexicon
    }

    /// Sorts the links, keeps the first of each (source, target) (the
    /// learned one, or the first line of a file), and indexes them.
    fn settle(&mut self) {
        self.links.sort_by_key(|&(s, t, _, _)| (s, t));
        self.links.dedup_by_key(|&mut (s, t, _, _)| (s, t));
        self.index_for((self.src.len(), self.tgt.len()));
    }

    /// Builds the per-word link lists from `links` (sorted), for `ns`
    /// source and `nt` target words.
    fn index_for(&mut self, (ns, nt): (usize, usize)) {
        self.src_start = vec![0; ns + 1];
        self.tgt_start = vec![0; nt + 1];
        for &(s, t, _, _) in &self.links {
            self.src_start[s as usize + 1] += 1;
            self.tgt_start[t as usize + 1] += 1;
        }
        for k in 0..ns {
            self.src_start[k + 1] += self.src_start[k];
        }
        for k in 0..nt {
            self.tgt_start[k + 1] += self.tgt_start[k];
        }
        let mut order: Vec<u32> = (0..self.links.len() as u32).collect();
        order.sort_by_key(|&k| (self.links[k as usize].1, self.links[k as usize].0));
        self.tgt_links = order;
        // Links are sorted by source word: its ids are a range already.
        self.src_links = (0..self.links.len() as u32).collect();
    }

    /// The ids of the links of source word `w` (of target word `w` with
    /// `target`).
    pub fn links_of(&self, w: u32, target: bool) -> &[u32] {
        let (start, ids) = if target {
            (&self.tgt_start, &self.tgt_links)
        } else {
            (&self.src_start, &self.src_links)
        };
        let w = w as usize;
        match (start.get(w), start.get(w + 1)) {
            (Some(&a), Some(&b)) => &ids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Of the words of `own` that have links, how many have a linked word
    /// in `other`; and how many have links. `target`: `own` is a target
    /// sentence.
    fn found_in(&self, own: &[u32], other: &[u32], target: bool) -> (usize, usize) {
        let (mut found, mut all) = (0, 0);
        for &w in own {
            let ids = self.links_of(w, target);
            if ids.is_empty() {
                continue;
            }
            all += 1;
            let hit = ids.iter().any(|&k| {
                let (s, t, _, _) = self.links[k as usize];
                other.binary_search(if target { &s } else { &t }).is_ok()
            });
            found += usize::from(hit);
        }
        (found, all)
    }

    /// Whether the table links nothing.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// How many word pairs the table links.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Adds word pairs (source, target) the user trusts, as links both
    /// ways with probability 1. An entry of several words on a side (a
    /// phrase) is left out: links are between words. Returns how many
    /// links were new.
    pub fn add(&mut self, pairs: &[(String, String)]) -> usize {
        let one_word = |text: &str| {
            let mut words = Vec::new();
            tokens(text, |w| words.push(w.to_string()));
            (words.len() == 1).then(|| words.pop()).flatten()
        };
        let before = self.links.len();
        for (s, t) in pairs {
            if let (Some(s), Some(t)) = (one_word(s), one_word(t)) {
                let (s, t) = (self.src.id(&s), self.tgt.id(&t));
                self.links.push((s, t, 1.0, 1.0));
            }
        }
        self.settle();
        self.links.len() - before
    }

    /// Writes the table as TSV: a header line (`#bitext-lexicon`, the
    /// languages, the link rates), then one link per line: source word,
    /// target word, P(target | source), P(source | target).
    pub fn write(
        &self,
        (src_lang, tgt_lang): (&str, &str),
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        writeln!(
            out,
            "#bitext-lexicon\t{src_lang}\t{tgt_lang}\tlinked={},{}",
            self.linked.0, self.linked.1
        )?;
        // In word order, not id order: ids depend on the order words were
        // met, so a table read and written again keeps its bytes.
        let mut lines: Vec<_> = self
            .links
            .iter()
            .map(|&(s, t, p, q)| (self.src.word(s), self.tgt.word(t), p, q))
            .collect();
        lines.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for (s, t, p, q) in lines {
            // Shortest exact forms: a table read back aligns as the one
            // learned.
            writeln!(out, "{s}\t{t}\t{p}\t{q}")?;
        }
        Ok(())
    }

    /// Reads a table [`Lexicon::write`] wrote: its languages and the
    /// table. Errors name the line.
    pub fn read(text: &str) -> Result<((String, String), Lexicon), String> {
        let mut lines = text.lines().enumerate();
        let header = lines.next().map(|(_, l)| l.trim_start_matches('\u{feff}'));
        let fields: Vec<&str> = header.unwrap_or("").split('\t').collect();
        let (langs, linked) = match fields.as_slice() {
            ["#bitext-lexicon", src, tgt, linked] => {
                let rates = linked.strip_prefix("linked=").and_then(|r| {
                    let (a, b) = r.split_once(',')?;
                    Some((a.parse::<f64>().ok()?, b.parse::<f64>().ok()?))
                });
                match rates {
                    Some((a, b)) if a > 0.0 && a < 1.0 && b > 0.0 && b < 1.0 => {
                        ((src.to_string(), tgt.to_string()), (a, b))
                    }
                    _ => return Err(format!("line 1: expected linked=A,B with rates between 0 and 1, got {linked:?}")),
                }
            }
            _ => {
                return Err("line 1: not a bitext lexicon (expected a header `#bitext-lexicon<TAB>SRC<TAB>TGT<TAB>linked=A,B`, as --lexicon-out writes)".to_string())
            }
        };
        let mut lexicon = Lexicon {
            linked,
            ..Lexicon::default()
        };
        for (n, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [s, t, p, q] = fields.as_slice() else {
                return Err(format!("line {}: expected 4 tab-separated fields (source, target, P(t|s), P(s|t)), found {}", n + 1, fields.len()));
            };
            let prob = |x: &str| x.parse::<f32>().ok().filter(|p| *p > 0.0 && *p <= 1.0);
            let (Some(p), Some(q)) = (prob(p), prob(q)) else {
                return Err(format!(
                    "line {}: probabilities must be numbers in (0, 1], found {p:?} and {q:?}",
                    n + 1
                ));
            };
            if s.is_empty() || t.is_empty() {
                return Err(format!("line {}: an empty word", n + 1));
            }
            let (s, t) = (lexicon.src.id(s), lexicon.tgt.id(t));
            lexicon.links.push((s, t, p, q));
        }
        if lexicon.links.is_empty() {
            return Err("the lexicon has no links".to_string());
        }
        lexicon.settle();
        Ok((langs, lexicon))
    }

    /// How many words of a document's `src` and `tgt` sentences each side
    /// of the table knows: ((source words known as source, as target),
    /// (target words known as target, as source)). A table in the wrong
    /// direction knows them the other way round.
    pub fn coverage(&self, src: &[String], tgt: &[String]) -> ((usize, usize), (usize, usize)) {
        let count = |sentences: &[String], own: &Vocabulary, other: &Vocabulary| {
            let (mut as_own, mut as_other) = (0, 0);
            for sentence in sentences {
                tokens(sentence, |w| {
                    as_own += usize::from(own.get(w).is_some());
                    as_other += usize::from(other.get(w).is_some());
                });
            }
            (as_own, as_other)
        };
        (
            count(src, &self.src, &self.tgt),
            count(tgt, &self.tgt, &self.src),
        )
    }
}

/// The (source, target) words that co-occur in a sample of pairs, each
/// with a slot for its probabilities, and each pair's slots as a matrix:
/// Model 1's parameters both ways, found once for every EM run.
struct Cooccurrence<'a> {
    pairs: &'a [(&'a [u32], &'a [u32])],
    keys: Vec<(u32, u32)>,
    /// Pair `p`'s slots, row by target word: `cells[start[p]..start[p + 1]]`.
    cells: Vec<u32>,
    start: Vec<usize>,
    sizes: (usize, usize),
    /// How many pairs each source and each target word is in.
    seen: (Vec<u32>, Vec<u32>),
}

impl<'a> Cooccurrence<'a> {
    fn new(pairs: &'a [(&'a [u32], &'a [u32])], sizes: (usize, usize)) -> Self {
        let mut slot: HashMap<u64, u32> = HashMap::default();
        let mut keys = Vec::new();
        let mut cells = Vec::new();
        let mut start = vec![0];
        for &(src, tgt) in pairs {
            for &t in tgt {
                for &s in src {
                    let next = keys.len() as u32;
                    let k = *slot
                        .entry(u64::from(s) << 32 | u64::from(t))
                        .or_insert_with(|| {
                            keys.push((s, t));
                            next
                        });
                    cells.push(k);
                }
            }
            start.push(cells.len());
        }
        let mut seen = (vec![0u32; sizes.0], vec![0u32; sizes.1]);
        for &(s, t) in pairs {
            s.iter().for_each(|&w| seen.0[w as usize] += 1);
            t.iter().for_each(|&w| seen.1[w as usize] += 1);
        }
        Cooccurrence {
            pairs,
            keys,
            cells,
            start,
            sizes,
            seen,
        }
    }

    /// Model 1 both ways on the pairs `use_pair` accepts: P(t | s) and
    /// P(s | t) per slot, a NULL word on the given side of each. The two
    /// directions share nothing but the pairs: they run side by side.
    fn model_one(&self, use_pair: impl Fn(usize) -> bool + Sync) -> (Vec<f32>, Vec<f32>) {
        rayon::join(|| self.forward(&use_pair), || self.backward(&use_pair))
    }

    /// P(t | s): each target word is explained by the source words.
    fn forward(&self, use_pair: impl Fn(usize) -> bool) -> Vec<f32> {
        let (ns, nt) = self.sizes;
        let mut fwd = vec![1.0f32; self.keys.len()];
        let mut fwd_null = vec![1.0f32; nt];
        let mut count = vec![0.0f32; self.keys.len()];
        for _ in 0..ITERATIONS {
            count.iter_mut().for_each(|c| *c = 0.0);
            let mut null_count = vec![0.0f32; nt];
            for (p, &(src, tgt)) in self.pairs.iter().enumerate() {
                if !use_pair(p) {
                    continue;
                }
                let cells = &self.cells[self.start[p]..self.start[p + 1]];
                for (row, &t) in cells.chunks_exact(src.len()).zip(tgt) {
                    let null = fwd_null[t as usize];
                    let sum: f32 = null + row.iter().map(|&k| fwd[k as usize]).sum::<f32>();
                    // One division per word, not per cell.
                    let inverse = sum.recip();
                    for &k in row {
                        count[k as usize] += fwd[k as usize] * inverse;
                    }
                    null_count[t as usize] += null * inverse;
                }
            }
            let from = |(s, _): (u32, u32)| s;
            normalise(
                &self.keys,
                &count,
                &null_count,
                ns,
                &mut fwd,
                &mut fwd_null,
                from,
            );
        }
        fwd
    }

    /// P(s | t): each source word is explained by the target words: a
    /// pair's columns, summed in one pass over its rows.
    fn backward(&self, use_pair: impl Fn(usize) -> bool) -> Vec<f32> {
        let (ns, nt) = self.sizes;
        let mut bwd = vec![1.0f32; self.keys.len()];
        let mut bwd_null = vec![1.0f32; ns];
        let mut count = vec![0.0f32; self.keys.len()];
        let mut column: Vec<f32> = Vec::new();
        for _ in 0..ITERATIONS {
            count.iter_mut().for_each(|c| *c = 0.0);
            let mut null_count = vec![0.0f32; ns];
            for (p, &(src, _)) in self.pairs.iter().enumerate() {
                if !use_pair(p) {
                    continue;
                }
                let cells = &self.cells[self.start[p]..self.start[p + 1]];
                column.clear();
                column.extend(src.iter().map(|&s| bwd_null[s as usize]));
                for row in cells.chunks_exact(src.len()) {
                    for (sum, &k) in column.iter_mut().zip(row) {
                        *sum += bwd[k as usize];
                    }
                }
                // One division per word, not per cell.
                column.iter_mut().for_each(|sum| *sum = sum.recip());
                for row in cells.chunks_exact(src.len()) {
                    for (inverse, &k) in column.iter().zip(row) {
                        count[k as usize] += bwd[k as usize] * inverse;
                    }
                }
                for (&s, inverse) in src.iter().zip(&column) {
                    null_count[s as usize] += bwd_null[s as usize] * inverse;
                }
            }
            let from = |(_, t): (u32, u32)| t;
            normalise(
                &self.keys,
                &count,
                &null_count,
                nt,
                &mut bwd,
                &mut bwd_null,
                from,
            );
        }
        bwd
    }

    /// The links of a model: (source, target, P(t | s), P(s | t)) for
    /// words seen in [`MIN_PAIRS`] pairs that each direction gives the
    /// other with at least [`MIN_PROB`], sorted.
    fn links(&self, (fwd, bwd): &(Vec<f32>, Vec<f32>)) -> Vec<(u32, u32, f32, f32)> {
        let seen = &self.seen;
        let mut links: Vec<(u32, u32, f32, f32)> = self
            .keys
            .iter()
            .zip(fwd.iter().zip(bwd))
            .filter(|&(&(s, t), (&p, &q))| {
                p >= MIN_PROB
                    && q >= MIN_PROB
                    && seen.0[s as usize] >= MIN_PAIRS
                    && seen.1[t as usize] >= MIN_PAIRS
            })
            .map(|(&(s, t), (&p, &q))| (s, t, p, q))
            .collect();
        links.sort_unstable_by_key(|&(s, t, _, _)| (s, t));
        links
    }
}

/// The M step: each "from" word's expected counts (its slots', by `from`
/// of the key, and its NULL's) divided by their sum.
fn normalise(
    keys: &[(u32, u32)],
    count: &[f32],
    null_count: &[f32],
    from_words: usize,
    prob: &mut [f32],
    null: &mut [f32],
    from: impl Fn((u32, u32)) -> u32,
) {
    // The NULL word is one "from" word more: its total is its own.
    let mut total = vec![0.0f32; from_words];
    for (k, &key) in keys.iter().enumerate() {
        total[from(key) as usize] += count[k];
    }
    // Each word's total inverted once, not divided into each key.
    for t in &mut total {
        *t = if *t > 0.0 { t.recip() } else { 0.0 };
    }
    for (k, &key) in keys.iter().enumerate() {
        prob[k] = count[k] * total[from(key) as usize];
    }
    let null_total: f32 = null_count.iter().sum();
    for (p, &c) in null.iter_mut().zip(null_count) {
        *p = if null_total > 0.0 {
            c / null_total
        } else {
            0.0
        };
    }
}

/// What a bead's words say, per word of each sentence: how much finding
/// a linked word on the other side of the bead takes off, and what leaving
/// the sentence alone costs. From the likelihood of a word being linked
/// inside a true pair (`p1`, learned from the document's 1-1 beads) and
/// inside any pair (`p0`: the share of the other side's sentences that
/// hold a word it links to).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Weights {
    /// ln(p1/p0) + ln((1-p0)/(1-p1)): the cost of the word unlinked in a
    /// pairing bead, relative to it linked.
    pub unlinked: f64,
    /// ln(p1/p0): the cost of the word in a sentence left alone.
    pub alone: f64,
}

impl Weights {
    /// The weights of a word that finds its link inside a true pair
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
        assert_eq!(
            words("The U.S. grew 5% in 2019."),
            ["the", "u", "s", "grew", "in"]
        );
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
        let pairs: Vec<(&[u32], &[u32])> = pairs.iter().map(|(s, t)| (&s[..], &t[..])).collect();
        let lexicon = Lexicon::learn(src, tgt, &pairs);
        let linked = |s: &str, t: &str| {
            let (s, t) = (lexicon.src.get(s).unwrap(), lexicon.tgt.get(t).unwrap());
            lexicon.links.iter().any(|&(a, b, _, _)| (a, b) == (s, t))
        };
        assert!(linked("house", "haus"));
        assert!(linked("book", "buch"));
        assert!(linked("dog", "hund"));
        assert!(!linked("house", "buch"));
    }

    #[test]
    fn weights_reward_rare_words_more() {
        let rare = Weights::of(0.5, 0.01).unwrap();
        let common = Weights::of(0.5, 0.3).unwrap();
        assert!(rare.alone > common.alone && rare.unlinked > common.unlinked);
        assert!(rare.unlinked > rare.alone);
        assert_eq!(Weights::of(0.5, 0.6), None);
    }

    #[test]
    fn a_lexicon_reads_back_what_it_wrote() {
        let mut lexicon = Lexicon {
            linked: (0.6, 0.55),
            ..Lexicon::default()
        };
        let added = lexicon.add(&[
            ("House".to_string(), "haus".to_string()),
            ("book".to_string(), "buch".to_string()),
            ("book".to_string(), "buch".to_string()),
            ("the old".to_string(), "alt".to_string()),
        ]);
        // A duplicate is linked once; a phrase not at all.
        assert_eq!(added, 2);
        let mut out = Vec::new();
        lexicon.write(("en", "de"), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("#bitext-lexicon\ten\tde\tlinked=0.6,0.55\n"));
        let ((src, tgt), back) = Lexicon::read(&text).unwrap();
        assert_eq!((src.as_str(), tgt.as_str()), ("en", "de"));
        assert_eq!(back.links.len(), 2);
        assert_eq!(back.linked, (0.6, 0.55));
        let house = back.src.get("house").unwrap();
        assert_eq!(back.links_of(house, false).len(), 1);
        let haus = back.tgt.get("haus").unwrap();
        assert_eq!(back.links_of(haus, true).len(), 1);
        // Written again, the same bytes (lines in word order, not id order:
        // "house" was met first here, "book" first when reading).
        let mut again = Vec::new();
        back.write(("en", "de"), &mut again).unwrap();
        assert_eq!(String::from_utf8(again).unwrap(), text);
        assert!(text.find("book").unwrap() < text.find("house").unwrap());
    }

    #[test]
    fn a_malformed_lexicon_is_refused_with_its_line() {
        let header = "#bitext-lexicon\ten\tfa\tlinked=0.5,0.5\n";
        let err = |text: &str| Lexicon::read(text).unwrap_err();
        assert!(err("house\thaus\t1\t1\n").contains("line 1: not a bitext lexicon"));
        assert!(err("#bitext-lexicon\ten\tfa\tlinked=2,0.5\n").contains("line 1"));
        assert!(
            err(&format!("{header}a\tb\t0.5\t0.5\nc\td\t0.5\n")).starts_with("line 3: expected 4")
        );
        assert!(err(&format!("{header}a\tb\tx\t0.5\n")).starts_with("line 2: probabilities"));
        assert!(err(&format!("{header}a\tb\t0\t0.5\n")).starts_with("line 2: probabilities"));
        assert!(err(header).contains("no links"));
        assert!(err("").contains("line 1"));
    }

    #[test]
    fn too_little_text_learns_no_link() {
        let mut src = Vocabulary::default();
        let mut tgt = Vocabulary::default();
        let pairs = [(src.sentence("one house"), tgt.sentence("ein haus"))];
        let pairs: Vec<(&[u32], &[u32])> = pairs.iter().map(|(s, t)| (&s[..], &t[..])).collect();
        let lexicon = Lexicon::learn(src, tgt, &pairs);
        assert!(lexicon.is_empty());
        assert!(Lexicon::learn(Vocabulary::default(), Vocabulary::default(), &[]).is_empty());
    }
}
