//! Split an English and a Persian text with the library, and show the byte
//! offsets and paragraph numbers each sentence carries.
//!
//! ```text
//! cargo run --example segment
//! ```

use bitext::{normalize, Lang, LineBreaks, Segmenter};

fn main() {
    let english = "Mr. Smith met Dr. Jones at 5 p.m. They talked.\nA new paragraph.";
    let persian = "تهران - ایرنا: «آیا فردا می‌آیی؟» از من پرسید. گفتم بله.";

    let segmenter = Segmenter::auto();
    for text in [english, persian] {
        for sentence in segmenter.sentences(text) {
            println!(
                "[{:>3}..{:>3}] paragraph {}: {}",
                sentence.start,
                sentence.end,
                sentence.paragraph,
                sentence.text(text)
            );
        }
    }

    // Hard-wrapped text: single line breaks are spaces.
    let wrapped = "It was a cold\nnight in the city.";
    let joined = Segmenter::new(Lang::En).with_line_breaks(LineBreaks::Space);
    println!("{:?}", joined.split(wrapped));

    // Normalisation is a separate step; segmentation never changes the text.
    println!("{}", normalize("كتاب ۱۲ صفحه دارد"));
}
