//! `bitext._bitext`: the Rust core for Python. Each function converts its
//! arguments, makes one call into the `bitext` library (the same calls the
//! command line makes) with the GIL released, and converts the result:
//! nothing here aligns, checks or detects by itself.

use std::collections::HashMap;
use std::sync::Arc;

use bitext::check::CheckConfig;
use bitext::corpus::{self, AlignJob, DocPair};
use bitext::write::Row;
use bitext::{Aligner, Detector, Lang, Lexicon, LineBreaks, Segmenter};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

/// A word-translation table learned from aligned text (what `bitext align
/// --lexicon-out` writes): learn it once on a large corpus, give it to
/// every later call, or to every worker of a cluster.
#[pyclass(module = "bitext._bitext", frozen)]
#[derive(Clone)]
struct WordTable {
    langs: (String, String),
    lexicon: Arc<Lexicon>,
}

#[pymethods]
impl WordTable {
    /// Reads a table in the `--lexicon-out` format.
    #[staticmethod]
    fn from_tsv(text: &str) -> PyResult<Self> {
        let (langs, lexicon) = Lexicon::read(text).map_err(PyValueError::new_err)?;
        Ok(WordTable {
            langs,
            lexicon: Arc::new(lexicon),
        })
    }

    /// The table in the `--lexicon-out` format (`bitext align --lexicon`
    /// reads it).
    fn to_tsv(&self) -> PyResult<String> {
        let mut out = Vec::new();
        self.lexicon
            .write((&self.langs.0, &self.langs.1), &mut out)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// (source language, target language).
    #[getter]
    fn langs(&self) -> (String, String) {
        self.langs.clone()
    }

    /// The number of word pairs linked.
    fn __len__(&self) -> usize {
        self.lexicon.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "WordTable({}→{}, {} links)",
            self.langs.0,
            self.langs.1,
            self.lexicon.len()
        )
    }

    /// Pickled as its TSV text (so Dask can send it to workers).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from = slf.get_type().getattr("from_tsv")?;
        Ok((from, (slf.get().to_tsv()?,)))
    }
}

/// A side given from Python: a text to segment, or its sentences.
enum Side {
    Text(String),
    Sentences(Vec<String>),
}

impl<'py> FromPyObject<'_, 'py> for Side {
    type Error = PyErr;

    fn extract(ob: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(text) = ob.extract::<String>() {
            return Ok(Side::Text(text));
        }
        if let Ok(sentences) = ob.extract::<Vec<String>>() {
            if !ob.is_instance_of::<PyString>() {
                return Ok(Side::Sentences(sentences));
            }
        }
        Err(PyTypeError::new_err(format!(
            "a side must be a str (a text to segment) or a list of str (its sentences), not {}",
            ob.get_type().name()?
        )))
    }
}

/// The options `align` and `align_many` share.
struct Options {
    src_lang: String,
    tgt_lang: String,
    presplit: bool,
    line_breaks: LineBreaks,
    lexical: bool,
    table: Option<WordTable>,
    dictionary: Option<Vec<(String, String)>>,
}

impl Options {
    /// The arguments `align` and `align_many` share, converted.
    fn new(
        (src_lang, tgt_lang): (String, String),
        (presplit, line_breaks): (bool, &str),
        lexical: bool,
        lexicon: Option<Bound<'_, WordTable>>,
        dictionary: Option<Vec<(String, String)>>,
    ) -> PyResult<Self> {
        Ok(Options {
            src_lang,
            tgt_lang,
            presplit,
            line_breaks: self::line_breaks(line_breaks)?,
            lexical,
            table: lexicon.map(|t| t.get().clone()),
            dictionary,
        })
    }

    fn job(&self) -> PyResult<AlignJob> {
        for code in [&self.src_lang, &self.tgt_lang] {
            corpus::check_code(code).map_err(PyValueError::new_err)?;
        }
        let mut aligner = Aligner::default().with_lexical(self.lexical);
        if let Some(table) = &self.table {
            aligner = aligner.with_lexicon(table.lexicon.clone());
        }
        if let Some(pairs) = &self.dictionary {
            aligner = aligner.with_dictionary(pairs.clone());
        }
        Ok(AlignJob::new(&self.src_lang, &self.tgt_lang)
            .with_presplit(self.presplit)
            .with_line_breaks(self.line_breaks)
            .with_aligner(aligner))
    }

    fn pair(&self, job: &AlignJob, name: Option<&str>, src: &Side, tgt: &Side) -> DocPair {
        let side = |side: &Side, source: bool| match side {
            Side::Text(text) => job.document(text, source),
            Side::Sentences(sentences) => bitext::Document {
                paragraphs: vec![0; sentences.len()],
                sentences: sentences
                    .iter()
                    .map(|s| s.replace(['\r', '\n'], " "))
                    .collect(),
            },
        };
        DocPair {
            name: name.map(str::to_string),
            src: side(src, true),
            tgt: side(tgt, false),
        }
    }
}

fn line_breaks(mode: &str) -> PyResult<LineBreaks> {
    match mode {
        "detect" => Ok(LineBreaks::Detect),
        "sentence" => Ok(LineBreaks::Sentence),
        "space" => Ok(LineBreaks::Space),
        "auto" => Ok(LineBreaks::Auto),
        other => Err(PyValueError::new_err(format!(
            "line_breaks must be 'detect', 'sentence', 'space' or 'auto', not {other:?}"
        ))),
    }
}

/// A row as a dict: the columns of `bitext align`'s CSV, ids 1-based. The
/// keys are interned: a run makes one dict per bead.
/// Makes the dicts of rows. The bead types (`1-1`, `2-1`, …) are a handful
/// of strings, made once each per call rather than formatted and interned
/// for every row.
#[derive(Default)]
struct RowDicts<'py> {
    types: HashMap<(usize, usize), Bound<'py, PyString>>,
}

impl<'py> RowDicts<'py> {
    fn dict(&mut self, py: Python<'py>, row: &Row) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        if let Some(doc) = row.doc {
            d.set_item(intern!(py, "doc"), doc)?;
        }
        d.set_item(intern!(py, "src"), &row.src_text)?;
        d.set_item(intern!(py, "tgt"), &row.tgt_text)?;
        let ids = |v: &[usize]| PyList::new(py, v.iter().map(|i| i + 1));
        d.set_item(intern!(py, "src_ids"), ids(&row.src_ids)?)?;
        d.set_item(intern!(py, "tgt_ids"), ids(&row.tgt_ids)?)?;
        let shape = (row.src_ids.len(), row.tgt_ids.len());
        let kind = self
            .types
            .entry(shape)
            .or_insert_with(|| PyString::intern(py, &format!("{}-{}", shape.0, shape.1)));
        d.set_item(intern!(py, "type"), &*kind)?;
        d.set_item(intern!(py, "score"), (row.score * 1000.0).round() / 1000.0)?;
        Ok(d)
    }

    fn list(&mut self, py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyList>> {
        let dicts = rows
            .iter()
            .map(|r| self.dict(py, r))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, dicts)
    }
}

/// The threads a call may use: `threads` of them, or rayon's global pool.
struct Pool(Option<rayon::ThreadPool>);

impl Pool {
    fn new(threads: Option<usize>) -> PyResult<Self> {
        let Some(n) = threads else {
            return Ok(Pool(None));
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map(|pool| Pool(Some(pool)))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Runs `work` on one of the pool's threads: its parallel steps are
    /// then split there, not each sent from the caller's thread to the
    /// pool and waited for (a tenth of aligning one short document).
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match &self.0 {
            Some(pool) => pool.install(work),
            None => rayon::scope(|_| work()),
        }
    }
}

/// Aligns documents given as (name, src, tgt) in one run (one word table);
/// returns the rows of each and the table.
fn align_run(
    py: Python<'_>,
    docs: Vec<(Option<String>, Side, Side)>,
    options: &Options,
    pool: &Pool,
) -> PyResult<(Vec<Vec<Row<'static>>>, Option<WordTable>)> {
    let job = options.job()?;
    // Segmenting, making the rows and freeing the documents run in
    // parallel too, as `bitext align DIR` reads its pairs in parallel.
    let work = || {
        let pairs: Vec<DocPair> = docs
            .par_iter()
            .map(|(name, s, t)| options.pair(&job, name.as_deref(), s, t))
            .collect();
        let set = job.align(pairs);
        let rows: Vec<Vec<Row<'static>>> = set
            .docs
            .par_iter()
            .map(|doc| {
                doc.rows()
                    .into_iter()
                    .map(|row| Row { doc: None, ..row })
                    .collect()
            })
            .collect();
        set.docs.into_par_iter().for_each(drop);
        (rows, set.lexicon)
    };
    let (rows, lexicon) = py.detach(|| pool.run(work));
    let table = lexicon.map(|lexicon| WordTable {
        langs: (options.src_lang.clone(), options.tgt_lang.clone()),
        lexicon,
    });
    Ok((rows, table))
}

/// Aligns the two versions of one document. See the Python docstring.
#[pyfunction]
#[pyo3(signature = (src, tgt, src_lang="en".to_string(), tgt_lang="fa".to_string(), presplit=false, line_breaks="detect", lexical=true, lexicon=None, dictionary=None))]
#[allow(clippy::too_many_arguments)]
fn align<'py>(
    py: Python<'py>,
    src: Side,
    tgt: Side,
    src_lang: String,
    tgt_lang: String,
    presplit: bool,
    line_breaks: &str,
    lexical: bool,
    lexicon: Option<Bound<'py, WordTable>>,
    dictionary: Option<Vec<(String, String)>>,
) -> PyResult<Bound<'py, PyList>> {
    let options = Options::new(
        (src_lang, tgt_lang),
        (presplit, line_breaks),
        lexical,
        lexicon,
        dictionary,
    )?;
    let (mut rows, _) = align_run(py, vec![(None, src, tgt)], &options, &Pool(None))?;
    RowDicts::default().list(py, &rows.pop().unwrap_or_default())
}

/// Aligns many documents in one run. See the Python docstring.
#[pyfunction]
#[pyo3(signature = (pairs, threads=None, src_lang="en".to_string(), tgt_lang="fa".to_string(), presplit=false, line_breaks="detect", lexical=true, lexicon=None, dictionary=None))]
#[allow(clippy::too_many_arguments)]
fn align_many<'py>(
    py: Python<'py>,
    pairs: Vec<(Side, Side)>,
    threads: Option<usize>,
    src_lang: String,
    tgt_lang: String,
    presplit: bool,
    line_breaks: &str,
    lexical: bool,
    lexicon: Option<Bound<'py, WordTable>>,
    dictionary: Option<Vec<(String, String)>>,
) -> PyResult<(Bound<'py, PyList>, Option<WordTable>)> {
    let options = Options::new(
        (src_lang, tgt_lang),
        (presplit, line_breaks),
        lexical,
        lexicon,
        dictionary,
    )?;
    let docs = pairs.into_iter().map(|(s, t)| (None, s, t)).collect();
    let pool = Pool::new(threads)?;
    let (rows, table) = align_run(py, docs, &options, &pool)?;
    let mut dicts = RowDicts::default();
    let out = PyList::empty(py);
    for doc in &rows {
        out.append(dicts.list(py, doc)?)?;
    }
    // A hundred thousand rows' strings are freed in parallel too.
    py.detach(|| pool.run(|| rows.into_par_iter().for_each(drop)));
    Ok((out, table))
}

/// Splits a text into sentences. See the Python docstring.
#[pyfunction]
#[pyo3(signature = (text, lang="auto", line_breaks="detect"))]
fn segment<'py>(
    py: Python<'py>,
    text: &str,
    lang: &str,
    line_breaks: &str,
) -> PyResult<Bound<'py, PyList>> {
    let segmenter = Segmenter::for_code(lang)
        .map_err(|e| PyValueError::new_err(e.to_string()))?
        .with_line_breaks(self::line_breaks(line_breaks)?);
    // Subtitles and a web page are split as their text, as `align` and
    // the command line read them (offsets then index that text).
    let (text, sentences) = py.detach(|| {
        let (text, segmenter) = match corpus::running_text(text, segmenter) {
            Some((converted, segmenter)) => (std::borrow::Cow::Owned(converted), segmenter),
            None => (std::borrow::Cow::Borrowed(text), segmenter),
        };
        let sentences: Vec<_> = segmenter.sentences(&text).collect();
        (text, sentences)
    });
    let out = PyList::empty(py);
    // Offsets in characters, as Python indexes strings, counted on from
    // the last (sentences come in order): counting each from the start
    // took 3.4 s for a 3 MB text.
    let mut counted = (0, 0);
    let mut chars_to = |byte: usize| {
        counted.1 += text[counted.0..byte].chars().count();
        counted.0 = byte;
        counted.1
    };
    for s in sentences {
        let d = PyDict::new(py);
        d.set_item("text", s.text(&text))?;
        d.set_item("start", chars_to(s.start))?;
        d.set_item("end", chars_to(s.end))?;
        d.set_item("paragraph", s.paragraph)?;
        out.append(d)?;
    }
    Ok(out)
}

/// The text of subtitles or a web page, as `segment` and `align` read it;
/// `None` for other text. See the Python docstring.
#[pyfunction]
fn running_text(text: &str) -> Option<String> {
    corpus::running_text(text, Segmenter::auto()).map(|(converted, _)| converted)
}

/// The language of every line. See the Python docstring.
#[pyfunction]
#[pyo3(signature = (lines, only=None))]
fn detect<'py>(
    py: Python<'py>,
    lines: Vec<String>,
    only: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyList>> {
    let detector = match &only {
        Some(codes) => {
            let langs = codes
                .iter()
                .map(|c| c.parse::<Lang>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Detector::with_only(&langs)
        }
        None => Detector::new(),
    };
    let detections: Vec<_> = py.detach(|| lines.iter().map(|l| detector.detect(l)).collect());
    let out = PyList::empty(py);
    for d in detections {
        let dict = PyDict::new(py);
        dict.set_item("lang", d.code())?;
        dict.set_item("script", d.script_name())?;
        dict.set_item("confidence", (d.confidence * 1000.0).round() / 1000.0)?;
        dict.set_item("reliable", d.reliable)?;
        dict.set_item("mixed", d.mixed)?;
        if only.is_some() {
            dict.set_item("allowed", d.allowed)?;
        }
        out.append(dict)?;
    }
    Ok(out)
}

/// Judges pairs. See the Python docstring.
#[pyfunction]
#[pyo3(signature = (pairs, src_lang="en".to_string(), tgt_lang="fa".to_string(), z_limit=4.0, max_words=200))]
fn check<'py>(
    py: Python<'py>,
    pairs: Vec<(String, String, Option<String>)>,
    src_lang: String,
    tgt_lang: String,
    z_limit: f64,
    max_words: usize,
) -> PyResult<Bound<'py, PyList>> {
    let rows: Vec<Row> = pairs
        .iter()
        .map(|(src, tgt, doc)| Row {
            doc: doc.as_deref(),
            src_text: src.clone(),
            tgt_text: tgt.clone(),
            src_ids: Vec::new(),
            tgt_ids: Vec::new(),
            score: 0.0,
            check: None,
        })
        .collect();
    let config = CheckConfig {
        z_limit,
        max_words,
        ..CheckConfig::new(&src_lang, &tgt_lang)
    };
    let checked = py.detach(|| corpus::check_rows(&rows, config));
    let out = PyList::empty(py);
    for verdict in &checked.verdicts {
        let d = PyDict::new(py);
        let flags: Vec<String> = verdict.flags.iter().map(|f| f.name()).collect();
        d.set_item("flags", flags)?;
        d.set_item("quality", (verdict.quality * 1000.0).round() / 1000.0)?;
        d.set_item("evidence", verdict.evidence())?;
        out.append(d)?;
    }
    Ok(out)
}

/// Scores test beads against gold. See the Python docstring.
#[pyfunction]
fn evaluate<'py>(
    py: Python<'py>,
    gold: Vec<(Vec<usize>, Vec<usize>)>,
    test: Vec<(Vec<usize>, Vec<usize>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut tally = bitext::score::Tally::default();
    tally.add(&gold, &test);
    let s = tally.scores();
    let d = PyDict::new(py);
    for (key, value) in [
        ("precision_strict", s.precision_strict),
        ("recall_strict", s.recall_strict),
        ("f1_strict", s.f1_strict),
        ("precision_lax", s.precision_lax),
        ("recall_lax", s.recall_lax),
        ("f1_lax", s.f1_lax),
    ] {
        d.set_item(key, value)?;
    }
    Ok(d)
}

/// Decodes file bytes as bitext does: UTF-8 (a BOM dropped) or UTF-16
/// with a BOM; with `encoding` (a label, or "auto" to guess for `lang`),
/// bytes that are not UTF-8 from it. An error names the byte offset and
/// line.
#[pyfunction]
#[pyo3(signature = (bytes, encoding=None, lang=None))]
fn decode(bytes: Vec<u8>, encoding: Option<&str>, lang: Option<&str>) -> PyResult<String> {
    let encoding = encoding
        .map(|label| {
            let encoding: bitext::Encoding = label.parse().map_err(PyValueError::new_err)?;
            Ok::<_, PyErr>(encoding.for_language(lang.unwrap_or("")))
        })
        .transpose()?;
    bitext::decode_text_as(bytes, encoding)
        .map(|(text, _)| text)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _bitext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<WordTable>()?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(running_text, m)?)?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(align_many, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
