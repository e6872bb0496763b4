//! The exact bytes of every format, written through [`exporter`].

use super::*;
use proptest::prelude::*;

/// Renders `rows` in `format`: one string per output file.
pub(crate) fn render(
    format: Format,
    layout: &Layout,
    options: Options,
    rows: &[Row],
) -> Vec<String> {
    let mut bufs: Vec<Vec<u8>> = vec![Vec::new(); format.outputs()];
    {
        let outputs: Vec<Box<dyn Write + '_>> = bufs
            .iter_mut()
            .map(|b| Box::new(b) as Box<dyn Write>)
            .collect();
        let mut w = exporter(format, layout.schema(), options, outputs).unwrap();
        for row in rows {
            w.write(&row.record(layout)).unwrap();
        }
        w.finish().unwrap();
    }
    bufs.into_iter()
        .map(|b| String::from_utf8(b).unwrap())
        .collect()
}

fn layout(with_doc: bool) -> Layout {
    Layout {
        src_lang: "en".into(),
        tgt_lang: "fa".into(),
        with_doc,
        with_check: false,
    }
}

fn row(doc: Option<&str>, src: &str, tgt: &str, ids: (Vec<usize>, Vec<usize>)) -> Row<'static> {
    Row {
        doc: doc.map(|d| &*Box::leak(d.to_string().into_boxed_str())),
        src_text: src.into(),
        tgt_text: tgt.into(),
        src_ids: ids.0,
        tgt_ids: ids.1,
        score: 0.5,
        check: None,
    }
}

fn quoted() -> Row<'static> {
    row(Some("a"), "Hi, \"you\".", "=سلام\tتو", (vec![0, 1], vec![0]))
}

#[test]
fn csv_quotes_by_rfc_4180() {
    assert_eq!(
        render(Format::Csv, &layout(false), Options::default(), &[quoted()]),
        ["en,fa,en_ids,fa_ids,type,score\n\"Hi, \"\"you\"\".\",=سلام\tتو,1 2,1,2-1,0.500\n"]
    );
}

#[test]
fn excel_adds_a_bom_and_neutralises_formulas() {
    let options = Options {
        excel: true,
        ..Options::default()
    };
    assert_eq!(
        render(Format::Csv, &layout(true), options, &[quoted()]),
        ["\u{feff}doc,en,fa,en_ids,fa_ids,type,score\na,\"Hi, \"\"you\"\".\",'=سلام\tتو,1 2,1,2-1,0.500\n"]
    );
}

#[test]
fn tsv_flattens_tabs() {
    assert_eq!(
        render(Format::Tsv, &layout(false), Options::default(), &[quoted()]),
        ["en\tfa\ten_ids\tfa_ids\ttype\tscore\nHi, \"you\".\t=سلام تو\t1 2\t1\t2-1\t0.500\n"]
    );
}

#[test]
fn jsonl_writes_one_object_per_line() {
    let mut alone = row(None, "Hi.", "", (vec![4], vec![]));
    alone.score = 0.12345;
    assert_eq!(
        render(Format::Jsonl, &layout(false), Options::default(), &[alone]),
        ["{\"en\":\"Hi.\",\"fa\":\"\",\"en_ids\":[5],\"fa_ids\":[],\"type\":\"1-0\",\"score\":0.123}\n"]
    );
}

#[test]
fn jsonl_keeps_keys_beyond_the_columns() {
    let extra = serde_json::json!("kept");
    let schema = Schema {
        columns: vec![
            Column::new("en", Role::SrcText),
            Column::new("fa", Role::TgtText),
        ],
        src_lang: "en".into(),
        tgt_lang: "fa".into(),
    };
    let mut buf = Vec::new();
    {
        let mut w = exporter(
            Format::Jsonl,
            schema,
            Options::default(),
            vec![Box::new(&mut buf)],
        )
        .unwrap();
        w.write(&Record {
            cells: vec![Cell::Text("a".into()), Cell::Json(&serde_json::Value::Null)],
            extra: vec![("note", &extra)],
        })
        .unwrap();
        w.finish().unwrap();
    }
    assert_eq!(
        String::from_utf8(buf).unwrap(),
        "{\"en\":\"a\",\"fa\":null,\"note\":\"kept\"}\n"
    );
}

#[test]
fn beads_are_vecalign_lines() {
    let rows = [
        row(None, "", "", (vec![3, 4], vec![2])),
        row(None, "", "", (vec![], vec![3])),
    ];
    assert_eq!(
        render(Format::Beads, &layout(false), Options::default(), &rows),
        ["[3, 4]:[2]:0.500\n[]:[3]:0.500\n"]
    );
}

#[test]
fn beads_of_a_folder_run_name_each_document_and_read_back() {
    let rows: Vec<Row> = [("a", 0), ("a", 1), ("b", 0)]
        .into_iter()
        .map(|(doc, k)| row(Some(doc), "", "", (vec![k], vec![k])))
        .collect();
    let text = render(Format::Beads, &layout(true), Options::default(), &rows).remove(0);
    assert_eq!(
        text,
        "# a\n[0]:[0]:0.500\n[1]:[1]:0.500\n# b\n[0]:[0]:0.500\n"
    );
    assert_eq!(crate::score::parse_beads(&text).unwrap().len(), 3);
}

#[test]
fn moses_writes_two_files_line_for_line() {
    let rows = [
        row(None, "Two\nlines.", "یک خط.", (vec![0], vec![0])),
        row(None, "Alone.", "", (vec![1], vec![])),
        row(None, "", "تنها.", (vec![], vec![1])),
    ];
    assert_eq!(
        render(Format::Moses, &layout(false), Options::default(), &rows),
        ["Two lines.\nAlone.\n\n", "یک خط.\n\nتنها.\n"]
    );
}

#[test]
fn tmx_escapes_and_keeps_or_skips_empty_sides() {
    let rows = [
        row(
            Some("d<1>"),
            "A & B <x> ]]> \"q\"\r\n",
            "\u{1}ب\u{ffff}",
            (vec![0], vec![0]),
        ),
        row(Some("d<1>"), "Alone.", "", (vec![1], vec![])),
    ];
    let kept = render(Format::Tmx, &layout(true), Options::default(), &rows).remove(0);
    let tu = |ids: &str, en: &str, fa: &str, ty: &str| {
        let (en_ids, fa_ids) = ids.split_once(':').unwrap();
        format!(
            "    <tu>\n      <prop type=\"x-doc\">d&lt;1&gt;</prop>\n      <prop type=\"x-en_ids\">{en_ids}</prop>\n      <prop type=\"x-fa_ids\">{fa_ids}</prop>\n      <prop type=\"x-type\">{ty}</prop>\n      <prop type=\"x-score\">0.500</prop>\n      <tuv xml:lang=\"en\"><seg>{en}</seg></tuv>\n      <tuv xml:lang=\"fa\"><seg>{fa}</seg></tuv>\n    </tu>\n"
        )
    };
    let head = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"bitext\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"bitext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION")
    );
    let first = tu("1:1", "A &amp; B &lt;x&gt; ]]&gt; \"q\"&#13;\n", "ب", "1-1");
    let alone = tu("2:", "Alone.", "", "1-0");
    assert_eq!(kept, format!("{head}{first}{alone}  </body>\n</tmx>\n"));
    let skip = Options {
        skip_empty: true,
        ..Options::default()
    };
    let skipped = render(Format::Tmx, &layout(true), skip, &rows).remove(0);
    assert_eq!(skipped, format!("{head}{first}  </body>\n</tmx>\n"));
}

#[test]
fn formats_that_need_a_column_say_which() {
    let schema = Schema {
        columns: vec![Column::new("en", Role::SrcText)],
        src_lang: "en".into(),
        tgt_lang: "fa".into(),
    };
    let err = exporter(
        Format::Beads,
        schema.clone(),
        Options::default(),
        vec![Box::new(io::sink())],
    );
    assert!(err.err().unwrap().to_string().contains("SrcIds"));
    let err = exporter(
        Format::Moses,
        schema,
        Options::default(),
        vec![Box::new(io::sink())],
    );
    assert!(err.err().unwrap().to_string().contains("2 file"));
}

/// Text with what breaks writers: quotes, delimiters, line breaks, control
/// characters, `]]>`, RTL marks, a BOM, noncharacters, any char.
fn awkward() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        prop::sample::select(vec![
            "\"", "'", ",", "\t", "\n", "\r", "\r\n", "]]>", "&amp;", "<seg>", "\u{1}", "\u{b}",
            "\u{7f}", "\u{85}", "\u{200f}", "\u{202b}", "\u{feff}", "\u{2028}", "\u{fffe}",
            "\u{ffff}", " ", "سلام", "=1+1", "😀",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// The cells of `text` a reader gets back from `format`: what the format
/// documents it changes, and nothing else.
fn expected(format: Format, text: &str) -> String {
    match format {
        Format::Tsv => text.replace(['\t', '\n', '\r'], " "),
        Format::Moses => moses::one_line(text),
        Format::Tmx => text
            .chars()
            .filter(|&c| {
                !(c < ' ' && !matches!(c, '\t' | '\n' | '\r') || c == '\u{fffe}' || c == '\u{ffff}')
            })
            .collect(),
        _ => text.to_string(),
    }
}

/// Reads back what `render` wrote: (doc, en, fa) per row.
fn read_back(format: Format, files: &[String]) -> Vec<[String; 3]> {
    use crate::table::{TableFormat, TableReader};
    if format == Format::Moses {
        let lines = |f: &str| -> Vec<String> {
            let mut lines: Vec<String> = f.split('\n').map(str::to_string).collect();
            lines.pop();
            lines
        };
        let (en, fa) = (lines(&files[0]), lines(&files[1]));
        return en
            .into_iter()
            .zip(fa)
            .map(|(e, f)| [String::new(), e, f])
            .collect();
    }
    let table = match format {
        Format::Csv => TableFormat::Csv,
        Format::Tsv => TableFormat::Tsv,
        Format::Jsonl => TableFormat::Jsonl,
        _ => TableFormat::Tmx,
    };
    let input: Box<dyn std::io::Read> =
        Box::new(std::io::Cursor::new(files[0].clone().into_bytes()));
    let mut reader = TableReader::new(input, table, std::path::Path::new("t")).unwrap();
    let at = |name: &str| reader.column(name).unwrap();
    let (d, e, f) = (at("doc"), at("en"), at("fa"));
    let mut rows = Vec::new();
    while let Some(record) = reader.next_record().unwrap() {
        assert_eq!(
            record.fields,
            reader.header().len(),
            "row {} is ragged",
            record.row
        );
        rows.push([d, e, f].map(|i| record.cells[i].clone()));
    }
    rows
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text written by each exporter reads back to the same cells.
    #[test]
    fn every_format_reads_back_to_the_same_cells(
        texts in prop::collection::vec((awkward(), awkward(), awkward()), 1..6)
    ) {
        let rows: Vec<Row> = texts
            .iter()
            .enumerate()
            .map(|(i, (d, e, f))| {
                let mut r = row(None, e, f, (vec![i], vec![i]));
                r.doc = Some(d.as_str());
                r
            })
            .collect();
        for format in [Format::Csv, Format::Tsv, Format::Jsonl, Format::Tmx, Format::Moses] {
            let files = render(format, &layout(true), Options::default(), &rows);
            let back = read_back(format, &files);
            let want: Vec<[String; 3]> = texts
                .iter()
                .map(|(d, e, f)| {
                    let doc = if format == Format::Moses { String::new() } else { expected(format, d) };
                    [doc, expected(format, e), expected(format, f)]
                })
                .collect();
            prop_assert_eq!(back, want, "{:?}", format);
        }
    }
}
