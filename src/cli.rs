//! Command-line arguments. Kept apart from the library: commands turn these
//! into library configuration, and the library never sees clap types.

use std::path::PathBuf;

use bitext::{Encoding, Lang};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// `--encoding`, the same for every command that reads text.
const ENCODING_HELP: &str = "Read input that is not UTF-8 in this encoding: a label such as windows-1256 (Persian and Arabic as Windows saved them, and most Persian subtitles), windows-1252, iso-8859-6, or auto (each file's guessed, and named on stderr). UTF-8, and UTF-16 with a byte-order mark, are read as such whatever it says";

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
    /// Align two versions of a document (or every pair in a folder) into a
    /// bilingual corpus.
    Align(AlignArgs),
    /// Score alignments against gold: strict and lax precision, recall, F1.
    Eval(EvalArgs),
    /// Detect the language of every line (or of one column of a CSV/TSV).
    Detect(DetectArgs),
    /// Judge a bilingual corpus: flag suspicious pairs, add a quality
    /// score, summarise, and write a review page.
    Check(CheckArgs),
    /// Review and correct an alignment in the browser: a local editor that
    /// saves each edit at once.
    Review(ReviewArgs),
    /// Print a shell completion script (e.g. `bitext completions bash >
    /// /etc/bash_completion.d/bitext`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `bitext man | man -l -`).
    Man,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The corpus: CSV, TSV (.tsv) or JSON Lines (.jsonl) with a header, a
    /// TMX translation memory (.tmx), or a CAT tool's XLIFF file (.xlf,
    /// .xliff, .sdlxliff, .mqxliff: one row per segment); `-` or nothing
    /// reads standard input. Two files are a Moses corpus, line k of one
    /// the translation of line k of the other (`corpus.en corpus.fa`; or
    /// give their common name, `corpus`); its rows are numbered in a
    /// `line` column.
    #[arg(num_args = 0..=2, value_name = "INPUT | EN FA")]
    pub input: Vec<PathBuf>,

    /// Input format (and the output's, unless --output-format); by default
    /// from the file name, CSV for standard input.
    #[arg(short, long, value_enum)]
    pub format: Option<TableFormatArg>,

    /// The CSV or TSV has no header row (`paste corpus.en corpus.fa`
    /// makes one): its columns are numbered from 1, the texts the first
    /// two unless --src-col and --tgt-col give their numbers, and they
    /// are named by the language codes in the output.
    #[arg(long)]
    pub no_header: bool,

    #[arg(long, value_name = "LABEL", help = ENCODING_HELP)]
    pub encoding: Option<Encoding>,

    #[command(flatten)]
    pub options: CheckOptions,

    /// Write the checked corpus here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// Output format (default: the input's; CSV for XLIFF and Moses). Moses writes `-o corpus` as
    /// `corpus.en` and `corpus.fa`; TMX puts every column but the two
    /// texts in `x-` props.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output_format: Option<CorpusFormat>,

    /// For spreadsheets: write a BOM and neutralise cells that start with
    /// = + - @ (CSV and TSV output only).
    #[arg(long)]
    pub excel: bool,

    /// TMX output: leave out rows with an empty side (kept by default,
    /// with an empty `<seg>`).
    #[arg(long)]
    pub skip_empty: bool,
}

/// The options `check` and `align --check` share.
#[derive(Args, Debug, Clone)]
pub struct CheckOptions {
    /// Source language code.
    #[arg(long, default_value = "en")]
    pub src_lang: String,

    /// Target language code.
    #[arg(long, default_value = "fa")]
    pub tgt_lang: String,

    /// The source text column (default: the source language code).
    #[arg(long)]
    pub src_col: Option<String>,

    /// The target text column (default: the target language code).
    #[arg(long)]
    pub tgt_col: Option<String>,

    /// Write only the flagged rows.
    #[arg(long)]
    pub only_flagged: bool,

    /// Write only rows with a quality score of at least this.
    #[arg(long, value_name = "X")]
    pub min_quality: Option<f64>,

    /// Exit 1 when more than this share (0–1) of the rows is flagged.
    #[arg(long, value_name = "SHARE")]
    pub max_flagged: Option<f64>,

    /// Also write the summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,

    /// Write a self-contained review page (HTML) to this file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Length z-score beyond which a pair is a length outlier.
    #[arg(long, default_value_t = 4.0)]
    pub z_limit: f64,

    /// A side with more words than this is a very long bead.
    #[arg(long, default_value_t = 200)]
    pub max_words: usize,

    /// Do not print the summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The options of `check` that make sense with `align --check`.
#[derive(Args, Debug, Clone)]
pub struct AlignCheckOptions {
    /// With --check: write only the flagged rows.
    #[arg(long, requires = "check")]
    pub only_flagged: bool,

    /// With --check: write only rows with at least this quality.
    #[arg(long, value_name = "X", requires = "check")]
    pub min_quality: Option<f64>,

    /// With --check: exit 1 when more than this share of rows is flagged.
    #[arg(long, value_name = "SHARE", requires = "check")]
    pub max_flagged: Option<f64>,

    /// With --check: write the summary as JSON to this file.
    #[arg(long, value_name = "FILE", requires = "check")]
    pub summary_json: Option<PathBuf>,

    /// With --check: write the review page (HTML) to this file.
    #[arg(long, value_name = "FILE", requires = "check")]
    pub html: Option<PathBuf>,
}

impl AlignArgs {
    /// The check options, when `--check` is given.
    pub fn check_options(&self) -> Option<CheckOptions> {
        self.check.then(|| CheckOptions {
            src_lang: self.src_lang.clone(),
            tgt_lang: self.tgt_lang.clone(),
            src_col: None,
            tgt_col: None,
            only_flagged: self.check_options.only_flagged,
            min_quality: self.check_options.min_quality,
            max_flagged: self.check_options.max_flagged,
            summary_json: self.check_options.summary_json.clone(),
            html: self.check_options.html.clone(),
            z_limit: 4.0,
            max_words: 200,
            quiet: self.quiet,
        })
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableFormatArg {
    /// RFC 4180 CSV.
    Csv,
    /// Tab-separated.
    Tsv,
    /// One JSON object per line.
    Jsonl,
    /// A TMX translation memory (what CAT tools export): one row per
    /// `<tu>`.
    Tmx,
    /// An XLIFF file (1.2 or 2.x, SDLXLIFF, MQXLIFF): one row per
    /// segment, columns doc, the two languages, id and note.
    Xliff,
    /// A Moses corpus: two plain files line for line, given as their
    /// common name (`corpus` reads `corpus.en` and `corpus.fa`) or as both.
    Moses,
}

#[derive(Args, Debug)]
pub struct DetectArgs {
    /// Input file; `-` or nothing reads standard input.
    #[arg(default_value = "-")]
    pub input: PathBuf,

    #[arg(long, value_name = "LABEL", help = ENCODING_HELP)]
    pub encoding: Option<Encoding>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DetectFormat::Tsv)]
    pub format: DetectFormat,

    /// Answer only with these languages (comma-separated codes, e.g.
    /// `en,fa`); a line in another language is marked as not allowed.
    #[arg(long, value_delimiter = ',', value_parser = parse_lang)]
    pub only: Vec<Lang>,

    /// Mark every line not in this language; exit 1 if there is one.
    #[arg(long, value_parser = parse_lang)]
    pub expect: Option<Lang>,

    /// Print the number of lines per language and their share instead of
    /// one record per line (in the output format).
    #[arg(long)]
    pub summary: bool,

    /// Detect inside this column of a corpus: CSV with a header row, or by
    /// the file name TSV (.tsv), JSON Lines (.jsonl) or TMX (.tmx, a
    /// language code names each side's column) — what `check` reads.
    #[arg(long)]
    pub column: Option<String>,

    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// For spreadsheets: write a BOM and neutralise cells that start with
    /// = + - @ (CSV and TSV output only).
    #[arg(long)]
    pub excel: bool,

    /// Do not report each unreadable line on standard error (the run still
    /// fails, with their count).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DetectFormat {
    /// Tab-separated with a header.
    Tsv,
    /// CSV with a header.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl From<DetectFormat> for bitext::write::Format {
    fn from(format: DetectFormat) -> Self {
        use bitext::write::Format;
        match format {
            DetectFormat::Tsv => Format::Tsv,
            DetectFormat::Csv => Format::Csv,
            DetectFormat::Jsonl => Format::Jsonl,
        }
    }
}

#[derive(Args, Debug)]
pub struct AlignArgs {
    /// EN FA: the two versions of one document; or DIR: a folder of pairs
    /// (subfolders with en.txt + fa.txt; NAME.en.txt + NAME.fa.txt, or
    /// NAME_en.txt, NAME.en, NAME.en.srt, NAME.en.html, NAME.en.docx; or
    /// folders en/ and fa/ with files of the same names). Subtitles
    /// (SubRip, WebVTT, SubStation) are read as their cues' text, web pages (HTML) as
    /// their body's text, Word (.docx), OpenDocument (.odt) and EPUB files
    /// as their paragraphs.
    #[arg(required = true, num_args = 1..=2, value_name = "EN FA | DIR")]
    pub inputs: Vec<PathBuf>,

    /// Source language code (names the columns and picks the
    /// segmentation rules: Persian's for Arabic-script languages,
    /// English's for the others; an unknown code, or a text not written in
    /// its language's script, by each paragraph's script, with a warning
    /// for the latter).
    #[arg(long, default_value = "en")]
    pub src_lang: String,

    /// Target language code.
    #[arg(long, default_value = "fa")]
    pub tgt_lang: String,

    /// The inputs are already split: one sentence per line.
    #[arg(long)]
    pub presplit: bool,

    #[arg(long, value_name = "LABEL", help = ENCODING_HELP)]
    pub encoding: Option<Encoding>,

    /// Read single line breaks inside a paragraph as spaces when segmenting
    /// (hard-wrapped text); the same as `--line-breaks space`.
    #[arg(long, conflicts_with = "line_breaks")]
    pub join_lines: bool,

    /// How single line breaks are read when segmenting, each side on its
    /// own: `detect` (the default: each line is a paragraph, unless the text
    /// is hard-wrapped, which is then read as `space` reads it but a line
    /// ending short of the width ends a paragraph), `sentence` (each line is
    /// a paragraph), `space` (same as --join-lines) or `auto` (decide each
    /// break from the lines around it).
    #[arg(long, value_enum)]
    pub line_breaks: Option<LineBreakMode>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CorpusFormat::Csv)]
    pub format: CorpusFormat,

    /// For spreadsheets: write a BOM and neutralise cells that start with
    /// = + - @ (CSV and TSV).
    #[arg(long)]
    pub excel: bool,

    /// TMX: leave out beads with an empty side (a sentence with no
    /// counterpart), which some CAT tools import as untranslated units.
    /// By default they are kept, with an empty `<seg>`.
    #[arg(long)]
    pub skip_empty: bool,

    /// Turn off lexical evidence (numbers, names, ? and !, quotation
    /// marks, and the word pass): lengths and paragraphs only.
    #[arg(long)]
    pub no_lexical: bool,

    /// Write the word-translation table learned in this run (TSV: a
    /// `#bitext-lexicon` header, then source word, target word, P(t|s),
    /// P(s|t) per line), for `--lexicon` in later runs.
    #[arg(long, value_name = "FILE", conflicts_with = "no_lexical")]
    pub lexicon_out: Option<PathBuf>,

    /// Use this word-translation table (from `--lexicon-out`) instead of
    /// learning one: short documents then use what a large corpus taught.
    #[arg(long, value_name = "FILE", conflicts_with = "no_lexical")]
    pub lexicon: Option<PathBuf>,

    /// Add a bilingual word list you trust: `target @ source` lines
    /// (hunalign's dictionaries) or two tab-separated columns, source
    /// first. Entries of several words on a side are skipped.
    #[arg(long, value_name = "FILE", conflicts_with = "no_lexical")]
    pub dict: Option<PathBuf>,

    /// Check the pairs while aligning: add the `flags`, `quality` and
    /// `evidence` columns of `bitext check` (CSV, TSV, JSON Lines).
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub check_options: AlignCheckOptions,

    /// Write here instead of standard output (checked before any work).
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// No warnings and no summary on standard error (errors still).
    #[arg(short, long)]
    pub quiet: bool,
}

/// The formats a corpus is written in (`align --format`, `check
/// --output-format`).
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CorpusFormat {
    /// RFC 4180 CSV with a header.
    Csv,
    /// Tab-separated with a header.
    Tsv,
    /// One JSON object per bead.
    Jsonl,
    /// `[3, 4]:[2]:0.93` per line (Vecalign / Text+Berg), 0-based.
    Beads,
    /// A TMX 1.4b translation memory for CAT tools: one `<tu>` per bead,
    /// the document, sentence numbers and score as `x-` props.
    Tmx,
    /// Two plain files line for line, for MT toolkits: `-o corpus` writes
    /// `corpus.en` and `corpus.fa` (the language codes as suffixes).
    Moses,
}

impl From<CorpusFormat> for bitext::write::Format {
    fn from(format: CorpusFormat) -> Self {
        use bitext::write::Format;
        match format {
            CorpusFormat::Csv => Format::Csv,
            CorpusFormat::Tsv => Format::Tsv,
            CorpusFormat::Jsonl => Format::Jsonl,
            CorpusFormat::Beads => Format::Beads,
            CorpusFormat::Tmx => Format::Tmx,
            CorpusFormat::Moses => Format::Moses,
        }
    }
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold alignments: bead files (`[0]:[0]` lines) or CSV files of texts
    /// (like pairs/*/gold.csv).
    #[arg(short, long, required = true, num_args = 1..)]
    pub gold: Vec<PathBuf>,

    /// Test alignments, in the same order and format as the gold.
    #[arg(short, long, required = true, num_args = 1..)]
    pub test: Vec<PathBuf>,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Also print one line per document pair.
    #[arg(long)]
    pub per_doc: bool,
}

#[derive(Args, Debug)]
pub struct SegmentArgs {
    /// Input file; `-` or nothing reads standard input. A Word (.docx),
    /// OpenDocument (.odt) or EPUB file is read as its paragraphs' text,
    /// subtitles (SubRip, WebVTT, SubStation) as their cues' text and a web page as its
    /// body's text, as `align` reads them (offsets then count that text).
    #[arg(default_value = "-")]
    pub input: PathBuf,

    /// Language: a code (en, fa, de, ar, …: Arabic-script languages get
    /// Persian's rules, the rest English's; a code bitext has no rules for,
    /// such as zh or hi, is read as auto), or auto (chosen per paragraph by
    /// script). Chinese and Japanese `。！？` end a sentence with no space
    /// after them; so do the Devanagari `।`, Armenian `։` and Ethiopic `።`.
    #[arg(short, long, default_value = "auto")]
    pub lang: String,

    #[arg(long, value_name = "LABEL", help = ENCODING_HELP)]
    pub encoding: Option<Encoding>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,

    /// Read single line breaks inside a paragraph as spaces (hard-wrapped
    /// text); blank lines still separate paragraphs.
    #[arg(long, conflicts_with = "line_breaks")]
    pub join_lines: bool,

    /// How single line breaks are read: `detect` (the default: each line is
    /// a paragraph, unless the text is hard-wrapped, which is then read as
    /// `space` reads it but a line ending short of the width ends a
    /// paragraph), `sentence` (each line is a paragraph), `space` (same as
    /// --join-lines) or `auto` (decide each break from the lines around it).
    #[arg(long, value_enum)]
    pub line_breaks: Option<LineBreakMode>,

    /// Print sentences normalised (Persian yeh/kaf, ASCII digits, no
    /// direction marks); offsets still refer to the input.
    #[arg(long)]
    pub normalize: bool,

    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// For spreadsheets: write a BOM and neutralise cells that start with
    /// = + - @ (CSV and TSV output only).
    #[arg(long)]
    pub excel: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line.
    Text,
    /// One JSON object per sentence: text, start, end, paragraph (byte
    /// offsets; paragraphs from 0).
    Jsonl,
    /// The same columns as CSV, with a header.
    Csv,
    /// The same columns tab-separated (tabs and line breaks in a sentence
    /// as spaces).
    Tsv,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LineBreakMode {
    /// Each line is a paragraph, unless the text is hard-wrapped.
    Detect,
    /// Every line break ends a sentence.
    Sentence,
    /// Single line breaks are spaces.
    Space,
    /// Decide from the layout.
    Auto,
}

impl LineBreakMode {
    /// The library's mode for `--join-lines` and `--line-breaks`.
    pub fn read(join_lines: bool, mode: Option<Self>) -> bitext::LineBreaks {
        use bitext::LineBreaks;
        match (join_lines, mode) {
            (true, _) | (false, Some(Self::Space)) => LineBreaks::Space,
            (false, Some(Self::Auto)) => LineBreaks::Auto,
            (false, Some(Self::Sentence)) => LineBreaks::Sentence,
            (false, None | Some(Self::Detect)) => LineBreaks::Detect,
        }
    }
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// A corpus of one document as `bitext align` writes it (CSV, TSV,
    /// JSON Lines or TMX with the language columns and their `_ids`), or
    /// two documents EN FA, aligned first. Edits are journaled in
    /// OUT.review-journal; run again, the review resumes from it. Saving writes the columns `bitext
    /// align` writes: `check`'s flags, quality and evidence (about the rows
    /// as they were) are shown, then dropped — run `check` again.
    #[arg(required = true, num_args = 1..=2)]
    pub inputs: Vec<PathBuf>,

    #[arg(long, value_name = "LABEL", help = ENCODING_HELP)]
    pub encoding: Option<Encoding>,

    /// Save here instead of into the corpus (required for two documents).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Port on 127.0.0.1 (default: a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Do not open a browser; only print the address.
    #[arg(long)]
    pub no_open: bool,

    /// Source language code.
    #[arg(long, default_value = "en")]
    pub src_lang: String,

    /// Target language code.
    #[arg(long, default_value = "fa")]
    pub tgt_lang: String,
}

/// A language code from the command line (`fa`, `fa-IR`, `persian`).
fn parse_lang(code: &str) -> Result<Lang, String> {
    code.parse().map_err(|e: bitext::Error| e.to_string())
}
