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
