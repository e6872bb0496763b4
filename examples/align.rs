//! Align two short texts with the library and print the beads.
//!
//! ```text
//! cargo run --example align
//! ```

use bitext::{Aligner, Document, Lang, Segmenter};

fn main() {
    let english = "The talks began on Monday. They lasted 3 hours.\nBoth sides called them useful. A statement followed.";
    let persian = "گفت‌وگوها روز دوشنبه آغاز شد و ۳ ساعت به طول انجامید.\nهر دو طرف آن را سودمند خواندند. سپس بیانیه‌ای منتشر شد.";

    let en = Document::segment(english, &Segmenter::new(Lang::En));
    let fa = Document::segment(persian, &Segmenter::new(Lang::Fa));
    for bead in Aligner::default().align(&en, &fa) {
        println!(
            "{} ({:.2}): {} ⟷ {}",
            bead.shape(),
            bead.score,
            en.sentences[bead.src.clone()].join(" "),
            fa.sentences[bead.tgt.clone()].join(" ")
        );
    }
}
