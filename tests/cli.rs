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
        .args(["segment", "--lang", "xx"])
        .write_stdin("Hello.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'xx'").and(predicate::str::contains("en, fa, auto")));
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
