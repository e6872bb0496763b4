//! The corpus summary: counts per flag and bead type, the length-ratio
//! distribution, duplicates. Built one verdict at a time in bounded memory
//! (the ratios go into a fixed histogram, not a list).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{LengthModel, Verdict};

/// Histogram bins of log2(target/source length): 1/50 wide, ±5.
const BINS: usize = 500;
const BIN_WIDTH: f64 = 0.02;

/// What a corpus looks like, for stderr and `--summary-json`.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Rows judged.
    pub rows: usize,
    /// Rows with at least one flag.
    pub flagged: usize,
    /// Rows with a flag that says the pair is wrong (not only a duplicate
    /// or a long pair).
    pub wrong: usize,
    /// Rows per flag name (`wrong-language:fa`).
    pub flags: BTreeMap<String, usize>,
    /// Rows per bead type (`1-1`), when the corpus says.
    pub bead_types: BTreeMap<String, usize>,
    /// Share of 1-1 beads among the rows with a bead type.
    pub one_to_one: Option<f64>,
    /// Rows that repeat an earlier pair.
    pub duplicates: usize,
    /// Mean quality score.
    pub mean_quality: f64,
    /// The corpus's length model.
    pub model: LengthModel,
    /// Quantiles of target/source length in characters, over rows with both
    /// sides.
    pub length_ratio: RatioQuantiles,
    #[serde(skip)]
    histogram: Vec<u64>,
    #[serde(skip)]
    quality_sum: f64,
}

/// Quantiles of the length ratio (to two decimals).
#[derive(Clone, Debug, Default, Serialize)]
pub struct RatioQuantiles {
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
}

impl Summary {
    /// An empty summary for a corpus checked with `model`.
    pub fn new(model: LengthModel) -> Self {
        Summary {
            rows: 0,
            flagged: 0,
            wrong: 0,
            flags: BTreeMap::new(),
            bead_types: BTreeMap::new(),
            one_to_one: None,
            duplicates: 0,
            mean_quality: 0.0,
            model,
            length_ratio: RatioQuantiles::default(),
            histogram: vec![0; BINS],
            quality_sum: 0.0,
        }
    }

    /// Counts one judged row: its verdict, its lengths in characters and
    /// its bead type if the corpus has one.
    pub fn add(&mut self, verdict: &Verdict, lengths: (f64, f64), bead_type: Option<&str>) {
        self.rows += 1;
        self.quality_sum += verdict.quality;
        if !verdict.flags.is_empty() {
            self.flagged += 1;
        }
        if verdict.has_error() {
            self.wrong += 1;
        }
        for f in &verdict.flags {
            *self.flags.entry(f.name()).or_default() += 1;
            if f.kind == super::FlagKind::Duplicate {
                self.duplicates += 1;
            }
        }
        if let Some(kind) = bead_type.filter(|k| !k.is_empty()) {
            *self.bead_types.entry(kind.to_string()).or_default() += 1;
        }
        let (s, t) = lengths;
        if s > 0.0 && t > 0.0 {
            let bin = ((t / s).log2() / BIN_WIDTH + (BINS / 2) as f64).floor();
            self.histogram[(bin.max(0.0) as usize).min(BINS - 1)] += 1;
        }
    }

    /// Computes the shares and quantiles; call after the last row.
    pub fn finish(&mut self) {
        self.mean_quality = if self.rows == 0 {
            0.0
        } else {
            self.quality_sum / self.rows as f64
        };
        let typed: usize = self.bead_types.values().sum();
        self.one_to_one = (typed > 0)
            .then(|| self.bead_types.get("1-1").copied().unwrap_or(0) as f64 / typed as f64);
        self.length_ratio = RatioQuantiles {
            p5: self.quantile(0.05),
            p25: self.quantile(0.25),
            p50: self.quantile(0.5),
            p75: self.quantile(0.75),
            p95: self.quantile(0.95),
        };
    }

    /// The share of rows with a flag.
    pub fn flagged_share(&self) -> f64 {
        if self.rows == 0 {
            0.0
        } else {
            self.flagged as f64 / self.rows as f64
        }
    }

    /// The ratio below which a share `q` of the pairs fall (bin centre).
    fn quantile(&self, q: f64) -> f64 {
        let total: u64 = self.histogram.iter().sum();
        if total == 0 {
            return 0.0;
        }
        let target = (q * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (bin, count) in self.histogram.iter().enumerate() {
            seen += count;
            if seen >= target {
                let log = (bin as f64 + 0.5 - (BINS / 2) as f64) * BIN_WIDTH;
                return (log.exp2() * 100.0).round() / 100.0;
            }
        }
        0.0
    }

    /// The summary for people (stderr).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let share = |n: usize| 100.0 * n as f64 / self.rows.max(1) as f64;
        let _ = writeln!(
            out,
            "rows: {}; flagged: {} ({:.1}%), of them wrong pairs: {} ({:.1}%); mean quality {:.3}",
            self.rows,
            self.flagged,
            share(self.flagged),
            self.wrong,
            share(self.wrong),
            self.mean_quality
        );
        if !self.bead_types.is_empty() {
            let types: Vec<String> = self
                .bead_types
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            let _ = writeln!(
                out,
                "bead types: {} (1-1: {:.1}%)",
                types.join(", "),
                100.0 * self.one_to_one.unwrap_or(0.0)
            );
        }
        let r = &self.length_ratio;
        let _ = writeln!(
            out,
            "length ratio (target/source chars): p5 {} p25 {} median {} p75 {} p95 {}; model c = {:.3}, s² = {:.2}",
            r.p5, r.p25, r.p50, r.p75, r.p95, self.model.ratio, self.model.variance
        );
        let _ = writeln!(out, "duplicates: {}", self.duplicates);
        for (name, n) in &self.flags {
            let _ = writeln!(out, "  {name:<24} {n:>8}  {:5.1}%", share(*n));
        }
        out
    }
}
