//! Randomness for test-data edits.

/// A small fixed-seed generator (Knuth's MMIX LCG): the edits must be the
/// same on every machine and in every run.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}
