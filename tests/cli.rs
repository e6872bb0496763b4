//! End-to-end tests of the `bitext` binary: one test binary, each test in its
//! own temporary directory.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn bitext() -> Command {
    Command::cargo_bin("bitext").expect("the bitext binary is built")
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("temp dir is writable");
    path
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The gold cells of the sample pair, in order, for one language.
fn gold_cells(lang: &str) -> Vec<String> {
    let mut reader =
        csv::Reader::from_path(repo("pairs/kremlin-feast/gold.csv")).expect("gold.csv");
    let headers = reader.headers().expect("header").clone();
    let column = headers
        .iter()
        .position(|h| h == lang)
        .expect("language column");
    reader
        .records()
        .map(|r| r.expect("row")[column].to_string())
        .filter(|cell| !cell.is_empty())
        .collect()
}

#[test]
fn segments_the_sample_pair_as_its_gold_alignment_does() {
    for (lang, count) in [("en", 42), ("fa", 40)] {
        let output = bitext()
            .args(["segment", "--lang", lang])
            .arg(repo(&format!("pairs/kremlin-feast/{lang}.txt")))
            .output()
            .unwrap();
        assert!(output.status.success());
        let lines = stdout_lines(&output);
        assert_eq!(lines.len(), count, "{lang}");
        assert_eq!(lines.join(" "), gold_cells(lang).join(" "), "{lang}");
    }
}

#[test]
fn keeps_the_last_lines_of_the_scraped_article() {
    let output = bitext()
        .args(["segment", "--lang", "auto"])
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .output()
        .unwrap();
    let lines = stdout_lines(&output);
    assert_eq!(
        &lines[lines.len() - 3..],
        [
            "The feast of Das and Hammer in the Kremlin",
            "Persian",
            "مشاهده این مقاله به زبان فارسی"
        ]
    );
}

#[test]
fn jsonl_offsets_point_into_the_raw_input() {
    let dir = TempDir::new().unwrap();
    let raw = "\u{feff}Title\r\n\r\nMr. Smith came.\u{a0} He left.\r\nآیا او آمد؟من نمی‌دانم.";
    let path = write(&dir, "in.txt", raw.as_bytes());
    let output = bitext()
        .args(["segment", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let records: Vec<serde_json::Value> = stdout_lines(&output)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts: Vec<&str> = records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Title",
            "Mr. Smith came.",
            "He left.",
            "آیا او آمد؟",
            "من نمی‌دانم."
        ]
    );
    for r in &records {
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&raw[start..end], r["text"].as_str().unwrap());
    }
    let paragraphs: Vec<u64> = records
        .iter()
        .map(|r| r["paragraph"].as_u64().unwrap())
        .collect();
    assert_eq!(paragraphs, [0, 1, 1, 2, 2]);
}

#[test]
fn join_lines_reads_hard_wrapped_text() {
    bitext()
        .args(["segment", "--join-lines", "--lang", "en"])
        .write_stdin("It was a cold\nnight. The end.\n\nNext para.")
        .assert()
        .success()
        .stdout("It was a cold night.\nThe end.\nNext para.\n");
}

#[test]
fn segment_reads_a_hard_wrapped_text_by_default() {
    let text = "Heavy rain fell on the coast on Monday, and the roads into\nthe city were closed for most of the day while crews cleared\nthem. Officials said that the river rose by two metres\novernight, and residents were told to stay at home.\n";
    bitext()
        .args(["segment", "--lang", "en"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(
            "Heavy rain fell on the coast on Monday, and the roads into the city were closed for most of the day while crews cleared them.\n\
             Officials said that the river rose by two metres overnight, and residents were told to stay at home.\n",
        );
    bitext()
        .args(["segment", "--lang", "en", "--line-breaks", "sentence"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicates::str::contains("roads into\nthe city"));
}

#[test]
fn reads_standard_input_with_a_dash() {
    bitext()
        .args(["segment", "--lang", "fa", "-"])
        .write_stdin("او آمد؛ ما رفتیم. تمام شد.")
        .assert()
        .success()
        .stdout("او آمد؛ ما رفتیم.\nتمام شد.\n");
}

#[test]
fn normalize_maps_letters_digits_and_marks() {
    bitext()
        .args(["segment", "--normalize", "--lang", "fa"])
        .write_stdin("كتاب ۱۲ ي\u{200f}.")
        .assert()
        .success()
        .stdout("کتاب 12 ی.\n");
}

#[test]
fn empty_file_prints_nothing_and_succeeds() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "empty.txt", b"");
    bitext()
        .arg("segment")
        .arg(&path)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn missing_file_is_an_error_naming_it() {
    bitext()
        .args(["segment", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
}

#[test]
fn a_directory_is_an_error_naming_it() {
    let dir = TempDir::new().unwrap();
    bitext()
        .arg("segment")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            dir.path().to_string_lossy().as_ref(),
        ));
}

#[test]
fn invalid_utf8_names_the_file_byte_offset_and_line() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "bad.txt", b"fine line\nbroken \xff here\n");
    bitext()
        .arg("segment")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt"))
        .stderr(predicate::str::contains("byte offset 17"))
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn binary_input_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "blob.bin", b"\x7fELF\x02\x01\x00\x00");
    bitext()
        .arg("segment")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
}

#[test]
fn unknown_language_lists_the_choices() {
    bitext()
        .args(["segment", "--lang", "english1"])
        .write_stdin("Hello.")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("'english1'").and(predicate::str::contains("auto, en, fr")),
        );
    // A code bitext has no rules for is read by its script, as align does.
    bitext()
        .args(["segment", "--lang", "zh"])
        .write_stdin("我很好。今天下雨了！")
        .assert()
        .success()
        .stdout("我很好。\n今天下雨了！\n");
    bitext()
        .args(["detect", "--only", "en,xx"])
        .write_stdin("Hello.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'xx'").and(predicate::str::contains("en, fr")));
    // Any language bitext knows: German by English rules, Urdu by Persian's.
    bitext()
        .args(["segment", "--lang", "de"])
        .write_stdin("Er kam. Sie ging.")
        .assert()
        .success()
        .stdout("Er kam.\nSie ging.\n");
}

#[test]
fn unwritable_output_fails_before_reading_input() {
    bitext()
        .args([
            "segment",
            "-o",
            "/nonexistent-dir/out.txt",
            "no/such/input.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent-dir/out.txt"));
}

#[test]
fn a_fifty_megabyte_line_is_segmented_without_loss() {
    let dir = TempDir::new().unwrap();
    let sentence = "word ".repeat(20) + "end. ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    let path = write(&dir, "big.txt", line.as_bytes());
    let output = bitext()
        .args(["segment", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out.lines().count(), line.len() / sentence.len());
    let strip = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(strip(&out), strip(&line));
}

#[test]
fn a_fifty_megabyte_paragraph_without_punctuation_is_one_sentence() {
    let dir = TempDir::new().unwrap();
    let line = "بی نقطه ".repeat(50 * 1024 * 1024 / "بی نقطه ".len());
    let path = write(&dir, "big.txt", line.as_bytes());
    let output = bitext()
        .args(["segment", "--lang", "fa"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 1);
}

#[test]
fn help_lists_the_subcommands() {
    bitext()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("segment"));
}

// ---- bitext align / bitext eval ----

/// A CSV's header and rows; every row must have the header's width.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    parse_csv(csv::ReaderBuilder::new(), bytes)
}

/// `bitext align DIR` with two files written into `DIR`: its stderr, and
/// the (en, fa) text of each row.
fn align_folder(files: [(&str, &str); 2]) -> (String, Vec<(String, String)>) {
    let dir = TempDir::new().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let output = bitext().arg("align").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let (_, rows) = csv_rows(&output.stdout);
    let pairs = rows
        .into_iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    (stderr, pairs)
}

fn parse_csv(builder: csv::ReaderBuilder, bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = builder.from_reader(bytes);
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

#[test]
fn aligns_the_sample_pair_exactly_as_its_gold() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("kremlin.csv");
    bitext()
        .arg("align")
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let (headers, rows) = csv_rows(&std::fs::read(&out).unwrap());
    assert_eq!(headers, ["en", "fa", "en_ids", "fa_ids", "type", "score"]);
    assert_eq!(rows.len(), 40);
    let scores = sample_scores(&out);
    assert_eq!(scores["f1_strict"], 1.0, "{scores}");
}

/// `bitext eval`'s scores of a CSV of the sample pair against its gold.
fn sample_scores(csv: &Path) -> serde_json::Value {
    let output = bitext()
        .args(["eval", "--json", "--gold"])
        .arg(repo("pairs/kremlin-feast/gold.csv"))
        .arg("--test")
        .arg(csv)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// `text`'s lines wrapped at `width` chars as `fold -s` wraps them.
fn fold(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut length = 0;
        for word in line.split(' ') {
            let chars = word.chars().count();
            if length > 0 && length + 1 + chars > width {
                out.push('\n');
                length = 0;
            } else if length > 0 {
                out.push(' ');
                length += 1;
            }
            out.push_str(word);
            length += chars;
        }
        out.push('\n');
    }
    out
}

#[test]
fn hard_wrapped_sides_align_as_their_gold_and_are_named() {
    let dir = TempDir::new().unwrap();
    let read =
        |lang: &str| std::fs::read_to_string(repo(&format!("pairs/kremlin-feast/{lang}.txt")));
    // The English as Windows writes it: a BOM, CRLF line ends.
    let en = format!(
        "\u{feff}{}",
        fold(&read("en").unwrap(), 72).replace('\n', "\r\n")
    );
    let en = write(&dir, "en.txt", en.as_bytes());
    let fa = write(&dir, "fa.txt", fold(&read("fa").unwrap(), 80).as_bytes());
    let out = dir.path().join("wrapped.csv");
    let run = |extra: &[&str]| {
        bitext()
            .arg("align")
            .args(extra)
            .args([&en, &fa])
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
    };
    let output = run(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("en.txt is hard-wrapped at about 7")
            && stderr.contains("fa.txt is hard-wrapped at about")
            && stderr.contains("--line-breaks sentence"),
        "{stderr}"
    );
    let scores = sample_scores(&out);
    assert_eq!(scores["f1_strict"], 1.0, "{scores}");
    // Each row reads as the gold's does: a wrapped sentence on one line.
    let (_, rows) = csv_rows(&std::fs::read(&out).unwrap());
    let (_, gold) = csv_rows(&std::fs::read(repo("pairs/kremlin-feast/gold.csv")).unwrap());
    assert_eq!(
        rows.iter().map(|r| &r[..2]).collect::<Vec<_>>(),
        gold.iter().map(|r| &r[..2]).collect::<Vec<_>>()
    );
    // Read line by line, as before: fragments, most of them alone.
    let output = run(&["--line-breaks", "sentence"]);
    assert!(output.status.success());
    assert!(!String::from_utf8_lossy(&output.stderr).contains("hard-wrapped"));
    let (_, rows) = csv_rows(&std::fs::read(&out).unwrap());
    assert!(rows.len() > 100, "{}", rows.len());
    // --presplit takes each line for a sentence, as asked, and says so.
    let stderr = String::from_utf8_lossy(&run(&["--presplit"]).stderr).into_owned();
    assert!(
        stderr.contains("en.txt looks hard-wrapped")
            && stderr.contains("--presplit reads each line"),
        "{stderr}"
    );
}

#[test]
fn subtitles_are_aligned_by_their_words_not_their_timings() {
    let en = "1\n00:00:01,000 --> 00:00:03,500\n<i>Where are you going?</i>\n\n\
              2\n00:00:03,600 --> 00:00:06,000\nI'm going to the market\nto buy some bread.\n\n\
              3\n00:00:06,500 --> 00:00:08,000\nWait for me!\n";
    let fa = "WEBVTT\n\n00:01.000 --> 00:03.500\nکجا می‌روی؟\n\n\
              00:03.600 --> 00:06.000\nبه بازار می‌روم\nتا نان بخرم.\n\n\
              00:06.500 --> 00:08.000\nصبر کن من هم بیایم!\n";
    let (stderr, rows) = align_folder([("film.en.srt", en), ("film.fa.vtt", fa)]);
    let pairs: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert!(stderr.contains("film.en.srt is subtitles"), "{stderr}");
    assert_eq!(
        pairs,
        [
            ("Where are you going?", "کجا می‌روی؟"),
            (
                "I'm going to the market to buy some bread.",
                "به بازار می‌روم تا نان بخرم."
            ),
            ("Wait for me!", "صبر کن من هم بیایم!"),
        ]
    );
    // Advanced SubStation Alpha (Aegisub's `.ass`) against the same SubRip.
    let ass = "[Script Info]\nTitle: film\nScriptType: v4.00+\n\n[V4+ Styles]\n\
               Format: Name, Fontname\nStyle: Default,Arial\n\n[Events]\n\
               Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
               Dialogue: 0,0:00:01.00,0:00:03.50,Default,,0,0,0,,{\\i1}Where are you going?{\\i0}\n\
               Dialogue: 0,0:00:03.60,0:00:06.00,Default,,0,0,0,,I'm going to the market\\Nto buy some bread.\n\
               Comment: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,check the timing\n\
               Dialogue: 0,0:00:06.50,0:00:08.00,Default,,0,0,0,,Wait for me!\n";
    let (stderr, again) = align_folder([("film.en.ass", ass), ("film.fa.vtt", fa)]);
    assert!(stderr.contains("film.en.ass is subtitles"), "{stderr}");
    assert_eq!(again, rows);
}

#[test]
fn web_pages_are_aligned_by_their_text_not_their_markup() {
    let en = "<!DOCTYPE html>\n<html><head><title>Council news</title>\
              <style>p { color: red; }</style></head>\n<body>\n\
              <h1>Council approves budget</h1>\n\
              <p>The city council approved the budget on Tuesday. Members voted\n\
              <b>seven</b> to two.</p>\n<script>if (a < b) { x(); }</script>\n\
              <p>The mayor said the bridge would take four years &amp; more.</p>\n\
              </body></html>\n";
    let fa = "<!doctype html>\n<html dir=\"rtl\"><head><title>اخبار شورا</title></head>\n\
              <body><h1>شورا بودجه را تصویب کرد</h1>\n\
              <p>شورای شهر روز سه‌شنبه بودجه را تصویب کرد. اعضا با <b>هفت</b> رأی\n\
              موافق و دو رأی مخالف رأی دادند.</p>\n\
              <p>شهردار گفت ساخت پل چهار سال و بیشتر طول می‌کشد.</p></body></html>\n";
    let (stderr, rows) = align_folder([("council.en.html", en), ("council.fa.htm", fa)]);
    let pairs: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert!(stderr.contains("council.en.html is a web page"), "{stderr}");
    assert_eq!(
        pairs,
        [
            ("Council approves budget", "شورا بودجه را تصویب کرد"),
            (
                "The city council approved the budget on Tuesday.",
                "شورای شهر روز سه‌شنبه بودجه را تصویب کرد."
            ),
            (
                "Members voted seven to two.",
                "اعضا با هفت رأی موافق و دو رأی مخالف رأی دادند."
            ),
            (
                "The mayor said the bridge would take four years & more.",
                "شهردار گفت ساخت پل چهار سال و بیشتر طول می‌کشد."
            ),
        ]
    );
}

#[test]
fn word_opendocument_and_epub_files_are_aligned_as_their_text() {
    let dir = TempDir::new().unwrap();
    let fixture = |name: &str| std::fs::read(repo("tests/data/documents").join(name)).unwrap();
    let sample = |lang: &str| std::fs::read(repo(&format!("pairs/kremlin-feast/{lang}.txt")));
    // A Word file beside its translation saved by LibreOffice, a book, and
    // the text the three were made from.
    write(&dir, "report.en.docx", &fixture("feast.en.docx"));
    write(&dir, "report.fa.odt", &fixture("feast.fa.odt"));
    write(&dir, "book.en.epub", &fixture("feast.en.epub"));
    write(&dir, "book.fa.epub", &fixture("feast.fa.epub"));
    write(&dir, "text.en.txt", &sample("en").unwrap());
    write(&dir, "text.fa.txt", &sample("fa").unwrap());
    let output = bitext().arg("align").arg(dir.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("1 of 6 files are Word documents"),
        "{stderr}"
    );
    assert!(stderr.contains("2 of 6 files are EPUB books"), "{stderr}");
    let (_, rows) = csv_rows(&output.stdout);
    let of = |doc: &str| -> Vec<Vec<String>> {
        rows.iter()
            .filter(|r| r[0] == doc)
            .map(|r| r[1..].to_vec())
            .collect()
    };
    let text = of("text");
    assert_eq!(text.len(), 40);
    assert_eq!(of("report"), text);
    // The book's title page and its chapter's heading come first; then
    // the text's rows, their sentence numbers two on.
    let book = of("book");
    let texts = |rows: &[Vec<String>]| -> Vec<(String, String)> {
        rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect()
    };
    assert_eq!(texts(&book[..2]), vec![("Feast".into(), "ضیافت".into()); 2]);
    assert_eq!(texts(&book[2..]), texts(&text));

    // segment and detect read them too.
    let segment =
        |path: PathBuf| stdout_lines(&bitext().arg("segment").arg(path).output().unwrap());
    assert_eq!(
        segment(dir.path().join("report.en.docx")),
        segment(dir.path().join("text.en.txt"))
    );
}

#[test]
fn segment_reads_subtitles_and_web_pages_as_align_does() {
    let dir = TempDir::new().unwrap();
    let page = write(
        &dir,
        "a.html",
        b"<!doctype html><html><head><title>T</title></head><body><h1>News</h1>\
          <p>One sentence. Two <b>sentences</b>.</p><script>x = 1 < 2;</script></body></html>",
    );
    let subtitles = write(
        &dir,
        "a.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nHello there. How are\n\n2\n00:00:03,000 --> 00:00:04,000\nyou today?\n",
    );
    let segment = |path: &Path| stdout_lines(&bitext().arg("segment").arg(path).output().unwrap());
    assert_eq!(segment(&page), ["News", "One sentence.", "Two sentences."]);
    assert_eq!(segment(&subtitles), ["Hello there.", "How are you today?"]);
}

#[test]
fn check_reads_a_cat_tools_xliff_one_row_per_segment() {
    let dir = TempDir::new().unwrap();
    let xliff = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="report.docx" source-language="en-US" target-language="fa-IR" datatype="plaintext"><body>
  <trans-unit id="1"><source>The city council approved the budget on <g id="1">Tuesday</g>.</source>
   <target>شورای شهر روز <g id="1">سه‌شنبه</g> بودجه را تصویب کرد.</target></trans-unit>
  <trans-unit id="2"><source>The mayor said the bridge would take four years.</source>
   <target>شهردار گفت ساخت پل چهار سال طول می‌کشد.</target></trans-unit>
  <trans-unit id="3"><source>Members voted seven to two.</source><target>Members voted seven to two.</target></trans-unit>
  <trans-unit id="4"><source>The vote was held in the evening.</source></trans-unit>
 </body></file>
</xliff>"#;
    let input = write(&dir, "project.xlf", xliff.as_bytes());
    let output = bitext().arg("check").arg(&input).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (headers, rows) = csv_rows(&output.stdout);
    assert_eq!(
        headers[..5],
        ["doc", "en", "fa", "id", "note"].map(String::from)
    );
    let flags: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[3].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(
        flags,
        [
            ("1", ""),
            ("2", ""),
            ("3", "untranslated"),
            ("4", "empty:fa")
        ]
    );
    assert_eq!(
        rows[0][1],
        "The city council approved the budget on Tuesday."
    );
    // review cannot write XLIFF back, and says what it can write.
    let output = bitext().arg("review").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && stderr.contains("--out corpus.csv"),
        "{stderr}"
    );
}

#[test]
fn check_reads_a_moses_corpus_and_writes_it_back_cleaned() {
    let dir = TempDir::new().unwrap();
    // The sample pair's rows (each side one line), the third's Persian
    // lost.
    let (en, mut fa): (Vec<String>, Vec<String>) = sample_pairs().into_iter().unzip();
    let n = en.len();
    fa[2] = String::new();
    let lines = |cells: &[String]| cells.join("\n") + "\n";
    write(&dir, "corpus.en-fa.en", lines(&en).as_bytes());
    write(
        &dir,
        "corpus.en-fa.fa",
        lines(&fa).replace('\n', "\r\n").as_bytes(),
    );
    let check = |args: &[&str]| {
        let output = bitext()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output, stderr)
    };
    // Both files, in either order; their common name; one of them.
    let (output, stderr) = check(&["corpus.en-fa.en", "corpus.en-fa.fa"]);
    assert!(output.status.success(), "{stderr}");
    let (headers, rows) = csv_rows(&output.stdout);
    assert_eq!(
        headers[..4],
        ["line", "en", "fa", "flags"].map(String::from)
    );
    assert_eq!(rows.len(), n);
    assert_eq!(
        (rows[2][0].as_str(), rows[2][3].as_str()),
        ("3", "empty:fa")
    );
    assert_eq!(
        (rows[1][2].as_str(), rows[1][3].as_str()),
        (fa[1].as_str(), "")
    );
    for args in [
        &["corpus.en-fa.fa", "corpus.en-fa.en"][..],
        &["corpus.en-fa"],
        &["corpus.en-fa.en"],
        &["--format", "moses", "corpus.en-fa"],
    ] {
        assert_eq!(check(args).0.stdout, output.stdout, "{args:?}");
    }
    // Cleaned: the rows that pass, as a Moses corpus again.
    let (output, stderr) = check(&[
        "corpus.en-fa",
        "--min-quality",
        "0.5",
        "--output-format",
        "moses",
        "-o",
        "clean",
    ]);
    assert!(output.status.success(), "{stderr}");
    let clean_fa = std::fs::read_to_string(dir.path().join("clean.fa")).unwrap();
    let clean_en = std::fs::read_to_string(dir.path().join("clean.en")).unwrap();
    assert_eq!(clean_fa.lines().count(), clean_en.lines().count());
    assert!(clean_fa.lines().count() < n && !clean_en.contains(&en[2]));
    assert!(clean_fa.lines().all(|line| !line.is_empty()));
    // Files that differ in length: an error naming both and their
    // counts, and an existing output left as it was.
    write(&dir, "short.en", lines(&en).as_bytes());
    write(&dir, "short.fa", lines(&fa[..n - 1]).as_bytes());
    write(&dir, "out.csv", b"kept");
    let (output, stderr) = check(&["short.en", "short.fa", "-o", "out.csv"]);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "short.en has {n} lines but short.fa has {}",
            n - 1
        )) && stderr.contains("bitext align --presplit short.en short.fa"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(dir.path().join("out.csv")).unwrap(), b"kept");
    // A table is not one side of a Moses corpus.
    let (output, stderr) = check(&["corpus.en-fa.en", "out.csv"]);
    assert!(
        !output.status.success() && stderr.contains("CSV table"),
        "{stderr}"
    );
}

#[test]
fn check_reads_a_table_without_a_header_row() {
    let dir = TempDir::new().unwrap();
    // What `paste corpus.en corpus.fa` makes, and Tatoeba's four columns.
    let pairs = sample_pairs();
    let pasted: String = pairs
        .iter()
        .map(|(en, fa)| format!("{en}\t{fa}\n"))
        .collect();
    let tsv = write(&dir, "pasted.tsv", pasted.as_bytes());
    let output = bitext().arg("check").arg(&tsv).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && stderr.contains("give --no-header"),
        "{stderr}"
    );
    let output = bitext()
        .args(["check", "--no-header"])
        .arg(&tsv)
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows = stdout_lines(&output);
    assert_eq!(rows[0], "en\tfa\tflags\tquality\tevidence");
    assert_eq!(rows.len(), pairs.len() + 1);
    assert!(rows[1].starts_with(&format!("{}\t{}\t", pairs[0].0, pairs[0].1)));
    let four: String = pairs
        .iter()
        .map(|(en, fa)| format!("eng\tpes\t{en}\t{fa}\n"))
        .collect();
    let tsv = write(&dir, "tatoeba.tsv", four.as_bytes());
    let output = bitext()
        .args(["check", "--no-header", "--src-col", "3", "--tgt-col", "4"])
        .arg(&tsv)
        .output()
        .unwrap();
    assert!(output.status.success());
    let four_rows = stdout_lines(&output);
    assert_eq!(four_rows[0], "1\t2\ten\tfa\tflags\tquality\tevidence");
    // The same verdicts as the two columns alone.
    for (a, b) in rows.iter().zip(&four_rows).skip(1) {
        assert_eq!(format!("eng\tpes\t{a}"), *b);
    }
}

/// Persian as Windows saved it (and most Persian subtitles still come):
/// Windows-1256, with Arabic yeh and kaf.
fn windows_1256(text: &str) -> Vec<u8> {
    let text = text.replace('ی', "ي").replace('ک', "ك");
    let (bytes, _, unmapped) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmapped, "{text}");
    bytes.into_owned()
}

#[test]
fn text_in_a_legacy_encoding_is_named_and_read_when_asked() {
    let dir = TempDir::new().unwrap();
    let en = "1\n00:00:01,000 --> 00:00:03,000\nWhere were you last night?\n\n2\n00:00:04,000 --> 00:00:06,000\nI was at home with my brother.\n\n3\n00:00:07,000 --> 00:00:09,000\nHe says you were not.\n";
    let fa = "1\r\n00:00:01,000 --> 00:00:03,000\r\nدیشب کجا بودی؟\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nبا برادرم خانه بودم.\r\n\r\n3\r\n00:00:07,000 --> 00:00:09,000\r\nاو می‌گوید نبودی.\r\n";
    let en_path = write(&dir, "film.en.srt", en.as_bytes());
    let fa_path = write(&dir, "film.fa.srt", &windows_1256(fa));
    let output = bitext()
        .arg("align")
        .arg(&en_path)
        .arg(&fa_path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("film.fa.srt: not UTF-8") && stderr.contains("--encoding windows-1256"),
        "{stderr}"
    );
    // One line is too little for the bytes alone to name the encoding; as
    // Persian it reads as Windows-1256, and align's error says so.
    let line = write(&dir, "line.fa.txt", &windows_1256("دیشب کجا بودی؟\n"));
    let output = bitext()
        .arg("align")
        .arg(&en_path)
        .arg(&line)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "line.fa.txt: not UTF-8 (byte offset 0, line 1): as fa text it looks like windows-1256"
        ),
        "{stderr}"
    );
    for encoding in ["auto", "windows-1256"] {
        let output = bitext()
            .args(["align", "--encoding", encoding])
            .arg(&en_path)
            .arg(&fa_path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(
            stderr.contains("film.fa.srt is not UTF-8: it was read as windows-1256"),
            "{stderr}"
        );
        let (_, rows) = csv_rows(&output.stdout);
        let pairs: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Where were you last night?", "ديشب كجا بودي؟"),
                ("I was at home with my brother.", "با برادرم خانه بودم."),
                ("He says you were not.", "او مي‌گويد نبودي.")
            ]
        );
    }
    // A corpus table and a Moses corpus, streamed.
    let csv = "en,fa\nWhere were you last night?,دیشب کجا بودی؟\n";
    let table = write(&dir, "corpus.csv", &windows_1256(csv));
    write(&dir, "corpus.en", b"Where were you last night?\n");
    let moses = write(&dir, "corpus.fa", &windows_1256("دیشب کجا بودی؟\n"));
    for args in [
        vec![table.clone()],
        vec![dir.path().join("corpus.en"), moses],
    ] {
        let output = bitext().arg("check").args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success() && stderr.contains("windows-1256"),
            "{stderr}"
        );
        let output = bitext()
            .args(["check", "--encoding", "auto"])
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("ديشب كجا بودي؟"));
    }
    // segment and detect read it too.
    let output = bitext()
        .args(["segment", "--encoding", "windows-1256"])
        .arg(&fa_path)
        .output()
        .unwrap();
    assert_eq!(stdout_lines(&output)[0], "ديشب كجا بودي؟");
    let output = bitext()
        .args(["detect", "--encoding", "auto"])
        .arg(dir.path().join("corpus.fa"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(stdout_lines(&output)[1].contains("\tArabic\t"));
}

#[test]
fn persian_in_a_pdfs_shaped_glyphs_is_aligned_and_checked_as_its_letters() {
    let dir = TempDir::new().unwrap();
    let en = repo("pairs/kremlin-feast/en.txt");
    let run = |fa: PathBuf, out: &str| {
        let csv = dir.path().join(out);
        let output = bitext()
            .args(["align", "--check", "-q"])
            .arg(&en)
            .arg(fa)
            .arg("-o")
            .arg(&csv)
            .output()
            .unwrap();
        assert!(output.status.success());
        let (_, rows) = csv_rows(&std::fs::read(csv).unwrap());
        rows
    };
    let letters = run(repo("pairs/kremlin-feast/fa.txt"), "letters.csv");
    let shaped = run(
        repo("tests/data/documents/feast.fa.shaped.txt"),
        "shaped.csv",
    );
    assert_eq!(letters.len(), shaped.len());
    // The same beads, scores, flags and quality; the text as it came.
    for (a, b) in letters.iter().zip(&shaped) {
        assert_eq!((&a[0], &a[2..]), (&b[0], &b[2..]));
    }
    assert!(shaped[1][1].contains('\u{fe8d}'), "{}", shaped[1][1]);
    let output = bitext()
        .arg("align")
        .arg(&en)
        .arg(repo("tests/data/documents/feast.fa.shaped.txt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("feast.fa.shaped.txt writes Arabic script in presentation forms"),
        "{stderr}"
    );
    assert!(!stderr.contains("visual order"), "{stderr}");
    // In visual order (each line's letters reversed, as some PDFs lay
    // them out) it is worth a warning: its rows would read backwards.
    let persian = std::fs::read_to_string(repo("pairs/kremlin-feast/fa.txt")).unwrap();
    let visual: String = persian
        .lines()
        .map(|line| line.chars().rev().collect::<String>() + "\n")
        .collect();
    let visual = write(&dir, "visual.fa.txt", visual.as_bytes());
    let output = bitext()
        .arg("align")
        .arg(&en)
        .arg(&visual)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("visual.fa.txt looks like Persian in visual order"),
        "{stderr}"
    );
}

#[test]
fn a_pdf_or_an_old_word_file_is_refused_naming_it_and_what_to_do() {
    let dir = TempDir::new().unwrap();
    let pdf = write(&dir, "a.en.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
    let fa = write(&dir, "a.fa.txt", "متن.".as_bytes());
    let output = bitext().arg("align").arg(&pdf).arg(&fa).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a.en.pdf") && stderr.contains("pdftotext"),
        "{stderr}"
    );
    let doc = write(
        &dir,
        "b.en.doc",
        &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0],
    );
    let output = bitext().arg("segment").arg(&doc).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("b.en.doc") && stderr.contains("save it as .docx"),
        "{stderr}"
    );
}

#[test]
fn aligning_a_folder_adds_a_doc_column_and_is_deterministic() {
    let run = || bitext().arg("align").arg(repo("pairs")).output().unwrap();
    let (first, second) = (run(), run());
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    let (headers, rows) = csv_rows(&first.stdout);
    assert_eq!(headers[0], "doc");
    assert!(rows.iter().all(|r| r[0] == "kremlin-feast"));
}

#[test]
fn a_failing_pair_is_reported_while_the_others_are_written() {
    let dir = TempDir::new().unwrap();
    write(&dir, "good.en.txt", b"One sentence here. Another one.");
    write(&dir, "good.fa.txt", "یک جمله اینجا. یکی دیگر.".as_bytes());
    write(&dir, "bad.en.txt", b"Fine.");
    write(&dir, "bad.fa.txt", b"\xff\xfd broken");
    write(&dir, "lonely.en.txt", b"No partner.");
    let output = bitext().arg("align").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad") && stderr.contains("byte offset 0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("lonely") && stderr.contains("no fa half"),
        "{stderr}"
    );
    let (_, rows) = csv_rows(&output.stdout);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[0] == "good"));
}

#[test]
fn every_format_writes_every_bead() {
    let en = repo("pairs/kremlin-feast/en.txt");
    let fa = repo("pairs/kremlin-feast/fa.txt");
    let run = |format: &str| {
        let output = bitext()
            .args(["align", "--format", format])
            .arg(&en)
            .arg(&fa)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let beads = run("beads");
    assert_eq!(beads.lines().count(), 40);
    assert!(beads.starts_with("[0]:[0]:"));
    assert!(beads.contains("[2]:[2, 3]:"));
    assert!(beads.lines().any(|l| l.starts_with("[]:[39]:")));
    // The last sentences stand alone, the site lines among them, in
    // whichever order the path ties them.
    let mut last: Vec<&str> = beads
        .lines()
        .skip(36)
        .map(|l| l.rsplit_once(':').unwrap().0)
        .collect();
    last.sort_unstable();
    assert_eq!(last, ["[39]:[]", "[40]:[]", "[41]:[]", "[]:[39]"]);
    assert_eq!(run("tsv").lines().count(), 41);
    let first: serde_json::Value =
        serde_json::from_str(run("jsonl").lines().next().unwrap()).unwrap();
    assert_eq!(first["en_ids"], serde_json::json!([1]));
    assert_eq!(first["type"], "1-1");
}

#[test]
fn excel_output_starts_with_a_bom() {
    let output = bitext()
        .args(["align", "--excel"])
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .output()
        .unwrap();
    assert!(output.stdout.starts_with("\u{feff}en,fa,".as_bytes()));
}

#[test]
fn an_empty_side_gives_one_row_per_sentence_and_a_warning() {
    let dir = TempDir::new().unwrap();
    let en = write(&dir, "en.txt", b"One. Two. Three.");
    let fa = write(&dir, "fa.txt", b"");
    let output = bitext().arg("align").arg(&en).arg(&fa).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no sentences"));
    let (_, rows) = csv_rows(&output.stdout);
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r[4] == "1-0" && r[1].is_empty()));
}

#[test]
fn a_passage_missing_from_one_side_is_reported_and_kept() {
    let dir = TempDir::new().unwrap();
    let sentences: Vec<String> = (1..=20)
        .map(|k| format!("Item {k} of the list says {}.", "more ".repeat(k % 7 + 1)))
        .collect();
    let kept: Vec<&String> = sentences
        .iter()
        .filter(|s| {
            let k: usize = s.split(' ').nth(1).unwrap().parse().unwrap();
            !(8..=14).contains(&k)
        })
        .collect();
    let en = write(&dir, "en.txt", sentences.join(" ").as_bytes());
    let fa = write(
        &dir,
        "fa.txt",
        kept.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .as_bytes(),
    );
    let output = bitext().arg("align").arg(&en).arg(&fa).output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("has nothing for sentences 8–14 of") && stderr.contains("(7 in a row)"),
        "{stderr}"
    );
    let (_, rows) = csv_rows(&output.stdout);
    assert_eq!(rows.iter().filter(|r| r[4] == "1-0").count(), 7);
    assert_eq!(rows.len(), 20);
}

#[test]
fn wildly_different_sentence_counts_align_anyway_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let en = write(&dir, "en.txt", "A sentence. ".repeat(60).as_bytes());
    let fa = write(&dir, "fa.txt", "یک جمله. ".repeat(5).as_bytes());
    let output = bitext().arg("align").arg(&en).arg(&fa).output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("aligned anyway"));
    let (_, rows) = csv_rows(&output.stdout);
    let en_count: usize = rows.iter().map(|r| r[2].split_whitespace().count()).sum();
    let fa_count: usize = rows.iter().map(|r| r[3].split_whitespace().count()).sum();
    assert_eq!((en_count, fa_count), (60, 5));
}

#[test]
fn align_reports_invalid_utf8_with_file_and_offset() {
    let dir = TempDir::new().unwrap();
    let en = write(&dir, "en.txt", b"Good text.");
    let fa = write(&dir, "fa.txt", b"ok\n\xc3\x28");
    bitext()
        .arg("align")
        .arg(&en)
        .arg(&fa)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fa.txt").and(predicate::str::contains("byte offset 3")));
}

#[test]
fn align_fails_on_an_unwritable_output_before_reading() {
    bitext()
        .args([
            "align",
            "no/en.txt",
            "no/fa.txt",
            "-o",
            "/nonexistent-dir/out.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent-dir/out.csv"));
}

#[test]
fn align_reports_a_missing_file() {
    bitext()
        .arg("align")
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg("missing/fa.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing/fa.txt"));
}

#[test]
fn a_fifty_megabyte_paragraph_without_punctuation_aligns() {
    let dir = TempDir::new().unwrap();
    let en = write(&dir, "en.txt", "word ".repeat(10 * 1024 * 1024).as_bytes());
    let fa = write(&dir, "fa.txt", "واژه ".repeat(5 * 1024 * 1024).as_bytes());
    let output = bitext()
        .args(["align", "--format", "beads"])
        .arg(&en)
        .arg(&fa)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .starts_with("[0]:[0]:"));
}

#[test]
fn presplit_takes_one_sentence_per_line() {
    let dir = TempDir::new().unwrap();
    let en = write(&dir, "en.txt", b"Mr. Smith came.\nHe sat.\n");
    let fa = write(&dir, "fa.txt", "آقای اسمیت آمد.\nنشست.\n".as_bytes());
    bitext()
        .args(["align", "--presplit", "--format", "beads"])
        .arg(&en)
        .arg(&fa)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("[0]:[0]:").and(predicate::str::contains("[1]:[1]:")));
}

/// The shared gold sets, when `../shared` is beside the repository.
fn shared_gold_docs() -> Option<Vec<PathBuf>> {
    let dir = repo("../shared/data/enfa/bible/sent");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} not found (the shared data is absent)",
            dir.display()
        );
        return None;
    }
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "gold"))
        .collect();
    golds.sort();
    golds.truncate(12);
    Some(golds)
}

#[test]
fn eval_matches_the_reference_scorer_on_the_shared_gold() {
    let Some(golds) = shared_gold_docs() else {
        return;
    };
    let scorer = repo("../shared/tools/score_align.py");
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 not found");
        return;
    }
    let dir = TempDir::new().unwrap();
    let mut tests = Vec::new();
    for gold in &golds {
        let test = dir.path().join(gold.file_name().unwrap());
        bitext()
            .args(["align", "--presplit", "--format", "beads"])
            .arg(gold.with_extension("en"))
            .arg(gold.with_extension("fa"))
            .arg("-o")
            .arg(&test)
            .assert()
            .success();
        tests.push(test);
    }
    let ours = bitext()
        .args(["eval", "--json", "-g"])
        .args(&golds)
        .arg("-t")
        .args(&tests)
        .output()
        .unwrap();
    let reference = std::process::Command::new("python3")
        .arg(&scorer)
        .arg("--json")
        .arg("-g")
        .args(&golds)
        .arg("-t")
        .args(&tests)
        .output()
        .unwrap();
    assert!(
        reference.status.success(),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let ours: serde_json::Value = serde_json::from_slice(&ours.stdout).unwrap();
    let reference: serde_json::Value = serde_json::from_slice(&reference.stdout).unwrap();
    for key in [
        "precision_strict",
        "recall_strict",
        "f1_strict",
        "precision_lax",
        "recall_lax",
        "f1_lax",
    ] {
        let (a, b) = (
            ours[key].as_f64().unwrap(),
            reference[key].as_f64().unwrap(),
        );
        assert!((a - b).abs() < 1e-12, "{key}: ours {a}, reference {b}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command as StdCommand, Stdio};
    let dir = TempDir::new().unwrap();
    let en = std::fs::read_to_string(repo("pairs/kremlin-feast/en.txt")).unwrap();
    let fa = std::fs::read_to_string(repo("pairs/kremlin-feast/fa.txt")).unwrap();
    let en = write(&dir, "en.txt", (en + "\n").repeat(200).as_bytes());
    let fa = write(&dir, "fa.txt", (fa + "\n").repeat(200).as_bytes());
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("bitext"))
        .arg("align")
        .arg(&en)
        .arg(&fa)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe is closed while bitext still writes.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{status:?} {stderr}");
}

// ---- bitext detect ----

#[test]
fn detect_writes_one_record_per_line() {
    bitext()
        .arg("detect")
        .write_stdin("\u{feff}This is an English sentence about the weather.\r\nاین یک جمله فارسی است.\n2024-11-28\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("line\tlang\tscript\tconfidence\treliable\tmixed\n"))
        .stdout(predicate::str::contains("\n1\ten\tLatin\t"))
        .stdout(predicate::str::contains("\n2\tfa\tArabic\t"))
        .stdout(predicate::str::contains("\n3\tund\tNone\t"));
}

#[test]
fn detect_only_marks_urdu_in_an_english_persian_corpus() {
    let output = bitext()
        .args(["detect", "--only", "en,fa", "--format", "jsonl"])
        .write_stdin("یہ کتاب بہت اچھی ہے۔\nاین کتاب خوب است.\n")
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = stdout_lines(&output)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        (records[0]["lang"].as_str(), records[0]["allowed"].as_bool()),
        (Some("ur"), Some(false))
    );
    assert_eq!(
        (records[1]["lang"].as_str(), records[1]["allowed"].as_bool()),
        (Some("fa"), Some(true))
    );
}

#[test]
fn detect_expect_exits_one_when_a_line_is_in_another_language() {
    bitext()
        .args(["detect", "--expect", "fa"])
        .write_stdin("این کتاب خوب است.\nThis line is plainly written in English.\n")
        .assert()
        .code(1);
    bitext()
        .args(["detect", "--expect", "fa"])
        .write_stdin("این کتاب خوب است.\n12345\n")
        .assert()
        .success();
}

#[test]
fn detect_reports_a_bad_line_and_detects_the_rest() {
    let mut input = b"bad \xff line\n".to_vec();
    input.extend_from_slice("این کتاب خوب است.\n".as_bytes());
    let output = bitext().arg("detect").write_stdin(input).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 1"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\n2\tfa\t"));
}

#[test]
fn detect_reads_one_column_of_a_corpus() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        &dir,
        "corpus.csv",
        "en,fa\n\"Hello, world.\",سلام دنیا\nGood night.,شب بخیر\n".as_bytes(),
    );
    // Two words without ه or an Urdu letter could be Urdu too: a corpus
    // says which languages it should hold.
    let output = bitext()
        .args(["detect", "--summary", "--only", "en,fa", "--column", "fa"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "lang\tlines\tshare\nfa\t2\t1.000\n"
    );
    // The summary is in the output format, like the lines.
    let output = bitext()
        .args([
            "detect",
            "--summary",
            "--only",
            "en,fa",
            "--column",
            "fa",
            "-f",
            "jsonl",
        ])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "{\"lang\":\"fa\",\"lines\":2,\"share\":1.0}\n"
    );
    bitext()
        .args(["detect", "--column", "de"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("found: en, fa"));
}

#[test]
fn detect_refuses_binary_input_and_accepts_an_empty_file() {
    let dir = TempDir::new().unwrap();
    let blob = write(&dir, "blob.bin", b"\x00\x01\x02");
    bitext()
        .arg("detect")
        .arg(&blob)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary"));
    let empty = write(&dir, "empty.txt", b"");
    bitext()
        .arg("detect")
        .arg(&empty)
        .assert()
        .success()
        .stdout("line\tlang\tscript\tconfidence\treliable\tmixed\n");
}

#[test]
fn detect_handles_a_ten_megabyte_line() {
    let dir = TempDir::new().unwrap();
    let big = write(
        &dir,
        "big.txt",
        "کتاب خوب است و ".repeat(400_000).as_bytes(),
    );
    bitext()
        .arg("detect")
        .arg(&big)
        .assert()
        .success()
        .stdout(predicate::str::contains("\n1\tfa\t"));
}

// ---- bitext check ----

/// A small corpus: five good pairs, then problems of several kinds.
const CORPUS: &str = "id,en,fa,note\n\
1,The meeting starts at 9 tomorrow.,جلسه فردا ساعت ۹ شروع می‌شود.,a\n\
2,She bought three books.,او سه کتاب خرید.,b\n\
3,The river flooded the village in 2019.,رودخانه در سال ۲۰۱۹ روستا را زیر آب برد.,c\n\
4,We will see.,خواهیم دید.,d\n\
5,Thank you very much.,خیلی ممنونم.,e\n\
6,The price rose to 450 dollars.,قیمت به ۵۴۰ دلار رسید.,f\n\
7,Good morning everyone.,Good morning everyone.,g\n\
8,The weather is cold.,,h\n\
9,\"Two lines,\nin one cell.\",\"دو خط،\nدر یک خانه.\",i\n";

fn check_corpus(dir: &TempDir) -> PathBuf {
    write(dir, "corpus.csv", CORPUS.as_bytes())
}

/// A CSV's header and rows, ragged rows allowed (a corpus may have them).
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true);
    parse_csv(builder, bytes)
}

#[test]
fn check_adds_flags_quality_and_evidence_and_keeps_everything_else() {
    let dir = TempDir::new().unwrap();
    let corpus = check_corpus(&dir);
    let output = bitext().arg("check").arg(&corpus).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let (header, rows) = read_csv(&output.stdout);
    assert_eq!(
        header,
        ["id", "en", "fa", "note", "flags", "quality", "evidence"]
    );
    assert_eq!(rows.len(), 9, "every row is written back");
    let (original_header, original) = read_csv(CORPUS.as_bytes());
    assert_eq!(original_header.len(), 4);
    for (row, before) in rows.iter().zip(&original) {
        assert_eq!(&row[..4], &before[..], "other columns untouched, in order");
    }
    let flags: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(flags[..5], ["", "", "", "", ""]);
    assert_eq!(flags[5], "numbers");
    assert_eq!(flags[6], "untranslated");
    assert_eq!(flags[7], "empty:fa");
    assert!(
        rows[5][6].contains("en has 450, fa has 540"),
        "{:?}",
        rows[5]
    );
    assert_eq!(rows[7][5], "0.000");
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(summary.contains("rows: 9; flagged: 3"), "{summary}");
}

#[test]
fn check_filters_rows_and_fails_above_max_flagged() {
    let dir = TempDir::new().unwrap();
    let corpus = check_corpus(&dir);
    let output = bitext()
        .args(["check", "--only-flagged", "-q"])
        .arg(&corpus)
        .output()
        .unwrap();
    let (_, rows) = read_csv(&output.stdout);
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["6", "7", "8"]
    );
    let output = bitext()
        .args(["check", "--min-quality", "0.5", "-q"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(read_csv(&output.stdout).1.len(), 6);
    bitext()
        .args(["check", "--max-flagged", "0.2", "-q", "-o"])
        .arg(dir.path().join("out.csv"))
        .arg(&corpus)
        .assert()
        .code(1);
    bitext()
        .args(["check", "--max-flagged", "0.5", "-q", "-o"])
        .arg(dir.path().join("out.csv"))
        .arg(&corpus)
        .assert()
        .code(0);
}

#[test]
fn check_writes_the_summary_as_json() {
    let dir = TempDir::new().unwrap();
    let corpus = check_corpus(&dir);
    let json = dir.path().join("summary.json");
    bitext()
        .args(["check", "-q", "-o", "-", "--summary-json"])
        .arg(&json)
        .arg(&corpus)
        .assert()
        .success();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(summary["rows"], 9);
    assert_eq!(summary["flagged"], 3);
    assert_eq!(summary["flags"]["numbers"], 1);
    assert!(summary["length_ratio"]["p50"].as_f64().unwrap() > 0.0);
}

#[test]
fn check_names_the_columns_it_found_when_one_is_missing() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        &dir,
        "c.csv",
        b"english,persian\nHello,\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\n",
    );
    bitext()
        .arg("check")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no column \"en\"; the columns are: english, persian",
        ));
    bitext()
        .args([
            "check",
            "-q",
            "--src-col",
            "english",
            "--tgt-col",
            "persian",
        ])
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "english,persian,flags,quality,evidence\n",
        ));
}

#[test]
fn check_reports_invalid_utf8_with_row_and_offset() {
    let dir = TempDir::new().unwrap();
    let corpus = write(&dir, "c.csv", b"en,fa\nok,ok\nbad\xff,x\n");
    bitext()
        .arg("check")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "c.csv: line 3: row 2 (starting at byte 12): invalid UTF-8",
        ));
}

#[test]
fn check_refuses_an_empty_file_clearly() {
    let dir = TempDir::new().unwrap();
    let corpus = write(&dir, "c.csv", b"");
    bitext()
        .arg("check")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "empty file: expected a header row",
        ));
}

#[test]
fn check_keeps_ragged_rows_and_flags_them() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        &dir,
        "c.csv",
        "en,fa,x\nHello there.,سلام بر تو.\nYes.,بله.,1,extra\n".as_bytes(),
    );
    let output = bitext()
        .args(["check", "-q"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(output.status.success());
    let (_, rows) = read_csv(&output.stdout);
    assert_eq!(rows[0][..4], ["Hello there.", "سلام بر تو.", "", "ragged"]);
    assert!(rows[0][5].contains("2 fields, the header has 3"));
    assert_eq!(rows[1][3], "ragged");
    // Rectangular: the cell past the header is kept in the evidence.
    assert!(rows.iter().all(|r| r.len() == 6), "{rows:?}");
    assert!(
        rows[1][5].contains("the cells past it: «extra»"),
        "{:?}",
        rows[1]
    );
}

#[test]
fn check_reads_and_writes_tsv_and_jsonl() {
    let dir = TempDir::new().unwrap();
    let tsv = write(&dir, "c.tsv", "en\tfa\nHello.\tHello.\n".as_bytes());
    bitext()
        .args(["check", "-q"])
        .arg(&tsv)
        .assert()
        .success()
        .stdout("en\tfa\tflags\tquality\tevidence\nHello.\tHello.\tuntranslated\t0.000\tuntranslated: the same text on both sides\n");
    let jsonl = write(
        &dir,
        "c.jsonl",
        "{\"en\":\"Hello.\",\"fa\":\"\",\"n\":[1]}\n".as_bytes(),
    );
    bitext()
        .args(["check", "-q"])
        .arg(&jsonl)
        .assert()
        .success()
        .stdout("{\"en\":\"Hello.\",\"fa\":\"\",\"n\":[1],\"flags\":\"empty:fa\",\"quality\":0.0,\"evidence\":\"empty:fa: no text\"}\n");
}

#[test]
fn align_check_adds_the_check_columns() {
    let output = bitext()
        .args(["align", "--check", "--only-flagged"])
        .arg(repo("pairs"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let (header, rows) = read_csv(&output.stdout);
    assert_eq!(header[header.len() - 3..], ["flags", "quality", "evidence"]);
    // The site lines at the end of the scraped article, and the mistranslated
    // title that has no Persian counterpart.
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows.iter().any(|r| r[7].contains("boilerplate:en")));
}

/// The first Chromium on PATH, if any.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        })
}

#[test]
fn the_review_page_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("SKIPPED: no chromium on PATH; install it (apt-get install -y chromium) to test the review page");
        return;
    };
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("report.html");
    bitext()
        .args(["align", "--check", "-o"])
        .arg(dir.path().join("corpus.csv"))
        .arg("--html")
        .arg(&page)
        .arg(repo("pairs"))
        .assert()
        .success();
    let url = format!("file://{}", page.display());
    let headless = |extra: &[&str]| {
        std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1400,1400",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .args(extra)
            .arg(&url)
            .output()
            .expect("chromium runs")
    };
    let run = headless(&["--dump-dom"]);
    let dom = String::from_utf8_lossy(&run.stdout);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script ran to the end: {}\n{}",
        dom.chars().take(500).collect::<String>(),
        String::from_utf8_lossy(&run.stderr)
    );
    let body = &dom[dom.find("<body").unwrap()..];
    let body_tag = &body[..body.find('>').unwrap()];
    assert!(
        !body_tag.contains("data-errors"),
        "script errors: {body_tag}"
    );
    // The first rows are drawn, Persian right to left; the summary shows.
    assert!(dom.contains("Dinner of Das and Chekhov in the Kremlin"));
    assert!(dom.contains("ضیافت داس و چکش در کرملین"));
    assert!(dom.contains("dir=\"rtl\""));
    assert!(dom.contains("English → Persian"), "the languages by name");
    assert!(dom.contains("Persian (fa)"));
    assert!(
        dom.contains("boilerplate:en"),
        "the flag filter lists the flags"
    );
    let shot = dir.path().join("shot.png");
    headless(&[&format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

/// A made-up pair whose words translate one to one (`w17` ↔ `v17`), with
/// every seventeenth source sentence missing from the target: text a
/// lexicon can be learned from.
fn word_pair(dir: &TempDir, n: usize) -> (PathBuf, PathBuf) {
    let mut state: u64 = 11;
    let mut next = |k: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % k
    };
    let (mut en, mut xx) = (String::new(), String::new());
    for i in 0..n {
        let words: Vec<u64> = (0..4 + next(12)).map(|_| next(300)).collect();
        let line = |p: &str| {
            words
                .iter()
                .map(|w| format!("{p}{w}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        en.push_str(&line("w"));
        en.push('\n');
        if i % 17 != 9 {
            xx.push_str(&line("v"));
            xx.push('\n');
        }
    }
    (
        write(dir, "doc.en", en.as_bytes()),
        write(dir, "doc.xx", xx.as_bytes()),
    )
}

/// `bitext align` on the made-up pair, as beads.
fn align_words(en: &Path, xx: &Path) -> Command {
    let mut command = bitext();
    command
        .args([
            "align",
            "--presplit",
            "--tgt-lang",
            "xx",
            "--format",
            "beads",
        ])
        .arg(en)
        .arg(xx);
    command
}

#[test]
fn a_lexicon_written_in_one_run_is_read_in_the_next() {
    let dir = TempDir::new().unwrap();
    let (en, xx) = word_pair(&dir, 200);
    let lexicon = dir.path().join("run.lex");
    let first = align_words(&en, &xx)
        .arg("--lexicon-out")
        .arg(&lexicon)
        .output()
        .unwrap();
    assert!(first.status.success());
    let text = std::fs::read_to_string(&lexicon).unwrap();
    assert!(
        text.starts_with("#bitext-lexicon\ten\txx\tlinked="),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("w17\tv17\t")), "{text}");
    // Every dropped sentence alone, in a bead of its own.
    let alone = stdout_lines(&first)
        .iter()
        .filter(|l| l.contains(":[]:"))
        .count();
    assert_eq!(alone, 12);
    let second = align_words(&en, &xx)
        .arg("--lexicon")
        .arg(&lexicon)
        .output()
        .unwrap();
    assert!(second.status.success());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn a_lexicon_of_the_other_direction_or_malformed_is_refused() {
    let dir = TempDir::new().unwrap();
    let (en, xx) = word_pair(&dir, 200);
    let lexicon = dir.path().join("run.lex");
    bitext()
        .args(["align", "--presplit", "--tgt-lang", "xx", "-o"])
        .arg(dir.path().join("a.csv"))
        .arg(&en)
        .arg(&xx)
        .arg("--lexicon-out")
        .arg(&lexicon)
        .assert()
        .success();
    bitext()
        .args([
            "align",
            "--presplit",
            "--src-lang",
            "xx",
            "--tgt-lang",
            "en",
        ])
        .arg(&xx)
        .arg(&en)
        .arg("--lexicon")
        .arg(&lexicon)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "this lexicon is en→xx, the run is xx→en",
        ));
    // Same codes, sides swapped: the words tell.
    bitext()
        .args(["align", "--presplit", "--tgt-lang", "xx"])
        .arg(&xx)
        .arg(&en)
        .arg("--lexicon")
        .arg(&lexicon)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("learned in the other direction"));
    let bad = write(
        &dir,
        "bad.lex",
        b"#bitext-lexicon\ten\txx\tlinked=0.5,0.5\nw1\tv1\t0.5\n",
    );
    bitext()
        .args(["align", "--presplit", "--tgt-lang", "xx"])
        .arg(&en)
        .arg(&xx)
        .arg("--lexicon")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.lex: line 2: expected 4"));
    let dict = write(&dir, "bad.dict", b"w1\tv1\nw2 v2\n");
    bitext()
        .args(["align", "--presplit", "--tgt-lang", "xx"])
        .arg(&en)
        .arg(&xx)
        .arg("--dict")
        .arg(&dict)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.dict: line 2"));
}

#[test]
fn a_lexicon_out_in_a_missing_folder_fails_before_any_work() {
    let dir = TempDir::new().unwrap();
    let (en, xx) = word_pair(&dir, 20);
    let out = dir.path().join("out.csv");
    bitext()
        .args(["align", "--presplit", "--tgt-lang", "xx", "-o"])
        .arg(&out)
        .arg(&en)
        .arg(&xx)
        .arg("--lexicon-out")
        .arg(dir.path().join("nowhere/run.lex"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    assert!(!out.exists());
}

/// The beads (without scores) of the new user's article, its Persian
/// lacking the fifth sentence, aligned with `args` added.
fn article_beads(args: &[&std::ffi::OsStr]) -> Vec<String> {
    let output = bitext()
        .args(["align", "--format", "beads"])
        .arg(repo("tests/data/dropped-sentence/en.txt"))
        .arg(repo("tests/data/dropped-sentence/fa.txt"))
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success());
    stdout_lines(&output)
        .iter()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect()
}

/// The article's beads with the fifth English sentence alone.
const ARTICLE_BEADS: [&str; 10] = [
    "[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]", "[4]:[]", "[5]:[4]", "[6]:[5]", "[7]:[6]",
    "[8]:[7]", "[9]:[8]",
];

#[test]
fn a_dictionary_places_the_new_users_dropped_sentence() {
    let dir = TempDir::new().unwrap();
    let dict = write(
        &dir,
        "words.txt",
        "factories\tکارخانه\nشهر @ city\ngovernment\tدولت\n".as_bytes(),
    );
    assert_eq!(
        article_beads(&["--dict".as_ref(), dict.as_os_str()]),
        ARTICLE_BEADS
    );
}

#[test]
fn the_new_users_dropped_sentence_is_left_alone_without_a_dictionary() {
    // Ten sentences teach the word table little; `filters` ↔ `فیلترهای`,
    // a loanword Persian writes by sound, places the sentence the Persian
    // lacks (before, the pair beside it was shifted).
    assert_eq!(article_beads(&[]), ARTICLE_BEADS);
}

/// The files of `dir` other than `keep`: a run must leave no temporary
/// file behind.
fn leftovers(dir: &TempDir, keep: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_run_leaves_the_existing_output_as_it_was() {
    let dir = TempDir::new().unwrap();
    let before = b"a finished corpus\n";
    let out = write(&dir, "out.csv", before);
    let fa = repo("pairs/kremlin-feast/fa.txt");
    let bad = write(&dir, "bad.txt", b"fine\n\xff\xfe not UTF-8\n");
    let mut corpus = Vec::new();
    corpus.extend_from_slice(b"en,fa\n");
    for k in 0..6 {
        corpus.extend_from_slice(format!("Line {k}.,\u{0633}\u{0637}\u{0631} {k}.\n").as_bytes());
    }
    corpus.extend_from_slice(b"Bad \xff byte.,x\n");
    let broken = write(&dir, "broken.csv", &corpus);
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        // A missing input, an input that is not UTF-8, a bad row late in
        // a corpus: each fails after the output was opened.
        vec![
            "align".into(),
            dir.path().join("missing.txt").into(),
            fa.clone().into(),
        ],
        vec!["segment".into(), bad.clone().into()],
        vec!["detect".into(), dir.path().join("missing.txt").into()],
        vec!["check".into(), broken.clone().into()],
    ];
    for args in runs {
        bitext().args(&args).arg("-o").arg(&out).assert().code(2);
        assert_eq!(std::fs::read(&out).unwrap(), before, "{args:?}");
    }
    // A translation memory cut off inside a unit: the error names the
    // byte where the unit opened, and the TMX written before stays.
    let tmx = write(
        &dir,
        "cut.tmx",
        b"<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"fa\"><seg>b</seg></tuv></tu><tu><tuv xml:lang=\"en\"><seg>b",
    );
    let old_tmx = write(&dir, "out.tmx", b"<tmx/>\n");
    bitext()
        .arg("check")
        .arg(&tmx)
        .arg("-o")
        .arg(&old_tmx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "at byte 108: a <tu> opened here is never closed",
        ));
    assert_eq!(std::fs::read(&old_tmx).unwrap(), b"<tmx/>\n");
    // Moses pairs: both files stay as they were.
    let en = write(&dir, "m.en", b"old en\n");
    let fa_out = write(&dir, "m.fa", b"old fa\n");
    bitext()
        .arg("align")
        .arg(dir.path().join("missing.txt"))
        .arg(&fa)
        .args(["--format", "moses", "-o"])
        .arg(dir.path().join("m"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&en).unwrap(), b"old en\n");
    assert_eq!(std::fs::read(&fa_out).unwrap(), b"old fa\n");
    assert_eq!(
        leftovers(
            &dir,
            &[
                "out.csv",
                "bad.txt",
                "broken.csv",
                "cut.tmx",
                "out.tmx",
                "m.en",
                "m.fa"
            ]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn side_outputs_are_checked_before_any_work() {
    let dir = TempDir::new().unwrap();
    let before = b"previous\n";
    let out = write(&dir, "out.csv", before);
    for side in ["--html", "--summary-json"] {
        bitext()
            .args(["align"])
            .arg(repo("pairs"))
            .args(["--check", "-o"])
            .arg(&out)
            .arg(side)
            .arg(dir.path().join("nowhere/r.out"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("does not exist"));
        assert_eq!(std::fs::read(&out).unwrap(), before);
    }
    // A successful run replaces the output and leaves nothing else.
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("doc,en,fa"));
    assert_eq!(leftovers(&dir, &["out.csv"]), Vec::<String>::new());
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = TempDir::new().unwrap();
    let en_text = std::fs::read(repo("pairs/kremlin-feast/en.txt")).unwrap();
    let fa_text = std::fs::read(repo("pairs/kremlin-feast/fa.txt")).unwrap();
    let en = write(&dir, "en.txt", &en_text);
    let fa = write(&dir, "fa.txt", &fa_text);
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    let doc_en = folder.join("a.en.txt");
    std::fs::write(&doc_en, &en_text).unwrap();
    std::fs::write(folder.join("a.fa.txt"), &fa_text).unwrap();
    let corpus = dir.path().join("c.csv");
    bitext()
        .arg("align")
        .args([&en, &fa])
        .arg("-o")
        .arg(&corpus)
        .assert()
        .success();
    let corpus_bytes = std::fs::read(&corpus).unwrap();
    let dotted = dir.path().join(".").join("fa.txt");
    let os = |args: &[&dyn AsRef<std::ffi::OsStr>]| -> Vec<std::ffi::OsString> {
        args.iter().map(|a| a.as_ref().to_os_string()).collect()
    };
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        // The corpus written over a document, by any name of it.
        os(&[&"align", &en, &fa, &"-o", &en]),
        os(&[&"align", &en, &fa, &"-o", &dotted]),
        // A side output over a document, or a word list read.
        os(&[&"align", &en, &fa, &"-o", &"-", &"--lexicon-out", &fa]),
        os(&[&"align", &en, &fa, &"--dict", &en, &"--lexicon-out", &en]),
        os(&[&"align", &en, &fa, &"--check", &"--html", &fa]),
        // A document of a folder.
        os(&[&"align", &folder, &"-o", &doc_en]),
        os(&[&"segment", &en, &"-o", &en]),
        os(&[&"detect", &fa, &"-o", &fa]),
        // A corpus checked into itself, or its report over it.
        os(&[&"check", &corpus, &"-o", &corpus]),
        os(&[&"check", &corpus, &"--summary-json", &corpus]),
    ];
    for args in runs {
        bitext()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("this run reads it"));
        assert_eq!(std::fs::read(&en).unwrap(), en_text, "{args:?}");
        assert_eq!(std::fs::read(&fa).unwrap(), fa_text, "{args:?}");
        assert_eq!(std::fs::read(&doc_en).unwrap(), en_text, "{args:?}");
        assert_eq!(std::fs::read(&corpus).unwrap(), corpus_bytes, "{args:?}");
    }
    // One file as both documents.
    bitext()
        .arg("align")
        .args([&en, &dir.path().join(".").join("en.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("are the same file"));
    // A Moses corpus written back over the files it was read from.
    let moses = dir.path().join("m");
    bitext()
        .arg("align")
        .args([&en, &fa])
        .args(["-f", "moses", "-o"])
        .arg(&moses)
        .assert()
        .success();
    let moses_en = std::fs::read(dir.path().join("m.en")).unwrap();
    bitext()
        .arg("check")
        .arg(&moses)
        .args(["--output-format", "moses", "-o"])
        .arg(&moses)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("m.en: this run reads it"));
    assert_eq!(std::fs::read(dir.path().join("m.en")).unwrap(), moses_en);
    // Standard output and a device are no input's file.
    bitext()
        .arg("segment")
        .arg(&en)
        .args(["-o", "-"])
        .assert()
        .success();
    #[cfg(unix)]
    bitext()
        .arg("segment")
        .arg(&en)
        .args(["-o", "/dev/null"])
        .assert()
        .success();
}

#[test]
fn swapped_sides_are_named_in_a_warning() {
    let (en, fa) = (
        repo("pairs/kremlin-feast/en.txt"),
        repo("pairs/kremlin-feast/fa.txt"),
    );
    bitext()
        .arg("align")
        .arg(&fa)
        .arg(&en)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "are the sides swapped? Give the en file first",
        ));
    bitext()
        .arg("align")
        .arg(&en)
        .arg(&fa)
        .assert()
        .success()
        .stderr(predicate::str::contains("swapped").not());
}

#[test]
fn excel_output_from_check_runs_no_formula_and_elsewhere_is_refused() {
    let dir = TempDir::new().unwrap();
    let corpus = write(
        &dir,
        "c.csv",
        "en,fa\n\"=HYPERLINK(\"\"http://x\"\")\",سلام\n@SUM(1),+1\nHello.,سلام.\n".as_bytes(),
    );
    let output = bitext()
        .arg("check")
        .arg(&corpus)
        .args(["--excel", "-q"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with('\u{feff}'), "{text}");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!((&rows[1][0], &rows[1][1]), ("'@SUM(1)", "'+1"));
    assert_eq!(&rows[2][0], "Hello.");
    let jsonl = write(&dir, "c.jsonl", "{\"en\":\"a\",\"fa\":\"b\"}\n".as_bytes());
    bitext()
        .arg("check")
        .arg(&jsonl)
        .arg("--excel")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--excel applies to CSV and TSV"));
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .args(["--excel", "--format", "jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--excel applies to CSV and TSV"));
}

#[test]
fn utf16_files_with_a_mark_align_as_their_utf8_would() {
    let dir = TempDir::new().unwrap();
    let utf16 = |name: &str, path: PathBuf| {
        let text = std::fs::read_to_string(path).unwrap();
        let bytes: Vec<u8> = "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        write(&dir, name, &bytes)
    };
    let en = utf16("en.txt", repo("pairs/kremlin-feast/en.txt"));
    let fa = utf16("fa.txt", repo("pairs/kremlin-feast/fa.txt"));
    let from_utf16 = bitext().arg("align").arg(&en).arg(&fa).output().unwrap();
    let from_utf8 = bitext()
        .arg("align")
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .output()
        .unwrap();
    assert!(from_utf16.status.success());
    assert_eq!(from_utf16.stdout, from_utf8.stdout);
}

#[test]
fn align_ends_with_a_summary_line_and_quiet_silences_it() {
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "bitext: aligned 1 document into 40 rows; 0 warnings",
        ));
    bitext()
        .arg("align")
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg("-q")
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
}

#[test]
fn completions_and_man_page_come_from_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = bitext().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("lexicon-out"), "{shell}");
    }
    let output = bitext().arg("man").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(".TH bitext 1") && text.contains("align"),
        "{text}"
    );
}

#[test]
fn moses_output_is_two_files_line_for_line() {
    let dir = TempDir::new().unwrap();
    let prefix = dir.path().join("corpus");
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .args(["--format", "moses", "-q", "-o"])
        .arg(&prefix)
        .assert()
        .success();
    let read =
        |ext: &str| std::fs::read_to_string(dir.path().join(format!("corpus.{ext}"))).unwrap();
    let (en, fa) = (read("en"), read("fa"));
    let csv = bitext().arg("align").arg(repo("pairs")).output().unwrap();
    let (_, rows) = csv_rows(&csv.stdout);
    let en_lines: Vec<&str> = en.lines().collect();
    let fa_lines: Vec<&str> = fa.lines().collect();
    assert_eq!((en_lines.len(), fa_lines.len()), (rows.len(), rows.len()));
    // Line n of each file is row n of the CSV corpus (doc, en, fa, …).
    for ((row, e), f) in rows.iter().zip(&en_lines).zip(&fa_lines) {
        assert_eq!((&row[1].as_str(), &row[2].as_str()), (e, f));
    }
    assert_eq!(
        leftovers(&dir, &["corpus.en", "corpus.fa"]),
        Vec::<String>::new()
    );
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .args(["--format", "moses"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give their common name with -o"));
}

/// `xmllint` (Debian's libxml2-utils), if installed.
fn xmllint() -> Option<&'static str> {
    let found = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then_some("xmllint")
}

#[test]
fn tmx_output_is_valid_tmx_14b_and_check_reads_it_back() {
    let dir = TempDir::new().unwrap();
    let tmx = dir.path().join("corpus.tmx");
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .args(["--format", "tmx", "-q", "-o"])
        .arg(&tmx)
        .assert()
        .success();
    match xmllint() {
        Some(xmllint) => {
            let out = std::process::Command::new(xmllint)
                .args(["--noout", "--nonet", "--dtdvalid"])
                .arg(repo("tests/data/tmx14b.dtd"))
                .arg(&tmx)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        None => eprintln!(
            "SKIPPED the DTD validation: no xmllint on PATH (apt-get install -y libxml2-utils)"
        ),
    }
    // check reads the translation memory back to the rows align wrote.
    let csv = bitext().arg("align").arg(repo("pairs")).output().unwrap();
    let (_, rows) = csv_rows(&csv.stdout);
    let back = bitext()
        .arg("check")
        .arg(&tmx)
        .args(["--output-format", "csv", "-q"])
        .output()
        .unwrap();
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let (header, checked) = csv_rows(&back.stdout);
    assert_eq!(
        header[..7],
        ["doc", "en", "fa", "en_ids", "fa_ids", "type", "score"]
    );
    let cells = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter().map(|r| r[..7].to_vec()).collect()
    };
    assert_eq!(cells(&checked), cells(&rows));
}

#[test]
fn check_writes_a_tmx_back_with_its_tags_and_placeholders() {
    let dir = TempDir::new().unwrap();
    let segs = [
        r#"Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> to keep <ph x="2">{0}</ph> files &amp; folders."#,
        r#"برای نگه داشتن <ph x="2">{0}</ph> فایل روی <bpt i="1">&lt;b&gt;</bpt>ذخیره<ept i="1">&lt;/b&gt;</ept> کلیک کنید."#,
        "The file was saved &amp; closed.",
        "فایل ذخیره و بسته شد.",
    ];
    let tmx = format!(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
         <tu><tuv xml:lang=\"en-US\"><seg>{}</seg></tuv><tuv xml:lang=\"fa-IR\"><seg>{}</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en-US\"><seg>{}</seg></tuv><tuv xml:lang=\"fa-IR\"><seg>{}</seg></tuv></tu>\n\
         </body></tmx>\n",
        segs[0], segs[1], segs[2], segs[3]
    );
    let input = write(&dir, "memory.tmx", tmx.as_bytes());
    let out = dir.path().join("checked.tmx");
    bitext()
        .args(["check", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let written = std::fs::read_to_string(&out).unwrap();
    for seg in segs {
        assert!(
            written.contains(&format!("<seg>{seg}</seg>")),
            "{seg}\n{written}"
        );
    }
    // The words are checked without the codes; CSV gets the text.
    let csv = bitext()
        .args(["check", "-q", "--output-format", "csv"])
        .arg(&input)
        .output()
        .unwrap();
    let (_, rows) = csv_rows(&csv.stdout);
    assert_eq!(rows[0][0], "Click Save to keep  files & folders.");
}

#[test]
fn the_review_will_not_save_a_tmx_over_its_inline_codes() {
    let dir = TempDir::new().unwrap();
    let tmx = "<tmx version=\"1.4\"><header/><body><tu>\
        <tuv xml:lang=\"en\"><seg>Keep <ph x=\"1\">{0}</ph> files.</seg></tuv>\
        <tuv xml:lang=\"fa\"><seg>فایل‌ها را نگه دار.</seg></tuv></tu></body></tmx>";
    let input = write(&dir, "memory.tmx", tmx.as_bytes());
    bitext()
        .args(["review", "--no-open"])
        .arg(&input)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("hold inline codes").and(predicate::str::contains("--out")),
        );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), tmx);
}

#[test]
fn translate_toolkit_reads_the_tmx_to_the_same_pairs() {
    if !has_translate_toolkit("tmx") {
        return;
    }
    let dir = TempDir::new().unwrap();
    let tmx = dir.path().join("corpus.tmx");
    bitext()
        .arg("align")
        .arg(repo("pairs"))
        .args(["--format", "tmx", "-q", "-o"])
        .arg(&tmx)
        .assert()
        .success();
    let script = "import json, sys\n\
                  from translate.storage import tmx\n\
                  store = tmx.tmxfile.parsefile(sys.argv[1])\n\
                  print(json.dumps([[u.source, u.target] for u in store.units]))";
    let out = python(script, &[&tmx]);
    let pairs: Vec<(String, String)> = serde_json::from_slice(&out).unwrap();
    assert_eq!(pairs, sample_pairs());
}

/// Whether python3 can import translate-toolkit's `storage.MODULE`; says
/// the test is skipped when not.
fn has_translate_toolkit(module: &str) -> bool {
    let probe = std::process::Command::new("python3")
        .args(["-c", &format!("import translate.storage.{module}")])
        .output();
    let found = probe.is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "SKIPPED: python3 with translate-toolkit not found (pip install translate-toolkit)"
        );
    }
    found
}

/// The standard output of `python3 -c script args…`, which must succeed.
fn python(script: &str, args: &[&Path]) -> Vec<u8> {
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The (en, fa) text of each row of the sample pair aligned.
fn sample_pairs() -> Vec<(String, String)> {
    let csv = bitext().arg("align").arg(repo("pairs")).output().unwrap();
    let (_, rows) = csv_rows(&csv.stdout);
    rows.iter().map(|r| (r[1].clone(), r[2].clone())).collect()
}

#[test]
fn an_xliff_translate_toolkit_writes_is_checked_pair_by_pair() {
    if !has_translate_toolkit("xliff") {
        return;
    }
    // The sample pair's 40 rows as an XLIFF, written by another tool.
    let pairs = sample_pairs();
    let dir = TempDir::new().unwrap();
    let json = write(&dir, "pairs.json", &serde_json::to_vec(&pairs).unwrap());
    let xlf = dir.path().join("sample.xlf");
    let script = "import json, sys\n\
                  from translate.storage import xliff\n\
                  store = xliff.xlifffile(sourcelanguage='en', targetlanguage='fa')\n\
                  for en, fa in json.load(open(sys.argv[1], encoding='utf-8')):\n\
                  \x20   unit = store.addsourceunit(en)\n\
                  \x20   if fa: unit.target = fa\n\
                  open(sys.argv[2], 'wb').write(bytes(store))";
    python(script, &[&json, &xlf]);
    let output = bitext().arg("check").arg(&xlf).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (_, checked) = csv_rows(&output.stdout);
    let read: Vec<(String, String)> = checked
        .iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    assert_eq!(read, pairs);
}

/// The sample pair aligned in `format`, as written to standard output (or,
/// for Moses, the two files one after the other).
fn sample_in(format: &str) -> String {
    let dir = TempDir::new().unwrap();
    let mut cmd = bitext();
    cmd.arg("align")
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .args(["-q", "--format", format]);
    if format == "moses" {
        cmd.arg("-o")
            .arg(dir.path().join("corpus"))
            .assert()
            .success();
        let read = |ext: &str| std::fs::read_to_string(dir.path().join(format!("corpus.{ext}")));
        return format!(
            "== corpus.en\n{}== corpus.fa\n{}",
            read("en").unwrap(),
            read("fa").unwrap()
        );
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_format_of_the_sample_pair_is_byte_for_byte_as_reviewed() {
    for format in ["csv", "tsv", "jsonl", "beads", "tmx", "moses"] {
        insta::assert_snapshot!(format!("sample_{format}"), sample_in(format));
    }
}

#[test]
fn help_is_as_reviewed() {
    let help = |args: &[&str]| {
        let out = bitext().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    insta::assert_snapshot!("help", help(&["--help"]));
    for command in ["align", "check", "detect", "segment", "eval"] {
        insta::assert_snapshot!(format!("help_{command}"), help(&[command, "--help"]));
    }
}

#[test]
fn detect_reads_a_column_of_every_format_check_reads() {
    let dir = TempDir::new().unwrap();
    for format in ["jsonl", "tmx"] {
        let corpus = dir.path().join(format!("corpus.{format}"));
        bitext()
            .arg("align")
            .arg(repo("pairs/kremlin-feast/en.txt"))
            .arg(repo("pairs/kremlin-feast/fa.txt"))
            .args(["-q", "--format", format, "-o"])
            .arg(&corpus)
            .assert()
            .success();
        let out = bitext()
            .args(["detect", "--only", "en,fa", "--column", "fa", "-f", "jsonl"])
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 40, "{format}");
        // Every non-empty Persian cell is fa; the empty ones have no language.
        assert!(
            lines
                .iter()
                .all(|d| d["lang"] == "fa" || d["lang"] == "und"),
            "{format}"
        );
        assert_eq!(lines[0]["line"], 1);
    }
}

/// A running `bitext review`, killed when dropped.
struct Editor {
    child: std::process::Child,
    port: u16,
    token: String,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn editor(args: &[&std::ffi::OsStr]) -> Editor {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bitext"))
        .arg("review")
        .args(args)
        .args(["--no-open", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("bitext review starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The first line is the address: http://127.0.0.1:PORT/?token=TOKEN
    let rest = line.trim().strip_prefix("http://127.0.0.1:").expect(&line);
    let (port, token) = rest.split_once("/?token=").unwrap();
    Editor {
        child,
        port: port.parse().unwrap(),
        token: token.to_string(),
    }
}

/// One HTTP request by hand: (status, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    host: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let token = token.map_or(String::new(), |t| format!("X-Bitext-Token: {t}\r\n"));
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{token}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply[9..12].parse().unwrap();
    let body = reply
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

#[test]
fn the_review_server_demands_its_token_and_host_and_saves_every_edit() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("reviewed.csv");
    let (en, fa) = (
        repo("pairs/kremlin-feast/en.txt"),
        repo("pairs/kremlin-feast/fa.txt"),
    );
    // The same review, opened (again).
    let open = || {
        editor(&[
            en.as_os_str(),
            fa.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
    };
    // Rows matching a query, from an editor.
    let rows_of = |ed: &Editor, query: &str| {
        let host = format!("127.0.0.1:{}", ed.port);
        http(
            ed.port,
            "GET",
            &format!("/api/rows?{query}"),
            &host,
            Some(&ed.token),
            "",
        )
    };
    let ed = open();
    let host = format!("127.0.0.1:{}", ed.port);
    let tok = Some(ed.token.as_str());
    assert_eq!(http(ed.port, "GET", "/", &host, None, "").0, 401);
    assert_eq!(
        http(ed.port, "GET", "/api/rows", &host, Some("0000"), "").0,
        401
    );
    assert_eq!(
        http(ed.port, "GET", "/api/rows", "attacker.example", tok, "").0,
        403
    );
    for path in ["/../Cargo.toml", "/api/../../etc/passwd", "/page.html"] {
        assert_eq!(http(ed.port, "GET", path, &host, tok, "").0, 404, "{path}");
    }
    let page = http(
        ed.port,
        "GET",
        &format!("/?token={}", ed.token),
        &host,
        None,
        "",
    );
    assert_eq!(page.0, 200);
    assert!(page.1.contains("bitext review"));
    let post = |body: &str| http(ed.port, "POST", "/api/edit", &host, tok, body);
    assert_eq!(post(r#"{"op":"merge","row":0,"side":"src"}"#).0, 200);
    let refused = post(r#"{"op":"delete","row":0,"side":"src"}"#);
    assert_eq!(refused.0, 400);
    assert!(refused.1.contains("is not empty"), "{}", refused.1);
    assert_eq!(post(r#"{"op":"undo"}"#).0, 200);
    assert_eq!(post(r#"{"op":"redo"}"#).0, 200);
    // Saved as a corpus bitext reads: every sentence of both sides once.
    // (Each edit is journaled before it is answered; the corpus is written
    // right after.)
    let saved = saved_when(&out, |text| {
        csv_rows(text.as_bytes())
            .1
            .first()
            .is_some_and(|row| row[4] == "2-1")
    });
    let (header, rows) = csv_rows(saved.as_bytes());
    assert_eq!(header[..2], ["en", "fa"]);
    let ids = |col: usize| -> Vec<usize> {
        rows.iter()
            .flat_map(|r| {
                r[col]
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().unwrap())
            })
            .collect::<Vec<usize>>()
    };
    let n_en = ids(2).len();
    assert_eq!(ids(2), (1..=n_en).collect::<Vec<_>>());
    assert_eq!(rows[0][4], "2-1", "the merge, undone and redone");
    // check reads the saved file, and eval scores it against the
    // alignment it started from.
    let original = dir.path().join("original.csv");
    bitext()
        .arg("align")
        .arg(&en)
        .arg(&fa)
        .arg("-q")
        .arg("-o")
        .arg(&original)
        .assert()
        .success();
    bitext()
        .arg("check")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(predicate::in_iter([0, 1]));
    bitext()
        .args(["eval", "--gold"])
        .arg(&original)
        .arg("--test")
        .arg(&out)
        .assert()
        .success();
    // Edits from four threads at once are applied one after the other:
    // none is lost.
    std::thread::scope(|scope| {
        for k in 0..4 {
            let host = host.clone();
            scope.spawn(move || {
                let body = format!(
                    r#"{{"op":"edit","side":"tgt","index":{},"text":"ویرایش {k}"}}"#,
                    5 + k
                );
                let (status, _) = http(ed.port, "POST", "/api/edit", &host, tok, &body);
                assert_eq!(status, 200, "edit {k}");
            });
        }
    });
    let saved = saved_when(&out, |text| {
        (0..4).all(|k| text.contains(&format!("ویرایش {k}")))
    });
    for k in 0..4 {
        assert!(saved.contains(&format!("ویرایش {k}")), "edit {k} lost");
    }
    // The corpus downloads in the other formats.
    let tmx = http(ed.port, "GET", "/api/export?format=tmx", &host, tok, "");
    assert_eq!(tmx.0, 200);
    assert!(tmx.1.contains("<tmx version=\"1.4\">") && tmx.1.contains("ویرایش 3"));
    let moses = http(
        ed.port,
        "GET",
        "/api/export?format=moses-tgt",
        &host,
        tok,
        "",
    );
    assert_eq!(moses.1.lines().count(), rows.len());
    assert_eq!(
        http(ed.port, "GET", "/api/export?format=xls", &host, tok, "").0,
        400
    );
    // Killed (SIGKILL), and run again: the review resumes from its
    // journal, undo history and all.
    drop(ed);
    let again = open();
    let host = format!("127.0.0.1:{}", again.port);
    let (status, body) = rows_of(&again, "count=1");
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["rows"][0]["src"].as_array().unwrap().len(), 2);
    let undo = http(
        again.port,
        "POST",
        "/api/edit",
        &host,
        Some(&again.token),
        r#"{"op":"undo"}"#,
    );
    assert_eq!(undo.0, 200, "the history survived the restart");
    let saved = saved_when(&out, |text| {
        (0..4)
            .filter(|k| text.contains(&format!("ویرایش {k}")))
            .count()
            == 3
    });
    assert!(saved.contains("ویرایش 0") || saved.contains("ویرایش 1"));
    // Killed the moment an edit is answered (the corpus perhaps not yet
    // rewritten): the edit is in the journal, and there after a restart.
    let edit = r#"{"op":"edit","side":"src","index":3,"text":"Killed at once."}"#;
    assert_eq!(
        http(
            again.port,
            "POST",
            "/api/edit",
            &host,
            Some(&again.token),
            edit
        )
        .0,
        200
    );
    drop(again);
    let again = open();
    let (_, body) = rows_of(&again, "q=killed");
    assert!(body.contains("Killed at once."), "{body}");
    assert!(saved_when(&out, |text| text.contains("Killed at once.")).contains("Killed at once."));
    // A corpus changed by another program since: the journal is set aside
    // and the review starts from the file as it is.
    drop(again);
    std::fs::copy(&original, &out).unwrap();
    let fresh = open();
    let (_, body) = rows_of(&fresh, "count=1");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["rows"][0]["src"].as_array().unwrap().len(), 1);
    assert!(dir
        .path()
        .join("reviewed.csv.review-journal.stale")
        .exists());
}

#[test]
fn the_review_reads_and_saves_tmx() {
    let dir = TempDir::new().unwrap();
    let (tmx, out) = (dir.path().join("c.tmx"), dir.path().join("r.tmx"));
    bitext()
        .arg("align")
        .arg(repo("pairs/kremlin-feast/en.txt"))
        .arg(repo("pairs/kremlin-feast/fa.txt"))
        .args(["--format", "tmx", "-q", "-o"])
        .arg(&tmx)
        .assert()
        .success();
    let ed = editor(&[tmx.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    let host = format!("127.0.0.1:{}", ed.port);
    let tok = Some(ed.token.as_str());
    let (_, body) = http(ed.port, "GET", "/api/rows?count=500", &host, tok, "");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 40);
    // Both sides of row 2 merged into row 1: one row fewer.
    for side in ["src", "tgt"] {
        let merge = format!(r#"{{"op":"merge","row":0,"side":"{side}"}}"#);
        assert_eq!(
            http(ed.port, "POST", "/api/edit", &host, tok, &merge).0,
            200
        );
    }
    let saved = saved_when(&out, |text| text.matches("<tu>").count() == 39);
    assert_eq!(saved.matches("<tu>").count(), 39, "{saved:.300}");
    assert_eq!(
        std::fs::read_to_string(&tmx)
            .unwrap()
            .matches("<tu>")
            .count(),
        40
    );
    bitext()
        .arg("check")
        .arg(&out)
        .arg("-q")
        .assert()
        .code(predicate::in_iter([0, 1]));
}

/// The file at `path` once `ready` holds for its text (the editor writes
/// the corpus just after answering an edit): waits up to ten seconds.
fn saved_when(path: &std::path::Path, ready: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if ready(&text) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A WebDriver command to chromedriver on `port`: the response's value.
/// The answer is read by its length (chromedriver keeps the connection
/// open).
fn webdriver(port: u16, method: &str, path: &str, body: serde_json::Value) -> serde_json::Value {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let body = if method == "GET" {
        String::new()
    } else {
        body.to_string()
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let (mut length, mut chunked) = (0usize, false);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(n) = lower.strip_prefix("content-length:") {
            length = n.trim().parse().unwrap_or(0);
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
    }
    let mut json = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).unwrap();
            json.extend_from_slice(&chunk[..n]);
        }
    } else {
        json.resize(length, 0);
        reader.read_exact(&mut json).unwrap();
    }
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
    value["value"].clone()
}

/// Polls `check` every 100 ms for up to 10 s.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn the_review_page_edits_the_corpus_in_real_chromium() {
    use serde_json::json;
    let (Some(chromium), Some(driver)) = (
        chromium(),
        ["chromedriver", "chromium-driver"].iter().find(|d| {
            std::process::Command::new(d)
                .arg("--version")
                .output()
                .is_ok()
        }),
    ) else {
        eprintln!("SKIPPED: no chromium and chromedriver on PATH; install them (apt-get install -y chromium chromium-driver) to test the review page in a browser");
        return;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut chromedriver = std::process::Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    eventually("chromedriver", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("reviewed.csv");
    let (en, fa) = (
        repo("pairs/kremlin-feast/en.txt"),
        repo("pairs/kremlin-feast/fa.txt"),
    );
    let ed = editor(&[
        en.as_os_str(),
        fa.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let session = webdriver(
        port,
        "POST",
        "/session",
        json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium.to_string_lossy(),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1300,900"]
        }}}}),
    );
    let id = session["sessionId"]
        .as_str()
        .expect("a WebDriver session")
        .to_string();
    let wd = |method: &str, path: &str, body: serde_json::Value| {
        webdriver(port, method, &format!("/session/{id}{path}"), body)
    };
    let url = format!("http://127.0.0.1:{}/?token={}", ed.port, ed.token);
    wd("POST", "/url", json!({ "url": url }));
    let script = |code: &str| wd("POST", "/execute/sync", json!({"script": code, "args": []}));
    eventually("the rows", || {
        script("return document.querySelectorAll('#rows tr').length;") == json!(40)
    });
    // A screenshot of the sample pair as it opens (docs/review.png is one).
    let png = wd("GET", "/screenshot", json!({}));
    if let Some(png) = png.as_str() {
        let target = repo("target");
        let _ = std::fs::write(target.join("review-screenshot.png.b64"), png);
    }
    // Persian is laid out right to left.
    assert_eq!(
        script("return getComputedStyle(document.querySelector('#rows td.fa')).direction;"),
        json!("rtl")
    );
    let first_type = || -> String {
        std::fs::read(&out)
            .ok()
            .map(|bytes| csv_rows(&bytes).1)
            .and_then(|rows| rows.first().map(|r| r[4].clone()))
            .unwrap_or_default()
    };
    // An element's WebDriver id, by CSS selector.
    let element = |css: &str| -> String {
        let found = wd(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_string()
    };
    let keys = |keys: &[&str]| {
        let mut actions = Vec::new();
        for k in keys {
            actions.push(json!({"type": "keyDown", "value": k}));
        }
        for k in keys.iter().rev() {
            actions.push(json!({"type": "keyUp", "value": k}));
        }
        wd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keys", "actions": actions}]}),
        );
    };
    let saved = || std::fs::read(&out).unwrap_or_default();
    eventually("the corpus written", || !saved().is_empty());
    // No edit on its way and the rows drawn (else a row found may be
    // replaced before it is clicked).
    let settled = || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        eventually("the page settled", || {
            script("return pending === 0 && !busy;") == json!(true)
        });
    };
    let initial = saved();
    // Every sentence of both sides once, in order: the ids run 1, 2, 3 …
    let whole = |bytes: &[u8]| {
        let rows = csv_rows(bytes).1;
        (2..4).all(|col| {
            let ids: Vec<usize> = rows
                .iter()
                .flat_map(|r| {
                    r[col]
                        .split(' ')
                        .filter_map(|s| s.parse().ok())
                        .collect::<Vec<_>>()
                })
                .collect();
            !ids.is_empty() && ids == (1..=ids.len()).collect::<Vec<_>>()
        })
    };
    let click = |css: &str, alt: bool| {
        let id = element(css);
        if !alt {
            wd("POST", &format!("/element/{id}/click"), json!({}));
            return;
        }
        // Alt held while the mouse clicks (a cut at the cursor).
        let origin = json!({"element-6066-11e4-a52e-4f735466cecf": id});
        wd(
            "POST",
            "/actions",
            json!({"actions": [
                {"type": "key", "id": "kb", "actions": [
                    {"type": "keyDown", "value": "\u{E00A}"}, {"type": "pause", "duration": 0},
                    {"type": "pause", "duration": 0}, {"type": "pause", "duration": 0},
                    {"type": "keyUp", "value": "\u{E00A}"}]},
                {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
                    {"type": "pause", "duration": 0},
                    {"type": "pointerMove", "origin": origin, "x": 0, "y": 0},
                    {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0},
                    {"type": "pause", "duration": 0}]}
            ]}),
        );
        wd("DELETE", "/actions", json!({}));
    };
    // A prompt answered (editing a sentence asks for its text).
    let answer = |text: &str| {
        eventually("the prompt", || {
            wd("GET", "/alert/text", json!({})).is_string()
        });
        wd("POST", "/alert/text", json!({ "text": text }));
        wd("POST", "/alert/accept", json!({}));
    };
    // Each edit, once by the keyboard and once by the mouse, from the
    // sample as aligned: saved to disk with every sentence once, then
    // undone by Ctrl+Z, which gives back the same bytes.
    let edit_then_undo = |what: &str, act: &dyn Fn()| {
        act();
        for _ in 0..50 {
            if saved() != initial {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let status = script("return document.getElementById('status').textContent;");
        eventually(&format!("{what} (status: {status})"), || {
            let now = saved();
            now != initial && whole(&now)
        });
        keys(&["\u{E009}", "z"]);
        eventually(&format!("{what} undone"), || saved() == initial);
        settled();
    };
    // The cursor starts on row 1's English; row 4 (index 3) holds two
    // English sentences.
    edit_then_undo("m merges", &|| keys(&["m"]));
    keys(&["j"]);
    keys(&["j"]);
    keys(&["j"]);
    edit_then_undo("s splits", &|| keys(&["s"]));
    edit_then_undo("u moves up", &|| keys(&["u"]));
    edit_then_undo("d moves down", &|| keys(&["d"]));
    edit_then_undo("i inserts", &|| keys(&["i"]));
    edit_then_undo("x deletes what i inserted", &|| {
        keys(&["i"]);
        eventually("the insert", || saved() != initial);
        keys(&["x"]);
        eventually("the delete", || saved() == initial);
        keys(&["m"]);
    });
    edit_then_undo("e edits", &|| {
        keys(&["e"]);
        answer("Edited by the keyboard.");
    });
    let row = "#rows tr[data-index='3']";
    for (title, what) in [
        ("merge", "⊕ merges"),
        ("move the first", "↥ moves up"),
        ("move the last", "↧ moves down"),
        ("insert", "+ inserts"),
    ] {
        edit_then_undo(what, &|| {
            click(&format!("{row} td.tools button[title^='{title}']"), false)
        });
    }
    edit_then_undo("− deletes what + inserted", &|| {
        click(&format!("{row} td.tools button[title^='insert']"), false);
        eventually("the insert", || saved() != initial);
        settled();
        click(&format!("{row} td.tools button[title^='delete']"), false);
        eventually("the delete", || saved() == initial);
        settled();
        click(&format!("{row} td.tools button[title^='merge']"), false);
    });
    edit_then_undo("✂ splits", &|| click(&format!("{row} td.en .cut"), false));
    edit_then_undo("Alt+click cuts a sentence", &|| {
        click(&format!("{row} td.en .s"), true)
    });
    edit_then_undo("double-click edits", &|| {
        let id = element(&format!("{row} td.fa .s"));
        let origin = json!({"element-6066-11e4-a52e-4f735466cecf": id});
        wd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
                {"type": "pointerMove", "origin": origin, "x": 0, "y": 0},
                {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0},
                {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]}]}),
        );
        answer("ویرایش با موس.");
    });
    // Reviewed, by the key and by the box: kept in the journal (the corpus
    // has no column for it), shown after a reload.
    keys(&["r"]);
    settled();
    click("#rows tr[data-index='1'] td.n input", false);
    eventually("two rows reviewed", || {
        script("return document.querySelectorAll('#rows tr.reviewed').length;") == json!(2)
    });
    // One merge kept, by the button.
    click(
        "#rows tr:first-child td.tools button[title^='merge']",
        false,
    );
    eventually("the merge saved", || first_type() == "2-1");
    // Reloaded, the page shows what the file holds.
    wd("POST", "/refresh", json!({}));
    eventually("the rows after a reload", || {
        script("return document.querySelectorAll('#rows tr:first-child td.en .s').length;")
            == json!(2)
    });
    // The search box keeps only the rows that hold its text.
    let search = element("#search");
    wd(
        "POST",
        &format!("/element/{search}/value"),
        json!({"text": "kremlin\u{E007}"}),
    );
    eventually("the search", || {
        let shown = script("return Array.from(document.querySelectorAll('#rows tr')).map(r => r.textContent.toLowerCase());");
        let shown = shown.as_array().cloned().unwrap_or_default();
        !shown.is_empty()
            && shown.len() < 40
            && shown
                .iter()
                .all(|t| t.as_str().unwrap_or("").contains("kremlin"))
    });
    // 20,000 rows: only a window of them is in the page, and scrolling to
    // the end brings the last rows in.
    let big = dir.path().join("big.csv");
    let mut text = String::from("en,fa,en_ids,fa_ids,type,score\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "Sentence {i}.,جمله {i}.,{},{},1-1,0.9\n",
            i + 1,
            i + 1
        ));
    }
    std::fs::write(&big, text).unwrap();
    let large = editor(&[big.as_os_str()]);
    wd(
        "POST",
        "/url",
        json!({ "url": format!("http://127.0.0.1:{}/?token={}", large.port, large.token) }),
    );
    let rows_in_page = || script("return document.querySelectorAll('#rows tr').length;");
    eventually("the first rows", || {
        rows_in_page().as_u64().is_some_and(|n| n > 0)
    });
    assert!(rows_in_page().as_u64().unwrap() <= 120);
    script("const v = document.getElementById('view'); v.scrollTop = v.scrollHeight; return 0;");
    eventually("the last rows after scrolling", || {
        script("return document.querySelector('#rows tr:last-child td.n').textContent.trim();")
            == json!("20000")
    });
    assert!(rows_in_page().as_u64().unwrap() <= 120);
    // Going to a row by its number.
    let goto = element("#goto");
    wd("POST", &format!("/element/{goto}/clear"), json!({}));
    wd(
        "POST",
        &format!("/element/{goto}/value"),
        json!({"text": "12345\u{E007}"}),
    );
    eventually("row 12345 in view", || {
        script("const v = document.getElementById('view'); return Array.from(document.querySelectorAll('#rows tr')).filter(r => r.offsetTop >= v.scrollTop && r.offsetTop < v.scrollTop + v.clientHeight).map(r => r.dataset.row);")
            .as_array()
            .is_some_and(|rows| rows.contains(&json!("12344")))
    });
    wd("DELETE", "", json!({}));
    let _ = chromedriver.kill();
    let _ = chromedriver.wait();
}

#[test]
fn an_output_that_is_a_device_is_written_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    // `-o /dev/null` must not rename a file onto /dev/null (as root it
    // would replace the device with a file).
    for args in [
        vec!["segment", "-o", "/dev/null"],
        vec!["check", "-q", "-o", "/dev/null"],
    ] {
        let mut cmd = bitext();
        cmd.args(&args);
        if args[0] == "check" {
            cmd.arg(repo("pairs/kremlin-feast/gold.csv"));
        } else {
            cmd.arg(repo("pairs/kremlin-feast/en.txt"));
        }
        cmd.assert().code(predicate::in_iter([0, 1]));
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "{args:?} replaced /dev/null");
    }
    assert!(!std::fs::read_dir("/dev")
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".null.")));
}

/// English–Chinese, a language pair and a script the shared sets lack:
/// the Chinese side is split at `。` with no space after it, and nearly
/// every row lies inside one paragraph pair of the declaration.
#[test]
fn chinese_is_split_and_aligned() {
    let read = |name: &str| std::fs::read_to_string(repo(&format!("tests/data/udhr-zh/{name}")));
    let (en, zh) = (
        read("en.txt").expect("en.txt"),
        read("zh.txt").expect("zh.txt"),
    );
    let segment = |text: &str| {
        let segmenter = bitext::Segmenter::auto().with_quotations_kept(false);
        bitext::Document::segment(text, &segmenter)
    };
    let (en, zh) = (segment(&en), segment(&zh));
    assert!(
        zh.sentences.len() >= 100,
        "{} Chinese sentences",
        zh.sentences.len()
    );
    // English paragraphs 9–11 are one Chinese paragraph; the rest pair in order.
    let en_pair = |p: usize| match p {
        0..=8 => p,
        9..=11 => 9,
        _ => p - 2,
    };
    let beads = bitext::Aligner::default().align(&en, &zh);
    let inside = beads
        .iter()
        .filter(|b| {
            let mut pairs = b.src.clone().map(|i| en_pair(en.paragraphs[i]));
            let first = pairs.next();
            first.is_some()
                && pairs.all(|p| Some(p) == first)
                && b.tgt.clone().all(|j| Some(zh.paragraphs[j]) == first)
                && !b.tgt.is_empty()
        })
        .count();
    assert!(
        inside * 100 >= beads.len() * 97,
        "{inside} of {} rows",
        beads.len()
    );

    // Three paragraphs of the declaration a Chinese line (a translation
    // that joins what the other splits, beyond the largest bead): the
    // English numbers its articles, the Chinese spells them (`第三条`),
    // and the path stays: 89 of the 102 English sentences in their line's
    // row (3 when unmatched numbers still counted; a line of six
    // sentences leaves two alone, the largest bead being 4-1).
    let lines: Vec<String> = (0..zh.paragraphs.last().map_or(0, |p| p / 3 + 1))
        .map(|line| {
            (0..zh.sentences.len())
                .filter(|&j| zh.paragraphs[j] / 3 == line)
                .map(|j| zh.sentences[j].as_str())
                .collect()
        })
        .collect();
    // Both sides one sentence a line, as an aligner's users give them.
    let joined = bitext::Document::presplit(&lines.join("\n"));
    let en_lines = bitext::Document::presplit(&en.sentences.join("\n"));
    let beads = bitext::Aligner::default().align(&en_lines, &joined);
    let placed: usize = beads
        .iter()
        .filter(|b| b.tgt.len() == 1)
        .map(|b| {
            b.src
                .clone()
                .filter(|&i| en_pair(en.paragraphs[i]) / 3 == b.tgt.start)
                .count()
        })
        .sum();
    let n = en.sentences.len();
    assert!(
        placed * 100 >= n * 80,
        "{placed} of {n} English sentences placed"
    );
}

/// A side not written in its language's script (the default `fa` for a
/// German text) is split by its own script's rules, and the user is told
/// its column is misnamed; named rightly, nothing is said.
#[test]
fn a_side_in_another_script_than_its_language_is_named() {
    let dir = TempDir::new().expect("temp dir");
    let en = write(&dir, "a.en.txt", b"I said that . . . . Then I left.\n");
    let de = write(&dir, "a.de.txt", b"Ich sagte das . . . . Dann ging ich.\n");
    let out = dir.path().join("out.tsv");
    bitext()
        .args(["align", "-f", "tsv", "-o"])
        .arg(&out)
        .args([&en, &de])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "a.de.txt is written in Latin script, not in Persian's: its column is named fa (give its language with --tgt-lang)",
        ));
    let rows = std::fs::read_to_string(&out).expect("output");
    assert!(rows.contains("Ich sagte das . . . .\t"), "{rows}");
    bitext()
        .args(["align", "--tgt-lang", "de", "-f", "tsv", "-o"])
        .arg(&out)
        .args([&en, &de])
        .assert()
        .success()
        .stderr(predicate::str::contains("script").not());
}
