//! Writing speed: 100,000 rows of the sample pair's beads (texts, ids,
//! type, score; a `doc` column as in a folder run) in every format, into
//! a buffered sink, through `write::exporter`.
//!
//! ```text
//! cargo bench --bench write
//! ```

use std::hint::black_box;
use std::io::{self, BufWriter, Write};

use bitext::write::{self, Format, Layout, Options, Row};
use criterion::{criterion_group, criterion_main, Criterion};

const ROWS: usize = 100_000;

/// The sample pair's lines, paired in order and repeated to `ROWS` rows.
fn rows() -> Vec<Row<'static>> {
    let read = |path: &str| -> Vec<String> {
        std::fs::read_to_string(path)
            .expect("the bundled pair is in the repository")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let (en, fa) = (
        read("pairs/kremlin-feast/en.txt"),
        read("pairs/kremlin-feast/fa.txt"),
    );
    (0..ROWS)
        .map(|i| Row {
            doc: Some("kremlin-feast"),
            src_text: en[i % en.len()].clone(),
            tgt_text: fa[i % fa.len()].clone(),
            src_ids: vec![i],
            tgt_ids: if i % 7 == 0 { vec![i, i + 1] } else { vec![i] },
            score: 0.875,
            check: None,
        })
        .collect()
}

fn write_all(format: Format, layout: &Layout, rows: &[Row]) -> io::Result<()> {
    let outputs: Vec<Box<dyn Write>> = (0..format.outputs())
        .map(|_| Box::new(BufWriter::new(io::sink())) as Box<dyn Write>)
        .collect();
    let mut exporter = write::exporter(format, layout.schema(), Options::default(), outputs)?;
    for row in rows {
        exporter.write(&row.record(layout))?;
    }
    exporter.finish()
}

fn write(c: &mut Criterion) {
    let rows = rows();
    let layout = Layout {
        src_lang: "en".into(),
        tgt_lang: "fa".into(),
        with_doc: true,
        with_check: false,
    };
    let mut group = c.benchmark_group("write-100k-rows");
    group.sample_size(10);
    for format in [
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Beads,
        Format::Tmx,
        Format::Moses,
    ] {
        group.bench_function(format!("{format:?}").to_lowercase(), |b| {
            b.iter(|| write_all(format, &layout, black_box(&rows)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, write);
criterion_main!(benches);
