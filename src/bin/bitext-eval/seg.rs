//! Segmentation accuracy: exact-match rate, boundary precision/recall/F1,
//! F1 on punctuated boundaries, characters lost; bitext beside UAX #29.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use bitext::{Lang, LineBreaks, Segmenter};
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Deserialize)]
struct Item {
    id: String,
    text: String,
    sentences: Vec<String>,
    #[serde(default)]
    linebreak_mode: Option<String>,
    /// The gold sentences are not substrings of the text (markup removed,
    /// characters dropped): no segmenter that keeps the text can match.
    #[serde(default)]
    gold_rewrites_text: bool,
}

/// Counts for one set and one segmenter.
#[derive(Default, Clone, Copy)]
pub struct Score {
    items: usize,
    exact: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    punct_tp: usize,
    punct_fp: usize,
    punct_fn: usize,
    lost: usize,
    rewritten: usize,
    exact_plain: usize,
}

impl Score {
    fn add(&mut self, gold: &[String], pred: &[String], text: &str, rewritten: bool) {
        self.items += 1;
        self.rewritten += usize::from(rewritten);
        if same_sentences(gold, pred) {
            self.exact += 1;
            self.exact_plain += usize::from(!rewritten);
        }
        let chars: Vec<char> = text.chars().filter(|c| !is_ws(*c)).collect();
        let g = boundaries(gold);
        let p = boundaries(pred);
        self.tp += g.iter().filter(|b| p.contains(b)).count();
        self.fp += p.iter().filter(|b| !g.contains(b)).count();
        self.fn_ += g.iter().filter(|b| !p.contains(b)).count();
        let punct = |b: &usize| after_punctuation(&chars, *b);
        let (gp, pp): (Vec<_>, Vec<_>) = (
            g.iter().filter(|b| punct(b)).collect(),
            p.iter().filter(|b| punct(b)).collect(),
        );
        self.punct_tp += gp.iter().filter(|b| pp.contains(b)).count();
        self.punct_fp += pp.iter().filter(|b| !gp.contains(b)).count();
        self.punct_fn += gp.iter().filter(|b| !pp.contains(b)).count();
        let kept: String = pred.concat().chars().filter(|c| !is_ws(*c)).collect();
        if kept != chars.iter().collect::<String>() {
            self.lost += 1;
        }
    }

    fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.items)
    }

    fn f1(&self) -> f64 {
        f1(self.tp, self.fp, self.fn_)
    }

    fn punct_f1(&self) -> f64 {
        f1(self.punct_tp, self.punct_fp, self.punct_fn)
    }

    fn figure(&self, name: &str) -> Option<f64> {
        Some(match name {
            "exact" => self.exact_rate(),
            "f1" => self.f1(),
            "punct_f1" => self.punct_f1(),
            "lost" => self.lost as f64,
            _ => return None,
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn is_ws(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Exact match, blind to whitespace: `pricing\n.` matches `pricing.`, as
/// boundaries are counted in the text with whitespace removed.
fn same_sentences(gold: &[String], pred: &[String]) -> bool {
    let norm = |v: &[String]| {
        v.iter()
            .map(|s| s.chars().filter(|c| !is_ws(*c)).collect::<String>())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    norm(gold) == norm(pred)
}

/// Boundaries as offsets in the text with whitespace removed (the end of
/// the last sentence is not a boundary).
fn boundaries(sentences: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for s in sentences {
        let n = s.chars().filter(|c| !is_ws(*c)).count();
        if n == 0 {
            continue;
        }
        at += n;
        out.push(at);
    }
    out.pop();
    out
}

/// Whether the char before boundary `b` (closing quotes and brackets
/// skipped) is `. ! ? ؟ …`.
fn after_punctuation(chars: &[char], b: usize) -> bool {
    let mut i = b.min(chars.len());
    while i > 0 && matches!(chars[i - 1], '"' | '\'' | '”' | '’' | '»' | ')' | ']') {
        i -= 1;
    }
    i > 0 && matches!(chars[i - 1], '.' | '!' | '?' | '؟' | '…')
}

/// The scores of every set.
pub struct Report {
    sets: BTreeMap<String, (Score, Score)>,
}

pub fn evaluate(dir: &Path, show_failures: bool) -> Result<Report> {
    let mut sets = BTreeMap::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let lang = if name.starts_with("fa") || name.ends_with("_fa") {
            Lang::Fa
        } else {
            Lang::En
        };
        let mut ours = Score::default();
        let mut uax = Score::default();
        let mut is_seg_set = true;
        for (n, line) in text.lines().enumerate() {
            let Ok(item) = serde_json::from_str::<Item>(line) else {
                if n == 0 {
                    is_seg_set = false;
                    break;
                }
                bail!("{}:{}: not a segmentation item", path.display(), n + 1);
            };
            let pred = segment(&item, lang);
            ours.add(&item.sentences, &pred, &item.text, item.gold_rewrites_text);
            if show_failures && !same_sentences(&item.sentences, &pred) {
                let json = |v: &[String]| serde_json::to_string(v).unwrap_or_default();
                println!(
                    "FAIL {} {:?}\n  gold {}\n  ours {}",
                    item.id,
                    item.text,
                    json(&item.sentences),
                    json(&pred)
                );
            }
            let base: Vec<String> = item
                .text
                .unicode_sentences()
                .map(|s| s.trim().to_string())
                .collect();
            uax.add(&item.sentences, &base, &item.text, item.gold_rewrites_text);
        }
        if is_seg_set {
            sets.insert(name, (ours, uax));
        }
    }
    Ok(Report { sets })
}

/// How each set is read: the line-break convention its items declare, or
/// `Auto` for sets that declare none.
fn segment(item: &Item, lang: Lang) -> Vec<String> {
    let mode = match item.linebreak_mode.as_deref() {
        Some("single_newline_is_paragraph") => LineBreaks::Sentence,
        Some("double_newline_is_paragraph") => LineBreaks::Space,
        _ => LineBreaks::Auto,
    };
    Segmenter::new(lang)
        .with_line_breaks(mode)
        .split(&item.text)
        .into_iter()
        .map(str::to_string)
        .collect()
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| set | items | exact | boundary P | boundary R | F1 | F1 punctuated | chars lost | UAX #29 exact | UAX #29 F1 |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        let mut notes = String::new();
        for (name, (s, u)) in &self.sets {
            if s.rewritten > 0 {
                let _ = writeln!(
                    notes,
                    "\n{name}: {} of {} items have gold that rewrites the text (markup or characters removed); \
                     on the other {}, exact = {}/{} = {:.3}",
                    s.rewritten,
                    s.items,
                    s.items - s.rewritten,
                    s.exact_plain,
                    s.items - s.rewritten,
                    ratio(s.exact_plain, s.items - s.rewritten)
                );
            }
            let _ = writeln!(
                out,
                "| {name} | {} | {}/{} = {:.3} | {:.4} | {:.4} | {:.4} | {:.4} | {} | {:.3} | {:.4} |",
                s.items,
                s.exact,
                s.items,
                s.exact_rate(),
                ratio(s.tp, s.tp + s.fp),
                ratio(s.tp, s.tp + s.fn_),
                s.f1(),
                s.punct_f1(),
                s.lost,
                u.exact_rate(),
                u.f1(),
            );
        }
        out.push_str(&notes);
        out
    }

    /// Compares with the floors (`{"set": {"exact": 0.95, ...}}`; a set
    /// name may join several with `+`); prints each miss.
    pub fn check_floors(&self, path: &Path) -> Result<bool> {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        let floors: BTreeMap<String, BTreeMap<String, f64>> = serde_json::from_str(&text)?;
        let mut ok = true;
        for (sets, figures) in &floors {
            let mut total = Score::default();
            for name in sets.split('+') {
                let Some((s, _)) = self.sets.get(name) else {
                    bail!("floors name a set that is not in the data: {name}");
                };
                total.merge(s);
            }
            for (figure, &floor) in figures {
                let value = total
                    .figure(figure)
                    .with_context(|| format!("unknown figure {figure}"))?;
                let pass = if figure == "lost" {
                    value <= floor
                } else {
                    value >= floor
                };
                if !pass {
                    println!("BELOW FLOOR: {sets} {figure} = {value:.4} (floor {floor})");
                    ok = false;
                }
            }
        }
        if ok {
            println!(
                "all {} floors met",
                floors.values().map(BTreeMap::len).sum::<usize>()
            );
        }
        Ok(ok)
    }
}

impl Score {
    fn merge(&mut self, o: &Score) {
        self.items += o.items;
        self.exact += o.exact;
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.punct_tp += o.punct_tp;
        self.punct_fp += o.punct_fp;
        self.punct_fn += o.punct_fn;
        self.lost += o.lost;
        self.rewritten += o.rewritten;
        self.exact_plain += o.exact_plain;
    }
}
