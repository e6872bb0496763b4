//! The journal of a review: the corpus as the review began, then every
//! edit, each written and synced before it is answered. Replayed, it
//! gives the review exactly as it was — its undo history too — so a server
//! killed at any moment loses no answered edit, and a review run again
//! goes on where it stopped.
//!
//! One JSON object per line: first the start (both sides' sentences, the
//! rows, their scores and flags), then `{"edit": …}` for each edit and
//! `{"saved": HASH}` each time the corpus file was written. A journal
//! belongs to the corpus file whose contents hash to one of its `saved`
//! values (or its start's): a corpus changed since by another program
//! makes the journal stale, and the caller sets it aside.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{Review, RowShape, Scores};

/// The review as it began.
#[derive(Clone, Debug)]
pub struct Start {
    /// The model, with no history.
    pub review: Review,
    /// Scores of the rows as loaded.
    pub scores: Scores,
    /// Flags per row as loaded (shown, not saved).
    pub flags: Vec<String>,
}

/// A journal open for appending.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

/// What reopening a journal found.
#[derive(Debug)]
pub enum Reopened {
    /// The journal belongs to the corpus: the start and the edits to
    /// replay on it, and the journal, open to go on.
    Resume(Box<Start>, Vec<Value>, Journal),
    /// The corpus was changed since, or the journal is unreadable: why.
    Stale(String),
}

impl Journal {
    /// The journal of the corpus saved at `out`: beside it, named after it.
    pub fn path_for(out: &Path) -> PathBuf {
        let mut name = out.file_name().unwrap_or_default().to_os_string();
        name.push(".review-journal");
        out.with_file_name(name)
    }

    /// Starts a journal at `path` with `start`, for a corpus file whose
    /// contents hash to `saved` (none when it does not exist yet). The
    /// first line is written to a temporary file and renamed into place,
    /// so a journal is never found without its start.
    pub fn create(path: &Path, start: &Start, saved: Option<u64>) -> io::Result<Journal> {
        let review = &start.review;
        let beads = review.beads();
        let scores: Vec<Option<f64>> = beads.iter().map(|b| start.scores.get(b).copied()).collect();
        let rows: Vec<[usize; 2]> = review.rows().iter().map(|r| r.counts).collect();
        let head = json!({
            "bitext-review-journal": 1,
            "src": review.sentences(super::Side::Src),
            "tgt": review.sentences(super::Side::Tgt),
            "rows": rows,
            "reviewed": review.rows().iter().map(|r| r.reviewed).collect::<Vec<_>>(),
            "scores": scores,
            "flags": start.flags,
            "saved": saved.map(hex),
        });
        let mut temp = path.as_os_str().to_os_string();
        temp.push(".tmp");
        let temp = PathBuf::from(temp);
        {
            let mut file = io::BufWriter::new(File::create(&temp)?);
            serde_json::to_writer(&mut file, &head)?;
            file.write_all(b"\n")?;
            file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&temp, path)?;
        Journal::append_to(path)
    }

    fn append_to(path: &Path) -> io::Result<Journal> {
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Journal {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records an edit, on disk before this returns.
    pub fn record(&mut self, edit: &Value) -> io::Result<()> {
        self.line(&json!({ "edit": edit }))?;
        self.file.sync_data()
    }

    /// Records that the corpus file now hashes to `hash`.
    pub fn saved(&mut self, hash: u64) -> io::Result<()> {
        self.line(&json!({ "saved": hex(hash) }))
    }

    fn line(&mut self, value: &Value) -> io::Result<()> {
        let mut line = value.to_string().into_bytes();
        line.push(b'\n');
        self.file.write_all(&line)
    }

    /// Reopens the journal at `path` for the corpus file whose contents
    /// hash to `corpus` (none when it does not exist). A last line cut
    /// short (killed while writing it: that edit was never answered) is
    /// dropped.
    pub fn reopen(path: &Path, corpus: Option<u64>) -> io::Result<Reopened> {
        let mut lines = BufReader::new(File::open(path)?).lines();
        let head: Value = match lines.next().transpose()?.map(|l| serde_json::from_str(&l)) {
            Some(Ok(head)) => head,
            _ => {
                return Ok(Reopened::Stale(
                    "its first line is not a review's start".into(),
                ))
            }
        };
        let Some(start) = start_of(&head) else {
            return Ok(Reopened::Stale(
                "its first line is not a review's start".into(),
            ));
        };
        let mut saved: Vec<Option<String>> = vec![head
            .get("saved")
            .and_then(Value::as_str)
            .map(str::to_string)];
        let mut edits = Vec::new();
        let mut complete = String::new();
        for line in lines {
            let line = line?;
            let Ok(value) = serde_json::from_str::<Value>(&line) else {
                // Only the last line can be cut short; a bad line inside
                // is a journal something else wrote.
                complete = line;
                continue;
            };
            if !complete.is_empty() {
                return Ok(Reopened::Stale(format!(
                    "a line is not JSON: {complete:.60}"
                )));
            }
            if let Some(edit) = value.get("edit") {
                edits.push(edit.clone());
            } else if let Some(hash) = value.get("saved").and_then(Value::as_str) {
                saved.push(Some(hash.to_string()));
            }
        }
        let corpus = corpus.map(hex);
        if !saved.contains(&corpus) {
            return Ok(Reopened::Stale(match corpus {
                Some(_) => "the corpus was changed since by another program".into(),
                None => "the corpus it saved is gone".into(),
            }));
        }
        let journal = Journal::append_to(path)?;
        Ok(Reopened::Resume(Box::new(start), edits, journal))
    }
}

/// The start recorded in a journal's first line.
fn start_of(head: &Value) -> Option<Start> {
    head.get("bitext-review-journal")?;
    let strings = |key: &str| -> Option<Vec<String>> {
        head.get(key)?
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let rows: Vec<(usize, usize)> = head
        .get("rows")?
        .as_array()?
        .iter()
        .map(|r| Some((r.get(0)?.as_u64()? as usize, r.get(1)?.as_u64()? as usize)))
        .collect::<Option<_>>()?;
    let mut review = Review::new(strings("src")?, strings("tgt")?, &rows).ok()?;
    let reviewed = head.get("reviewed")?.as_array()?;
    for (shape, r) in review.rows.iter_mut().zip(reviewed) {
        *shape = RowShape {
            reviewed: r.as_bool()?,
            ..*shape
        };
    }
    let scores = review
        .beads()
        .into_iter()
        .zip(head.get("scores")?.as_array()?)
        .filter_map(|(bead, s)| Some((bead, s.as_f64()?)))
        .collect();
    Some(Start {
        review,
        scores,
        flags: strings("flags")?,
    })
}

/// A 64-bit FNV-1a hash of what was written through it. Hand-written:
/// the journal only needs to know whether a corpus file is the one it
/// saved, not a cryptographic digest (nothing here is adversarial: both
/// files are the user's).
#[derive(Debug)]
pub struct Hashing<W> {
    inner: W,
    hash: u64,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl<W> Hashing<W> {
    /// Hashes what is written to `inner`.
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: FNV_OFFSET,
        }
    }

    /// The hash of everything written so far.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    hash
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash = fnv(self.hash, &buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The hash of a file's contents; none when it does not exist.
pub fn hash_file(path: &Path) -> io::Result<Option<u64>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let (mut hash, mut buf) = (FNV_OFFSET, vec![0u8; 1 << 16]);
    loop {
        match file.read(&mut buf)? {
            0 => return Ok(Some(hash)),
            n => hash = fnv(hash, &buf[..n]),
        }
    }
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::session::Session;

    fn start() -> Start {
        let review = Review::new(
            vec!["One.".into(), "Two.".into(), "Three.".into()],
            vec!["یک.".into(), "دو.".into(), "سه.".into()],
            &[(1, 1), (1, 1), (1, 1)],
        )
        .unwrap();
        let scores = review.beads().into_iter().zip([0.9, 0.8, 0.7]).collect();
        Start {
            review,
            scores,
            flags: vec![String::new(), "numbers".into(), String::new()],
        }
    }

    #[test]
    fn a_journal_replays_the_review_with_its_history() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.csv.review-journal");
        let mut journal = Journal::create(&path, &start(), Some(7)).unwrap();
        let mut live = Session::new(start().review, "t".into(), 1, Vec::new());
        let edits = [
            json!({"op": "merge", "row": 0, "side": "src"}),
            json!({"op": "reviewed", "row": 1}),
            json!({"op": "edit", "side": "tgt", "index": 2, "text": "سه!"}),
            json!({"op": "undo"}),
        ];
        for edit in &edits {
            assert!(live.apply(edit).unwrap());
            journal.record(edit).unwrap();
        }
        journal.saved(42).unwrap();
        // Killed while writing a line: that edit was never answered.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"edit\": {\"op\": \"mer")
            .unwrap();
        let Reopened::Resume(start, edits, _) = Journal::reopen(&path, Some(42)).unwrap() else {
            panic!("the journal should resume");
        };
        assert_eq!(start.flags[1], "numbers");
        assert_eq!(start.scores.len(), 3);
        let mut again = Session::new(start.review, "t".into(), 1, Vec::new());
        for edit in &edits {
            again.apply(edit).unwrap();
        }
        assert_eq!(again.review().rows(), live.review().rows());
        assert_eq!(
            again.review().sentences(crate::review::Side::Tgt),
            live.review().sentences(crate::review::Side::Tgt)
        );
        // The history came back too: redo brings the text edit again.
        assert!(again.apply(&json!({"op": "redo"})).unwrap());
        assert_eq!(again.review().sentences(crate::review::Side::Tgt)[2], "سه!");
        // The start's hash is the corpus's too; another file's is not.
        assert!(matches!(
            Journal::reopen(&path, Some(7)).unwrap(),
            Reopened::Resume(..)
        ));
        assert!(matches!(
            Journal::reopen(&path, Some(8)).unwrap(),
            Reopened::Stale(_)
        ));
        assert!(matches!(
            Journal::reopen(&path, None).unwrap(),
            Reopened::Stale(_)
        ));
    }

    #[test]
    fn the_hash_of_a_file_is_the_hash_of_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut w = Hashing::new(File::create(&path).unwrap());
        w.write_all("a\u{0}b,€\n".repeat(30_000).as_bytes())
            .unwrap();
        w.flush().unwrap();
        assert_eq!(hash_file(&path).unwrap(), Some(w.hash()));
        assert_eq!(hash_file(&dir.path().join("none")).unwrap(), None);
    }
}
