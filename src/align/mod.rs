//! Sentence alignment: pair the sentences of two versions of a document.
//!
//! The aligner is Gale–Church dynamic programming over bead shapes 0-1, 1-0,
//! 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4, 4-1 and 3-3, calibrated per
//! document (the length ratio is Σ target / Σ source of that pair; what a
//! translator added in brackets is not counted), with
//! paragraph structure and cheap lexical anchors (numbers in any digit
//! script, Latin names and their consonant skeletons across scripts,
//! `?`/`!`, quotation marks, clause breaks) as extra evidence; the word
//! pass adds the word table learned from the text, loanwords written
//! by sound (`filters` ↔ `فیلترهای`), and a cost for a name one side of a
//! pair lacks, learned from how often the document's names find their
//! partner in the length path. Sentences left alone come in runs (a
//! passage missing from one side costs less than its sentences one by one).
//! Long documents are aligned coarse-to-fine inside a band, in memory linear
//! in their length, the coarse blocks compared by length and shared anchors;
//! where the path runs along the band's edge the band is widened there and
//! the DP solved again.
//!
//! ```
//! use bitext::{Aligner, Document, Lang, Segmenter};
//!
//! let en = Document::segment("Hello there. How are you?\nI am fine.", &Segmenter::new(Lang::En));
//! let fa = Document::segment("سلام. حالت چطور است؟\nخوبم.", &Segmenter::new(Lang::Fa));
//! let beads = Aligner::default().align(&en, &fa);
//! let shapes: Vec<String> = beads.iter().map(|b| b.shape()).collect();
//! assert_eq!(shapes, ["1-1", "1-1", "1-1"]);
//! ```

mod cost;
mod dp;
mod features;
pub mod lexicon;

pub(crate) use features::length_in_chars;

use std::ops::Range;

use cost::Scorer;
pub use cost::{Params, SHAPES};
use dp::Band;
use features::{Side, Words, QUOTE};
pub use lexicon::Lexicon;
use lexicon::{Vocabulary, Weights};

use crate::segment::Segmenter;

/// One side of a document, split into sentences.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The sentences, in order.
    pub sentences: Vec<String>,
    /// The paragraph number of each sentence.
    pub paragraphs: Vec<usize>,
}

impl Document {
    /// Segments `text` into sentences.
    pub fn segment(text: &str, segmenter: &Segmenter) -> Self {
        let mut doc = Document::default();
        for sentence in segmenter.sentences(text) {
            doc.sentences.push(sentence.line(text));
            doc.paragraphs.push(sentence.paragraph);
        }
        doc
    }

    /// Reads text that is already split: one sentence per line. Blank lines
    /// separate paragraphs and are not sentences.
    pub fn presplit(text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut doc = Document::default();
        let mut paragraph = 0;
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                paragraph += usize::from(!doc.sentences.is_empty());
                continue;
            }
            doc.sentences.push(line.to_string());
            doc.paragraphs.push(paragraph);
        }
        doc
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// A group of source sentences aligned with a group of target sentences.
/// One side may be empty: a sentence with no counterpart is never dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Source sentence indices (0-based, half-open).
    pub src: Range<usize>,
    /// Target sentence indices (0-based, half-open).
    pub tgt: Range<usize>,
    /// Confidence in [0, 1]: how well lengths, paragraphs and anchors agree.
    pub score: f64,
}

impl Bead {
    /// The shape as `"2-1"` (source count, target count).
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// Each side's sentences as sorted ids of a vocabulary's words.
type SentenceIds = (Vec<Vec<u32>>, Vec<Vec<u32>>);

/// A document's sides and its path by lengths and anchors.
struct FirstPass {
    src: Side,
    tgt: Side,
    path: Vec<(usize, usize, usize)>,
    params: Params,
    /// The sentences' words, once a lexicon was learned from them.
    ids: Option<SentenceIds>,
    /// Whether `src` and `tgt` (and the path) are the documents' target
    /// and source: see [`transposes`].
    transposed: bool,
}

impl FirstPass {
    /// The first path with the documents' source as its source.
    fn user_path(&self) -> std::borrow::Cow<'_, [(usize, usize, usize)]> {
        if self.transposed {
            mirrored(&self.path).into()
        } else {
            self.path.as_slice().into()
        }
    }
}

/// Aligns documents; configure once, use for many pairs.
#[derive(Clone, Debug)]
pub struct Aligner {
    params: Params,
    lexical: bool,
    /// Whether a second pass weighs the words (see [`lexicon`]).
    words: bool,
    /// A lexicon to use instead of learning one per document.
    lexicon: Option<std::sync::Arc<Lexicon>>,
    /// Word pairs the user trusts, added to every lexicon.
    dictionary: Option<std::sync::Arc<Vec<(String, String)>>>,
    full_cells: usize,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner {
            params: Params::default(),
            lexical: true,
            words: true,
            lexicon: None,
            dictionary: None,
            // The largest grid solved in one piece: about 1000 × 1000
            // sentences (a long chapter). Larger ones go coarse-to-fine, which on parallel
            // text finds the same path (a property test checks this).
            full_cells: 1 << 20,
        }
    }
}

/// Sentences per block at each coarser level. Blocks of 8 lost the path
/// of the shared sets joined (lax F1 0.78 against 0.93 for the whole grid
/// at 16,000 sentences): where one side splits verses the other keeps
/// whole, the drift within a block misleads its length; blocks of 4 keep
/// the whole grid's path there (BENCHMARKS.md).
const BLOCK: usize = 4;
/// The largest grid a coarse level solves in one piece: its path only
/// guides a band, so a smaller top level costs little accuracy and saves
/// most of a 1000 × 1000 grid's time.
const COARSE_FULL_CELLS: usize = 1 << 16;
/// The largest blocks (in sentences) the coarse pass compares by their
/// shared anchors as well as their lengths. Length alone loses the path
/// where a long passage is missing from one side: the ratio Σ target /
/// Σ source is then wrong for the rest, and the coarse path spreads the
/// gap over the whole document (a quarter of 16,000 sentences cut: every
/// row after the cut wrong; with anchors, the whole grid's path). Larger
/// blocks have too many anchors for their [`features::Signature`], and
/// in a document that repeats (the joined sets ×30) they match the wrong
/// copy.
const SIGNED_BLOCK: usize = 16;
/// Times the length ratio is estimated again from a path (each costs a
/// path): a path found with a ratio far off is itself biased, so one
/// estimate moves only part of the way.
const RATIO_ROUNDS: usize = 3;
/// The largest change of the ratio after which the path is searched near
/// the previous one ([`Aligner::path_near`]) rather than from the coarse
/// levels again: a few percent moves the path by a few sentences, and
/// going near costs about a quarter less on 16,000 joined sentences; after a larger
/// change (a long passage missing) the old path may be far off.
const NEAR_RATIO_CHANGE: f64 = 0.05;
/// Runs of sentences left alone at least this long are searched again in
/// a wide window (see [`dp::widen_runs`]): the long-run piece's length.
const RUN_WINDOW_MIN: usize = 20;
/// The most rows and columns such a window reaches beyond its run.
const RUN_WINDOW_REACH: usize = 512;
/// How far (in sentences) the fine path may stray from the coarse one.
const MARGIN: usize = 16;
/// How far the word pass's path may stray from the length path (and
/// further where it runs along the edge: the band is repaired there).
const WORD_MARGIN: usize = 8;
/// How far the length path, searched again after the ratio changed by at
/// most [`NEAR_RATIO_CHANGE`], may stray from the path before (further
/// where it runs along the edge, as the band is repaired there): such a
/// change moves the path by a few sentences. Half of [`MARGIN`], which
/// the path from the coarse levels needs, halves that search's cells
/// (the 16k pair: 9% fewer instructions in all); the 16k and 200k pairs
/// and every shared set give the same beads with either but one bead of
/// the passage-cut set, now right (2026-12-07).
const NEAR_MARGIN: usize = 8;
/// The evidence, in nats, by their words alone, that the sentences of each
/// of two neighbouring 1-1 beads of the length path translate each other,
/// from which the word pass holds its path at the point between them
/// (odds of e^10, about 22,000 to 1): the words agree with the lengths
/// there, so only the stretches between such points are searched again.
/// On the 16k pair 5,726 of 14,385 bead ends are held and the run takes
/// 6.65 G instructions instead of 8.81 G; documents small enough to solve
/// whole are not pinned. Chosen among 5, 10 and 20 on sent-joined (strict
/// F1 0.7902 unpinned; 0.7895, 0.7905, 0.7905); held out, sent-joined-cut
/// 0.6126 → 0.6004, 0.6128, 0.6129 and passage-cut 0.7924 → 0.7892,
/// 0.7923, 0.7924 (at 5 a repair stopped at wrongly held points cannot
/// reach the path around a cut passage; BENCHMARKS.md).
const PIN_EVIDENCE: f64 = 10.0;
/// How much the length ratio may differ along a document, for the coarse
/// pass (see [`Params::ratio_spread`]).
const RATIO_SPREAD: f64 = 0.2;

impl Aligner {
    /// An aligner with explicit parameters (the ratio is still set per
    /// document).
    pub fn with_params(params: Params) -> Self {
        Aligner {
            params,
            ..Aligner::default()
        }
    }

    /// Turns lexical evidence (anchors, `?`/`!`, quotation marks, clause
    /// breaks) on or off.
    pub fn with_lexical(mut self, lexical: bool) -> Self {
        self.lexical = lexical;
        self
    }

    /// Turns the word pass on or off: learn which words translate each
    /// other from the first path's 1-1 beads and align again with them.
    pub fn with_words(mut self, words: bool) -> Self {
        self.words = words;
        self
    }

    /// Uses `lexicon` for the word pass instead of learning one per
    /// document.
    pub fn with_lexicon(mut self, lexicon: std::sync::Arc<Lexicon>) -> Self {
        self.lexicon = Some(match &self.dictionary {
            Some(dictionary) => with_added(&lexicon, dictionary),
            None => lexicon,
        });
        self
    }

    /// The lexicon given with [`Aligner::with_lexicon`], if any.
    pub fn lexicon(&self) -> Option<&Lexicon> {
        self.lexicon.as_deref()
    }

    /// Adds word pairs (source, target) the user trusts to every lexicon
    /// the word pass uses, learned or given.
    pub fn with_dictionary(mut self, pairs: Vec<(String, String)>) -> Self {
        if let Some(lexicon) = &self.lexicon {
            self.lexicon = Some(with_added(lexicon, &pairs));
        }
        self.dictionary = Some(std::sync::Arc::new(pairs));
        self
    }

    /// Limits the grid solved in one piece (smaller forces the banded
    /// coarse-to-fine search; for tests and benchmarks).
    pub fn with_full_cells(mut self, cells: usize) -> Self {
        self.full_cells = cells.max(16);
        self
    }

    /// Aligns two documents. Every sentence of both is in exactly one bead,
    /// in order. The same input always gives the same beads.
    pub fn align(&self, src: &Document, tgt: &Document) -> Vec<Bead> {
        self.align_all(&[(src, tgt)]).0.pop().unwrap_or_default()
    }

    /// Aligns every pair of `docs`, the documents of one run (a folder).
    /// With the word pass on and no lexicon given, one lexicon is learned
    /// from the first paths of all of them, and returned: a word seen once
    /// in each of many documents is learned as well as one seen many times
    /// in one. Pairs are aligned in parallel; the beads are the same with
    /// any number of threads.
    pub fn align_all(
        &self,
        docs: &[(&Document, &Document)],
    ) -> (Vec<Vec<Bead>>, Option<std::sync::Arc<Lexicon>>) {
        use rayon::prelude::*;
        let mut firsts: Vec<FirstPass> = docs
            .par_iter()
            .map(|&(src, tgt)| self.first_pass(src, tgt))
            .collect();
        let lexicon = match (&self.lexicon, self.word_pass()) {
            (_, false) => None,
            (Some(lexicon), true) => Some(lexicon.clone()),
            (None, true) => Some(std::sync::Arc::new(self.learn(docs, &mut firsts))),
        };
        let beads = firsts
            .par_iter_mut()
            .zip(docs)
            .map(|(first, &doc)| self.second_pass(first, lexicon.as_deref(), doc))
            .collect();
        (beads, lexicon)
    }

    /// Learns a lexicon from documents already aligned by length (their
    /// first passes), with the dictionary added.
    /// Every sentence's words are kept (as ids of the lexicon's words) in
    /// its first pass, so the second reads each sentence once.
    fn learn(&self, docs: &[(&Document, &Document)], firsts: &mut [FirstPass]) -> Lexicon {
        let src: Vec<&[String]> = docs.iter().map(|(s, _)| &s.sentences[..]).collect();
        let tgt: Vec<&[String]> = docs.iter().map(|(_, t)| &t.sentences[..]).collect();
        let ((src_vocab, src_ids), (tgt_vocab, tgt_ids)) = rayon::join(
            || Vocabulary::of_documents(&src),
            || Vocabulary::of_documents(&tgt),
        );
        for ((first, src), tgt) in firsts.iter_mut().zip(src_ids).zip(tgt_ids) {
            first.ids = Some((src, tgt));
        }
        // A sentence the first path left alone is paired with the words of
        // the sentences of the beads beside it, one pair: if it has a
        // partner, lengths alone could not place it, and it is most
        // likely there (a word seen once is still seen in one pair only).
        let paths: Vec<_> = firsts.iter().map(FirstPass::user_path).collect();
        let lone: Vec<(Vec<u32>, Vec<u32>)> = firsts
            .iter()
            .zip(&paths)
            .filter_map(|(first, path)| Some((first.ids.as_ref()?, path)))
            .flat_map(|((src, tgt), path)| lone_pairs(path, src, tgt))
            .collect();
        let pairs: Vec<(&[u32], &[u32])> = firsts
            .iter()
            .zip(&paths)
            .filter_map(|(first, path)| Some((first.ids.as_ref()?, path)))
            .flat_map(|((src, tgt), path)| {
                one_to_one(path).map(move |(i, j)| (&src[i][..], &tgt[j][..]))
            })
            .chain(lone.iter().map(|(s, t)| (&s[..], &t[..])))
            .collect();
        let mut lexicon = Lexicon::learn(src_vocab, tgt_vocab, &pairs);
        if let Some(dictionary) = &self.dictionary {
            lexicon.add(dictionary);
        }
        lexicon
    }

    /// Whether the word pass runs.
    fn word_pass(&self) -> bool {
        self.lexical && self.words
    }

    /// Both sides' features and the path by lengths and anchors, with
    /// the sides in the order [`transposes`] chooses.
    fn first_pass(&self, src: &Document, tgt: &Document) -> FirstPass {
        let transposed = transposes(src, tgt);
        let (src, tgt) = if transposed { (tgt, src) } else { (src, tgt) };
        let mut src_side = Side::new(&src.sentences, &src.paragraphs);
        let mut tgt_side = Side::new(&tgt.sentences, &tgt.paragraphs);
        Side::keep_shared_anchors(&mut src_side, &mut tgt_side);
        let (path, params) = if src_side.is_empty() || tgt_side.is_empty() {
            (Vec::new(), self.params.clone())
        } else {
            self.length_path(&mut src_side, &mut tgt_side)
        };
        FirstPass {
            src: src_side,
            tgt: tgt_side,
            path,
            params,
            ids: None,
            transposed,
        }
    }

    /// The path again with the words of `lexicon` weighed, near the first
    /// pass's; the beads.
    fn second_pass(
        &self,
        first: &mut FirstPass,
        lexicon: Option<&Lexicon>,
        (src, tgt): (&Document, &Document),
    ) -> Vec<Bead> {
        let (n, m) = (first.src.len(), first.tgt.len());
        if n == 0 || m == 0 {
            return null_beads(src.sentences.len(), tgt.sentences.len());
        }
        let params = &first.params;
        let ids = first.ids.take();
        let words = lexicon.and_then(|lexicon| word_evidence(lexicon, (src, tgt), ids));
        // Without word evidence the sides have none, and the scorer weighs
        // none: the first path stands.
        let path = match words {
            Some((src_words, tgt_words)) => {
                let (src_words, tgt_words) = if first.transposed {
                    (tgt_words, src_words)
                } else {
                    (src_words, tgt_words)
                };
                first.src.set_words(src_words);
                first.tgt.set_words(tgt_words);
                // Names count in the word pass only, as loanwords do: a
                // cost learned from the length path, which must not move it.
                let params = Params {
                    name_miss: name_miss_costs(&first.src, &first.tgt, &first.path),
                    unended_miss: unended_miss_cost(&first.src, &first.tgt, &first.path),
                    spelled: spelled_costs(&first.src, &first.tgt, &first.path, params),
                    ..params.clone()
                };
                self.path_near(
                    &first.src,
                    &first.tgt,
                    &params,
                    &first.path,
                    WORD_MARGIN,
                    true,
                )
            }
            None => std::mem::take(&mut first.path),
        };
        let scorer = Scorer::new(&first.src, &first.tgt, params, self.lexical);
        let beads = path
            .into_iter()
            .map(|step| {
                let (src, tgt) = sentences_of(step);
                let (shape, i, j) = step;
                let score = confidence(&scorer, shape, i, j);
                let (src, tgt) = if first.transposed {
                    (tgt, src)
                } else {
                    (src, tgt)
                };
                Bead { src, tgt, score }
            })
            .collect();
        sources_alone_first(beads)
    }

    /// The path by lengths and anchors alone, with the length ratio and
    /// variance fitted to it, and the parameters it was found with.
    fn length_path(&self, src: &mut Side, tgt: &mut Side) -> (Vec<(usize, usize, usize)>, Params) {
        let mut params = self.params.clone();
        params.ratio = length_ratio(src.total(), tgt.total());
        if !quote_alike(src, tgt) {
            params.quote_miss = 0.0;
            params.quote_end_miss = 0.0;
        }
        let mut path = self.path(src, tgt, &params, self.lexical, 1);
        if asides_are_additions(src, tgt, &path) {
            src.leave_out_asides();
            tgt.leave_out_asides();
            params.ratio = ratio_of(&one_to_one_lengths(src, tgt, &path));
            path = self.path_near(src, tgt, &params, &path, MARGIN, false);
        }
        let (src, tgt) = (&*src, &*tgt);
        // Omitted sentences and added site lines bias Σ target / Σ source;
        // re-estimate the ratio from the sentences the path pairs one to
        // one, until it settles, and the variance with it.
        let prior_variance = params.variance;
        for _ in 0..RATIO_ROUNDS {
            let pairs = one_to_one_lengths(src, tgt, &path);
            let ratio = ratio_of(&pairs);
            let change = (ratio / params.ratio - 1.0).abs();
            let variance = fitted_variance(prior_variance, &pairs);
            if change <= 0.02 && (variance / params.variance - 1.0).abs() <= VARIANCE_CHANGE {
                break;
            }
            params.ratio = ratio;
            params.variance = variance;
            path = if change <= NEAR_RATIO_CHANGE {
                self.path_near(src, tgt, &params, &path, NEAR_MARGIN, false)
            } else {
                self.path(src, tgt, &params, self.lexical, 1)
            };
        }
        // Runs searched again with the ratio settled (see `path`).
        if !self.solves_whole(src.len(), tgt.len()) {
            let scorer = Scorer::new(src, tgt, &params, self.lexical);
            path = widen(
                &scorer,
                path,
                (src.len(), tgt.len()),
                dp::WIDEN_ROUNDS,
                false,
            );
        }
        (path, params)
    }

    /// Whether an `n` × `m` grid is small enough to solve in one piece.
    fn solves_whole(&self, n: usize, m: usize) -> bool {
        (n + 1).saturating_mul(m + 1) <= self.full_cells
    }

    /// The cheapest path with `params` when `near`, a path with a ratio a
    /// little different, is known: inside a band around `near`, repaired
    /// where the new path runs along its edge, instead of from the coarse
    /// levels again. With `pinned`, held where the words agree with
    /// `near` (see [`pins`]).
    fn path_near(
        &self,
        src: &Side,
        tgt: &Side,
        params: &Params,
        near: &[(usize, usize, usize)],
        margin: usize,
        pinned: bool,
    ) -> Vec<(usize, usize, usize)> {
        let (n, m) = (src.len(), tgt.len());
        let scorer = Scorer::new(src, tgt, params, self.lexical);
        if self.solves_whole(n, m) {
            return dp::solve(&scorer, n, m, &Band::full(n, m));
        }
        let band = Band::around(near, 1, n, m, margin);
        let pins = if pinned {
            pins(&scorer, near)
        } else {
            Vec::new()
        };
        let path = dp::solve_repairing(&scorer, n, m, band, margin, &pins);
        // The word pass looks again around long runs too: its words
        // place a run the length pass put a few dozen sentences off.
        if pinned {
            widen(&scorer, path, (n, m), dp::WIDEN_ROUNDS, true)
        } else {
            path
        }
    }

    /// The cheapest path, solved whole when small, else inside a band
    /// around the path of a coarser copy of both sides. `block` is the
    /// number of sentences each unit of `src` and `tgt` stands for.
    fn path(
        &self,
        src: &Side,
        tgt: &Side,
        params: &Params,
        lexical: bool,
        block: usize,
    ) -> Vec<(usize, usize, usize)> {
        let (n, m) = (src.len(), tgt.len());
        let scorer = Scorer::new(src, tgt, params, lexical);
        if self.solves_whole(n, m) {
            return dp::solve(&scorer, n, m, &Band::full(n, m));
        }
        let coarse_params = Params {
            ratio_spread: RATIO_SPREAD,
            paragraph_cross: 0.0,
            paragraph_mismatch: 0.0,
            // A coarse null bead is a block left alone, already priced as
            // one bead whatever its length; cheap runs of them let the
            // coarse path skip stretches that pair badly by length (the
            // joined shared sets: lax F1 0.935 → 0.797 with runs at 4).
            null_run: f64::INFINITY,
            long_run: f64::INFINITY,
            ..params.clone()
        };
        let coarser = Aligner {
            full_cells: self.full_cells.min(COARSE_FULL_CELLS),
            ..self.clone()
        };
        let signed = lexical && block * BLOCK <= SIGNED_BLOCK;
        let coarse = coarser.path(
            &src.coarsen(BLOCK, signed),
            &tgt.coarsen(BLOCK, signed),
            &coarse_params,
            signed,
            block * BLOCK,
        );
        let band = Band::around(&coarse, BLOCK, n, m, MARGIN);
        let path = dp::solve_repairing(&scorer, n, m, band, MARGIN, &[]);
        // One round here, where the ratio may still be biased by the very
        // passage a run leaves out (a quarter of one side missing puts
        // Σ target / Σ source a quarter off); the length pass searches
        // again until the path settles once the ratio has.
        if block == 1 {
            widen(&scorer, path, (n, m), 1, false)
        } else {
            path
        }
    }
}

/// What a name of the source, and of the target (see [`Side::names`]),
/// that the other side of a pairing bead lacks costs, learned from the 1-1
/// beads of `path`: ln((1 − q)/(1 − r)), how much likelier a name goes
/// unmatched in a sentence near its partner (what a shifted bead would
/// pair it with) than in its partner, with r and q the rates at which a
/// name finds its skeleton in its partner and in the sentences within
/// [`NAME_REACH`] of it, each under a uniform prior (one found and one not
/// found): a document with few names, or whose names the other side does
/// not spell alike (Chinese; scripture's capitalised `Lord` or `Fire`,
/// which Persian translates), costs them little or nothing.
fn name_miss_costs(src: &Side, tgt: &Side, path: &[(usize, usize, usize)]) -> (f64, f64) {
    let cost = |flip: bool| {
        let (side, other) = if flip { (tgt, src) } else { (src, tgt) };
        let mut tally = Agreement::default();
        for (i, j) in one_to_one(path) {
            let (s, o) = if flip { (j, i) } else { (i, j) };
            for &x in side.names(s) {
                tally.add(o, other.len(), |k| {
                    other.anchors(k).binary_search(&x).is_ok()
                });
            }
        }
        tally.miss_cost()
    };
    (cost(false), cost(true))
}

/// The cost of a pairing bead whose last sentence ends with no mark on
/// one side only (a headline beside a sentence): how much likelier the two
/// agree in the 1-1 beads of the length `path` than a sentence and the
/// other side's sentences near its partner do, as [`name_miss_costs`]
/// weighs a missing name. A document whose headlines are translated as
/// headlines learns a cost; one whose verses end as they please, none.
fn unended_miss_cost(src: &Side, tgt: &Side, path: &[(usize, usize, usize)]) -> f64 {
    let unended = |side: &Side, k: usize| side.flags(k) & features::UNENDED != 0;
    let mut tally = Agreement::default();
    for (i, j) in one_to_one(path) {
        let own = unended(src, i);
        tally.add(j, tgt.len(), |k| unended(tgt, k) == own);
    }
    tally.miss_cost()
}

/// What a spelled number (see [`Side::spelled`]) earns when the other
/// side of a pairing bead has it, and costs when it lacks it, learned from
/// the 1-1 beads of the length `path` both ways, as [`name_miss_costs`]
/// are: ln(r/q) and ln((1 − q)/(1 − r)), with r the rate at which a
/// spelled number is found in its partner and q in the sentences near it.
/// A text whose small numbers are idiom (`the two Koreas`, `هر دو`) earns
/// and costs little; one that counts things in both languages, more, but
/// never more than numbers in digits do.
fn spelled_costs(
    src: &Side,
    tgt: &Side,
    path: &[(usize, usize, usize)],
    params: &Params,
) -> (f64, f64) {
    let mut tally = Agreement::default();
    for (i, j) in one_to_one(path) {
        for (side, s, other, o) in [(src, i, tgt, j), (tgt, j, src, i)] {
            for &x in side.spelled(s) {
                // Spelled, or in digits (the spelled may not be joined yet).
                let has = |k| other.anchors(k).binary_search(&x).is_ok() || other.is_spelled(k, x);
                tally.add(o, other.len(), has);
            }
        }
    }
    if tally.total == 0.0 {
        return (0.0, 0.0);
    }
    // Never more than a number in digits earns: those are rarer by chance.
    let reward = tally.match_reward().min(params.anchor_match);
    (reward, tally.miss_cost().min(params.number_miss))
}

/// How often something of a sentence of a length path's 1-1 beads (a
/// name, how it ends) is found in its partner, and in the other side's
/// sentences within [`NAME_REACH`] of the partner (what a shifted bead
/// would pair it with), for [`name_miss_costs`] and [`unended_miss_cost`].
#[derive(Default)]
struct Agreement {
    found: f64,
    total: f64,
    chance: f64,
    tried: f64,
}

impl Agreement {
    /// One thing of a sentence whose partner is sentence `partner` of a
    /// side of `len` sentences; `holds(k)`: whether sentence `k` of that
    /// side has it (or agrees).
    fn add(&mut self, partner: usize, len: usize, holds: impl Fn(usize) -> bool) {
        self.total += 1.0;
        self.found += f64::from(u8::from(holds(partner)));
        let near = partner.saturating_sub(NAME_REACH)..(partner + NAME_REACH + 1).min(len);
        for k in near.filter(|&k| k != partner) {
            self.tried += 1.0;
            self.chance += f64::from(u8::from(holds(k)));
        }
    }

    /// What missing it in a pairing bead costs: ln((1 − q)/(1 − r)), how
    /// much likelier it goes missing near the partner than in the partner,
    /// with r and q the rates of finding it in each under a uniform prior
    /// (one found and one not); never below 0.
    fn miss_cost(&self) -> f64 {
        let (r, q) = self.rates();
        ((1.0 - q) / (1.0 - r)).ln().max(0.0)
    }

    /// What finding it in a pairing bead earns: ln(r/q), how much likelier
    /// it is found in the partner than near it (see
    /// [`Agreement::miss_cost`]); never below 0.
    fn match_reward(&self) -> f64 {
        let (r, q) = self.rates();
        (r / q).ln().max(0.0)
    }

    /// r and q of [`Agreement::miss_cost`].
    fn rates(&self) -> (f64, f64) {
        let r = (self.found + 1.0) / (self.total + 2.0);
        let q = (self.chance + 1.0) / (self.tried + 2.0);
        (r, q)
    }
}

/// How far from a name's partner [`name_miss_costs`] looks for it by
/// chance: the sentences a bead of the largest shape reaches.
const NAME_REACH: usize = cost::MOST_PER_SIDE;

/// [`dp::widen_runs`] with this module's run length and reach; the word
/// pass (`words`) solves a window of over [`WORD_GUIDE_ABOVE`] cells in
/// the band through the anchors, the length pass only one too large to
/// solve whole.
fn widen(
    scorer: &Scorer,
    path: Vec<(usize, usize, usize)>,
    size: (usize, usize),
    rounds: usize,
    words: bool,
) -> Vec<(usize, usize, usize)> {
    let guide = || {
        let (src, tgt) = scorer.sides();
        let chain = anchor_chain(src, tgt);
        Band::through(&chain, size.0, size.1, MARGIN)
    };
    let runs = (RUN_WINDOW_MIN, RUN_WINDOW_REACH);
    let above = if words {
        WORD_GUIDE_ABOVE
    } else {
        dp::WINDOW_CELLS
    };
    dp::widen_runs(scorer, path, size, runs, rounds, (&guide, above))
}

/// The most cells of a window the word pass solves whole when the band
/// through the anchors holds fewer. A run of thousands of sentences makes
/// a window of millions of cells, which the word pass (its cost reads
/// every word) takes seconds to solve, where the band is a strip along
/// the run: a document lacking 60% of its translation 13.2 → 6.0 s, the
/// same beads. Not in the length pass too, whose path the ratio and
/// variance are fitted to: there the band moved a few beads of the joined
/// sets (`sent-joined-cut` lax 0.9953 → 0.9921) for 1.4 s less on that
/// document (4.6 s).
const WORD_GUIDE_ABOVE: usize = 1_000_000;

/// The points of `path` between two 1-1 beads whose sentences' words say
/// they translate each other by [`PIN_EVIDENCE`] nats or more (see
/// [`Scorer::pair_evidence`]): there the words agree with the lengths, and
/// the word pass holds its path.
fn pins(scorer: &Scorer, path: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
    let sure: Vec<bool> = path
        .iter()
        .map(|&(shape, i, j)| {
            SHAPES[shape] == (1, 1) && scorer.pair_evidence(i - 1, j - 1) >= PIN_EVIDENCE
        })
        .collect();
    path.windows(2)
        .zip(sure.windows(2))
        .filter(|(_, sure)| sure[0] && sure[1])
        .map(|(beads, _)| (beads[0].1, beads[0].2))
        .collect()
}

/// Confidence of a bead. For a bead that pairs sentences: the probability
/// of its length difference under the Gale–Church model, lowered by
/// paragraph disagreement and raised by shared anchors, clipped to [0, 1].
/// A sentence left alone scores 0.9 when it looks like site boilerplate or
/// is in the other document's script, 0.5 otherwise: nothing measures how
/// sure an omission is.
fn confidence(scorer: &Scorer, shape: usize, i: usize, j: usize) -> f64 {
    let (a, b) = SHAPES[shape];
    if a == 0 || b == 0 {
        return if scorer.is_stray(i - a, i, j - b, j) {
            0.9
        } else {
            0.5
        };
    }
    let prior = scorer.prior_cost(shape);
    (-(scorer.cost(shape, i, j) - prior)).exp().clamp(0.0, 1.0)
}

fn length_ratio(src: f64, tgt: f64) -> f64 {
    if src > 0.0 && tgt > 0.0 {
        tgt / src
    } else {
        1.0
    }
}

/// How much the fitted variance may change before the path is searched
/// again.
const VARIANCE_CHANGE: f64 = 0.1;

/// The fitted variance is the 1-1 beads' mean squared deviation times
/// this. Above 1, as a path pairs one to one mostly the sentences whose
/// lengths fit, and translations have heavier tails than a normal law:
/// 2.4 by measurement (2.0 and 3.0 lose on Text+Berg, the Quran or the
/// edited news; BENCHMARKS.md).
const VARIANCE_PER_FIT: f64 = 2.4;
/// How many beads the default variance counts as, against the document's.
const PRIOR_BEADS: f64 = 5.0;
/// The least fitted variance: even a copy edited by hand differs by a
/// char of punctuation here and there, which must not cost as much as a
/// wrong pairing.
const MIN_VARIANCE: f64 = 1.0;

/// The Gale–Church variance for this document, from the lengths of its
/// path's 1-1 beads ([`one_to_one_lengths`]) and weighed against `prior`:
/// a close translation (NTREX news: the mean squared deviation is about
/// 2) gets sharper length evidence than a free one (Yusuf Ali ↔ Makarem's
/// Quran: 2–6), and a short document stays near `prior`.
fn fitted_variance(prior: f64, pairs: &[(f64, f64)]) -> f64 {
    let (fit, n) = one_to_one_fit(pairs);
    let variance = (n * VARIANCE_PER_FIT * fit + PRIOR_BEADS * prior) / (n + PRIOR_BEADS);
    variance.max(MIN_VARIANCE)
}

/// The least share of each side's length in parentheses for
/// [`asides_are_additions`] to be asked.
const MIN_ASIDES: f64 = 0.005;

/// Whether what parentheses hold is each translator's own addition, to be
/// left out of the lengths. Some translations put explanations there
/// (Makarem's Quran: a fifth of its chars, Yusuf Ali's a twentieth to a
/// tenth), others text the other version has (the King James Bible,
/// Text+Berg); the document tells which: do the 1-1 beads of its first
/// `path` agree better in length without them? (Text+Berg: 2.58 with,
/// 3.03 without; Yusuf Ali ↔ Makarem: 7 of 9 suras better without.)
fn asides_are_additions(src: &Side, tgt: &Side, path: &[(usize, usize, usize)]) -> bool {
    if src.aside_share() < MIN_ASIDES || tgt.aside_share() < MIN_ASIDES {
        return false;
    }
    let with = one_to_one_lengths(src, tgt, path);
    let without: Vec<(f64, f64)> = one_to_one(path)
        .zip(&with)
        .map(|((i, j), &(s, t))| (s - src.aside(i), t - tgt.aside(j)))
        .collect();
    one_to_one_fit(&without).0 < one_to_one_fit(&with).0
}

/// The mean squared Gale–Church deviation (per unit of variance) of
/// `pairs`, the (source, target) lengths of 1-1 beads, with their own
/// ratio; and how many pairs it is the mean of.
fn one_to_one_fit(pairs: &[(f64, f64)]) -> (f64, f64) {
    let c = ratio_of(pairs);
    let (mut sum, mut count) = (0.0, 0.0);
    for &(s, t) in pairs {
        let mean = (s + t / c) / 2.0;
        if mean > 0.0 {
            sum += (t - c * s).powi(2) / mean;
            count += 1.0;
        }
    }
    if count > 0.0 {
        (sum / count, count)
    } else {
        (0.0, 0.0)
    }
}

/// The (source, target) sentences of the 1-1 beads of `path`.
fn one_to_one(path: &[(usize, usize, usize)]) -> impl Iterator<Item = (usize, usize)> + '_ {
    path.iter()
        .filter(|&&(shape, _, _)| SHAPES[shape] == (1, 1))
        .map(|&(_, i, j)| (i - 1, j - 1))
}

/// The source and target sentences of a step of a path: the bead of shape
/// `SHAPES[shape]` that ends at (`i`, `j`).
fn sentences_of((shape, i, j): (usize, usize, usize)) -> (Range<usize>, Range<usize>) {
    let (a, b) = SHAPES[shape];
    (i - a..i, j - b..j)
}

/// For each sentence `path` leaves alone between two pairing beads, its
/// words and the words of those beads' other-side sentences (sorted,
/// deduplicated).
fn lone_pairs(
    path: &[(usize, usize, usize)],
    src: &[Vec<u32>],
    tgt: &[Vec<u32>],
) -> Vec<(Vec<u32>, Vec<u32>)> {
    let words = |side: &[Vec<u32>], ranges: &[Range<usize>]| {
        let mut all: Vec<u32> = ranges
            .iter()
            .flat_map(|r| side[r.clone()].iter().flatten().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let mut out = Vec::new();
    for (k, &step) in path.iter().enumerate() {
        let (s, t) = sentences_of(step);
        if s.len() + t.len() != 1 {
            continue;
        }
        let beside: Vec<(Range<usize>, Range<usize>)> = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|n| path.get(n).copied().map(sentences_of))
            .collect();
        // In a run of sentences left alone (a passage one side lacks) the
        // beads beside are not where a partner would be.
        if beside.iter().any(|(s, t)| s.is_empty() || t.is_empty()) {
            continue;
        }
        let pair = if t.is_empty() {
            let others: Vec<_> = beside.into_iter().map(|(_, t)| t).collect();
            (src[s.start].clone(), words(tgt, &others))
        } else {
            let others: Vec<_> = beside.into_iter().map(|(s, _)| s).collect();
            (words(src, &others), tgt[t.start].clone())
        };
        if !pair.0.is_empty() && !pair.1.is_empty() {
            out.push(pair);
        }
    }
    out
}

/// The (source, target) lengths of the 1-1 beads of `path`.
fn one_to_one_lengths(src: &Side, tgt: &Side, path: &[(usize, usize, usize)]) -> Vec<(f64, f64)> {
    one_to_one(path)
        .map(|(i, j)| (src.length(i, i + 1), tgt.length(j, j + 1)))
        .collect()
}

/// Σ target / Σ source of `pairs`, the lengths of a path's 1-1 beads.
/// Merged beads are where a path that has not yet found an omission puts
/// the sentences the other side lacks, so they keep the bias the estimate
/// is to remove (news with a fifth of one side cut: strict F1 0.899 with
/// every pairing bead counted once, 0.941 with 1-1 beads until the ratio
/// settles).
fn ratio_of(pairs: &[(f64, f64)]) -> f64 {
    let (ls, lt) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), &(s, t)| (a + s, b + t));
    length_ratio(ls, lt)
}

/// Whether both sides mark quotations alike (each in at least a quarter of
/// the share of sentences the other does): a translation that drops
/// quotation marks (the King James Bible has none; its Persian version
/// has them in 14% of sentences) says nothing by lacking them. At half,
/// news pairs where an edit removed one of few quotations lost the
/// evidence too (cut news strict F1 0.9615 → 0.9605).
fn quote_alike(src: &Side, tgt: &Side) -> bool {
    let share = |side: &Side| {
        let quoted = (0..side.len())
            .filter(|&i| side.flags(i) & QUOTE != 0)
            .count();
        quoted as f64 / side.len() as f64
    };
    let (a, b) = (share(src), share(tgt));
    a.min(b) >= 0.25 * a.max(b)
}

/// `lexicon` plus the word pairs of `dictionary`.
fn with_added(lexicon: &Lexicon, dictionary: &[(String, String)]) -> std::sync::Arc<Lexicon> {
    let mut lexicon = lexicon.clone();
    lexicon.add(dictionary);
    std::sync::Arc::new(lexicon)
}

/// For each word of `own`'s side, how many sentences of `other` hold a
/// word it links to.
fn linked_frequency(lexicon: &Lexicon, other: &[Vec<u32>], own_target: bool) -> Vec<u32> {
    let size = if own_target {
        lexicon.tgt.len()
    } else {
        lexicon.src.len()
    };
    let mut df = vec![0u32; size];
    let mut last = vec![u32::MAX; size];
    for (n, sentence) in other.iter().enumerate() {
        for &w in sentence {
            for &k in lexicon.links_of(w, !own_target) {
                let (s, t, _, _) = lexicon.links[k as usize];
                let own = if own_target { t } else { s } as usize;
                if last[own] != n as u32 {
                    last[own] = n as u32;
                    df[own] += 1;
                }
            }
        }
    }
    df
}

/// The word evidence of both sides of a document under `lexicon`, each
/// word weighed by what the document shows (see [`Weights`]): how often a
/// word finds its link inside a true pair (the lexicon's measure), and how
/// many of the other side's sentences hold a word it links to. None when
/// no word links.
/// `ids`: each side's sentences as ids of the lexicon's words, when the
/// lexicon was learned from them (else they are read again).
fn word_evidence(
    lexicon: &Lexicon,
    (src, tgt): (&Document, &Document),
    ids: Option<SentenceIds>,
) -> Option<(Words, Words)> {
    if lexicon.is_empty() {
        return None;
    }
    let (mut src_words, mut tgt_words) = ids.unwrap_or_else(|| {
        let known = |vocab: &Vocabulary, doc: &Document| -> Vec<Vec<u32>> {
            doc.sentences.iter().map(|s| vocab.known(s)).collect()
        };
        (known(&lexicon.src, src), known(&lexicon.tgt, tgt))
    });
    // Only words with a link are evidence.
    for (sentences, target) in [(&mut src_words, false), (&mut tgt_words, true)] {
        for sentence in sentences.iter_mut() {
            sentence.retain(|&w| !lexicon.links_of(w, target).is_empty());
        }
    }
    let src_df = linked_frequency(lexicon, &tgt_words, false);
    let tgt_df = linked_frequency(lexicon, &src_words, true);
    let weigh = |sentences: &[Vec<u32>], p1: f64, df: &[u32], other_len: usize, target: bool| {
        Words::new(sentences.iter().map(|sentence| {
            let mut words: Vec<(u32, Weights)> = sentence
                .iter()
                .filter_map(|&w| {
                    let p0 = df[w as usize] as f64 / other_len as f64;
                    Weights::of(p1, p0).map(|weights| (w, weights))
                })
                .collect();
            // The cost reads a sentence's words as 64 bits: keep the 64
            // that say most.
            if words.len() > 64 {
                words.sort_unstable_by(|a, b| b.1.unlinked.total_cmp(&a.1.unlinked));
                words.truncate(64);
            }
            let mut links: Vec<(u32, u8)> = words
                .iter()
                .enumerate()
                .flat_map(|(k, &(w, _))| {
                    lexicon
                        .links_of(w, target)
                        .iter()
                        .map(move |&link| (link, k as u8))
                })
                .collect();
            links.sort_unstable();
            let costs = words
                .iter()
                .map(|(_, w)| (w.unlinked as f32, w.alone as f32))
                .collect();
            (links, costs)
        }))
    };
    let (p1_src, p1_tgt) = lexicon.linked;
    Some((
        weigh(&src_words, p1_src, &src_df, tgt.len(), false),
        weigh(&tgt_words, p1_tgt, &tgt_df, src.len(), true),
    ))
}

/// Whether a pair is aligned with its target as the source: when the
/// target has more sentences (or as many and more characters). The search
/// finds a long run of source sentences alone (a passage the target lacks)
/// better than a run of target sentences, and a passage one side lacks
/// leaves it with fewer sentences; with the order chosen from the pair
/// itself, swapping source and target gives the mirrored beads (the shared
/// sets with a quarter of the Persian cut: lax F1 0.995 with English as the
/// source, 0.629 with Persian, before).
fn transposes(src: &Document, tgt: &Document) -> bool {
    let chars = |d: &Document| d.sentences.iter().map(|s| s.chars().count()).sum::<usize>();
    let (n, m) = (src.sentences.len(), tgt.sentences.len());
    m > n || (m == n && chars(tgt) > chars(src))
}

/// A path with its source and target exchanged.
fn mirrored(path: &[(usize, usize, usize)]) -> Vec<(usize, usize, usize)> {
    path.iter()
        .map(|&(shape, i, j)| {
            let (a, b) = SHAPES[shape];
            let mirror = SHAPES
                .iter()
                .position(|&s| s == (b, a))
                .expect("every bead shape has its mirror");
            (mirror, j, i)
        })
        .collect()
}

/// `beads` with each run of sentences left alone in one order: the
/// source's, then the target's. Where they meet, either order is the same
/// alignment at the same cost, and which one the search keeps turned on
/// rounding; a reviewer's edits (an empty cell inserted, then deleted)
/// assume this order.
fn sources_alone_first(beads: Vec<Bead>) -> Vec<Bead> {
    let alone = |b: &Bead| b.src.is_empty() || b.tgt.is_empty();
    let mut out = Vec::with_capacity(beads.len());
    let mut run: Vec<Bead> = Vec::new();
    let flush = |run: &mut Vec<Bead>, out: &mut Vec<Bead>| {
        let Some(first) = run.first() else { return };
        let (mut i, mut j) = (first.src.start, first.tgt.start);
        // Stable: each side's sentences keep their order.
        run.sort_by_key(|b| b.src.is_empty());
        for mut bead in run.drain(..) {
            let (a, b) = (bead.src.len(), bead.tgt.len());
            (bead.src, bead.tgt) = (i..i + a, j..j + b);
            (i, j) = (i + a, j + b);
            out.push(bead);
        }
    };
    for bead in beads {
        if alone(&bead) {
            run.push(bead);
        } else {
            flush(&mut run, &mut out);
            out.push(bead);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn null_beads(n: usize, m: usize) -> Vec<Bead> {
    let src = (0..n).map(|i| Bead {
        src: i..i + 1,
        tgt: 0..0,
        score: 0.0,
    });
    let tgt = (0..m).map(|j| Bead {
        src: n..n,
        tgt: j..j + 1,
        score: 0.0,
    });
    src.chain(tgt).collect()
}

/// The longest chain of cells `(i, j)`, in order in both, where an anchor
/// found in as many sentences of each side (at most [`CHAIN_REPEATS`])
/// meets its partner (the first sentence holding it on one side the first
/// on the other, and so on), with `(0, 0)` and `(n, m)` at its ends:
/// where the sides agree, found by their numbers and names rather than by
/// lengths, which a passage one side lacks misleads (the coarse levels
/// compare blocks of dozens of sentences, whose lengths all look alike).
/// An anchor a missing passage holds is found more often on one side and
/// left out.
fn anchor_chain(src: &Side, tgt: &Side) -> Vec<(usize, usize)> {
    let mut seen: std::collections::HashMap<u64, [Vec<u32>; 2]> = std::collections::HashMap::new();
    for (k, side) in [src, tgt].into_iter().enumerate() {
        for s in 0..side.len() {
            for &x in side.anchors(s) {
                let e = seen.entry(x).or_default();
                if e[k].len() <= CHAIN_REPEATS {
                    e[k].push(s as u32 + 1);
                }
            }
        }
    }
    let mut points: Vec<(usize, usize)> = seen
        .values()
        .filter(|[a, b]| a.len() == b.len() && a.len() <= CHAIN_REPEATS)
        .flat_map(|[a, b]| a.iter().zip(b).map(|(&i, &j)| (i as usize, j as usize)))
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut chain = longest_increasing(&supported(&points));
    chain.insert(0, (0, 0));
    let end = (src.len(), tgt.len());
    if chain.last() != Some(&end) {
        chain.push(end);
    }
    chain
}

/// The points of `points` (sorted) with another within [`CHAIN_NEAR`]
/// sentences of each side: where the sides agree, anchors meet in
/// clusters; an anchor that meets a partner alone is likelier a chance
/// match (a consonant skeleton meeting a Persian word, or an anchor of a
/// passage one side lacks meeting one elsewhere), and one in the chain
/// can lead it away from the path for a thousand sentences.
fn supported(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    points
        .iter()
        .filter(|p| {
            let from = points.partition_point(|q| q.0 + CHAIN_NEAR < p.0);
            points[from..]
                .iter()
                .take_while(|q| q.0 <= p.0 + CHAIN_NEAR)
                .any(|q| q != *p && q.1.abs_diff(p.1) <= CHAIN_NEAR)
        })
        .copied()
        .collect()
}

/// How near, in sentences of each side, another point of the anchor
/// chain must lie for a point to stand (see [`supported`]).
const CHAIN_NEAR: usize = 25;

/// How many sentences of each side an anchor of [`anchor_chain`] may be
/// found in: a document that repeats (a text, its copy) has few anchors
/// found once.
const CHAIN_REPEATS: usize = 4;

/// The longest subsequence of `points` (sorted) increasing strictly in
/// both coordinates (patience sorting, O(k log k)).
fn longest_increasing(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[l]: index of the point ending the best chain of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before = vec![usize::MAX; points.len()];
    let mut k = 0;
    while k < points.len() {
        // Points of one row go in together, so no two share a row.
        let row = points[k].0;
        let end = k + points[k..].iter().take_while(|p| p.0 == row).count();
        let places: Vec<usize> = (k..end)
            .map(|p| tails.partition_point(|&t| points[t].1 < points[p].1))
            .collect();
        for (p, &l) in (k..end).zip(&places).rev() {
            before[p] = if l > 0 { tails[l - 1] } else { usize::MAX };
            if l == tails.len() {
                tails.push(p);
            } else if points[p].1 < points[tails[l]].1 {
                tails[l] = p;
            }
        }
        k = end;
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        chain.push(points[at]);
        at = before[at];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests;
