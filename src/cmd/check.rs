//! `bitext check`: read a corpus table row by row, judge every pair, write
//! it back with `flags`, `quality` and `evidence` columns, summarise, and
//! optionally write the review page.
//!
//! Memory stays bounded for any corpus size: the length model is fitted on
//! the first rows (up to [`FIT_ROWS`]), after which rows stream through in
//! batches, prepared in parallel and judged in order with their neighbours.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bitext::check::{CheckConfig, Checker, Prepared, Report, Summary, Verdict};
use bitext::table::{self, Record, TableFormat, TableReader};
use bitext::write;
use rayon::prelude::*;
use serde_json::Value;

use crate::cli::{CheckArgs, CheckOptions, TableFormatArg};

/// Rows read before the length model is fitted (and then checked with it).
const FIT_ROWS: usize = 50_000;
/// Rows prepared in parallel at a time after that.
const BATCH: usize = 8_192;

/// The columns this command adds (or fills, when re-checking a checked
/// corpus).
const ADDED: [&str; 3] = ["flags", "quality", "evidence"];

pub fn run(args: &CheckArgs) -> Result<bool> {
    let options = &args.options;
    validate(options)?;
    let format = format_of(args);
    if args.excel && format == TableFormat::Jsonl {
        bail!("--excel applies to CSV and TSV output, not JSON Lines");
    }
    let (input, label) = open_input(&args.input)?;
    let mut reader = TableReader::new(input, format, &label)?;
    let columns = Columns::find(&reader, options)?;
    let (out, pending) = super::open_output(args.output.as_deref())?;
    let mut writer = TableWriter::new(out, format, reader.header(), args.excel)?;
    let mut report = options
        .html
        .as_ref()
        .map(|_| Report::new(&options.src_lang, &options.tgt_lang));

    let checker = Checker::new(config(options));
    let first = read_rows(&mut reader, FIT_ROWS)?;
    let width = reader.header().len();
    let first = prepare(&checker, &columns, first, width);
    let mut preparer = checker;
    preparer.learn(first.iter().map(|(_, p)| p));
    score(&preparer, &first);
    let mut stream = Stream::new(preparer.clone());
    let mut summary = Summary::new(preparer.model());
    let mut emit = |record: Record, lengths: (f64, f64), verdict: Verdict| -> Result<()> {
        let bead_type = columns.bead_type.map(|c| record.cells[c].as_str());
        summary.add(&verdict, lengths, bead_type);
        if let Some(report) = report.as_mut() {
            report.add(&columns.report_row(&record, lengths), &verdict);
        }
        if keep(&verdict, options) {
            writer.write(&record, &verdict)?;
        }
        Ok(())
    };
    // Judge and write one batch while the next is read and prepared.
    let mut ready = first;
    loop {
        let mut judge = |batch: Vec<(Record, Prepared)>| -> Result<()> {
            for (record, prepared) in batch {
                if let Some((record, lengths, verdict)) = stream.push(record, prepared) {
                    emit(record, lengths, verdict)?;
                }
            }
            Ok(())
        };
        let batch = read_rows(&mut reader, BATCH)?;
        let mut next = Vec::new();
        // The writer is not Send: judge here, prepare on the pool.
        let judged = rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = prepare(&preparer, &columns, batch, width));
            judge(std::mem::take(&mut ready))
        });
        judged?;
        ready = next;
        if ready.is_empty() {
            break;
        }
    }
    if let Some((record, lengths, verdict)) = stream.finish() {
        emit(record, lengths, verdict)?;
    }
    writer.finish()?;
    drop(writer);
    summary.finish();
    finish_outputs(options, &summary, report)?;
    pending.commit()?;
    Ok(options
        .max_flagged
        .is_none_or(|max| summary.flagged_share() <= max))
}

/// Refuses bad options and unwritable side outputs before any work.
pub fn validate(options: &CheckOptions) -> Result<()> {
    for path in [&options.summary_json, &options.html].into_iter().flatten() {
        super::check_output_path(path)?;
    }
    if let Some(q) = options.min_quality {
        if !(0.0..=1.0).contains(&q) {
            bail!("--min-quality must be between 0 and 1, not {q}");
        }
    }
    if let Some(share) = options.max_flagged {
        if !(0.0..=1.0).contains(&share) {
            bail!("--max-flagged is a share between 0 and 1, not {share}");
        }
    }
    if options.z_limit <= 0.0 {
        bail!("--z-limit must be positive");
    }
    Ok(())
}

pub fn config(options: &CheckOptions) -> CheckConfig {
    let mut config = CheckConfig::new(&options.src_lang, &options.tgt_lang);
    config.z_limit = options.z_limit;
    config.max_words = options.max_words;
    config
}

/// Whether a row passes `--only-flagged` and `--min-quality`.
pub fn keep(verdict: &Verdict, options: &CheckOptions) -> bool {
    (!options.only_flagged || !verdict.flags.is_empty())
        && options.min_quality.is_none_or(|q| verdict.quality >= q)
}

/// The summary on stderr, `--summary-json`, `--html`.
pub fn finish_outputs(
    options: &CheckOptions,
    summary: &Summary,
    report: Option<Report>,
) -> Result<()> {
    if !options.quiet {
        eprint!("{}", summary.to_text());
    }
    if let Some(path) = &options.summary_json {
        let json = serde_json::to_string_pretty(summary)?;
        super::write_atomically(path, |out| out.write_all((json + "\n").as_bytes()))?;
    }
    if let (Some(path), Some(report)) = (&options.html, report) {
        super::write_atomically(path, |out| report.write_html(summary, out))?;
    }
    Ok(())
}

fn open_input(path: &Path) -> Result<(Box<dyn Read>, PathBuf)> {
    if path.as_os_str() == "-" {
        return Ok((Box::new(io::stdin().lock()), PathBuf::from("<stdin>")));
    }
    if path.is_dir() {
        bail!("{}: is a folder; give a corpus file", path.display());
    }
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok((Box::new(io::BufReader::new(file)), path.to_path_buf()))
}

fn read_rows(reader: &mut TableReader, limit: usize) -> Result<Vec<Record>> {
    let mut rows = Vec::new();
    while rows.len() < limit {
        match reader.next_record()? {
            Some(record) => rows.push(record),
            None => break,
        }
    }
    Ok(rows)
}

/// Prepares a batch in parallel (the costly part: language detection), and
/// scores it once the checker has learned.
fn prepare(
    checker: &Checker,
    columns: &Columns,
    rows: Vec<Record>,
    width: usize,
) -> Vec<(Record, Prepared)> {
    let batch: Vec<(Record, Prepared)> = rows
        .into_par_iter()
        .map(|record| {
            let mut prepared = checker.prepare(
                record.row,
                &record.cells[columns.src],
                &record.cells[columns.tgt],
            );
            if record.object.is_none() && record.fields != width {
                // The output stays rectangular: cells past the header's
                // are not written as cells but kept here, in the evidence.
                let extra: Vec<String> = record.cells[width.min(record.cells.len())..]
                    .iter()
                    .map(|cell| format!("«{cell}»"))
                    .collect();
                let mut reason = format!("{} fields, the header has {width}", record.fields);
                if !extra.is_empty() {
                    reason += &format!("; the cells past it: {}", extra.join(" "));
                }
                prepared.set_ragged(reason);
            }
            (record, prepared)
        })
        .collect();
    score(checker, &batch);
    batch
}

/// Scores a batch's pairs and neighbouring pairs in parallel (the costly
/// part of judging; the pair across two batches is scored when judged).
fn score(checker: &Checker, batch: &[(Record, Prepared)]) {
    batch.par_iter().for_each(|(_, p)| checker.score(p));
    batch
        .par_windows(2)
        .for_each(|w| checker.score_neighbours(&w[0].1, &w[1].1));
}

/// A judged row: the record, its lengths in characters, the verdict.
type Judged = (Record, (f64, f64), Verdict);

/// Judges rows in order, each once its next neighbour is known.
struct Stream {
    checker: Checker,
    prev: Option<Prepared>,
    pending: VecDeque<(Record, Prepared)>,
}

impl Stream {
    fn new(checker: Checker) -> Self {
        Stream {
            checker,
            prev: None,
            pending: VecDeque::new(),
        }
    }

    /// Adds a row; returns the one before it, judged, with its lengths.
    fn push(&mut self, record: Record, prepared: Prepared) -> Option<Judged> {
        self.pending.push_back((record, prepared));
        if self.pending.len() < 2 {
            return None;
        }
        self.judge_first()
    }

    /// Judges the last row.
    fn finish(&mut self) -> Option<Judged> {
        self.judge_first()
    }

    /// Judges the first pending row against the row before it and the next
    /// pending one, then keeps it as the row before.
    fn judge_first(&mut self) -> Option<Judged> {
        let (record, this) = self.pending.pop_front()?;
        let next = self.pending.front().map(|(_, p)| p);
        let verdict = self.checker.judge(self.prev.as_ref(), &this, next);
        let lengths = this.lengths();
        self.prev = Some(this);
        Some((record, lengths, verdict))
    }
}

/// Where the columns the checker and the report need are.
struct Columns {
    src: usize,
    tgt: usize,
    bead_type: Option<usize>,
    doc: Option<usize>,
    src_ids: Option<usize>,
    tgt_ids: Option<usize>,
}

impl Columns {
    fn find(reader: &TableReader, options: &CheckOptions) -> Result<Self> {
        let src_name = options.src_col.as_deref().unwrap_or(&options.src_lang);
        let tgt_name = options.tgt_col.as_deref().unwrap_or(&options.tgt_lang);
        let header = reader.header();
        let find = |name: &str| header.iter().position(|h| table::same_name(h, name));
        Ok(Columns {
            src: reader.column(src_name)?,
            tgt: reader.column(tgt_name)?,
            bead_type: find("type"),
            doc: find("doc"),
            src_ids: find(&format!("{src_name}_ids")),
            tgt_ids: find(&format!("{tgt_name}_ids")),
        })
    }

    fn report_row<'r>(
        &self,
        record: &'r Record,
        lengths: (f64, f64),
    ) -> bitext::check::ReportRow<'r> {
        let cell = |c: Option<usize>| c.map(|c| record.cells[c].as_str());
        bitext::check::ReportRow {
            row: record.row,
            doc: cell(self.doc),
            src: &record.cells[self.src],
            tgt: &record.cells[self.tgt],
            src_ids: cell(self.src_ids),
            tgt_ids: cell(self.tgt_ids),
            lengths,
        }
    }
}

/// Writes rows back in the input's format with the added columns.
struct TableWriter {
    out: Out,
    /// Where each added column goes: an existing column of that name, or a
    /// new one at the end.
    slots: [usize; 3],
    /// Columns in the input's header.
    original: usize,
    /// Columns in the output's header.
    width: usize,
    /// `--excel`: cells a spreadsheet would run are neutralised.
    excel: bool,
}

enum Out {
    Delimited(Box<csv::Writer<Box<dyn Write>>>),
    Json(Box<dyn Write>),
}

impl TableWriter {
    fn new(
        mut out: Box<dyn Write>,
        format: TableFormat,
        header: &[String],
        excel: bool,
    ) -> Result<Self> {
        let mut names = header.to_vec();
        let slots = ADDED.map(
            |name| match names.iter().position(|h| table::same_name(h, name)) {
                Some(i) => i,
                None => {
                    names.push(name.to_string());
                    names.len() - 1
                }
            },
        );
        let out = match format {
            TableFormat::Jsonl => Out::Json(out),
            _ => {
                if excel {
                    out.write_all("\u{feff}".as_bytes())
                        .context("writing output")?;
                }
                let mut writer = write::delimited(out, format == TableFormat::Tsv, true);
                writer.write_record(&names).context("writing output")?;
                Out::Delimited(Box::new(writer))
            }
        };
        Ok(TableWriter {
            excel,
            out,
            slots,
            original: header.len(),
            width: names.len(),
        })
    }

    fn write(&mut self, record: &Record, verdict: &Verdict) -> Result<()> {
        let added = [
            verdict.names(),
            format!("{:.3}", verdict.quality),
            verdict.evidence(),
        ];
        match &mut self.out {
            Out::Json(out) => {
                let mut object = record.object.clone().unwrap_or_default();
                object.insert("flags".into(), Value::String(added[0].clone()));
                object.insert("quality".into(), serde_json::json!(round3(verdict.quality)));
                object.insert("evidence".into(), Value::String(added[2].clone()));
                serde_json::to_writer(&mut *out, &object).context("writing output")?;
                out.write_all(b"\n").context("writing output")?;
            }
            Out::Delimited(out) => {
                // The header's columns and the added ones in their slots:
                // the cells of a row longer than the header are in its
                // `ragged` evidence, so every row has the header's width.
                let mut cells: Vec<&str> = record.cells.iter().map(String::as_str).collect();
                cells.truncate(self.original);
                cells.resize(self.width, "");
                for (slot, value) in self.slots.iter().zip(&added) {
                    cells[*slot] = value;
                }
                let excel = self.excel;
                let cells: Vec<std::borrow::Cow<str>> = cells
                    .into_iter()
                    .map(|c| {
                        if excel {
                            write::for_spreadsheets(c)
                        } else {
                            c.into()
                        }
                    })
                    .collect();
                out.write_record(cells.iter().map(|c| c.as_bytes()))
                    .map_err(write::into_io)
                    .context("writing output")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        match &mut self.out {
            Out::Json(out) => out.flush(),
            Out::Delimited(out) => out.flush(),
        }
        .context("writing output")
    }
}

/// The corpus format: given, or from the file name.
fn format_of(args: &CheckArgs) -> TableFormat {
    match args.format {
        Some(TableFormatArg::Csv) => TableFormat::Csv,
        Some(TableFormatArg::Tsv) => TableFormat::Tsv,
        Some(TableFormatArg::Jsonl) => TableFormat::Jsonl,
        None => TableFormat::from_path(&args.input),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
