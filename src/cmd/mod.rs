//! One module per subcommand, each a `run(args)`.

pub mod align;
pub mod check;
pub mod detect;
pub mod eval;
pub mod segment;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Opens the output: a file when given (created before any work starts, so
/// an unwritable path fails early), standard output otherwise.
/// Refuses an output path before any work: its folder must exist, and the
/// path must not be a folder.
pub fn check_output_path(path: &Path) -> Result<()> {
    if path.is_dir() {
        anyhow::bail!("{}: is a folder; give a file name", path.display());
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        anyhow::bail!(
            "{}: the folder {} does not exist",
            path.display(),
            folder.display()
        );
    }
    Ok(())
}

/// Writes `path` through a temporary file in its folder, renamed into
/// place once `write` succeeds: a failed run leaves any earlier file
/// untouched.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> io::Result<()> {
        let mut out = BufWriter::new(File::create(&temp)?);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}

pub fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => {
            let file =
                File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
            Box::new(BufWriter::new(file))
        }
        _ => Box::new(BufWriter::new(io::stdout().lock())),
    })
}
