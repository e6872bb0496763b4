//! Detection speed in sentences per second, one core: the sentences of the
//! bundled pair, and the shared set's 7,000 sentences in 14 languages
//! (`../shared/data/langid/sentences.tsv`, skipped where absent), beside
//! whatlang's default detector in the same run.
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

/// The shared mix of sentences, when the shared data is there.
fn shared_mix() -> Option<Vec<String>> {
    let text = std::fs::read_to_string("../shared/data/langid/sentences.tsv").ok()?;
    Some(
        text.lines()
            .filter_map(|l| l.split_once('\t').map(|(_, s)| s.to_string()))
            .collect(),
    )
}

fn detect(c: &mut Criterion) {
    bench(c, "detect", sentences());
    match shared_mix() {
        Some(lines) => bench(c, "detect-shared-mix", lines),
        None => eprintln!("detect-shared-mix skipped: ../shared/data/langid is absent"),
    }
}

fn bench(c: &mut Criterion, name: &str, lines: Vec<String>) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(lines.len() as u64));
    let detector = Detector::new();
    group.bench_function("bitext", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| detector.detect(black_box(l)).lang == Some(Lang::Fa))
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
