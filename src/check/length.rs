//! The Gale–Church length model of a corpus: a target sentence of a source
//! sentence of `l` characters has about `c·l` characters, with variance
//! `s²·l`. Both are estimated from the corpus being checked, robustly, so
//! the bad pairs being looked for do not hide themselves by widening it.

use serde::Serialize;

/// `c` and `s²` of one corpus.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LengthModel {
    /// Target characters per source character (the median ratio).
    pub ratio: f64,
    /// Variance per source character.
    pub variance: f64,
}

impl Default for LengthModel {
    /// Gale and Church's values (c = 1, s² = 6.8), for a corpus too small
    /// to estimate from.
    fn default() -> Self {
        LengthModel {
            ratio: 1.0,
            variance: 6.8,
        }
    }
}

/// Pairs shorter than this (source characters) say little about the ratio.
const MIN_FIT_LENGTH: f64 = 10.0;
/// Fewer usable pairs than this: keep the defaults.
const MIN_FIT_PAIRS: usize = 20;

impl LengthModel {
    /// Estimates the model from `(source, target)` lengths in characters.
    ///
    /// `c` is the median of the ratios; `s²` comes from the median absolute
    /// deviation of the residuals `(t − c·s)/√s`, scaled to a standard
    /// deviation (× 1.4826), so up to half of the pairs can be wrong
    /// without moving either estimate much.
    pub fn fit(lengths: &[(f64, f64)]) -> Self {
        let usable: Vec<(f64, f64)> = lengths
            .iter()
            .copied()
            .filter(|&(s, t)| s >= MIN_FIT_LENGTH && t > 0.0)
            .collect();
        if usable.len() < MIN_FIT_PAIRS {
            return LengthModel::default();
        }
        let ratio = median(usable.iter().map(|&(s, t)| t / s).collect());
        let residuals = usable
            .iter()
            .map(|&(s, t)| ((t - ratio * s) / s.sqrt()).abs())
            .collect();
        let sd = 1.4826 * median(residuals);
        LengthModel {
            ratio,
            variance: (sd * sd).max(0.5),
        }
    }

    /// The z-score of a pair: how many standard deviations the target
    /// length is from what the source length predicts. Lengths are averaged
    /// into the variance as Gale and Church did, so a long target with a
    /// short source is as unlikely as the reverse.
    pub fn z(&self, src: f64, tgt: f64) -> f64 {
        let scale = ((src + tgt / self.ratio) / 2.0).max(1.0);
        (tgt - self.ratio * src) / (self.variance * scale).sqrt()
    }
}

/// The median of `values` (0 for none).
fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_ratio_and_spread_despite_outliers() {
        let mut lengths: Vec<(f64, f64)> = (0..200)
            .map(|i| {
                let s = 20.0 + f64::from(i % 50);
                let noise = if i % 2 == 0 { 3.0 } else { -3.0 };
                (s, 1.2 * s + noise)
            })
            .collect();
        lengths.extend((0..40).map(|_| (30.0, 300.0)));
        let model = LengthModel::fit(&lengths);
        assert!((model.ratio - 1.2).abs() < 0.1, "{model:?}");
        assert!(model.z(30.0, 300.0) > 10.0);
        assert!(model.z(40.0, 48.0).abs() < 1.0);
    }

    #[test]
    fn too_few_pairs_keep_gale_and_church() {
        assert_eq!(LengthModel::fit(&[(30.0, 40.0)]), LengthModel::default());
    }
}
