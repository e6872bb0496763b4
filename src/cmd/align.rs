//! `bitext align`: two versions of a document, or a folder of pairs, into a
//! bilingual corpus.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::pairs::{find_pairs, PairPaths};
use bitext::write::{self, Format, Layout, Row};
use bitext::{read_text, Aligner, Bead, Document, Lang, LineBreaks, Segmenter};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{AlignArgs, AlignFormat};

/// How to read and align one pair, from the arguments.
struct Job {
    src: Segmenter,
    tgt: Segmenter,
    presplit: bool,
    aligner: Aligner,
}

/// One aligned document.
struct Aligned {
    name: Option<String>,
    src: Document,
    tgt: Document,
    beads: Vec<Bead>,
}

pub fn run(args: &AlignArgs) -> Result<()> {
    check_code(&args.src_lang)?;
    check_code(&args.tgt_lang)?;
    let job = Job::new(args);
    let format = match args.format {
        AlignFormat::Csv => Format::Csv,
        AlignFormat::Tsv => Format::Tsv,
        AlignFormat::Jsonl => Format::Jsonl,
        AlignFormat::Beads => Format::Beads,
    };
    let folder = args.inputs.len() == 1;
    if folder && !args.inputs[0].is_dir() {
        bail!(
            "{}: not a folder; give a folder of pairs, or two files EN FA",
            args.inputs[0].display()
        );
    }
    let layout = Layout {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        with_doc: folder,
        excel: args.excel,
    };
    let out = super::open_output(args.output.as_deref())?;
    let mut writer = write::writer(format, layout, out)?;
    let failed = if folder {
        let (docs, failed) = align_folder(&args.inputs[0], args, &job)?;
        for doc in &docs {
            write_doc(writer.as_mut(), doc)?;
        }
        failed
    } else {
        let doc = job.align_pair(None, &args.inputs[0], &args.inputs[1])?;
        warn_about(&doc, &args.inputs[0], &args.inputs[1]);
        write_doc(writer.as_mut(), &doc)?;
        0
    };
    writer.finish().context("writing output")?;
    if failed > 0 {
        bail!("{failed} pair(s) failed (see above); the others were written");
    }
    Ok(())
}

/// Language codes name columns: letters, digits and `-` only.
fn check_code(code: &str) -> Result<()> {
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        bail!("invalid language code {code:?}: use a code such as en, fa, de");
    }
    Ok(())
}

impl Job {
    fn new(args: &AlignArgs) -> Self {
        let line_breaks = if args.join_lines {
            LineBreaks::Space
        } else {
            LineBreaks::Sentence
        };
        // en and fa have their own rules; any other code is segmented by the
        // script of each paragraph.
        let segmenter = |code: &str| {
            Segmenter::new(code.parse::<Lang>().unwrap_or(Lang::Auto))
                .with_line_breaks(line_breaks)
                .with_quotations_kept(false)
        };
        Job {
            src: segmenter(&args.src_lang),
            tgt: segmenter(&args.tgt_lang),
            presplit: args.presplit,
            aligner: Aligner::default().with_lexical(!args.no_lexical),
        }
    }

    fn read(&self, path: &Path, segmenter: &Segmenter) -> Result<Document> {
        let text = read_text(path)?;
        Ok(if self.presplit {
            Document::presplit(&text)
        } else {
            Document::segment(&text, segmenter)
        })
    }

    fn align_pair(&self, name: Option<String>, src: &Path, tgt: &Path) -> Result<Aligned> {
        let src = self.read(src, &self.src)?;
        let tgt = self.read(tgt, &self.tgt)?;
        let beads = self.aligner.align(&src, &tgt);
        Ok(Aligned {
            name,
            src,
            tgt,
            beads,
        })
    }
}

/// Aligns every pair of the folder in parallel; returns the documents in
/// name order and how many pairs failed (each reported on stderr).
fn align_folder(dir: &Path, args: &AlignArgs, job: &Job) -> Result<(Vec<Aligned>, usize)> {
    let found = find_pairs(dir, &args.src_lang, &args.tgt_lang)
        .with_context(|| format!("reading {}", dir.display()))?;
    if found.pairs.is_empty() && found.incomplete.is_empty() {
        bail!(
            "{}: no pairs found; expected subfolders with {s}.txt and {t}.txt, or NAME.{s}.txt and NAME.{t}.txt",
            dir.display(),
            s = args.src_lang,
            t = args.tgt_lang
        );
    }
    for (path, reason) in &found.incomplete {
        eprintln!("bitext: {}: {reason}", path.display());
    }
    let progress = progress_bar(found.pairs.len());
    let results: Vec<(&PairPaths, Result<Aligned>)> = found
        .pairs
        .par_iter()
        .map(|pair| {
            let result = job.align_pair(Some(pair.name.clone()), &pair.src, &pair.tgt);
            progress.inc(1);
            (pair, result)
        })
        .collect();
    progress.finish_and_clear();
    let mut docs = Vec::new();
    let mut failed = found.incomplete.len();
    for (pair, result) in results {
        match result {
            Ok(doc) => {
                warn_about(&doc, &pair.src, &pair.tgt);
                docs.push(doc);
            }
            Err(err) => {
                eprintln!("bitext: {}: {err:#}", pair.name);
                failed += 1;
            }
        }
    }
    Ok((docs, failed))
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

fn warn_about(doc: &Aligned, src: &Path, tgt: &Path) {
    let (n, m) = (doc.src.len(), doc.tgt.len());
    if n == 0 || m == 0 {
        let empty = if n == 0 { src } else { tgt };
        eprintln!(
            "bitext: warning: {} has no sentences; every sentence of the other side gets its own row",
            empty.display()
        );
    } else if n.max(m) > 5 * n.min(m) {
        eprintln!(
            "bitext: warning: {} has {n} sentences and {} has {m}; aligned anyway, check the result",
            src.display(),
            tgt.display()
        );
    }
}

fn write_doc(writer: &mut dyn write::CorpusWriter, doc: &Aligned) -> Result<()> {
    for bead in &doc.beads {
        let row = Row {
            doc: doc.name.as_deref(),
            src_text: doc.src.sentences[bead.src.clone()].join(" "),
            tgt_text: doc.tgt.sentences[bead.tgt.clone()].join(" "),
            src_ids: bead.src.clone().collect(),
            tgt_ids: bead.tgt.clone().collect(),
            score: bead.score,
        };
        writer.write_row(&row).context("writing output")?;
    }
    Ok(())
}
