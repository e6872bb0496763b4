//! Finding document pairs in a folder such as `pairs/`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The two files of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairPaths {
    /// The document's name: its folder, or the `NAME` of `NAME.en.txt`.
    pub name: String,
    /// The source-language file.
    pub src: PathBuf,
    /// The target-language file.
    pub tgt: PathBuf,
}

/// What a folder holds: complete pairs, and documents missing a half.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Complete pairs, sorted by name.
    pub pairs: Vec<PairPaths>,
    /// `(path, reason)` for each document with one half missing.
    pub incomplete: Vec<(PathBuf, String)>,
}

/// Finds pairs in `dir`: subfolders holding `SRC.txt` and `TGT.txt`, and
/// files `NAME.SRC.txt` + `NAME.TGT.txt` or `NAME.SRC` + `NAME.TGT` side by
/// side (`SRC`/`TGT` are the language codes; the last is the layout of
/// aligned test sets, beside their `NAME.gold`).
pub fn find_pairs(dir: &Path, src_lang: &str, tgt_lang: &str) -> io::Result<Discovery> {
    let (src_name, tgt_name) = (format!("{src_lang}.txt"), format!("{tgt_lang}.txt"));
    let (src_suffix, tgt_suffix) = (format!(".{src_lang}.txt"), format!(".{tgt_lang}.txt"));
    let (src_bare, tgt_bare) = (format!(".{src_lang}"), format!(".{tgt_lang}"));
    let mut halves: BTreeMap<String, (PathBuf, Option<PathBuf>, Option<PathBuf>)> = BTreeMap::new();
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let (src, tgt) = (path.join(&src_name), path.join(&tgt_name));
            let (has_src, has_tgt) = (src.is_file(), tgt.is_file());
            if has_src || has_tgt {
                let slot = halves
                    .entry(file_name)
                    .or_insert((path.clone(), None, None));
                slot.1 = has_src.then_some(src);
                slot.2 = has_tgt.then_some(tgt);
            }
        } else {
            // The first suffix that fits names the document (`a.en.txt` is
            // `a`, never `a.en`).
            let suffixes = [
                (&src_suffix, true),
                (&tgt_suffix, false),
                (&src_bare, true),
                (&tgt_bare, false),
            ];
            let named = suffixes.iter().find_map(|(suffix, is_src)| {
                Some((file_name.strip_suffix(suffix.as_str())?, *is_src))
            });
            if let Some((name, is_src)) = named.filter(|(name, _)| !name.is_empty()) {
                let slot = halves
                    .entry(name.to_string())
                    .or_insert((path.clone(), None, None));
                *(if is_src { &mut slot.1 } else { &mut slot.2 }) = Some(path.clone());
            }
        }
    }
    let mut found = Discovery::default();
    for (name, (place, src, tgt)) in halves {
        match (src, tgt) {
            (Some(src), Some(tgt)) => found.pairs.push(PairPaths { name, src, tgt }),
            (Some(_), None) => found.incomplete.push((
                place,
                format!("no {tgt_lang} half ({tgt_name}, {name}{tgt_suffix} or {name}{tgt_bare})"),
            )),
            _ => found.incomplete.push((
                place,
                format!("no {src_lang} half ({src_name}, {name}{src_suffix} or {name}{src_bare})"),
            )),
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_folders_and_named_files_and_reports_missing_halves() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("b-doc")).unwrap();
        fs::write(root.join("b-doc/en.txt"), "x").unwrap();
        fs::write(root.join("b-doc/fa.txt"), "y").unwrap();
        fs::write(root.join("a.en.txt"), "x").unwrap();
        fs::write(root.join("a.fa.txt"), "y").unwrap();
        fs::write(root.join("c.en.txt"), "x").unwrap();
        fs::create_dir(root.join("empty")).unwrap();
        let found = find_pairs(root, "en", "fa").unwrap();
        let names: Vec<_> = found.pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "b-doc"]);
        assert_eq!(found.incomplete.len(), 1);
        assert!(found.incomplete[0].1.contains("no fa half"));
    }

    #[test]
    fn finds_the_layout_of_aligned_test_sets() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["001.en", "001.fa", "001.gold", "002.de", "002.fr"] {
            fs::write(root.join(name), "x").unwrap();
        }
        let found = find_pairs(root, "en", "fa").unwrap();
        let names: Vec<_> = found.pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["001"]);
        assert!(found.incomplete.is_empty());
        let found = find_pairs(root, "de", "fr").unwrap();
        assert_eq!(found.pairs[0].src, root.join("002.de"));
    }
}
