//! Documents that are zip archives of XML read as their text: a Word
//! document (`.docx`), an OpenDocument text (`.odt`, LibreOffice's) and an
//! EPUB book — the forms a translated report, contract or novel most often
//! comes in.
//!
//! [`unpack`] gives the text of the document's body: one paragraph (a
//! heading, a list item, a table cell's paragraph, a text box's) per line,
//! a blank line between paragraphs, so every way of reading line breaks
//! reads them as paragraphs. What is not the running text is left out:
//! Word's deleted text of tracked changes, field codes, headers, footers,
//! footnotes and comments; OpenDocument's notes, annotations and tracked
//! changes; an EPUB's navigation and the items its spine marks as not part
//! of the reading order. Files that look like documents bitext cannot read
//! (a PDF, an RTF file, a Word 97–2003 `.doc`, an encrypted Office file,
//! another zip archive) are an error that says what to do.
//!
//! The zip archive is read by the `zip` crate and the XML by `quick-xml`;
//! only which elements hold text is decided here (no crate reads these
//! formats' text without pulling in a whole office suite's model).

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::{Error, ErrorKind, Result};

/// A packaged document format that bitext reads as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Package {
    /// Office Open XML, a Word document (`.docx`).
    Word,
    /// OpenDocument text (`.odt`).
    OpenDocument,
    /// An EPUB book (`.epub`).
    Epub,
}

impl Package {
    /// The format's name, for a user.
    pub fn name(self) -> &'static str {
        match self {
            Package::Word => "a Word document",
            Package::OpenDocument => "an OpenDocument text",
            Package::Epub => "an EPUB book",
        }
    }
}

/// The text of a packaged document (see the module's documentation) and
/// its format; `None` when `bytes` are no packaged document and no other
/// format that is refused (they are then read as text). A zip archive that
/// is not one of the three, a PDF, an RTF file, an OLE file (a `.doc`, an
/// encrypted `.docx`), or a damaged document is an error.
pub fn unpack(bytes: &[u8]) -> Option<Result<(Package, String)>> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Err(refused(
            "is a PDF, which bitext does not read: extract its text first (`pdftotext FILE.pdf FILE.txt`; bitext reads the hard-wrapped text that gives)",
        )));
    }
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Some(Err(refused(
            "is an OLE compound file — a Word 97–2003 .doc, or an Office document protected by a password: save it as .docx (unprotected) or as plain text",
        )));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(Err(refused(
            "is an RTF document, which bitext does not read (its control words would be read as words): save it as .docx, .odt or plain text",
        )));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    Some(unzip(bytes))
}

fn refused(message: &str) -> Error {
    Error::new(ErrorKind::Format {
        line: 0,
        message: message.to_string(),
    })
}

/// The most a part of a document may unpack to: a guard against a zip
/// bomb (a novel's text is a few MB; Word's XML some ten times that).
const MAX_PART: u64 = 1 << 30;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn unzip(bytes: &[u8]) -> Result<(Package, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refused(&format!("is a zip archive that cannot be read: {e}")))?;
    let has = |archive: &Archive, name: &str| archive.index_for_name(name).is_some();
    let mimetype = if has(&archive, "mimetype") {
        part(&mut archive, "mimetype")?
    } else {
        String::new()
    };
    let mimetype = mimetype.trim();
    if has(&archive, "word/document.xml") {
        let xml = part(&mut archive, "word/document.xml")?;
        let text = word_text(&xml).map_err(|e| at_part("word/document.xml", e))?;
        Ok((Package::Word, text))
    } else if mimetype == "application/epub+zip" || has(&archive, "META-INF/container.xml") {
        epub_text(&mut archive).map(|text| (Package::Epub, text))
    } else if mimetype.starts_with("application/vnd.oasis.opendocument.text")
        || (mimetype.is_empty() && has(&archive, "content.xml"))
    {
        let xml = part(&mut archive, "content.xml")?;
        let text = odt_text(&xml).map_err(|e| at_part("content.xml", e))?;
        Ok((Package::OpenDocument, text))
    } else {
        let kind = if mimetype.is_empty() {
            String::new()
        } else {
            format!(" ({mimetype})")
        };
        Err(refused(&format!(
            "is a zip archive{kind}, not a Word (.docx), OpenDocument text (.odt) or EPUB document: unpack it, or save the document as one of those or as plain text"
        )))
    }
}

/// A part of the archive as UTF-8 text.
fn part(archive: &mut Archive, name: &str) -> Result<String> {
    let file = archive
        .by_name(name)
        .map_err(|e| refused(&format!("{name} cannot be read from the archive: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refused(&format!("{name} cannot be unpacked: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(refused(&format!(
            "{name} unpacks to more than {} GiB",
            MAX_PART >> 30
        )));
    }
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    bytes.drain(..bom);
    String::from_utf8(bytes).map_err(|e| {
        refused(&format!(
            "{name} is not UTF-8 at byte offset {} (bitext reads documents saved in UTF-8)",
            bom + e.utf8_error().valid_up_to()
        ))
    })
}

/// An XML error inside a part: (byte offset in the part, message).
type XmlError = (u64, String);

fn at_part(name: &str, (offset, message): XmlError) -> Error {
    refused(&format!(
        "{name}, byte offset {offset}: {message} (the document is damaged)"
    ))
}

/// The paragraphs read so far, and those being read (a paragraph inside
/// another — a text box's, a frame's — is a paragraph of its own, output
/// before the one it stands in).
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    open: Vec<String>,
}

impl Paragraphs {
    fn start(&mut self) {
        self.open.push(String::new());
    }

    fn end(&mut self) {
        if let Some(text) = self.open.pop() {
            let text = text.trim();
            if !text.is_empty() {
                self.done.push(text.to_string());
            }
        }
    }

    /// Text in the innermost open paragraph (none outside one: Word keeps
    /// all text in paragraphs, and so does OpenDocument's body).
    fn push(&mut self, text: &str) {
        if let Some(paragraph) = self.open.last_mut() {
            paragraph.push_str(text);
        }
    }

    /// Whitespace as one space, none at a paragraph's start.
    fn space(&mut self) {
        if let Some(paragraph) = self.open.last_mut() {
            if !paragraph.is_empty() && !paragraph.ends_with(' ') {
                paragraph.push(' ');
            }
        }
    }

    fn text(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.done.join("\n\n")
    }
}

const WORD: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// ISO/IEC 29500 Strict's namespace for the same elements.
const WORD_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility: `mc:Fallback` repeats what `mc:Choice` holds
/// (a text box drawn twice, for old readers).
const MARKUP_COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// One XML event, by what it is to a text reader.
enum Node<'a> {
    /// A start tag: (namespace, local name, the tag), and whether it is
    /// also its end (`<w:tab/>`).
    Open(&'a [u8], &'a [u8], &'a BytesStart<'a>, bool),
    /// An end tag: (namespace, local name).
    Close(&'a [u8], &'a [u8]),
    /// Character data, references resolved.
    Text(&'a str),
}

/// Reads `xml`, calling `visit` with each node; stops at the first error.
fn walk(xml: &str, mut visit: impl FnMut(Node)) -> std::result::Result<(), XmlError> {
    let mut reader = NsReader::from_str(xml);
    let mut text = String::new();
    loop {
        let at = reader.buffer_position();
        let read = reader.read_resolved_event();
        let (ns, event) = match read {
            Ok(read) => read,
            Err(e) => {
                let message = format!("malformed XML: {e}");
                return Err((reader.error_position(), message));
            }
        };
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.into_inner(),
            _ => &[],
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                visit(Node::Open(
                    ns,
                    name.as_ref(),
                    e,
                    matches!(event, Event::Empty(_)),
                ));
            }
            Event::End(e) => visit(Node::Close(ns, e.local_name().as_ref())),
            Event::Text(t) => {
                let content = t.xml10_content().map_err(|e| (at, e.to_string()))?;
                visit(Node::Text(&content));
            }
            Event::CData(t) => {
                let content = t.decode().map_err(|e| (at, e.to_string()))?;
                visit(Node::Text(&content));
            }
            Event::GeneralRef(r) => {
                text.clear();
                text.push_str(&crate::table::tmx::reference(r).map_err(|m| (at, m))?);
                visit(Node::Text(&text));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The text of a Word document's `word/document.xml`: each `<w:p>` a
/// paragraph, its runs' `<w:t>` text, a tab or a line break a space.
/// Deleted text (`<w:delText>`) and field codes (`<w:instrText>`) are
/// other elements, so reading only `<w:t>` leaves them out; text moved
/// away in tracked changes (`<w:moveFrom>`), the properties (whose
/// `<w:tab>` is a tab stop) and markup-compatibility fallbacks (a text
/// box drawn again for old readers) are skipped.
fn word_text(xml: &str) -> std::result::Result<String, XmlError> {
    let mut paragraphs = Paragraphs::default();
    // Depth inside `<w:t>`, and inside elements whose content is skipped.
    let (mut in_text, mut skipped) = (0usize, 0usize);
    let is_skipped = |ns: &[u8], name: &[u8]| {
        (ns == MARKUP_COMPATIBILITY && name == b"Fallback")
            || (is_word(ns) && matches!(name, b"pPr" | b"rPr" | b"moveFrom"))
    };
    walk(xml, |node| match node {
        Node::Open(ns, name, _, empty) => {
            if skipped > 0 || is_skipped(ns, name) {
                // Depth inside the skipped element.
                skipped += usize::from(!empty);
            } else if is_word(ns) {
                match name {
                    b"p" => {
                        paragraphs.start();
                        if empty {
                            paragraphs.end();
                        }
                    }
                    b"t" if !empty => in_text += 1,
                    b"tab" | b"br" | b"cr" | b"ptab" => paragraphs.space(),
                    b"noBreakHyphen" => paragraphs.push("-"),
                    _ => {}
                }
            }
        }
        Node::Close(ns, name) => {
            if skipped > 0 {
                skipped -= 1;
            } else if is_word(ns) && name == b"p" {
                paragraphs.end();
            } else if is_word(ns) && name == b"t" {
                in_text = in_text.saturating_sub(1);
            }
        }
        Node::Text(text) if in_text > 0 && skipped == 0 => paragraphs.push(text),
        Node::Text(_) => {}
    })?;
    Ok(paragraphs.text())
}

fn is_word(ns: &[u8]) -> bool {
    ns == WORD || ns == WORD_STRICT
}

const ODF_TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const ODF_OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The text of an OpenDocument's `content.xml`: each `<text:p>` and
/// `<text:h>` a paragraph; whitespace collapsed as the format says,
/// `<text:s>`, `<text:tab>` and `<text:line-break>` a space; notes,
/// annotations, tracked changes (the deleted text) and an index's title
/// template (the title shown is in the index's body) left out.
fn odt_text(xml: &str) -> std::result::Result<String, XmlError> {
    let mut paragraphs = Paragraphs::default();
    let (mut in_body, mut skipped) = (0usize, 0usize);
    let is_skipped = |ns: &[u8], name: &[u8]| {
        (ns == ODF_TEXT && matches!(name, b"note" | b"tracked-changes" | b"index-title-template"))
            || (ns == ODF_OFFICE && matches!(name, b"annotation" | b"annotation-end"))
    };
    walk(xml, |node| match node {
        Node::Open(ns, name, _, empty) => {
            if skipped > 0 || is_skipped(ns, name) {
                skipped += usize::from(!empty);
            } else if ns == ODF_OFFICE && name == b"body" {
                in_body += usize::from(!empty);
            } else if ns == ODF_TEXT && in_body > 0 {
                match name {
                    b"p" | b"h" if !empty => paragraphs.start(),
                    b"s" | b"tab" | b"line-break" => paragraphs.space(),
                    _ => {}
                }
            }
        }
        Node::Close(ns, name) => {
            if skipped > 0 {
                skipped -= 1;
            } else if ns == ODF_OFFICE && name == b"body" {
                in_body = in_body.saturating_sub(1);
            } else if ns == ODF_TEXT && matches!(name, b"p" | b"h") {
                paragraphs.end();
            }
        }
        Node::Text(text) if skipped == 0 && in_body > 0 => {
            for piece in text.split_inclusive(char::is_whitespace) {
                let word = piece.trim_end_matches(char::is_whitespace);
                paragraphs.push(word);
                if word.len() < piece.len() {
                    paragraphs.space();
                }
            }
        }
        Node::Text(_) => {}
    })?;
    Ok(paragraphs.text())
}

/// The text of an EPUB: its spine's documents in reading order (items
/// marked `linear="no"` — notes, pop-ups — left out), each read as a web
/// page (see [`crate::html`]), a blank line between paragraphs.
fn epub_text(archive: &mut Archive) -> Result<String> {
    let container = part(archive, "META-INF/container.xml")?;
    let opf_path = first_attribute(&container, b"rootfile", b"full-path")
        .map_err(|e| at_part("META-INF/container.xml", e))?
        .ok_or_else(|| refused("META-INF/container.xml names no package (<rootfile full-path>): the book is damaged"))?;
    let opf = part(archive, &opf_path)?;
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let spine = spine(&opf).map_err(|e| at_part(&opf_path, e))?;
    let mut paragraphs = Vec::new();
    for href in spine {
        let path = resolve(base, &href);
        let page = part(archive, &path)?;
        let text = crate::html::page_text(&page);
        paragraphs.extend(text.lines().map(str::to_string));
    }
    Ok(paragraphs.join("\n\n"))
}

/// The value of `attribute` on the first `element` of `xml`.
fn first_attribute(
    xml: &str,
    element: &[u8],
    attribute: &[u8],
) -> std::result::Result<Option<String>, XmlError> {
    let mut found = None;
    walk(xml, |node| {
        if let Node::Open(_, name, tag, _) = node {
            if found.is_none() && name == element {
                found = attribute_value(tag, attribute);
            }
        }
    })?;
    Ok(found)
}

/// An attribute's value, unescaped (the container's and the package
/// document's attributes are unprefixed).
fn attribute_value(tag: &BytesStart, name: &[u8]) -> Option<String> {
    crate::table::tmx::attribute(tag, &[name])
}

/// The hrefs of a package document's spine, in reading order: each
/// `<itemref idref>` (not `linear="no"`) looked up in the `<manifest>`.
fn spine(opf: &str) -> std::result::Result<Vec<String>, XmlError> {
    let mut manifest = std::collections::HashMap::new();
    let mut order = Vec::new();
    walk(opf, |node| {
        let Node::Open(_, name, tag, _) = node else {
            return;
        };
        match name {
            b"item" => {
                if let (Some(id), Some(href)) =
                    (attribute_value(tag, b"id"), attribute_value(tag, b"href"))
                {
                    manifest.insert(id, href);
                }
            }
            b"itemref" if attribute_value(tag, b"linear").as_deref() != Some("no") => {
                order.extend(attribute_value(tag, b"idref"));
            }
            _ => {}
        }
    })?;
    Ok(order
        .iter()
        .filter_map(|id| manifest.get(id).cloned())
        .collect())
}

/// An href of the package document as a path in the archive: relative to
/// the package's folder, `..` and `.` resolved, a fragment dropped, and
/// `%XX` escapes decoded.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let mut parts: Vec<String> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    for piece in href.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(percent_decoded(piece)),
        }
    }
    parts.join("/")
}

/// `%20` and the like as the bytes they stand for (UTF-8); anything else
/// as it is. By hand: a dozen lines, where the crate adds an encoder too.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests;
