//! Command-line arguments. Kept apart from the library: commands turn these
//! into library configuration, and the library never sees clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Segment, align and check English–Persian text into a clean parallel corpus.
#[derive(Parser, Debug)]
#[command(name = "bitext", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Split text into sentences, one per line (or JSON Lines with offsets).
    Segment(SegmentArgs),
}

#[derive(Args, Debug)]
pub struct SegmentArgs {
    /// Input file; `-` or nothing reads standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,

    /// Language rules: en, fa, or auto (chosen per paragraph by script).
    #[arg(short, long, default_value = "auto")]
    pub lang: String,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,

    /// Read single line breaks inside a paragraph as spaces (hard-wrapped
    /// text); blank lines still separate paragraphs.
    #[arg(long, conflicts_with = "line_breaks")]
    pub join_lines: bool,

    /// How single line breaks are read: `sentence` (each line is a
    /// paragraph), `space` (same as --join-lines) or `auto` (guess from the
    /// layout).
    #[arg(long, value_enum)]
    pub line_breaks: Option<LineBreakMode>,

    /// Print sentences normalised (Persian yeh/kaf, ASCII digits, no
    /// direction marks); offsets still refer to the input.
    #[arg(long)]
    pub normalize: bool,

    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line.
    Text,
    /// One JSON object per sentence: text, start, end, paragraph.
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LineBreakMode {
    /// Every line break ends a sentence.
    Sentence,
    /// Single line breaks are spaces.
    Space,
    /// Decide from the layout.
    Auto,
}
