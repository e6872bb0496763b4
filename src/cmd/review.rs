//! `bitext review`: a local editor for an alignment. Loads the corpus (or
//! aligns two documents), serves the editor on 127.0.0.1 with a random
//! token, journals every edit before answering it and writes the corpus
//! atomically after it, so a server killed at any moment loses no edit;
//! run again, it replays the journal and goes on (undo history and all).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::{bail, Context, Result};
use bitext::corpus::AlignJob;
use bitext::review::journal::{self, Hashing, Journal, Reopened, Start};
use bitext::review::session::{Request, Response, Session};
use bitext::review::{split_cell, Review, Scores};
use bitext::table::{self, TableFormat, TableReader};
use bitext::write::Format;
use bitext::{read_file, Lang, Segmenter};

use crate::cli::ReviewArgs;

/// The largest request body accepted (an edit is a few hundred bytes).
const MAX_BODY: u64 = 1 << 20;

pub fn run(args: &ReviewArgs) -> Result<()> {
    let out = match (&args.out, args.inputs.len()) {
        (Some(path), _) => path.clone(),
        (None, 1) => args.inputs[0].clone(),
        (None, _) => {
            bail!("two documents are aligned into a new corpus: give it a name with --out FILE")
        }
    };
    super::check_output_path(&out)?;
    if args.inputs.len() == 2 {
        // Two documents are aligned into `out`; it must not be one of them.
        let documents: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
        super::refuse_inputs_as_outputs(&documents, &[&out])?;
    }
    let format = match TableFormat::from_path(&out) {
        TableFormat::Csv => Format::Csv,
        TableFormat::Tsv => Format::Tsv,
        TableFormat::Jsonl => Format::Jsonl,
        TableFormat::Tmx => Format::Tmx,
        TableFormat::Xliff => bail!(
            "{}: bitext does not write XLIFF; review it into a CSV, TSV, JSON Lines or TMX file (--out corpus.csv)",
            out.display()
        ),
    };
    let (start, edits, journal) = open(args, &out)?;
    let server = tiny_http::Server::http(("127.0.0.1", args.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .context("the server has no port")?;
    let token = token()?;
    let langs = (args.src_lang.clone(), args.tgt_lang.clone());
    let mut session = Session::new(start.review, token.clone(), port, start.flags)
        .with_export(langs, Arc::new(start.scores));
    for (i, edit) in edits.iter().enumerate() {
        session
            .apply(edit)
            .map_err(|e| anyhow::anyhow!("the journal's edit {} does not replay: {e}", i + 1))?;
    }
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    println!("{url}");
    std::io::stdout().flush()?;
    if !args.no_open {
        open_browser(&url);
    }
    let journal = Arc::new(Mutex::new(journal));
    let saver = Saver::start(&session, out.clone(), format, journal.clone());
    // A replayed journal may be ahead of the corpus; a new one has none.
    if !edits.is_empty() || !out.exists() {
        saver.save(&session);
    }
    // One request at a time: edits are applied, journaled and answered in
    // the order they arrive; the corpus is written beside, by the saver.
    for mut request in server.incoming_requests() {
        let mut response = answer(&mut session, &mut request);
        if let Some(edit) = &response.edit {
            let recorded = journal
                .lock()
                .map_err(|_| anyhow::anyhow!("the saver panicked"))
                .and_then(|mut j| Ok(j.get()?.record(edit)?));
            if let Err(err) = recorded {
                // Not on disk: not made.
                let back = match edit.get("op").and_then(|op| op.as_str()) {
                    Some("undo") => "redo",
                    _ => "undo",
                };
                session.apply(&serde_json::json!({ "op": back })).ok();
                response = error(500, &format!("cannot journal the edit: {err:#}"));
            } else {
                saver.save(&session);
            }
        }
        respond(request, response);
    }
    Ok(())
}

/// Writes the corpus on its own thread, so no request waits for a save:
/// it takes the latest snapshot sent (a burst of edits is written once).
struct Saver {
    snapshots: mpsc::Sender<Review>,
}

impl Saver {
    fn start(
        session: &Session,
        out: PathBuf,
        format: Format,
        journal: Arc<Mutex<LazyJournal>>,
    ) -> Self {
        let (snapshots, pending) = mpsc::channel::<Review>();
        let (langs, scores) = (
            (session.langs().0.to_string(), session.langs().1.to_string()),
            session.scores().clone(),
        );
        std::thread::spawn(move || {
            while let Ok(mut review) = pending.recv() {
                while let Ok(newer) = pending.try_recv() {
                    review = newer;
                }
                let langs = (langs.0.as_str(), langs.1.as_str());
                if let Err(err) = save(&review, langs, &scores, &out, format, &journal) {
                    eprintln!("bitext: {err:#} (the edits are in the journal)");
                }
            }
        });
        Saver { snapshots }
    }

    fn save(&self, session: &Session) {
        let _ = self.snapshots.send(session.review().snapshot());
    }
}

/// The review to serve: from its journal when there is one for this
/// corpus; else loaded (or aligned), with a new journal being written
/// beside the corpus while the first rows are served.
fn open(args: &ReviewArgs, out: &Path) -> Result<(Start, Vec<serde_json::Value>, LazyJournal)> {
    let path = Journal::path_for(out);
    if path.exists() {
        let corpus =
            journal::hash_file(out).with_context(|| format!("cannot read {}", out.display()))?;
        match Journal::reopen(&path, corpus)
            .with_context(|| format!("cannot read {}", path.display()))?
        {
            Reopened::Resume(start, edits, journal) => {
                eprintln!(
                    "bitext: resuming the review journaled in {} ({} edits)",
                    path.display(),
                    edits.len()
                );
                return Ok((*start, edits, LazyJournal::Open(journal)));
            }
            Reopened::Stale(why) => {
                let mut aside = path.clone().into_os_string();
                aside.push(".stale");
                std::fs::rename(&path, &aside)
                    .with_context(|| format!("cannot set {} aside", path.display()))?;
                eprintln!(
                    "bitext: {} does not belong to {} ({why}): set aside as {}",
                    path.display(),
                    out.display(),
                    Path::new(&aside).display()
                );
            }
        }
    }
    // A corpus saved by an earlier review of the same input resumes.
    let start = if args.out.is_some() && out.exists() {
        eprintln!("bitext: resuming the review saved in {}", out.display());
        load(out, args)?
    } else if args.inputs.len() == 2 {
        align(args)?
    } else {
        load(&args.inputs[0], args)?
    };
    let first = start.clone();
    // The corpus is hashed beside the first rows, not before them (44 MB
    // at 100,000 rows). Nothing writes it before the journal is open: the
    // saver takes the journal before it renames its file into place, and
    // it writes first only a corpus that did not exist.
    let (corpus, exists) = (out.to_path_buf(), out.exists());
    let writing = std::thread::spawn(move || {
        let saved = if exists {
            journal::hash_file(&corpus)?
        } else {
            None
        };
        Journal::create(&path, &first, saved)
    });
    Ok((start, Vec::new(), LazyJournal::Writing(Some(writing))))
}

/// A journal, or the thread still writing its start.
enum LazyJournal {
    Open(Journal),
    Writing(Option<JoinHandle<std::io::Result<Journal>>>),
}

impl LazyJournal {
    fn get(&mut self) -> Result<&mut Journal> {
        if let LazyJournal::Writing(writing) = self {
            let journal = writing
                .take()
                .context("the journal could not be written")?
                .join()
                .map_err(|_| anyhow::anyhow!("the journal's writer panicked"))?
                .context("cannot write the review's journal")?;
            *self = LazyJournal::Open(journal);
        }
        match self {
            LazyJournal::Open(journal) => Ok(journal),
            LazyJournal::Writing(_) => unreachable!("opened above"),
        }
    }
}

/// Reads one request and lets the session answer it.
fn answer(session: &mut Session, request: &mut tiny_http::Request) -> Response {
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
    session.handle(&Request {
        method: &method,
        url: &url,
        host: host.as_deref(),
        token: token.as_deref(),
        body: &body,
    })
}

fn error(status: u16, message: &str) -> Response {
    Response {
        status,
        content_type: "application/json",
        body: serde_json::json!({ "error": message })
            .to_string()
            .into_bytes(),
        changed: false,
        edit: None,
        download: None,
    }
}

fn respond(request: tiny_http::Request, response: Response) {
    let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    let disposition = response
        .download
        .map(|name| format!("attachment; filename=\"{name}\""));
    for (name, value) in [
        ("Content-Type", response.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
        ),
        ("Content-Disposition", disposition.as_deref().unwrap_or("")),
    ] {
        if value.is_empty() {
            continue;
        }
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            reply.add_header(h);
        }
    }
    let _ = request.respond(reply);
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
fn align(args: &ReviewArgs) -> Result<Start> {
    let job = AlignJob::new(&args.src_lang, &args.tgt_lang);
    let read = |path: &Path, lang: &str| -> Result<String> {
        let file = read_file(path, args.encoding.map(|e| e.for_language(lang)))?;
        super::tell_encoding(path, file.encoding, args.encoding);
        Ok(file.text)
    };
    let pair = job.pair(
        None,
        &read(&args.inputs[0], &args.src_lang)?,
        &read(&args.inputs[1], &args.tgt_lang)?,
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
    Ok(Start {
        review,
        scores,
        flags: Vec::new(),
    })
}

/// A corpus of one document as `bitext align` writes it.
fn load(path: &Path, args: &ReviewArgs) -> Result<Start> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (input, encoding) = bitext::decoding_reader(
        Box::new(std::io::BufReader::new(file)),
        super::hinted(args.encoding, (&args.src_lang, &args.tgt_lang)),
    )
    .with_context(|| format!("cannot read {}", path.display()))?;
    super::tell_encoding(path, encoding, args.encoding);
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
    let segmenter =
        |code: &str| Segmenter::for_language(Lang::from_code(code)).with_quotations_kept(false);
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
    let mut coded = (0, None);
    while let Some(record) = reader.next_record()? {
        if [src, tgt]
            .iter()
            .any(|&c| matches!(record.markup.get(c), Some(Some(_))))
        {
            coded.0 += 1;
            coded.1.get_or_insert(record.row);
        }
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
    if let (count, Some(row)) = coded {
        // The review works on sentences, which a segment's tags and
        // placeholders do not follow once sentences move.
        let what = format!(
            "{}: {count} segment(s) hold inline codes (tags, placeholders; the first in unit {row}); the review works on their text, and saves none",
            path.display()
        );
        if args.out.is_none() {
            bail!("{what}: they would be lost (give --out to save the review elsewhere)");
        }
        eprintln!("bitext: warning: {what}");
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
    Ok(Start {
        review,
        scores,
        flags,
    })
}

/// Writes the corpus atomically: the rows a review left as they were keep
/// their scores; the others score 1 (a person aligned them). The journal
/// learns the new file's hash before the file replaces the old one, so a
/// kill between the two leaves a corpus the journal knows either way.
fn save(
    review: &Review,
    langs: (&str, &str),
    scores: &Scores,
    out: &Path,
    format: Format,
    journal: &Mutex<LazyJournal>,
) -> Result<()> {
    // A line break between sentences keeps where each ends (a headline has
    // no full stop) for the next load; TSV cannot hold one.
    let separator = if format == Format::Tsv { " " } else { "\n" };
    let (file, pending) = super::Pending::create(out)?;
    let mut file = Hashing::new(std::io::BufWriter::new(file));
    review
        .write(langs, scores, format, separator, vec![Box::new(&mut file)])
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {}", out.display()))?;
    let hash = file.hash();
    drop(file);
    {
        // Held for one line: edits wait for the journal, never for a save.
        let mut journal = journal
            .lock()
            .map_err(|_| anyhow::anyhow!("the server panicked"))?;
        let journal = journal.get()?;
        journal
            .saved(hash)
            .with_context(|| format!("cannot write {}", journal.path().display()))?;
    }
    pending.commit()
}
