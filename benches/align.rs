//! Alignment speed: the bundled pair repeated to about 16,000 sentences a
//! side (one core), whole documents through `Aligner::align`.
//!
//! ```text
//! cargo bench --bench align
//! ```

use std::hint::black_box;

use bitext::{Aligner, Document, Lang, Segmenter};
use criterion::{criterion_group, criterion_main, Criterion};

fn repeated(path: &str, lang: Lang, times: usize) -> Document {
    let text = std::fs::read_to_string(path).expect("the bundled pair is in the repository");
    let one = Document::segment(&text, &Segmenter::new(lang).with_quotations_kept(false));
    let mut doc = Document::default();
    for copy in 0..times {
        doc.sentences.extend(one.sentences.iter().cloned());
        doc.paragraphs
            .extend(one.paragraphs.iter().map(|p| p + copy * 1000));
    }
    doc
}

fn align(c: &mut Criterion) {
    let en = repeated("pairs/kremlin-feast/en.txt", Lang::En, 400);
    let fa = repeated("pairs/kremlin-feast/fa.txt", Lang::Fa, 400);
    let aligner = Aligner::default();
    let mut group = c.benchmark_group(format!("align-{}x{}", en.len(), fa.len()));
    group.sample_size(10);
    group.bench_function("bitext", |b| {
        b.iter(|| aligner.align(black_box(&en), black_box(&fa)).len())
    });
    group.finish();
}

/// The sample pair end to end as the Python binding runs it (segment both
/// sides, align, make the rows): the baseline of `bitext.align` in
/// `bindings/python/bench/bench.py`.
fn sample_pair(c: &mut Criterion) {
    let en = std::fs::read_to_string("pairs/kremlin-feast/en.txt").expect("the sample pair");
    let fa = std::fs::read_to_string("pairs/kremlin-feast/fa.txt").expect("the sample pair");
    let job = bitext::corpus::AlignJob::new("en", "fa");
    c.bench_function("sample-pair", |b| {
        b.iter(|| {
            let set = job.align(vec![job.pair(None, black_box(&en), black_box(&fa))]);
            set.docs[0].rows().len()
        })
    });
}

criterion_group!(benches, align, sample_pair);
criterion_main!(benches);
