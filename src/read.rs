//! Reading input: bytes from a file or stdin, checked to be UTF-8 text.
//!
//! The text is returned unchanged (a BOM or CRLF stays in place) so that byte
//! offsets reported later point into the file as it is on disk. The one
//! exception is UTF-16 with a byte-order mark (what Windows editors save as
//! "Unicode"): it is decoded to UTF-8, BOM included, so offsets then count
//! the UTF-8 text. The other: a Word, OpenDocument or EPUB document is read
//! as its text (see [`crate::packaged`]), and offsets count that text.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::packaged::{unpack, Package};

/// Reads a whole file, or stdin when `path` is `-`, as UTF-8 text; a
/// Word, OpenDocument or EPUB document as its text (see
/// [`crate::packaged`]).
///
/// Errors name the path and, for bad bytes, the byte offset and line.
pub fn read_text(path: &Path) -> Result<String> {
    read_document(path).map(|(text, _)| text)
}

/// [`read_text`], and the format the text was unpacked from when the file
/// is a packaged document.
pub fn read_document(path: &Path) -> Result<(String, Option<Package>)> {
    let (bytes, package) = load(path)?;
    let text = utf8(bytes).map_err(|e| e.with_path(label(path)))?;
    Ok((text, package))
}

/// Reads a whole file, or stdin when `path` is `-`, as bytes that must be
/// text (no NUL byte) but are not yet checked to be UTF-8 — for callers
/// that decode line by line and report each bad line.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    load(path).map(|(bytes, _)| bytes)
}

/// A file's bytes as [`prepare`] leaves them.
fn load(path: &Path) -> Result<(Vec<u8>, Option<Package>)> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| Error::from(e).with_path(label(path)))?;
    prepare(bytes).map_err(|e| e.with_path(label(path)))
}

/// A packaged document's text, UTF-16 as UTF-8, or the bytes as they are;
/// binary files refused.
fn prepare(bytes: Vec<u8>) -> Result<(Vec<u8>, Option<Package>)> {
    if let Some(unpacked) = unpack(&bytes) {
        let (package, text) = unpacked?;
        return Ok((text.into_bytes(), Some(package)));
    }
    let bytes = from_utf16(bytes)?;
    refuse_binary(&bytes)?;
    Ok((bytes, None))
}

/// Checks that `bytes` are UTF-8 text (not a binary file) and returns them
/// as a `String` without copying; a packaged document's bytes as its text
/// (see [`crate::packaged`]).
pub fn decode_text(bytes: Vec<u8>) -> Result<String> {
    utf8(prepare(bytes)?.0)
}

fn label(path: &Path) -> &Path {
    if path.as_os_str() == "-" {
        Path::new("<stdin>")
    } else {
        path
    }
}

/// UTF-16 with a byte-order mark (`FF FE` little-endian, `FE FF`
/// big-endian) as UTF-8, the mark kept as U+FEFF; any other bytes as they
/// are. Hand-written: the standard library decodes UTF-16 from code units,
/// and these few lines make them from bytes.
pub(crate) fn from_utf16(bytes: Vec<u8>) -> Result<Vec<u8>> {
    let little = match bytes.get(..2) {
        Some([0xff, 0xfe]) => true,
        Some([0xfe, 0xff]) => false,
        _ => return Ok(bytes),
    };
    if bytes.len() % 2 != 0 {
        return Err(Error::new(ErrorKind::InvalidUtf16 {
            offset: bytes.len() - 1,
        }));
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                offset += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(Error::new(ErrorKind::InvalidUtf16 { offset })),
        }
    }
    Ok(text.into_bytes())
}

fn refuse_binary(bytes: &[u8]) -> Result<()> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(Error::new(ErrorKind::Binary { offset })),
        None => Ok(()),
    }
}

fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        Error::new(ErrorKind::InvalidUtf8 { offset, line })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        let err = decode_text(b"ok\nbad \xff here".to_vec()).unwrap_err();
        match err.kind() {
            ErrorKind::InvalidUtf8 { offset, line } => {
                assert_eq!((*offset, *line), (7, 2));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nul_byte_means_binary() {
        let err = decode_text(b"abc\0def".to_vec()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Binary { offset: 3 }));
    }

    #[test]
    fn utf16_with_a_mark_is_decoded() {
        let text = "\u{feff}Hello, سلام 😀\r\nدو";
        let little: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_text(little.clone()).unwrap(), text);
        assert_eq!(decode_text(big).unwrap(), text);
        // An unpaired surrogate, and an odd length.
        let mut bad = little.clone();
        bad.extend_from_slice(&0xd800u16.to_le_bytes());
        bad.extend_from_slice(b"a\0");
        let err = decode_text(bad).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidUtf16 { offset } if *offset == little.len())
        );
        let mut odd = little;
        odd.push(b'x');
        assert!(matches!(
            decode_text(odd).unwrap_err().kind(),
            ErrorKind::InvalidUtf16 { .. }
        ));
    }

    #[test]
    fn text_is_returned_unchanged() {
        let text = "\u{feff}a\r\nb".to_string();
        assert_eq!(decode_text(text.clone().into_bytes()).unwrap(), text);
    }
}
