//! The library's one error type: what went wrong, and where.

use std::fmt;
use std::path::{Path, PathBuf};

/// A failure with the context a user needs to fix it: the file, and where
/// in it, when the failure is about input.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not UTF-8. `offset` is the byte offset of the first bad
    /// byte, `line` its 1-based line number.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line number of that byte.
        line: usize,
    },
    /// The input is text in another encoding than UTF-8 (not UTF-8 with a
    /// few bad bytes): `looks_like` is the encoding its bytes look like
    /// (`windows-1256`), `None` when too little of it says which.
    NotUtf8 {
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
        /// 1-based line number of that byte.
        line: usize,
        /// The encoding it looks like, when that is clear.
        looks_like: Option<&'static str>,
    },
    /// The input starts with a UTF-16 byte-order mark but is not valid
    /// UTF-16 (an unpaired surrogate, or an odd number of bytes).
    InvalidUtf16 {
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// The input looks like a binary file (it contains NUL bytes).
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// A language code the tool does not know.
    UnknownLanguage {
        /// The code as given.
        code: String,
        /// The codes that are accepted.
        choices: String,
    },
    /// A file does not have the expected format.
    Format {
        /// 1-based line (or row) number; 0 when it is about the whole file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing failed.
    Io(std::io::Error),
}

impl Error {
    /// An error of `kind` with no file attached.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, path: None }
    }

    /// Attaches the file the error is about.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}: ", path.display())?;
        }
        match &self.kind {
            ErrorKind::InvalidUtf8 { offset, line } => write!(
                f,
                "invalid UTF-8 at byte offset {offset} (line {line}); \
                 convert the file to UTF-8 first (e.g. with iconv)"
            ),
            ErrorKind::NotUtf8 {
                offset,
                line,
                looks_like,
            } => write!(
                f,
                "not UTF-8 (byte offset {offset}, line {line}): {}",
                crate::read::advice(*looks_like)
            ),
            ErrorKind::InvalidUtf16 { offset } => write!(
                f,
                "starts as UTF-16 but is not valid UTF-16 at byte offset {offset}; \
                 convert it to UTF-8 with iconv -f UTF-16 -t UTF-8 and check the result"
            ),
            ErrorKind::Binary { offset } => write!(
                f,
                "looks like a binary file (NUL byte at offset {offset}); expected UTF-8 text"
            ),
            ErrorKind::UnknownLanguage { code, choices } => {
                write!(
                    f,
                    "unknown language code '{code}'; choose one of: {choices}"
                )
            }
            ErrorKind::Format { line: 0, message } => write!(f, "{message}"),
            ErrorKind::Format { line, message } => write!(f, "line {line}: {message}"),
            ErrorKind::Io(err) => write!(f, "{err}"),
        }
    }
}

/// `Display` already includes the I/O error's message, so it is not also
/// given as a source (which would print it twice in an error chain).
impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io(err))
    }
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
