//! Where a pair's words stand: Model 1 with fast_align's lean toward the
//! diagonal (Dyer et al. 2013), for the extra-sentence test.
//!
//! Model 1 lets a word come from any word of the other side, so a word a
//! pair says twice (`God`, `Lord`, a name) is explained wherever it stands,
//! and a sentence one side lacks can look translated by a word of another
//! sentence. Here a word at place `x` (0 at its side's start, 1 at its end)
//! comes from a word at place `y` of the other side with a weight that
//! leans toward `y = x`; how strongly, and for what share of the words, is
//! learned from the corpus's own pairs (see
//! [`TranslationModel::learn_places`]).

use super::{fold_of, IdMask, LogSum, Placed, PlacedRow, TranslationModel};

/// The leans λ tried when learning a [`Diagonal`]: fast_align's default
/// (4) and its neighbours by powers of two.
const LAMBDAS: [f64; 7] = [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
/// The shares of leaning words tried (the rest come from anywhere, as in
/// Model 1; 0 is Model 1).
const SHARES: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// How a word's choice of the word of the other side it comes from leans
/// toward the words at its place: a share of the words choose with weight
/// e^(−λ|x − y|), normalised to average 1 over a side; the rest choose
/// uniformly, as in Model 1.
#[derive(Clone, Copy, Debug)]
pub struct Diagonal {
    lambda: f64,
    share: f64,
    /// e^(−λ).
    tail: f64,
    /// The share of words a correct pair leaves unexplained under this
    /// lean (see `super::unexplained`).
    pub(super) alpha: f64,
}

impl Default for Diagonal {
    /// Model 1: no lean.
    fn default() -> Self {
        Diagonal::new(0.0, 0.0, 0.5)
    }
}

impl Diagonal {
    pub(super) fn new(lambda: f64, share: f64, alpha: f64) -> Self {
        Diagonal {
            lambda,
            share,
            tail: (-lambda).exp(),
            alpha,
        }
    }

    /// A place `x` made ready for this lean (see [`Spot`]).
    fn spot(&self, x: f32) -> Spot {
        let x = f64::from(x);
        let l = self.lambda;
        if l == 0.0 || self.share == 0.0 {
            return Spot {
                x,
                up: 1.0,
                down: 1.0,
                norm: 1.0,
            };
        }
        let up = (l * x).exp();
        let down = up.recip();
        // The mean of e^(−λ|x − y|) over y uniform in [0, 1] is
        // (2 − e^(−λx) − e^(−λ(1 − x))) / λ.
        let norm = l / (2.0 - down - self.tail * up);
        Spot { x, up, down, norm }
    }

    /// The weight of a word at `from` for a word at `to`.
    fn lean(&self, to: &Spot, from: &Spot) -> f64 {
        if self.share == 0.0 {
            return 1.0;
        }
        // e^(−λ|x − y|) as a product of the two places' exponentials.
        let decay = if from.x <= to.x {
            to.down * from.up
        } else {
            to.up * from.down
        };
        self.share * decay * to.norm + (1.0 - self.share)
    }

    /// The likelihood of a word whose probability is `ratio` times its
    /// frequency, relative to its frequency, under the mixture with words
    /// from nowhere.
    fn factor(&self, ratio: f64) -> f64 {
        (1.0 - self.alpha) * ratio + self.alpha
    }

    /// [`Self::factor`]'s logarithm.
    fn mixed(&self, ratio: f64) -> f64 {
        self.factor(ratio).ln()
    }
}

/// A place `x` made ready for a lean: e^(λx), e^(−λx) and one over the
/// mean weight a word there gives a side, so that the weight between two
/// places is a product, not an exponential.
#[derive(Clone, Copy, Debug, Default)]
struct Spot {
    x: f64,
    up: f64,
    down: f64,
    norm: f64,
}

/// A word of one side as the other side's words predict it (see
/// `Scoring::predicted`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Predicted {
    pub(super) place: f32,
    /// Its probability from NULL.
    pub(super) null: f64,
    /// One over its frequency (what turns a probability into a ratio).
    pub(super) scale: f64,
}

/// One side of a pair (the side cuts are taken from) and the other, their
/// words placed and linked once (which word of one side the table lets
/// come from which of the other), so that each cut is scored in one pass
/// over the links. See [`TranslationModel::placed_pair`].
#[derive(Clone, Debug)]
pub struct PlacedPair {
    side: Vec<Predicted>,
    /// Each side word's distinct-word index.
    side_index: Vec<u32>,
    side_distinct: usize,
    other: Vec<Predicted>,
    /// Each other word's weight (one over its count in its side).
    other_weight: Vec<f64>,
    /// Each other word's place, ready for the lean of the other side's
    /// words and for that of the side's.
    other_spots: Vec<(Spot, Spot)>,
    /// Whether each side word is linked as a word the other side's come
    /// from, and as one that comes from the other side's.
    side_linked: Vec<(bool, bool)>,
    other_distinct: f64,
    /// (other word, side word, P(other word | side word)).
    to_other: Vec<(u32, u32, f64)>,
    /// (side word, other word, P(side word | other word) × the other
    /// word's weight).
    to_side: Vec<(u32, u32, f64)>,
    lean_side: Diagonal,
    lean_other: Diagonal,
    /// The fit of the pair as it is.
    whole: f64,
}

impl TranslationModel {
    /// One side of pair `full` (the source side when `source`) and the
    /// other, their known words placed (`side`, `other`), ready for
    /// [`Self::placed_extra_gain`] to score cuts of that side.
    pub fn placed_pair(
        &self,
        fold: usize,
        source: bool,
        side: &Placed,
        other: &Placed,
    ) -> Option<PlacedPair> {
        if self.is_empty() {
            return None;
        }
        let (own, theirs) = (self.scoring(fold, source), self.scoring(fold, !source));
        let predicted = |words: &Placed, scoring: &super::Scoring| -> Vec<Predicted> {
            words
                .iter()
                .map(|&(w, place)| scoring.predicted(w, place))
                .collect()
        };
        let (side_ids, other_ids) = (ById::of(side), ById::of(other));
        let lean_other = theirs.diagonal;
        let mut pair = PlacedPair {
            side: predicted(side, &own),
            side_distinct: side_ids.distinct,
            other: predicted(other, &theirs),
            other_spots: Vec::new(),
            side_linked: vec![(false, false); side.len()],
            other_distinct: other_ids.distinct as f64,
            to_other: links(theirs.table, &other_ids, side, |_| 1.0),
            to_side: links(own.table, &side_ids, other, |j| other_ids.weight[j]),
            side_index: side_ids.index,
            other_weight: other_ids.weight,
            lean_side: own.diagonal,
            lean_other,
            whole: 0.0,
        };
        let mut other_linked = vec![(false, false); other.len()];
        for &(i, j, _) in &pair.to_other {
            pair.side_linked[j as usize].0 = true;
            other_linked[i as usize].0 = true;
        }
        for &(i, j, _) in &pair.to_side {
            pair.side_linked[i as usize].1 = true;
            other_linked[j as usize].1 = true;
        }
        pair.other_spots = spots(
            other.iter().map(|&(_, x)| Some(x)),
            &other_linked,
            (lean_other, pair.lean_side),
        );
        let places: Vec<Option<f32>> = side.iter().map(|&(_, x)| Some(x)).collect();
        pair.whole = pair.fit(&places);
        Some(pair)
    }

    /// [`Self::extra_gain`] with the words placed: how much likelier the
    /// pair is as what is left of its side (`rest`: each side word's place
    /// in what is left, `None` for a word left out) plus words from
    /// nowhere than as it is. A sentence the other side lacks leaves the
    /// rest of its side standing where the other side's words stand; a
    /// sentence the other side translates finds that translation at its
    /// own place.
    pub fn placed_extra_gain(&self, pair: &PlacedPair, rest: &[Option<f32>]) -> f64 {
        pair.fit(rest) - pair.whole
    }

    /// Learns how words lean toward their place (see `Diagonal`) from
    /// `rows` (row number, source and target words placed), most of them
    /// correct: in each direction, the λ and share (among `LAMBDAS` ×
    /// `SHARES`) and the share of unexplained words that make the rows'
    /// own pairs likeliest, each row under the model of its fold.
    pub fn learn_places(&mut self, rows: &[PlacedRow]) {
        if self.is_empty() {
            return;
        }
        for source in [false, true] {
            let mut words: Vec<(Predicted, f64)> = Vec::new();
            // (word, place of the word it comes from, probability × weight).
            let mut all_links: Vec<(u32, f32, f64)> = Vec::new();
            for (row, src, tgt) in rows {
                let (to, from) = if source { (src, tgt) } else { (tgt, src) };
                let scoring = self.scoring(fold_of(*row), source);
                let (to_ids, from_ids) = (ById::of(to), ById::of(from));
                let base = words.len() as u32;
                let norm = (from_ids.distinct as f64 + 1.0).recip();
                for (&(w, place), &weight) in to.iter().zip(&to_ids.weight) {
                    let mut predicted = scoring.predicted(w, place);
                    predicted.scale *= norm;
                    words.push((predicted, weight));
                }
                for (i, j, p) in links(scoring.table, &to_ids, from, |j| from_ids.weight[j]) {
                    all_links.push((base + i, from[j as usize].1, p));
                }
            }
            let best = self.likeliest_lean(&words, &all_links);
            if source {
                self.diagonal.1 = best;
            } else {
                self.diagonal.0 = best;
            }
        }
    }

    /// The [`Diagonal`] of [`LAMBDAS`] × [`SHARES`] under which `words`
    /// (each with its weight) with `links` are likeliest, with its share of
    /// unexplained words.
    fn likeliest_lean(&self, words: &[(Predicted, f64)], links: &[(u32, f32, f64)]) -> Diagonal {
        // Each word's sum of probabilities from the words it is linked to,
        // unleaned (Model 1) and leaned.
        let mut flat = vec![0.0; words.len()];
        for &(i, _, p) in links {
            flat[i as usize] += p;
        }
        let mut best: Option<(f64, Diagonal)> = None;
        let mut ratios = Vec::with_capacity(words.len());
        for lambda in LAMBDAS {
            let lean = Diagonal::new(lambda, 1.0, 0.0);
            let spots: Vec<Spot> = words.iter().map(|(w, _)| lean.spot(w.place)).collect();
            let mut leaned = vec![0.0; words.len()];
            for &(i, y, p) in links {
                let i = i as usize;
                leaned[i] += p * lean.lean(&spots[i], &lean.spot(y));
            }
            for share in SHARES {
                ratios.clear();
                ratios.extend(words.iter().enumerate().map(|(i, (w, weight))| {
                    let sum = share * leaned[i] + (1.0 - share) * flat[i];
                    ((w.null + sum) * w.scale, *weight)
                }));
                let alpha = unexplained_weighted(&ratios);
                let diagonal = Diagonal::new(lambda, share, alpha);
                let likelihood: f64 = ratios.iter().map(|&(r, w)| w * diagonal.mixed(r)).sum();
                if best.is_none_or(|(top, _)| likelihood > top) {
                    best = Some((likelihood, diagonal));
                }
            }
        }
        best.map_or_else(Diagonal::default, |(_, d)| d)
    }
}

impl PlacedPair {
    /// How well what `rest` leaves of the side (each side word's place, or
    /// `None` if left out) and the other side account for each other: the
    /// log-likelihood of each side's words given the other's, relative to
    /// their frequencies. Each side's words count as its distinct words do
    /// (a word said twice counts once, at each place half), so with no lean
    /// this is Model 1's fit of [`super::Scoring::mixed`].
    fn fit(&self, rest: &[Option<f32>]) -> f64 {
        let mut count = vec![0u32; self.side_distinct];
        for (&k, place) in self.side_index.iter().zip(rest) {
            if place.is_some() {
                count[k as usize] += 1;
            }
        }
        let distinct = count.iter().filter(|&&c| c > 0).count() as f64;
        let weight = |j: usize| 1.0 / f64::from(count[self.side_index[j] as usize]);
        // Each side word's place, ready for either lean, if it is left and
        // linked.
        let spots = spots(
            rest.iter().copied(),
            &self.side_linked,
            (self.lean_other, self.lean_side),
        );
        // The other side given what is left.
        let lean = self.lean_other;
        let mut sums = vec![0.0; self.other.len()];
        for &(i, j, p) in &self.to_other {
            let (i, j) = (i as usize, j as usize);
            if rest[j].is_some() {
                sums[i] += p * weight(j) * lean.lean(&self.other_spots[i].0, &spots[j].0);
            }
        }
        let norm = (distinct + 1.0).recip();
        let mut fit = LogSum::default();
        for ((w, sum), &weight) in self.other.iter().zip(&sums).zip(&self.other_weight) {
            fit.add(lean.factor((w.null + sum) * w.scale * norm), weight);
        }
        // What is left given the other side.
        let lean = self.lean_side;
        sums.clear();
        sums.resize(self.side.len(), 0.0);
        for &(i, j, p) in &self.to_side {
            let (i, j) = (i as usize, j as usize);
            if rest[i].is_some() {
                sums[i] += p * lean.lean(&spots[i].1, &self.other_spots[j].1);
            }
        }
        let norm = (self.other_distinct + 1.0).recip();
        for (j, (w, sum)) in self.side.iter().zip(&sums).enumerate() {
            if rest[j].is_some() {
                fit.add(lean.factor((w.null + sum) * w.scale * norm), weight(j));
            }
        }
        fit.total()
    }
}

/// Each of a side's places made ready for the two leans: `leans.0`, that
/// of the other side's words given the cut side, and `leans.1`, that of
/// the cut side's words given the other; each only where `linked` says
/// the word takes part in that direction's links, and the word is there.
fn spots(
    places: impl Iterator<Item = Option<f32>>,
    linked: &[(bool, bool)],
    leans: (Diagonal, Diagonal),
) -> Vec<(Spot, Spot)> {
    let ready = |lean: Diagonal, x: f32, needed: bool| {
        if needed {
            lean.spot(x)
        } else {
            Spot::default()
        }
    };
    places
        .zip(linked)
        .map(|(place, &(first, second))| match place {
            Some(x) => (ready(leans.0, x, first), ready(leans.1, x, second)),
            None => Default::default(),
        })
        .collect()
}

/// A side's placed words by id.
struct ById {
    /// (id, index of the word), sorted.
    sorted: Vec<(u32, u32)>,
    /// Each word's index among the distinct ids (numbered in id order).
    index: Vec<u32>,
    distinct: usize,
    /// Each word's weight: one over its id's count.
    weight: Vec<f64>,
}

impl ById {
    fn of(words: &Placed) -> Self {
        let mut sorted: Vec<(u32, u32)> = words
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32))
            .collect();
        sorted.sort_unstable();
        let mut index = vec![0u32; words.len()];
        let mut weight = vec![1.0; words.len()];
        let mut distinct = 0;
        for run in sorted.chunk_by(|a, b| a.0 == b.0) {
            for &(_, i) in run {
                index[i as usize] = distinct;
                weight[i as usize] = 1.0 / run.len() as f64;
            }
            distinct += 1;
        }
        ById {
            sorted,
            index,
            distinct: distinct as usize,
            weight,
        }
    }
}

/// Every (word of `to`, word of `from`) pair the table links, as (index in
/// `to`, index in `from`, P(to word | from word) × `weight` of the from
/// word).
fn links(
    table: &super::Table,
    to: &ById,
    from: &Placed,
    weight: impl Fn(usize) -> f64,
) -> Vec<(u32, u32, f64)> {
    let by_id = &to.sorted;
    // (Most words a table entry names are not in the pair.)
    let may_hold = IdMask::of(by_id.iter().map(|&(w, _)| w));
    let mut out = Vec::with_capacity(from.len() * 2);
    for (j, &(f, _)) in from.iter().enumerate() {
        let span = table.start[f as usize] as usize..table.start[f as usize + 1] as usize;
        for (&w, &p) in table.to[span.clone()].iter().zip(&table.prob[span]) {
            if !may_hold.may_hold(w) {
                continue;
            }
            let first = by_id.partition_point(|&(id, _)| id < w);
            for &(_, i) in by_id[first..].iter().take_while(|&&(id, _)| id == w) {
                out.push((i, j as u32, f64::from(p) * weight(j)));
            }
        }
    }
    out
}

/// The share of unexplained words `alpha` that makes words of `ratios`
/// (each a word's probability given the other side over its frequency,
/// with the word's weight) likeliest under the mixture `(1 − alpha) ·
/// ratio + alpha`: Newton's method on the concave log-likelihood (a few
/// steps where EM took fifty); 0.5 for no words.
pub(super) fn unexplained_weighted(ratios: &[(f64, f64)]) -> f64 {
    let mut alpha: f64 = 0.5;
    for _ in 0..50 {
        let (mut slope, mut curve) = (0.0, 0.0);
        for &(r, w) in ratios {
            let d = (1.0 - r) / (r + alpha * (1.0 - r));
            slope += w * d;
            curve -= w * d * d;
        }
        if curve >= 0.0 {
            break;
        }
        let next = (alpha - slope / curve).clamp(1e-3, 1.0 - 1e-3);
        let settled = (next - alpha).abs() < 1e-7;
        alpha = next;
        if settled {
            break;
        }
    }
    alpha
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_of_unexplained_words_is_the_likeliest() {
        // Half the words explained 9 times over their frequency, half not
        // at all: the likeliest mixture leaves a little over half to
        // chance.
        let ratios: Vec<(f64, f64)> = (0..100)
            .map(|k| (if k % 2 == 0 { 9.0 } else { 0.0 }, 1.0))
            .collect();
        let alpha = unexplained_weighted(&ratios);
        let likelihood = |a: f64| -> f64 {
            ratios
                .iter()
                .map(|&(r, w)| w * ((1.0 - a) * r + a).ln())
                .sum()
        };
        for other in [alpha - 0.01, alpha + 0.01] {
            assert!(likelihood(alpha) > likelihood(other));
        }
        assert!((alpha - 0.5625).abs() < 1e-3, "{alpha}");
    }

    #[test]
    fn a_lean_averages_one_over_a_side() {
        let lean = Diagonal::new(8.0, 0.75, 0.5);
        for x in [0.0, 0.3, 0.5, 1.0] {
            let to = lean.spot(x);
            let mean: f64 = (0..10_000)
                .map(|k| lean.lean(&to, &lean.spot((k as f32 + 0.5) / 10_000.0)))
                .sum::<f64>()
                / 10_000.0;
            assert!((mean - 1.0).abs() < 1e-3, "{x}: {mean}");
        }
        let (here, near, far) = (lean.spot(0.5), lean.spot(0.55), lean.spot(0.9));
        assert!(lean.lean(&here, &near) > lean.lean(&here, &far));
        let exact = 0.75 * (-8.0f64 * 0.4).exp() * here.norm + 0.25;
        assert!((lean.lean(&here, &far) - exact).abs() < 1e-6);
    }
}
