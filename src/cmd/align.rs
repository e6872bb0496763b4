//! `bitext align`: two versions of a document, or a folder of pairs, into a
//! bilingual corpus.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bitext::check::{Report, ReportRow, Summary};
use bitext::corpus::{self, AlignJob, AlignedDoc, Checked, DocPair};
use bitext::html::is_html;
use bitext::packaged::Package;
use bitext::pairs::{find_pairs, Discovery, PairPaths};
use bitext::subtitles::is_subtitles;
use bitext::write::{self, CheckCells, Exporter, Format, Layout, Options, Row};
use bitext::{
    hard_wrap_width, is_shaped, is_visual_order_persian, read_file, read_text, Aligner, Document,
    Encoding, ErrorKind, Lexicon, LineBreaks, TextFile,
};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{AlignArgs, CheckOptions, LineBreakMode};

/// How to read and align, from the arguments.
struct Job {
    job: AlignJob,
    /// Whether each side's line breaks are read from its layout, so that a
    /// hard-wrapped one is worth a note.
    detects_wrapping: bool,
    /// `--presplit`: a hard-wrapped side is then worth a warning.
    presplit: bool,
    /// `--encoding`: what a side that is not UTF-8 is read as, for the
    /// source and the target (a guess weighs each one's language).
    encodings: [Option<Encoding>; 2],
    /// The source's and the target's language codes.
    languages: [String; 2],
}

pub fn run(args: &AlignArgs) -> Result<bool> {
    corpus::check_code(&args.src_lang).map_err(anyhow::Error::msg)?;
    corpus::check_code(&args.tgt_lang).map_err(anyhow::Error::msg)?;
    let job = Job::new(args);
    let format = Format::from(args.format);
    let folder = args.inputs.len() == 1;
    if folder && !args.inputs[0].is_dir() {
        bail!(
            "{}: not a folder; give a folder of pairs, or two files EN FA",
            args.inputs[0].display()
        );
    }
    if args.excel && !format.is_delimited() {
        bail!("--excel applies to CSV and TSV output, not --format {format:?}");
    }
    if args.skip_empty && format != Format::Tmx {
        bail!("--skip-empty applies to --format tmx");
    }
    let check = args.check_options();
    if let Some(options) = &check {
        super::check::validate(options)?;
    }
    if check.is_some() && matches!(format, Format::Beads | Format::Moses) {
        bail!("--check adds columns; use --format csv, tsv, jsonl or tmx");
    }
    let layout = Layout {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        with_doc: folder,
        with_check: check.is_some(),
    };
    let options = Options {
        excel: args.excel,
        skip_empty: args.skip_empty,
    };
    if let Some(path) = &args.lexicon_out {
        super::check_output_path(path)?;
    }
    let found = if folder {
        Some(discover(&args.inputs[0], args)?)
    } else {
        let (src, tgt) = (&args.inputs[0], &args.inputs[1]);
        if same_file::is_same_file(src, tgt).unwrap_or(false) {
            bail!(
                "{} and {} are the same file: give the {} document, then its {} translation",
                src.display(),
                tgt.display(),
                args.src_lang,
                args.tgt_lang
            );
        }
        None
    };
    refuse_inputs_as_outputs(args, format, check.as_ref(), found.as_ref())?;
    let job = job.with_word_lists(args)?;
    let notes = Notes::new(args.quiet);
    let (mut writer, pendings) = open_writer(format, &layout, options, args)?;
    let (docs, failed, lexicon) = if let Some(found) = found {
        align_folder(found, args, &job, &notes)?
    } else {
        let spinner = spinner(args.quiet);
        spinner.set_message("reading and segmenting both files");
        let src = job.read(&args.inputs[0], true, &notes)?;
        let tgt = job.read(&args.inputs[1], false, &notes)?;
        spinner.suspend(|| notes.tell_layouts(2));
        job.check_lexicon(&src, &tgt, &args.inputs[0])?;
        spinner.set_message(format!(
            "aligning {} × {} sentences (by length, then by the words learned)",
            src.len(),
            tgt.len()
        ));
        let mut set = job.job.align(vec![DocPair {
            name: None,
            src,
            tgt,
        }]);
        spinner.finish_and_clear();
        let (doc, lexicon) = (set.docs.pop().unwrap_or_default(), set.lexicon);
        warn_about(&doc, &args.inputs[0], &args.inputs[1], &notes);
        warn_if_swapped(
            (&doc.src, &doc.tgt),
            args,
            (&args.inputs[0], &args.inputs[1]),
            &notes,
        );
        (vec![doc], 0, lexicon)
    };
    if let Some(path) = &args.lexicon_out {
        let lexicon = lexicon.unwrap_or_default();
        if lexicon.is_empty() {
            notes.warn(format!(
                "no word pair was learned (too few confident pairs); {} lists none",
                path.display()
            ));
        }
        super::write_atomically(path, |out| {
            lexicon.write((&args.src_lang, &args.tgt_lang), out)
        })
        .with_context(|| format!("writing {}", path.display()))?;
    }
    let rows: Vec<Row> = docs.iter().flat_map(AlignedDoc::rows).collect();
    let rows_written = rows.len();
    let passed = match &check {
        Some(options) => check_rows(rows, options, &layout, writer.as_mut())?,
        None => {
            for row in &rows {
                writer
                    .write(&row.record(&layout))
                    .context("writing output")?;
            }
            true
        }
    };
    writer.finish().context("writing output")?;
    drop(writer);
    for pending in pendings {
        pending.commit()?;
    }
    notes.summary(docs.len(), rows_written);
    if failed > 0 {
        bail!("{failed} pair(s) failed (see above); the others were written");
    }
    Ok(passed)
}

/// `--check`: judges the rows (the length model fitted on all of them,
/// neighbours taken within each document) and writes those that pass the
/// filters with the check columns. Returns whether `--max-flagged` held.
fn check_rows(
    mut rows: Vec<Row>,
    options: &crate::cli::CheckOptions,
    layout: &Layout,
    writer: &mut dyn Exporter,
) -> Result<bool> {
    let Checked {
        verdicts,
        lengths,
        checker,
    } = corpus::check_rows(&rows, super::check::config(options));
    let mut summary = Summary::new(checker.model());
    let mut report = options
        .html
        .as_ref()
        .map(|_| Report::new(&options.src_lang, &options.tgt_lang));
    for (i, (verdict, lengths)) in verdicts.iter().zip(&lengths).enumerate() {
        let row = &mut rows[i];
        summary.add(verdict, *lengths, Some(&row.shape()));
        if let Some(report) = report.as_mut() {
            let (src_ids, tgt_ids) = (
                write::sentence_numbers(&row.src_ids),
                write::sentence_numbers(&row.tgt_ids),
            );
            report.add(
                &ReportRow {
                    row: i + 1,
                    doc: row.doc,
                    src: &row.src_text,
                    tgt: &row.tgt_text,
                    src_ids: Some(&src_ids),
                    tgt_ids: Some(&tgt_ids),
                    lengths: *lengths,
                },
                verdict,
            );
        }
        if super::check::keep(verdict, options) {
            row.check = Some(CheckCells {
                flags: verdict.names(),
                quality: verdict.quality,
                evidence: verdict.evidence(),
            });
            writer
                .write(&row.record(layout))
                .context("writing output")?;
        }
    }
    summary.finish();
    super::check::finish_outputs(options, &summary, report)?;
    Ok(options
        .max_flagged
        .is_none_or(|max| summary.flagged_share() <= max))
}

/// The exporter of `format` and its output files, opened (and their
/// folders checked) before any work. Moses output is two files,
/// `PREFIX.SRC` and `PREFIX.TGT`, from `-o PREFIX`.
fn open_writer(
    format: Format,
    layout: &Layout,
    options: Options,
    args: &AlignArgs,
) -> Result<(Box<dyn Exporter>, Vec<super::Pending>)> {
    let (outputs, pendings) = super::open_outputs(
        format,
        args.output.as_deref(),
        &args.src_lang,
        &args.tgt_lang,
    )?;
    let exporter = write::exporter(format, layout.schema(), options, outputs)?;
    Ok((exporter, pendings))
}

impl Job {
    fn new(args: &AlignArgs) -> Self {
        let line_breaks = LineBreakMode::read(args.join_lines, args.line_breaks);
        let detects_wrapping = line_breaks == LineBreaks::Detect && !args.presplit;
        let job = AlignJob::new(&args.src_lang, &args.tgt_lang)
            .with_presplit(args.presplit)
            .with_line_breaks(line_breaks)
            .with_aligner(Aligner::default().with_lexical(!args.no_lexical));
        Job {
            job,
            detects_wrapping,
            presplit: args.presplit,
            encodings: [&args.src_lang, &args.tgt_lang]
                .map(|code| args.encoding.map(|e| e.for_language(code))),
            languages: [args.src_lang.clone(), args.tgt_lang.clone()],
        }
    }

    /// The aligner with `--lexicon` and `--dict` read.
    fn with_word_lists(mut self, args: &AlignArgs) -> Result<Self> {
        if let Some(path) = &args.lexicon {
            let text = read_text(path)?;
            let ((src, tgt), lexicon) =
                Lexicon::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            if (src.as_str(), tgt.as_str()) == (args.tgt_lang.as_str(), args.src_lang.as_str())
                && src != tgt
            {
                bail!(
                    "{}: this lexicon is {src}→{tgt}, the run is {}→{}: learn one in this direction (--lexicon-out with the same --src-lang/--tgt-lang)",
                    path.display(),
                    args.src_lang,
                    args.tgt_lang
                );
            }
            let aligner = self.job.aligner().clone();
            self.job = self
                .job
                .with_aligner(aligner.with_lexicon(std::sync::Arc::new(lexicon)));
        }
        if let Some(path) = &args.dict {
            let pairs = read_dictionary(&read_text(path)?)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let aligner = self.job.aligner().clone();
            self.job = self.job.with_aligner(aligner.with_dictionary(pairs));
        }
        Ok(self)
    }

    /// Refuses a `--lexicon` whose sides know the document's words the
    /// other way round (a table learned fa→en used for en→fa).
    fn check_lexicon(&self, src: &Document, tgt: &Document, path: &Path) -> Result<()> {
        let Some(lexicon) = self.job.aligner().lexicon() else {
            return Ok(());
        };
        let sample = |doc: &Document| doc.sentences.len().min(2000);
        let ((s_right, s_wrong), (t_right, t_wrong)) =
            lexicon.coverage(&src.sentences[..sample(src)], &tgt.sentences[..sample(tgt)]);
        if s_right + t_right < (s_wrong + t_wrong) / 2 {
            bail!(
                "the lexicon knows the words of {} as its target side: it was learned in the other direction (swap --src-lang and --tgt-lang when learning it, or swap the inputs)",
                path.display()
            );
        }
        Ok(())
    }

    /// `err`, or for a side in another encoding too short for the bytes
    /// alone to say which (a few subtitles), the encoding its language's
    /// guess reads it as — what `--encoding auto` would do.
    fn explain(&self, err: bitext::Error, path: &Path, side: usize) -> anyhow::Error {
        let ErrorKind::NotUtf8 {
            offset,
            line,
            looks_like: None,
        } = *err.kind()
        else {
            return err.into();
        };
        let language = &self.languages[side];
        let guess = Encoding::guess().for_language(language);
        match read_file(path, Some(guess)) {
            Ok(TextFile {
                encoding: Some(name),
                ..
            }) => anyhow::anyhow!(
                "{}: not UTF-8 (byte offset {offset}, line {line}): as {language} text it looks like {name}; read it as that (--encoding {}, or --encoding auto) or convert it first (iconv -f {} -t UTF-8)",
                path.display(),
                name.to_lowercase(),
                name.to_uppercase()
            ),
            _ => err.into(),
        }
    }

    /// One side read from `path`; a packaged document, subtitles, a web
    /// page and a hard-wrapped text are noted.
    fn read(&self, path: &Path, source: bool, notes: &Notes) -> Result<Document> {
        let side = usize::from(!source);
        let TextFile {
            text,
            package,
            encoding,
        } = read_file(path, self.encodings[side]).map_err(|err| self.explain(err, path, side))?;
        if let Some(encoding) = encoding {
            notes.read_as(path, ReadAs::Encoded(encoding));
        }
        if is_shaped(&text) {
            notes.read_as(path, ReadAs::Shaped);
        }
        if is_visual_order_persian(&text) {
            notes.warn(format!(
                "{} looks like Persian in visual order: each line's letters right to left as a PDF lays out its glyphs, so its words read backwards (ار for را, زا for از); its rows will too. Extract the text again with a tool that keeps the reading order",
                path.display()
            ));
        }
        if let Some(package) = package {
            notes.read_as(path, ReadAs::Packaged(package));
        } else if !self.presplit && is_subtitles(&text) {
            notes.read_as(path, ReadAs::Subtitles);
        } else if !self.presplit && is_html(&text) {
            notes.read_as(path, ReadAs::Html);
        } else if self.detects_wrapping || self.presplit {
            match hard_wrap_width(&text) {
                Some(width) if self.presplit => notes.warn(format!(
                    "{} looks hard-wrapped (lines of about {width} characters that break inside sentences), but --presplit reads each line as a sentence",
                    path.display()
                )),
                Some(width) => notes.read_as(path, ReadAs::Wrapped(width)),
                None => {}
            }
        }
        Ok(self.job.document(&text, source))
    }
}

/// The pairs of the folder `dir`; none is an error.
fn discover(dir: &Path, args: &AlignArgs) -> Result<Discovery> {
    let found = find_pairs(dir, &args.src_lang, &args.tgt_lang)
        .with_context(|| format!("reading {}", dir.display()))?;
    if found.pairs.is_empty() && found.incomplete.is_empty() {
        bail!(
            "{}: no pairs found; expected subfolders with {s}.txt and {t}.txt, files NAME.{s}.txt and NAME.{t}.txt (or NAME_{s}.txt, NAME.{s}), or folders {s}/ and {t}/ with files of the same names",
            dir.display(),
            s = args.src_lang,
            t = args.tgt_lang
        );
    }
    Ok(found)
}

/// Refuses an output that is one of the files the run reads (see
/// [`super::refuse_inputs_as_outputs`]): the two documents or the
/// folder's, and the word lists.
fn refuse_inputs_as_outputs(
    args: &AlignArgs,
    format: Format,
    check: Option<&CheckOptions>,
    found: Option<&Discovery>,
) -> Result<()> {
    let documents: Vec<&Path> = match found {
        Some(found) => found
            .pairs
            .iter()
            .flat_map(|p| [p.src.as_path(), p.tgt.as_path()])
            .collect(),
        None => args.inputs.iter().map(PathBuf::as_path).collect(),
    };
    let lists = [&args.lexicon, &args.dict].into_iter().flatten();
    let inputs: Vec<&Path> = documents
        .into_iter()
        .chain(lists.map(PathBuf::as_path))
        .collect();
    let corpus = super::output_paths(
        format,
        args.output.as_deref(),
        &args.src_lang,
        &args.tgt_lang,
    );
    let side = check
        .into_iter()
        .flat_map(super::check::side_outputs)
        .chain(args.lexicon_out.as_ref());
    let outputs: Vec<&Path> = corpus.iter().chain(side).map(PathBuf::as_path).collect();
    super::refuse_inputs_as_outputs(&inputs, &outputs)
}

/// Reads every pair of the folder in parallel, then aligns them together
/// (one lexicon learned from all); returns the documents in name order,
/// how many pairs failed (each reported on stderr) and the lexicon.
fn align_folder(
    found: Discovery,
    args: &AlignArgs,
    job: &Job,
    notes: &Notes,
) -> Result<(Vec<AlignedDoc>, usize, Option<std::sync::Arc<Lexicon>>)> {
    for (path, reason) in &found.incomplete {
        eprintln!("bitext: {}: {reason}", path.display());
    }
    let progress = progress_bar(found.pairs.len());
    let results: Vec<(&PairPaths, Result<(Document, Document)>)> = found
        .pairs
        .par_iter()
        .map(|pair| {
            let read = || -> Result<(Document, Document)> {
                Ok((
                    job.read(&pair.src, true, notes)?,
                    job.read(&pair.tgt, false, notes)?,
                ))
            };
            let result = read();
            progress.inc(1);
            (pair, result)
        })
        .collect();
    progress.finish_and_clear();
    notes.tell_layouts(2 * found.pairs.len());
    let mut read = Vec::new();
    let mut failed = found.incomplete.len();
    for (pair, result) in results {
        match result {
            Ok(docs) => read.push((pair, docs)),
            Err(err) => {
                eprintln!("bitext: {}: {err:#}", pair.name);
                failed += 1;
            }
        }
    }
    // The first pair speaks for the folder: its pairs were all found by
    // one naming, and are aligned with one lexicon.
    if let Some((pair, (src, tgt))) = read.first() {
        job.check_lexicon(src, tgt, &pair.src)?;
        warn_if_swapped((src, tgt), args, (&pair.src, &pair.tgt), notes);
    }
    let paths: Vec<&PairPaths> = read.iter().map(|(pair, _)| *pair).collect();
    let set = job.job.align(
        read.into_iter()
            .map(|(pair, (src, tgt))| DocPair {
                name: Some(pair.name.clone()),
                src,
                tgt,
            })
            .collect(),
    );
    for (doc, pair) in set.docs.iter().zip(&paths) {
        warn_about(doc, &pair.src, &pair.tgt, notes);
    }
    Ok((set.docs, failed, set.lexicon))
}

/// A bilingual word list: `target @ source` lines (hunalign) or two
/// tab-separated columns, source first. Blank lines and `#` comments are
/// skipped; a line that is neither is an error naming it. Duplicate lines
/// are kept once.
fn read_dictionary(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let pair = if let Some((src, tgt)) = line.split_once('\t') {
            (src.trim(), tgt.trim())
        } else if let Some((tgt, src)) = line.split_once(" @ ") {
            (src.trim(), tgt.trim())
        } else {
            return Err(format!(
                "line {}: expected `target @ source` or two tab-separated columns, found {line:?}",
                n + 1
            ));
        };
        if pair.0.is_empty() || pair.1.is_empty() {
            return Err(format!("line {}: an empty side", n + 1));
        }
        pairs.push((pair.0.to_string(), pair.1.to_string()));
    }
    if pairs.is_empty() {
        return Err("the dictionary has no entries".to_string());
    }
    pairs.sort();
    pairs.dedup();
    Ok(pairs)
}

/// A bar on stderr when it is a terminal; hidden otherwise, so logs and
/// pipes stay clean.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pairs {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// For one pair: what is being done and for how long, on stderr when it
/// is a terminal (a book-length pair takes seconds); hidden otherwise.
fn spinner(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        spinner.set_style(style);
    }
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}

/// Whether a language is written in Arabic script (`Some(true)`), in Latin
/// (`Some(false)`), or neither is known for its code.
fn arabic_script(code: &str) -> Option<bool> {
    match bitext::Lang::from_code(code)?.script() {
        bitext::Script::Arabic => Some(true),
        bitext::Script::Latin => Some(false),
        _ => None,
    }
}

/// Warns when each side is written in the other language's script: the
/// inputs were given in the wrong order (the Persian file first), and
/// the columns would be labelled the other way round. Else, when a side
/// is not written in its language's script (the default `fa` for a
/// German or Chinese text), that its column is misnamed: its sentences
/// were split by the rules of its own script.
fn warn_if_swapped(
    (src_doc, tgt_doc): (&Document, &Document),
    args: &AlignArgs,
    (src, tgt): (&Path, &Path),
    notes: &Notes,
) {
    if sides_swapped((src_doc, tgt_doc), args) {
        notes.warn(format!(
            "{} looks like {} text and {} like {}: are the sides swapped? Give the {} file first (or swap --src-lang and --tgt-lang)",
            src.display(),
            args.tgt_lang,
            tgt.display(),
            args.src_lang,
            args.src_lang
        ));
        return;
    }
    let sides = [
        (src_doc, src, &args.src_lang, "--src-lang"),
        (tgt_doc, tgt, &args.tgt_lang, "--tgt-lang"),
    ];
    for (doc, path, code, flag) in sides {
        let Some(lang) = bitext::Lang::from_code(code) else {
            continue;
        };
        match bitext::text_script(&opening(doc)) {
            Some((script, name)) if script != lang.script() => notes.warn(format!(
                "{} is written in {name} script, not in {}'s: its column is named {code} (give its language with {flag})",
                path.display(),
                lang.name(),
            )),
            _ => {}
        }
    }
}

/// The first 200 sentences of `doc`, run together: what its script is
/// judged by.
fn opening(doc: &Document) -> String {
    doc.sentences.iter().take(200).map(|s| s.as_str()).collect()
}

/// Whether each side is written in the other's script (Latin, Arabic).
fn sides_swapped((src_doc, tgt_doc): (&Document, &Document), args: &AlignArgs) -> bool {
    let (Some(src_arabic), Some(tgt_arabic)) =
        (arabic_script(&args.src_lang), arabic_script(&args.tgt_lang))
    else {
        return false;
    };
    if src_arabic == tgt_arabic {
        return false;
    }
    let share = |d: &Document| bitext::boilerplate::arabic_share(&opening(d));
    let (Some(a), Some(b)) = (share(src_doc), share(tgt_doc)) else {
        return false;
    };
    let looks_arabic = |x: f64| x > 0.5;
    looks_arabic(a) == tgt_arabic && looks_arabic(b) == src_arabic
}

fn warn_about(doc: &AlignedDoc, src: &Path, tgt: &Path, notes: &Notes) {
    let (n, m) = (doc.src.len(), doc.tgt.len());
    if n == 0 || m == 0 {
        let empty = if n == 0 { src } else { tgt };
        notes.warn(format!(
            "{} has no sentences; every sentence of the other side gets its own row",
            empty.display()
        ));
    } else if n.max(m) > 5 * n.min(m) {
        notes.warn(format!(
            "{} has {n} sentences and {} has {m}; aligned anyway, check the result",
            src.display(),
            tgt.display()
        ));
    }
    let runs = doc.missing_passages(MISSING_PASSAGE);
    for (from_src, sentences) in runs.iter().take(3) {
        let (has, lacks) = if *from_src { (src, tgt) } else { (tgt, src) };
        notes.warn(format!(
            "{} has nothing for sentences {}–{} of {} ({} in a row); check that it is complete",
            lacks.display(),
            sentences.start + 1,
            sentences.end,
            has.display(),
            sentences.len()
        ));
    }
    if runs.len() > 3 {
        notes.warn(format!("and {} more such passages", runs.len() - 3));
    }
}

/// Warnings on standard error (none with `-q`), counted for the summary.
struct Notes {
    quiet: bool,
    warnings: std::sync::atomic::AtomicUsize,
    /// The files read as subtitles, web pages or hard-wrapped text.
    layouts: std::sync::Mutex<Vec<(PathBuf, ReadAs)>>,
}

impl Notes {
    fn new(quiet: bool) -> Self {
        Notes {
            quiet,
            warnings: Default::default(),
            layouts: Default::default(),
        }
    }

    /// Notes that the file at `path` is read as `how`.
    fn read_as(&self, path: &Path, how: ReadAs) {
        let mut layouts = self.layouts.lock().unwrap_or_else(|e| e.into_inner());
        layouts.push((path.to_path_buf(), how));
    }

    /// Says which of the `files` read were subtitles, web pages or
    /// hard-wrapped, so a
    /// user whose lines were meant otherwise knows the flag: one line a
    /// file, one of each for a folder.
    fn tell_layouts(&self, files: usize) {
        if self.quiet {
            return;
        }
        let mut layouts = self.layouts.lock().unwrap_or_else(|e| e.into_inner());
        layouts.sort();
        if files <= 2 {
            for (path, how) in layouts.iter() {
                eprintln!("bitext: {}", how.describe(path));
            }
            return;
        }
        // Each kind once, in the order `ReadAs` declares them.
        let mut hows: Vec<ReadAs> = layouts.iter().map(|&(_, how)| how).collect();
        hows.sort();
        let mut kinds: Vec<&str> = hows.iter().map(|how| how.kind()).collect();
        kinds.dedup();
        for name in kinds {
            let kind: Vec<&(PathBuf, ReadAs)> = layouts
                .iter()
                .filter(|(_, how)| how.kind() == name)
                .collect();
            if let Some((path, how)) = kind.first() {
                eprintln!(
                    "bitext: {} of {files} files are {name}; the first, {}",
                    kind.len(),
                    how.describe(path)
                );
            }
        }
    }

    fn warn(&self, message: String) {
        self.warnings
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if !self.quiet {
            eprintln!("bitext: warning: {message}");
        }
    }

    /// One line after the run: documents, rows, warnings.
    fn summary(&self, documents: usize, rows: usize) {
        if self.quiet {
            return;
        }
        let warnings = self.warnings.load(std::sync::atomic::Ordering::Relaxed);
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        eprintln!(
            "bitext: aligned {} into {}; {}",
            plural(documents, "document", "documents"),
            plural(rows, "row", "rows"),
            plural(warnings, "warning", "warnings")
        );
    }
}

/// How a file's layout was read, when not as lines of paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ReadAs {
    /// SubRip or WebVTT: the cues' text.
    Subtitles,
    /// A web page: its text.
    Html,
    /// A Word, OpenDocument or EPUB document: its text.
    Packaged(Package),
    /// Hard-wrapped at about this many chars.
    Wrapped(usize),
    /// Not UTF-8: decoded from this encoding (`--encoding`).
    Encoded(&'static str),
    /// Arabic script in presentation forms (a PDF's shaped glyphs).
    Shaped,
}

impl ReadAs {
    /// What files read so are, in a folder's summary.
    fn kind(self) -> &'static str {
        match self {
            ReadAs::Subtitles => "subtitles",
            ReadAs::Html => "web pages",
            ReadAs::Packaged(Package::Word) => "Word documents",
            ReadAs::Packaged(Package::OpenDocument) => "OpenDocument texts",
            ReadAs::Packaged(Package::Epub) => "EPUB books",
            ReadAs::Wrapped(_) => "hard-wrapped",
            ReadAs::Encoded(_) => "not UTF-8",
            ReadAs::Shaped => "in presentation forms",
        }
    }

    /// What a user reads about the file at `path`.
    fn describe(self, path: &Path) -> String {
        let path = path.display();
        match self {
            ReadAs::Subtitles => format!(
                "{path} is subtitles: its cue numbers, timings and tags are left out, and its lines are read as running text"
            ),
            ReadAs::Html => format!(
                "{path} is a web page: its body's text is read, each paragraph, heading, list item or table cell a paragraph; tags, scripts and styles are left out"
            ),
            ReadAs::Packaged(package) => format!(
                "{path} is {}: {}",
                package.name(),
                match package {
                    Package::Epub => "its spine's pages are read in order as web pages, each paragraph, heading or list item a paragraph",
                    _ => "its body's paragraphs are read (each heading, list item, table cell or text box a paragraph); headers, footers, notes, comments and deleted text are left out",
                }
            ),
            ReadAs::Encoded(encoding) => format!("{path} is not UTF-8: it was read as {encoding}"),
            ReadAs::Shaped => format!(
                "{path} writes Arabic script in presentation forms (the shaped glyphs of text copied out of a PDF): aligned by the letters they show; the rows keep the text as it came (bitext segment --normalize writes the letters)"
            ),
            ReadAs::Wrapped(width) => format!(
                "{path} is hard-wrapped at about {width} characters: its line breaks are read as spaces, and a line ending well short of that ends a paragraph (--line-breaks sentence reads each line as a paragraph)"
            ),
        }
    }
}

/// The fewest sentences in a row without a counterpart that are worth a
/// warning: a site line or two is common, a paragraph is not.
const MISSING_PASSAGE: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_in_both_layouts() {
        let text = "\u{feff}# a comment\nhaus @ house\r\nbook\tbuch\n\nbook\tbuch\n";
        let pairs = read_dictionary(text).unwrap();
        assert_eq!(
            pairs,
            [
                ("book".to_string(), "buch".to_string()),
                ("house".to_string(), "haus".to_string())
            ]
        );
        assert!(read_dictionary("house haus\n")
            .unwrap_err()
            .starts_with("line 1:"));
        assert!(read_dictionary("a\tb\n\t c\n")
            .unwrap_err()
            .starts_with("line 2: an empty side"));
        assert!(read_dictionary("# only a comment\n")
            .unwrap_err()
            .contains("no entries"));
    }
}
