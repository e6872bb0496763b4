//! `bitext review`: a local editor for an alignment. Loads the corpus (or
//! aligns two documents), serves the editor on 127.0.0.1 with a random
//! token, and saves the corpus atomically after every edit, so a server
//! killed between edits loses nothing; run again, it resumes from what it
//! saved.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::corpus::AlignJob;
use bitext::review::session::{Request, Session};
use bitext::review::{split_cell, Review};
use bitext::table::{self, TableFormat, TableReader};
use bitext::write::{self, Format, Layout};
use bitext::{read_text, Lang, Segmenter};

use crate::cli::ReviewArgs;

/// The largest request body accepted (an edit is a few hundred bytes).
const MAX_BODY: u64 = 1 << 20;

/// Scores of the rows as loaded, by their sentence ranges: a row the
/// review leaves as it was keeps its score; one a person made gets 1.
type Scores = HashMap<(Range<usize>, Range<usize>), f64>;

pub fn run(args: &ReviewArgs) -> Result<()> {
    let out = match (&args.out, args.inputs.len()) {
        (Some(path), _) => path.clone(),
        (None, 1) => args.inputs[0].clone(),
        (None, _) => {
            bail!("two documents are aligned into a new corpus: give it a name with --out FILE")
        }
    };
    super::check_output_path(&out)?;
    let format = match TableFormat::from_path(&out) {
        TableFormat::Csv => Format::Csv,
        TableFormat::Tsv => Format::Tsv,
        TableFormat::Jsonl => Format::Jsonl,
        TableFormat::Tmx => Format::Tmx,
    };
    // A corpus saved by an earlier review of the same input resumes.
    let resume = args.out.is_some() && out.exists();
    let (review, scores, flags) = if resume {
        eprintln!("bitext: resuming the review saved in {}", out.display());
        load(&out, args)?
    } else if args.inputs.len() == 2 {
        align(args)?
    } else {
        load(&args.inputs[0], args)?
    };
    let server = tiny_http::Server::http(("127.0.0.1", args.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .context("the server has no port")?;
    let token = token()?;
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    println!("{url}");
    std::io::stdout().flush()?;
    if !args.no_open {
        open_browser(&url);
    }
    let mut session = Session::new(review, token, port, flags);
    let save = |review: &Review| save(review, &scores, &out, format, args);
    // One request at a time: edits are applied and saved in the order
    // they arrive.
    for mut request in server.incoming_requests() {
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let (host, token) = (header("Host"), header("X-Bitext-Token"));
        let mut body = Vec::new();
        let _ = request.as_reader().take(MAX_BODY).read_to_end(&mut body);
        let method = request.method().as_str().to_string();
        let url = request.url().to_string();
        let mut response = session.handle(&Request {
            method: &method,
            url: &url,
            host: host.as_deref(),
            token: token.as_deref(),
            body: &body,
        });
        if response.changed {
            if let Err(err) = save(session.review()) {
                response.status = 500;
                response.body = serde_json::json!({ "error": format!("{err:#}") })
                    .to_string()
                    .into_bytes();
            }
        }
        let mut reply =
            tiny_http::Response::from_data(response.body).with_status_code(response.status);
        for (name, value) in [
            ("Content-Type", response.content_type),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
            ),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                reply.add_header(h);
            }
        }
        let _ = request.respond(reply);
    }
    Ok(())
}

/// 128 random bits, in hex.
fn token() -> Result<String> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot read /dev/urandom for the session's token")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("bitext: open {url} in a browser");
    }
}

/// Two documents, aligned first.
fn align(args: &ReviewArgs) -> Result<(Review, Scores, Vec<String>)> {
    let job = AlignJob::new(&args.src_lang, &args.tgt_lang);
    let pair = job.pair(
        None,
        &read_text(&args.inputs[0])?,
        &read_text(&args.inputs[1])?,
    );
    let set = job.align(vec![pair]);
    let doc = &set.docs[0];
    let scores = doc
        .beads
        .iter()
        .map(|b| ((b.src.clone(), b.tgt.clone()), b.score))
        .collect();
    let rows = doc
        .beads
        .iter()
        .map(|b| (b.src.len(), b.tgt.len()))
        .collect::<Vec<_>>();
    let review = Review::new(doc.src.sentences.clone(), doc.tgt.sentences.clone(), &rows)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((review, scores, Vec::new()))
}

/// A corpus of one document as `bitext align` writes it.
fn load(path: &Path, args: &ReviewArgs) -> Result<(Review, Scores, Vec<String>)> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let input: Box<dyn Read> = Box::new(std::io::BufReader::new(file));
    let mut reader = TableReader::new(input, TableFormat::from_path(path), path)?;
    let (s, t) = (&args.src_lang, &args.tgt_lang);
    let src = reader.column(s)?;
    let tgt = reader.column(t)?;
    let find = |name: &str| {
        reader
            .header()
            .iter()
            .position(|h| table::same_name(h, name))
    };
    let ids = (find(&format!("{s}_ids")), find(&format!("{t}_ids")));
    let (doc, score, flags) = (find("doc"), find("score"), find("flags"));
    let known = [
        s.clone(),
        t.clone(),
        format!("{s}_ids"),
        format!("{t}_ids"),
        "doc".into(),
        "type".into(),
        "score".into(),
        "flags".into(),
        "quality".into(),
        "evidence".into(),
    ];
    let lost: Vec<&String> = reader
        .header()
        .iter()
        .filter(|h| !known.iter().any(|k| table::same_name(h, k)))
        .collect();
    if !lost.is_empty() {
        bail!(
            "{}: review saves the columns bitext align writes; these would be lost: {} (review a copy, or give --out)",
            path.display(),
            lost.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    let segmenter = |code: &str| {
        Segmenter::new(code.parse::<Lang>().unwrap_or(Lang::Auto)).with_quotations_kept(false)
    };
    let (src_seg, tgt_seg) = (segmenter(s), segmenter(t));
    let count = |cells: &[String], column: Option<usize>, text: &str| match column {
        // `3 4`, or JSON's `[3,4]`: how many numbers.
        Some(c) => cells[c]
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .count(),
        None => usize::from(!text.trim().is_empty()),
    };
    let (mut cells, mut row_scores, mut row_flags) = (Vec::new(), Vec::new(), Vec::new());
    let mut first_doc: Option<String> = None;
    while let Some(record) = reader.next_record()? {
        if let Some(d) = doc {
            let name = &record.cells[d];
            match &first_doc {
                None => first_doc = Some(name.clone()),
                Some(first) if first != name => bail!(
                    "{}: holds more than one document ({first}, {name}); review one document at a time",
                    path.display()
                ),
                _ => {}
            }
        }
        let (a, b) = (&record.cells[src], &record.cells[tgt]);
        cells.push((
            split_cell(a, count(&record.cells, ids.0, a), &src_seg),
            split_cell(b, count(&record.cells, ids.1, b), &tgt_seg),
        ));
        row_scores.push(score.and_then(|c| record.cells[c].parse::<f64>().ok()));
        row_flags.push(flags.map(|c| record.cells[c].clone()).unwrap_or_default());
    }
    // Rows with no text on either side hold no sentence and go.
    let kept: Vec<bool> = cells
        .iter()
        .map(|(a, b)| !(a.is_empty() && b.is_empty()))
        .collect();
    let review = Review::from_cells(cells);
    let row_scores: Vec<Option<f64>> = row_scores
        .into_iter()
        .zip(&kept)
        .filter_map(|(s, &k)| k.then_some(s))
        .collect();
    let flags: Vec<String> = row_flags
        .into_iter()
        .zip(&kept)
        .filter_map(|(f, &k)| k.then_some(f))
        .collect();
    let scores = review
        .beads()
        .into_iter()
        .zip(row_scores)
        .filter_map(|(bead, s)| Some((bead, s?)))
        .collect();
    Ok((review, scores, flags))
}

/// Writes the corpus atomically: the rows a review left as they were keep
/// their scores; the others score 1 (a person aligned them).
fn save(
    review: &Review,
    scores: &Scores,
    out: &Path,
    format: Format,
    args: &ReviewArgs,
) -> Result<()> {
    let layout = Layout {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        with_doc: false,
        with_check: false,
    };
    // A line break between sentences keeps where each ends (a headline has
    // no full stop) for the next load; TSV cannot hold one.
    let separator = if format == Format::Tsv { " " } else { "\n" };
    let mut rows = review.export_rows(separator);
    for (row, bead) in rows.iter_mut().zip(review.beads()) {
        if let Some(score) = scores.get(&bead) {
            row.score = *score;
        }
    }
    super::write_atomically(out, |file| {
        let mut exporter = write::exporter(
            format,
            layout.schema(),
            write::Options::default(),
            vec![Box::new(&mut *file)],
        )?;
        for row in &rows {
            exporter.write(&row.record(&layout))?;
        }
        exporter.finish()
    })
}
