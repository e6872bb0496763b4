//! `bitext segment`: split a text into sentences.

use std::io::Write;

use anyhow::{Context, Result};
use bitext::{read_text, Lang, LineBreaks, Normalizer, Segmenter};
use serde::Serialize;

use crate::cli::{LineBreakMode, SegmentArgs, SegmentFormat};

#[derive(Serialize)]
struct Record<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    paragraph: usize,
}

pub fn run(args: &SegmentArgs) -> Result<()> {
    let lang: Lang = args.lang.parse()?;
    let line_breaks = match (args.join_lines, args.line_breaks) {
        (true, _) | (false, Some(LineBreakMode::Space)) => LineBreaks::Space,
        (false, Some(LineBreakMode::Auto)) => LineBreaks::Auto,
        _ => LineBreaks::Sentence,
    };
    let (mut out, pending) = super::open_output(args.output.as_deref())?;
    let text = read_text(&args.input)?;
    let segmenter = Segmenter::new(lang).with_line_breaks(line_breaks);
    let normalizer = args.normalize.then(Normalizer::default);
    let mut line = String::new();
    for sentence in segmenter.sentences(&text) {
        line.clear();
        let raw = sentence.text(&text);
        let shown = match &normalizer {
            Some(n) => n.normalize(raw),
            None => raw.to_string(),
        };
        match args.format {
            // Joined lines keep their line breaks in the text; one sentence
            // per line needs them as spaces.
            SegmentFormat::Text => {
                line.extend(
                    shown
                        .chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                )
            }
            SegmentFormat::Jsonl => {
                let record = Record {
                    text: &shown,
                    start: sentence.start,
                    end: sentence.end,
                    paragraph: sentence.paragraph,
                };
                line = serde_json::to_string(&record)?;
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes()).context("writing output")?;
    }
    out.flush().context("writing output")?;
    drop(out);
    pending.commit()
}
