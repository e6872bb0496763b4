//! Check a small bilingual corpus with the library: the hand-checked gold
//! pairs of the sample article, with two pairs spoiled on purpose.
//!
//! ```sh
//! cargo run --example check
//! ```

use bitext::check::{CheckConfig, Checker};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_path("pairs/kremlin-feast/gold.csv")?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for record in reader.records() {
        let record = record?;
        pairs.push((record[0].to_string(), record[1].to_string()));
    }
    // Spoil two pairs: a target left in English, and a year changed.
    let last = pairs.len() / 2;
    pairs[last].1 = pairs[last].0.clone();
    pairs.push((
        "The feast was held in 1954.".into(),
        "این ضیافت در سال ۱۹۵۵ برگزار شد.".into(),
    ));

    let verdicts = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    for (k, ((en, fa), verdict)) in pairs.iter().zip(&verdicts).enumerate() {
        if !verdict.flags.is_empty() {
            println!(
                "row {}: {} (quality {:.2})",
                k + 1,
                verdict.names(),
                verdict.quality
            );
            println!("  en: {en}\n  fa: {fa}\n  why: {}", verdict.evidence());
        }
    }
    Ok(())
}
