//! Segmentation throughput on the bundled article, repeated to 4 MiB, beside
//! UAX #29 sentence boundaries (unicode-segmentation) as a baseline measured
//! in the same run.
//!
//! ```text
//! cargo bench --bench segment
//! ```

use std::hint::black_box;

use bitext::{Lang, Segmenter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unicode_segmentation::UnicodeSegmentation;

const TARGET_BYTES: usize = 4 << 20;

fn corpus(path: &str) -> String {
    let one = std::fs::read_to_string(path).expect("the bundled pair is in the repository");
    let mut text = String::with_capacity(TARGET_BYTES + one.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&one);
        text.push('\n');
    }
    text
}

fn throughput(c: &mut Criterion) {
    for (name, lang, path) in [
        ("en", Lang::En, "pairs/kremlin-feast/en.txt"),
        ("fa", Lang::Fa, "pairs/kremlin-feast/fa.txt"),
    ] {
        let text = corpus(path);
        let mut group = c.benchmark_group(format!("segment-{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        let segmenter = Segmenter::new(lang);
        group.bench_function("bitext", |b| {
            b.iter(|| segmenter.sentences(black_box(&text)).count())
        });
        group.bench_function("uax29", |b| {
            b.iter(|| black_box(&text).unicode_sentences().count())
        });
        group.finish();
    }
}

criterion_group!(benches, throughput);
criterion_main!(benches);
