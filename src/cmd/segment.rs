//! `bitext segment`: split a text into sentences.

use std::io::Write;

use anyhow::{Context, Result};
use bitext::corpus::running_text;
use bitext::write::{self, Cell, Exporter, Format, Record, Schema};
use bitext::{read_file, Normalizer, Segmenter};

use crate::cli::{LineBreakMode, SegmentArgs, SegmentFormat};

/// Where sentences go: one per line, or a table through the exporter.
enum Out {
    Lines(Box<dyn Write>),
    Table(Box<dyn Exporter>),
}

pub fn run(args: &SegmentArgs) -> Result<()> {
    let segmenter = Segmenter::for_code(&args.lang)?;
    let line_breaks = LineBreakMode::read(args.join_lines, args.line_breaks);
    let table = match args.format {
        SegmentFormat::Text => None,
        SegmentFormat::Jsonl => Some(Format::Jsonl),
        SegmentFormat::Csv => Some(Format::Csv),
        SegmentFormat::Tsv => Some(Format::Tsv),
    };
    if args.excel && !table.is_some_and(Format::is_delimited) {
        anyhow::bail!("--excel applies to --format csv and tsv");
    }
    let outputs: Vec<&std::path::Path> = args.output.as_deref().into_iter().collect();
    super::refuse_inputs_as_outputs(&[&args.input], &outputs)?;
    let (out, pending) = super::open_output(args.output.as_deref())?;
    let encoding = args.encoding.map(|e| e.for_language(&args.lang));
    let file = read_file(&args.input, encoding)?;
    super::tell_encoding(&args.input, file.encoding, args.encoding);
    let text = file.text;
    // Subtitles and a web page are split as their text (offsets count it),
    // as `align` reads them.
    let segmenter = segmenter.with_line_breaks(line_breaks);
    let (text, segmenter) = running_text(&text, segmenter).unwrap_or((text, segmenter));
    let normalizer = args.normalize.then(Normalizer::default);
    let mut out = match table {
        None => Out::Lines(out),
        Some(format) => Out::Table(write::exporter(
            format,
            Schema::plain(&["text", "start", "end", "paragraph"]),
            write::Options {
                excel: args.excel,
                skip_empty: false,
            },
            vec![out],
        )?),
    };
    let shown = |raw: &str| match &normalizer {
        Some(n) => n.normalize(raw),
        None => raw.to_string(),
    };
    for sentence in segmenter.sentences(&text) {
        match &mut out {
            // Joined lines keep their line breaks in the text; one sentence
            // per line has each (and the spaces around it) as a space.
            Out::Lines(out) => {
                let mut line = sentence.line(&text);
                if let Some(n) = &normalizer {
                    line = n.normalize(&line);
                }
                line.push('\n');
                out.write_all(line.as_bytes())
            }
            Out::Table(table) => table.write(&Record {
                cells: vec![
                    Cell::Text(shown(sentence.text(&text)).into()),
                    Cell::Int(sentence.start as u64),
                    Cell::Int(sentence.end as u64),
                    Cell::Int(sentence.paragraph as u64),
                ],
                extra: Vec::new(),
            }),
        }
        .context("writing output")?;
    }
    match &mut out {
        Out::Lines(out) => out.flush(),
        Out::Table(table) => table.finish(),
    }
    .context("writing output")?;
    drop(out);
    pending.commit()
}
