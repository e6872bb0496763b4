//! Aligning and checking a set of documents: the one entry point the CLI,
//! the examples and the Python bindings share.
//!
//! An [`AlignJob`] says how to read and align (languages, whether the
//! texts are already split, the aligner); [`AlignJob::align`] aligns every
//! document of a run together, so one word table is learned from all of
//! them, and returns [`AlignedDoc`]s whose [`AlignedDoc::rows`] are what
//! every output format writes. [`check_rows`] judges such rows, each
//! beside its neighbours in the same document.
//!
//! ```
//! use bitext::corpus::AlignJob;
//!
//! let job = AlignJob::new("en", "fa");
//! let docs = job.align(vec![job.pair(None, "Hello there. How are you?", "سلام. حالت چطور است؟")]);
//! let rows = docs.docs[0].rows();
//! assert_eq!(rows.len(), 2);
//! assert_eq!(rows[1].tgt_text, "حالت چطور است؟");
//! ```

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::{CheckConfig, Checker, Verdict};
use crate::write::Row;
use crate::{Aligner, Bead, Document, Lang, Lexicon, LineBreaks, Segmenter};

/// How to read and align the documents of one run.
#[derive(Clone, Debug)]
pub struct AlignJob {
    src: Segmenter,
    tgt: Segmenter,
    presplit: bool,
    aligner: Aligner,
}

/// One document pair, read (segmented) and ready to align.
#[derive(Clone, Debug, Default)]
pub struct DocPair {
    /// The document's name in a run of several (the `doc` column).
    pub name: Option<String>,
    /// The source side.
    pub src: Document,
    /// The target side.
    pub tgt: Document,
}

/// One aligned document.
#[derive(Clone, Debug, Default)]
pub struct AlignedDoc {
    /// The document's name in a run of several.
    pub name: Option<String>,
    /// The source side.
    pub src: Document,
    /// The target side.
    pub tgt: Document,
    /// Every sentence of both sides in exactly one bead, in order.
    pub beads: Vec<Bead>,
}

/// The documents of a run, aligned, and the word table used.
#[derive(Clone, Debug, Default)]
pub struct AlignedSet {
    /// The documents, in the order given.
    pub docs: Vec<AlignedDoc>,
    /// The word-translation table learned from all of them (or given);
    /// `None` with the word pass off.
    pub lexicon: Option<Arc<Lexicon>>,
}

impl AlignJob {
    /// A job for `src_lang` → `tgt_lang`: `en` and `fa` have their own
    /// segmentation rules; any other code is segmented by the script of
    /// each paragraph. Single line breaks end sentences; the default
    /// aligner, word pass on.
    pub fn new(src_lang: &str, tgt_lang: &str) -> Self {
        let segmenter = |code: &str| {
            Segmenter::new(code.parse::<Lang>().unwrap_or(Lang::Auto)).with_quotations_kept(false)
        };
        AlignJob {
            src: segmenter(src_lang),
            tgt: segmenter(tgt_lang),
            presplit: false,
            aligner: Aligner::default(),
        }
    }

    /// The texts are already split: one sentence per line.
    pub fn with_presplit(mut self, presplit: bool) -> Self {
        self.presplit = presplit;
        self
    }

    /// How single line breaks are read when segmenting.
    pub fn with_line_breaks(mut self, line_breaks: LineBreaks) -> Self {
        self.src = self.src.with_line_breaks(line_breaks);
        self.tgt = self.tgt.with_line_breaks(line_breaks);
        self
    }

    /// Aligns with `aligner` (lexical evidence, a lexicon, a dictionary).
    pub fn with_aligner(mut self, aligner: Aligner) -> Self {
        self.aligner = aligner;
        self
    }

    /// The aligner.
    pub fn aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// One side's text as a document: segmented, or one sentence per line.
    pub fn document(&self, text: &str, source: bool) -> Document {
        if self.presplit {
            Document::presplit(text)
        } else {
            Document::segment(text, if source { &self.src } else { &self.tgt })
        }
    }

    /// Both sides of a document, read.
    pub fn pair(&self, name: Option<&str>, src: &str, tgt: &str) -> DocPair {
        DocPair {
            name: name.map(str::to_string),
            src: self.document(src, true),
            tgt: self.document(tgt, false),
        }
    }

    /// Aligns the documents of one run together: one word table is learned
    /// from all of them (unless the aligner was given one), and pairs are
    /// aligned in parallel. The same documents give the same beads with any
    /// number of threads.
    pub fn align(&self, pairs: Vec<DocPair>) -> AlignedSet {
        let refs: Vec<(&Document, &Document)> = pairs.iter().map(|p| (&p.src, &p.tgt)).collect();
        let (beads, lexicon) = self.aligner.align_all(&refs);
        let docs = pairs
            .into_iter()
            .zip(beads)
            .map(|(pair, beads)| AlignedDoc {
                name: pair.name,
                src: pair.src,
                tgt: pair.tgt,
                beads,
            })
            .collect();
        AlignedSet { docs, lexicon }
    }
}

impl AlignedDoc {
    /// One row per bead: its texts (sentences joined by a space), 0-based
    /// sentence ids, and score.
    pub fn rows(&self) -> Vec<Row<'_>> {
        self.beads
            .iter()
            .map(|bead| Row {
                doc: self.name.as_deref(),
                src_text: self.src.sentences[bead.src.clone()].join(" "),
                tgt_text: self.tgt.sentences[bead.tgt.clone()].join(" "),
                src_ids: bead.src.clone().collect(),
                tgt_ids: bead.tgt.clone().collect(),
                score: bead.score,
                check: None,
            })
            .collect()
    }

    /// Runs of at least `min` consecutive beads that leave sentences of
    /// one side alone: whether they are source sentences, and their range
    /// (a passage one side lacks).
    pub fn missing_passages(&self, min: usize) -> Vec<(bool, Range<usize>)> {
        let mut runs: Vec<(bool, Range<usize>)> = Vec::new();
        let mut open: Option<(bool, Range<usize>)> = None;
        for bead in &self.beads {
            let alone = match (bead.src.is_empty(), bead.tgt.is_empty()) {
                (false, true) => Some((true, bead.src.clone())),
                (true, false) => Some((false, bead.tgt.clone())),
                _ => None,
            };
            open = match (open, alone) {
                (Some((side, run)), Some((s, next))) if side == s && run.end == next.start => {
                    Some((side, run.start..next.end))
                }
                (previous, next) => {
                    runs.extend(previous.filter(|(_, run)| run.len() >= min));
                    next
                }
            };
        }
        runs.extend(open.filter(|(_, run)| run.len() >= min));
        runs
    }
}

/// The verdicts on a set of rows, and what they were judged with.
#[derive(Debug)]
pub struct Checked {
    /// One verdict per row, in order.
    pub verdicts: Vec<Verdict>,
    /// The (source, target) lengths of each row the length model saw.
    pub lengths: Vec<(f64, f64)>,
    /// The checker, fitted on these rows (its model, for a summary).
    pub checker: Checker,
}

/// Judges `rows` (from [`AlignedDoc::rows`], or any pairs of texts): the
/// length model is fitted on all of them, and each row is judged beside
/// its neighbours in the same document.
pub fn check_rows(rows: &[Row], config: CheckConfig) -> Checked {
    let checker = Checker::new(config);
    let prepared: Vec<_> = rows
        .par_iter()
        .enumerate()
        .map(|(i, row)| checker.prepare(i + 1, &row.src_text, &row.tgt_text))
        .collect();
    let mut checker = checker;
    checker.learn(prepared.iter());
    checker.score_all(&prepared);
    let verdicts = (0..rows.len())
        .map(|i| {
            let same_doc = |j: usize| rows[j].doc == rows[i].doc;
            let prev = i
                .checked_sub(1)
                .filter(|&j| same_doc(j))
                .map(|j| &prepared[j]);
            let next = Some(i + 1)
                .filter(|&j| j < rows.len() && same_doc(j))
                .map(|j| &prepared[j]);
            checker.judge(prev, &prepared[i], next)
        })
        .collect();
    Checked {
        verdicts,
        lengths: prepared.iter().map(|p| p.lengths()).collect(),
        checker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>) -> Bead {
        Bead {
            src,
            tgt,
            score: 0.5,
        }
    }

    #[test]
    fn missing_passages_are_runs_of_one_side_alone() {
        let mut beads = vec![bead(0..1, 0..1)];
        beads.extend((1..6).map(|i| bead(i..i + 1, 1..1)));
        beads.push(bead(6..7, 1..2));
        // Two target sentences alone, then three more after a pair: two
        // short runs, not one long one.
        beads.extend((2..4).map(|j| bead(7..7, j..j + 1)));
        beads.push(bead(7..8, 4..5));
        beads.extend((5..8).map(|j| bead(8..8, j..j + 1)));
        let doc = AlignedDoc {
            beads,
            ..AlignedDoc::default()
        };
        assert_eq!(doc.missing_passages(5), vec![(true, 1..6)]);
        assert_eq!(
            doc.missing_passages(2),
            vec![(true, 1..6), (false, 2..4), (false, 5..8)]
        );
    }

    #[test]
    fn neighbours_are_judged_within_one_document() {
        let job = AlignJob::new("en", "fa");
        let set = job.align(vec![
            job.pair(Some("a"), "One. Two.", "یک. دو."),
            job.pair(Some("b"), "Three.", "سه."),
        ]);
        let rows: Vec<Row> = set.docs.iter().flat_map(|d| d.rows()).collect();
        let checked = check_rows(&rows, CheckConfig::new("en", "fa"));
        assert_eq!(checked.verdicts.len(), rows.len());
        assert_eq!(checked.lengths.len(), rows.len());
    }
}
