//! The review editor's requests and answers, without a socket: the command
//! binds a loopback port and hands each request here.
//!
//! Every request must carry the session's token (`?token=` in the page's
//! address, the `X-Bitext-Token` header on API calls) and a `Host` header
//! naming the loopback address the server bound, so neither a page from
//! another site (which cannot know the token) nor a rebound DNS name can
//! read or change the corpus. Only four paths exist: the page, the rows,
//! the edits and the export; nothing is served from the file system.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::{json, Value};

use super::{EditError, Review, Scores, Side};
use crate::write::Format;

/// A row by its sentences: (source range, target range).
type Bead = (Range<usize>, Range<usize>);

/// The page, embedded: no CDN, no network.
const PAGE: &str = include_str!("page.html");

/// Rows sent at most per request (the page asks for what is visible).
const MAX_ROWS: usize = 500;

/// One request, as the server received it.
#[derive(Clone, Debug, Default)]
pub struct Request<'a> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// The path and query (`/api/rows?from=0&count=50`).
    pub url: &'a str,
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `X-Bitext-Token` header.
    pub token: Option<&'a str>,
    /// The body (a POST's JSON).
    pub body: &'a [u8],
}

/// The answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
    /// Whether the corpus changed (the caller saves it).
    pub changed: bool,
    /// The edit that changed it (the caller journals it before answering).
    pub edit: Option<Value>,
    /// A file to download: its name.
    pub download: Option<String>,
}

impl Response {
    fn json(status: u16, value: Value) -> Self {
        Response {
            status,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
            changed: false,
            edit: None,
            download: None,
        }
    }

    fn error(status: u16, message: &str) -> Self {
        Response::json(status, json!({ "error": message }))
    }
}

/// A review being served.
pub struct Session {
    review: Review,
    token: String,
    hosts: Vec<String>,
    /// Flags and quality per row of the corpus as loaded (from `check`'s
    /// columns), shown beside the rows.
    flags: HashMap<Bead, String>,
    /// The language codes and the scores of the rows as loaded, for the
    /// export.
    langs: (String, String),
    scores: Arc<Scores>,
}

impl Session {
    /// Serves `review` to requests carrying `token`, sent to `port` on the
    /// loopback address.
    /// `flags` are the rows' as loaded, in order: a row keeps its flags
    /// while an edit leaves it as it was, and loses them once changed.
    pub fn new(review: Review, token: String, port: u16, flags: Vec<String>) -> Self {
        let flags = review
            .beads()
            .into_iter()
            .zip(flags)
            .filter(|(_, f)| !f.is_empty())
            .collect();
        Session {
            review,
            token,
            hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
            flags,
            langs: ("en".into(), "fa".into()),
            scores: Arc::default(),
        }
    }

    /// Exports name the columns after `langs` and keep `scores` for the
    /// rows left as they were.
    pub fn with_export(mut self, langs: (String, String), scores: Arc<Scores>) -> Self {
        self.langs = langs;
        self.scores = scores;
        self
    }

    /// The scores of the rows as loaded.
    pub fn scores(&self) -> &Arc<Scores> {
        &self.scores
    }

    /// The language codes.
    pub fn langs(&self) -> (&str, &str) {
        (&self.langs.0, &self.langs.1)
    }

    /// The model.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// Answers one request.
    pub fn handle(&mut self, request: &Request) -> Response {
        if !request
            .host
            .is_some_and(|h| self.hosts.iter().any(|ok| ok == h))
        {
            return Response::error(
                403,
                "wrong Host: the editor answers its loopback address only",
            );
        }
        let (path, query) = request.url.split_once('?').unwrap_or((request.url, ""));
        let token = request.token.or_else(|| param(query, "token"));
        if !token.is_some_and(|t| same(t, &self.token)) {
            return Response::error(
                401,
                "missing or wrong token: open the address bitext printed",
            );
        }
        match (request.method, path) {
            ("GET", "/") => Response {
                content_type: "text/html; charset=utf-8",
                body: PAGE.as_bytes().to_vec(),
                ..Response::json(200, Value::Null)
            },
            ("GET", "/api/rows") => self.rows(query),
            ("GET", "/api/export") => self.export(query),
            ("POST", "/api/edit") => match serde_json::from_slice::<Value>(request.body) {
                Ok(edit) => self.edit(&edit),
                Err(err) => Response::error(400, &format!("the edit is not JSON: {err}")),
            },
            _ => Response::error(404, "no such page"),
        }
    }

    /// A window of rows: `from` and `count` count the rows that pass the
    /// filters, `flagged=1` (rows with flags) and `q=TEXT` (rows whose
    /// text holds it, case aside); each row keeps its own number.
    fn rows(&self, query: &str) -> Response {
        let number = |key: &str, default: usize| {
            param(query, key)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(default)
        };
        let flagged = param(query, "flagged") == Some("1");
        let needle = param(query, "q")
            .map(decode)
            .filter(|q| !q.is_empty())
            .map(|q| q.to_lowercase());
        let beads = self.review.beads();
        let text = |side: Side, range: &std::ops::Range<usize>| {
            self.review.sentences(side)[range.clone()].join(" ")
        };
        let chosen: Vec<usize> = (0..beads.len())
            .filter(|&row| !flagged || self.flags.contains_key(&beads[row]))
            .filter(|&row| {
                needle.as_ref().is_none_or(|q| {
                    let (src, tgt) = &beads[row];
                    text(Side::Src, src).to_lowercase().contains(q)
                        || text(Side::Tgt, tgt).to_lowercase().contains(q)
                })
            })
            .collect();
        let total = chosen.len();
        let from = number("from", 0).min(total);
        let count = number("count", 100).min(MAX_ROWS);
        let rows: Vec<Value> = chosen[from..(from + count).min(total)]
            .iter()
            .map(|&row| {
                let (src, tgt) = &beads[row];
                json!({
                    "row": row,
                    "src": self.review.sentences(Side::Src)[src.clone()],
                    "tgt": self.review.sentences(Side::Tgt)[tgt.clone()],
                    "src_first": src.start,
                    "tgt_first": tgt.start,
                    "reviewed": self.review.rows()[row].reviewed,
                    "flags": self.flags.get(&beads[row]).cloned().unwrap_or_default(),
                })
            })
            .collect();
        Response::json(
            200,
            json!({ "total": total, "rows_in_corpus": beads.len(), "from": from, "rows": rows }),
        )
    }

    /// The corpus as a file to download: `format=csv|tsv|jsonl|tmx|beads`,
    /// or `moses-src`/`moses-tgt` for one side of the Moses pair. Cells
    /// are written as `align` writes them, sentences joined by a space.
    fn export(&self, query: &str) -> Response {
        let (src, tgt) = self.langs();
        let (format, side, ext) = match param(query, "format").unwrap_or("csv") {
            "csv" => (Format::Csv, None, "csv"),
            "tsv" => (Format::Tsv, None, "tsv"),
            "jsonl" => (Format::Jsonl, None, "jsonl"),
            "tmx" => (Format::Tmx, None, "tmx"),
            "beads" => (Format::Beads, None, "beads"),
            "moses-src" => (Format::Moses, Some(0), src),
            "moses-tgt" => (Format::Moses, Some(1), tgt),
            other => return Response::error(400, &format!("no export format {other:?}")),
        };
        let mut files = [Vec::new(), Vec::new()];
        let written = {
            let [a, b] = &mut files;
            let outputs: Vec<Box<dyn std::io::Write + '_>> = match side {
                Some(_) => vec![Box::new(a), Box::new(b)],
                None => vec![Box::new(a)],
            };
            self.review
                .write(self.langs(), &self.scores, format, " ", outputs)
        };
        if let Err(err) = written {
            return Response::error(500, &format!("cannot export: {err}"));
        }
        let [a, b] = files;
        Response {
            content_type: if format == Format::Tmx {
                "application/xml; charset=utf-8"
            } else {
                "text/plain; charset=utf-8"
            },
            body: if side == Some(1) { b } else { a },
            download: Some(format!("corpus.{ext}")),
            ..Response::json(200, Value::Null)
        }
    }

    /// Applies one edit (`{"op": "merge", "row": 3, "side": "src"}`, …).
    fn edit(&mut self, edit: &Value) -> Response {
        match self.apply(edit) {
            Ok(changed) => {
                let mut response = Response::json(200, json!({ "total": self.review.len() }));
                response.changed = changed;
                response.edit = changed.then(|| edit.clone());
                response
            }
            Err(err) => Response::error(400, &err.0),
        }
    }

    /// Applies an edit given as JSON (also how a journal is replayed);
    /// returns whether anything changed.
    pub fn apply(&mut self, edit: &Value) -> Result<bool, EditError> {
        let field = |key: &str| edit.get(key).and_then(Value::as_u64).map(|v| v as usize);
        let need =
            |key: &str| field(key).ok_or_else(|| EditError(format!("the edit has no {key}")));
        let side = || match edit.get("side").and_then(Value::as_str) {
            Some("src") => Ok(Side::Src),
            Some("tgt") => Ok(Side::Tgt),
            _ => Err(EditError("side must be \"src\" or \"tgt\"".into())),
        };
        let r = &mut self.review;
        match edit.get("op").and_then(Value::as_str).unwrap_or("") {
            "merge" => r.merge_next(need("row")?, side()?),
            "split_row" => r.split_row(need("row")?, side()?, need("at")?),
            "split_sentence" => r.split_sentence(side()?, need("index")?, need("offset")?),
            "up" => r.move_first_up(need("row")?, side()?),
            "down" => r.move_last_down(need("row")?, side()?),
            "insert" => r.insert_empty(need("row")?, side()?),
            "delete" => r.delete_empty(need("row")?, side()?),
            "edit" => {
                let text = edit
                    .get("text")
                    .and_then(Value::as_str)
                    .ok_or_else(|| EditError("the edit has no text".into()))?;
                r.edit_text(side()?, need("index")?, text.to_string())
            }
            "reviewed" => {
                let on = edit
                    .get("reviewed")
                    .and_then(Value::as_bool)
                    .unwrap_or(true);
                r.mark_reviewed(need("row")?, on)
            }
            "undo" => return Ok(r.undo()),
            "redo" => return Ok(r.redo()),
            other => return Err(EditError(format!("no edit {other:?}"))),
        }
        .map(|()| true)
    }
}

/// The value of `key` in a query string (no percent-decoding: the values
/// asked for are numbers and a hex token).
fn param<'q>(query: &'q str, key: &str) -> Option<&'q str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// A query value with `+` and `%XX` decoded (the search box's text).
fn decode(value: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b as u8);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Compares two tokens in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let review = Review::new(
            vec!["One.".into(), "Two.".into()],
            vec!["یک.".into(), "دو.".into()],
            &[(1, 1), (1, 1)],
        )
        .unwrap();
        Session::new(
            review,
            "abc123".into(),
            8080,
            vec!["".into(), "numbers".into()],
        )
    }

    fn get(s: &mut Session, url: &str, host: &str, token: Option<&str>) -> Response {
        s.handle(&Request {
            method: "GET",
            url,
            host: Some(host),
            token,
            body: b"",
        })
    }

    #[test]
    fn flags_stay_with_their_row_until_it_changes() {
        let review = Review::new(
            vec!["One.".into(), "Two.".into(), "Three.".into()],
            vec!["یک.".into(), "دو.".into(), "سه.".into()],
            &[(1, 1), (1, 1), (1, 1)],
        )
        .unwrap();
        let flags = vec!["".into(), "".into(), "numbers".into()];
        let mut s = Session::new(review, "t".into(), 1, flags);
        let flags_of = |s: &mut Session| -> Vec<Value> {
            let r = get(s, "/api/rows?token=t", "127.0.0.1:1", None);
            let v: Value = serde_json::from_slice(&r.body).unwrap();
            v["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["flags"].clone())
                .collect()
        };
        for side in ["src", "tgt"] {
            s.apply(&json!({"op": "merge", "row": 0, "side": side}))
                .unwrap();
        }
        // Two rows now; the flagged one is the second, as it was.
        assert_eq!(flags_of(&mut s), [json!(""), json!("numbers")]);
        s.apply(&json!({"op": "merge", "row": 0, "side": "src"}))
            .unwrap();
        // Its English moved away: the row is not the one flagged.
        assert_eq!(flags_of(&mut s), [json!(""), json!("")]);
    }

    #[test]
    fn the_token_and_the_host_are_required() {
        let mut s = session();
        assert_eq!(get(&mut s, "/", "127.0.0.1:8080", None).status, 401);
        assert_eq!(
            get(&mut s, "/?token=abc124", "127.0.0.1:8080", None).status,
            401
        );
        assert_eq!(
            get(&mut s, "/?token=abc123", "evil.example:8080", None).status,
            403
        );
        assert_eq!(
            get(&mut s, "/?token=abc123", "127.0.0.1:9999", None).status,
            403
        );
        let page = get(&mut s, "/?token=abc123", "localhost:8080", None);
        assert_eq!(
            (page.status, page.content_type),
            (200, "text/html; charset=utf-8")
        );
        let rows = get(&mut s, "/api/rows?from=1", "127.0.0.1:8080", Some("abc123"));
        let v: Value = serde_json::from_slice(&rows.body).unwrap();
        assert_eq!(v["total"], 2);
        assert_eq!(v["rows"][0]["tgt"][0], "دو.");
        assert_eq!(v["rows"][0]["flags"], "numbers");
        // Filters: flagged rows, and a search (percent-encoded), keep each
        // row's own number.
        let flagged = get(
            &mut s,
            "/api/rows?flagged=1",
            "127.0.0.1:8080",
            Some("abc123"),
        );
        let v: Value = serde_json::from_slice(&flagged.body).unwrap();
        assert_eq!(
            (v["total"].clone(), v["rows"][0]["row"].clone()),
            (json!(1), json!(1))
        );
        let found = get(
            &mut s,
            "/api/rows?q=%D8%AF%D9%88",
            "127.0.0.1:8080",
            Some("abc123"),
        );
        let v: Value = serde_json::from_slice(&found.body).unwrap();
        assert_eq!(v["rows"][0]["row"], 1);
        assert_eq!(decode("a+b%2Cc%zz%"), "a b,c%zz%");
        let none = get(
            &mut s,
            "/api/rows?q=three",
            "127.0.0.1:8080",
            Some("abc123"),
        );
        let v: Value = serde_json::from_slice(&none.body).unwrap();
        assert_eq!(v["total"], 0);
    }

    #[test]
    fn nothing_outside_the_three_paths_is_served() {
        let mut s = session();
        for url in [
            "/../Cargo.toml",
            "/api/../../etc/passwd",
            "/page.html",
            "/%2e%2e/x",
        ] {
            assert_eq!(
                get(&mut s, url, "127.0.0.1:8080", Some("abc123")).status,
                404,
                "{url}"
            );
        }
    }

    #[test]
    fn edits_change_the_model_and_bad_ones_say_why() {
        let mut s = session();
        let post = |s: &mut Session, body: &str| {
            s.handle(&Request {
                method: "POST",
                url: "/api/edit",
                host: Some("127.0.0.1:8080"),
                token: Some("abc123"),
                body: body.as_bytes(),
            })
        };
        let ok = post(&mut s, r#"{"op":"merge","row":0,"side":"src"}"#);
        assert!(ok.changed && ok.status == 200);
        assert_eq!(s.review().cells(0).0, ["One.", "Two."]);
        let bad = post(&mut s, r#"{"op":"merge","row":5,"side":"src"}"#);
        assert_eq!(bad.status, 400);
        assert!(String::from_utf8_lossy(&bad.body).contains("no row 6"));
        assert_eq!(post(&mut s, "not json").status, 400);
        assert!(post(&mut s, r#"{"op":"undo"}"#).changed);
        assert_eq!(s.review().cells(0).0, ["One."]);
        assert!(!post(&mut s, r#"{"op":"undo"}"#).changed);
    }
}
