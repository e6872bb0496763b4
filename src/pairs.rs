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

/// Finds pairs in `dir`: subfolders holding `SRC.txt` and `TGT.txt`; files
/// `NAME.SRC.txt` + `NAME.TGT.txt` (or `NAME_SRC.txt`, `NAME-SRC.txt`) or
/// `NAME.SRC` + `NAME.TGT` side by side (`SRC`/`TGT` are the language
/// codes; the last is the layout of aligned test sets, beside their
/// `NAME.gold`); and two folders `SRC/` and `TGT/` holding files of the same
/// names (`en/NAME.txt` + `fa/NAME.txt`, or with the codes in the names as
/// above).
pub fn find_pairs(dir: &Path, src_lang: &str, tgt_lang: &str) -> io::Result<Discovery> {
    let (src_name, tgt_name) = (format!("{src_lang}.txt"), format!("{tgt_lang}.txt"));
    let mut halves: Halves = BTreeMap::new();
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let language_folder = [(src_lang, true), (tgt_lang, false)]
            .into_iter()
            .find(|(lang, _)| file_name == *lang);
        if let (Some((lang, is_src)), true) = (language_folder, path.is_dir()) {
            language_files(&path, lang, is_src, &mut halves)?;
        } else if path.is_dir() {
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
            let named = [(src_lang, true), (tgt_lang, false)]
                .into_iter()
                .find_map(|(lang, is_src)| Some((document_name(&file_name, lang)?, is_src)));
            if let Some((name, is_src)) = named {
                let slot = halves
                    .entry(name.to_string())
                    .or_insert((path.clone(), None, None));
                *(if is_src { &mut slot.1 } else { &mut slot.2 }) = Some(path.clone());
            }
        }
    }
    let mut found = Discovery::default();
    for (name, (place, src, tgt)) in halves {
        let missing = |lang: &str| {
            format!("no {lang} half ({lang}.txt, {name}.{lang}.txt, {name}_{lang}.txt, {lang}/{name}.txt or {name}.{lang})")
        };
        match (src, tgt) {
            (Some(src), Some(tgt)) => found.pairs.push(PairPaths { name, src, tgt }),
            (Some(_), None) => found.incomplete.push((place, missing(tgt_lang))),
            _ => found.incomplete.push((place, missing(src_lang))),
        }
    }
    Ok(found)
}

/// Each document's place (its folder, or its first file) and its halves.
type Halves = BTreeMap<String, (PathBuf, Option<PathBuf>, Option<PathBuf>)>;

/// The document a file side by side with its translation is half of:
/// `NAME` of `NAME.LANG.txt`, `NAME_LANG.txt`, `NAME-LANG.txt`,
/// `NAME.LANG.srt`, `.vtt`, `.ass` or `.ssa` (subtitles), `NAME.LANG.html`
/// or `.htm` (web pages), `NAME.LANG.docx`, `.odt` or `.epub` (documents),
/// or `NAME.LANG`. The first suffix
/// that fits names it (`a.en.txt` is `a`, never `a.en`).
fn document_name<'f>(file_name: &'f str, lang: &str) -> Option<&'f str> {
    let suffixes = [format!("_{lang}.txt"), format!("-{lang}.txt")]
        .into_iter()
        .chain(EXTENSIONS.iter().map(|ext| format!(".{lang}{ext}")))
        .chain([format!(".{lang}")]);
    suffixes
        .into_iter()
        .find_map(|suffix| file_name.strip_suffix(suffix.as_str()))
        .filter(|name| !name.is_empty())
}

/// The extensions of the files bitext reads as a document's half: text,
/// subtitles, web pages and packaged documents.
const EXTENSIONS: [&str; 10] = [
    ".txt", ".srt", ".vtt", ".ass", ".ssa", ".html", ".htm", ".docx", ".odt", ".epub",
];

/// The files of a language folder (`en/`), each half of the document its
/// name names: `NAME` of `NAME.txt`, or of a name with the code in it as
/// side by side; hidden files are skipped.
fn language_files(dir: &Path, lang: &str, is_src: bool, halves: &mut Halves) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_file() || file_name.starts_with('.') {
            continue;
        }
        let name = document_name(&file_name, lang)
            .or_else(|| EXTENSIONS.iter().find_map(|x| file_name.strip_suffix(x)))
            .unwrap_or(&file_name)
            .to_string();
        let slot = halves.entry(name).or_insert((path.clone(), None, None));
        *(if is_src { &mut slot.1 } else { &mut slot.2 }) = Some(path);
    }
    Ok(())
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
    fn finds_language_folders_and_codes_after_a_dash_or_underscore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["en", "fa"] {
            fs::create_dir(root.join(folder)).unwrap();
        }
        for name in [
            "en/report.txt",
            "fa/report.txt",
            "en/notes.en.txt",
            "fa/notes.fa.txt",
            "en/only-english.txt",
            "en/.DS_Store",
            "memo_en.txt",
            "memo_fa.txt",
            "film.en.srt",
            "film.fa.srt",
            "letter-en.txt",
            "letter-fa.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let found = find_pairs(root, "en", "fa").unwrap();
        let pairs: Vec<_> = found
            .pairs
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.src.strip_prefix(root).unwrap().to_path_buf(),
                )
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("film", PathBuf::from("film.en.srt")),
                ("letter", PathBuf::from("letter-en.txt")),
                ("memo", PathBuf::from("memo_en.txt")),
                ("notes", PathBuf::from("en/notes.en.txt")),
                ("report", PathBuf::from("en/report.txt")),
            ]
        );
        assert_eq!(found.incomplete.len(), 1, "{:?}", found.incomplete);
        assert!(found.incomplete[0].1.contains("fa/only-english.txt"));
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
