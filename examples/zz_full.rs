use bitext::{Aligner, Document};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let en = Document::presplit(&std::fs::read_to_string(&a[1]).unwrap());
    let fa = Document::presplit(&std::fs::read_to_string(&a[2]).unwrap());
    let cells: usize = a[3].parse().unwrap();
    let beads = Aligner::default().with_full_cells(cells).align(&en, &fa);
    for b in beads {
        println!(
            "{:?}:{:?}",
            b.src.clone().collect::<Vec<_>>(),
            b.tgt.clone().collect::<Vec<_>>()
        );
    }
}
