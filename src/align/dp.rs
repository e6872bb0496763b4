//! Dynamic programming over bead shapes inside a band of cells.
//!
//! Memory is linear in the document length: the band holds, for each source
//! position, only the target positions near the path found at a coarser
//! level (Vecalign's coarse-to-fine idea), never an n × m matrix.

use super::cost::{Scorer, SHAPES};

/// For each source position `i` in `0..=n`, the target positions
/// `lo[i]..=hi[i]` the path may visit.
#[derive(Clone, Debug)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Index of cell `(i, lo[i])` in the flat cell arrays.
    start: Vec<usize>,
}

impl Band {
    /// Every cell of an `(n + 1) × (m + 1)` grid.
    pub fn full(n: usize, m: usize) -> Self {
        Band::from_bounds(vec![0; n + 1], vec![m; n + 1])
    }

    /// The cells within `margin` of a coarse path whose cells are `k`
    /// sentences wide. `path` lists the coarse beads as `(shape, i, j)`
    /// with `(i, j)` the coarse cell each bead ends at.
    pub fn around(
        path: &[(usize, usize, usize)],
        k: usize,
        n: usize,
        m: usize,
        margin: usize,
    ) -> Self {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for &(shape, ci, cj) in path {
            let (a, b) = SHAPES[shape];
            let rows = ((ci - a) * k).min(n)..=(ci * k).min(n);
            let (col_lo, col_hi) = (((cj - b) * k).min(m), (cj * k).min(m));
            for r in rows {
                lo[r] = lo[r].min(col_lo.saturating_sub(margin));
                hi[r] = hi[r].max((col_hi + margin).min(m));
            }
        }
        // Make the band monotone and connected: hi never falls, lo never
        // rises going backwards, and the corners are inside.
        lo[0] = 0;
        hi[n] = m;
        for r in 1..=n {
            hi[r] = hi[r].max(hi[r - 1]);
        }
        for r in (0..n).rev() {
            lo[r] = lo[r].min(lo[r + 1]);
        }
        for r in 0..=n {
            lo[r] = lo[r].min(hi[r]);
        }
        Band::from_bounds(lo, hi)
    }

    fn from_bounds(lo: Vec<usize>, hi: Vec<usize>) -> Self {
        let mut start = Vec::with_capacity(lo.len() + 1);
        let mut total = 0;
        for (l, h) in lo.iter().zip(&hi) {
            start.push(total);
            total += h - l + 1;
        }
        start.push(total);
        Band { lo, hi, start }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.start[self.lo.len()]
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.start[i] + j - self.lo[i])
    }
}

/// The cheapest path from `(0, 0)` to `(n, m)` inside `band`, as beads
/// `(shape, i, j)` in document order, each ending at cell `(i, j)`.
pub fn solve(scorer: &Scorer, n: usize, m: usize, band: &Band) -> Vec<(usize, usize, usize)> {
    let mut cost = vec![f64::INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.start[i] + j - band.lo[i];
            let mut best = cost[here];
            let mut best_shape = back[here];
            for (shape, &(a, b)) in SHAPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(prev) = band.index(i - a, j - b) else {
                    continue;
                };
                if !cost[prev].is_finite() || cost[prev] + scorer.lower_bound(shape, i, j) >= best {
                    continue;
                }
                let total = cost[prev] + scorer.cost(shape, i, j);
                if total < best {
                    best = total;
                    best_shape = shape as u8;
                }
            }
            cost[here] = best;
            back[here] = best_shape;
        }
    }
    trace(&back, band, n, m)
}

fn trace(back: &[u8], band: &Band, n: usize, m: usize) -> Vec<(usize, usize, usize)> {
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(index) = band.index(i, j) else {
            break;
        };
        let shape = back[index] as usize;
        let Some(&(a, b)) = SHAPES.get(shape) else {
            break;
        };
        path.push((shape, i, j));
        i -= a;
        j -= b;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_around_a_diagonal_path_is_narrow_and_connected() {
        let path: Vec<_> = (1..=4).map(|c| (0, c, c)).collect();
        let band = Band::around(&path, 10, 40, 40, 3);
        assert!(band.cells() < 41 * 41 / 2);
        assert_eq!(band.index(0, 0), Some(0));
        assert!(band.index(40, 40).is_some());
        assert!(band.index(20, 20).is_some());
        assert!(band.index(0, 40).is_none());
        for i in 1..=40 {
            assert!(band.lo[i] >= band.lo[i - 1] && band.hi[i] >= band.hi[i - 1]);
            assert!(band.lo[i] <= band.hi[i - 1] + 1);
        }
    }

    #[test]
    fn full_band_has_every_cell() {
        assert_eq!(Band::full(3, 4).cells(), 20);
    }
}
