//! The review page: one self-contained HTML file (no network, no external
//! scripts, fonts or styles) with the pairs side by side, flagged rows
//! highlighted with their reasons, a filter by flag, the summary, a length
//! plot and the alignment path of each document.
//!
//! The rows go into the page as JSON and are drawn lazily (only the rows in
//! view exist in the DOM), so 100,000 rows open at once. Beyond
//! [`MAX_ROWS`] the page holds a uniform sample and says so.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Summary, Verdict};

/// Rows the page holds at most.
pub const MAX_ROWS: usize = 100_000;

/// The page template; `/*DATA*/` is replaced by the JSON.
const TEMPLATE: &str = include_str!("report.html");

/// Whether `code`'s language is written right to left.
fn rtl(code: &str) -> bool {
    crate::Lang::from_code(code).is_some_and(crate::Lang::is_rtl)
}

/// What the page calls `code`'s language: its name, or the code for a
/// language bitext does not know.
fn name(code: &str) -> &str {
    crate::Lang::from_code(code).map_or(code, |lang| lang.name())
}

/// One row as the page needs it.
#[derive(Clone, Copy, Debug)]
pub struct ReportRow<'a> {
    /// 1-based row number in the corpus.
    pub row: usize,
    /// The document, when the corpus has a `doc` column.
    pub doc: Option<&'a str>,
    /// Source text.
    pub src: &'a str,
    /// Target text.
    pub tgt: &'a str,
    /// Source sentence numbers (`"3 4"`), when the corpus has them.
    pub src_ids: Option<&'a str>,
    /// Target sentence numbers.
    pub tgt_ids: Option<&'a str>,
    /// Source and target lengths in characters, as the checker counted
    /// them ([`super::Prepared::lengths`]).
    pub lengths: (f64, f64),
}

/// Collects rows for the page.
pub struct Report {
    src_lang: String,
    tgt_lang: String,
    rows: Vec<PageRow>,
    seen: usize,
    docs: Vec<String>,
    doc_index: HashMap<String, usize>,
    /// Per document: sentences seen so far on each side (for the path when
    /// the corpus has no sentence numbers).
    position: Vec<(usize, usize)>,
    rng: u64,
}

/// `[row, doc, src, tgt, flags, evidence, quality, src chars, tgt chars,
/// path x, path y]`: arrays keep the page small.
#[derive(Serialize)]
struct PageRow(
    usize,
    usize,
    String,
    String,
    String,
    String,
    f64,
    usize,
    usize,
    usize,
    usize,
);

#[derive(Serialize)]
struct Page<'a> {
    src: &'a str,
    tgt: &'a str,
    src_name: &'a str,
    tgt_name: &'a str,
    src_rtl: bool,
    tgt_rtl: bool,
    total: usize,
    sampled: bool,
    docs: &'a [String],
    summary: &'a Summary,
    rows: &'a [PageRow],
}

impl Report {
    /// A report for a corpus of `src_lang` → `tgt_lang`.
    pub fn new(src_lang: &str, tgt_lang: &str) -> Self {
        Report {
            src_lang: src_lang.to_string(),
            tgt_lang: tgt_lang.to_string(),
            rows: Vec::new(),
            seen: 0,
            docs: Vec::new(),
            doc_index: HashMap::new(),
            position: Vec::new(),
            rng: 0x5eed,
        }
    }

    /// Adds a judged row. Past [`MAX_ROWS`] rows, a reservoir sample
    /// (fixed seed, so the same corpus gives the same page) is kept.
    pub fn add(&mut self, row: &ReportRow, verdict: &Verdict) {
        let doc = self.doc(row.doc.unwrap_or(""));
        let (x, y) = self.path_point(doc, row);
        self.seen += 1;
        let slot = if self.rows.len() < MAX_ROWS {
            None
        } else {
            let pick = self.random_below(self.seen);
            if pick >= MAX_ROWS {
                return;
            }
            Some(pick)
        };
        let page_row = PageRow(
            row.row,
            doc,
            row.src.to_string(),
            row.tgt.to_string(),
            verdict.names(),
            verdict.evidence(),
            (verdict.quality * 1000.0).round() / 1000.0,
            row.lengths.0 as usize,
            row.lengths.1 as usize,
            x,
            y,
        );
        match slot {
            Some(i) => self.rows[i] = page_row,
            None => self.rows.push(page_row),
        }
    }

    fn doc(&mut self, name: &str) -> usize {
        if let Some(&i) = self.doc_index.get(name) {
            return i;
        }
        self.docs.push(name.to_string());
        self.position.push((0, 0));
        self.doc_index.insert(name.to_string(), self.docs.len() - 1);
        self.docs.len() - 1
    }

    /// Where the bead ends on the alignment path: its last sentence numbers
    /// when the corpus has them, else sentences counted so far.
    fn path_point(&mut self, doc: usize, row: &ReportRow) -> (usize, usize) {
        let last = |ids: Option<&str>| {
            ids.and_then(|s| {
                s.split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .max()
            })
        };
        let position = &mut self.position[doc];
        let src = last(row.src_ids).unwrap_or(position.0 + usize::from(!row.src.trim().is_empty()));
        let tgt = last(row.tgt_ids).unwrap_or(position.1 + usize::from(!row.tgt.trim().is_empty()));
        *position = (position.0.max(src), position.1.max(tgt));
        *position
    }

    fn random_below(&mut self, n: usize) -> usize {
        self.rng = self
            .rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.rng >> 33) as usize) % n.max(1)
    }

    /// Writes the page.
    pub fn write_html(mut self, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let sampled = self.seen > self.rows.len();
        if sampled {
            self.rows.sort_by_key(|r| r.0);
        }
        let page = Page {
            src: &self.src_lang,
            tgt: &self.tgt_lang,
            src_name: name(&self.src_lang),
            tgt_name: name(&self.tgt_lang),
            src_rtl: rtl(&self.src_lang),
            tgt_rtl: rtl(&self.tgt_lang),
            total: self.seen,
            sampled,
            docs: &self.docs,
            summary,
            rows: &self.rows,
        };
        let json = serde_json::to_string(&page).map_err(io::Error::other)?;
        // Inside <script>, "</" could end the element; "<\/" is the same JSON.
        let json = json.replace("</", "<\\/");
        let (head, tail) = TEMPLATE
            .split_once("/*DATA*/")
            .expect("the template has a data slot");
        out.write_all(head.as_bytes())?;
        out.write_all(json.as_bytes())?;
        out.write_all(tail.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::LengthModel;

    #[test]
    fn the_page_is_self_contained_and_escapes_script_ends() {
        let mut report = Report::new("en", "fa");
        let verdict = Verdict {
            flags: Vec::new(),
            quality: 1.0,
            z: None,
        };
        let row = ReportRow {
            row: 1,
            doc: None,
            src: "a </script><script>alert(1)</script>",
            tgt: "ب",
            src_ids: None,
            tgt_ids: None,
            lengths: (30.0, 1.0),
        };
        report.add(&row, &verdict);
        let mut out = Vec::new();
        let mut summary = Summary::new(LengthModel::default());
        summary.finish();
        report.write_html(&summary, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert_eq!(page.matches("</script>").count(), 2, "only the page's own");
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(!page.contains(" src="));
    }
}
