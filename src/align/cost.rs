//! The cost of a bead: Gale–Church length agreement, bead-type priors,
//! paragraph structure and lexical anchors, all as negative log-scores.

use super::features::{
    is_number, is_skeleton, Side, Signature, EXCLAMATION, QUESTION, QUOTE, QUOTE_CLOSES,
    QUOTE_OPENS, UNENDED,
};

/// The bead shapes the aligner considers, as (source, target) counts. In the
/// Text+Berg gold a quarter of beads are not 1-1, 4% are 1-3 or 3-1, and 5%
/// are larger still (2-3, 1-4, 3-3, 2-5, …): without the last five shapes
/// each of those came out as several wrong beads (Text+Berg strict F1 0.848
/// with the first eight, 0.900 with all thirteen).
pub const SHAPES: [(usize, usize); 13] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
    (3, 3),
];

/// The most sentences a bead of [`SHAPES`] has on one side.
pub const MOST_PER_SIDE: usize = {
    let (mut most, mut k) = (0, 0);
    while k < SHAPES.len() {
        let (a, b) = SHAPES[k];
        most = if a > most { a } else { most };
        most = if b > most { b } else { most };
        k += 1;
    }
    most
};

/// Everything the cost depends on. See [`Params::default`] for where each
/// default comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Expected target length per source char (Σ target / Σ source).
    pub ratio: f64,
    /// Uncertainty of the ratio itself, as a share of it: adds
    /// `(spread × length)²` to the length variance, so long beads (blocks
    /// of the coarse pass) tolerate a ratio that differs locally.
    pub ratio_spread: f64,
    /// Variance of target length per source char (Gale–Church's s²): the
    /// first path's; the aligner then fits it per document, weighed
    /// against this.
    pub variance: f64,
    /// Prior probability of each bead shape, in the order of [`SHAPES`].
    pub priors: [f64; 13],
    /// Cost of a bead whose sentences cross a paragraph boundary on one side.
    pub paragraph_cross: f64,
    /// Cost of a bead that opens a paragraph on one side only.
    pub paragraph_mismatch: f64,
    /// Reward per anchor (number, name) shared by both sides.
    pub anchor_match: f64,
    /// Reward per name matched only by its consonant skeleton across
    /// scripts (`Putin` ↔ `پوتین`).
    pub skeleton_match: f64,
    /// Cost per number found on one side only.
    pub number_miss: f64,
    /// Cost of a question or exclamation on one side only.
    pub mark_miss: f64,
    /// Cost per clause break (comma, semicolon, colon, dash, sentence
    /// end) more on one side than on the other: translators mostly keep a
    /// sentence's clauses.
    pub break_miss: f64,
    /// Cost of a quotation on one side only: translators keep quotation
    /// marks (`"…"` ↔ `«…»`), and news is full of them.
    pub quote_miss: f64,
    /// Cost of a quotation that runs over the bead's first or last edge on
    /// one side only (a quote of several sentences, opened in one and
    /// closed in another).
    pub quote_end_miss: f64,
    /// Cost of pairing a stray line (site boilerplate, another script)
    /// with anything: above two null beads, so a stray line pairs only
    /// when nothing else fits.
    pub stray_pair: f64,
    /// Cost of each sentence after the first in a run of sentences left
    /// alone on one side (the first costs its bead prior, 5.0): a passage
    /// missing from a translation is one event, not a coincidence per
    /// sentence. Infinite: every sentence left alone costs its prior.
    pub null_run: f64,
    /// Cost of each further sentence of a long run, which opens dearer
    /// than a short one by `long_after` × (`null_run` − `long_run`): a run
    /// costs the cheaper of the two (Gotoh's two-piece affine gaps), so
    /// each sentence past the first `long_after` costs `long_run`. A
    /// translation that lacks a long passage (a chapter, a section) is
    /// one event however long; priced per sentence it was cheaper to
    /// spread over hundreds of wrong pairs. ∞: runs have one piece.
    pub long_run: f64,
    /// See [`Params::long_run`].
    pub long_after: f64,
    /// Weight of the word evidence (see `super::lexicon::Weights`): its
    /// costs are log-likelihood ratios per word, but a sentence's words
    /// are not independent evidence, so they count at this share.
    pub word_weight: f64,
    /// How much of −ln(share) a word found in a sentence holding that
    /// share of its side of a bead loses (see the word cost).
    pub word_spread: f64,
    /// Cost per name of the source, and of the target (a capitalised
    /// Latin word other than a sentence's first, by its consonant
    /// skeleton), that the other side of a pairing bead lacks. 0 here and
    /// in the length pass: the aligner learns them for each document's
    /// word pass from its length path, replacing what is set here.
    pub name_miss: (f64, f64),
    /// Cost of a bead whose last sentence ends with no mark (a headline,
    /// a caption) on one side only. 0 here and in the length pass, learned
    /// for each document's word pass as the name costs are.
    pub unended_miss: f64,
    /// Reward per number one side spells (`four`, `twenty-five`, `چهار`)
    /// that the other side of a pairing bead has, spelled or in digits,
    /// and cost per one it lacks. 0 here and in the length pass, learned
    /// for each document's word pass as the name costs are.
    pub spelled: (f64, f64),
}

impl Default for Params {
    /// Ratio 1 is replaced per document by the aligner. The variance 6.8
    /// (the first path's, then fitted per document) and the priors are
    /// Gale & Church's (1993, Computational Linguistics 19:1) but for the
    /// 1-0 and 0-1 beads, raised from 0.00495 to 0.0065 each by
    /// measurement once the variance was fitted (edited news and passages
    /// cut from one side gain, at 0.0075 the Quran and the cut news lose),
    /// with the 3-sentence shapes added at the frequency they have in the
    /// Text+Berg gold (about 1%) and the five larger ones at 0.0005 each,
    /// by measurement (at 0.001 the joined and edited news sets lose more,
    /// at 0.0001 Text+Berg gains less; BENCHMARKS.md); the paragraph,
    /// anchor and mark weights were chosen by measurement on the shared
    /// development data, the run cost on news pairs with a fifth of one
    /// side cut out, the quotation costs on the edited and cut news pairs,
    /// the largest that keep the Quran and Bible figures, the clause-break
    /// cost by a sweep (on NTREX news a 1-1 pair's commas and semicolons
    /// differ by 0.62 on average, a neighbour's by 1.10, which fits about
    /// 0.3 per break; the Quran's verses and Text+Berg lose from 0.15 and
    /// 0.2), the long piece on
    /// documents of 500–900 units of the joined shared sets with 40–300
    /// sentences cut from one side (below 1.5 the Quran's ill-fitting
    /// verses are left alone on both sides; BENCHMARKS.md).
    fn default() -> Self {
        Params {
            ratio: 1.0,
            ratio_spread: 0.0,
            variance: 6.8,
            priors: [
                0.89,
                0.0065,
                0.0065,
                0.089 / 2.0,
                0.089 / 2.0,
                0.011,
                0.005,
                0.005,
                0.0005,
                0.0005,
                0.0005,
                0.0005,
                0.0005,
            ],
            paragraph_cross: 5.0,
            paragraph_mismatch: 4.0,
            anchor_match: 3.0,
            skeleton_match: 1.5,
            number_miss: 1.5,
            mark_miss: 1.0,
            break_miss: 0.1,
            quote_miss: 1.5,
            quote_end_miss: 0.5,
            stray_pair: 12.0,
            null_run: 3.5,
            long_run: 1.5,
            long_after: 20.0,
            word_weight: 0.25,
            word_spread: 1.0,
            name_miss: (0.0, 0.0),
            unended_miss: 0.0,
            spelled: (0.0, 0.0),
        }
    }
}

/// Costs of the bead shapes for one pair of sides, with the priors and the
/// normal tail table computed once.
pub struct Scorer<'a> {
    src: &'a Side,
    tgt: &'a Side,
    params: &'a Params,
    prior_cost: [f64; 13],
    lexical: bool,
    /// Whether both sides have word evidence to weigh.
    words: bool,
    /// [`Scorer::shared_words`] of the pairs of the last [`PAIR_ROWS`]
    /// source sentences asked about, by target sentence, with the source
    /// sentence + 1 they hold (0: none).
    pairs: Vec<std::cell::Cell<Pair>>,
    table: &'static [f64],
    inverse: &'static [f64],
}

impl<'a> Scorer<'a> {
    /// A scorer for aligning `src` with `tgt`.
    pub fn new(src: &'a Side, tgt: &'a Side, params: &'a Params, lexical: bool) -> Self {
        let prior_cost = params.priors.map(|p| -p.ln());
        let words = src.has_words() && tgt.has_words() && params.word_weight > 0.0;
        Scorer {
            src,
            tgt,
            params,
            prior_cost,
            lexical,
            words,
            pairs: if words {
                vec![std::cell::Cell::new(Pair::default()); PAIR_ROWS * (tgt.len() + 1)]
            } else {
                Vec::new()
            },
            table: two_tail_table(),
            inverse: inverse_table(),
        }
    }

    /// The cost of the bead of shape `SHAPES[shape]` that ends at source
    /// sentence `i` and target sentence `j` (exclusive).
    pub fn cost(&self, shape: usize, i: usize, j: usize) -> f64 {
        let (a, b) = SHAPES[shape];
        let c = self.params.ratio;
        let src = Span::of(self.src, i - a, i, |l| l * c);
        let tgt = Span::of(self.tgt, j - b, j, |l| l / c);
        self.span_cost(shape, (i, j), (&src, &tgt), 0.0, f64::INFINITY)
    }

    /// [`Scorer::cost`] from the bead's spans (`src` ends at `i`, `tgt` at
    /// `j`, as [`Spans`] gives them), for a path that has cost `base` so
    /// far. Stops early, with an infinite cost (a finite one that reaches
    /// `best` could, rounded, fall just below it), once `base` plus the
    /// cost is sure to reach `best` whatever the terms
    /// not yet added: they are ≥ 0 but for shared anchors, whose rewards
    /// are bounded. Stopping never changes which bead wins (a unit test of
    /// the DP checks its path against the plain DP's). Assumes the
    /// [`Params`] weights are ≥ 0, as all their defaults are.
    #[inline(always)]
    pub fn span_cost(
        &self,
        shape: usize,
        (i, j): (usize, usize),
        (src, tgt): (&Span, &Span),
        base: f64,
        best: f64,
    ) -> f64 {
        let (a, b) = SHAPES[shape];
        let prior = self.prior_cost[shape];
        // A sentence with no counterpart costs its prior alone: Gale–Church's
        // length term would grow with its length and push long omissions
        // into neighbouring beads.
        if a == 0 || b == 0 {
            return prior + self.structure_cost(src, tgt, false) + self.alone_cost(src, tgt);
        }
        // The terms still to come are ≥ 0 but for shared anchors, which can
        // take off at most one reward per anchor of the side with fewer.
        let gain = if self.lexical {
            self.most_reward(src, tgt)
        } else {
            0.0
        };
        // With a reward to come, a slack absorbs rounding: a bead pruned
        // then is worse than the best by more than any rounding could change.
        let slack = if gain == 0.0 { 0.0 } else { 1e-6 };
        let cannot_win = |cost: f64| base + cost - gain >= best + slack;
        // The prior alone decides most beads of the larger shapes.
        if cannot_win(prior) {
            return f64::INFINITY;
        }
        let mut cost = prior + self.structure_cost(src, tgt, true);
        if cannot_win(cost) {
            return f64::INFINITY;
        }
        // The length cost that would make the bead lose: known to be
        // reached without the square root and division of the cost itself
        // for about half the beads the DP asks about.
        if self.length_reaches(src, tgt, best - base - cost + gain + slack) {
            return f64::INFINITY;
        }
        cost += self.length_cost(src, tgt);
        // Again with the length known, before the anchors are compared.
        if cannot_win(cost) {
            return f64::INFINITY;
        }
        if self.lexical {
            cost += self.lexical_cost(src, tgt, (i - a, i), (j - b, j));
        }
        if self.words && !cannot_win(cost) {
            cost += self.word_cost(src, tgt, (i - a, i), (j - b, j), |w| cannot_win(cost + w));
        }
        cost
    }

    /// Which words of source sentence `s` and target sentence `t` link to
    /// each other, remembered: the beads of a cell share most of their
    /// sentence pairs with each other and with the cells around it (on
    /// 16,000 sentences a side, 18 million merges for about 700,000
    /// pairs).
    #[inline]
    fn shared_words(&self, s: usize, t: usize) -> Pair {
        let cell = &self.pairs[(s % PAIR_ROWS) * (self.tgt.len() + 1) + t];
        let pair = cell.get();
        if pair.tag == s as u32 + 1 {
            return pair;
        }
        let (src_words, tgt_words) = (self.src.words(), self.tgt.words());
        let (a, b) = shared(src_words.links(s), tgt_words.links(t));
        let pair = Pair {
            src: a,
            tgt: b,
            found: sum_of(a, src_words.costs(s), 0.0) + sum_of(b, tgt_words.costs(t), 0.0),
            tag: s as u32 + 1,
        };
        cell.set(pair);
        pair
    }

    /// The log-likelihood ratio (nats) by their words that source sentence
    /// `s` and target sentence `t` translate each other, against any two
    /// sentences: each word that finds its link in the other counts
    /// ln(p1/p0), each that does not ln((1 − p1)/(1 − p0)).
    pub fn pair_evidence(&self, s: usize, t: usize) -> f64 {
        if !self.words {
            return 0.0;
        }
        let (su, sa) = self.src.word_costs(s, s + 1);
        let (tu, ta) = self.tgt.word_costs(t, t + 1);
        sa + ta - su - tu + self.shared_words(s, t).found
    }

    /// What leaving the sentences of `src` and `tgt` alone costs in word
    /// evidence: their words had a counterpart to be found.
    #[inline]
    pub fn alone_cost(&self, src: &Span, tgt: &Span) -> f64 {
        if self.words {
            self.params.word_weight * (src.alone + tgt.alone)
        } else {
            0.0
        }
    }

    /// The word evidence of a pairing bead: what its words cost unlinked,
    /// less what those that find a word they link to on the other side of
    /// the bead take off (≥ 0). A word found in one of several sentences
    /// says less than one found in a sentence alone: if the bead is right,
    /// its counterpart is in that sentence about as often as the sentence
    /// holds of its side's length, while chance finds it in any of them.
    /// So it takes off its unlinked cost less −ln of that share (else
    /// merging beads would always find more; a uniform ln k split the
    /// UDHR's 3-1 bead, whose two short sentences hold a tenth of the
    /// English). Infinite once `cannot_win` is sure of the
    /// bead's cost with it, which is decided for most beads of several
    /// sentences from a bound (what each sentence pair finds, counted
    /// once per pair) before the pairs' words are gathered.
    #[inline(never)]
    fn word_cost(
        &self,
        src: &Span,
        tgt: &Span,
        (si, i): (usize, usize),
        (tj, j): (usize, usize),
        cannot_win: impl Fn(f64) -> bool,
    ) -> f64 {
        let weight = self.params.word_weight;
        let unlinked = src.unlinked + tgt.unlinked;
        let mut most_found = 0.0;
        let mut masks = [[(0u64, 0u64); MOST_PER_SIDE]; MOST_PER_SIDE];
        for (x, s) in (si..i).enumerate() {
            for (y, t) in (tj..j).enumerate() {
                let pair = self.shared_words(s, t);
                most_found += pair.found;
                masks[x][y] = (pair.src, pair.tgt);
            }
        }
        let least = weight * (unlinked - most_found).max(0.0);
        if cannot_win(least) {
            return f64::INFINITY;
        }
        // One pair: each word is found in the one sentence there is.
        if (i - si, j - tj) == (1, 1) {
            return least;
        }
        let (src_words, tgt_words) = (self.src.words(), self.tgt.words());
        let spread = self.params.word_spread;
        // What a word found in sentence k of the other side loses: the
        // share of that side's length the sentence holds (its counterpart
        // would be there that often), as −ln; a word found in several
        // counts where it loses least.
        let losses = |side: &Side, from: usize, to: usize| {
            let total = side.length(from, to).max(1.0);
            let mut order = [(0.0f64, 0usize); MOST_PER_SIDE];
            for (k, x) in (from..to).enumerate() {
                let share = (side.length(x, x + 1) / total).clamp(1e-3, 1.0);
                order[k] = (-spread * share.ln(), k);
            }
            order[..to - from].sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            order
        };
        let (src_losses, tgt_losses) = (losses(self.src, si, i), losses(self.tgt, tj, j));
        let mut found = 0.0;
        for (x, row) in masks.iter().enumerate().take(i - si) {
            let mut seen = 0u64;
            for &(loss, y) in &tgt_losses[..j - tj] {
                let new = row[y].0 & !seen;
                found += sum_of(new, src_words.costs(si + x), loss);
                seen |= new;
            }
        }
        // Each target sentence reads one column of `masks`.
        #[allow(clippy::needless_range_loop)]
        for y in 0..j - tj {
            let mut seen = 0u64;
            for &(loss, x) in &src_losses[..i - si] {
                let new = masks[x][y].1 & !seen;
                found += sum_of(new, tgt_words.costs(tj + y), loss);
                seen |= new;
            }
        }
        weight * (unlinked - found).max(0.0)
    }

    /// The two sides the scorer compares.
    pub fn sides(&self) -> (&'a Side, &'a Side) {
        (self.src, self.tgt)
    }

    /// The cost of each sentence after the first in a run of sentences
    /// left alone on one side ([`Params::null_run`]).
    pub fn null_run(&self) -> f64 {
        self.params.null_run
    }

    /// The long piece of a run's cost: what opening it costs more than
    /// opening a short run, and the cost of each further sentence (both
    /// infinite when it is never the cheaper).
    pub fn long_run(&self) -> (f64, f64) {
        let p = self.params;
        if p.long_run < p.null_run {
            (p.long_after * (p.null_run - p.long_run), p.long_run)
        } else {
            (f64::INFINITY, f64::INFINITY)
        }
    }

    /// The spans of both sides, for [`Scorer::span_cost`].
    pub fn spans(&self) -> (Spans, Spans) {
        let c = self.params.ratio;
        (
            Spans::new(self.src, |l| l * c),
            Spans::new(self.tgt, |l| l / c),
        )
    }

    /// Whether any sentence of the bead is stray (site boilerplate, another
    /// script).
    pub fn is_stray(&self, si: usize, i: usize, tj: usize, j: usize) -> bool {
        self.src.has_stray(si, i) || self.tgt.has_stray(tj, j)
    }

    /// The cost of the prior of shape `SHAPES[shape]` alone.
    pub fn prior_cost(&self, shape: usize) -> f64 {
        self.prior_cost[shape]
    }

    /// Gale–Church: how unlikely the target length is given the source
    /// length, as `-ln P(|δ| ≥ observed)` under a normal model.
    fn length_cost(&self, src: &Span, tgt: &Span) -> f64 {
        match self.deviation(src, tgt) {
            Some((diff, variance)) => two_tail_cost(self.table, (diff / variance.sqrt()).abs()),
            None => 0.0,
        }
    }

    /// How far the target length is from the one the source predicts, and
    /// the variance of that difference; none for a bead without length.
    #[inline]
    fn deviation(&self, src: &Span, tgt: &Span) -> Option<(f64, f64)> {
        let mean = (src.length + tgt.scaled) / 2.0;
        if mean <= 0.0 {
            return None;
        }
        let spread = self.params.ratio_spread * mean;
        let variance = mean * self.params.variance + spread * spread;
        Some((tgt.length - src.scaled, variance))
    }

    /// Whether [`Scorer::length_cost`] is at least `cost`, decided from
    /// the square of the deviation: `δ ≥ D` where the cost at `D` is at
    /// least `cost` ([`inverse_table`]). False when unsure.
    #[inline]
    fn length_reaches(&self, src: &Span, tgt: &Span, cost: f64) -> bool {
        // A margin keeps rounding in the path's cost so far (large on long
        // documents) from deciding a bead that ties.
        let step = (cost + 1e-6) * INVERSE_STEPS;
        if !(step > 0.0 && step < self.inverse.len() as f64 - 1.0) {
            return false;
        }
        let Some((diff, variance)) = self.deviation(src, tgt) else {
            return false;
        };
        // One step past the floor: at least the ceiling (`ceil` is a call
        // without SSE4.1).
        let bound = self.inverse[step as usize + 1];
        diff * diff >= bound * bound * variance * (1.0 + 1e-9)
    }

    fn structure_cost(&self, src: &Span, tgt: &Span, pairs: bool) -> f64 {
        let p = self.params;
        let crossings = u32::from(src.crossings) + u32::from(tgt.crossings);
        let mut cost = p.paragraph_cross * f64::from(crossings);
        if pairs {
            if src.opens_paragraph != tgt.opens_paragraph {
                cost += p.paragraph_mismatch;
            }
            if src.stray || tgt.stray {
                cost += p.stray_pair;
            }
        }
        cost
    }

    fn lexical_cost(
        &self,
        src: &Span,
        tgt: &Span,
        (si, i): (usize, usize),
        (tj, j): (usize, usize),
    ) -> f64 {
        let p = self.params;
        let mut cost = 0.0;
        if src.marked != tgt.marked {
            cost += p.mark_miss;
        }
        if src.unended != tgt.unended {
            cost += p.unended_miss;
        }
        if src.quoted != tgt.quoted {
            cost += p.quote_miss;
        }
        cost += p.break_miss * src.breaks.abs_diff(tgt.breaks) as f64;
        if src.quote_ends != tgt.quote_ends {
            cost += p.quote_end_miss;
        }
        let signed = self.src.is_signed() && self.tgt.is_signed();
        if src.anchor_bits & tgt.anchor_bits == 0 {
            // Nothing can match: only the numbers of each side count (not
            // on coarse sides, see `signature_reward`).
            return if signed {
                cost
            } else {
                cost + p.number_miss * (f64::from(src.numbers) + f64::from(tgt.numbers))
                    + p.spelled.1 * (f64::from(src.spelled) + f64::from(tgt.spelled))
                    + p.name_miss.0 * f64::from(src.names)
                    + p.name_miss.1 * f64::from(tgt.names)
            };
        }
        if let (true, Some(a), Some(b)) =
            (signed, self.src.signature(si, i), self.tgt.signature(tj, j))
        {
            return cost - self.signature_reward(&a, &b, src, tgt);
        }
        self.anchor_cost(cost, (si, i), (tj, j), (src.anchor_bits, tgt.anchor_bits))
    }

    /// The shared-anchor reward of two coarse spans, from their bits: one
    /// comparison instead of a search per anchor, which made the coarse
    /// pass cost as much as the fine one. Unmatched numbers are not
    /// counted there. Bounded by [`Scorer::most_reward`], as
    /// [`Scorer::span_cost`] assumes.
    fn signature_reward(&self, a: &Signature, b: &Signature, src: &Span, tgt: &Span) -> f64 {
        let p = self.params;
        let shared = |half: std::ops::Range<usize>| -> f64 {
            half.map(|k| (a[k] & b[k]).count_ones()).sum::<u32>() as f64
        };
        let reward = p.anchor_match * shared(0..4) + p.skeleton_match * shared(4..8);
        reward.min(self.most_reward(src, tgt))
    }

    /// The most shared anchors can take off a bead: one reward per anchor
    /// of the side with fewer, none when their bits do not meet; a match
    /// with a spelled number on either side earns the spelled reward, so
    /// only as many as both sides have of other anchors can earn more (a
    /// bound that ignored it pruned fewer beads: 16,000 sentences took 5%
    /// longer).
    fn most_reward(&self, src: &Span, tgt: &Span) -> f64 {
        if src.anchor_bits & tgt.anchor_bits == 0 {
            return 0.0;
        }
        let p = self.params;
        let all = src.anchors.min(tgt.anchors);
        let plain = |span: &Span| span.anchors - u32::from(span.spelled);
        let plain = plain(src).min(plain(tgt)).min(all);
        let most = p.anchor_match.max(p.skeleton_match);
        most * f64::from(plain) + p.spelled.0.min(most) * f64::from(all - plain)
    }

    /// `cost` plus the anchor part of [`Scorer::lexical_cost`], apart so
    /// the common case (no anchors) stays small enough to inline into the
    /// DP. Shared anchors count once per bead, so merging never earns
    /// extra matches; a number missing from the other side counts once per
    /// sentence it is in, so merging never hides a mismatch either. Runs
    /// only when both sides have anchors.
    #[inline(never)]
    fn anchor_cost(
        &self,
        cost: f64,
        (si, i): (usize, usize),
        (tj, j): (usize, usize),
        (src_bits, tgt_bits): (u64, u64),
    ) -> f64 {
        let p = self.params;
        let (mut matched, mut skeletons, mut unmatched_numbers) = (0usize, 0usize, 0usize);
        let (mut spelled, mut unmatched_spelled) = (0usize, 0usize);
        for s in si..i {
            for &x in self.src.anchors(s) {
                let found = holds(self.tgt, tj..j, tgt_bits, x);
                let repeated = || (si..s).any(|e| self.src.anchors(e).binary_search(&x).is_ok());
                if found && !repeated() {
                    if is_skeleton(x) {
                        skeletons += 1;
                    } else if is_number(x)
                        && (self.src.is_spelled(s, x) || !in_digits(self.tgt, tj..j, x))
                    {
                        spelled += 1;
                    } else {
                        matched += 1;
                    }
                }
                if !found && is_number(x) {
                    if self.src.is_spelled(s, x) {
                        unmatched_spelled += 1;
                    } else {
                        unmatched_numbers += 1;
                    }
                }
            }
        }
        for t in tj..j {
            for &x in self.tgt.anchors(t) {
                if !is_number(x) || holds(self.src, si..i, src_bits, x) {
                    continue;
                }
                if self.tgt.is_spelled(t, x) {
                    unmatched_spelled += 1;
                } else {
                    unmatched_numbers += 1;
                }
            }
        }
        let mut names = 0.0;
        if p.name_miss.0 > 0.0 {
            names += p.name_miss.0 * missing_names(self.src, si..i, self.tgt, tj..j, tgt_bits);
        }
        if p.name_miss.1 > 0.0 {
            names += p.name_miss.1 * missing_names(self.tgt, tj..j, self.src, si..i, src_bits);
        }
        cost + p.number_miss * unmatched_numbers as f64 + names
            - p.anchor_match * matched as f64
            - p.skeleton_match * skeletons as f64
            + p.spelled.1 * unmatched_spelled as f64
            - p.spelled.0 * spelled as f64
    }
}

/// Whether one of sentences `range` of `side` writes number anchor `x` in
/// digits (not only spelled).
fn in_digits(side: &Side, range: std::ops::Range<usize>, x: u64) -> bool {
    range
        .into_iter()
        .any(|t| side.anchors(t).binary_search(&x).is_ok() && !side.is_spelled(t, x))
}

/// How many names of `side`'s sentences `from` the sentences `to` of
/// `other` lack (`bits`: theirs, see [`Span::anchor_bits`]).
fn missing_names(
    side: &Side,
    from: std::ops::Range<usize>,
    other: &Side,
    to: std::ops::Range<usize>,
    bits: u64,
) -> f64 {
    from.flat_map(|s| side.names(s))
        .filter(|&&x| !holds(other, to.clone(), bits, x))
        .count() as f64
}

/// Whether sentences `range` of `side` hold anchor `x` (`bits`: theirs,
/// see [`Span::anchor_bits`]). An anchor whose bit they lack is not there:
/// most are told so without a search.
#[inline]
fn holds(side: &Side, mut range: std::ops::Range<usize>, bits: u64, x: u64) -> bool {
    bits & anchor_bit(x) != 0 && range.any(|t| side.anchors(t).binary_search(&x).is_ok())
}

/// What the cost needs of the sentences one side puts into a bead,
/// gathered once per span so the DP's inner loop only reads it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Span {
    length: f64,
    /// The length in the other side's units: × ratio for the source, ÷
    /// ratio for the target.
    scaled: f64,
    /// Paragraph starts after the span's first sentence (a span has a few
    /// sentences: 16 bits, to keep a span at 64 bytes).
    crossings: u16,
    opens_paragraph: bool,
    stray: bool,
    /// The last sentence ends with `?` or `!`.
    marked: bool,
    /// The last sentence ends with no mark (see [`UNENDED`]).
    unended: bool,
    /// A sentence of the span quotes something.
    quoted: bool,
    /// Clause breaks of the span (see [`Side::breaks`]).
    breaks: u32,
    /// Whether the span's first sentence closes a quotation it did not
    /// open, and whether its last opens one it does not close.
    quote_ends: (bool, bool),
    /// Anchors of the span's sentences (an anchor in two counts twice).
    anchors: u32,
    /// One bit per anchor, picked by its hash: spans whose bits do not
    /// meet share no anchor, and most beads the DP weighs are such, so
    /// their anchors need not be compared one by one (with beads of up to
    /// six sentences, comparing them was a fifth of the run).
    anchor_bits: u64,
    /// Numbers among the anchors, counted once per sentence they are in,
    /// and the span's names (see [`Side::names`]): 16 bits each keep a
    /// span at 64 bytes (capped; a cost, not a count, reads them), and
    /// the aligner holds five spans per sentence of each side.
    numbers: u16,
    names: u16,
    /// The numbers the span spells (see [`Side::spelled`]) among its
    /// anchors (none before the word pass joins them).
    spelled: u16,
    /// The words' costs unlinked in a pairing bead, and left alone (see
    /// [`Side::word_costs`]).
    unlinked: f64,
    alone: f64,
}

/// The sum of `counts`, at most `u16::MAX`.
fn capped(counts: impl Iterator<Item = usize>) -> u16 {
    counts.sum::<usize>().min(usize::from(u16::MAX)) as u16
}

impl Span {
    /// The span of sentences `from..to` of `side`.
    fn of(side: &Side, from: usize, to: usize, scale: impl Fn(f64) -> f64) -> Span {
        let length = side.length(from, to);
        let (unlinked, alone) = side.word_costs(from, to);
        Span {
            unlinked,
            alone,
            length,
            scaled: scale(length),
            crossings: capped(std::iter::once(side.paragraph_crossings(from, to))),
            opens_paragraph: from < to && side.starts_paragraph(from),
            stray: side.has_stray(from, to),
            marked: from < to && side.flags(to - 1) & (QUESTION | EXCLAMATION) != 0,
            unended: from < to && side.flags(to - 1) & UNENDED != 0,
            quoted: (from..to).any(|s| side.flags(s) & QUOTE != 0),
            breaks: side.breaks(from, to),
            quote_ends: (
                from < to && side.flags(from) & QUOTE_CLOSES != 0,
                from < to && side.flags(to - 1) & QUOTE_OPENS != 0,
            ),
            anchors: (from..to).map(|s| side.anchors(s).len() as u32).sum(),
            anchor_bits: (from..to)
                .flat_map(|s| side.anchors(s))
                .fold(0, |bits, &x| bits | anchor_bit(x)),
            numbers: capped((from..to).map(|s| {
                let numbers = side.anchors(s).iter().filter(|&&x| is_number(x)).count();
                numbers - side.joined_spelled(s).len()
            })),
            spelled: capped((from..to).map(|s| side.joined_spelled(s).len())),
            names: capped((from..to).map(|s| side.names(s).len())),
        }
    }
}

/// What the words of a source and a target sentence find of each other:
/// which words of each (bits by index), the Σ of their unlinked costs,
/// and the source sentence + 1 it is remembered for (0: none).
#[derive(Clone, Copy, Debug, Default)]
struct Pair {
    src: u64,
    tgt: u64,
    found: f64,
    tag: u32,
}

/// Source rows whose sentence pairs [`Scorer::shared_words`] remembers:
/// the DP asks about the last [`MOST_PER_SIDE`] rows of the current one.
const PAIR_ROWS: usize = 2 * MOST_PER_SIDE;

/// Which words of two sentences have a link in common: two lists of
/// (link, word index) sorted by link, as bits by word index.
#[inline]
fn shared((a, wa): (&[u32], &[u8]), (b, wb): (&[u32], &[u8])) -> (u64, u64) {
    let (mut x, mut y) = (0, 0);
    let (mut in_a, mut in_b) = (0u64, 0u64);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                in_a |= 1 << wa[x];
                in_b |= 1 << wb[y];
                x += 1;
                y += 1;
            }
        }
    }
    (in_a, in_b)
}

/// Σ over the set bits of `found` of the weight there less `less`.
#[inline]
fn sum_of(mut found: u64, weights: &[f32], less: f64) -> f64 {
    let mut sum = 0.0;
    while found != 0 {
        let k = found.trailing_zeros() as usize;
        sum += f64::from(weights[k]) - less;
        found &= found - 1;
    }
    sum
}

/// The bit of [`Span::anchor_bits`] that stands for `anchor`.
fn anchor_bit(anchor: u64) -> u64 {
    1 << ((anchor >> 2) & 63)
}

/// The spans of zero to [`MOST_PER_SIDE`] sentences ending at each position
/// of a side.
pub struct Spans(Vec<[Span; MOST_PER_SIDE + 1]>);

impl Spans {
    fn new(side: &Side, scale: impl Fn(f64) -> f64) -> Self {
        Spans(
            (0..=side.len())
                .map(|end| {
                    std::array::from_fn(|k| Span::of(side, end.saturating_sub(k), end, &scale))
                })
                .collect(),
        )
    }

    /// The spans of 0 to [`MOST_PER_SIDE`] sentences that end before
    /// sentence `end` (fewer sentences where the side starts).
    pub fn ending_at(&self, end: usize) -> &[Span; MOST_PER_SIDE + 1] {
        &self.0[end]
    }
}

/// Step of the [`two_tail_cost`] table.
const STEP: f64 = 1.0 / 256.0;
/// The table covers `x` in `[0, TABLE_END)`.
const TABLE_END: f64 = 40.0;

/// The table behind [`two_tail_cost`], built once.
fn two_tail_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=(TABLE_END / STEP) as usize + 1)
            .map(|k| neg_log_two_tail(k as f64 * STEP))
            .collect()
    })
}

/// Steps per nat of the [`inverse_table`].
const INVERSE_STEPS: f64 = 64.0;
/// The [`inverse_table`] covers costs below this many nats.
const INVERSE_END: f64 = 64.0;

/// For cost `k / INVERSE_STEPS`, the least deviation of the
/// [`two_tail_table`]'s grid whose cost is at least that: as the cost
/// grows with the deviation, every deviation from there on costs at least
/// as much.
fn inverse_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let table = two_tail_table();
        let mut at = 0;
        (0..(INVERSE_END * INVERSE_STEPS) as usize)
            .map(|k| {
                let cost = k as f64 / INVERSE_STEPS;
                while table[at] < cost {
                    at += 1;
                }
                at as f64 * STEP
            })
            .collect()
    })
}

/// [`neg_log_two_tail`] from `table` ([`two_tail_table`]) with linear
/// interpolation: the DP asks for it for most shapes of every cell, and
/// `erfc` would be the slowest part of a cell. The scorer keeps the table
/// at hand, so the inner loop does not ask for it.
#[inline]
fn two_tail_cost(table: &[f64], x: f64) -> f64 {
    if x.is_nan() || x >= TABLE_END {
        return neg_log_two_tail(x);
    }
    let pos = x / STEP;
    let k = pos as usize;
    let frac = pos - k as f64;
    table[k] + (table[k + 1] - table[k]) * frac
}

/// `-ln(2 (1 - Φ(x)))` for `x ≥ 0`: the Gale–Church match cost. Large `x`
/// uses the asymptotic form so the cost grows instead of overflowing.
pub fn neg_log_two_tail(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    if z < 25.0 {
        -libm::erfc(z).max(f64::MIN_POSITIVE).ln()
    } else {
        z * z + (z * std::f64::consts::PI.sqrt()).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_stays_at_64_bytes() {
        assert_eq!(std::mem::size_of::<Span>(), 64);
    }

    #[test]
    fn two_tail_cost_is_zero_at_zero_and_grows() {
        assert!(neg_log_two_tail(0.0).abs() < 1e-12);
        assert!((neg_log_two_tail(1.959964) - 0.05f64.ln().abs()).abs() < 1e-4);
        let mut last = 0.0;
        for x in [0.5, 1.0, 5.0, 30.0, 40.0, 100.0] {
            let c = neg_log_two_tail(x);
            assert!(c > last && c.is_finite(), "{x}: {c}");
            last = c;
        }
    }

    #[test]
    fn the_table_matches_the_function() {
        for k in 0..4000 {
            let x = k as f64 * 0.0137;
            assert!(
                (two_tail_cost(two_tail_table(), x) - neg_log_two_tail(x)).abs()
                    < 1e-3 * (1.0 + x * x),
                "{x}"
            );
        }
    }

    #[test]
    fn a_quotation_on_one_side_only_costs() {
        // Equal lengths and a paragraph each: only the quotation marks differ.
        let paragraphs = [0, 1, 2, 3];
        let src = Side::new(&["\"aaaa\"", "bbbbbb", "\"cccccc", "dddddd\""], &paragraphs);
        let tgt = Side::new(&["«wwww»", "xxxxxx", "«yyyyyy", "zzzzzz»"], &paragraphs);
        let params = Params::default();
        let scorer = Scorer::new(&src, &tgt, &params, true);
        let quoted_with_plain = scorer.cost(0, 1, 2) - scorer.cost(0, 1, 1);
        assert!((quoted_with_plain - params.quote_miss).abs() < 1e-9);
        // Both quoted, but the quotation opens in one and closes in the other.
        let open_with_close = scorer.cost(0, 3, 4) - scorer.cost(0, 3, 3);
        assert!((open_with_close - params.quote_end_miss).abs() < 1e-9);
        assert!(params.quote_miss > 0.0 && params.quote_end_miss > 0.0);
    }

    #[test]
    fn a_clause_break_on_one_side_only_costs() {
        // Equal lengths and a paragraph each: only the commas differ.
        let src = Side::new(&["aaaa, bbbb.", "cccc. dddd."], &[0, 1]);
        let tgt = Side::new(&["wwww، xxxx.", "yyyy zzzzz."], &[0, 1]);
        let params = Params::default();
        let scorer = Scorer::new(&src, &tgt, &params, true);
        let comma_with_none = scorer.cost(0, 1, 2) - scorer.cost(0, 1, 1);
        assert!((comma_with_none - params.break_miss).abs() < 1e-9);
        assert!(params.break_miss > 0.0);
        // Two sentences joined by a comma: the full stop became the comma,
        // so the counts agree.
        let joined = Side::new(&["cccc, dddd."], &[0]);
        let two = Side::new(&["wwww.", "xxxxx."], &[0, 0]);
        let no_breaks = Params {
            break_miss: 0.0,
            ..Params::default()
        };
        let with = Scorer::new(&two, &joined, &params, true).cost(3, 2, 1);
        let without = Scorer::new(&two, &joined, &no_breaks, true).cost(3, 2, 1);
        assert_eq!(with, without);
    }

    #[test]
    fn matching_lengths_cost_less_than_mismatched_ones() {
        let src = Side::new(&["a".repeat(100), "b".repeat(40)], &[0, 0]);
        let tgt = Side::new(&["x".repeat(100), "y".repeat(40)], &[0, 0]);
        let params = Params::default();
        let scorer = Scorer::new(&src, &tgt, &params, true);
        let diagonal = scorer.cost(0, 1, 1) + scorer.cost(0, 2, 2);
        let crossed = scorer.cost(3, 2, 1) + scorer.cost(2, 2, 2);
        assert!(diagonal < crossed);
    }

    #[test]
    fn shared_numbers_pull_sentences_together() {
        let src = Side::new(&["It rose 12 percent in 2019."], &[0]);
        let with = Side::new(&["در ۲۰۱۹، ۱۲ درصد رشد کرد."], &[0]);
        let without = Side::new(&["در سال گذشته رشد بسیار کرد."], &[0]);
        let params = Params::default();
        let a = Scorer::new(&src, &with, &params, true).cost(0, 1, 1);
        let b = Scorer::new(&src, &without, &params, true).cost(0, 1, 1);
        assert!(a < b, "{a} vs {b}");
    }
}
