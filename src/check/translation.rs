//! Word translation probabilities learned from the corpus being checked
//! (IBM Model 1, both directions), cross-fitted so that no pair is judged
//! by a model that learned from it.
//!
//! Model 1 learns from a corpus of mostly right pairs which target words
//! the source words of a pair account for, and how strongly. Trained on
//! every row, though, it explains each row's own words by each other, a
//! wrong pair included (a word seen twice is "translated" by whatever stood
//! beside it), so the rows are cut into [`FOLDS`] folds (blocks of
//! [`BLOCK`] neighbouring rows, so a row and its neighbours usually share
//! one) and a row is scored by the model trained on the other folds.
//!
//! A pair is then compared with what it should beat: its neighbours'
//! targets (a swap fits better) and the targets of other rows of the corpus
//! (a text that its own source explains no better than a random row's is
//! not its translation). Hand-written: no crate trains Model 1 on hashed
//! words in memory, and the training here is a few array passes.

// Fx hashing: the keys are already hashes (or small ids), and SipHash
// cost more than the EM passes.
use rayon::prelude::*;

mod places;
use places::Diagonal;
use rustc_hash::FxHashMap as HashMap;

/// Folds of the cross-fitting (each model learns from the other three
/// quarters of the sample).
pub const FOLDS: usize = 4;
/// Neighbouring rows that share a fold.
pub const BLOCK: usize = 16;
/// EM iterations: Model 1's likelihood settles within a handful.
const ITERATIONS: usize = 5;
/// Rows a word must occur in to be learned (a word seen once cannot be).
const MIN_ROWS: u32 = 2;
/// Words per side of a row that take part, rarest first (bounds the cost
/// of very long rows).
const MAX_WORDS: usize = 48;
/// Probabilities below this are dropped after training: they are mostly
/// the spread of a word's mass over the company it happened to keep, and
/// dropping them made scoring faster and the benchmark better (0.01 and
/// 0.05 were measured, BENCHMARKS.md).
const MIN_PROB: f32 = 0.1;
/// Rows kept for the comparison with other rows.
const SAMPLE_ROWS: usize = 512;
/// Other rows a pair is compared with.
pub const OTHERS: usize = 8;
/// The floor of a word's probability relative to its frequency, so an
/// unexplained word costs a bounded amount (ln 1000 ≈ 6.9 nats).
const FLOOR: f64 = 1e-3;

/// One direction's probabilities: for each "from" word, the "to" words it
/// translates into, sorted, with P(to | from).
#[derive(Clone, Debug, Default)]
struct Table {
    start: Vec<u32>,
    to: Vec<u32>,
    prob: Vec<f32>,
    /// P(to | NULL): the word needs no word of the other side.
    null: Vec<f32>,
}

impl Table {
    /// Model 1's probability of `to` given the words `from` expands: the
    /// word from NULL or from any word of the other side, each equally
    /// likely.
    fn probability(&self, to: u32, from: &Expansion) -> f64 {
        f64::from(self.null[to as usize] + from.get(to)) / (from.words + 1) as f64
    }

    /// What `from` words predict: every word they translate into, with the
    /// sum of its probabilities.
    fn expand(&self, from: &[u32]) -> Expansion {
        let span = |f: u32| self.start[f as usize] as usize..self.start[f as usize + 1] as usize;
        let mut probs: Vec<(u32, f32)> =
            Vec::with_capacity(from.iter().map(|&f| span(f).len()).sum());
        for &f in from {
            let (a, b) = (
                self.start[f as usize] as usize,
                self.start[f as usize + 1] as usize,
            );
            probs.extend(
                self.to[a..b]
                    .iter()
                    .copied()
                    .zip(self.prob[a..b].iter().copied()),
            );
        }
        probs.sort_unstable_by_key(|&(w, _)| w);
        probs.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += next.1;
            }
            same
        });
        let may_hold = IdMask::of(probs.iter().map(|&(w, _)| w));
        Expansion {
            probs,
            words: from.len(),
            may_hold,
        }
    }
}

/// What one side's words predict on the other side, so that scoring any
/// text against them costs one lookup per word (a pair is compared with
/// its neighbours and with other rows: many scores per side).
#[derive(Clone, Debug, Default)]
struct Expansion {
    /// (word id, Σ P(word | from word)), sorted by id.
    probs: Vec<(u32, f32)>,
    /// How many words predicted it.
    words: usize,
    /// Which ids `probs` may hold: most words a pair is scored on are not
    /// predicted (a pair is compared with other rows).
    may_hold: IdMask,
}

impl Expansion {
    fn get(&self, w: u32) -> f32 {
        if !self.may_hold.may_hold(w) {
            return 0.0;
        }
        match self.probs.binary_search_by_key(&w, |&(id, _)| id) {
            Ok(k) => self.probs[k].1,
            Err(_) => 0.0,
        }
    }
}

/// Which word ids a small set may hold, by their last eight bits: a miss
/// is known without a search (most lookups of a pair's words miss).
#[derive(Clone, Copy, Debug, Default)]
struct IdMask([u64; 4]);

impl IdMask {
    fn of(ids: impl Iterator<Item = u32>) -> Self {
        let mut mask = IdMask::default();
        for w in ids {
            mask.0[(w as usize >> 6) & 3] |= 1 << (w & 63);
        }
        mask
    }

    /// False only if `w` is surely not in the set.
    fn may_hold(&self, w: u32) -> bool {
        self.0[(w as usize >> 6) & 3] & (1 << (w & 63)) != 0
    }
}

/// A sum of logarithms taken as a product, one logarithm per many
/// factors (logarithms are the costly part of scoring words).
struct LogSum {
    product: f64,
    sum: f64,
}

impl Default for LogSum {
    fn default() -> Self {
        LogSum {
            product: 1.0,
            sum: 0.0,
        }
    }
}

impl LogSum {
    /// Adds `weight` × ln(`factor`): a weight of 1 into the product,
    /// whose logarithm is taken when it nears f64's range.
    fn add(&mut self, factor: f64, weight: f64) {
        if weight == 1.0 {
            self.product *= factor;
            if !(1e-100..1e100).contains(&self.product) {
                self.sum += self.product.ln();
                self.product = 1.0;
            }
        } else {
            self.sum += weight * factor.ln();
        }
    }

    fn total(&self) -> f64 {
        self.sum + self.product.ln()
    }
}

/// A row's known words as ids, sorted (0 is NULL and never listed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// The source side's.
    pub src: Vec<u32>,
    /// The target side's.
    pub tgt: Vec<u32>,
}

impl Words {
    /// The source side's words and the target side's when `source`, else
    /// the other way round.
    pub fn sides(&self, source: bool) -> (&[u32], &[u32]) {
        if source {
            (&self.src, &self.tgt)
        } else {
            (&self.tgt, &self.src)
        }
    }
}

/// A pair ready to be scored: its word ids, what each side predicts under
/// the model of its fold, and how well the two fit each other.
#[derive(Clone, Debug, Default)]
pub struct Lexical {
    /// The known words.
    pub words: Words,
    fold: usize,
    to_tgt: Expansion,
    to_src: Expansion,
    /// The pair's own fit (see [`TranslationModel::fit`]).
    pub own: f64,
}

impl Lexical {
    /// The fold whose model scored the pair.
    pub fn fold(&self) -> usize {
        self.fold
    }

    /// One side's known words and what the other side predicts there:
    /// the source side's when `source`.
    fn side(&self, source: bool) -> (&[u32], &Expansion) {
        if source {
            (&self.words.src, &self.to_src)
        } else {
            (&self.words.tgt, &self.to_tgt)
        }
    }

    /// The pair's own fit per known word.
    pub fn fit_per_word(&self) -> f64 {
        self.own / (self.words.src.len() + self.words.tgt.len()).max(1) as f64
    }
}

/// Model 1 in both directions, one per fold.
#[derive(Clone, Debug, Default)]
pub struct TranslationModel {
    src_ids: HashMap<u64, u32>,
    tgt_ids: HashMap<u64, u32>,
    /// Rows each word occurs in, by id (index 0 unused).
    src_rows: Vec<u32>,
    tgt_rows: Vec<u32>,
    /// Per id: (share of rows with the word, its logarithm), for scoring.
    src_share: Vec<(f64, f64)>,
    tgt_share: Vec<(f64, f64)>,
    /// Per fold: (P(tgt | src), P(src | tgt)).
    folds: Vec<(Table, Table)>,
    /// Per fold: rows of the sample that pairs are compared with, scored
    /// under that fold's model.
    sample: Vec<Vec<Lexical>>,
    /// The median fit per word of the sample's rows.
    median_fit: f64,
    /// The share of words a correct pair's other side does not explain,
    /// per direction (target words, source words): see [`unexplained`].
    unexplained: (f64, f64),
    /// Where words stand, per direction (target words, source words): see
    /// [`Diagonal`].
    diagonal: (Diagonal, Diagonal),
    /// Known words per row, on average (target side, source side): a
    /// word's share of rows over this is its share of words.
    row_words: (f64, f64),
}

impl TranslationModel {
    /// Learns from the rows' hashed words (`(source, target)`, as
    /// `words::words` gives them), in corpus order: row `k` of the
    /// iterator is row `k + 1` of the corpus.
    pub fn learn<'a>(rows: impl Iterator<Item = (&'a [u64], &'a [u64])> + Clone) -> Self {
        let mut src_count: HashMap<u64, u32> = HashMap::default();
        let mut tgt_count: HashMap<u64, u32> = HashMap::default();
        let mut n = 0;
        for (s, t) in rows.clone() {
            n += 1;
            for w in s {
                *src_count.entry(*w).or_default() += 1;
            }
            for w in t {
                *tgt_count.entry(*w).or_default() += 1;
            }
        }
        let (src_ids, src_rows) = vocabulary(src_count);
        let (tgt_ids, tgt_rows) = vocabulary(tgt_count);
        let mut model = TranslationModel {
            src_share: shares(&src_rows, n),
            tgt_share: shares(&tgt_rows, n),
            src_ids,
            tgt_ids,
            src_rows,
            tgt_rows,
            ..TranslationModel::default()
        };
        let words: Vec<Words> = rows.map(|(s, t)| model.words(s, t)).collect();
        let mean = |len: fn(&Words) -> usize| {
            words.iter().map(len).sum::<usize>() as f64 / words.len().max(1) as f64
        };
        model.row_words = (mean(|w| w.tgt.len()), mean(|w| w.src.len()));
        model.folds = model.train(&words);
        let step = (words.len() / SAMPLE_ROWS).max(1);
        // (row number, words) of every step-th row with words on both sides.
        let sample: Vec<(usize, &Words)> = words
            .iter()
            .enumerate()
            .step_by(step)
            .filter(|(_, w)| !w.src.is_empty() && !w.tgt.is_empty())
            .take(SAMPLE_ROWS)
            .map(|(k, w)| (k + 1, w))
            .collect();
        model.sample = (0..model.folds.len())
            .map(|fold| {
                sample
                    .iter()
                    .map(|(_, w)| model.score_in(fold, (*w).clone()))
                    .collect()
            })
            .collect();
        // Each sample row's own fit, under the model of its own fold.
        let mut fits: Vec<f64> = sample
            .iter()
            .enumerate()
            .map(|(k, &(row, _))| model.sample[fold_of(row)][k].fit_per_word())
            .collect();
        fits.sort_by(f64::total_cmp);
        model.median_fit = fits.get(fits.len() / 2).copied().unwrap_or(f64::INFINITY);
        let (mut to_tgt, mut to_src) = (Vec::new(), Vec::new());
        for (k, &(row, _)) in sample.iter().enumerate() {
            let fold = fold_of(row);
            let own = &model.sample[fold][k];
            to_tgt.extend(model.scoring(fold, false).ratios(own.side(false)));
            to_src.extend(model.scoring(fold, true).ratios(own.side(true)));
        }
        model.unexplained = (unexplained(&to_tgt), unexplained(&to_src));
        model
    }

    /// How one side's words are scored given the other's under the model
    /// of `fold`: the source side's when `source`.
    fn scoring(&self, fold: usize, source: bool) -> Scoring<'_> {
        let (to_tgt, to_src) = &self.folds[fold];
        if source {
            Scoring {
                table: to_src,
                shares: &self.src_share,
                alpha: self.unexplained.1,
                row_words: self.row_words.1,
                diagonal: self.diagonal.1,
            }
        } else {
            Scoring {
                table: to_tgt,
                shares: &self.tgt_share,
                alpha: self.unexplained.0,
                row_words: self.row_words.0,
                diagonal: self.diagonal.0,
            }
        }
    }

    /// How much better the words `full` has and `rest` lacks (a left-out
    /// sentence) fit the other side of the pair `row` than that of a row
    /// drawn at random: the log-likelihood ratio, under the mixture of
    /// [`Self::extra_gain`], that the sentence belongs to `row` rather than
    /// to any row, the latter's likelihood the mean over the 8 rows of the
    /// sample [`Self::margin`] compares a pair with. (The best of the 8,
    /// used before, is an upper bound of that likelihood, not an estimate:
    /// added sentences found 0.755 with it, 0.778 with the mean, precision
    /// on the held-out news lines 0.928 either way.)
    pub fn fits_elsewhere(
        &self,
        (number, full): (usize, &Lexical),
        rest: &Lexical,
        source: bool,
        row: &Lexical,
    ) -> f64 {
        let Some(sample) = self.sample.get(full.fold).filter(|s| s.len() >= OTHERS * 2) else {
            return 0.0;
        };
        let gone = difference(full.side(source).0, rest.side(source).0);
        if gone.is_empty() {
            return 0.0;
        }
        let score = |other: &Lexical| {
            let predicted = other.side(source).1;
            self.scoring(other.fold, source).mixed(&gone, predicted)
        };
        let scores: Vec<f64> = others(sample, number).map(score).collect();
        score(row) - log_mean_exp(&scores)
    }

    /// How much likelier the pair `full` is as `rest` (the same pair with
    /// sentences of one side left out: the source side's when `source`)
    /// plus words drawn at random, than as a translation of each other:
    /// the log-likelihood ratio, in nats. The left-out words
    /// are scored given the other side under the mixture of Model 1 and
    /// the words' frequencies learned from the corpus, so a free
    /// translation's unexplained words cost what they cost in its correct
    /// pairs, not the floor.
    pub fn extra_gain(&self, full: &Lexical, rest: &Lexical, source: bool) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        let (cut, other) = (
            self.scoring(full.fold, source),
            self.scoring(full.fold, !source),
        );
        let (full_cut, explained_by_other) = full.side(source);
        let (other_words, full_predicts) = full.side(!source);
        let gone = difference(full_cut, rest.side(source).0);
        other.mixed(other_words, rest.side(!source).1)
            - other.mixed(other_words, full_predicts)
            - cut.mixed(&gone, explained_by_other)
    }

    /// Eight independent EM runs, in parallel: one per fold and direction.
    fn train(&self, words: &[Words]) -> Vec<(Table, Table)> {
        let pairs = PairIndex::new(words);
        let (src, tgt) = (self.src_rows.len(), self.tgt_rows.len());
        (0..FOLDS)
            .into_par_iter()
            .map(|k| {
                let train = |row: usize| fold_of(row + 1) != k;
                rayon::join(
                    || pairs.train(words, train, false, (src, tgt)),
                    || pairs.train(words, train, true, (tgt, src)),
                )
            })
            .collect()
    }

    /// The median fit per word of the corpus's pairs (of a sample).
    pub fn median_fit(&self) -> f64 {
        self.median_fit
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.folds.is_empty()
    }

    /// A row's known words as ids, the rarest 48 of each side.
    pub fn words(&self, src: &[u64], tgt: &[u64]) -> Words {
        Words {
            src: self.ids(src, true),
            tgt: self.ids(tgt, false),
        }
    }

    /// One side's known words as ids (the source side's when `source`),
    /// at most [`MAX_WORDS`] of them, the rarest kept.
    fn ids(&self, words: &[u64], source: bool) -> Vec<u32> {
        self.capped(
            words.iter().filter_map(|&w| self.id(w, source)).collect(),
            source,
        )
    }

    /// A word's id on its side (the source side's when `source`), if the
    /// model knows it.
    pub fn id(&self, word: u64, source: bool) -> Option<u32> {
        let index = if source { &self.src_ids } else { &self.tgt_ids };
        index.get(&word).copied()
    }

    /// Distinct ids of one side, at most [`MAX_WORDS`] of them (the
    /// rarest kept), sorted.
    fn capped(&self, mut ids: Vec<u32>, source: bool) -> Vec<u32> {
        let rows = if source {
            &self.src_rows
        } else {
            &self.tgt_rows
        };
        if ids.len() > MAX_WORDS {
            ids.sort_unstable_by_key(|&id| (rows[id as usize], id));
            ids.truncate(MAX_WORDS);
        }
        ids.sort_unstable();
        ids
    }

    /// The pair `full` with one side's words replaced by the distinct ids
    /// `rest` (see [`Self::id`]; the source side's when `source`: a side
    /// with sentences left out), as [`Self::extra_gain`] and
    /// [`Self::fits_elsewhere`] read it: only that side's words and what
    /// they predict of the other side are made (the other side's words,
    /// what they predict and the pair's fit are left empty, unchanged from
    /// `full` and unread).
    pub fn without(&self, full: &Lexical, rest: Vec<u32>, source: bool) -> Lexical {
        let ids = self.capped(rest, source);
        let mut lexical = Lexical {
            fold: full.fold,
            ..Lexical::default()
        };
        if !self.is_empty() {
            let (to_tgt, to_src) = &self.folds[full.fold];
            if source {
                lexical.to_tgt = to_tgt.expand(&ids);
            } else {
                lexical.to_src = to_src.expand(&ids);
            }
        }
        if source {
            lexical.words.src = ids;
        } else {
            lexical.words.tgt = ids;
        }
        lexical
    }

    /// Prepares pair number `row` (1-based) from its hashed words, under
    /// the model of `row`'s fold.
    pub fn lexical(&self, row: usize, src: &[u64], tgt: &[u64]) -> Lexical {
        self.score(row, self.words(src, tgt))
    }

    /// A pair's words expanded and scored under the model of `row`'s fold.
    fn score(&self, row: usize, words: Words) -> Lexical {
        if self.is_empty() {
            return Lexical {
                words,
                ..Lexical::default()
            };
        }
        self.score_in(fold_of(row), words)
    }

    /// A pair's words expanded and scored under the model of `fold`.
    fn score_in(&self, fold: usize, words: Words) -> Lexical {
        let (to_tgt, to_src) = &self.folds[fold];
        let mut lexical = Lexical {
            to_tgt: to_tgt.expand(&words.src),
            to_src: to_src.expand(&words.tgt),
            words,
            fold,
            own: 0.0,
        };
        lexical.own = self.fit(&lexical, &lexical);
        lexical
    }

    /// How well `a`'s source accounts for `b`'s target and that target for
    /// the source: the sum over both sides' known words of the log ratio of
    /// the word's Model 1 probability to its frequency. Higher is better; a
    /// random pair scores well below zero.
    pub fn fit(&self, a: &Lexical, b: &Lexical) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        self.direction(
            &self.folds[a.fold].0,
            &b.words.tgt,
            &a.to_tgt,
            &self.tgt_share,
        ) + self.direction(
            &self.folds[b.fold].1,
            &a.words.src,
            &b.to_src,
            &self.src_share,
        )
    }

    fn direction(&self, table: &Table, to: &[u32], from: &Expansion, shares: &[(f64, f64)]) -> f64 {
        // (Each factor in [FLOOR, 1 / share + FLOOR], share ≥ 1 / rows
        // learned from.)
        let mut fit = LogSum::default();
        for &w in to {
            let p = table.probability(w, from);
            let (share, inverse_share) = shares[w as usize];
            fit.add((p + FLOOR * share) * inverse_share, 1.0);
        }
        fit.total()
    }

    /// How much better this pair fits than the best of 8 other rows of
    /// the sample, in each direction: `(target given its own source vs
    /// given others', source given its own target vs given others')`.
    /// `None` when there is no sample.
    pub fn margin(&self, row: usize, pair: &Lexical) -> Option<(f64, f64)> {
        let sample = self.sample.get(pair.fold)?;
        if sample.len() < OTHERS * 2 {
            return None;
        }
        let (to_tgt, to_src) = &self.folds[pair.fold];
        let own_t = self.direction(to_tgt, &pair.words.tgt, &pair.to_tgt, &self.tgt_share);
        let own_s = self.direction(to_src, &pair.words.src, &pair.to_src, &self.src_share);
        let mut best_t = f64::NEG_INFINITY;
        let mut best_s = f64::NEG_INFINITY;
        for other in others(sample, row) {
            if other.words.src == pair.words.src || other.words.tgt == pair.words.tgt {
                continue;
            }
            best_t =
                best_t.max(self.direction(to_tgt, &pair.words.tgt, &other.to_tgt, &self.tgt_share));
            best_s =
                best_s.max(self.direction(to_src, &pair.words.src, &other.to_src, &self.src_share));
        }
        if best_t == f64::NEG_INFINITY {
            return None;
        }
        Some((own_t - best_t, own_s - best_s))
    }
}

/// How one side's words are scored given what the other side predicts
/// there (see [`TranslationModel::scoring`]).
struct Scoring<'a> {
    table: &'a Table,
    shares: &'a [(f64, f64)],
    /// The share of words a correct pair leaves unexplained.
    alpha: f64,
    /// Known words per row on this side.
    row_words: f64,
    diagonal: Diagonal,
}

impl Scoring<'_> {
    /// Word `w` of this side at `place`, as the other side's words predict
    /// it.
    fn predicted(&self, w: u32, place: f32) -> places::Predicted {
        places::Predicted {
            place,
            null: f64::from(self.table.null[w as usize]),
            scale: self.shares[w as usize].1 * self.row_words,
        }
    }

    /// Each of `to`'s words' Model 1 probability given `from`, over its
    /// share of the words of its side (its share of rows over
    /// `row_words`, the words of a row).
    fn ratios<'a>(
        &'a self,
        (to, from): (&'a [u32], &'a Expansion),
    ) -> impl Iterator<Item = f64> + 'a {
        to.iter().map(move |&w| {
            self.table.probability(w, from) * self.shares[w as usize].1 * self.row_words
        })
    }

    /// The log-likelihood of `to`'s words given `from` under the mixture of
    /// Model 1 and the words' frequencies (a word of a correct pair is
    /// unexplained with probability `alpha`), relative to the frequencies
    /// alone.
    fn mixed(&self, to: &[u32], from: &Expansion) -> f64 {
        let alpha = self.alpha;
        self.ratios((to, from))
            .map(|r| ((1.0 - alpha) * r + alpha).ln())
            .sum()
    }
}

/// A side's known words in text order, each with where it stands in the
/// side: 0 at its start, 1 at its end.
pub type Placed = [(u32, f32)];

/// A row of the corpus as [`TranslationModel::learn_places`] learns from
/// it: its number, and its source and target words placed.
pub type PlacedRow = (usize, Vec<(u32, f32)>, Vec<(u32, f32)>);

/// The [`OTHERS`] rows of `sample` a pair numbered `row` is compared with,
/// chosen by the row number, so a run is reproducible.
fn others(sample: &[Lexical], row: usize) -> impl Iterator<Item = &Lexical> {
    let mut k = row.wrapping_mul(0x9e37_79b9) % sample.len().max(1);
    let step = sample.len() / OTHERS;
    (0..OTHERS.min(sample.len())).map(move |_| {
        let other = &sample[k];
        k = (k + step + 1) % sample.len();
        other
    })
}

/// The logarithm of the mean of the exponentials of `logs` (a mean of
/// likelihoods given as logarithms), without overflow.
fn log_mean_exp(logs: &[f64]) -> f64 {
    log_sum_exp(logs) - (logs.len() as f64).ln()
}

/// The logarithm of the sum of the exponentials of `logs`, without
/// overflow; −∞ for none.
pub(crate) fn log_sum_exp(logs: &[f64]) -> f64 {
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return top;
    }
    let sum: f64 = logs.iter().map(|l| (l - top).exp()).sum();
    top + sum.ln()
}

/// The words of sorted `all` that are not in sorted `part` (a multiset
/// difference).
fn difference(all: &[u32], part: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(all.len().saturating_sub(part.len()));
    let mut k = 0;
    for &w in all {
        while k < part.len() && part[k] < w {
            k += 1;
        }
        if k < part.len() && part[k] == w {
            k += 1;
        } else {
            out.push(w);
        }
    }
    out
}

/// The share of words Model 1 does not explain in a correct pair: the
/// weight `alpha` of the mixture `(1 − alpha) · P(w | other side) + alpha ·
/// P(w)` that makes the sample's own pairs likeliest, given each word's
/// ratio `P(w | other side) / P(w)` (see `places::unexplained_weighted`,
/// each word weighing 1). Free translations leave more words unexplained
/// than close ones, and this says how many.
fn unexplained(ratios: &[f64]) -> f64 {
    let weighted: Vec<(f64, f64)> = ratios.iter().map(|&r| (r, 1.0)).collect();
    places::unexplained_weighted(&weighted)
}

/// The words seen in [`MIN_ROWS`] rows or more, numbered from 1 in hash
/// order (so the ids do not depend on hash-map order), and the rows each
/// occurs in, by id.
fn vocabulary(counts: HashMap<u64, u32>) -> (HashMap<u64, u32>, Vec<u32>) {
    let mut kept: Vec<(u64, u32)> = counts.into_iter().filter(|&(_, c)| c >= MIN_ROWS).collect();
    kept.sort_unstable();
    let mut ids = HashMap::with_capacity_and_hasher(kept.len(), Default::default());
    let mut rows = vec![0];
    for (w, c) in kept {
        ids.insert(w, rows.len() as u32);
        rows.push(c);
    }
    (ids, rows)
}

/// Each word's share of the `n` rows, and its inverse.
fn shares(rows: &[u32], n: usize) -> Vec<(f64, f64)> {
    rows.iter()
        .map(|&r| {
            let share = f64::from(r.max(1)) / n as f64;
            (share, share.recip())
        })
        .collect()
}

/// The fold of a 1-based row number.
fn fold_of(row: usize) -> usize {
    (row.saturating_sub(1) / BLOCK) % FOLDS
}

/// Every (source id, target id) pair that meets in some row, as a slot
/// number, and each row's slots twice: row-major over (NULL + source
/// words) × (NULL + target words), and column-major, so EM reads the slots
/// of each predicted word in a run, in either direction.
struct PairIndex {
    /// Per row: where its slots start in `slots` and `by_target`.
    offsets: Vec<usize>,
    slots: Vec<u32>,
    /// The same slots, by target word: (NULL + target words) × (NULL +
    /// source words).
    by_target: Vec<u32>,
    /// Per slot: (source id, target id).
    pairs: Vec<(u32, u32)>,
}

impl PairIndex {
    fn new(rows: &[Words]) -> Self {
        let size: usize = rows
            .iter()
            .map(|r| (r.src.len() + 1) * (r.tgt.len() + 1))
            .sum();
        let mut index: HashMap<u64, u32> = HashMap::default();
        index.reserve(size / 2);
        let mut pairs = Vec::with_capacity(size / 2);
        let mut slots = Vec::with_capacity(size);
        let mut offsets = Vec::with_capacity(rows.len() + 1);
        for row in rows {
            offsets.push(slots.len());
            for &s in std::iter::once(&0).chain(&row.src) {
                for &t in std::iter::once(&0).chain(&row.tgt) {
                    let key = (u64::from(s) << 32) | u64::from(t);
                    let slot = *index.entry(key).or_insert_with(|| {
                        pairs.push((s, t));
                        (pairs.len() - 1) as u32
                    });
                    slots.push(slot);
                }
            }
        }
        offsets.push(slots.len());
        let mut by_target = Vec::with_capacity(slots.len());
        for (r, row) in rows.iter().enumerate() {
            let slots = &slots[offsets[r]..offsets[r + 1]];
            let width = row.tgt.len() + 1;
            for t in 0..width {
                by_target.extend(slots.iter().skip(t).step_by(width));
            }
        }
        PairIndex {
            offsets,
            slots,
            by_target,
            pairs,
        }
    }

    /// EM for P(target | source) over the rows `train` keeps, or with
    /// `reverse` for P(source | target); `to_words` is the size of the
    /// predicted side's vocabulary.
    fn train(
        &self,
        rows: &[Words],
        train: impl Fn(usize) -> bool,
        reverse: bool,
        (from_words, to_words): (usize, usize),
    ) -> Table {
        let n = self.pairs.len();
        let mut t = vec![1.0f32; n];
        let mut count = vec![0.0f32; n];
        // Each slot's conditioning word, read once, not per iteration.
        let from: Vec<u32> = self
            .pairs
            .iter()
            .map(|&(s, g)| if reverse { g } else { s })
            .collect();
        let mut total = vec![0.0f32; from_words];
        for _ in 0..ITERATIONS {
            // (`count` is all zero here: the M-step below clears what it
            // reads, saving a pass over every slot.)
            for (r, row) in rows.iter().enumerate() {
                if !train(r) || row.src.is_empty() || row.tgt.is_empty() {
                    continue;
                }
                // The slots of each predicted word in a run: a row of
                // `slots` predicting source words, of `by_target` target
                // words.
                let (layout, inner) = if reverse {
                    (&self.slots, row.tgt.len() + 1)
                } else {
                    (&self.by_target, row.src.len() + 1)
                };
                let slots = &layout[self.offsets[r]..self.offsets[r + 1]];
                // For each predicted word (skipping NULL, the first run),
                // spread one count over the words that could have produced
                // it.
                for run in slots.chunks_exact(inner).skip(1) {
                    let z: f32 = run.iter().map(|&slot| t[slot as usize]).sum();
                    if z <= 0.0 {
                        continue;
                    }
                    // One division per word, not per slot.
                    let inverse = z.recip();
                    for &slot in run {
                        count[slot as usize] += t[slot as usize] * inverse;
                    }
                }
            }
            total.iter_mut().for_each(|c| *c = 0.0);
            for (&w, c) in from.iter().zip(&count) {
                total[w as usize] += c;
            }
            // Each word's total inverted once, not divided into each slot.
            for sum in &mut total {
                *sum = if *sum > 0.0 { sum.recip() } else { 0.0 };
            }
            for ((p, &w), c) in t.iter_mut().zip(&from).zip(&mut count) {
                *p = *c * total[w as usize];
                *c = 0.0;
            }
        }
        self.table(&t, reverse, to_words, from_words)
    }

    /// The probabilities worth keeping, by conditioning word.
    fn table(&self, t: &[f32], reverse: bool, to_words: usize, from_words: usize) -> Table {
        let mut entries: Vec<(u32, u32, f32)> = Vec::new();
        let mut null = vec![0.0f32; to_words];
        for (slot, &(s, g)) in self.pairs.iter().enumerate() {
            let (from, to) = if reverse { (g, s) } else { (s, g) };
            if to == 0 {
                continue;
            }
            if from == 0 {
                null[to as usize] = t[slot];
            } else if t[slot] >= MIN_PROB {
                entries.push((from, to, t[slot]));
            }
        }
        entries.sort_unstable_by_key(|&(from, to, _)| (from, to));
        let mut start = vec![0u32; from_words + 1];
        for &(from, _, _) in &entries {
            start[from as usize + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        Table {
            start,
            to: entries.iter().map(|e| e.1).collect(),
            prob: entries.iter().map(|e| e.2).collect(),
            null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::words::words;

    #[test]
    fn log_mean_exp_is_the_log_of_the_mean_likelihood() {
        let logs = [(0.5f64).ln(), (0.25f64).ln()];
        assert!((log_mean_exp(&logs) - (0.375f64).ln()).abs() < 1e-12);
        // Far below f64's range as likelihoods, fine as logarithms.
        assert!((log_mean_exp(&[-2000.0, -2000.0]) + 2000.0).abs() < 1e-9);
        assert_eq!(log_mean_exp(&[f64::NEG_INFINITY]), f64::NEG_INFINITY);
    }

    /// A corpus where `king` ↔ `شاه` and `river` ↔ `رود` recur with
    /// varying company.
    fn corpus() -> Vec<(Vec<u64>, Vec<u64>)> {
        let fillers = [
            ("alpha", "الف"),
            ("beta", "ب"),
            ("gamma", "گام"),
            ("delta", "دلتا"),
            ("omega", "امگا"),
            ("sigma", "سیگما"),
            ("theta", "تتا"),
            ("kappa", "کاپا"),
        ];
        (0..400)
            .map(|i| {
                let (a, b) = fillers[i % fillers.len()];
                let (c, d) = fillers[(i / 8 + 3) % fillers.len()];
                let (s, t) = match i % 3 {
                    0 => (format!("king {a} {c}"), format!("شاه {b} {d}")),
                    1 => (format!("river {a} {c}"), format!("رود {b} {d}")),
                    _ => (format!("{a} {c}"), format!("{b} {d}")),
                };
                (words(&s), words(&t))
            })
            .collect()
    }

    fn model(rows: &[(Vec<u64>, Vec<u64>)]) -> TranslationModel {
        TranslationModel::learn(rows.iter().map(|(s, t)| (s.as_slice(), t.as_slice())))
    }

    #[test]
    fn a_translation_fits_better_than_another_text() {
        let m = model(&corpus());
        let right = m.lexical(7, &words("king alpha"), &words("شاه الف"));
        let wrong = m.lexical(7, &words("king alpha"), &words("رود کاپا"));
        assert!(right.own > wrong.own + 5.0);
        assert_eq!(m.fit(&right, &right), right.own);
    }

    #[test]
    fn a_right_pair_beats_other_rows_and_a_wrong_one_does_not() {
        let m = model(&corpus());
        let right = m.lexical(40, &words("river delta sigma"), &words("رود دلتا سیگما"));
        let (t, s) = m.margin(40, &right).unwrap();
        assert!(t > 0.0 && s > 0.0, "{t} {s}");
        let wrong = m.lexical(40, &words("river delta sigma"), &words("شاه تتا کاپا"));
        let (t, s) = m.margin(40, &wrong).unwrap();
        assert!(t < 0.0 && s < 0.0, "{t} {s}");
    }

    #[test]
    fn left_out_words_are_likelier_from_nowhere_and_fit_the_row_that_translates_them() {
        let m = model(&corpus());
        // "river" added to the source of a pair that does not translate it.
        let full = m.lexical(40, &words("river alpha gamma"), &words("الف گام"));
        let rest = m.lexical(40, &words("alpha gamma"), &words("الف گام"));
        assert!(m.extra_gain(&full, &rest, true) > 0.0);
        // Left out of a pair that translates it, it is missed.
        let whole = m.lexical(40, &words("river alpha gamma"), &words("رود الف گام"));
        let without = m.lexical(40, &words("alpha gamma"), &words("رود الف گام"));
        assert!(m.extra_gain(&whole, &without, true) < 0.0);
        // It fits a row whose other side holds its translation better than
        // one whose does not, and nothing left out fits nowhere.
        let river = m.lexical(41, &words("river delta"), &words("رود دلتا"));
        let king = m.lexical(41, &words("king delta"), &words("شاه دلتا"));
        let fits = |row: &Lexical| m.fits_elsewhere((40, &full), &rest, true, row);
        assert!(
            fits(&river) > fits(&king) + 1.0,
            "{} {}",
            fits(&river),
            fits(&king)
        );
        assert_eq!(m.fits_elsewhere((40, &full), &full, true, &river), 0.0);
    }

    /// The ids of `text`'s words on one side, in text order, placed evenly.
    fn placed(m: &TranslationModel, text: &str, source: bool) -> Vec<(u32, f32)> {
        let ids: Vec<u32> = crate::check::words::words_at(text)
            .into_iter()
            .filter_map(|(_, w)| m.id(w, source))
            .collect();
        let n = ids.len() as f32;
        ids.into_iter()
            .enumerate()
            .map(|(k, id)| (id, k as f32 / n))
            .collect()
    }

    /// The corpus's model with its words leaning toward their places by
    /// `lambda`, a `share` of them.
    fn leaning(lambda: f64, share: f64) -> TranslationModel {
        let mut m = model(&corpus());
        m.diagonal = (
            Diagonal::new(lambda, share, m.unexplained.0),
            Diagonal::new(lambda, share, m.unexplained.1),
        );
        m
    }

    #[test]
    fn with_no_lean_placed_words_score_as_model_1_does() {
        let m = leaning(0.0, 0.0);
        let full = m.lexical(40, &words("river alpha gamma"), &words("الف گام"));
        let rest = m.lexical(40, &words("alpha gamma"), &words("الف گام"));
        let pair = m
            .placed_pair(
                full.fold(),
                true,
                &placed(&m, "river alpha gamma", true),
                &placed(&m, "الف گام", false),
            )
            .unwrap();
        let placed = m.placed_extra_gain(&pair, &[None, Some(0.0), Some(0.5)]);
        let flat = m.extra_gain(&full, &rest, true);
        assert!((placed - flat).abs() < 1e-9, "{placed} {flat}");
    }

    #[test]
    fn a_word_said_twice_is_explained_only_where_it_stands() {
        let m = leaning(8.0, 0.75);
        // "king alpha. king gamma." against "شاه الف": the second sentence
        // has no counterpart, but Model 1 finds its "king" translated by
        // the first's.
        let source = "king alpha king gamma";
        let full = m.lexical(40, &words(source), &words("شاه الف"));
        let pair = m
            .placed_pair(
                full.fold(),
                true,
                &placed(&m, source, true),
                &placed(&m, "شاه الف", false),
            )
            .unwrap();
        let second = m.placed_extra_gain(&pair, &[Some(0.0), Some(0.5), None, None]);
        let rest = m.lexical(40, &words("king alpha"), &words("شاه الف"));
        let flat = m.extra_gain(&full, &rest, true);
        assert!(second > 0.0 && second > flat + 1.0, "{second} {flat}");
        // The first sentence left out instead takes the translated one.
        let first = m.placed_extra_gain(&pair, &[None, None, Some(0.0), Some(0.5)]);
        assert!(first < second - 5.0, "{first} {second}");
    }

    #[test]
    fn unknown_words_and_an_empty_model_score_nothing() {
        let m = TranslationModel::default();
        let w = m.lexical(1, &words("king"), &words("شاه"));
        assert_eq!(w.own, 0.0);
        assert!(m.margin(1, &w).is_none());
        let m = model(&corpus());
        let w = m.lexical(1, &words("zebra"), &words("گورخر"));
        assert_eq!(w.own, 0.0);
    }

    #[test]
    fn folds_are_blocks_of_neighbouring_rows() {
        assert_eq!(fold_of(1), 0);
        assert_eq!(fold_of(BLOCK), 0);
        assert_eq!(fold_of(BLOCK + 1), 1);
        assert_eq!(fold_of(BLOCK * FOLDS + 1), 0);
    }
}
