//! A web page read as its text: the versions of a document most often
//! found side by side are a site's pages in two languages.
//!
//! [`html_text`] gives the text of the page's body, one block (a
//! paragraph, a heading, a list item, a table cell, a line of `<pre>`) a
//! line, each run of whitespace one space, character references decoded
//! (`&amp;`, `&#1662;`, `&nbsp;`), and tags, comments, the `<head>`,
//! scripts, styles and templates left out. Tokenised by html5ever (the
//! WHATWG tokenizer of Servo), which reads malformed pages as browsers do;
//! only which tags break a block is decided here.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Whether `text` is a web page: it opens (after any whitespace or a
/// comment) with a doctype or an `<html>`, `<head>` or `<body>` tag, or
/// is a fragment that opens with a tag and closes a paragraph or a
/// `<div>` among its first 4,000 bytes.
pub fn is_html(text: &str) -> bool {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !text.starts_with('<') {
        return false;
    }
    let mut head = text.get(..4_000).unwrap_or(text);
    while !head.is_char_boundary(head.len()) {
        head = &head[..head.len() - 1];
    }
    let head = head.to_ascii_lowercase();
    // `head` opens with `<`, after which a comment may stand first.
    let opening = if head.starts_with("<!--") {
        head.split_once("-->")
            .map_or("", |(_, rest)| rest.trim_start())
    } else {
        &head
    };
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| opening.starts_with(tag))
        || head.contains("</p>")
        || head.contains("</div>")
}

/// The text of a web page (see the module's documentation), or `None`
/// when `text` is not one (see [`is_html`]).
pub fn html_text(text: &str) -> Option<String> {
    is_html(text).then(|| page_text(text))
}

/// The text of `text` read as a web page, whatever it opens with (an
/// EPUB's XHTML opens with an XML declaration).
pub(crate) fn page_text(text: &str) -> String {
    let sink = Blocks::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let blocks = tokenizer.sink.state.into_inner();
    blocks.lines.join("\n")
}

/// The token sink: the page's blocks so far.
#[derive(Default)]
struct Blocks {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// The finished blocks.
    lines: Vec<String>,
    /// The block being read, its whitespace collapsed.
    line: String,
    /// The element whose content is skipped until its end tag (`head`,
    /// `script`, `style`, a note, …), if any, and how many elements of its
    /// name are open inside it.
    skipping: Option<(String, usize)>,
    /// Inside a `<pre>`: its line breaks end blocks.
    pre: usize,
}

impl State {
    fn text(&mut self, text: &str) {
        if self.skipping.is_some() {
            return;
        }
        for c in text.chars() {
            if c == '\n' && self.pre > 0 {
                self.end_block();
            } else if c.is_whitespace() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    fn end_block(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
    }

    /// A tag: what it does to the blocks, and the raw-text state the
    /// tokenizer must enter after it (a tree builder's work that a bare
    /// tokenizer leaves to its sink: `if (a < b)` in a script is no tag).
    fn tag(&mut self, tag: &Tag) -> Option<RawKind> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((skipped, depth)) = &mut self.skipping {
            if name == skipped {
                match (start, *depth) {
                    (true, _) if !tag.self_closing => *depth += 1,
                    (false, 0) => self.skipping = None,
                    (false, _) => *depth -= 1,
                    _ => {}
                }
            }
            return None;
        }
        if start && !tag.self_closing && (is_skipped(name) || is_note(tag)) {
            // A note's mark inside a sentence leaves the sentence whole.
            if is_skipped(name) || is_block(name) {
                self.end_block();
            }
            self.skipping = Some((name.to_string(), 0));
            return raw_kind(name);
        }
        if name == "pre" {
            self.pre = if start {
                self.pre + 1
            } else {
                self.pre.saturating_sub(1)
            };
        }
        if is_block(name) {
            self.end_block();
        }
        None
    }
}

impl TokenSink for Blocks {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.text(&text),
            Token::TagToken(tag) => {
                if let Some(kind) = state.tag(&tag) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::EOFToken => state.end_block(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Elements whose content is no part of the page's text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "textarea"
            | "select"
            | "noembed"
            | "noframes"
            | "xmp"
    )
}

/// Whether an element is a note or a mark that refers to one, as EPUB
/// books (`epub:type`) and accessible pages (ARIA's `role`) mark them:
/// a note's text is no part of the running text, and its number would
/// read as a number of the sentence it follows.
fn is_note(tag: &Tag) -> bool {
    const NOTES: [&str; 7] = [
        "noteref",
        "footnote",
        "footnotes",
        "endnote",
        "endnotes",
        "rearnote",
        "rearnotes",
    ];
    tag.attrs.iter().any(|a| match &*a.name.local {
        "epub:type" => a.value.split_whitespace().any(|t| NOTES.contains(&t)),
        "role" => a.value.split_whitespace().any(|t| {
            t.strip_prefix("doc-")
                .is_some_and(|t| NOTES.contains(&t) || t == "backlink")
        }),
        _ => false,
    })
}

/// The raw-text state the tokenizer reads a skipped element's content in,
/// as the HTML standard's tree builder sets it.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "noscript" | "iframe" | "noembed" | "noframes" | "xmp" => Some(RawKind::Rawtext),
        "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// Elements that start and end a block of text (a line of the output).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "title"
            | "option"
            | "center"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_its_blocks_without_tags_scripts_or_styles() {
        let page = "<!DOCTYPE html>\n<html><head><title>News</title>\
            <style>p { color: red; }</style></head>\n<body>\n\
            <h1>Council approves   budget</h1>\n\
            <p>The council voted <b>seven</b> to two.<br>It met on\n Tuesday &amp; Wednesday.</p>\
            <script>if (a < b) { document.write('<p>no</p>'); }</script>\
            <!-- a comment --><ul><li>One</li><li>Two&nbsp;more</li></ul>\
            <pre>line one\nline two</pre></body></html>";
        assert_eq!(
            html_text(page).unwrap(),
            "Council approves budget\nThe council voted seven to two.\n\
             It met on Tuesday & Wednesday.\nOne\nTwo more\nline one\nline two"
        );
    }

    #[test]
    fn persian_pages_and_fragments_are_read() {
        let page = "<div dir=\"rtl\"><p>شورای شهر &#1576;ودجه را تصویب کرد.</p>\
            <p>شهردار گفت پل <i>جدید</i> چهار سال طول می‌کشد.</p></div>";
        assert_eq!(
            html_text(page).unwrap(),
            "شورای شهر بودجه را تصویب کرد.\nشهردار گفت پل جدید چهار سال طول می‌کشد."
        );
    }

    #[test]
    fn notes_and_their_marks_are_left_out() {
        // As pandoc writes them in a web page and in an EPUB.
        let page = "<html><body><p>A claim.<a href=\"#fn1\" role=\"doc-noteref\"><sup>1</sup></a> \
            More.</p><section role=\"doc-endnotes\"><section><p>Inner.</p></section><hr/><ol>\
            <li role=\"doc-endnote\"><p>The note.<a role=\"doc-backlink\">↩</a></p></li></ol>\
            </section><p>After the notes.</p>\
            <p>Book.<a epub:type=\"noteref\">2</a></p><aside epub:type=\"footnote\"><p>N.</p></aside>\
            <p>End.</p></body></html>";
        assert_eq!(
            html_text(page).unwrap(),
            "A claim. More.\nAfter the notes.\nBook.\nEnd."
        );
    }

    #[test]
    fn other_text_is_not_html() {
        for text in [
            "The council met. <b> is a tag.",
            "a < b and c > d",
            "<Note> from the editor: read on.\nNext line.",
            "",
        ] {
            assert!(!is_html(text), "{text}");
            assert_eq!(html_text(text), None);
        }
        assert!(is_html("\u{feff}  <!-- saved -->\n<!doctype html><p>x"));
    }
}

#[cfg(test)]
mod props {
    use super::*;

    proptest::proptest! {
        /// Any page, however malformed, is read without a panic into
        /// lines that are each a block's trimmed, non-empty text.
        #[test]
        fn any_page_reads_into_trimmed_lines(
            body in "(<(p|/p|div|br|b|/b|script|/script|style|/style|pre|/pre|td|!--|head|/head)>|[a-z &;#0-9<>\\n\u{628}\u{6cc}\u{a0}])*"
        ) {
            let page = format!("<!doctype html><body>{body}");
            let text = html_text(&page).unwrap();
            for line in text.lines() {
                proptest::prop_assert!(!line.is_empty());
                proptest::prop_assert_eq!(line, line.trim());
                proptest::prop_assert!(!line.contains("  "));
            }
        }
    }
}
