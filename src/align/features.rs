//! What the aligner knows about each sentence: its length in characters,
//! whether it opens a paragraph, and cheap lexical anchors.
//!
//! Lengths are counted in chars, never bytes: a Persian letter is two UTF-8
//! bytes and would double every Persian length. Whitespace is not counted,
//! so `--presplit` files with tokenised spacing (`word ,`) measure the same
//! as running text.

use std::hash::Hasher;
use std::sync::OnceLock;

use rustc_hash::{FxHashSet, FxHasher};

use crate::boilerplate::{is_foreign_share, is_site_line, letter_share, mostly_arabic_script};
use crate::lang::{script_of, Script};
use std::borrow::Cow;

use crate::normalize::digit_value;

/// Anchor kinds, kept in the low bits of each anchor hash.
const NUMBER: u64 = 0;
const WORD: u64 = 1;
/// A name's consonant skeleton (`Putin` and `پوتین` both give `ptn`).
const SKELETON: u64 = 2;
/// A lowercase word's consonant skeleton (`filters` and `فیلترهای` both
/// give `fltr`): rewarded as a name's, in the word pass only (see
/// [`is_loanword`]).
const LOANWORD: u64 = 3;

/// Sentence-final marks compared across languages.
pub const QUESTION: u8 = 1;
/// See [`QUESTION`].
pub const EXCLAMATION: u8 = 2;
/// The sentence quotes something.
pub const QUOTE: u8 = 4;
/// Site boilerplate (a language link, a share line) or a line in another
/// script than the rest of its document: likely without a counterpart.
pub const STRAY: u8 = 8;
/// The sentence opens a quotation it does not close.
pub const QUOTE_OPENS: u8 = 16;
/// The sentence closes a quotation it did not open.
pub const QUOTE_CLOSES: u8 = 32;
/// The sentence ends in a letter or digit, with no mark: a headline, a
/// caption, a list item (compared across languages, as [`QUESTION`]).
pub const UNENDED: u8 = 64;

/// One side of a document: per-sentence features in flat arrays, so 200,000
/// sentences cost a few megabytes.
#[derive(Clone, Debug, Default)]
pub struct Side {
    /// `cum[i]` = total length of sentences `0..i`.
    cum: Vec<f64>,
    /// Chars in parentheses of each sentence, the parentheses included
    /// (none on a coarse side): see [`Side::leave_out_asides`].
    asides: Vec<u32>,
    /// `breaks[i]` = clause breaks of sentences `0..i` (see
    /// [`Side::breaks`]; none on a coarse side).
    breaks: Vec<u32>,
    para_start: Vec<bool>,
    flags: Vec<u8>,
    /// Anchors of sentence `i` are `anchors[offsets[i]..offsets[i + 1]]`,
    /// sorted and deduplicated.
    offsets: Vec<u32>,
    anchors: Vec<u64>,
    /// Loanword skeletons (see [`is_loanword`]) of sentence `i`:
    /// `loanwords[loan_offsets[i]..loan_offsets[i + 1]]`, sorted; joined to
    /// the anchors with the word evidence ([`Side::set_words`]).
    loan_offsets: Vec<u32>,
    loanwords: Vec<u64>,
    /// Names (consonant skeletons of capitalised Latin words other than a
    /// sentence's first, and of its first where the side writes it
    /// capitalised elsewhere too) of sentence `i`:
    /// `names[name_offsets[i]..name_offsets[i + 1]]` (see
    /// [`Side::names`]). Empty on a coarse side.
    name_offsets: Vec<u32>,
    names: Vec<u64>,
    /// The numbers sentence `i` spells and does not also write in digits
    /// (see [`crate::numerals`]), as number anchors:
    /// `spelled[spelled_offsets[i]..spelled_offsets[i + 1]]`, sorted. Kept
    /// apart, as loanwords are, until the word pass, which joins them to
    /// the anchors ([`Side::set_words`]) and weighs them as learned from
    /// the length path: a small number matches another sentence's by
    /// chance far more often than a year does, and a translation may add
    /// or leave one out (`the two Koreas` ↔ `دو کره`). Empty on a coarse
    /// side.
    spelled_offsets: Vec<u32>,
    spelled: Vec<u64>,
    /// Whether [`Side::set_words`] has joined the spelled numbers to the
    /// anchors.
    spelled_joined: bool,
    /// For a coarse side only: each block's anchors as a bit set, so the
    /// coarse pass compares blocks in constant time.
    signatures: Vec<Signature>,
    /// The word evidence, once a lexicon is known (empty before).
    words: Words,
}

/// Each sentence's words under a lexicon (see `super::lexicon`): the
/// links of each word, and what each word is worth.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// The links of sentence `i`'s words are `links[offsets[i]..offsets[i + 1]]`,
    /// sorted, each with the index of its word in the sentence (`word`).
    offsets: Vec<u32>,
    links: Vec<u32>,
    word: Vec<u8>,
    /// Each word's cost when the other side of its bead has no word it
    /// links to: sentence `i`'s are `unlinked[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    unlinked: Vec<f32>,
    /// `cum_unlinked[i]`, `cum_alone[i]`: sums over sentences `0..i` of
    /// their words' costs unlinked in a pairing bead, and left alone.
    cum_unlinked: Vec<f64>,
    cum_alone: Vec<f64>,
}

/// One sentence's words for [`Words::new`]: (link, word index) sorted by
/// link, and per word (unlinked cost, alone cost). At most 64 words.
pub type SentenceWords = (Vec<(u32, u8)>, Vec<(f32, f32)>);

impl Words {
    /// Word evidence from each sentence's links and word costs.
    pub fn new(sentences: impl Iterator<Item = SentenceWords>) -> Self {
        let mut words = Words {
            offsets: vec![0],
            starts: vec![0],
            cum_unlinked: vec![0.0],
            cum_alone: vec![0.0],
            ..Words::default()
        };
        for (links, costs) in sentences {
            debug_assert!(costs.len() <= 64);
            for (link, word) in links {
                words.links.push(link);
                words.word.push(word);
            }
            words.offsets.push(words.links.len() as u32);
            let (mut unlinked, mut alone) = (0.0, 0.0);
            for (u, a) in costs {
                words.unlinked.push(u);
                unlinked += f64::from(u);
                alone += f64::from(a);
            }
            words.starts.push(words.unlinked.len() as u32);
            let last = words.cum_unlinked.len() - 1;
            words.cum_unlinked.push(words.cum_unlinked[last] + unlinked);
            words.cum_alone.push(words.cum_alone[last] + alone);
        }
        words
    }

    /// The links of sentence `i` with their words' indices.
    pub fn links(&self, i: usize) -> (&[u32], &[u8]) {
        let range = self.offsets[i] as usize..self.offsets[i + 1] as usize;
        (&self.links[range.clone()], &self.word[range])
    }

    /// The unlinked costs of sentence `i`'s words.
    pub fn costs(&self, i: usize) -> &[f32] {
        &self.unlinked[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Whether no sentence has a word with a link.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }
}

/// A block's anchors as bits (8 bits of each anchor's hash pick its bit):
/// two blocks share about as many bits as anchors, plus a collision now
/// and then. Blocks of up to 16 sentences have a few dozen anchors at
/// most, so the bits stay sparse (larger blocks would fill them).
pub type Signature = [u64; 8];

impl Side {
    /// Features of `sentences`; `paragraphs[i]` is the paragraph number of
    /// sentence `i` (any numbering that changes where a paragraph starts).
    pub fn new<S: AsRef<str>>(sentences: &[S], paragraphs: &[usize]) -> Self {
        // A PDF's shaped glyphs are the letters they show.
        let sentences: Vec<Cow<str>> = sentences
            .iter()
            .map(|s| crate::normalize::fold_presentation_forms(s.as_ref()))
            .collect();
        let mut side = Side {
            cum: Vec::with_capacity(sentences.len() + 1),
            offsets: Vec::with_capacity(sentences.len() + 1),
            ..Side::default()
        };
        side.cum.push(0.0);
        side.breaks.push(0);
        side.offsets.push(0);
        side.loan_offsets.push(0);
        side.name_offsets.push(0);
        side.spelled_offsets.push(0);
        let (mut scratch, mut names, mut spelled) = (Vec::new(), Vec::new(), Vec::new());
        // Each sentence's opening word's skeleton, if it could be a name.
        let mut openings = Vec::with_capacity(sentences.len());
        let all: String = sentences
            .iter()
            .take(400)
            .map(|s| s.as_ref())
            .collect::<Vec<_>>()
            .join(" ");
        let document_script = mostly_arabic_script(&all);
        for (i, sentence) in sentences.iter().enumerate() {
            let sentence = sentence.as_ref();
            let scan = CharScan::of(sentence);
            // What a translator added in square brackets has no
            // counterpart (see `CharScan::added`).
            let (added_length, added_breaks) = scan.added;
            side.cum
                .push(side.cum[i] + (scan.length - added_length) as f64);
            side.breaks
                .push(side.breaks[i] + scan.breaks - added_breaks + 1);
            side.asides.push(scan.aside as u32);
            let starts = i == 0 || paragraphs.get(i) != paragraphs.get(i - 1);
            side.para_start.push(starts);
            let share = letter_share(scan.arabic, scan.other_letters);
            let foreign = document_script.is_some_and(|arabic| is_foreign_share(share, arabic));
            let stray = if foreign || is_site_line(sentence) {
                STRAY
            } else {
                0
            };
            side.flags.push(flags_of(sentence, scan.quoted) | stray);
            scratch.clear();
            names.clear();
            spelled.clear();
            let mut opening = None;
            // A stray line earns no lexical evidence: two language links
            // share words but are not translations of each other.
            if stray == 0 {
                let persian = document_script == Some(true);
                let lists = (&mut scratch, &mut names, &mut opening, &mut spelled);
                collect_anchors(sentence, !persian, lists);
            }
            openings.push(opening);
            scratch.sort_unstable();
            scratch.dedup();
            // A number both spelled and in digits is a number in digits.
            spelled.sort_unstable();
            spelled.dedup();
            spelled.retain(|x| scratch.binary_search(x).is_err());
            side.spelled.extend_from_slice(&spelled);
            side.spelled_offsets.push(side.spelled.len() as u32);
            for &x in &scratch {
                if is_loanword(x) {
                    side.loanwords.push(x);
                } else {
                    side.anchors.push(x);
                }
            }
            side.offsets.push(side.anchors.len() as u32);
            side.loan_offsets.push(side.loanwords.len() as u32);
            names.sort_unstable();
            names.dedup();
            side.names.extend_from_slice(&names);
            side.name_offsets.push(side.names.len() as u32);
        }
        side.add_opening_names(&openings);
        side
    }

    /// Counts a sentence's opening word as one of its names (see
    /// [`Side::names`]) when the side writes it capitalised past a
    /// sentence's first word too: `Flake was the central figure` is about
    /// the `Sen. Jeff Flake` of another sentence. (Every sentence opens
    /// capitalised, so an opening word alone says nothing.)
    fn add_opening_names(&mut self, openings: &[Option<u64>]) {
        let known: std::collections::HashSet<u64> = self.names.iter().copied().collect();
        let named = |o: &Option<u64>| o.filter(|x| known.contains(x));
        if !openings.iter().any(|o| named(o).is_some()) {
            return;
        }
        let (mut names, mut offsets) = (Vec::with_capacity(self.names.len()), vec![0]);
        for (i, opening) in openings.iter().enumerate() {
            let start = names.len();
            names.extend_from_slice(self.names(i));
            if let Some(x) = named(opening).filter(|x| !names[start..].contains(x)) {
                names.push(x);
                names[start..].sort_unstable();
            }
            offsets.push(names.len() as u32);
        }
        (self.names, self.name_offsets) = (names, offsets);
    }

    /// The names of sentence `i` (none on a coarse side): see
    /// [`Side::names`]'s field.
    pub fn names(&self, i: usize) -> &[u64] {
        runs(&self.names, &self.name_offsets, i)
    }

    /// The numbers sentence `i` spells (none on a coarse side): see
    /// [`Side::spelled`]'s field.
    pub fn spelled(&self, i: usize) -> &[u64] {
        runs(&self.spelled, &self.spelled_offsets, i)
    }

    /// The numbers sentence `i` spells among its anchors: all of
    /// [`Side::spelled`] once the word pass joined them, none before.
    pub fn joined_spelled(&self, i: usize) -> &[u64] {
        if self.spelled_joined {
            self.spelled(i)
        } else {
            &[]
        }
    }

    /// Whether number anchor `x` of sentence `i` is spelled there.
    pub fn is_spelled(&self, i: usize, x: u64) -> bool {
        self.spelled(i).binary_search(&x).is_ok()
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.para_start.len()
    }

    /// Whether the side has no sentences.
    pub fn is_empty(&self) -> bool {
        self.para_start.is_empty()
    }

    /// Total length of sentences `from..to`.
    pub fn length(&self, from: usize, to: usize) -> f64 {
        self.cum[to] - self.cum[from]
    }

    /// Clause breaks of sentences `from..to`: their commas, semicolons,
    /// colons and dashes, and their ends. A translation that joins two
    /// sentences mostly turns the full stop into a comma or semicolon, so
    /// counting the ends keeps a 2-1 bead's counts equal. 0 on a coarse
    /// side: a block's count grows with its length, which the length cost
    /// already weighs.
    pub fn breaks(&self, from: usize, to: usize) -> u32 {
        match (self.breaks.get(from), self.breaks.get(to)) {
            (Some(a), Some(b)) => b - a,
            _ => 0,
        }
    }

    /// Total length of all sentences.
    pub fn total(&self) -> f64 {
        self.cum[self.len()]
    }

    /// Whether sentence `i` opens a paragraph.
    pub fn starts_paragraph(&self, i: usize) -> bool {
        self.para_start[i]
    }

    /// How many of sentences `from + 1..to` open a paragraph (the paragraph
    /// boundaries a bead over `from..to` would cross).
    pub fn paragraph_crossings(&self, from: usize, to: usize) -> usize {
        (from + 1..to).filter(|&i| self.para_start[i]).count()
    }

    /// The flags of sentence `i`.
    pub fn flags(&self, i: usize) -> u8 {
        self.flags[i]
    }

    /// The anchors of sentence `i`.
    pub fn anchors(&self, i: usize) -> &[u64] {
        &self.anchors[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The anchors of sentences `from..to` as one bit set, on a coarse side
    /// (see [`Side::coarsen`]).
    pub fn signature(&self, from: usize, to: usize) -> Option<Signature> {
        let blocks = self.signatures.get(from..to).filter(|b| !b.is_empty())?;
        Some(blocks.iter().fold([0; 8], |mut acc, s| {
            for (a, b) in acc.iter_mut().zip(s) {
                *a |= b;
            }
            acc
        }))
    }

    /// Sets the word evidence (one entry per sentence), and joins the
    /// loanwords and spelled numbers to the anchors.
    pub fn set_words(&mut self, words: Words) {
        debug_assert_eq!(words.offsets.len(), self.len() + 1);
        self.words = words;
        if self.loanwords.is_empty() && self.spelled.is_empty() {
            return;
        }
        let mut anchors = Vec::with_capacity(self.anchors.len() + self.loanwords.len());
        let mut offsets = Vec::with_capacity(self.offsets.len());
        offsets.push(0);
        let mut sentence = Vec::new();
        for i in 0..self.len() {
            sentence.clear();
            sentence.extend_from_slice(self.anchors(i));
            let loans = self.loan_offsets[i] as usize..self.loan_offsets[i + 1] as usize;
            sentence.extend_from_slice(&self.loanwords[loans]);
            sentence.extend_from_slice(self.spelled(i));
            sentence.sort_unstable();
            // Spelled numbers stay listed: joined twice, they count once.
            sentence.dedup();
            anchors.extend_from_slice(&sentence);
            offsets.push(anchors.len() as u32);
        }
        self.anchors = anchors;
        self.offsets = offsets;
        self.spelled_joined = true;
        self.loanwords = Vec::new();
        self.loan_offsets = vec![0; self.len() + 1];
    }

    /// Whether the side has word evidence.
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// The word evidence.
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// Σ of the words' costs of sentences `from..to` unlinked in a pairing
    /// bead, and left alone (0 without word evidence).
    pub fn word_costs(&self, from: usize, to: usize) -> (f64, f64) {
        let w = &self.words;
        match (w.cum_unlinked.get(to), w.cum_unlinked.get(from)) {
            (Some(b), Some(a)) => (b - a, w.cum_alone[to] - w.cum_alone[from]),
            _ => (0.0, 0.0),
        }
    }

    /// Whether this is a coarse side with [`Signature`]s.
    pub fn is_signed(&self) -> bool {
        !self.signatures.is_empty()
    }

    /// Whether any of sentences `from..to` is stray (see [`STRAY`]).
    pub fn has_stray(&self, from: usize, to: usize) -> bool {
        self.flags[from..to].iter().any(|f| f & STRAY != 0)
    }

    /// The length of sentence `i` inside parentheses (0 on a coarse side).
    pub fn aside(&self, i: usize) -> f64 {
        self.asides.get(i).map_or(0.0, |&x| x as f64)
    }

    /// The share of the side's length inside parentheses.
    pub fn aside_share(&self) -> f64 {
        let asides: f64 = self.asides.iter().map(|&x| x as f64).sum();
        asides / self.total().max(1.0)
    }

    /// Leaves what parentheses hold out of the lengths, for a translation
    /// that puts its own additions there.
    pub fn leave_out_asides(&mut self) {
        // `cum[i]` is rewritten before `cum[i + 1]` is read: keep the old.
        let mut before = self.cum[0];
        for i in 0..self.len() {
            let after = self.cum[i + 1];
            let length = after - before - self.aside(i);
            self.cum[i + 1] = self.cum[i] + length.max(0.0);
            before = after;
        }
    }

    /// Drops the word and skeleton anchors that the other side lacks
    /// everywhere: they can never match, and every Persian word has a
    /// skeleton. Numbers stay, as unmatched numbers count against a bead —
    /// unless the other side writes none where this side writes them in
    /// [`SPELLED_AFTER`] sentences or more (Chinese `第三条` for `Article
    /// 3`, a text that spells its numbers): that many missed together say
    /// the other side spells them, and there a number would only make its
    /// sentence cheaper left alone than paired (the UDHR in Chinese, three
    /// paragraphs a line: lax F1 0.03, the path lost). Fewer may all be in
    /// a passage the other side lacks, which they then help to find.
    pub fn keep_shared_anchors(a: &mut Side, b: &mut Side) {
        let words = |side: &Side| -> FxHashSet<u64> {
            side.anchors
                .iter()
                .copied()
                .filter(|&x| !is_number(x))
                .collect()
        };
        let (numbered_a, numbered_b) = (a.numbered_sentences(), b.numbered_sentences());
        let spelled = |own: usize, other: usize| other == 0 && own >= SPELLED_AFTER;
        let (keep_a, keep_b) = (
            !spelled(numbered_a, numbered_b),
            !spelled(numbered_b, numbered_a),
        );
        let (in_a, in_b) = (words(a), words(b));
        a.retain_anchors(|x| (is_number(x) && keep_a) || in_b.contains(&x));
        b.retain_anchors(|x| (is_number(x) && keep_b) || in_a.contains(&x));
        let loans = |side: &Side| -> FxHashSet<u64> { side.loanwords.iter().copied().collect() };
        let (in_a, in_b) = (loans(a), loans(b));
        a.retain_loanwords(|x| in_b.contains(&x));
        b.retain_loanwords(|x| in_a.contains(&x));
    }

    /// How many sentences hold a number anchor.
    fn numbered_sentences(&self) -> usize {
        (0..self.len())
            .filter(|&i| self.anchors(i).iter().any(|&x| is_number(x)))
            .count()
    }

    fn retain_loanwords(&mut self, keep: impl Fn(u64) -> bool) {
        (self.loanwords, self.loan_offsets) =
            retain_in_runs(&self.loanwords, &self.loan_offsets, keep);
    }

    fn retain_anchors(&mut self, keep: impl Fn(u64) -> bool) {
        (self.anchors, self.offsets) = retain_in_runs(&self.anchors, &self.offsets, &keep);
        (self.spelled, self.spelled_offsets) =
            retain_in_runs(&self.spelled, &self.spelled_offsets, keep);
    }

    /// A coarser side: consecutive blocks of `k` sentences merged into one
    /// (lengths summed). With `signed`, each block keeps its sentences'
    /// anchors, also as a [`Signature`]; without, it has none.
    pub fn coarsen(&self, k: usize, signed: bool) -> Side {
        let n = self.len();
        let blocks = n.div_ceil(k);
        let mut side = Side {
            cum: Vec::with_capacity(blocks + 1),
            breaks: Vec::new(),
            asides: Vec::new(),
            offsets: Vec::with_capacity(blocks + 1),
            para_start: Vec::with_capacity(blocks),
            flags: vec![0; blocks],
            anchors: Vec::new(),
            // A coarse block weighs no loanwords (see `is_loanword`).
            loan_offsets: vec![0; blocks + 1],
            loanwords: Vec::new(),
            name_offsets: Vec::new(),
            names: Vec::new(),
            spelled_offsets: Vec::new(),
            spelled: Vec::new(),
            spelled_joined: false,
            signatures: Vec::new(),
            words: Words::default(),
        };
        for b in 0..=blocks {
            side.cum.push(self.cum[(b * k).min(n)]);
        }
        side.offsets.push(0);
        let mut scratch = Vec::new();
        for b in 0..blocks {
            let sentences = b * k..((b + 1) * k).min(n);
            side.para_start
                .push(self.para_start[sentences.clone()].iter().any(|&p| p));
            if signed {
                scratch.clear();
                for s in sentences {
                    scratch.extend_from_slice(self.anchors(s));
                }
                scratch.sort_unstable();
                scratch.dedup();
                side.anchors.extend_from_slice(&scratch);
                side.signatures.push(signature_of(&scratch));
            }
            side.offsets.push(side.anchors.len() as u32);
        }
        side
    }
}

/// How many sentences of one side must hold numbers, none of the other's,
/// for the other side to be taken to spell its numbers (see
/// [`Side::keep_shared_anchors`]): if a translation wrote each number as
/// digits even half the time, five such sentences would all miss them
/// once in 32.
const SPELLED_AFTER: usize = 5;

/// Run `i` of `values` (`values[offsets[i]..offsets[i + 1]]`), empty past
/// the runs (a coarse side has none).
fn runs<'a>(values: &'a [u64], offsets: &[u32], i: usize) -> &'a [u64] {
    match (offsets.get(i), offsets.get(i + 1)) {
        (Some(&a), Some(&b)) => &values[a as usize..b as usize],
        _ => &[],
    }
}

/// The `values` of each run (run `i` is `values[offsets[i]..offsets[i +
/// 1]]`) that `keep` keeps, with the runs' new offsets.
fn retain_in_runs(
    values: &[u64],
    offsets: &[u32],
    keep: impl Fn(u64) -> bool,
) -> (Vec<u64>, Vec<u32>) {
    let mut kept = Vec::with_capacity(values.len());
    let mut starts = Vec::with_capacity(offsets.len());
    starts.push(0);
    for run in offsets.windows(2) {
        let run = &values[run[0] as usize..run[1] as usize];
        kept.extend(run.iter().copied().filter(|&x| keep(x)));
        starts.push(kept.len() as u32);
    }
    (kept, starts)
}

/// The bits of `anchors`: words and numbers in the first 256, consonant
/// skeletons in the last 256 (they earn a smaller reward).
fn signature_of(anchors: &[u64]) -> Signature {
    let mut bits = [0u64; 8];
    for &x in anchors {
        let bit = ((x >> 2) & 255) as usize + if is_skeleton(x) { 256 } else { 0 };
        bits[bit / 64] |= 1 << (bit % 64);
    }
    bits
}

/// Whether an anchor is a number (numbers that do not match count against
/// a bead; unmatched names do not, as most words never appear in the other
/// language).
pub fn is_number(anchor: u64) -> bool {
    anchor & 3 == NUMBER
}

/// Whether an anchor is a lowercase word's consonant skeleton (a loanword:
/// `filters` ↔ `فیلترهای`). Common words meet by chance far more often
/// than names: in the length pass, where a path found in the wrong place
/// is not searched again, chance matches moved a whole document of the
/// shared sets with a passage cut (lax F1 0.89 → 0.01), so a side keeps
/// them apart until the word pass, which searches near the length path
/// and weighs them as it weighs the words.
pub fn is_loanword(anchor: u64) -> bool {
    anchor & 3 == LOANWORD
}

/// Whether an anchor is a consonant skeleton (weaker evidence than a word
/// or number written the same on both sides).
pub fn is_skeleton(anchor: u64) -> bool {
    anchor & 3 >= SKELETON
}

/// A sentence's length as the length models see it: characters, not bytes
/// (a Persian letter is two UTF-8 bytes), whitespace not counted.
pub fn length_in_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// What one reading of a sentence's chars tells: its length, its letters
/// by script and whether it quotes. One pass rather than one per feature:
/// the feature pass reads every char of both documents, and each pass cost
/// about as much as all the rest of a feature.
#[derive(Default)]
struct CharScan {
    /// See [`length_in_chars`].
    length: usize,
    arabic: usize,
    other_letters: usize,
    quoted: bool,
    /// Commas, semicolons, colons and dashes, in either script.
    breaks: u32,
    /// The part of `length` and `breaks` inside square brackets, the
    /// brackets included: translators mark their own additions so
    /// (Ansarian's Quran puts a fifth of its chars in them, Fooladvand's a
    /// tenth), and an addition has no counterpart in the other version.
    /// A bracket still open at the sentence's end counts as text (a stray
    /// `[` in OCR text must not hide the rest of the sentence).
    added: (usize, u32),
    /// Non-whitespace chars inside closed parentheses, the parentheses
    /// included (nested ones count once).
    aside: usize,
}

impl CharScan {
    fn of(sentence: &str) -> Self {
        let mut scan = CharScan::default();
        let (mut square, mut round) = (Enclosed::default(), Enclosed::default());
        for c in sentence.chars() {
            if c.is_whitespace() {
                continue;
            }
            scan.length += 1;
            // Chinese and Japanese write them full width (and `、`).
            let is_break = matches!(
                c,
                ',' | '،' | ';' | '؛' | ':' | '–' | '—' | '，' | '；' | '：' | '、'
            );
            match c {
                '"' | '“' | '”' | '«' | '»' | '「' | '」' | '『' | '』' => {
                    scan.quoted = true
                }
                _ if is_break => scan.breaks += 1,
                _ => match script_of(c) {
                    Some(Script::Arabic) => scan.arabic += 1,
                    Some(_) => scan.other_letters += 1,
                    None => {}
                },
            }
            // Parentheses inside square brackets are left out with them.
            let in_square = square.depth > 0 || c == '[';
            square.see(c, ('[', ']'), true, is_break);
            round.see(c, ('(', ')'), !in_square, is_break);
        }
        scan.added = square.closed;
        scan.aside = round.closed.0;
        scan
    }
}

/// What the outermost of nested brackets of one kind hold, the brackets
/// included, as (chars, clause breaks): counted when they close, so a
/// bracket left open holds nothing.
#[derive(Default)]
struct Enclosed {
    depth: u32,
    open: (usize, u32),
    closed: (usize, u32),
}

impl Enclosed {
    /// Takes the next char `c`; `counts`: whether it can be held.
    fn see(&mut self, c: char, (opens, closes): (char, char), counts: bool, is_break: bool) {
        self.depth += u32::from(c == opens);
        if self.depth > 0 && counts {
            self.open.0 += 1;
            self.open.1 += u32::from(is_break);
        }
        if c == closes && self.depth > 0 {
            self.depth -= 1;
            if self.depth == 0 {
                self.closed.0 += self.open.0;
                self.closed.1 += self.open.1;
                self.open = (0, 0);
            }
        }
    }
}

/// The [`QUESTION`], [`EXCLAMATION`] and quotation flags of `sentence`
/// (`quoted`: it has a quotation mark).
fn flags_of(sentence: &str, quoted: bool) -> u8 {
    let end = sentence.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '）' | '】'
            )
    });
    let mut flags = 0;
    // `？` and `！`: the full-width marks of Chinese and Japanese.
    if end.ends_with(['?', '؟', '？']) {
        flags |= QUESTION;
    }
    if end.ends_with(['!', '！']) {
        flags |= EXCLAMATION;
    }
    if end
        .chars()
        .next_back()
        .is_some_and(crate::lang::is_alphanumeric)
    {
        flags |= UNENDED;
    }
    if quoted {
        flags |= QUOTE;
        flags |= quote_ends(sentence);
    }
    flags
}

/// [`QUOTE_OPENS`] and [`QUOTE_CLOSES`] of a sentence: a `"` after a
/// space or at the start opens, any other closes.
fn quote_ends(sentence: &str) -> u8 {
    let (mut depth, mut closed_unopened) = (0i32, false);
    let mut before = ' ';
    for c in sentence.chars() {
        let opens = match c {
            '“' | '«' | '「' | '『' => Some(true),
            '”' | '»' | '」' | '』' => Some(false),
            '"' => Some(before.is_whitespace() || before == '('),
            _ => None,
        };
        match opens {
            Some(true) => depth += 1,
            Some(false) if depth > 0 => depth -= 1,
            Some(false) => closed_unopened = true,
            None => {}
        }
        before = c;
    }
    let mut flags = 0;
    if depth > 0 {
        flags |= QUOTE_OPENS;
    }
    if closed_unopened {
        flags |= QUOTE_CLOSES;
    }
    flags
}

/// Numbers (any digit script, separators dropped: `1,200` = `۱٬۲۰۰` =
/// `1،200`, the Arabic comma Persian news often groups thousands with) and
/// Latin-script names, acronyms and URLs: the tokens a translation keeps
/// (into `out`); the skeletons of names past the sentence's first word
/// (into `names`) and of its first word, if it could be a name (`opening`).
/// `latin_skeletons`: see [`name_skeleton`].
fn collect_anchors(
    sentence: &str,
    latin_skeletons: bool,
    (out, names, opening, spelled): (
        &mut Vec<u64>,
        &mut Vec<u64>,
        &mut Option<u64>,
        &mut Vec<u64>,
    ),
) {
    let mut first = true;
    let mut numerals = crate::numerals::Numerals::default();
    let mut push_spelled = |value: u64| spelled.push(number_anchor(&value.to_string()));
    // Scripts without spaces glue numbers and Latin names to their words
    // (`1948年12月10日`, `第4条`, `使用iPhone`): their letters part tokens too.
    for raw in sentence.split(|c: char| c.is_whitespace() || super::lexicon::is_unspaced(c)) {
        let token = raw.trim_matches(|c: char| !crate::lang::is_alphanumeric(c));
        if token.is_empty() {
            continue;
        }
        // `twenty, five`: a mark after a word ends its number.
        numerals.token(token, !raw.ends_with(token), &mut push_spelled);
        let initial = std::mem::replace(&mut first, false);
        let all_numeric = token.chars().all(|c| {
            digit_value(c).is_some() || matches!(c, ',' | '.' | '٫' | '٬' | '،' | '/' | ':')
        });
        if all_numeric && token.chars().any(|c| digit_value(c).is_some()) {
            let digits: String = token
                .chars()
                .filter_map(digit_value)
                .map(|d| char::from(b'0' + d))
                .collect();
            out.push(number_anchor(&digits));
        } else if is_name_like(token) {
            out.push(anchor(WORD, &token.to_lowercase().into_bytes()));
        }
        if let Some((skeleton, origin)) = name_skeleton(token, latin_skeletons) {
            let text = skeleton.as_str().as_bytes();
            match origin {
                Origin::Name => {
                    out.push(anchor(SKELETON, text));
                    if initial {
                        *opening = Some(anchor(SKELETON, text));
                    } else {
                        names.push(anchor(SKELETON, text));
                    }
                }
                Origin::Loanword => out.push(anchor(LOANWORD, text)),
                Origin::Arabic => {
                    let name = anchor(SKELETON, text);
                    out.push(name);
                    if skeleton.len >= LOANWORD_CONSONANTS {
                        // The same hash, the loanword's kind: no second hash.
                        out.push(name & !3 | LOANWORD);
                    }
                }
            }
        }
    }
    numerals.finish(&mut push_spelled);
}

/// The anchor of a number written with these ASCII `digits` (see
/// [`number_key`]), or spelled with their value.
fn number_anchor(digits: &str) -> u64 {
    anchor(NUMBER, number_key(digits).as_bytes())
}

/// A number's digits as an anchor compares them: leading zeros dropped, and
/// from ten thousand up, trailing groups of three zeros too, as a
/// translation may write the thousands as a word: `350,000` ↔ `۳۵۰ هزار`
/// (Persian news writes most large numbers so), both `350`. Below ten
/// thousand the zeros stay: `1000` read as `1` matched the `1` of "October
/// 1" in a neighbouring sentence (edited news 0.9700 → 0.9698), and
/// `۲ هزار` ↔ `2,000` is rarer than a small number beside a year. The
/// checker's [`crate::check::numbers_match`] reads these alike too.
fn number_key(digits: &str) -> &str {
    let mut key = digits.trim_start_matches('0');
    while key.len() > 4 && key.ends_with("000") {
        key = &key[..key.len() - 3];
    }
    if key.is_empty() {
        "0"
    } else {
        key
    }
}

/// The consonant skeleton of a capitalised Latin name or of a Persian word
/// of three or more consonants, for matching names across scripts: Persian
/// writes foreign names by sound (`Albence` ↔ `آلبنس`, `Ford` ↔ `فورد`).
/// Vowels, `h`, `w`, `y` and their Persian counterparts are dropped, similar
/// sounds share a letter, and doubled letters count once. Hand-written:
/// no crate transliterates Persian; a match only rewards a bead, so a rare
/// false match costs little. `latin`: whether a Latin name gets one (not
/// in a Persian document, where it matches its English twin as a word).
fn name_skeleton(token: &str, latin: bool) -> Option<(Skeleton, Origin)> {
    let first = token.chars().next()?;
    let mut skeleton = Skeleton::default();
    let lower = token.bytes().skip(1).all(|b| b.is_ascii_lowercase());
    let origin = if latin && first.is_ascii_uppercase() && lower {
        latin_skeleton(token.as_bytes(), &mut skeleton);
        Origin::Name
    } else if latin && first.is_ascii_lowercase() && lower && token.len() >= 5 {
        // A loanword Persian writes by sound (`filters` ↔ `فیلترهای`): the
        // plural `s` dropped, and more consonants than a name needs,
        // since common words meet by chance more often than names.
        let stem = token.strip_suffix('s').unwrap_or(token);
        latin_skeleton(stem.as_bytes(), &mut skeleton);
        if skeleton.len < LOANWORD_CONSONANTS {
            return None;
        }
        Origin::Loanword
    } else if crate::lang::is_arabic_letter(first) {
        arabic_skeleton(token.as_bytes(), &mut skeleton);
        Origin::Arabic
    } else {
        return None;
    };
    (skeleton.len >= 3).then_some((skeleton, origin))
}

/// Where a skeleton comes from: a Latin name, a Latin lowercase word, or a
/// word in Arabic script (which may be either's twin).
enum Origin {
    Name,
    Loanword,
    Arabic,
}

/// The consonants a loanword's skeleton needs (a name's need three).
const LOANWORD_CONSONANTS: usize = 4;

/// A consonant skeleton kept on the stack: it is built for every Persian
/// word of a document, so it must not allocate.
#[derive(Default)]
struct Skeleton {
    buf: [u8; 24],
    len: usize,
}

impl Skeleton {
    /// Appends `c` unless it repeats the last letter or the buffer is full.
    fn push(&mut self, c: char) {
        let b = c as u8;
        if self.len < self.buf.len() && (self.len == 0 || self.buf[self.len - 1] != b) {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn latin_skeleton(word: &[u8], out: &mut Skeleton) {
    let mut i = 0;
    while i < word.len() {
        let (c, next) = (word[i].to_ascii_lowercase(), word.get(i + 1).copied());
        let (sound, len) = match (c, next) {
            (b'c' | b's', Some(b'h')) => (Some('s'), 2),
            (b'k' | b'g', Some(b'h')) => (Some('k'), 2),
            (b'p', Some(b'h')) => (Some('f'), 2),
            (b't', Some(b'h')) => (Some('t'), 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (Some('s'), 1),
            (b'c' | b'k' | b'q', _) => (Some('k'), 1),
            (b'x', _) => (Some('k'), 1),
            (b'z', _) => (Some('z'), 1),
            (
                b'b' | b'd' | b'f' | b'g' | b'j' | b'l' | b'm' | b'n' | b'p' | b'r' | b's' | b't',
                _,
            ) => (Some(c as char), 1),
            _ => (None, 1),
        };
        if let Some(sound) = sound {
            out.push(sound);
        }
        i += len;
    }
}

/// [`persian_consonant`] of each letter of `word` (UTF-8), read from the
/// bytes: every Persian word of a document passes through here, and
/// decoding each char cost a sixth of the feature pass. The consonants are
/// all in the Arabic block U+0600–U+06FF, whose chars are two bytes with a
/// lead byte `D8`–`DB` that no other byte of UTF-8 can be.
fn arabic_skeleton(word: &[u8], out: &mut Skeleton) {
    static TABLE: OnceLock<[u8; 256]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            char::from_u32(0x600 + k as u32)
                .and_then(persian_consonant)
                .map_or(0, |c| c as u8)
        })
    });
    let mut i = 0;
    while i + 1 < word.len() {
        if (0xD8..=0xDB).contains(&word[i]) {
            let k = usize::from(word[i] - 0xD8) << 6 | usize::from(word[i + 1] & 0x3F);
            if table[k] != 0 {
                out.push(char::from(table[k]));
            }
            i += 2;
        } else {
            i += 1;
        }
    }
}

fn persian_consonant(c: char) -> Option<char> {
    Some(match c {
        'ب' => 'b',
        'پ' => 'p',
        'ت' | 'ط' => 't',
        'ث' | 'س' | 'ص' | 'ش' => 's',
        'ج' => 'j',
        'چ' => 's',
        'خ' | 'ک' | 'ك' | 'ق' => 'k',
        'د' => 'd',
        'ذ' | 'ز' | 'ض' | 'ظ' | 'ژ' => 'z',
        'ر' => 'r',
        'ف' => 'f',
        'گ' | 'غ' => 'g',
        'ل' => 'l',
        'م' => 'm',
        'ن' => 'n',
        _ => return None,
    })
}

/// `Putin`, `NATO`, `S-2`, `www.example.com`: Latin tokens of two or more
/// chars with a capital, a digit or a dot inside.
fn is_name_like(token: &str) -> bool {
    let mut chars = token.chars();
    let latin = token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '@' | '/'));
    latin
        && chars.clone().count() >= 2
        && (chars.any(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) || token.contains('.'))
}

/// An anchor: the hash of its text, with its kind in the low two bits.
/// FxHash, finished with splitmix64's mixer so that the 8 bits a
/// [`Signature`] takes are as good as any: SipHash cost a tenth of the
/// feature pass for no use (a collision only rewards a bead wrongly, and
/// 62 bits make one rare).
fn anchor(kind: u64, text: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text);
    (mix(hasher.finish()) << 2) | kind
}

/// splitmix64's finaliser: every output bit depends on every input bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchors of sentence 0 of `a` that sentence 0 of `b` has too.
    fn shared_anchors(a: &Side, b: &Side) -> usize {
        a.anchors(0)
            .iter()
            .filter(|x| b.anchors(0).contains(x))
            .count()
    }

    #[test]
    fn numbers_stay_unless_the_other_side_spells_them_all() {
        let numbered = |n: usize| -> Vec<String> {
            (1..=n).map(|k| format!("Article {k} says so.")).collect()
        };
        let spelled: Vec<String> = (0..8).map(|_| "第一条如此。".to_string()).collect();
        let count = Side::numbered_sentences;
        // Five sentences with numbers, none on the other side: spelled.
        let (mut en, mut zh) = (
            Side::new(&numbered(5), &[0; 5]),
            Side::new(&spelled, &[0; 8]),
        );
        Side::keep_shared_anchors(&mut en, &mut zh);
        assert_eq!(count(&en), 0);
        // Four may all be in a passage the other side lacks: they stay.
        let mut en = Side::new(&numbered(4), &[0; 4]);
        let mut zh = Side::new(&spelled, &[0; 8]);
        Side::keep_shared_anchors(&mut en, &mut zh);
        assert_eq!(count(&en), 4);
        // One number on the other side: they stay.
        let mut other = spelled.clone();
        other[3] = "第4条如此。".to_string();
        let (mut en, mut zh) = (Side::new(&numbered(6), &[0; 6]), Side::new(&other, &[0; 8]));
        Side::keep_shared_anchors(&mut en, &mut zh);
        assert_eq!(count(&en), 6);
    }

    #[test]
    fn numbers_and_names_glued_to_chinese_are_anchors() {
        let en = Side::new(&["He bought an iPhone on 10 December 1948."], &[0]);
        let zh = Side::new(&["他于1948年12月10日买了iPhone。"], &[0]);
        assert_eq!(number_anchors(&zh).len(), 3);
        assert_eq!(shared_anchors(&en, &zh), 3);
    }

    /// The number anchors of sentence 0 of `side`.
    fn number_anchors(side: &Side) -> Vec<u64> {
        side.anchors(0)
            .iter()
            .copied()
            .filter(|&a| is_number(a))
            .collect()
    }

    #[test]
    fn spelled_numbers_join_the_anchors_in_the_word_pass() {
        let mut en = Side::new(&["James will play four of the 6 games, 6 in all."], &[0]);
        let mut fa = Side::new(&["جیمز در چهار بازی از ۶ بازی شرکت می‌کند."], &[0]);
        // The length pass sees digits only; `four` and `چهار` wait apart,
        // `6` spelled nowhere.
        assert_eq!(number_anchors(&en), number_anchors(&fa));
        assert_eq!((en.spelled(0).len(), fa.spelled(0).len()), (1, 1));
        assert_eq!(en.spelled(0), fa.spelled(0));
        for side in [&mut en, &mut fa] {
            let words = Words::new((0..1).map(|_| SentenceWords::default()));
            side.set_words(words.clone());
            // Joining twice changes nothing.
            side.set_words(words);
        }
        assert_eq!(number_anchors(&en).len(), 2);
        assert_eq!(number_anchors(&en), number_anchors(&fa));
        assert!(en.is_spelled(0, en.spelled(0)[0]));
        // A number both spelled and in digits is in digits.
        let both = Side::new(&["Two teams, 2 goals."], &[0]);
        assert!(both.spelled(0).is_empty());
    }

    #[test]
    fn clause_breaks_count_marks_of_both_scripts_and_the_ends() {
        let side = Side::new(&["a, b; c: d – e — f.", "x، y؛ z", "Plain."], &[0, 0, 0]);
        assert_eq!(side.breaks(0, 1), 6);
        assert_eq!(side.breaks(1, 2), 3);
        assert_eq!(side.breaks(0, 3), 10);
        assert_eq!(side.breaks(1, 1), 0);
        // A coarse side leaves them to the length cost.
        assert_eq!(side.coarsen(2, true).breaks(0, 2), 0);
    }

    #[test]
    fn lengths_are_chars_without_whitespace() {
        let side = Side::new(&["ab c", "پارسی"], &[0, 0]);
        assert_eq!(side.length(0, 1), 3.0);
        assert_eq!(side.length(1, 2), 5.0);
        assert_eq!(side.total(), 8.0);
    }

    #[test]
    fn numbers_match_across_digit_scripts() {
        let en = Side::new(&["It cost 1,200 dollars in 2022."], &[0]);
        let fa = Side::new(&["بهای آن ۱٬۲۰۰ دلار در سال ۲۰۲۲ بود."], &[0]);
        assert_eq!(shared_anchors(&en, &fa), 2);
        assert_eq!(number_anchors(&fa).len(), 2);
    }

    #[test]
    fn an_arabic_comma_between_thousands_is_a_separator() {
        // Persian news often groups thousands with `،`, not `٬`.
        let en = Side::new(&["He could be fined $250,000 and 1,127 more."], &[0]);
        let fa = Side::new(&["او ممکن است 250،000 دلار و ۱،۱۲۷ جریمه شود."], &[0]);
        assert_eq!(number_anchors(&fa).len(), 2);
        assert_eq!(number_anchors(&en), number_anchors(&fa));
    }

    #[test]
    fn thousands_written_as_a_word_match_the_digits() {
        let en = Side::new(&["His bond was set at $350,000 on 10,000 counts."], &[0]);
        let fa = Side::new(
            &["وثیقه او ۳۵۰ هزار دلار برای ۱۰ هزار اتهام تعیین شد."],
            &[0],
        );
        assert_eq!(number_anchors(&en).len(), 2);
        assert_eq!(number_anchors(&en), number_anchors(&fa));
        assert_eq!(number_key("000"), "0");
        assert_eq!(number_key("10000"), "10");
        assert_eq!(number_key("2000000"), "2000");
        assert_eq!(number_key("1000"), "1000");
    }

    #[test]
    fn latin_names_inside_persian_match() {
        let en = Side::new(&["NATO and the UN met in Geneva."], &[0]);
        let fa = Side::new(&["نشست NATO در ژنو"], &[0]);
        assert_eq!(shared_anchors(&en, &fa), 1);
    }

    #[test]
    fn a_latin_name_in_persian_text_is_one_match_not_two() {
        // Written alike, "Associated" and "Press" match as words; their
        // consonant skeletons would match again and double the evidence.
        let en = Side::new(&["Haris told Associated Press."], &[0]);
        let fa = Side::new(
            &["Haris به خبرگزاری Associated Press گفت که وقتی برای نجات خودمان نداشتیم."],
            &[0],
        );
        assert_eq!(shared_anchors(&en, &fa), 3);
        // In an English document the skeletons stay (`Haris` has too few
        // consonants): they match Persian spellings.
        assert_eq!(en.anchors(0).iter().filter(|&&x| is_skeleton(x)).count(), 2);
    }

    #[test]
    fn one_char_scan_gives_what_separate_passes_did() {
        for text in [
            "",
            "ab c",
            "می\u{200c}روم «بله» و \"no\"",
            "a\u{a0}b\u{2003}c\u{3000}d\u{85}",
            "Putin پوتین ١٢ “quoted”",
            "NATO",
            "  \t ",
        ] {
            let scan = CharScan::of(text);
            assert_eq!(scan.length, length_in_chars(text), "{text:?}");
            assert_eq!(
                letter_share(scan.arabic, scan.other_letters),
                crate::boilerplate::arabic_share(text),
                "{text:?}"
            );
            assert_eq!(scan.quoted, text.contains(['"', '“', '”', '«', '»']));
        }
    }

    #[test]
    fn what_parentheses_hold_is_counted_apart() {
        let aside = |text: &str| CharScan::of(text).aside;
        assert_eq!(aside("x (a, b) y (c)."), 8);
        assert_eq!(aside("x (a (b) c) y"), 7);
        assert_eq!(aside("x (a, b y"), 0);
        assert_eq!(aside("a) b [c]"), 0);
        // Inside square brackets the addition is left out already.
        assert_eq!(aside("x [a (b) c] (d)"), 3);
        let mut side = Side::new(&["one (two) three", "(all)"], &[0, 0]);
        assert_eq!(side.aside(0), 5.0);
        assert_eq!(side.length(0, 2), 18.0);
        side.leave_out_asides();
        assert_eq!(side.length(0, 2), 8.0);
    }

    #[test]
    fn what_square_brackets_add_is_not_counted() {
        let added = |text: &str| CharScan::of(text).added;
        // `[a,b]` and `[c]`: five chars and three, one break.
        assert_eq!(added("x [a, b] y [c]."), (8, 1));
        assert_eq!(added("x [a [b] c] y"), (7, 0));
        // Unclosed or never opened: text.
        assert_eq!(added("x [a, b y"), (0, 0));
        assert_eq!(added("a] b"), (0, 0));
        assert_eq!(added("(a, b)"), (0, 0));
        // The side's lengths and breaks leave the addition out.
        let side = Side::new(&["نام پروردگارت را [به زبان حال، و قال] یاد کن."], &[0]);
        let plain = Side::new(&["نام پروردگارت را یاد کن."], &[0]);
        assert_eq!(side.length(0, 1), plain.length(0, 1));
        assert_eq!(side.breaks(0, 1), plain.breaks(0, 1));
    }

    #[test]
    fn the_byte_skeleton_is_the_char_skeleton() {
        let by_chars = |w: &str| {
            let mut s = Skeleton::default();
            w.chars()
                .filter_map(persian_consonant)
                .for_each(|c| s.push(c));
            s.as_str().to_string()
        };
        let by_bytes = |w: &str| {
            let mut s = Skeleton::default();
            arabic_skeleton(w.as_bytes(), &mut s);
            s.as_str().to_string()
        };
        // Every char of the Arabic block, and words mixing other scripts.
        let block: String = (0x600..=0x6ff).filter_map(char::from_u32).collect();
        for word in [block.as_str(), "پوتین", "بولتون\u{200c}ها", "aبcد€ر", "ﻙﺕﺏ"]
        {
            assert_eq!(by_bytes(word), by_chars(word), "{word}");
        }
    }

    #[test]
    fn names_match_across_scripts_by_their_consonants() {
        for (en, fa) in [
            ("Putin", "پوتین"),
            ("Albence", "آلبنس"),
            ("Ford", "فورد"),
            ("Bolton", "بولتون"),
        ] {
            let skeleton = |w| name_skeleton(w, true).map(|(s, _)| s.as_str().to_string());
            let (a, b) = (skeleton(en), skeleton(fa));
            assert!(a.is_some() && a == b, "{en} {a:?} {fa} {b:?}");
        }
        // Too few consonants to be evidence, or not a name.
        assert!(name_skeleton("Kim", true).is_none());
        assert!(name_skeleton("the", true).is_none());
    }

    #[test]
    fn names_are_capitalised_latin_words_past_the_first() {
        let en = Side::new(
            &[
                "Critics of the Greenfield Party met Greenfield in Oslo.",
                "Oslo",
            ],
            &[0, 1],
        );
        // `Critics` opens the sentence; `Greenfield` counts once.
        let skeleton = |w| {
            anchor(
                SKELETON,
                name_skeleton(w, true).unwrap().0.as_str().as_bytes(),
            )
        };
        let mut want = vec![skeleton("Greenfield"), skeleton("Party")];
        want.sort_unstable();
        assert_eq!(en.names(0), want);
        assert!(en.names(1).is_empty());
        // A Persian side's skeletons are any word's: none are names.
        let fa = Side::new(&["منتقدان حزب گرینفیلد در اسلو دیدار کردند."], &[0]);
        assert!(fa.names(0).is_empty() && fa.anchors(0).iter().any(|&x| is_skeleton(x)));
    }

    #[test]
    fn an_opening_word_is_a_name_where_the_side_writes_it_capitalised_elsewhere() {
        let en = Side::new(
            &[
                "Flake was the central figure.",
                "Critics said Sen. Jeff Flake would vote.",
                "Critics left.",
            ],
            &[0, 1, 2],
        );
        let flake = anchor(
            SKELETON,
            name_skeleton("Flake", true).unwrap().0.as_str().as_bytes(),
        );
        // `Flake` opens the first sentence but is a name in the second;
        // `Critics` opens sentences only.
        assert_eq!(en.names(0), [flake]);
        assert!(en.names(1).contains(&flake));
        assert!(en.names(2).is_empty());
    }

    #[test]
    fn loanwords_wait_for_the_word_pass() {
        // `filters` ↔ `فیلترهای`, `dollars` ↔ `دلار` has three consonants
        // only, `city` four letters: a loanword needs four consonants.
        let mut en = Side::new(
            &[
                "Factories must install new filters.",
                "Dollars for the city.",
            ],
            &[0, 1],
        );
        let mut fa = Side::new(
            &["کارخانه‌ها باید فیلترهای تازه نصب کنند.", "دلار برای شهر."],
            &[0, 1],
        );
        Side::keep_shared_anchors(&mut en, &mut fa);
        // Apart from the anchors while lengths decide the path.
        assert!(en.anchors(0).is_empty() && fa.anchors(0).is_empty());
        assert_eq!((en.loanwords.len(), fa.loanwords.len()), (1, 1));
        assert_eq!(en.loanwords, fa.loanwords);
        // Among them once the words are weighed.
        for side in [&mut en, &mut fa] {
            side.set_words(Words::new((0..2).map(|_| (Vec::new(), Vec::new()))));
        }
        assert_eq!(en.anchors(0), fa.anchors(0));
        assert!(en
            .anchors(0)
            .iter()
            .all(|&x| is_loanword(x) && is_skeleton(x)));
        assert!(en.anchors(1).is_empty() && fa.anchors(1).is_empty());
    }

    #[test]
    fn paragraphs_and_flags() {
        let side = Side::new(&["Why?", "Yes!", "\"Quoted.\""], &[0, 0, 1]);
        assert!(side.starts_paragraph(0) && !side.starts_paragraph(1) && side.starts_paragraph(2));
        assert_eq!(
            (
                side.paragraph_crossings(1, 3),
                side.paragraph_crossings(0, 2)
            ),
            (1, 0)
        );
        assert_eq!(side.flags(0), QUESTION);
        assert_eq!(side.flags(1), EXCLAMATION);
        assert_eq!(side.flags(2), QUOTE);
    }

    #[test]
    fn full_width_marks_are_the_same_evidence() {
        let side = Side::new(&["你去吗？", "他说：「好！」", "一，二、三。"], &[0, 0, 0]);
        assert_eq!(side.flags(0), QUESTION);
        assert_eq!(side.flags(1) & (EXCLAMATION | QUOTE), EXCLAMATION | QUOTE);
        // A colon; a comma and an enumeration comma; each end.
        assert_eq!(
            (side.breaks(0, 1), side.breaks(1, 2), side.breaks(2, 3)),
            (1, 2, 3)
        );
    }

    #[test]
    fn quotations_over_sentence_edges() {
        assert_eq!(
            quote_ends("\"There was no time to save ourselves."),
            QUOTE_OPENS
        );
        assert_eq!(
            quote_ends("I was squeezed, I think,\" Haris said."),
            QUOTE_CLOSES
        );
        assert_eq!(quote_ends("He said \"yes\" and left (\"no\")."), 0);
        assert_eq!(quote_ends("او گفت: «برای نجات وقتی نداشتیم."), QUOTE_OPENS);
        assert_eq!(
            quote_ends("فکر می‌کنم پرتاب شدم» و اضافه کرد."),
            QUOTE_CLOSES
        );
        assert_eq!(quote_ends("“Closed.” and “open"), QUOTE_OPENS);
        assert_eq!(quote_ends("done.\" \"Next"), QUOTE_CLOSES | QUOTE_OPENS);
    }

    #[test]
    fn coarsening_sums_blocks() {
        let side = Side::new(&["a", "bb", "ccc", "dddd", "eeeee"], &[0, 0, 1, 1, 2]);
        let coarse = side.coarsen(2, false);
        assert_eq!(coarse.len(), 3);
        assert_eq!(coarse.length(0, 1), 3.0);
        assert_eq!(coarse.length(2, 3), 5.0);
        assert_eq!(coarse.total(), side.total());
        assert!(coarse.anchors(0).is_empty() && coarse.signature(0, 3).is_none());
    }

    #[test]
    fn signed_blocks_keep_their_anchors_as_bits() {
        let mut en = Side::new(
            &["In 2019 NATO met.", "Paris, 12 May.", "Nothing."],
            &[0; 3],
        );
        let mut fa = Side::new(&["در ۲۰۱۹ NATO", "پاریس ۱۲ مه", "هیچ."], &[0; 3]);
        Side::keep_shared_anchors(&mut en, &mut fa);
        let (en, fa) = (en.coarsen(2, true), fa.coarsen(2, true));
        // Block 0 shares 2019, NATO and 12, and Paris by its skeleton.
        assert_eq!(en.anchors(0).len(), 4);
        let shared = |half: std::ops::Range<usize>| {
            let (a, b) = (en.signature(0, 1).unwrap(), fa.signature(0, 1).unwrap());
            half.map(|k| (a[k] & b[k]).count_ones()).sum::<u32>()
        };
        assert_eq!((shared(0..4), shared(4..8)), (3, 1));
        assert_eq!(en.signature(1, 2), Some(signature_of(&[])));
        // Spans join their blocks' bits.
        assert_eq!(en.signature(0, 2), en.signature(0, 1));
    }
}
