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

use crate::check::{CheckConfig, Checker, Duplicates, Elsewhere, Prepared, Verdict};
use crate::html::html_text;
use crate::subtitles::cue_text;
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

/// Refuses a language code that cannot name columns and files: letters,
/// digits and `-` only (`en`, `fa`, `pt-BR`).
pub fn check_code(code: &str) -> Result<(), String> {
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "invalid language code {code:?}: use a code such as en, fa, de"
        ));
    }
    Ok(())
}

impl AlignJob {
    /// A job for `src_lang` → `tgt_lang`: a language bitext knows is
    /// segmented by its script's rules (Persian's for Arabic script,
    /// English's for the rest); an unknown code, or a text not written in
    /// its language's script, by the script of each paragraph. Line breaks
    /// are read from each text's layout ([`LineBreaks::Detect`]); the
    /// default aligner, word pass on.
    pub fn new(src_lang: &str, tgt_lang: &str) -> Self {
        let segmenter =
            |code: &str| Segmenter::for_language(Lang::from_code(code)).with_quotations_kept(false);
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
    /// Subtitles (SubRip, WebVTT, SubStation) are their cues' text ([`cue_text`]),
    /// whose line breaks are spaces, and a web page its text
    /// ([`html_text`]), one block a paragraph — unless the line breaks were
    /// set to something other than [`LineBreaks::Detect`].
    pub fn document(&self, text: &str, source: bool) -> Document {
        if self.presplit {
            return Document::presplit(text);
        }
        let segmenter = if source { self.src } else { self.tgt };
        match running_text(text, segmenter) {
            Some((converted, segmenter)) => {
                Document::segment(&converted, &segmenter.suited_to(&converted))
            }
            None => Document::segment(text, &segmenter.suited_to(text)),
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

/// The running text of subtitles (SubRip, WebVTT, SubStation: their cues'
/// text, [`cue_text`]) or a web page ([`html_text`]: one block a line),
/// and `segmenter` reading its line breaks as that text's kind needs (a
/// cue's line breaks are spaces, a page's lines paragraphs) where they
/// were left to [`LineBreaks::Detect`]; `None` for other text.
pub fn running_text(text: &str, segmenter: Segmenter) -> Option<(String, Segmenter)> {
    let (converted, breaks) = match cue_text(text) {
        Some(cues) => (cues, LineBreaks::Space),
        None => (html_text(text)?, LineBreaks::Sentence),
    };
    let segmenter = match segmenter.line_breaks() {
        LineBreaks::Detect => segmenter.with_line_breaks(breaks),
        _ => segmenter,
    };
    Some((converted, segmenter))
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

/// What the checker reads of one row of a stream.
#[derive(Clone, Debug)]
pub struct RowView<'a> {
    /// 1-based row number (in evidence).
    pub row: usize,
    /// Source text.
    pub src: &'a str,
    /// Target text.
    pub tgt: &'a str,
    /// The document: neighbours are judged within one.
    pub doc: Option<&'a str>,
    /// Why the row is ragged (its fields differ from the header's).
    pub ragged: Option<String>,
}

/// Rows read before the length model is fitted (and then checked with it)
/// when checking a stream.
pub const FIT_ROWS: usize = 50_000;
/// Rows prepared in parallel at a time after that.
const BATCH: usize = 8_192;

/// Checks a stream of rows of any size in bounded memory: the length model
/// is fitted on the first `fit_rows` rows (all of them with
/// `usize::MAX`), after which rows are prepared in parallel in batches
/// while the previous batch is judged, each row beside its neighbours in
/// the same document. `view` says what a row holds; `emit` gets each row
/// with its lengths and verdict, in order. Returns the fitted checker (its
/// model, for a summary), or the first error of `rows` or `emit`.
pub fn check_stream<T, E>(
    mut rows: impl Iterator<Item = Result<T, E>>,
    config: CheckConfig,
    fit_rows: usize,
    view: impl Fn(&T) -> RowView<'_> + Sync,
    mut emit: impl FnMut(T, (f64, f64), Verdict) -> Result<(), E>,
) -> Result<Checker, E>
where
    T: Send + Sync,
    E: Send,
{
    let mut take = |n: usize| -> Result<Vec<T>, E> {
        let mut batch = Vec::new();
        while batch.len() < n {
            match rows.next() {
                Some(row) => batch.push(row?),
                None => break,
            }
        }
        Ok(batch)
    };
    let mut checker = Checker::new(config);
    // The rows the model is fitted on, prepared a batch at a time while
    // the next batch is read.
    let mut first = Vec::new();
    let mut batch = take(BATCH.min(fit_rows))?;
    while !batch.is_empty() {
        let wanted = BATCH.min(fit_rows - first.len() - batch.len());
        let mut prepared = Vec::new();
        let next = rayon::in_place_scope(|scope| {
            scope.spawn(|_| prepared = prepare(&checker, &view, batch));
            take(wanted)
        })?;
        first.extend(prepared);
        batch = next;
    }
    checker.learn(first.iter().map(|(_, p)| p));
    score(&checker, &first);
    // Targets that belong to another row: within the batch, and against
    // the rows before it.
    let mut elsewhere = Elsewhere::default();
    let mut mark = |checker: &Checker, batch: &[(T, Prepared)]| {
        elsewhere.mark(checker, &batch.iter().map(|(_, p)| p).collect::<Vec<_>>());
    };
    mark(&checker, &first);
    let with_doc = |(row, prepared): (T, Prepared)| {
        let doc = view(&row).doc.map(str::to_string);
        (row, doc, prepared)
    };
    let mut ready: Vec<Judged<T>> = first.into_iter().map(with_doc).collect();
    // The last row emitted (the row before `ready`'s first), and the pairs
    // emitted so far.
    let mut before: Option<(Option<String>, Prepared)> = None;
    let mut duplicates = Duplicates::default();
    loop {
        let batch = take(BATCH)?;
        // A batch's last row is judged with the next batch, once its next
        // neighbour is known.
        let held = if batch.is_empty() { None } else { ready.pop() };
        let verdicts = assess(&checker, before.as_ref(), &ready, held.as_ref());
        let mut next = Vec::new();
        // Each row the next one emitted replaces as the row before.
        let mut spent = Vec::with_capacity(ready.len());
        // `emit` need not be Send: emit here, prepare on the pool.
        let emitted = rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = prepare_scored(&checker, &view, batch));
            for ((row, doc, this), mut verdict) in ready.drain(..).zip(verdicts) {
                duplicates.mark(&this, &mut verdict);
                emit(row, this.lengths(), verdict)?;
                spent.extend(before.replace((doc, this)));
            }
            Ok(())
        });
        emitted?;
        // Freeing a batch's facts (many small allocations) takes as long
        // as writing its rows: the pool does it, not the writing thread.
        rayon::spawn(move || drop(spent));
        if let (Some((_, _, last)), Some((_, first))) = (&held, next.first()) {
            checker.score_neighbours(last, first);
        }
        mark(&checker, &next);
        ready = held
            .into_iter()
            .chain(next.into_iter().map(with_doc))
            .collect();
        if ready.is_empty() {
            break;
        }
    }
    Ok(checker)
}

/// A row, its document, and its facts.
type Judged<T> = (T, Option<String>, Prepared);

/// The verdicts on `rows` (but for duplicates), in parallel: each row is
/// judged beside its neighbours in the same document, `before` the row
/// before the first and `after` the row after the last.
fn assess<T: Sync>(
    checker: &Checker,
    before: Option<&(Option<String>, Prepared)>,
    rows: &[Judged<T>],
    after: Option<&Judged<T>>,
) -> Vec<Verdict> {
    let at = |i: usize| -> Option<(&Option<String>, &Prepared)> {
        if i == 0 {
            before.map(|(doc, p)| (doc, p))
        } else if i <= rows.len() {
            rows.get(i - 1).map(|(_, doc, p)| (doc, p))
        } else {
            after.map(|(_, doc, p)| (doc, p))
        }
    };
    (1..=rows.len())
        .into_par_iter()
        .map(|i| {
            let (doc, this) = at(i).expect("a row of the batch");
            let beside = |j: usize| at(j).filter(|(d, _)| *d == doc).map(|(_, p)| p);
            checker.assess(beside(i - 1), this, beside(i + 1))
        })
        .collect()
}

/// Prepares a batch in parallel (the costly part: language detection).
fn prepare<T: Send + Sync>(
    checker: &Checker,
    view: &(impl Fn(&T) -> RowView<'_> + Sync),
    rows: Vec<T>,
) -> Vec<(T, Prepared)> {
    rows.into_par_iter()
        .map(|row| {
            let v = view(&row);
            let mut prepared = checker.prepare(v.row, v.src, v.tgt);
            if let Some(reason) = v.ragged {
                prepared.set_ragged(reason);
            }
            (row, prepared)
        })
        .collect()
}

fn prepare_scored<T: Send + Sync>(
    checker: &Checker,
    view: &(impl Fn(&T) -> RowView<'_> + Sync),
    rows: Vec<T>,
) -> Vec<(T, Prepared)> {
    let batch = prepare(checker, view, rows);
    score(checker, &batch);
    batch
}

/// Scores a batch's pairs and neighbouring pairs in parallel (the pair
/// across two batches is scored when judged).
fn score<T: Send + Sync>(checker: &Checker, batch: &[(T, Prepared)]) {
    batch.par_iter().for_each(|(_, p)| checker.score(p));
    batch
        .par_windows(2)
        .for_each(|w| checker.score_neighbours(&w[0].1, &w[1].1));
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
/// its neighbours in the same document ([`check_stream`] over all rows).
pub fn check_rows(rows: &[Row], config: CheckConfig) -> Checked {
    let mut verdicts = Vec::with_capacity(rows.len());
    let mut lengths = Vec::with_capacity(rows.len());
    let result: Result<Checker, std::convert::Infallible> = check_stream(
        rows.iter().enumerate().map(Ok),
        config,
        usize::MAX,
        |&(i, row): &(usize, &Row)| RowView {
            row: i + 1,
            src: &row.src_text,
            tgt: &row.tgt_text,
            doc: row.doc,
            ragged: None,
        },
        |_, l, verdict| {
            lengths.push(l);
            verdicts.push(verdict);
            Ok(())
        },
    );
    let Ok(checker) = result;
    Checked {
        verdicts,
        lengths,
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
    fn a_stream_emits_every_row_once_in_order_and_finds_duplicates_across_batches() {
        let texts = [
            ("The river rose.", "رودخانه بالا آمد."),
            ("The town was quiet.", "شهر آرام بود."),
            ("The river rose.", "رودخانه بالا آمد."),
            ("Nobody came.", "کسی نیامد."),
            ("Nobody came.", "کسی نیامد."),
            ("The town was quiet.", "شهر آرام بود."),
        ];
        let rows: Vec<(usize, &str, &str)> = texts
            .iter()
            .enumerate()
            .map(|(i, &(s, t))| (i + 1, s, t))
            .collect();
        // Two rows fit the model; the rest come as a second batch, the
        // first batch's last row held back until they are prepared.
        let mut emitted = Vec::new();
        let result: Result<Checker, std::convert::Infallible> = check_stream(
            rows.iter().map(Ok),
            CheckConfig::new("en", "fa"),
            2,
            |&&(row, src, tgt): &&(usize, &str, &str)| RowView {
                row,
                src,
                tgt,
                doc: None,
                ragged: None,
            },
            |&(row, _, _), _, verdict| {
                emitted.push((row, verdict.evidence()));
                Ok(())
            },
        );
        assert!(result.is_ok());
        let order: Vec<usize> = emitted.iter().map(|(row, _)| *row).collect();
        assert_eq!(order, [1, 2, 3, 4, 5, 6]);
        let same_as = |row: usize| emitted[row - 1].1.contains("same as row");
        assert!(!same_as(1) && !same_as(2) && !same_as(4));
        for (row, first) in [(3, 1), (5, 4), (6, 2)] {
            assert!(
                emitted[row - 1].1.contains(&format!("same as row {first}")),
                "row {row}: {}",
                emitted[row - 1].1
            );
        }
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
