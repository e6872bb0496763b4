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

/// How a corpus's length z-scores spread: a Student t of `nu` degrees of
/// freedom and scale `scale`, learned from the corpus by likelihood (see
/// [`Spread::learn`]). Real length ratios have heavier tails than Gale and
/// Church's normal (under it a free translation gains 10–20 nats by losing
/// any sentence), and the robust variance of [`LengthModel::fit`] need
/// not be the bulk's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    nu: f64,
    scale: f64,
}

impl Default for Spread {
    /// Three degrees of freedom at unit scale, for a corpus too small to
    /// learn from.
    fn default() -> Self {
        Spread {
            nu: 3.0,
            scale: 1.0,
        }
    }
}

/// The degrees of freedom tried by [`Spread::learn`].
const SPREAD_NU: [f64; 10] = [1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 15.0, 30.0];

impl Spread {
    /// The spread among `SPREAD_NU` and scales 0.5 to 1.5 (steps of 0.05)
    /// under which `zs` are likeliest; the default for fewer than
    /// `MIN_FIT_PAIRS` of them.
    pub fn learn(zs: &[f64]) -> Self {
        if zs.len() < MIN_FIT_PAIRS {
            return Spread::default();
        }
        let mut best = (f64::NEG_INFINITY, Spread::default());
        for nu in SPREAD_NU {
            for step in 0..=20 {
                let spread = Spread {
                    nu,
                    scale: 0.5 + 0.05 * f64::from(step),
                };
                let constant = ln_gamma((nu + 1.0) / 2.0)
                    - ln_gamma(nu / 2.0)
                    - 0.5 * (nu * std::f64::consts::PI).ln()
                    - spread.scale.ln();
                let likelihood: f64 = zs.iter().map(|&z| constant + spread.log_density(z)).sum();
                if likelihood > best.0 {
                    best = (likelihood, spread);
                }
            }
        }
        best.1
    }

    /// The log density of `z`, up to a constant.
    pub fn log_density(&self, z: f64) -> f64 {
        let z = z / self.scale;
        -(self.nu + 1.0) / 2.0 * (z * z / self.nu).ln_1p()
    }
}

/// ln Γ(x) for x > 0: the recurrence up to x ≥ 7, then Stirling's series
/// (error below 1e-10; std's is unstable).
fn ln_gamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 7.0 {
        shift -= x.ln();
        x += 1.0;
    }
    let inverse = x.recip();
    let square = inverse * inverse;
    let series =
        inverse * (1.0 / 12.0 - square * (1.0 / 360.0 - square * (1.0 / 1260.0 - square / 1680.0)));
    shift + (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + series
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

    #[test]
    fn ln_gamma_is_right() {
        // Γ(1/2) = √π, Γ(5) = 24, Γ(1) = 1.
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-9);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-9);
        assert!(ln_gamma(1.0).abs() < 1e-9);
    }

    #[test]
    fn the_spread_of_z_is_learned_from_the_corpus() {
        // A unit normal's z (drawn by the inverse CDF at even quantiles)
        // is likeliest with many degrees of freedom at scale 1; the same
        // with a tenth of the pairs far out, with few.
        let normal: Vec<f64> = (1..1000)
            .map(|k| {
                let p = f64::from(k) / 1000.0;
                // Acklam-free: the logistic approximation of the normal
                // quantile is close enough for a test of the tails' shape.
                (p / (1.0 - p)).ln() / 1.702
            })
            .collect();
        let spread = Spread::learn(&normal);
        assert!(
            spread.nu >= 10.0 && (spread.scale - 1.0).abs() <= 0.15,
            "{spread:?}"
        );
        let mut messy = normal.clone();
        for z in messy.iter_mut().step_by(10) {
            *z *= 8.0;
        }
        let spread = Spread::learn(&messy);
        assert!(spread.nu <= 4.0, "{spread:?}");
        assert_eq!(Spread::learn(&normal[..5]), Spread::default());
    }
}
