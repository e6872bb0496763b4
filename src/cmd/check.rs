//! `bitext check`: read a corpus table row by row, judge every pair, write
//! it back with `flags`, `quality` and `evidence` columns, summarise, and
//! optionally write the review page.
//!
//! Memory stays bounded for any corpus size: the length model is fitted on
//! the first rows (up to `corpus::FIT_ROWS`), after which rows stream through in
//! batches, prepared in parallel and judged in order with their neighbours
//! (`corpus::check_stream`, the driver Python and `align --check` use too).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bitext::check::{CheckConfig, Checker, Report, Summary, Verdict};
use bitext::corpus::{self, RowView};
use bitext::table::{self, moses, Record, TableFormat, TableReader};
use bitext::write::{self, Cell, Column, Exporter, Format, Role, Schema};
use serde_json::Value;

use crate::cli::{CheckArgs, CheckOptions, TableFormatArg};

pub fn run(args: &CheckArgs) -> Result<bool> {
    let options = &args.options;
    validate(options)?;
    let format = input_of(args)?;
    let output_format = output_format_of(args, &format);
    if args.excel && !output_format.is_delimited() {
        bail!("--excel applies to CSV and TSV output, not {output_format:?}");
    }
    if args.skip_empty && output_format != Format::Tmx {
        bail!("--skip-empty applies to TMX output");
    }
    if output_format == Format::Beads {
        bail!("check writes texts; beads output has none (use align --format beads)");
    }
    let inputs: Vec<&Path> = match &format {
        Input::Table(path, _) => vec![path],
        Input::Moses(files) => files.iter().map(PathBuf::as_path).collect(),
    };
    let corpus = super::output_paths(
        output_format,
        args.output.as_deref(),
        &options.src_lang,
        &options.tgt_lang,
    );
    let outputs: Vec<&Path> = corpus
        .iter()
        .chain(side_outputs(options))
        .map(PathBuf::as_path)
        .collect();
    super::refuse_inputs_as_outputs(&inputs, &outputs)?;
    let (outputs, pendings) = super::open_outputs(
        output_format,
        args.output.as_deref(),
        &options.src_lang,
        &options.tgt_lang,
    )?;
    let mut reader = open_reader(&format, args)?;
    let columns = Columns::find(&reader, options, args.no_header)?;
    let write_options = write::Options {
        excel: args.excel,
        skip_empty: args.skip_empty,
    };
    let mut writer = TableWriter::new(
        output_format,
        outputs,
        reader.header(),
        &columns,
        (options, write_options),
    )?;
    let mut report = options
        .html
        .as_ref()
        .map(|_| Report::new(&options.src_lang, &options.tgt_lang));

    let width = reader.header().len();
    // The model is set once fitted (the first rows are read before any row
    // is emitted).
    let mut summary = Summary::new(Checker::new(config(options)).model());
    let records = std::iter::from_fn(|| reader.next_record().transpose());
    let emit = |record: Record, lengths: (f64, f64), verdict: Verdict| -> Result<()> {
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
    let records = records.map(|r| r.map_err(anyhow::Error::from));
    let checker = corpus::check_stream(
        records,
        config(options),
        corpus::FIT_ROWS,
        |record: &Record| RowView {
            row: record.row,
            src: &record.cells[columns.src],
            tgt: &record.cells[columns.tgt],
            doc: columns.doc.map(|c| record.cells[c].as_str()),
            ragged: ragged(record, width),
        },
        emit,
    )?;
    summary.model = checker.model();
    writer.finish()?;
    drop(writer);
    summary.finish();
    finish_outputs(options, &summary, report)?;
    for pending in pendings {
        pending.commit()?;
    }
    Ok(options
        .max_flagged
        .is_none_or(|max| summary.flagged_share() <= max))
}

/// The summary and the review page, the files `check` writes besides the
/// corpus.
pub fn side_outputs(options: &CheckOptions) -> impl Iterator<Item = &PathBuf> {
    [&options.summary_json, &options.html].into_iter().flatten()
}

/// Refuses bad options and unwritable side outputs before any work.
pub fn validate(options: &CheckOptions) -> Result<()> {
    for path in side_outputs(options) {
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

/// The reader of the corpus `input` is.
fn open_reader(input: &Input, args: &CheckArgs) -> Result<TableReader<'static>> {
    let options = &args.options;
    Ok(match input {
        Input::Moses(_) if args.no_header => {
            bail!("--no-header is for a CSV or TSV table; a Moses corpus has no header")
        }
        Input::Table(path, format) if args.no_header => {
            let (input, label) = open_input(path, args)?;
            let names = [
                (
                    numbered(options.src_col.as_deref(), 1, "--src-col")?,
                    options.src_lang.as_str(),
                ),
                (
                    numbered(options.tgt_col.as_deref(), 2, "--tgt-col")?,
                    options.tgt_lang.as_str(),
                ),
            ];
            if names[0].0 == names[1].0 {
                bail!("--src-col and --tgt-col are the same column");
            }
            TableReader::without_header(input, *format, &label, &names)?
        }
        Input::Table(path, format) => {
            let (input, label) = open_input(path, args)?;
            TableReader::new(input, *format, &label)?
        }
        Input::Moses([src, tgt]) => {
            let pair = moses::Pair::new(
                (open_file(src, args)?, src.as_path()),
                (open_file(tgt, args)?, tgt.as_path()),
            )?;
            let label = PathBuf::from(format!("{} and {}", src.display(), tgt.display()));
            TableReader::moses(pair, (&options.src_lang, &options.tgt_lang), &label)?
        }
    })
}

fn open_input(path: &Path, args: &CheckArgs) -> Result<(Box<dyn Read>, PathBuf)> {
    if path.as_os_str() == "-" {
        let label = PathBuf::from("<stdin>");
        return Ok((decoded(Box::new(io::stdin().lock()), &label, args)?, label));
    }
    Ok((open_file(path, args)?, path.to_path_buf()))
}

/// `input` as UTF-8 (see [`bitext::decoding_reader`]); a guessed encoding
/// named on stderr.
fn decoded(input: Box<dyn Read>, label: &Path, args: &CheckArgs) -> Result<Box<dyn Read>> {
    let options = &args.options;
    let hinted = super::hinted(args.encoding, (&options.src_lang, &options.tgt_lang));
    let (input, encoding) = bitext::decoding_reader(input, hinted)
        .with_context(|| format!("cannot read {}", label.display()))?;
    if !args.options.quiet {
        super::tell_encoding(label, encoding, args.encoding);
    }
    Ok(input)
}

/// A column given by its 1-based number (with --no-header), as a 0-based
/// index; `default` when not given.
fn numbered(column: Option<&str>, default: usize, option: &str) -> Result<usize> {
    let Some(column) = column else {
        return Ok(default - 1);
    };
    match column.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n - 1),
        _ => bail!("with --no-header, {option} is a column's number (1, 2, …), not {column:?}"),
    }
}

fn open_file(path: &Path, args: &CheckArgs) -> Result<Box<dyn Read>> {
    if path.is_dir() {
        bail!("{}: is a folder; give a corpus file", path.display());
    }
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    decoded(Box::new(io::BufReader::new(file)), path, args)
}

/// Why a row is ragged: its fields differ from the header's. The output
/// stays rectangular: cells past the header's are not written as cells but
/// kept here, in the evidence.
fn ragged(record: &Record, width: usize) -> Option<String> {
    if record.object.is_some() || record.fields == width {
        return None;
    }
    let extra: Vec<String> = record.cells[width.min(record.cells.len())..]
        .iter()
        .map(|cell| format!("«{cell}»"))
        .collect();
    let mut reason = format!("{} fields, the header has {width}", record.fields);
    if !extra.is_empty() {
        reason += &format!("; the cells past it: {}", extra.join(" "));
    }
    Some(reason)
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
    /// `named_by_lang`: the texts' columns are named by the language
    /// codes whatever --src-col and --tgt-col say (a table without a
    /// header).
    fn find(reader: &TableReader, options: &CheckOptions, named_by_lang: bool) -> Result<Self> {
        let (src_col, tgt_col) = if named_by_lang {
            (None, None)
        } else {
            (options.src_col.as_deref(), options.tgt_col.as_deref())
        };
        let src_name = src_col.unwrap_or(&options.src_lang);
        let tgt_name = tgt_col.unwrap_or(&options.tgt_lang);
        let header = reader.header();
        let find = |name: &str| header.iter().position(|h| table::same_name(h, name));
        // A header of sentences is a first row: say how to read it as one.
        let column = |name: &str| {
            reader.column(name).map_err(|err| {
                let sentences = header.iter().any(|h| h.split_whitespace().count() >= 3);
                let hint = if sentences && !named_by_lang {
                    "; the first row looks like text, not column names: if the file has no header row, give --no-header"
                } else {
                    ""
                };
                anyhow::anyhow!("{err}{hint}")
            })
        };
        Ok(Columns {
            src: column(src_name)?,
            tgt: column(tgt_name)?,
            bead_type: find("type"),
            doc: find("doc"),
            src_ids: find(&format!("{src_name}_ids")),
            tgt_ids: find(&format!("{tgt_name}_ids")),
        })
    }

    /// The role column `i` plays in the output.
    fn role(&self, i: usize) -> Role {
        let is = |c: Option<usize>| c == Some(i);
        if i == self.src {
            Role::SrcText
        } else if i == self.tgt {
            Role::TgtText
        } else if is(self.doc) {
            Role::Doc
        } else if is(self.src_ids) {
            Role::SrcIds
        } else if is(self.tgt_ids) {
            Role::TgtIds
        } else if is(self.bead_type) {
            Role::Type
        } else {
            Role::Other
        }
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

/// Writes each row with the added columns, through the library's
/// exporter of the output format.
struct TableWriter {
    exporter: Box<dyn Exporter>,
    /// Where each added column goes: an existing column of that name, or a
    /// new one at the end.
    slots: [usize; 3],
    /// The input's column names (JSON Lines keys).
    header: Vec<String>,
    /// Columns in the output.
    width: usize,
}

impl TableWriter {
    fn new(
        format: Format,
        outputs: Vec<Box<dyn Write>>,
        header: &[String],
        columns: &Columns,
        options: (&CheckOptions, write::Options),
    ) -> Result<Self> {
        let mut names: Vec<Column> = header
            .iter()
            .enumerate()
            .map(|(i, name)| Column::new(name.clone(), columns.role(i)))
            .collect();
        let slots = write::CHECK_COLUMNS.map(|name| {
            match names.iter().position(|c| table::same_name(&c.name, name)) {
                Some(i) => {
                    names[i].role = Role::Other;
                    i
                }
                None => {
                    names.push(Column::new(name, Role::Other));
                    names.len() - 1
                }
            }
        });
        let schema = Schema {
            columns: names,
            src_lang: options.0.src_lang.clone(),
            tgt_lang: options.0.tgt_lang.clone(),
        };
        let width = schema.columns.len();
        let exporter =
            write::exporter(format, schema, options.1, outputs).context("writing output")?;
        Ok(TableWriter {
            exporter,
            slots,
            header: header.to_vec(),
            width,
        })
    }

    fn write(&mut self, record: &Record, verdict: &Verdict) -> Result<()> {
        const NULL: Value = Value::Null;
        let (flags, evidence) = (verdict.names(), verdict.evidence());
        // The header's columns and the added ones in their slots: the
        // cells of a row longer than the header are in its `ragged`
        // evidence, so every row has the header's width.
        let mut cells: Vec<Cell> = match &record.object {
            Some(object) => self
                .header
                .iter()
                .map(|name| Cell::Json(object.get(name).unwrap_or(&NULL)))
                .collect(),
            None => record
                .cells
                .iter()
                .take(self.header.len())
                .enumerate()
                .map(|(k, c)| match record.markup.get(k) {
                    Some(Some(markup)) => Cell::Marked {
                        text: c.as_str().into(),
                        markup,
                    },
                    _ => Cell::Text(c.as_str().into()),
                })
                .collect(),
        };
        cells.resize(self.width, Cell::Text("".into()));
        let added = [
            Cell::Text(flags.as_str().into()),
            Cell::Number(verdict.quality),
            Cell::Text(evidence.as_str().into()),
        ];
        for (slot, cell) in self.slots.iter().zip(added) {
            cells[*slot] = cell;
        }
        // JSON Lines keeps the keys a later object has beyond the first's.
        let extra = record
            .object
            .iter()
            .flat_map(|o| o.iter())
            .filter(|(key, _)| !self.header.contains(key))
            .map(|(key, value)| (key.as_str(), value))
            .collect();
        self.exporter
            .write(&write::Record { cells, extra })
            .context("writing output")
    }

    fn finish(&mut self) -> Result<()> {
        self.exporter.finish().context("writing output")
    }
}

/// Where the corpus is: one table (a file or standard input) or the two
/// files of a Moses corpus, source first.
enum Input {
    Table(PathBuf, TableFormat),
    Moses([PathBuf; 2]),
}

/// The corpus: its format given, or from the file names. Two files are a
/// Moses corpus, taken in the order their language-code suffixes say when
/// they say one (`c.fa c.en` is read as `c.en c.fa`); one name that is no
/// file but has both languages' files beside it is one too (what `-o
/// corpus -f moses` wrote).
fn input_of(args: &CheckArgs) -> Result<Input> {
    let options = &args.options;
    let langs = (options.src_lang.as_str(), options.tgt_lang.as_str());
    let stdin = PathBuf::from("-");
    let table = |path: &Path, format: Option<TableFormatArg>| {
        let format = match format {
            Some(TableFormatArg::Csv) => TableFormat::Csv,
            Some(TableFormatArg::Tsv) => TableFormat::Tsv,
            Some(TableFormatArg::Jsonl) => TableFormat::Jsonl,
            Some(TableFormatArg::Tmx) => TableFormat::Tmx,
            Some(TableFormatArg::Xliff) => TableFormat::Xliff,
            Some(TableFormatArg::Moses) | None => TableFormat::from_path(path),
        };
        Input::Table(path.to_path_buf(), format)
    };
    Ok(match (args.input.as_slice(), args.format) {
        ([], Some(TableFormatArg::Moses)) => bail!(moses_stdin()),
        ([], format) => table(&stdin, format),
        ([base], Some(TableFormatArg::Moses)) if base == &stdin => bail!(moses_stdin()),
        ([base], Some(TableFormatArg::Moses)) => {
            Input::Moses(moses_files(base, langs)?)
        }
        ([path], None) if path != &stdin => match moses_beside(path, langs) {
            Some(files) => Input::Moses(files),
            None => table(path, None),
        },
        ([path], format) => table(path, format),
        ([a, b], None | Some(TableFormatArg::Moses)) => Input::Moses(moses_pair(a, b, langs)?),
        ([_, _], Some(format)) => bail!(
            "two files are read as a Moses corpus (one sentence a line, line for line); --format {} reads one file",
            format!("{format:?}").to_lowercase()
        ),
        _ => unreachable!("clap allows at most two inputs"),
    })
}

fn moses_stdin() -> &'static str {
    "a Moses corpus is two files: give both (corpus.en corpus.fa) or their common name (corpus)"
}

/// The Moses corpus one name stands for: `corpus` that is no file, with
/// `corpus.en` and `corpus.fa` beside it; or one of those two (the other
/// beside it), which read as a CSV table would be one column of the
/// first sentence.
fn moses_beside(path: &Path, (src, tgt): (&str, &str)) -> Option<[PathBuf; 2]> {
    if src == tgt {
        return None;
    }
    let base = if path.exists() {
        let code = path.extension()?.to_str()?.to_lowercase();
        if code != src && code != tgt {
            return None;
        }
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    let files = moses::files_of(&base, src, tgt);
    files.iter().all(|f| f.is_file()).then_some(files)
}

/// The two files of the Moses corpus named `base`, which must exist.
fn moses_files(base: &Path, (src, tgt): (&str, &str)) -> Result<[PathBuf; 2]> {
    if src == tgt {
        bail!("a Moses corpus's files are named by the two language codes; both are {src}");
    }
    let files = moses::files_of(base, src, tgt);
    for file in &files {
        if !file.is_file() {
            bail!(
                "no {}: the Moses corpus {} is read from {} and {}",
                file.display(),
                base.display(),
                files[0].display(),
                files[1].display()
            );
        }
    }
    Ok(files)
}

/// Two files as a Moses corpus, source first: swapped when their names end
/// in the language codes the other way round. A table's file (`.csv`,
/// `.tmx`, …) is refused: `check` reads one table at a time.
fn moses_pair(a: &Path, b: &Path, (src, tgt): (&str, &str)) -> Result<[PathBuf; 2]> {
    for path in [a, b] {
        if let Some(format) = TableFormat::named_by(path) {
            bail!(
                "{}: two files are read as a Moses corpus (plain text, one sentence a line), but this is a {} table by its name; check one table at a time",
                path.display(),
                format.name()
            );
        }
    }
    let code = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
    };
    let swapped = src != tgt && code(a).as_deref() == Some(tgt) && code(b).as_deref() == Some(src);
    Ok(if swapped {
        [b.to_path_buf(), a.to_path_buf()]
    } else {
        [a.to_path_buf(), b.to_path_buf()]
    })
}

/// The output format: given, or the input's (CSV for XLIFF and Moses).
fn output_format_of(args: &CheckArgs, input: &Input) -> Format {
    match (args.output_format, input) {
        (Some(format), _) => format.into(),
        (None, Input::Table(_, TableFormat::Csv)) => Format::Csv,
        (None, Input::Table(_, TableFormat::Tsv)) => Format::Tsv,
        (None, Input::Table(_, TableFormat::Jsonl)) => Format::Jsonl,
        (None, Input::Table(_, TableFormat::Tmx)) => Format::Tmx,
        // bitext does not write XLIFF, and a Moses corpus's two files hold
        // no flags: the checked rows are a table.
        (None, Input::Table(_, TableFormat::Xliff) | Input::Moses(_)) => Format::Csv,
    }
}
