//! CSV (RFC 4180) and TSV.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{sentence_numbers, CorpusWriter, Layout, Row};

/// Writes CSV (or TSV with a tab delimiter) with a header row.
pub struct CsvWriter<'w> {
    out: csv::Writer<Box<dyn Write + 'w>>,
    layout: Layout,
    tsv: bool,
}

impl<'w> CsvWriter<'w> {
    /// Writes the BOM (for `--excel`) and the header.
    pub fn new(mut out: Box<dyn Write + 'w>, layout: Layout, delimiter: u8) -> io::Result<Self> {
        if layout.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let tsv = delimiter == b'\t';
        let mut out = delimited(out, tsv, false);
        let (s, t) = (&layout.src_lang, &layout.tgt_lang);
        let mut header = vec![
            s.clone(),
            t.clone(),
            format!("{s}_ids"),
            format!("{t}_ids"),
            "type".into(),
            "score".into(),
        ];
        if layout.with_doc {
            header.insert(0, "doc".into());
        }
        if layout.with_check {
            header.extend(["flags".into(), "quality".into(), "evidence".into()]);
        }
        out.write_record(&header).map_err(into_io)?;
        Ok(CsvWriter { out, layout, tsv })
    }

    fn cell<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        if self.tsv && text.contains(['\t', '\n', '\r']) {
            text = Cow::Owned(text.replace(['\t', '\n', '\r'], " "));
        }
        if self.layout.excel {
            // Copied only when a formula is neutralised.
            if let Cow::Owned(neutral) = for_spreadsheets(&text) {
                text = Cow::Owned(neutral);
            }
        }
        text
    }
}

/// A cell a spreadsheet will not run: one starting with = + - @ (or a tab
/// or CR) is a formula to Excel, and a leading apostrophe makes it text
/// (OWASP's advice on CSV injection).
pub fn for_spreadsheets(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer (RFC 4180, quoting where needed) or, with `tsv`, a TSV
/// writer that never quotes. `flexible` lets rows differ in length (a
/// ragged input row written back whole); otherwise that is an error.
pub fn delimited<W: Write>(out: W, tsv: bool, flexible: bool) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .quote_style(if tsv {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .flexible(flexible)
        .from_writer(out)
}

/// Keeps the I/O error inside a CSV error, so a closed pipe stays a closed
/// pipe (and `bitext align … | head` exits quietly).
pub fn into_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl CorpusWriter for CsvWriter<'_> {
    fn write_row(&mut self, row: &Row) -> io::Result<()> {
        let score = format!("{:.3}", row.score);
        let mut record: Vec<Cow<str>> = vec![
            self.cell(&row.src_text),
            self.cell(&row.tgt_text),
            sentence_numbers(&row.src_ids).into(),
            sentence_numbers(&row.tgt_ids).into(),
            row.shape().into(),
            score.into(),
        ];
        if self.layout.with_doc {
            record.insert(0, self.cell(row.doc.unwrap_or("")));
        }
        if let Some(check) = &row.check {
            record.push(check.flags.clone().into());
            record.push(format!("{:.3}", check.quality).into());
            record.push(self.cell(&check.evidence).into_owned().into());
        }
        self.out
            .write_record(record.iter().map(|c| c.as_bytes()))
            .map_err(into_io)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(delimiter: u8, excel: bool, with_doc: bool) -> String {
        let mut buf = Vec::new();
        {
            let layout = Layout {
                src_lang: "en".into(),
                tgt_lang: "fa".into(),
                with_doc,
                excel,
                with_check: false,
            };
            let mut w = CsvWriter::new(Box::new(&mut buf), layout, delimiter).unwrap();
            let row = Row {
                doc: Some("a"),
                src_text: "Hi, \"you\".".into(),
                tgt_text: "=سلام\tتو".into(),
                src_ids: vec![0, 1],
                tgt_ids: vec![0],
                score: 0.5,
                check: None,
            };
            w.write_row(&row).unwrap();
            w.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn csv_quotes_by_rfc_4180() {
        assert_eq!(
            render(b',', false, false),
            "en,fa,en_ids,fa_ids,type,score\n\"Hi, \"\"you\"\".\",=سلام\tتو,1 2,1,2-1,0.500\n"
        );
    }

    #[test]
    fn excel_adds_a_bom_and_neutralises_formulas() {
        assert_eq!(
            render(b',', true, true),
            "\u{feff}doc,en,fa,en_ids,fa_ids,type,score\na,\"Hi, \"\"you\"\".\",'=سلام\tتو,1 2,1,2-1,0.500\n"
        );
    }

    #[test]
    fn tsv_flattens_tabs() {
        assert_eq!(
            render(b'\t', false, false),
            "en\tfa\ten_ids\tfa_ids\ttype\tscore\nHi, \"you\".\t=سلام تو\t1 2\t1\t2-1\t0.500\n"
        );
    }
}
