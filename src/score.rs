//! Scoring alignments against gold: strict and lax precision, recall and
//! F1, exactly as `shared/tools/score_align.py` (the metric of the Vecalign
//! and Bertalign papers on Text+Berg) defines them.
//!
//! Beads are `(source indices, target indices)`. A gold CSV of texts (like
//! `pairs/*/gold.csv`) is scored by cutting both sides into the smallest
//! pieces any bead boundary of gold or test makes, so sentences never need
//! to be numbered.

use std::collections::{BTreeSet, HashMap};

use crate::error::{Error, ErrorKind};

/// A bead as sentence indices on each side.
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// Counts for one pass: strict TP, strict FP, lax TP, lax FP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([usize; 4]);

impl Counts {
    fn add(&mut self, other: Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

/// Precision and recall counts summed over documents (micro average).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    precision: Counts,
    recall: Counts,
}

/// Strict and lax precision, recall and F1.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Strict precision.
    pub precision_strict: f64,
    /// Strict recall.
    pub recall_strict: f64,
    /// Strict F1.
    pub f1_strict: f64,
    /// Lax precision.
    pub precision_lax: f64,
    /// Lax recall.
    pub recall_lax: f64,
    /// Lax F1.
    pub f1_lax: f64,
}

impl Tally {
    /// Adds one document pair.
    pub fn add(&mut self, gold: &[IndexBead], test: &[IndexBead]) {
        self.precision.add(count_matches(gold, test));
        self.recall
            .add(count_matches(&no_null(test), &no_null(gold)));
    }

    /// The scores so far.
    pub fn scores(&self) -> Scores {
        let [p, r] = [self.precision.0, self.recall.0];
        let ps = ratio(p[0], p[0] + p[1]);
        let pl = ratio(p[2], p[2] + p[3]);
        let rs = ratio(r[0], r[0] + r[1]);
        let rl = ratio(r[2], r[2] + r[3]);
        Scores {
            precision_strict: ps,
            recall_strict: rs,
            f1_strict: f1(ps, rs),
            precision_lax: pl,
            recall_lax: rl,
            f1_lax: f1(pl, rl),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn bead_set(beads: &[IndexBead]) -> BTreeSet<IndexBead> {
    beads
        .iter()
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .cloned()
        .collect()
}

fn no_null(beads: &[IndexBead]) -> Vec<IndexBead> {
    beads
        .iter()
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .cloned()
        .collect()
}

/// Strict and lax matches of `hypothesis` beads against `reference` beads.
fn count_matches(reference: &[IndexBead], hypothesis: &[IndexBead]) -> Counts {
    let reference = bead_set(reference);
    let mut linked: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for (src, tgt) in &reference {
        for &s in src {
            linked.entry(s).or_default().extend(tgt.iter().copied());
        }
    }
    let mut counts = [0; 4];
    for bead in bead_set(hypothesis) {
        if reference.contains(&bead) {
            counts[0] += 1;
            counts[2] += 1;
            continue;
        }
        counts[1] += 1;
        let (src, tgt) = &bead;
        let lax = src
            .iter()
            .filter_map(|s| linked.get(s))
            .any(|reachable| tgt.iter().any(|t| reachable.contains(t)));
        counts[if lax { 2 } else { 3 }] += 1;
    }
    Counts(counts)
}

/// Parses bead lines: `[0]:[0]`, `[9, 10]:[9]`, `[]:[15]`, `[3]:[3]:0.12`.
pub fn parse_beads(text: &str) -> Result<Vec<IndexBead>, Error> {
    let mut beads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // Blank lines, and `# NAME` lines that open each document of a
        // folder run's output.
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let bead = parse_bead(line).ok_or_else(|| {
            Error::new(ErrorKind::Format {
                line: n + 1,
                message: format!("not an alignment line: {line:?}"),
            })
        })?;
        beads.push(bead);
    }
    Ok(beads)
}

fn parse_bead(line: &str) -> Option<IndexBead> {
    let line = line.trim();
    let rest = line.strip_prefix('[')?;
    let (src, rest) = rest.split_once(']')?;
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('[')?;
    let (tgt, rest) = rest.split_once(']')?;
    let rest = rest.trim();
    if !(rest.is_empty() || rest.starts_with(':')) {
        return None;
    }
    Some((parse_side(src)?, parse_side(tgt)?))
}

fn parse_side(text: &str) -> Option<Vec<usize>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|n| n.trim().parse().ok()).collect()
}

/// Gold and test beads given as texts (one cell per side per bead), turned
/// into index beads over the smallest pieces both cut the texts into.
/// Fails if the two do not hold the same text (whitespace aside).
pub fn text_beads(
    gold: &[(String, String)],
    test: &[(String, String)],
) -> Result<(Vec<IndexBead>, Vec<IndexBead>), Error> {
    let mut sides = [(Vec::new(), Vec::new()), (Vec::new(), Vec::new())];
    for (side, slot) in sides.iter_mut().enumerate() {
        let cells = |rows: &[(String, String)]| -> Vec<String> {
            rows.iter()
                .map(|(s, t)| if side == 0 { s.clone() } else { t.clone() })
                .collect()
        };
        let (gold_spans, gold_text) = spans(&cells(gold));
        let (test_spans, test_text) = spans(&cells(test));
        if gold_text != test_text {
            let at = gold_text
                .chars()
                .zip(test_text.chars())
                .take_while(|(a, b)| a == b)
                .count();
            return Err(Error::new(ErrorKind::Format {
                line: 0,
                message: format!(
                    "gold and test hold different {} texts (first difference at non-space character {at})",
                    if side == 0 { "source" } else { "target" }
                ),
            }));
        }
        let cuts: BTreeSet<usize> = gold_spans
            .iter()
            .chain(&test_spans)
            .flat_map(|&(a, b)| [a, b])
            .collect();
        let cuts: Vec<usize> = cuts.into_iter().collect();
        let pieces = |(a, b): (usize, usize)| -> Vec<usize> {
            let first = cuts.partition_point(|&c| c < a);
            let last = cuts.partition_point(|&c| c < b);
            (first..last).collect()
        };
        *slot = (
            gold_spans.iter().map(|&s| pieces(s)).collect(),
            test_spans.iter().map(|&s| pieces(s)).collect(),
        );
    }
    let [(gs, ts), (gt, tt)] = sides;
    let zip = |a: Vec<Vec<usize>>, b: Vec<Vec<usize>>| a.into_iter().zip(b).collect::<Vec<_>>();
    Ok((zip(gs, gt), zip(ts, tt)))
}

/// Each cell's span in the concatenated text without whitespace.
fn spans(cells: &[String]) -> (Vec<(usize, usize)>, String) {
    let mut text = String::new();
    let mut at = 0;
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        let start = at;
        for c in cell.chars().filter(|c| !c.is_whitespace()) {
            text.push(c);
            at += 1;
        }
        out.push((start, at));
    }
    (out, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(text: &str) -> Vec<IndexBead> {
        parse_beads(text).unwrap()
    }

    #[test]
    fn parses_every_bead_form() {
        assert_eq!(
            beads("[0]:[0]\n[9, 10]:[9]\n[]:[15]\n[4]:[]:0.5\n"),
            vec![
                (vec![0], vec![0]),
                (vec![9, 10], vec![9]),
                (vec![], vec![15]),
                (vec![4], vec![])
            ]
        );
        assert!(parse_beads("[0]-[0]").is_err());
    }

    #[test]
    fn perfect_alignment_scores_one() {
        let gold = beads("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n");
        let mut tally = Tally::default();
        tally.add(&gold, &gold);
        let s = tally.scores();
        assert_eq!((s.f1_strict, s.f1_lax), (1.0, 1.0));
    }

    #[test]
    fn a_split_bead_is_lax_but_not_strict() {
        let gold = beads("[0, 1]:[0]\n");
        let test = beads("[0]:[0]\n[1]:[]\n");
        let mut tally = Tally::default();
        tally.add(&gold, &test);
        let s = tally.scores();
        // Precision: test [0]:[0] is lax; [1]:[] is a null bead, no match.
        assert_eq!((s.precision_strict, s.precision_lax), (0.0, 0.5));
        // Recall: gold [0,1]:[0] reaches test [0]:[0].
        assert_eq!((s.recall_strict, s.recall_lax), (0.0, 1.0));
    }

    #[test]
    fn text_beads_cut_texts_into_shared_pieces() {
        let row = |s: &str, t: &str| (s.to_string(), t.to_string());
        let gold = vec![row("A. B.", "x"), row("C.", "")];
        let test = vec![row("A.", "x"), row("B. C.", "")];
        let (g, t) = text_beads(&gold, &test).unwrap();
        assert_eq!(g, vec![(vec![0, 1], vec![0]), (vec![2], vec![])]);
        assert_eq!(t, vec![(vec![0], vec![0]), (vec![1, 2], vec![])]);
        assert!(text_beads(&gold, &[row("A. B. D.", "x")]).is_err());
    }
}
