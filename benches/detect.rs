//! Detection speed in sentences per second, one core: the sentences of the
//! bundled pair, beside whatlang's default detector in the same run.
//!
//! ```text
//! cargo bench --bench detect
//! ```

use std::hint::black_box;

use bitext::{Detector, Document, Lang, Segmenter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn sentences() -> Vec<String> {
    let mut all = Vec::new();
    for (path, lang) in [
        ("pairs/kremlin-feast/en.txt", Lang::En),
        ("pairs/kremlin-feast/fa.txt", Lang::Fa),
    ] {
        let text = std::fs::read_to_string(path).expect("the bundled pair is in the repository");
        all.extend(Document::segment(&text, &Segmenter::new(lang)).sentences);
    }
    all
}

fn detect(c: &mut Criterion) {
    let lines = sentences();
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Elements(lines.len() as u64));
    let detector = Detector::new();
    group.bench_function("bitext", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| detector.detect(black_box(l)).lang == "fa")
                .count()
        })
    });
    group.bench_function("whatlang", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| whatlang::detect_lang(black_box(l)) == Some(whatlang::Lang::Pes))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, detect);
criterion_main!(benches);
