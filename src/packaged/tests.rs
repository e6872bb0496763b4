use std::io::Write;

use proptest::prelude::*;
use zip::write::SimpleFileOptions;

use super::*;

/// A zip archive of `files` (name, content), deflated as office suites
/// write them, the first stored as EPUB asks of its `mimetype`.
fn archive(files: &[(&str, &str)]) -> Vec<u8> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    archive_bytes(&files)
}

fn archive_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (k, (name, content)) in files.iter().enumerate() {
        let method = if k == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn word(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    archive(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &xml),
    ])
}

fn text_of(bytes: &[u8]) -> (Package, String) {
    unpack(bytes).expect("a packaged document").unwrap()
}

fn error_of(bytes: &[u8]) -> String {
    unpack(bytes).expect("refused").unwrap_err().to_string()
}

#[test]
fn a_word_document_is_its_paragraphs_text_without_what_is_not_running_text() {
    let body = r#"
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
  <w:r><w:t>The council </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>appro</w:t></w:r><w:r><w:t>ved the budget &amp; the plan.</w:t></w:r>
  <w:del w:id="1"><w:r><w:delText>Old words.</w:delText></w:r></w:del>
  <w:ins w:id="2"><w:r><w:t xml:space="preserve"> New words.</w:t></w:r></w:ins>
</w:p>
<w:p/>
<w:p><w:r><w:t>Page</w:t><w:tab/><w:t>one</w:t><w:br/><w:t xml:space="preserve">two </w:t></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:moveFrom w:id="3"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom>
  <w:r><w:t xml:space="preserve"> well</w:t><w:noBreakHyphen/><w:t>known</w:t></w:r>
</w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>In the box.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>In the box.</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>
</mc:AlternateContent></w:r><w:r><w:t> After it.</w:t></w:r></w:p>"#;
    let (package, text) = text_of(&word(body));
    assert_eq!(package, Package::Word);
    assert_eq!(
        text,
        "The council approved the budget & the plan. New words.\n\n\
         Page one two 7 well-known\n\n\
         Cell one.\n\nCell two.\n\n\
         In the box.\n\n\
         Before the box. After it."
    );
}

#[test]
fn a_strict_word_document_is_read_too() {
    let xml = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>Strict.</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = archive(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", xml),
    ]);
    assert_eq!(text_of(&bytes).1, "Strict.");
}

#[test]
fn an_opendocument_text_is_its_paragraphs_and_headings() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles><text:list-style/></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>Deleted words.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">شورا   بودجه را
 تصویب کرد</text:h>
<text:p>Two<text:s text:c="3"/>spaces,<text:tab/>a tab<text:line-break/>and a break.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note></text:p>
<text:p><office:annotation><dc:creator>Ed</dc:creator><text:p>A comment.</text:p></office:annotation>Commented.</text:p>
<text:list><text:list-item><text:p>An item.</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>A cell.</text:p></table:table-cell></table:table-row></table:table>
<text:p><draw:frame><draw:text-box><text:p>A text box.</text:p></draw:text-box></draw:frame>By a frame.</text:p>
<text:p/>
</office:text></office:body></office:document-content>"#;
    let bytes = archive(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", xml),
    ]);
    let (package, text) = text_of(&bytes);
    assert_eq!(package, Package::OpenDocument);
    assert_eq!(
        text,
        "شورا بودجه را تصویب کرد\n\n\
         Two spaces, a tab and a break.\n\n\
         Commented.\n\nAn item.\n\nA cell.\n\n\
         A text box.\n\nBy a frame."
    );
}

fn epub(opf_path: &str, opf: &str, pages: &[(&str, &str)]) -> Vec<u8> {
    let container = format!(
        r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="{opf_path}" media-type="application/oebps-package+xml"/></rootfiles></container>"#
    );
    let mut files = vec![
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", container.as_str()),
        (opf_path, opf),
    ];
    files.extend_from_slice(pages);
    archive(&files)
}

fn xhtml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Chapter</title><style>p {{ margin: 0 }}</style></head><body>{body}</body></html>"
    )
}

#[test]
fn an_epub_is_its_spine_in_reading_order() {
    let opf = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<manifest>
  <item id="c2" href="text/chapter%202.xhtml" media-type="application/xhtml+xml"/>
  <item id="c1" href="text/one.xhtml#start" media-type="application/xhtml+xml"/>
  <item id="notes" href="notes.xhtml" media-type="application/xhtml+xml"/>
  <item id="up" href="../Extra/after.xhtml" media-type="application/xhtml+xml"/>
  <item id="css" href="style.css" media-type="text/css"/>
</manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="notes" linear="no"/><itemref idref="up"/></spine>
</package>"#;
    let (one, two, notes, after) = (
        xhtml("<h1>Chapter One</h1><p>It was a dark night.<br/>The end &amp; after.</p>"),
        xhtml("<p>The second chapter.</p>"),
        xhtml("<p>A note the spine keeps out.</p>"),
        xhtml("<p>After.</p>"),
    );
    let bytes = epub(
        "OEBPS/content.opf",
        opf,
        &[
            ("OEBPS/text/one.xhtml", &one),
            ("OEBPS/text/chapter 2.xhtml", &two),
            ("OEBPS/notes.xhtml", &notes),
            ("Extra/after.xhtml", &after),
        ],
    );
    let (package, text) = text_of(&bytes);
    assert_eq!(package, Package::Epub);
    assert_eq!(
        text,
        "Chapter One\n\nIt was a dark night.\n\nThe end & after.\n\n\
         The second chapter.\n\nAfter."
    );
}

#[test]
fn what_is_not_a_readable_document_is_refused_saying_what_to_do() {
    assert!(error_of(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj").contains("pdftotext"));
    assert!(error_of(b"{\\rtf1\\ansi\\ansicpg1256 {\\fonttbl}").contains("RTF"));
    let ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
    assert!(error_of(&ole).contains("Word 97–2003"));
    let other = archive(&[("a.txt", "hello")]);
    assert!(error_of(&other).contains("not a Word (.docx)"));
    assert!(error_of(b"PK\x03\x04 cut short").contains("cannot be read"));
    let damaged = word("<w:p><w:r><w:t>Open</w:r></w:p>");
    let message = error_of(&damaged);
    assert!(
        message.contains("word/document.xml, byte offset") && message.contains("damaged"),
        "{message}"
    );
    let missing = epub(
        "content.opf",
        r#"<package><manifest><item id="a" href="a.xhtml"/></manifest><spine><itemref idref="a"/></spine></package>"#,
        &[],
    );
    assert!(error_of(&missing).contains("a.xhtml cannot be read"));
    // Text is text, whatever it says.
    assert!(unpack(b"PK is how it starts").is_none());
    assert!(unpack("متن".as_bytes()).is_none());
}

#[test]
fn a_part_not_in_utf8_is_an_error_with_its_offset() {
    let xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>caf\xe9</w:t></w:r></w:p></w:body></w:document>";
    let bytes = archive_bytes(&[("word/document.xml", xml)]);
    let message = error_of(&bytes);
    assert!(
        message.contains("not UTF-8 at byte offset 109"),
        "{message}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any bytes that open as a zip archive are read or refused, never a
    /// panic; a real document cut anywhere is refused or read.
    #[test]
    fn any_archive_is_read_or_refused_without_a_panic(
        tail in proptest::collection::vec(any::<u8>(), 0..400),
        cut in 0usize..2_000,
    ) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = unpack(&bytes);
        let document = word("<w:p><w:r><w:t>Some text.</w:t></w:r></w:p>");
        let _ = unpack(&document[..cut.min(document.len())]);
    }
}
