//! One module per subcommand, each a `run(args)`.

pub mod align;
pub mod check;
pub mod detect;
pub mod eval;
pub mod review;
pub mod segment;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// `bitext completions SHELL`: the completion script, from the same clap
/// definition as the commands.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    use clap::CommandFactory;
    let mut command = crate::cli::Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, "bitext", &mut out);
    out.flush().context("writing output")
}

/// `bitext man`: the manual page (roff), from the same clap definition.
pub fn man() -> Result<()> {
    use clap::CommandFactory;
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(crate::cli::Cli::command())
        .render(&mut out)
        .context("writing output")?;
    out.flush().context("writing output")
}

/// Refuses an output path before any work: its folder must exist, and the
/// path must not be a folder.
pub fn check_output_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        anyhow::bail!("{}: is a folder; give a file name", path.display());
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        anyhow::bail!(
            "{}: the folder {} does not exist",
            path.display(),
            folder.display()
        );
    }
    Ok(())
}

/// Refuses, before any work, an output that is one of the run's inputs:
/// renamed into place, it would replace what the run read (`bitext align
/// en.txt fa.txt -o en.txt` replaced the English with the corpus). Files
/// are compared as files (`./en.txt`, its full path and a link to it are
/// one), and only files: standard output and devices replace nothing.
pub fn refuse_inputs_as_outputs(inputs: &[&Path], outputs: &[&Path]) -> Result<()> {
    for &output in outputs {
        if output.as_os_str() == "-" || !std::fs::metadata(output).is_ok_and(|m| m.is_file()) {
            continue;
        }
        if let Some(input) = inputs
            .iter()
            .find(|&&input| same_file::is_same_file(input, output).unwrap_or(false))
        {
            let same = if input == &output {
                String::new()
            } else {
                format!(" (the same file as {})", input.display())
            };
            anyhow::bail!(
                "{}: this run reads it{same}; writing its output there would replace it. Write to another file (and move that over the input afterwards if replacing it is what you want)",
                output.display()
            );
        }
    }
    Ok(())
}

/// The files `format` writes at `path`: none for standard output (no path,
/// or `-`); for Moses, `PATH.SRC` and `PATH.TGT` (see [`open_outputs`]).
pub fn output_paths(
    format: bitext::write::Format,
    path: Option<&Path>,
    src_lang: &str,
    tgt_lang: &str,
) -> Vec<std::path::PathBuf> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        return Vec::new();
    };
    if format.outputs() == 1 {
        return vec![path.to_path_buf()];
    }
    [src_lang, tgt_lang]
        .into_iter()
        .map(|code| {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{code}"));
            std::path::PathBuf::from(name)
        })
        .collect()
}

/// Writes `path` through a temporary file in its folder, renamed into
/// place once `write` succeeds: a failed run leaves any earlier file
/// untouched.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    let (file, pending) = Pending::create(path)?;
    let mut out = BufWriter::new(file);
    write(&mut out)
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    drop(out);
    pending.commit()
}

/// Opens the output: a file when given — its folder checked and a
/// temporary file created beside it before any work starts, so an
/// unwritable path fails early — standard output otherwise. Nothing
/// replaces an existing file until [`Pending::commit`]: a run that fails
/// leaves it as it was.
pub fn open_output(path: Option<&Path>) -> Result<(Box<dyn Write>, Pending)> {
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => {
            let (file, pending) = Pending::create(path)?;
            (Box::new(BufWriter::new(file)), pending)
        }
        _ => (
            Box::new(BufWriter::new(io::stdout().lock())),
            Pending { files: None },
        ),
    })
}

/// The writers an exporter writes to.
pub type Outputs = Vec<Box<dyn Write>>;

/// The outputs of `format` at `path` (standard output when none, or `-`),
/// each a temporary file until committed. Moses output is two files,
/// `PATH.SRC` and `PATH.TGT`: both codes name them, so they must differ.
pub fn open_outputs(
    format: bitext::write::Format,
    path: Option<&Path>,
    src_lang: &str,
    tgt_lang: &str,
) -> Result<(Outputs, Vec<Pending>)> {
    if format.outputs() == 1 {
        let (out, pending) = open_output(path)?;
        return Ok((vec![out], vec![pending]));
    }
    let prefix = match path {
        Some(path) if path.as_os_str() != "-" => path,
        _ => anyhow::bail!("--format moses writes two files: give their common name with -o (-o corpus writes corpus.{src_lang} and corpus.{tgt_lang})"),
    };
    if src_lang == tgt_lang {
        anyhow::bail!(
            "--format moses names its two files by the language codes; they are both {src_lang}"
        );
    }
    let mut outputs = Vec::new();
    let mut pendings = Vec::new();
    for name in output_paths(format, Some(prefix), src_lang, tgt_lang) {
        let (out, pending) = open_output(Some(&name))?;
        outputs.push(out);
        pendings.push(pending);
    }
    Ok((outputs, pendings))
}

/// `encoding` for a corpus of two languages: a guess weighs the target's
/// script first (an English–Persian table's legacy bytes are Persian's).
pub fn hinted(
    encoding: Option<bitext::Encoding>,
    (src, tgt): (&str, &str),
) -> Option<bitext::Encoding> {
    encoding.map(|e| {
        let target = e.for_language(tgt);
        if target == e {
            e.for_language(src)
        } else {
            target
        }
    })
}

/// Names on stderr the encoding a file that is not UTF-8 was read in, when
/// it was guessed (`--encoding auto`); a named one the user knows.
pub fn tell_encoding(path: &Path, read_in: Option<&'static str>, asked: Option<bitext::Encoding>) {
    if let Some(encoding) = read_in.filter(|_| asked.is_some_and(bitext::Encoding::is_guess)) {
        eprintln!(
            "bitext: {} is not UTF-8: read as {encoding}",
            path.display()
        );
    }
}

/// An output written to a temporary file, renamed into place by
/// [`Pending::commit`] once the run has succeeded; dropped without it (an
/// error, a panic), the temporary file is removed and the old output stays.
#[must_use = "an output is only in place once committed"]
pub struct Pending {
    /// (temporary file, final path); none for standard output.
    files: Option<(std::path::PathBuf, std::path::PathBuf)>,
}

impl Pending {
    /// The temporary file for `path` (its folder checked first), and the
    /// promise to rename it there.
    fn create(path: &Path) -> Result<(File, Pending)> {
        check_output_path(path)?;
        // A device, a pipe or a socket (`-o /dev/null`, `-o /dev/stdout`, a
        // FIFO) is written as it is: renaming a file onto it would replace
        // it (as root, /dev/null itself). Only files are written atomically.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok((file, Pending { files: None }));
        }
        let temp = temp_beside(path);
        let file =
            File::create(&temp).with_context(|| format!("cannot write {}", path.display()))?;
        Ok((
            file,
            Pending {
                files: Some((temp, path.to_path_buf())),
            },
        ))
    }

    /// Moves the output into place. Call after everything written to it
    /// has been flushed (the writer finished).
    pub fn commit(mut self) -> Result<()> {
        if let Some((temp, path)) = self.files.take() {
            // The writer has flushed: make the bytes durable, then rename.
            let done = File::open(&temp)
                .and_then(|f| f.sync_all())
                .and_then(|()| std::fs::rename(&temp, &path));
            if done.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            done.with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some((temp, _)) = self.files.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// A temporary name in `path`'s folder (a rename within one file system
/// is atomic).
fn temp_beside(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder_of(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
