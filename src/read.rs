//! Reading input: bytes from a file or stdin, checked to be UTF-8 text.
//!
//! The text is returned unchanged (a BOM or CRLF stays in place) so that byte
//! offsets reported later point into the file as it is on disk. The one
//! exception is UTF-16 with a byte-order mark (what Windows editors save as
//! "Unicode"): it is decoded to UTF-8, BOM included, so offsets then count
//! the UTF-8 text. The other: a Word, OpenDocument or EPUB document is read
//! as its text (see [`crate::packaged`]), and offsets count that text.
//!
//! Text in another encoding (Windows-1256, in which Windows saved Persian
//! and Arabic for years, and most Persian subtitles still come; Windows-1252
//! English) is read only when asked ([`Encoding`]); otherwise the error
//! says so, naming the encoding the bytes look like when that is clear.
//! The guess is chardetng's (what Firefox uses), the decoding
//! encoding_rs's.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::packaged::{unpack, Package};

/// What text that is not UTF-8 is read as: one encoding, or the one its
/// bytes look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    /// The encoding given; none to guess.
    named: Option<&'static encoding_rs::Encoding>,
    /// When guessing, a top-level domain of the text's language, which
    /// chardetng weighs (a few words of Windows-1256 Persian otherwise
    /// read as Windows-1252).
    tld: Option<&'static [u8]>,
}

impl Encoding {
    /// The encoding a WHATWG label names (`windows-1256`, `cp1256`,
    /// `iso-8859-6`, `windows-1252`, `latin1`, `koi8-r`, `gbk`,
    /// `shift_jis`, …), or the guess for `auto`.
    pub fn for_label(label: &str) -> Option<Self> {
        if label.trim().eq_ignore_ascii_case("auto") {
            return Some(Self::guess());
        }
        let named = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        Some(Encoding {
            named: Some(named),
            tld: None,
        })
    }

    /// The encoding the bytes look like (chardetng's guess).
    pub fn guess() -> Self {
        Encoding {
            named: None,
            tld: None,
        }
    }

    /// Whether the encoding is guessed.
    pub fn is_guess(self) -> bool {
        self.named.is_none()
    }

    /// The same, a guess weighing that the text is in language `code`
    /// (its script's legacy encodings first: Windows-1256 for Persian,
    /// Arabic, Urdu).
    pub fn for_language(self, code: &str) -> Self {
        let code = code.to_ascii_lowercase();
        let tld = REGIONS
            .iter()
            .find(|(codes, _)| codes.contains(&code.as_str()))
            .map(|&(_, tld)| tld);
        Encoding { tld, ..self }
    }

    /// The encoding `bytes` (not UTF-8) are read in.
    fn of(self, bytes: &[u8]) -> &'static encoding_rs::Encoding {
        self.named.unwrap_or_else(|| guess(bytes, self.tld))
    }
}

/// Languages whose legacy encodings are not Western European ones, and a
/// top-level domain of their script's region: what chardetng weighs to
/// prefer that region's encodings (`ir`: Windows-1256).
const REGIONS: &[(&[&str], &[u8])] = &[
    (&["fa", "prs", "ar", "ur", "ps", "ckb", "sd", "ug"], b"ir"),
    (&["ru", "uk", "be", "bg", "sr", "mk", "kk"], b"ru"),
    (&["el"], b"gr"),
    (&["he"], b"il"),
    (&["tr"], b"tr"),
    (&["th"], b"th"),
    (&["vi"], b"vn"),
    (&["zh"], b"cn"),
    (&["ja"], b"jp"),
    (&["ko"], b"kr"),
];

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(label: &str) -> std::result::Result<Self, String> {
        Encoding::for_label(label).ok_or_else(|| {
            format!("unknown encoding {label:?}: give a label such as windows-1256, iso-8859-6, windows-1252 or auto")
        })
    }
}

/// A file's text and how it was read.
#[derive(Debug)]
pub struct TextFile {
    /// The text (see [`read_file`]).
    pub text: String,
    /// The packaged format it was unpacked from, if any.
    pub package: Option<Package>,
    /// The encoding it was decoded from when it was not UTF-8 (or UTF-16
    /// with a byte-order mark).
    pub encoding: Option<&'static str>,
}

/// Reads a file, or stdin when `path` is `-`, as [`read_text`] does; with
/// `encoding`, text that is not valid UTF-8 is decoded from it (UTF-8,
/// and UTF-16 with a byte-order mark, are read as such whatever it says,
/// so a folder's UTF-8 files and its legacy ones can be read in one run).
pub fn read_file(path: &Path, encoding: Option<Encoding>) -> Result<TextFile> {
    let (bytes, package, decoded) = load(path, encoding)?;
    let text = utf8(bytes).map_err(|e| e.with_path(label(path)))?;
    Ok(TextFile {
        text,
        package,
        encoding: decoded,
    })
}

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
    read_file(path, None).map(|file| (file.text, file.package))
}

/// Reads a whole file, or stdin when `path` is `-`, as bytes that must be
/// text (no NUL byte) but are not yet checked to be UTF-8 — for callers
/// that decode line by line and report each bad line.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    read_bytes_as(path, None).map(|(bytes, _)| bytes)
}

/// [`read_bytes`], text that is not UTF-8 decoded from `encoding` (see
/// [`read_file`]) and the encoding it was decoded from.
pub fn read_bytes_as(
    path: &Path,
    encoding: Option<Encoding>,
) -> Result<(Vec<u8>, Option<&'static str>)> {
    load(path, encoding).map(|(bytes, _, decoded)| (bytes, decoded))
}

/// How much of a stream [`decoding_reader`] reads to decide how to read
/// it.
const SNIFF: usize = 1 << 20;

/// `input` as UTF-8 for a reader that streams it (a corpus table): UTF-16
/// with a byte-order mark decoded; with `encoding`, a stream whose first
/// megabyte is not UTF-8 decoded from it (guessed from that megabyte for
/// [`Encoding::guess`]), and the encoding's name. A byte sequence the
/// encoding does not have becomes U+FFFD there (the whole stream is not
/// at hand to say where).
pub fn decoding_reader<'r>(
    input: Box<dyn Read + 'r>,
    encoding: Option<Encoding>,
) -> Result<(Box<dyn Read + 'r>, Option<&'static str>)> {
    let mut head = Vec::new();
    let mut input = input;
    (&mut input).take(SNIFF as u64).read_to_end(&mut head)?;
    let utf16 = matches!(head.get(..2), Some([0xff, 0xfe] | [0xfe, 0xff]));
    // A character cut at the megabyte's end is not an error.
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        Err(err) => err.error_len().is_none() && head.len() == SNIFF,
    };
    let chosen = match encoding {
        Some(encoding) if !utf16 && !utf8 => Some(encoding.of(&head)),
        _ => None,
    };
    let stream = std::io::Cursor::new(head).chain(input);
    if !utf16 && chosen.is_none() {
        return Ok((Box::new(stream), None));
    }
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(chosen)
        .build(stream);
    Ok((Box::new(decoded), chosen.map(|e| e.name())))
}

/// A file's bytes as [`prepare`] leaves them.
fn load(
    path: &Path,
    encoding: Option<Encoding>,
) -> Result<(Vec<u8>, Option<Package>, Option<&'static str>)> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| Error::from(e).with_path(label(path)))?;
    prepare(bytes, encoding).map_err(|e| e.with_path(label(path)))
}

/// A packaged document's text, UTF-16 as UTF-8, text that is not UTF-8 as
/// UTF-8 from `encoding`, or the bytes as they are; binary files refused.
fn prepare(
    bytes: Vec<u8>,
    encoding: Option<Encoding>,
) -> Result<(Vec<u8>, Option<Package>, Option<&'static str>)> {
    if let Some(unpacked) = unpack(&bytes) {
        let (package, text) = unpacked?;
        return Ok((text.into_bytes(), Some(package), None));
    }
    let bytes = from_utf16(bytes)?;
    refuse_binary(&bytes)?;
    match encoding {
        Some(encoding) if std::str::from_utf8(&bytes).is_err() => {
            let encoding = encoding.of(&bytes);
            Ok((decode(&bytes, encoding)?, None, Some(encoding.name())))
        }
        _ => Ok((bytes, None, None)),
    }
}

/// `bytes` decoded from `encoding` as UTF-8; a byte sequence the encoding
/// does not map is an error at its offset.
fn decode(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<Vec<u8>> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2 + 16);
    let mut read = 0;
    let offset = loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(text.into_bytes()),
            encoding_rs::DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                break read - after as usize - bad as usize;
            }
        }
    };
    Err(Error::new(ErrorKind::Format {
        line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        message: format!(
            "byte offset {offset}: not {} text (a byte sequence it does not have)",
            encoding.name()
        ),
    }))
}

/// The encoding text that is not UTF-8 looks like: chardetng's guess,
/// given the whole text (it weighs every byte pair).
fn guess(bytes: &[u8], tld: Option<&[u8]>) -> &'static encoding_rs::Encoding {
    detector(bytes).guess(tld, chardetng::Utf8Detection::Deny)
}

/// chardetng's detector, fed all of `bytes`.
fn detector(bytes: &[u8]) -> chardetng::EncodingDetector {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector
}

/// Whether bytes that are not UTF-8 are text in another encoding rather
/// than UTF-8 with a few bad bytes: fewer of their non-ASCII characters
/// read as UTF-8 than fail to. (Windows-1256 Persian has a few sequences
/// that happen to be UTF-8: `اگر` is C7 90 D1, and C7 90 is `ǐ`.)
fn is_other_encoding(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > valid
}

/// The encoding text in another encoding looks like, when that is clear:
/// chardetng guesses the same whichever script's region it is told the
/// text comes from. (A line of Windows-1256 Persian reads as Windows-1252
/// unless the guess is told the text may be Persian.)
fn clearly(bytes: &[u8]) -> Option<&'static str> {
    let detector = detector(bytes);
    let guess = |tld: Option<&[u8]>| detector.guess(tld, chardetng::Utf8Detection::Deny);
    let plain = guess(None);
    REGIONS
        .iter()
        .all(|&(_, tld)| guess(Some(tld)) == plain)
        .then(|| plain.name())
}

/// The error for bytes that are not UTF-8 from `offset` (on `line`):
/// text in another encoding, named when it is clear which, or UTF-8
/// with bad bytes.
pub(crate) fn not_utf8(bytes: &[u8], offset: usize, line: usize) -> ErrorKind {
    if is_other_encoding(bytes) {
        ErrorKind::NotUtf8 {
            offset,
            line,
            looks_like: clearly(bytes),
        }
    } else {
        ErrorKind::InvalidUtf8 { offset, line }
    }
}

/// What to do with text in another encoding, `looks_like` if it is clear.
pub(crate) fn advice(looks_like: Option<&str>) -> String {
    match looks_like {
        Some(encoding) => format!(
            "it looks like {encoding} text; read it as that (--encoding {label} on the command line, encoding=\"{label}\" in Python; or auto) or convert it first (iconv -f {} -t UTF-8)",
            encoding.to_uppercase(),
            label = encoding.to_lowercase(),
        ),
        None => "it is text in another encoding, too little of it to tell which: give the encoding (--encoding on the command line, encoding= in Python): auto, guessed for each side's language, or a label (windows-1256 for Persian or Arabic as Windows saved it)".into(),
    }
}

/// Checks that `bytes` are UTF-8 text (not a binary file) and returns them
/// as a `String` without copying; a packaged document's bytes as its text
/// (see [`crate::packaged`]).
pub fn decode_text(bytes: Vec<u8>) -> Result<String> {
    decode_text_as(bytes, None).map(|(text, _)| text)
}

/// [`decode_text`], text that is not valid UTF-8 decoded from `encoding`
/// (see [`read_file`]), and the encoding it was decoded from.
pub fn decode_text_as(
    bytes: Vec<u8>,
    encoding: Option<Encoding>,
) -> Result<(String, Option<&'static str>)> {
    let (bytes, _, decoded) = prepare(bytes, encoding)?;
    Ok((utf8(bytes)?, decoded))
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
        Error::new(not_utf8(bytes, offset, line))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        // UTF-8 with a bad byte.
        let err = decode_text("ok\nbad é\u{2019}".bytes().chain([0xff]).collect()).unwrap_err();
        match err.kind() {
            ErrorKind::InvalidUtf8 { offset, line } => {
                assert_eq!((*offset, *line), (12, 2));
            }
            other => panic!("unexpected {other:?}"),
        }
        // One byte of another encoding in ASCII (Windows-1252's ’).
        let err = decode_text(b"ok\nit\x92s here".to_vec()).unwrap_err();
        match err.kind() {
            ErrorKind::NotUtf8 { offset, line, .. } => {
                assert_eq!((*offset, *line), (5, 2));
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

    /// Persian as Windows saved it: Windows-1256, Arabic yeh and kaf.
    fn windows_1256(text: &str) -> Vec<u8> {
        let text = text.replace('ی', "ي").replace('ک', "ك");
        let (bytes, _, unmapped) = encoding_rs::WINDOWS_1256.encode(&text);
        assert!(!unmapped);
        bytes.into_owned()
    }

    #[test]
    fn text_in_another_encoding_is_named_and_read_when_asked() {
        let persian = "کتاب‌ها روی میز هستند. او گفت: «امروز دیر است.»\n";
        let bytes = windows_1256(persian);
        let err = decode_text(bytes.clone()).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::NotUtf8 {
                    looks_like: Some("windows-1256"),
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("--encoding windows-1256"), "{err}");
        // UTF-8 with a bad byte is UTF-8 with a bad byte, not another encoding.
        let mut broken = persian.as_bytes().to_vec();
        broken.insert(5, 0xff);
        let err = decode_text(broken).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::InvalidUtf8 { .. }));
        // Too short to say which encoding: said so.
        let err = decode_text(windows_1256("دیشب کجا بودی؟")).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::NotUtf8 {
                    looks_like: None,
                    ..
                }
            ),
            "{err}"
        );

        let dir = std::env::temp_dir().join(format!("bitext-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (legacy, utf8) = (dir.join("legacy.txt"), dir.join("utf8.txt"));
        std::fs::write(&legacy, &bytes).unwrap();
        std::fs::write(&utf8, "«Déjà vu», کتاب".as_bytes()).unwrap();
        let named = Encoding::for_label("cp1256").unwrap();
        let file = read_file(&legacy, Some(named)).unwrap();
        let expected = persian.replace('ی', "ي").replace('ک', "ك");
        assert_eq!(
            (file.text.as_str(), file.encoding),
            (expected.as_str(), Some("windows-1256"))
        );
        let guessed = Encoding::guess().for_language("fa");
        assert_eq!(
            read_file(&legacy, Some(guessed)).unwrap().encoding,
            Some("windows-1256")
        );
        // UTF-8 stays UTF-8 whatever the encoding says.
        let file = read_file(&utf8, Some(named)).unwrap();
        assert_eq!(
            (file.text.as_str(), file.encoding),
            ("«Déjà vu», کتاب", None)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn encodings_by_label() {
        assert!(Encoding::for_label(" AUTO ").unwrap().is_guess());
        let named = Encoding::for_label("windows-1256").unwrap();
        assert!(!named.is_guess() && Encoding::for_label("cp1256") == Some(named));
        assert!(Encoding::for_label("klingon").is_none());
        assert!("klingon"
            .parse::<Encoding>()
            .unwrap_err()
            .contains("windows-1256"));
        // A byte the encoding does not have is an error at its offset.
        let err = decode(b"ab\x81", encoding_rs::SHIFT_JIS)
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte offset 2: not Shift_JIS"), "{err}");
    }

    #[test]
    fn a_stream_is_decoded_as_a_file_is() {
        let read = |bytes: Vec<u8>, encoding: Option<Encoding>| {
            let (mut input, name) =
                decoding_reader(Box::new(std::io::Cursor::new(bytes)), encoding).unwrap();
            let mut text = String::new();
            input.read_to_string(&mut text).map(|_| (text, name))
        };
        let persian = "en,fa\nBooks.,کتاب‌ها.\n";
        let guess = Some(Encoding::guess().for_language("fa"));
        assert_eq!(
            read(windows_1256(persian), guess).unwrap(),
            (persian.replace('ک', "ك"), Some("windows-1256"))
        );
        assert!(read(windows_1256(persian), None).is_err());
        let utf16: Vec<u8> = "\u{feff}en,fa\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(read(utf16, None).unwrap(), ("en,fa\n".to_string(), None));
        // A character cut by the first megabyte's end is still UTF-8.
        let mut long = "a".repeat(SNIFF - 1).into_bytes();
        long.extend_from_slice("é,کتاب\n".as_bytes());
        let (text, name) = read(long.clone(), guess).unwrap();
        assert_eq!((text.len(), name), (long.len(), None));
    }

    #[test]
    fn text_is_returned_unchanged() {
        let text = "\u{feff}a\r\nb".to_string();
        assert_eq!(decode_text(text.clone().into_bytes()).unwrap(), text);
    }
}
