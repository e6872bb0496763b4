//! The corruption benchmark for `bitext check`: take the correct
//! English–Persian pairs of the shared line/verse gold sets, corrupt a known
//! 10% of the rows in documented ways, and measure how well the checker
//! finds them.
//!
//! The corruptions (one kind per corrupted row, kinds in rotation, rows
//! chosen with a fixed seed):
//! - `swap`: two neighbouring rows exchange targets (both rows count);
//! - `drop`: one sentence of a side with two or more is removed;
//! - `add`: the neighbouring row's first sentence (same side) is appended;
//! - `other-language`: the Persian side becomes an Arabic or Urdu news
//!   sentence, or the English side a French, German, Spanish, Italian,
//!   Dutch, Portuguese or Turkish sentence (from `langid/`);
//! - `untranslated`: the Persian side becomes a copy of the English;
//! - `unrelated`: the Persian side becomes the Persian of a row at least 50
//!   rows away (same language, wrong text);
//! - `empty`: one side is emptied;
//! - `number`: one number that both sides share is changed on the Persian
//!   side (its last digit, in the digit script it is written in).
//!
//! A row counts as found when it gets a flag that says the pair is wrong
//! (anything but `duplicate` and `long`, which flag correct pairs too).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use bitext::check::{numbers, numbers_match, CheckConfig, Checker};
use bitext::score::parse_beads;
use bitext::{digit_value, Lang, Segmenter};

use crate::rng::Lcg;

/// The sets: gold pairs a translator made unit by unit.
const SETS: &[&str] = &["ntrex/line", "quran/verse", "bible/verse", "udhr/para"];

const KINDS: &[&str] = &[
    "swap",
    "drop",
    "add",
    "other-language",
    "untranslated",
    "unrelated",
    "empty",
    "number",
];

#[derive(Clone, Debug)]
struct Pair {
    en: String,
    fa: String,
    /// The corruption applied, if any.
    kind: Option<&'static str>,
}

#[derive(Default)]
struct Counts {
    corrupted: usize,
    found: usize,
    clean: usize,
    false_flags: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.corrupted += other.corrupted;
        self.found += other.found;
        self.clean += other.clean;
        self.false_flags += other.false_flags;
    }

    fn precision(&self) -> f64 {
        ratio(self.found, self.found + self.false_flags)
    }
    fn recall(&self) -> f64 {
        ratio(self.found, self.corrupted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub struct Report {
    sets: Vec<(String, Counts)>,
    total: Counts,
    kinds: BTreeMap<&'static str, (usize, usize)>,
    /// (kind, set) → (rows, found): where each kind's misses are.
    kinds_by_set: BTreeMap<(&'static str, usize), (usize, usize)>,
    /// Flags on clean rows: name → count, and an example.
    false_flags: BTreeMap<String, (usize, String)>,
    /// Flag name → (on corrupted rows, on all rows).
    flag_precision: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
    /// Each seed's totals.
    per_seed: Vec<Counts>,
    /// Each set checked as it is (no row corrupted): (rows, rows flagged).
    clean: Vec<(String, usize, usize)>,
    /// The news lines with an English sentence carrying numbers appended
    /// to every tenth row: (rows so corrupted, found, other rows flagged,
    /// other rows).
    numbered: (usize, usize, usize, usize),
}

/// The first seed; seed `k` is `SEED + k`.
const SEED: u64 = 0xc0ffee;

/// Runs the benchmark `seeds` times, each with other rows corrupted, and
/// pools the counts: one sample of 10% corruptions moves precision by a few
/// points (a change anywhere in the segmenter reshuffles which rows are
/// corrupted), so a figure to tune or gate on needs several. Failures are
/// of the first seed; dumps of every seed.
pub fn evaluate(data: &Path, show: bool, dump: Option<&Path>, seeds: u64) -> Result<Report> {
    let others = other_language_lines(&data.join("langid"))?;
    let mut report = Report {
        sets: SETS
            .iter()
            .map(|s| (s.to_string(), Counts::default()))
            .collect(),
        total: Counts::default(),
        kinds: BTreeMap::new(),
        kinds_by_set: BTreeMap::new(),
        false_flags: BTreeMap::new(),
        flag_precision: BTreeMap::new(),
        misses: Vec::new(),
        per_seed: Vec::new(),
        clean: Vec::new(),
        numbered: (0, 0, 0, 0),
    };
    let clean: Vec<Vec<Pair>> = SETS
        .iter()
        .map(|set| read_set(&data.join("enfa").join(set)))
        .collect::<Result<_>>()?;
    // The gold-correct pairs as a user with a good corpus checks them.
    for (set, pairs) in SETS.iter().zip(&clean) {
        let texts: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.en.as_str(), p.fa.as_str()))
            .collect();
        let verdicts = Checker::new(CheckConfig::new("en", "fa")).check_all(&texts);
        let flagged = verdicts.iter().filter(|v| v.has_error()).count();
        report.clean.push((set.to_string(), pairs.len(), flagged));
    }
    report.numbered = numbered_additions(&clean[0]);
    for seed in 0..seeds.max(1) {
        let mut rng = Lcg(SEED + seed);
        let mut this_seed = Counts::default();
        for (k, set) in SETS.iter().enumerate() {
            let mut pairs = clean[k].clone();
            corrupt(&mut pairs, &others, &mut rng);
            if let Some(dir) = dump {
                let path = dir.join(format!("{}.{seed}.csv", set.replace('/', "-")));
                write_set(&path, &pairs, &clean[k])?;
            }
            let counts = report.judge(set, &pairs, show && seed == 0);
            this_seed.add(&counts);
            report.total.add(&counts);
            report.sets[k].1.add(&counts);
        }
        report.per_seed.push(this_seed);
    }
    Ok(report)
}

impl Report {
    /// Checks one corrupted set and counts what was found.
    fn judge(&mut self, set: &str, pairs: &[Pair], show: bool) -> Counts {
        let texts: Vec<(&str, &str)> = pairs
            .iter()
            .map(|p| (p.en.as_str(), p.fa.as_str()))
            .collect();
        let verdicts = Checker::new(CheckConfig::new("en", "fa")).check_all(&texts);
        let mut counts = Counts::default();
        for (pair, verdict) in pairs.iter().zip(&verdicts) {
            let flagged = verdict.has_error();
            for f in verdict.flags.iter().filter(|f| f.kind.is_error()) {
                let entry = self.flag_precision.entry(f.name()).or_default();
                entry.1 += 1;
                entry.0 += usize::from(pair.kind.is_some());
            }
            match pair.kind {
                Some(kind) => {
                    counts.corrupted += 1;
                    counts.found += usize::from(flagged);
                    for entry in [
                        self.kinds.entry(kind).or_default(),
                        self.kinds_by_set.entry((kind, set_index(set))).or_default(),
                    ] {
                        entry.0 += 1;
                        entry.1 += usize::from(flagged);
                    }
                    if !flagged && show {
                        self.misses.push(format!(
                            "{set} {kind}: {} ⟷ {}",
                            clip(&pair.en),
                            clip(&pair.fa)
                        ));
                    }
                }
                None => {
                    counts.clean += 1;
                    counts.false_flags += usize::from(flagged);
                    for f in verdict.flags.iter().filter(|f| f.kind.is_error()) {
                        let entry = self
                            .false_flags
                            .entry(f.name())
                            .or_insert((0, String::new()));
                        entry.0 += 1;
                        if show {
                            self.misses.push(format!(
                                "{set} clean, flagged {} ({}): {} ⟷ {}",
                                f.name(),
                                f.evidence,
                                clip(&pair.en),
                                clip(&pair.fa)
                            ));
                        }
                    }
                }
            }
        }
        counts
    }
}

/// The position of `set` in [`SETS`].
fn set_index(set: &str) -> usize {
    SETS.iter().position(|s| *s == set).unwrap_or(0)
}

/// Writes a corrupted set as CSV, each row with its gold sides beside it.
fn write_set(path: &Path, pairs: &[Pair], gold: &[Pair]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    let mut out = csv::Writer::from_path(path).with_context(|| path.display().to_string())?;
    out.write_record(["en", "fa", "corruption", "gold_en", "gold_fa"])?;
    for (p, g) in pairs.iter().zip(gold) {
        let kind = p.kind.unwrap_or("");
        out.write_record([p.en.as_str(), p.fa.as_str(), kind, &g.en, &g.fa])?;
    }
    out.flush()?;
    Ok(())
}

fn clip(text: &str) -> String {
    let mut s: String = text.chars().take(100).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// The pairs of every document in `dir`, in order: one per gold bead with
/// text on both sides (sentences joined by a space).
fn read_set(dir: &Path) -> Result<Vec<Pair>> {
    let mut golds: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gold"))
        .collect();
    golds.sort();
    let mut pairs = Vec::new();
    for gold in golds {
        let read = |ext: &str| -> Result<Vec<String>> {
            let path = gold.with_extension(ext);
            let text =
                std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
            Ok(text.lines().map(str::to_string).collect())
        };
        let (en, fa) = (read("en")?, read("fa")?);
        let beads = parse_beads(&std::fs::read_to_string(&gold)?)?;
        for (s, t) in beads {
            if s.is_empty() || t.is_empty() {
                continue;
            }
            let join = |lines: &[String], ids: &[usize]| {
                ids.iter()
                    .map(|&i| lines[i].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            pairs.push(Pair {
                en: join(&en, &s),
                fa: join(&fa, &t),
                kind: None,
            });
        }
    }
    Ok(pairs)
}

/// Sentences in other languages: `(fa-side replacements, en-side
/// replacements)`.
fn other_language_lines(langid: &Path) -> Result<(Vec<String>, Vec<String>)> {
    let mut arabic_script = Vec::new();
    let mut latin = Vec::new();
    let news = std::fs::read_to_string(langid.join("ntrex-news-sentences.tsv"))
        .context("langid/ntrex-news-sentences.tsv")?;
    for line in news.lines() {
        if let Some(("ar" | "ur", text)) = line.split_once('\t') {
            arabic_script.push(text.to_string());
        }
    }
    let sentences =
        std::fs::read_to_string(langid.join("sentences.tsv")).context("langid/sentences.tsv")?;
    for line in sentences.lines() {
        if let Some(("fr" | "de" | "es" | "it" | "nl" | "pt" | "tr", text)) = line.split_once('\t')
        {
            latin.push(text.to_string());
        }
    }
    Ok((arabic_script, latin))
}

/// Corrupts 10% of `pairs` in place, kinds in rotation.
fn corrupt(pairs: &mut [Pair], others: &(Vec<String>, Vec<String>), rng: &mut Lcg) {
    let target = pairs.len() / 10;
    let mut done = 0;
    let mut turn = 0;
    let mut attempts = 0;
    // A kind few rows allow (numbers in the Quran) is skipped after this
    // many misses in a row, so the others still get their share.
    let mut misses = 0;
    let en_seg = Segmenter::new(Lang::En).with_quotations_kept(false);
    let fa_seg = Segmenter::new(Lang::Fa).with_quotations_kept(false);
    while done < target && attempts < 100 * pairs.len() {
        attempts += 1;
        let kind = KINDS[turn % KINDS.len()];
        let i = rng.below(pairs.len());
        let free = |j: usize| pairs.get(j).is_some_and(|p| p.kind.is_none());
        if !free(i) || (kind == "swap" && !free(i + 1)) {
            continue;
        }
        misses += 1;
        if misses > 500 {
            misses = 0;
            turn += 1;
            continue;
        }
        let applied = match kind {
            "swap" => {
                let (a, b) = (pairs[i].fa.clone(), pairs[i + 1].fa.clone());
                if a == b {
                    false
                } else {
                    pairs[i].fa = b;
                    pairs[i + 1].fa = a;
                    pairs[i + 1].kind = Some("swap");
                    done += 1;
                    true
                }
            }
            "drop" => {
                let fa_side = rng.below(2) == 1;
                drop_sentence(&mut pairs[i], fa_side, &en_seg, &fa_seg, rng)
                    || drop_sentence(&mut pairs[i], !fa_side, &en_seg, &fa_seg, rng)
            }
            "add" => {
                let j = if i + 1 < pairs.len() { i + 1 } else { i - 1 };
                let fa_side = rng.below(2) == 1;
                let (seg, from) = if fa_side {
                    (&fa_seg, pairs[j].fa.clone())
                } else {
                    (&en_seg, pairs[j].en.clone())
                };
                let first = seg.split(&from).first().map(|s| s.to_string());
                match first {
                    Some(first) => {
                        let side = if fa_side {
                            &mut pairs[i].fa
                        } else {
                            &mut pairs[i].en
                        };
                        side.push(' ');
                        side.push_str(&first);
                        true
                    }
                    None => false,
                }
            }
            "other-language" => {
                if rng.below(2) == 1 {
                    pairs[i].fa = others.0[rng.below(others.0.len())].clone();
                } else {
                    pairs[i].en = others.1[rng.below(others.1.len())].clone();
                }
                true
            }
            "untranslated" => {
                pairs[i].fa = pairs[i].en.clone();
                true
            }
            "unrelated" => {
                let j = (i + 50 + rng.below(pairs.len().saturating_sub(100).max(1))) % pairs.len();
                if i.abs_diff(j) < 50 {
                    false
                } else {
                    pairs[i].fa = pairs[j].fa.clone();
                    true
                }
            }
            "empty" => {
                if rng.below(2) == 1 {
                    pairs[i].fa.clear();
                } else {
                    pairs[i].en.clear();
                }
                true
            }
            "number" => change_number(&mut pairs[i]),
            _ => unreachable!(),
        };
        if applied {
            pairs[i].kind = Some(kind);
            done += 1;
            turn += 1;
            misses = 0;
        }
    }
}

/// The held-out case on the news lines (the first set): every
/// tenth row's English gets the first English sentence with digits of a
/// row at least 50 away appended (the Persian lacks its numbers). Returns
/// (rows so corrupted, found, other rows flagged, other rows).
fn numbered_additions(pairs: &[Pair]) -> (usize, usize, usize, usize) {
    let seg = Segmenter::new(Lang::En).with_quotations_kept(false);
    let with_digits: Vec<(usize, String)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let first = seg
                .split(&p.en)
                .into_iter()
                .find(|s| s.chars().any(|c| c.is_ascii_digit()))?;
            Some((i, first.to_string()))
        })
        .collect();
    if with_digits.is_empty() {
        return (0, 0, 0, 0);
    }
    let mut texts: Vec<(String, String)> =
        pairs.iter().map(|p| (p.en.clone(), p.fa.clone())).collect();
    let mut added = vec![false; pairs.len()];
    let mut k = 0;
    for i in (5..pairs.len()).step_by(10) {
        // The next sentence with digits from a row at least 50 away.
        let Some((_, sentence)) = (0..with_digits.len())
            .map(|d| &with_digits[(k + d) % with_digits.len()])
            .find(|(j, _)| j.abs_diff(i) >= 50)
        else {
            continue;
        };
        k += 1;
        texts[i].0 = format!("{} {sentence}", texts[i].0);
        added[i] = true;
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(e, f)| (e.as_str(), f.as_str()))
        .collect();
    let verdicts = Checker::new(CheckConfig::new("en", "fa")).check_all(&refs);
    let (mut n, mut found, mut false_flags, mut others) = (0, 0, 0, 0);
    for (v, &a) in verdicts.iter().zip(&added) {
        if a {
            n += 1;
            found += usize::from(v.has_error());
        } else {
            others += 1;
            false_flags += usize::from(v.has_error());
        }
    }
    (n, found, false_flags, others)
}

fn drop_sentence(
    pair: &mut Pair,
    fa_side: bool,
    en: &Segmenter,
    fa: &Segmenter,
    rng: &mut Lcg,
) -> bool {
    let (text, seg) = if fa_side {
        (&mut pair.fa, fa)
    } else {
        (&mut pair.en, en)
    };
    let sentences: Vec<String> = seg.split(text).iter().map(|s| s.to_string()).collect();
    if sentences.len() < 2 {
        return false;
    }
    let gone = rng.below(sentences.len());
    *text = sentences
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != gone)
        .map(|(_, s)| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    true
}

/// Changes the last digit of the first Persian-side number that the English
/// side has too.
fn change_number(pair: &mut Pair) -> bool {
    let en = numbers(&pair.en);
    let chars: Vec<char> = pair.fa.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        if digit_value(chars[k]).is_none() {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len()
            && (digit_value(chars[k]).is_some()
                || (matches!(chars[k], ',' | '.' | '٫' | '٬')
                    && chars.get(k + 1).is_some_and(|&c| digit_value(c).is_some())))
        {
            k += 1;
        }
        let number: String = chars[start..k].iter().collect();
        let value = numbers(&number);
        if value.len() == 1 && en.iter().any(|e| numbers_match(e, &value[0])) {
            let last = chars[k - 1];
            let d = u32::from(digit_value(last).unwrap_or(0));
            let zero = last as u32 - d;
            let changed = char::from_u32(zero + (d + 1) % 10).unwrap_or(last);
            let mut new = chars.clone();
            new[k - 1] = changed;
            pair.fa = new.into_iter().collect();
            return true;
        }
    }
    false
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "| set | rows | corrupted | precision | recall |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for (set, c) in &self.sets {
            let _ = writeln!(
                out,
                "| {set} | {} | {} | {:.3} | {:.3} |",
                c.clean + c.corrupted,
                c.corrupted,
                c.precision(),
                c.recall()
            );
        }
        let t = &self.total;
        let _ = writeln!(
            out,
            "| **all** | {} | {} | **{:.3}** | **{:.3}** |\n",
            t.clean + t.corrupted,
            t.corrupted,
            t.precision(),
            t.recall()
        );
        let range = |f: fn(&Counts) -> f64| {
            let values = self.per_seed.iter().map(f);
            let lo = values.clone().fold(f64::INFINITY, f64::min);
            let hi = values.fold(f64::NEG_INFINITY, f64::max);
            format!("{lo:.3}–{hi:.3}")
        };
        let _ = writeln!(
            out,
            "{} seeds pooled (rows count once per seed); one seed alone: precision {}, recall {}\n",
            self.per_seed.len(),
            range(Counts::precision),
            range(Counts::recall)
        );
        let _ = writeln!(
            out,
            "| gold-correct set, checked as it is | rows | flagged | share |\n|---|---|---|---|"
        );
        for (set, rows, flagged) in &self.clean {
            let _ = writeln!(
                out,
                "| {set} | {rows} | {flagged} | {:.4} |",
                ratio(*flagged, *rows)
            );
        }
        let (rows, flagged) = self.clean_totals();
        let _ = writeln!(
            out,
            "| **all** | {rows} | {flagged} | **{:.4}** |\n",
            ratio(flagged, rows)
        );
        let (n, found, false_flags, others) = self.numbered;
        let _ = writeln!(
            out,
            "ntrex/line, an English sentence with numbers from a row ≥ 50 away appended to every tenth row: found {found}/{n} = {:.3}; other rows flagged {false_flags}/{others} = {:.4}\n",
            ratio(found, n),
            ratio(false_flags, others)
        );
        let _ = write!(out, "| corruption | rows | found | recall |");
        for set in SETS {
            let _ = write!(out, " {set} |");
        }
        let _ = writeln!(out, "\n|---|---|---|---|{}", "---|".repeat(SETS.len()));
        for (kind, (n, found)) in &self.kinds {
            let _ = write!(out, "| {kind} | {n} | {found} | {:.3} |", ratio(*found, *n));
            for k in 0..SETS.len() {
                let _ = match self.kinds_by_set.get(&(*kind, k)) {
                    Some((n, found)) => write!(out, " {found}/{n} |"),
                    None => write!(out, " – |"),
                };
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(
            out,
            "\n| flag | rows flagged | of them corrupted | precision |\n|---|---|---|---|"
        );
        for (flag, (bad, all)) in &self.flag_precision {
            let _ = writeln!(out, "| {flag} | {all} | {bad} | {:.3} |", ratio(*bad, *all));
        }
        for miss in &self.misses {
            let _ = writeln!(out, "{miss}");
        }
        out
    }

    pub fn figures(&self) -> BTreeMap<String, f64> {
        let mut figures = BTreeMap::new();
        figures.insert("precision".to_string(), self.total.precision());
        figures.insert("recall".to_string(), self.total.recall());
        for (kind, (n, found)) in &self.kinds {
            figures.insert(format!("recall.{kind}"), ratio(*found, *n));
        }
        let (rows, flagged) = self.clean_totals();
        figures.insert("clean-unflagged".to_string(), 1.0 - ratio(flagged, rows));
        let (n, found, _, _) = self.numbered;
        figures.insert("recall.numbered-addition".to_string(), ratio(found, n));
        figures
    }

    /// Rows and flagged rows of the gold-correct sets checked as they are.
    fn clean_totals(&self) -> (usize, usize) {
        self.clean
            .iter()
            .fold((0, 0), |(r, f), (_, rows, flagged)| (r + rows, f + flagged))
    }
}
