//! Dynamic programming over bead shapes inside a band of cells.
//!
//! Memory is linear in the document length: the band holds, for each source
//! position, only the target positions near the path found at a coarser
//! level (Vecalign's coarse-to-fine idea), never an n × m matrix.

use super::cost::{Scorer, Spans, MOST_PER_SIDE, SHAPES};

/// For each source position `i` in `first..=n`, the target positions
/// `lo[i - first]..=hi[i - first]` the path may visit.
#[derive(Clone, Debug)]
pub struct Band {
    /// The first row (0 except for a [`Band::window`]).
    first: usize,
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
        Band::monotone(lo, hi, m)
    }

    /// The cells within `margin` of the rectangles between consecutive
    /// `points` (cells `(i, j)` in order in both, from `(0, 0)` to
    /// `(n, m)`): where two points lie far apart in one direction only
    /// (a passage one side lacks), a narrow strip.
    pub fn through(points: &[(usize, usize)], n: usize, m: usize, margin: usize) -> Self {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for pair in points.windows(2) {
            let ((i1, j1), (i2, j2)) = (pair[0], pair[1]);
            let rows = i1.saturating_sub(margin)..=(i2 + margin).min(n);
            for r in rows {
                lo[r] = lo[r].min(j1.saturating_sub(margin));
                hi[r] = hi[r].max((j2 + margin).min(m));
            }
        }
        Band::monotone(lo, hi, m)
    }

    /// Makes bounds monotone and connected: hi never falls, lo never rises
    /// going backwards, and the corners are inside.
    fn monotone(mut lo: Vec<usize>, mut hi: Vec<usize>, m: usize) -> Self {
        let n = lo.len() - 1;
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

    /// Where `path` (fine beads `(shape, i, j)`) comes within `slack`
    /// sentences of an edge of the band that is not the grid's edge: the
    /// rows, and whether it is the upper edge. The best path may lie
    /// outside the band there.
    pub fn touching_rows(
        &self,
        path: &[(usize, usize, usize)],
        slack: usize,
    ) -> Vec<(usize, bool)> {
        let m = *self.hi.last().unwrap_or(&0);
        path.iter()
            .filter_map(|&(_, i, j)| {
                if self.hi[i] < m && j + slack > self.hi[i] {
                    Some((i, true))
                } else if self.lo[i] > 0 && j < self.lo[i] + slack {
                    Some((i, false))
                } else {
                    None
                }
            })
            .collect()
    }

    /// A band for repairing `path` where it ran along this band's edge:
    /// a corridor of `pin` columns around `path`, widened by `margin`
    /// columns on the touched side in the rows within `reach` of each of
    /// `rows` (from [`Band::touching_rows`], in path order); elsewhere the
    /// path held. Solving it costs about the widened area, not the
    /// document's.
    pub fn repair(
        &self,
        path: &[(usize, usize, usize)],
        rows: &[(usize, bool)],
        reach: usize,
        margin: usize,
        pin: usize,
    ) -> Self {
        let n = self.lo.len() - 1;
        let m = self.hi[n];
        let corridor = Band::around(path, 1, n, m, pin);
        let (mut lo, mut hi) = (corridor.lo, corridor.hi);
        // 1: widen below, 2: above (rows touched on both sides get both).
        // Rows come in path order, so each side's flags are set once per
        // row however many touching rows reach it.
        let mut widen = vec![0u8; n + 1];
        let mut done = [0usize; 2];
        for &(row, upper) in rows {
            let (side, bit) = if upper { (1, 2) } else { (0, 1) };
            let (from, to) = (
                row.saturating_sub(reach).max(done[side]),
                (row + reach).min(n) + 1,
            );
            for flag in widen.get_mut(from..to).unwrap_or_default() {
                *flag |= bit;
            }
            done[side] = done[side].max(to);
        }
        for r in 0..=n {
            if widen[r] & 1 != 0 {
                lo[r] = lo[r].saturating_sub(margin);
            }
            if widen[r] & 2 != 0 {
                hi[r] = (hi[r] + margin).min(m);
            }
        }
        Band::monotone(lo, hi, m)
    }

    fn from_bounds(lo: Vec<usize>, hi: Vec<usize>) -> Self {
        let mut start = Vec::with_capacity(lo.len() + 1);
        let mut total = 0;
        for (l, h) in lo.iter().zip(&hi) {
            start.push(total);
            total += h - l + 1;
        }
        start.push(total);
        Band {
            first: 0,
            lo,
            hi,
            start,
        }
    }

    /// The part of the band between cells `from` and `to` (both inside
    /// it): rows `from.0..=to.0`, columns `from.1..=to.1`.
    fn window(&self, from: (usize, usize), to: (usize, usize)) -> Self {
        let rows = from.0 - self.first..=to.0 - self.first;
        let lo = self.lo[rows.clone()].iter().map(|&l| l.max(from.1));
        let hi = self.hi[rows].iter().map(|&h| h.min(to.1));
        Band {
            first: from.0,
            ..Band::from_bounds(lo.collect(), hi.collect())
        }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.start[self.lo.len()]
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let r = i.checked_sub(self.first)?;
        (r < self.lo.len() && j >= self.lo[r] && j <= self.hi[r])
            .then(|| self.start[r] + j - self.lo[r])
    }
}

/// The cheapest path from `(0, 0)` to `(n, m)` inside `band`, as beads
/// `(shape, i, j)` in document order, each ending at cell `(i, j)`.
pub fn solve(scorer: &Scorer, n: usize, m: usize, band: &Band) -> Vec<(usize, usize, usize)> {
    solve_between(scorer, &scorer.spans(), band, (0, 0), (n, m))
}

/// Bits of a cell's back pointer above its shape: the cheapest way into
/// the cell that ends with a source (`RUN_SRC`) or target (`RUN_TGT`)
/// sentence left alone continues a run of them rather than opening one;
/// `LONG_SRC` and `LONG_TGT` the same for long runs.
const RUN_SRC: u8 = 0x40;
/// See [`RUN_SRC`].
const RUN_TGT: u8 = 0x20;
/// See [`RUN_SRC`].
const LONG_SRC: u8 = 0x80;
/// See [`RUN_SRC`].
const LONG_TGT: u8 = 0x10;
/// The shape bits of a back pointer (`0x0f` itself: no way in). Codes past
/// the shapes: a source or target sentence left alone by a long run.
const SHAPE_BITS: u8 = 0x0f;
const _: () = assert!(
    SHAPES.len() + 2 <= SHAPE_BITS as usize,
    "shape codes overflow"
);
const LONG_SRC_SHAPE: u8 = SHAPES.len() as u8;
const LONG_TGT_SHAPE: u8 = SHAPES.len() as u8 + 1;

/// The cheapest path from cell `from` to cell `to` inside `band`, as beads
/// ending after `from`, the last at `to`.
///
/// Sentences left alone come in runs (a paragraph missing from a
/// translation): a run costs the null bead's prior for its first sentence
/// and [`Scorer::null_run`] for each further one, Gotoh's affine gaps;
/// with a long piece ([`Scorer::long_run`]) the cheaper of two such costs.
/// The cheapest way into each cell that ends in such a run is kept for the
/// previous row (source runs step down a column) and the previous cell
/// (target runs step along a row), so the extra memory is one row.
fn solve_between(
    scorer: &Scorer,
    (src_spans, tgt_spans): &(Spans, Spans),
    band: &Band,
    from: (usize, usize),
    to: (usize, usize),
) -> Vec<(usize, usize, usize)> {
    let band = band.window(from, to);
    let mut cost = vec![f64::INFINITY; band.cells()];
    let mut back = vec![SHAPE_BITS; band.cells()];
    let pieces = Pieces::of(scorer);
    // Cheapest ways into the previous and the current row's cells that
    // end in a source run (short, long), by column from the row's `lo`.
    let (mut src_run_above, mut src_run) = (Vec::new(), Vec::new());
    cost[0] = 0.0;
    for (r, i) in (from.0..=to.0).enumerate() {
        let src = src_spans.ending_at(i);
        // Rows r back to r - MOST_PER_SIDE of the window as (lo, hi,
        // start), read once per row instead of once per cell and shape.
        let rows: [Option<(usize, usize, usize)>; MOST_PER_SIDE + 1] = std::array::from_fn(|a| {
            r.checked_sub(a)
                .map(|p| (band.lo[p], band.hi[p], band.start[p]))
        });
        std::mem::swap(&mut src_run_above, &mut src_run);
        src_run.clear();
        let mut tgt_run = NO_RUN;
        for j in band.lo[r]..=band.hi[r] {
            let tgt = tgt_spans.ending_at(j);
            let here = band.start[r] + j - band.lo[r];
            let mut best = cost[here];
            let mut best_shape = back[here];
            let mut runs = 0;
            let (mut src_run_here, mut tgt_run_here) = (NO_RUN, NO_RUN);
            for (shape, &(a, b)) in SHAPES.iter().enumerate() {
                let Some((lo, hi, start)) = rows[a] else {
                    continue;
                };
                let Some(pj) = j.checked_sub(b).filter(|pj| (lo..=hi).contains(pj)) else {
                    continue;
                };
                let base = cost[start + pj - lo];
                if !base.is_finite() {
                    continue;
                }
                let bead = scorer.span_cost(shape, (i, j), (&src[a], &tgt[b]), base, best);
                let mut code = shape as u8;
                let total = match (a, b) {
                    (1, 0) => {
                        let above = src_run_above.get(pj - lo).copied().unwrap_or(NO_RUN);
                        let extra = scorer.alone_cost(&src[1], &tgt[0]);
                        let step = pieces.step(base + bead, above, extra, (RUN_SRC, LONG_SRC));
                        (src_run_here, runs) = (step.costs, runs | step.bits);
                        if step.long {
                            code = LONG_SRC_SHAPE;
                        }
                        step.cost()
                    }
                    (0, 1) => {
                        // `tgt_run` is the previous cell's, column `pj`.
                        let extra = scorer.alone_cost(&src[0], &tgt[1]);
                        let step = pieces.step(base + bead, tgt_run, extra, (RUN_TGT, LONG_TGT));
                        (tgt_run_here, runs) = (step.costs, runs | step.bits);
                        if step.long {
                            code = LONG_TGT_SHAPE;
                        }
                        step.cost()
                    }
                    _ => base + bead,
                };
                if total < best {
                    best = total;
                    best_shape = code;
                }
            }
            src_run.push(src_run_here);
            tgt_run = tgt_run_here;
            cost[here] = best;
            back[here] = best_shape | runs;
        }
    }
    trace(&back, &band, from, to)
}

/// No way in that ends in a short or a long run.
const NO_RUN: (f64, f64) = (f64::INFINITY, f64::INFINITY);

/// The two pieces of a run's cost: (what opening adds, what each further
/// sentence costs), short and long.
struct Pieces {
    short: (f64, f64),
    long: (f64, f64),
}

/// A bead that leaves a sentence alone, as both pieces see it.
struct RunStep {
    /// The cheapest ways in that end in a short and in a long run.
    costs: (f64, f64),
    /// The continue bits of the pieces whose run continues.
    bits: u8,
    /// Whether the long run is the cheaper.
    long: bool,
}

impl RunStep {
    fn cost(&self) -> f64 {
        self.costs.0.min(self.costs.1)
    }
}

impl Pieces {
    fn of(scorer: &Scorer) -> Self {
        Pieces {
            short: (0.0, scorer.null_run()),
            long: scorer.long_run(),
        }
    }

    /// For each piece, the cheaper of opening a run with the bead
    /// (`opened` plus the piece's opening cost) and continuing the run
    /// that ends before it (`before`, plus the piece's cost per sentence
    /// and `extra`, what the sentence costs besides its prior: its words),
    /// with the piece's bit of `bits` where it continues.
    fn step(&self, opened: f64, before: (f64, f64), extra: f64, bits: (u8, u8)) -> RunStep {
        let piece = |(open, extend): (f64, f64), before: f64, bit: u8| {
            let continued = before + extend + extra;
            if continued < opened + open {
                (continued, bit)
            } else {
                (opened + open, 0)
            }
        };
        let (short, short_bit) = piece(self.short, before.0, bits.0);
        let (long, long_bit) = piece(self.long, before.1, bits.1);
        RunStep {
            costs: (short, long),
            bits: short_bit | long_bit,
            long: long < short,
        }
    }
}

fn trace(
    back: &[u8],
    band: &Band,
    from: (usize, usize),
    to: (usize, usize),
) -> Vec<(usize, usize, usize)> {
    let mut path = Vec::new();
    let (mut i, mut j) = to;
    // Inside a run of sentences left alone: the back-pointer code of its
    // beads.
    let mut in_run: Option<u8> = None;
    while (i, j) != from {
        let Some(index) = band.index(i, j) else {
            break;
        };
        let code = in_run.unwrap_or(back[index] & SHAPE_BITS);
        let (shape, continue_bit) = match code {
            LONG_SRC_SHAPE => (1, LONG_SRC),
            LONG_TGT_SHAPE => (2, LONG_TGT),
            c => {
                let shape = c as usize;
                let bit = match SHAPES.get(shape) {
                    Some((1, 0)) => RUN_SRC,
                    Some((0, 1)) => RUN_TGT,
                    _ => 0,
                };
                (shape, bit)
            }
        };
        let Some(&(a, b)) = SHAPES.get(shape) else {
            break;
        };
        in_run = (back[index] & continue_bit != 0).then_some(code);
        path.push((shape, i, j));
        i -= a;
        j -= b;
    }
    path.reverse();
    path
}

/// Times the band is repaired where the path runs along its edge.
const REPAIRS: usize = 8;
/// Rows on each side of a row where the path touches the edge that are
/// widened with it: where a coarse path strays, it strays for hundreds of
/// rows (a Quran stretch of the joined shared sets: about 2,700 rows, up
/// to 130 sentences off), and the edge is touched at a few of them only.
const REACH: usize = 768;
/// Columns on each side of the path kept where it did not touch the edge.
const PIN: usize = 4;
/// How close to the band's edge counts as running along it.
const EDGE: usize = 2;
/// Rows beyond a widened stretch solved again with it, where the path
/// may settle back within the corridor; farther rows keep their path.
const SETTLE: usize = 64;

/// [`solve`] inside `band` (built with `margin` around a coarse path),
/// then, where the path runs along the band's edge — the coarse path
/// strayed, as it does where the length ratio changes along a document
/// (documents or translators joined) — solves that stretch again with the
/// band widened there, each time twice as wide. Only the stretches around
/// the widened rows are solved again; the path elsewhere stays, so
/// documents that do not need a repair never pay for one.
///
/// The path is held through `pins` (grid points, in order, each between
/// two beads): the band is solved between neighbouring pins only, a 1-1
/// bead between adjacent pins is taken as it is, and a repair solves no
/// further than the pins around the row it mends.
pub fn solve_repairing(
    scorer: &Scorer,
    n: usize,
    m: usize,
    mut band: Band,
    mut margin: usize,
    pins: &[(usize, usize)],
) -> Vec<(usize, usize, usize)> {
    let spans = scorer.spans();
    // A pin outside the band cannot be reached: it is not held.
    let pins: Vec<(usize, usize)> = pins
        .iter()
        .copied()
        .filter(|&(i, j)| band.index(i, j).is_some())
        .collect();
    let pins = &pins[..];
    let mut path = solve_pinned(scorer, &spans, &band, pins, (n, m));
    for _ in 0..REPAIRS {
        let rows = band.touching_rows(&path, EDGE);
        if rows.is_empty() {
            break;
        }
        margin *= 2;
        band = band.repair(&path, &rows, REACH, margin, PIN);
        for (first, last) in stretches(&rows, pins, REACH + SETTLE, n) {
            path = resolve(scorer, &spans, &band, path, first, last);
        }
    }
    path
}

/// The path from (0, 0) to `end` inside `band` through `pins`.
fn solve_pinned(
    scorer: &Scorer,
    spans: &(Spans, Spans),
    band: &Band,
    pins: &[(usize, usize)],
    end: (usize, usize),
) -> Vec<(usize, usize, usize)> {
    let mut path = Vec::new();
    let mut from = (0, 0);
    for &to in pins.iter().chain([&end]) {
        if to == (from.0 + 1, from.1 + 1) {
            path.push((ONE_TO_ONE, to.0, to.1));
        } else if to != from {
            path.extend(solve_between(scorer, spans, band, from, to));
        }
        from = to;
    }
    path
}

/// The index of the 1-1 shape in [`SHAPES`].
const ONE_TO_ONE: usize = 0;
const _: () = assert!(SHAPES[ONE_TO_ONE].0 == 1 && SHAPES[ONE_TO_ONE].1 == 1);

/// `path` solved again around each run of at least `min_run` sentences it
/// leaves alone: in a window reaching as many rows and columns beyond the
/// run as the run is long (at most `reach`), whole; again from the new
/// path, up to `rounds` times, while it changes. The coarse levels
/// price sentences by blocks, and where a translation lacks a long passage
/// they can start the run hundreds of sentences early and pair what is
/// left wrongly, or split it in pieces; the fine path, held near, cannot
/// come back. A window only adds cells to the band around `path`, so each
/// round's path costs no more than the last. Windows that overlap are
/// solved as one; one over `guide_above` cells only where the band
/// `guide` makes (once, when first needed) allows, if that is fewer
/// cells (and whole if not, up to [`WINDOW_CELLS`]): a run of thousands
/// of sentences (a translation lacking 40% of a document) makes a window
/// of millions of cells, and the chain of anchors found as often on each
/// side tells which of them the path can take.
pub fn widen_runs(
    scorer: &Scorer,
    mut path: Vec<(usize, usize, usize)>,
    (n, m): (usize, usize),
    (min_run, reach): (usize, usize),
    rounds: usize,
    (guide, guide_above): (&dyn Fn() -> Band, usize),
) -> Vec<(usize, usize, usize)> {
    let mut guided: Option<Band> = None;
    let cells = |window: &Window, guide: Option<&Band>| -> usize {
        let ((r0, r1), (c0, c1)) = *window;
        (r0..=r1)
            .map(|r| match guide {
                Some(g) => (c1.min(g.hi[r]) + 1).saturating_sub(c0.max(g.lo[r])),
                None => c1 - c0 + 1,
            })
            .sum()
    };
    // The windows solved last round: a window inside one of them holds
    // no cell the path was not just chosen among (but the few of the
    // corridor around its new course), and is not solved again to
    // confirm it (that round cost a document lacking half its
    // translation a third of its time).
    let mut solved: Vec<Window> = Vec::new();
    for _ in 0..rounds {
        let mut all = run_windows(&path, (n, m), min_run, reach);
        all.retain(|w| !solved.iter().any(|s| inside(w, s)));
        let whole: Vec<usize> = all.iter().map(|w| cells(w, None)).collect();
        if guided.is_none() && whole.iter().any(|&c| c > guide_above) {
            guided = Some(guide());
        }
        let windows: Vec<(Window, Option<&Band>)> = all
            .into_iter()
            .zip(whole)
            .filter_map(|(w, whole)| {
                let g = guided.as_ref().filter(|_| whole > guide_above);
                let through = g.map(|g| cells(&w, Some(g)));
                guided_or_whole(whole, through).map(|use_guide| (w, g.filter(|_| use_guide)))
            })
            .collect();
        if windows.is_empty() {
            break;
        }
        let widened = solve_windows(scorer, &path, &windows, (n, m));
        if widened == path {
            break;
        }
        solved = windows.iter().map(|&(w, _)| w).collect();
        path = widened;
    }
    path
}

/// Rows (first, last) and columns (first, last) of a grid.
type Window = ((usize, usize), (usize, usize));

/// Whether a window of `whole` cells, `through` of them in the band
/// through the anchors when that was asked for, is solved in the band
/// (`Some(true)`), whole (`Some(false)`), or not at all: in the band if
/// that is fewer cells and few enough, else whole if that is.
fn guided_or_whole(whole: usize, through: Option<usize>) -> Option<bool> {
    match through {
        Some(cells) if cells < whole && cells <= WINDOW_CELLS => Some(true),
        _ => (whole <= WINDOW_CELLS).then_some(false),
    }
}

/// Whether window `a` lies inside window `b`.
fn inside(((ar0, ar1), (ac0, ac1)): &Window, ((br0, br1), (bc0, bc1)): &Window) -> bool {
    br0 <= ar0 && ar1 <= br1 && bc0 <= ac0 && ac1 <= bc1
}

/// `path` solved again inside each of `windows` (in order, apart; each
/// only where its guide band, if it has one, allows), within a corridor
/// around it elsewhere.
fn solve_windows(
    scorer: &Scorer,
    path: &[(usize, usize, usize)],
    windows: &[(Window, Option<&Band>)],
    (n, m): (usize, usize),
) -> Vec<(usize, usize, usize)> {
    let corridor = Band::around(path, 1, n, m, PIN);
    let (mut lo, mut hi) = (corridor.lo, corridor.hi);
    for &(((r0, r1), (c0, c1)), guide) in windows {
        for r in r0..=r1 {
            let (wlo, whi) = match guide {
                Some(g) => (c0.max(g.lo[r]), c1.min(g.hi[r])),
                None => (c0, c1),
            };
            if wlo <= whi {
                lo[r] = lo[r].min(wlo);
                hi[r] = hi[r].max(whi);
            }
        }
    }
    let band = Band::monotone(lo, hi, m);
    let spans = scorer.spans();
    let mut path = path.to_vec();
    for &(((r0, r1), _), _) in windows.iter().rev() {
        path = resolve(scorer, &spans, &band, path, r0, r1);
    }
    path
}

/// The windows (rows, columns) around the runs of `path` that leave
/// `min_run` sentences or more alone, merged where they overlap.
fn run_windows(
    path: &[(usize, usize, usize)],
    (n, m): (usize, usize),
    min_run: usize,
    reach: usize,
) -> Vec<Window> {
    let alone = |step: &(usize, usize, usize)| {
        let (a, b) = SHAPES[step.0];
        a == 0 || b == 0
    };
    let mut out: Vec<Window> = Vec::new();
    let mut k = 0;
    while k < path.len() {
        if !alone(&path[k]) {
            k += 1;
            continue;
        }
        let first = k;
        while k < path.len() && alone(&path[k]) {
            k += 1;
        }
        let run = k - first;
        if run < min_run {
            continue;
        }
        // The cell before the run's first bead and the run's last cell.
        let (_, i_end, j_end) = path[k - 1];
        let (a, b) = SHAPES[path[first].0];
        let (i_start, j_start) = (path[first].1 - a, path[first].2 - b);
        let w = run.min(reach);
        let rows = (i_start.saturating_sub(w), (i_end + w).min(n));
        let cols = (j_start.saturating_sub(w), (j_end + w).min(m));
        match out.last_mut() {
            Some((r, c)) if rows.0 <= r.1 => {
                r.1 = r.1.max(rows.1);
                c.0 = c.0.min(cols.0);
                c.1 = c.1.max(cols.1);
            }
            _ => out.push((rows, cols)),
        }
    }
    out
}

/// Rounds of [`widen_runs`] once the length ratio is known: a run found
/// one round early sits a window's reach nearer the truth the next (the
/// shared sets joined with a quarter of one side cut: lax F1 0.739 after
/// one round, 0.901 after two, 0.994 after three, as the whole grid
/// solved at once).
pub const WIDEN_ROUNDS: usize = 3;
/// The most cells of a window of [`widen_runs`] (about 9 bytes each
/// while it is solved): the joined sets with a quarter cut need 8 million
/// (at 4 million, lax F1 0.845).
pub const WINDOW_CELLS: usize = 8_000_000;

/// The row ranges within `extent` of `rows` (in path order) and no further
/// than the pins on either side of each, merged where they overlap or
/// nearly touch.
fn stretches(
    rows: &[(usize, bool)],
    pins: &[(usize, usize)],
    extent: usize,
    n: usize,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(row, _) in rows {
        let before = pins.partition_point(|&(i, _)| i < row);
        let after = pins.partition_point(|&(i, _)| i <= row);
        let pin_before = before.checked_sub(1).map_or(0, |k| pins[k].0);
        let pin_after = pins.get(after).map_or(n, |&(i, _)| i);
        let first = row.saturating_sub(extent).max(pin_before);
        let last = (row + extent).min(n).min(pin_after);
        match out.last_mut() {
            // A bead spans up to MOST_PER_SIDE rows: stretches closer than
            // that share the beads at their ends.
            Some(prev) if first <= prev.1 + MOST_PER_SIDE + 1 => prev.1 = prev.1.max(last),
            _ => out.push((first, last)),
        }
    }
    out
}

/// `path` with its beads between rows `first` and `last` solved again
/// inside `band`, from the last bead end at or before `first` to the
/// first at or after `last`.
fn resolve(
    scorer: &Scorer,
    spans: &(Spans, Spans),
    band: &Band,
    path: Vec<(usize, usize, usize)>,
    first: usize,
    last: usize,
) -> Vec<(usize, usize, usize)> {
    if path.is_empty() {
        return path;
    }
    // Beads before `kept` end at or before `first`; the bead at `end` is
    // the first ending at or after `last` (the path's last bead ends at
    // the final row). The old path between them lies inside `band` (it
    // holds a corridor around it), so the window always has a path.
    let kept = path.partition_point(|&(_, i, _)| i <= first);
    let end = path
        .partition_point(|&(_, i, _)| i < last)
        .min(path.len() - 1);
    let from = kept
        .checked_sub(1)
        .map_or((0, 0), |k| (path[k].1, path[k].2));
    let to = (path[end].1, path[end].2);
    let middle = solve_between(scorer, spans, band, from, to);
    let mut out = Vec::with_capacity(path.len());
    out.extend_from_slice(&path[..kept]);
    out.extend(middle);
    out.extend_from_slice(&path[end + 1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_through_points_is_their_rectangles() {
        // A run of 6 source sentences alone between (2, 2) and (8, 3):
        // a strip one column wide there, with a margin of 1.
        let band = Band::through(&[(0, 0), (2, 2), (8, 3), (10, 5)], 10, 5, 1);
        assert_eq!((band.lo[5], band.hi[5]), (1, 4));
        assert_eq!((band.lo[0], band.hi[0]), (0, 3));
        assert_eq!((band.lo[10], band.hi[10]), (2, 5));
        assert!(band.cells() < 11 * 6);
    }

    #[test]
    fn windows_reach_a_long_run_s_length_beyond_it_and_merge() {
        // 1-1 to (10, 10), 30 source sentences alone, 1-1 to (50, 20), then
        // 5 alone (too short a run) and 1-1 to the end.
        let shape = |a, b| SHAPES.iter().position(|&s| s == (a, b)).unwrap();
        let mut path: Vec<(usize, usize, usize)> = (1..=10).map(|k| (0, k, k)).collect();
        path.extend((11..=40).map(|i| (shape(1, 0), i, 10)));
        path.extend((41..=50).map(|i| (0, i, i - 30)));
        path.extend((51..=55).map(|i| (shape(1, 0), i, 20)));
        path.extend((56..=60).map(|i| (0, i, i - 35)));
        assert_eq!(run_windows(&path, (60, 25), 20, 8), [((2, 48), (2, 18))]);
        assert_eq!(run_windows(&path, (60, 25), 20, 100), [((0, 60), (0, 25))]);
        assert!(run_windows(&path, (60, 25), 31, 8).is_empty());
    }

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
    fn a_band_that_misses_the_path_is_repaired() {
        use crate::align::cost::Params;
        use crate::align::features::Side;
        // Parallel text of 600 sentences with varied lengths, and a band
        // around a "coarse path" that runs 60 sentences off the diagonal in
        // the middle: solved as is, the path is wrong there; repaired, it
        // is the full search's.
        let lengths: Vec<String> = (0..600).map(|k| "x".repeat(10 + (k * 37) % 120)).collect();
        let sentences: Vec<&str> = lengths.iter().map(String::as_str).collect();
        let paragraphs = vec![0; sentences.len()];
        let side = Side::new(&sentences, &paragraphs);
        let params = Params::default();
        let scorer = Scorer::new(&side, &side, &params, false);
        let (n, m) = (600, 600);
        let full = solve(&scorer, n, m, &Band::full(n, m));
        let off: Vec<_> = (1..=75)
            .map(|c: usize| {
                let shift = if (25..50).contains(&c) { 8 } else { 0 };
                (0, c, (c + shift).min(75))
            })
            .collect();
        let band = Band::around(&off, 8, n, m, 16);
        assert_ne!(solve(&scorer, n, m, &band), full);
        assert_eq!(solve_repairing(&scorer, n, m, band.clone(), 16, &[]), full);
        // Held through points of the full path, it is the full path still;
        // through a point off it, it passes there.
        let on: Vec<(usize, usize)> = full.iter().step_by(7).map(|&(_, i, j)| (i, j)).collect();
        assert_eq!(solve_repairing(&scorer, n, m, band.clone(), 16, &on), full);
        let (_, i, j) = full[30];
        let held = solve_repairing(&scorer, n, m, band, 16, &[(i, j + 1)]);
        assert!(held.iter().any(|&(_, a, b)| (a, b) == (i, j + 1)));
        assert_ne!(held, full);
    }

    #[test]
    fn stretches_merge_where_they_overlap_or_nearly_touch() {
        let rows = [(100, true), (150, true), (400, false), (900, true)];
        assert_eq!(
            stretches(&rows, &[], 100, 950),
            vec![(0, 250), (300, 500), (800, 950)]
        );
        // 4 rows apart: a bead of 3 sentences could straddle the gap.
        assert_eq!(
            stretches(&[(10, true), (23, true)], &[], 5, 100),
            vec![(5, 28)]
        );
        // Pins bound a stretch.
        assert_eq!(
            stretches(&rows, &[(90, 91), (120, 118), (450, 460)], 100, 950),
            vec![(90, 250), (300, 450), (800, 950)]
        );
    }

    #[test]
    fn a_large_window_is_solved_in_the_band_through_the_anchors() {
        // Small enough whole and not asked: whole.
        assert_eq!(guided_or_whole(500_000, None), Some(false));
        // The band is fewer cells: there.
        assert_eq!(guided_or_whole(5_000_000, Some(800_000)), Some(true));
        assert_eq!(guided_or_whole(30_000_000, Some(2_000_000)), Some(true));
        // The band holds as many (anchors too sparse): whole if it fits.
        assert_eq!(guided_or_whole(5_000_000, Some(5_000_000)), Some(false));
        // Neither fits: left as it is.
        assert_eq!(guided_or_whole(30_000_000, Some(9_000_000)), None);
        assert_eq!(guided_or_whole(30_000_000, None), None);
        // A window inside one solved last round is not solved again.
        let solved = ((100, 900), (80, 300));
        assert!(inside(&((120, 880), (90, 300)), &solved));
        assert!(!inside(&((120, 920), (90, 300)), &solved));
        assert!(!inside(&((120, 880), (70, 300)), &solved));
    }

    #[test]
    fn a_window_is_the_band_between_two_cells() {
        let band = Band::full(10, 10);
        let window = band.window((3, 2), (6, 8));
        assert_eq!(window.cells(), 4 * 7);
        assert_eq!(window.index(3, 2), Some(0));
        assert_eq!(window.index(2, 2), None);
        assert_eq!(window.index(3, 1), None);
        assert_eq!(window.index(6, 8), Some(4 * 7 - 1));
        assert_eq!(window.index(7, 8), None);
    }

    #[test]
    fn solving_a_stretch_again_mends_it_and_keeps_the_rest() {
        use crate::align::cost::Params;
        use crate::align::features::Side;
        let lengths: Vec<String> = (0..300).map(|k| "x".repeat(10 + (k * 37) % 120)).collect();
        let sentences: Vec<&str> = lengths.iter().map(String::as_str).collect();
        let side = Side::new(&sentences, &vec![0; sentences.len()]);
        let params = Params::default();
        let scorer = Scorer::new(&side, &side, &params, false);
        let band = Band::full(300, 300);
        let diagonal: Vec<_> = (1..=300).map(|k| (0, k, k)).collect();
        assert_eq!(solve(&scorer, 300, 300, &band), diagonal);
        // Off by one target sentence from row 120 to 180: a 0-1 bead, 1-1
        // beads shifted, a 1-0 bead.
        let shifted: Vec<_> = (1..=119)
            .map(|k| (0, k, k))
            .chain([(2, 119, 120)])
            .chain((120..=179).map(|k| (0, k, k + 1)))
            .chain([(1, 180, 180)])
            .chain((181..=300).map(|k| (0, k, k)))
            .collect();
        let outside = |path: &[(usize, usize, usize)]| -> Vec<(usize, usize, usize)> {
            path.iter()
                .copied()
                .filter(|&(_, i, _)| !(100..=200).contains(&i))
                .collect()
        };
        let mended = resolve(&scorer, &scorer.spans(), &band, shifted.clone(), 100, 200);
        assert_eq!(mended, diagonal);
        assert_eq!(outside(&mended), outside(&shifted));
        // A stretch that misses the shifted rows changes nothing.
        assert_eq!(
            resolve(&scorer, &scorer.spans(), &band, shifted.clone(), 200, 250),
            shifted
        );
    }

    #[test]
    fn pruning_and_span_tables_give_the_plain_dp_path() {
        use crate::align::cost::Params;
        use crate::align::features::Side;
        // Sentences with numbers, names, marks and paragraphs on both
        // sides, some only on one: every term of the cost is exercised.
        let words = [
            "Putin", "NATO", "12", "2019", "Paris", "ok?", "no!", "and", "the", "۱۲",
        ];
        let sentence = |k: usize, salt: usize| -> String {
            (0..2 + (k * 7 + salt) % 9)
                .map(|w| words[(k * 13 + w * 5 + salt) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let en: Vec<String> = (0..120).map(|k| sentence(k, 0)).collect();
        // The Persian side has a passage of its own (sentences 60..72).
        let fa: Vec<String> = (0..130)
            .map(|k| {
                sentence(
                    if (60..72).contains(&k) {
                        500 + k
                    } else {
                        k * 12 / 13
                    },
                    k % 3,
                )
            })
            .collect();
        let paragraphs = |n: usize| (0..n).map(|k| k / 10).collect::<Vec<_>>();
        let (mut src, mut tgt) = (
            Side::new(&en, &paragraphs(120)),
            Side::new(&fa, &paragraphs(130)),
        );
        Side::keep_shared_anchors(&mut src, &mut tgt);
        // Runs left alone cheap, as set, dear with a cheap long piece, and
        // off: each must give the plain DP's path.
        let defaults = Params::default();
        let (short, long) = (defaults.null_run, defaults.long_run);
        let settings = [
            (0.5, f64::INFINITY, 0.0),
            (short, f64::INFINITY, 0.0),
            (short, long, defaults.long_after),
            (8.0, 0.5, 4.0),
            (f64::INFINITY, f64::INFINITY, 0.0),
        ];
        let (n, m) = (src.len(), tgt.len());
        let plain_with = |null_run, long_run, long_after| {
            let params = Params {
                ratio: tgt.total() / src.total(),
                null_run,
                long_run,
                long_after,
                ..Params::default()
            };
            let scorer = Scorer::new(&src, &tgt, &params, true);
            let plain = plain_dp(&scorer, n, m);
            let solved = solve(&scorer, n, m, &Band::full(n, m));
            assert_eq!(solved, plain, "{null_run} {long_run} {long_after}");
            plain
        };
        for (null_run, long_run, long_after) in settings {
            let plain = plain_with(null_run, long_run, long_after);
            if null_run < 1.0 {
                assert!(plain.windows(2).any(|w| w[0].0 == 2 && w[1].0 == 2));
            }
        }
    }

    #[test]
    fn a_long_passage_is_left_alone_by_the_long_piece() {
        use crate::align::cost::Params;
        use crate::align::features::Side;
        // The target has a passage of 12 short sentences of its own: with
        // dear runs it is cheaper to hide them in merged beads; a cheap long
        // piece leaves them alone, and the band DP agrees with the plain.
        let lengths = |k: usize| "x".repeat(20 + (k * 37) % 90);
        let en: Vec<String> = (0..60).map(lengths).collect();
        let fa: Vec<String> = (0..72)
            .map(|k| match k {
                30..42 => "y".repeat(5),
                k if k < 30 => lengths(k),
                k => lengths(k - 12),
            })
            .collect();
        let (src, tgt) = (Side::new(&en, &[0; 60]), Side::new(&fa, &[0; 72]));
        let alone = |long_run: f64| {
            let params = Params {
                null_run: 8.0,
                long_run,
                long_after: 2.0,
                ..Params::default()
            };
            let scorer = Scorer::new(&src, &tgt, &params, false);
            let path = solve(&scorer, 60, 72, &Band::full(60, 72));
            assert_eq!(path, plain_dp(&scorer, 60, 72));
            path.iter().filter(|b| b.0 == 2).count()
        };
        assert_eq!(alone(0.1), 12);
        // Without the piece all but a few hide in merged beads.
        assert!(alone(f64::INFINITY) <= 3);
    }

    /// The plain DP: every shape of every cell, costed by `Scorer::cost`,
    /// with Gotoh's states (last bead pairs, or leaves a source or a target
    /// sentence alone in a short or a long run) in full matrices.
    fn plain_dp(scorer: &Scorer, n: usize, m: usize) -> Vec<(usize, usize, usize)> {
        // Per piece (short, long): what opening a run adds, what each
        // further sentence costs.
        let pieces = [(0.0, scorer.null_run()), scorer.long_run()];
        let grid = || vec![vec![f64::INFINITY; m + 1]; n + 1];
        let mut cost = grid();
        // runs[side][piece]: cheapest way in that ends in such a run.
        let mut runs = [[grid(), grid()], [grid(), grid()]];
        // The best way in: shape and, for a run, its piece.
        let mut back = vec![vec![(usize::MAX, 0); m + 1]; n + 1];
        let mut continues = vec![vec![[[false; 2]; 2]; m + 1]; n + 1];
        cost[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                for (shape, &(a, b)) in SHAPES.iter().enumerate() {
                    if a > i || b > j || !cost[i - a][j - b].is_finite() {
                        continue;
                    }
                    let opened = cost[i - a][j - b] + scorer.cost(shape, i, j);
                    let side = match (a, b) {
                        (1, 0) => Some(0),
                        (0, 1) => Some(1),
                        _ => None,
                    };
                    let mut options = vec![(opened, 0)];
                    if let Some(side) = side {
                        options.clear();
                        for (piece, &(open, extend)) in pieces.iter().enumerate() {
                            let before = runs[side][piece][i - a][j - b];
                            // A sentence that continues a run still costs
                            // its bead's own terms past the prior (its words).
                            let own = scorer.cost(shape, i, j) - scorer.prior_cost(shape);
                            let continued = before + extend + own;
                            let started = opened + open;
                            continues[i][j][side][piece] = continued < started;
                            runs[side][piece][i][j] = started.min(continued);
                            options.push((runs[side][piece][i][j], piece));
                        }
                    }
                    for (total, piece) in options {
                        if total < cost[i][j] {
                            cost[i][j] = total;
                            back[i][j] = (shape, piece);
                        }
                    }
                }
            }
        }
        let mut plain = Vec::new();
        let (mut i, mut j) = (n, m);
        let mut in_run = None;
        while i > 0 || j > 0 {
            let (shape, piece) = in_run.unwrap_or(back[i][j]);
            let (a, b) = SHAPES[shape];
            let side = match (a, b) {
                (1, 0) => Some(0),
                (0, 1) => Some(1),
                _ => None,
            };
            in_run = side
                .filter(|&side| continues[i][j][side][piece])
                .map(|_| (shape, piece));
            plain.push((shape, i, j));
            i -= a;
            j -= b;
        }
        plain.reverse();
        plain
    }

    #[test]
    fn full_band_has_every_cell() {
        assert_eq!(Band::full(3, 4).cells(), 20);
    }
}
