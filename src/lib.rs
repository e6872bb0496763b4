//! bitext turns the English and Persian versions of a document into a clean
//! bilingual corpus.
//!
//! The pipeline reads as its modules: **read** ([`read_text`]) →
//! **normalise** ([`normalize`]) → **segment** ([`Segmenter`]) → **align**
//! ([`Aligner`]) → **score** and **write** (the `eval` and `output` parts of
//! the binary).
//!
//! ```
//! use bitext::{split_sentences, Lang};
//!
//! let sentences = split_sentences("آیا او آمد؟من نمی‌دانم.", Lang::Fa);
//! assert_eq!(sentences, ["آیا او آمد؟", "من نمی‌دانم."]);
//! ```
#![warn(missing_docs)]

mod align;
pub mod boilerplate;
pub mod check;
pub mod corpus;
mod detect;
mod error;
pub mod html;
mod lang;
mod normalize;
mod numerals;
pub mod packaged;
pub mod pairs;
mod read;
pub mod review;
pub mod score;
mod segment;
pub mod subtitles;
pub mod table;
pub mod write;

pub use align::{Aligner, Bead, Document, Lexicon, Params, SHAPES};
pub use detect::{
    is_visual_order_persian, lang_of_whatlang, whatlang_languages, Detection, Detector,
};
pub use error::{Error, ErrorKind, Result};
pub use lang::{code_or_und, guess_lang, text_script, Lang, LanguageFacts, Script, LANGUAGES};
pub use normalize::{
    digit_value, fold_presentation_forms, is_shaped, normalize, Digits, Normalizer,
};
pub use read::{
    decode_text, decode_text_as, decoding_reader, read_bytes, read_bytes_as, read_document,
    read_file, read_text, Encoding, TextFile,
};
pub use segment::{hard_wrap_width, split_sentences, LineBreaks, Segmenter, Sentence, Sentences};
