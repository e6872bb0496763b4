//! The corpus a person reviews, as a pure model: the edits a reviewer makes
//! (merge, split, move a sentence across rows, insert or delete an empty
//! cell, edit a text, mark a row reviewed) with undo and redo.
//!
//! Each side is kept as its sequence of sentences, and each row as how many
//! sentences of each side it holds, in order. A structural edit changes
//! only those counts, so no edit can lose, duplicate or reorder a
//! sentence: the sentences of a side, read row by row, are always the
//! side's sentences in their order. Splitting a sentence at the cursor
//! cuts one sentence in two (its text, read on, unchanged); editing a text
//! is the one edit that changes text. Every edit is recorded as the rows
//! (and sentences) it replaced, so undo restores the model exactly.
//!
//! ```
//! use bitext::review::{Review, Side};
//!
//! let mut review = Review::new(
//!     vec!["One.".into(), "Two.".into()],
//!     vec!["یک.".into(), "دو.".into()],
//!     &[(1, 1), (1, 1)],
//! )
//! .unwrap();
//! review.merge_next(0, Side::Src).unwrap();   // both English sentences in row 1
//! assert_eq!(review.cells(0), (vec!["One.", "Two."], vec!["یک."]));
//! review.undo();
//! assert_eq!(review.cells(0), (vec!["One."], vec!["یک."]));
//! ```

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use crate::write::{self, Format, Layout};

pub mod journal;
pub mod session;

/// Scores of the rows as loaded, by their sentence ranges: a row the
/// review leaves as it was keeps its score; one a person made scores 1.
pub type Scores = HashMap<(Range<usize>, Range<usize>), f64>;

/// A side of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The source language's side.
    Src,
    /// The target language's side.
    Tgt,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Side::Src => 0,
            Side::Tgt => 1,
        }
    }
}

/// One row: how many sentences of each side it holds, and whether a
/// person marked it reviewed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowShape {
    /// Sentences of the source and of the target side.
    pub counts: [usize; 2],
    /// Marked reviewed.
    pub reviewed: bool,
}

/// Why an edit cannot be made (the model is unchanged).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// One recorded edit: rows `at..at + before.len()` were replaced by
/// `after`, and, for a text edit or a split sentence, one side's sentences
/// `sentences.at..` likewise.
#[derive(Clone, Debug)]
struct Change {
    at: usize,
    before: Vec<RowShape>,
    after: Vec<RowShape>,
    text: Option<TextChange>,
}

#[derive(Clone, Debug)]
struct TextChange {
    side: usize,
    at: usize,
    before: Vec<String>,
    after: Vec<String>,
}

/// A corpus under review.
#[derive(Clone, Debug)]
pub struct Review {
    /// Shared, copied on write: a [`Review::snapshot`] to save costs the
    /// rows only, and a text edit copies a side only while a save still
    /// reads the old one.
    sentences: [Arc<Vec<String>>; 2],
    rows: Vec<RowShape>,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

fn refuse<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

impl Review {
    /// A review of the two sides' sentences, grouped into rows of
    /// `(source count, target count)`. The counts must add up to each
    /// side's sentences.
    pub fn new(
        src: Vec<String>,
        tgt: Vec<String>,
        rows: &[(usize, usize)],
    ) -> Result<Self, EditError> {
        let sums = rows.iter().fold((0, 0), |(a, b), &(s, t)| (a + s, b + t));
        if sums != (src.len(), tgt.len()) {
            return refuse(format!(
                "the rows hold {} and {} sentences, the sides have {} and {}",
                sums.0,
                sums.1,
                src.len(),
                tgt.len()
            ));
        }
        Ok(Review {
            sentences: [Arc::new(src), Arc::new(tgt)],
            rows: rows
                .iter()
                .map(|&(s, t)| RowShape {
                    counts: [s, t],
                    reviewed: false,
                })
                .collect(),
            undo: Vec::new(),
            redo: Vec::new(),
        })
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rows' shapes.
    pub fn rows(&self) -> &[RowShape] {
        &self.rows
    }

    /// A side's sentences, in order.
    pub fn sentences(&self, side: Side) -> &[String] {
        &self.sentences[side.index()]
    }

    /// The 0-based sentence indices of each side in `row`.
    pub fn ranges(&self, row: usize) -> (Range<usize>, Range<usize>) {
        let mut start = [0usize; 2];
        for r in &self.rows[..row] {
            start[0] += r.counts[0];
            start[1] += r.counts[1];
        }
        let counts = self.rows[row].counts;
        (
            start[0]..start[0] + counts[0],
            start[1]..start[1] + counts[1],
        )
    }

    /// Every row's sentence ranges, in order (what a saved corpus's
    /// `en_ids`/`fa_ids` are, 0-based).
    pub fn beads(&self) -> Vec<(Range<usize>, Range<usize>)> {
        let mut start = [0usize; 2];
        self.rows
            .iter()
            .map(|shape| {
                let ranges = (
                    start[0]..start[0] + shape.counts[0],
                    start[1]..start[1] + shape.counts[1],
                );
                start[0] += shape.counts[0];
                start[1] += shape.counts[1];
                ranges
            })
            .collect()
    }

    /// The sentences of each side in `row`.
    pub fn cells(&self, row: usize) -> (Vec<&str>, Vec<&str>) {
        let (s, t) = self.ranges(row);
        let texts = |side: usize, range: Range<usize>| {
            self.sentences[side][range]
                .iter()
                .map(String::as_str)
                .collect()
        };
        (texts(0, s), texts(1, t))
    }

    fn row(&self, row: usize) -> Result<RowShape, EditError> {
        match self.rows.get(row) {
            Some(shape) => Ok(*shape),
            None => refuse(format!(
                "no row {} (there are {})",
                row + 1,
                self.rows.len()
            )),
        }
    }

    /// Records and applies a change of rows `at..at + n` to `after`. A row
    /// left holding no sentence goes (it holds nothing, so nothing moves).
    fn apply_rows(&mut self, at: usize, n: usize, mut after: Vec<RowShape>) {
        after.retain(|shape| shape.counts != [0, 0]);
        let change = Change {
            at,
            before: self.rows[at..at + n].to_vec(),
            after,
            text: None,
        };
        self.commit(change);
    }

    fn commit(&mut self, change: Change) {
        self.apply(&change, true);
        self.undo.push(change);
        self.redo.clear();
    }

    /// Puts a change's `after` in place of its `before` (rows, and
    /// sentences for a text change), or, undoing, the other way round.
    fn apply(&mut self, change: &Change, forward: bool) {
        let (old, new) = match forward {
            true => (&change.before, &change.after),
            false => (&change.after, &change.before),
        };
        replace(&mut self.rows, change.at, old.len(), new);
        if let Some(text) = &change.text {
            let (old, new) = match forward {
                true => (&text.before, &text.after),
                false => (&text.after, &text.before),
            };
            replace(
                Arc::make_mut(&mut self.sentences[text.side]),
                text.at,
                old.len(),
                new,
            );
        }
    }

    /// Moves every sentence of `side` in the row after `row` into `row`;
    /// the next row goes if it is left empty.
    pub fn merge_next(&mut self, row: usize, side: Side) -> Result<(), EditError> {
        let (a, b) = (self.row(row)?, self.row(row + 1)?);
        let k = side.index();
        if b.counts[k] == 0 {
            return refuse(format!("row {} has no {side:?} sentence to merge", row + 2));
        }
        let mut a2 = a;
        a2.counts[k] += b.counts[k];
        let mut b2 = b;
        b2.counts[k] = 0;
        let after = if b2.counts == [0, 0] {
            vec![a2]
        } else {
            vec![a2, b2]
        };
        self.apply_rows(row, 2, after);
        Ok(())
    }

    /// Splits `row` after its first `at` sentences of `side`: the rest of
    /// that side goes to a new row below, whose other side is empty.
    pub fn split_row(&mut self, row: usize, side: Side, at: usize) -> Result<(), EditError> {
        let a = self.row(row)?;
        let k = side.index();
        if at == 0 || at >= a.counts[k] {
            return refuse(format!(
                "row {} has {} {side:?} sentences: split after 1 to {}",
                row + 1,
                a.counts[k],
                a.counts[k].saturating_sub(1)
            ));
        }
        let mut first = a;
        first.counts[k] = at;
        let mut second = RowShape::default();
        second.counts[k] = a.counts[k] - at;
        self.apply_rows(row, 1, vec![first, second]);
        Ok(())
    }

    /// Cuts sentence `index` of `side` in two at byte `offset` (the
    /// cursor): the row holding it holds one sentence more.
    pub fn split_sentence(
        &mut self,
        side: Side,
        index: usize,
        offset: usize,
    ) -> Result<(), EditError> {
        let k = side.index();
        let Some(text) = self.sentences[k].get(index) else {
            return refuse(format!("no {side:?} sentence {}", index + 1));
        };
        if offset == 0 || offset >= text.len() || !text.is_char_boundary(offset) {
            return refuse(format!(
                "cannot cut a sentence of {} bytes at byte {offset}",
                text.len()
            ));
        }
        let row = self.row_of(k, index);
        let mut shape = self.rows[row];
        shape.counts[k] += 1;
        let (head, tail) = text.split_at(offset);
        let change = Change {
            at: row,
            before: vec![self.rows[row]],
            after: vec![shape],
            text: Some(TextChange {
                side: k,
                at: index,
                before: vec![text.clone()],
                after: vec![head.to_string(), tail.to_string()],
            }),
        };
        self.commit(change);
        Ok(())
    }

    /// The row holding sentence `index` of side `k`.
    fn row_of(&self, k: usize, index: usize) -> usize {
        let mut seen = 0;
        for (r, shape) in self.rows.iter().enumerate() {
            seen += shape.counts[k];
            if index < seen {
                return r;
            }
        }
        self.rows.len() - 1
    }

    /// Moves the first sentence of `side` in `row` to the end of the row
    /// above.
    pub fn move_first_up(&mut self, row: usize, side: Side) -> Result<(), EditError> {
        let k = side.index();
        if row == 0 {
            return refuse("the first row has no row above");
        }
        let (mut above, mut this) = (self.row(row - 1)?, self.row(row)?);
        if this.counts[k] == 0 {
            return refuse(format!("row {} has no {side:?} sentence", row + 1));
        }
        above.counts[k] += 1;
        this.counts[k] -= 1;
        let after = if this.counts == [0, 0] {
            vec![above]
        } else {
            vec![above, this]
        };
        self.apply_rows(row - 1, 2, after);
        Ok(())
    }

    /// Moves the last sentence of `side` in `row` to the start of the row
    /// below (a new row, if `row` is the last).
    pub fn move_last_down(&mut self, row: usize, side: Side) -> Result<(), EditError> {
        let k = side.index();
        let mut this = self.row(row)?;
        if this.counts[k] == 0 {
            return refuse(format!("row {} has no {side:?} sentence", row + 1));
        }
        let (n, mut below) = match self.rows.get(row + 1) {
            Some(&below) => (2, below),
            None => (1, RowShape::default()),
        };
        this.counts[k] -= 1;
        below.counts[k] += 1;
        let after = if this.counts == [0, 0] {
            vec![below]
        } else {
            vec![this, below]
        };
        self.apply_rows(row, n, after);
        Ok(())
    }

    /// Inserts an empty `side` cell at `row`: that side's cells from `row`
    /// on move down one row (a row is added at the end for the last).
    pub fn insert_empty(&mut self, row: usize, side: Side) -> Result<(), EditError> {
        self.row(row)?;
        let k = side.index();
        let mut after: Vec<RowShape> = self.rows[row..].to_vec();
        after.push(RowShape::default());
        for r in (1..after.len()).rev() {
            after[r].counts[k] = after[r - 1].counts[k];
        }
        after[0].counts[k] = 0;
        let n = self.rows.len() - row;
        self.apply_rows(row, n, after);
        Ok(())
    }

    /// Deletes the empty `side` cell at `row`: that side's cells below move
    /// up one row; a row left with nothing at the end goes.
    pub fn delete_empty(&mut self, row: usize, side: Side) -> Result<(), EditError> {
        let k = side.index();
        if self.row(row)?.counts[k] != 0 {
            return refuse(format!("the {side:?} cell of row {} is not empty", row + 1));
        }
        let mut after: Vec<RowShape> = self.rows[row..].to_vec();
        for r in 0..after.len() - 1 {
            after[r].counts[k] = after[r + 1].counts[k];
        }
        let last = after.len() - 1;
        after[last].counts[k] = 0;
        if after[last].counts == [0, 0] {
            after.pop();
        }
        let n = self.rows.len() - row;
        self.apply_rows(row, n, after);
        Ok(())
    }

    /// Replaces the text of sentence `index` of `side`.
    pub fn edit_text(&mut self, side: Side, index: usize, text: String) -> Result<(), EditError> {
        let k = side.index();
        let Some(old) = self.sentences[k].get(index) else {
            return refuse(format!("no {side:?} sentence {}", index + 1));
        };
        let row = self.row_of(k, index);
        let change = Change {
            at: row,
            before: vec![self.rows[row]],
            after: vec![self.rows[row]],
            text: Some(TextChange {
                side: k,
                at: index,
                before: vec![old.clone()],
                after: vec![text],
            }),
        };
        self.commit(change);
        Ok(())
    }

    /// Marks `row` reviewed (or not).
    pub fn mark_reviewed(&mut self, row: usize, reviewed: bool) -> Result<(), EditError> {
        let mut shape = self.row(row)?;
        shape.reviewed = reviewed;
        self.apply_rows(row, 1, vec![shape]);
        Ok(())
    }

    /// Undoes the last edit; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(change) = self.undo.pop() else {
            return false;
        };
        self.apply(&change, false);
        self.redo.push(change);
        true
    }

    /// Redoes the last undone edit; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(change) = self.redo.pop() else {
            return false;
        };
        let redo = std::mem::take(&mut self.redo);
        self.commit(change);
        self.redo = redo;
        true
    }
}

impl Review {
    /// A review of a corpus given as rows of cells, each cell its
    /// sentences (see [`split_cell`]).
    pub fn from_cells(cells: Vec<(Vec<String>, Vec<String>)>) -> Self {
        let mut sentences = [Vec::new(), Vec::new()];
        let mut rows = Vec::with_capacity(cells.len());
        for (src, tgt) in cells {
            if src.is_empty() && tgt.is_empty() {
                continue;
            }
            rows.push(RowShape {
                counts: [src.len(), tgt.len()],
                reviewed: false,
            });
            sentences[0].extend(src);
            sentences[1].extend(tgt);
        }
        Review {
            sentences: sentences.map(Arc::new),
            rows,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The corpus as it is now, without the history: what a save writes.
    /// Cheap: the sentences are shared.
    pub fn snapshot(&self) -> Review {
        Review {
            sentences: self.sentences.clone(),
            rows: self.rows.clone(),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// The rows as a corpus writes them: each side's sentences joined by
    /// `separator` (a space as `align` writes; a line break keeps where
    /// each sentence ends for the next load), their 0-based ids, a score
    /// of 1 (a person's alignment).
    pub fn export_rows(&self, separator: &str) -> Vec<crate::write::Row<'_>> {
        self.beads()
            .into_iter()
            .map(|(src, tgt)| crate::write::Row {
                doc: None,
                src_text: self.sentences[0][src.clone()].join(separator),
                tgt_text: self.sentences[1][tgt.clone()].join(separator),
                src_ids: src.collect(),
                tgt_ids: tgt.collect(),
                score: 1.0,
                check: None,
            })
            .collect()
    }
}

impl Review {
    /// Writes the corpus in `format` (two outputs for Moses): the columns
    /// `bitext align` writes for `langs`, each side's sentences joined by
    /// `separator`; rows left as they were keep their `scores`.
    pub fn write(
        &self,
        langs: (&str, &str),
        scores: &Scores,
        format: Format,
        separator: &str,
        outputs: Vec<Box<dyn Write + '_>>,
    ) -> io::Result<()> {
        let layout = Layout {
            src_lang: langs.0.to_string(),
            tgt_lang: langs.1.to_string(),
            with_doc: false,
            with_check: false,
        };
        let mut exporter =
            write::exporter(format, layout.schema(), write::Options::default(), outputs)?;
        for (mut row, bead) in self.export_rows(separator).into_iter().zip(self.beads()) {
            if let Some(score) = scores.get(&bead) {
                row.score = *score;
            }
            exporter.write(&row.record(&layout))?;
        }
        exporter.finish()
    }
}

/// A corpus cell back into its sentences: `count` is how many its ids say
/// it holds. Lines, when there are as many (how a review saves a cell);
/// else the cell is segmented; when that gives another number (the
/// sentences were split differently when aligned), the cell stays one
/// sentence, so no text is lost or moved.
pub fn split_cell(text: &str, count: usize, segmenter: &crate::Segmenter) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    if count > 1 && lines.len() == count && lines.iter().all(|l| !l.is_empty()) {
        return lines.into_iter().map(str::to_string).collect();
    }
    if count > 1 {
        let parts: Vec<String> = segmenter
            .sentences(text)
            .map(|s| s.text(text).to_string())
            .collect();
        if parts.len() == count && parts.join(" ") == text {
            return parts;
        }
    }
    vec![text.to_string()]
}

/// Replaces `items[at..at + n]` with `with`.
fn replace<T: Clone>(items: &mut Vec<T>, at: usize, n: usize, with: &[T]) {
    items.splice(at..at + n, with.iter().cloned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Review {
        let src = (1..=6).map(|i| format!("S{i}.")).collect();
        let tgt = (1..=5).map(|i| format!("T{i}.")).collect();
        Review::new(src, tgt, &[(1, 1), (2, 1), (1, 0), (1, 2), (1, 1)]).unwrap()
    }

    #[test]
    fn edits_move_sentences_between_rows() {
        // S1|T1, S2 S3|T2, S4|-, S5|T3 T4, S6|T5
        let mut r = sample();
        r.merge_next(2, Side::Tgt).unwrap();
        assert_eq!(r.cells(2), (vec!["S4."], vec!["T3.", "T4."]));
        assert_eq!(r.cells(3), (vec!["S5."], vec![]));
        assert!(
            r.merge_next(2, Side::Tgt).is_err(),
            "row 4 has no target left"
        );
        r.split_row(1, Side::Src, 1).unwrap();
        assert_eq!(r.cells(2), (vec!["S3."], vec![]));
        r.move_first_up(3, Side::Src).unwrap();
        assert_eq!(r.cells(2), (vec!["S3.", "S4."], vec![]));
        assert_eq!(r.cells(3), (vec![], vec!["T3.", "T4."]));
        r.insert_empty(0, Side::Tgt).unwrap();
        assert_eq!(r.cells(0), (vec!["S1."], vec![]));
        assert_eq!(r.cells(1).1, ["T1."]);
        r.delete_empty(0, Side::Tgt).unwrap();
        assert_eq!(r.cells(0), (vec!["S1."], vec!["T1."]));
        r.move_last_down(r.len() - 1, Side::Tgt).unwrap();
        assert_eq!(r.cells(r.len() - 1), (vec![], vec!["T5."]));
        r.split_sentence(Side::Src, 0, 1).unwrap();
        assert_eq!(r.cells(0).0, ["S", "1."]);
        assert!(r.merge_next(r.len() - 1, Side::Src).is_err());
        assert!(r.delete_empty(0, Side::Src).is_err());
        assert!(r.split_sentence(Side::Tgt, 0, 0).is_err());
        r.mark_reviewed(0, true).unwrap();
        assert!(r.rows()[0].reviewed);
        let beads = r.beads();
        assert_eq!(beads.len(), r.len());
        assert_eq!(beads.last().unwrap().1.end, r.sentences(Side::Tgt).len());
        assert!((0..r.len()).all(|row| r.ranges(row) == beads[row]));
        while r.undo() {}
        assert_eq!(r.rows(), sample().rows());
        assert!(r.redo());
        assert_eq!(r.cells(2), (vec!["S4."], vec!["T3.", "T4."]));
    }

    #[test]
    fn an_aligned_corpus_comes_back_as_it_was_written() {
        let en = std::fs::read_to_string("pairs/kremlin-feast/en.txt").unwrap();
        let fa = std::fs::read_to_string("pairs/kremlin-feast/fa.txt").unwrap();
        let job = crate::corpus::AlignJob::new("en", "fa");
        let set = job.align(vec![job.pair(None, &en, &fa)]);
        let rows = set.docs[0].rows();
        let segmenter = |lang| crate::Segmenter::new(lang).with_quotations_kept(false);
        let (en_seg, fa_seg) = (segmenter(crate::Lang::En), segmenter(crate::Lang::Fa));
        let cells = rows
            .iter()
            .map(|r| {
                (
                    split_cell(&r.src_text, r.src_ids.len(), &en_seg),
                    split_cell(&r.tgt_text, r.tgt_ids.len(), &fa_seg),
                )
            })
            .collect();
        let review = Review::from_cells(cells);
        let back = review.export_rows(" ");
        assert_eq!(back.len(), rows.len());
        for (a, b) in rows.iter().zip(&back) {
            assert_eq!(
                (&a.src_text, &a.tgt_text, &a.src_ids, &a.tgt_ids),
                (&b.src_text, &b.tgt_text, &b.src_ids, &b.tgt_ids)
            );
        }
    }

    #[test]
    fn a_cell_that_segments_otherwise_stays_whole() {
        let seg = crate::Segmenter::new(crate::Lang::En);
        assert_eq!(split_cell("One. Two.", 2, &seg), ["One.", "Two."]);
        assert_eq!(split_cell("One. Two.", 3, &seg), ["One. Two."]);
        assert_eq!(split_cell("  ", 0, &seg), Vec::<String>::new());
        // A headline without a full stop, kept apart by a line break.
        assert_eq!(
            split_cell("Dinner in the Kremlin\nHe came.", 2, &seg),
            ["Dinner in the Kremlin", "He came."]
        );
    }

    #[test]
    fn a_mismatched_shape_is_refused() {
        let err = Review::new(vec!["a".into()], vec![], &[(1, 1)]).unwrap_err();
        assert!(err.0.contains("hold 1 and 1"), "{err}");
    }

    #[derive(Clone, Debug)]
    enum Op {
        Merge(usize, Side),
        Split(usize, Side, usize),
        SplitSentence(Side, usize, usize),
        Up(usize, Side),
        Down(usize, Side),
        Insert(usize, Side),
        Delete(usize, Side),
        Reviewed(usize),
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let side = prop_oneof![Just(Side::Src), Just(Side::Tgt)];
        let n = 0usize..12;
        prop_oneof![
            (n.clone(), side.clone()).prop_map(|(r, s)| Op::Merge(r, s)),
            (n.clone(), side.clone(), 0usize..4).prop_map(|(r, s, a)| Op::Split(r, s, a)),
            (side.clone(), n.clone(), 0usize..6).prop_map(|(s, i, o)| Op::SplitSentence(s, i, o)),
            (n.clone(), side.clone()).prop_map(|(r, s)| Op::Up(r, s)),
            (n.clone(), side.clone()).prop_map(|(r, s)| Op::Down(r, s)),
            (n.clone(), side.clone()).prop_map(|(r, s)| Op::Insert(r, s)),
            (n.clone(), side).prop_map(|(r, s)| Op::Delete(r, s)),
            n.prop_map(Op::Reviewed),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    fn run(r: &mut Review, op: &Op) {
        let _ = match *op {
            Op::Merge(row, side) => r.merge_next(row, side),
            Op::Split(row, side, at) => r.split_row(row, side, at),
            Op::SplitSentence(side, i, at) => r.split_sentence(side, i, at),
            Op::Up(row, side) => r.move_first_up(row, side),
            Op::Down(row, side) => r.move_last_down(row, side),
            Op::Insert(row, side) => r.insert_empty(row, side),
            Op::Delete(row, side) => r.delete_empty(row, side),
            Op::Reviewed(_) | Op::Undo | Op::Redo => Ok(()),
        };
        match *op {
            Op::Reviewed(row) => {
                let _ = r.mark_reviewed(row, true);
            }
            Op::Undo => {
                r.undo();
            }
            Op::Redo => {
                r.redo();
            }
            _ => {}
        }
    }

    /// Every sentence of each side, read row by row, in order.
    fn read(r: &Review) -> [String; 2] {
        let mut out = [String::new(), String::new()];
        for row in 0..r.len() {
            let (s, t) = r.cells(row);
            out[0].push_str(&s.concat());
            out[1].push_str(&t.concat());
        }
        out
    }

    /// The corpus file a review writes, scores kept for the first row.
    fn bytes(r: &Review, format: Format) -> Vec<u8> {
        let scores: Scores = r.beads().into_iter().take(1).map(|b| (b, 0.5)).collect();
        let mut out = Vec::new();
        r.write(
            ("en", "fa"),
            &scores,
            format,
            "\n",
            vec![Box::new(&mut out)],
        )
        .unwrap();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// No sequence of structural edits (with undo and redo) loses,
        /// duplicates or reorders a sentence, or leaves an empty row; and
        /// undoing them all gives back the starting model.
        #[test]
        fn structural_edits_keep_every_sentence_once(ops in prop::collection::vec(op(), 0..40)) {
            let start = sample();
            let whole = read(&start);
            let mut r = start.clone();
            for op in &ops {
                run(&mut r, op);
                prop_assert_eq!(&read(&r), &whole, "after {:?}", op);
                prop_assert!(r.rows().iter().all(|s| s.counts != [0, 0]));
                let total: usize = r.rows().iter().map(|s| s.counts[0]).sum();
                prop_assert_eq!(total, r.sentences(Side::Src).len());
            }
            while r.undo() {}
            prop_assert_eq!(r.rows(), start.rows());
            prop_assert_eq!(r.sentences(Side::Src), start.sentences(Side::Src));
            prop_assert_eq!(r.sentences(Side::Tgt), start.sentences(Side::Tgt));
            // And the file a review saves is the same bytes, in each format.
            for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Tmx] {
                prop_assert_eq!(bytes(&r, format), bytes(&start, format));
            }
        }

        /// A text edit changes that sentence only, and undo restores it.
        #[test]
        fn text_edits_undo_exactly(i in 0usize..5, text in "\\PC{0,12}") {
            let mut r = sample();
            r.edit_text(Side::Tgt, i, text.clone()).unwrap();
            prop_assert_eq!(&r.sentences(Side::Tgt)[i], &text);
            r.undo();
            let fresh = sample();
            prop_assert_eq!(r.sentences(Side::Tgt), fresh.sentences(Side::Tgt));
        }
    }
}
