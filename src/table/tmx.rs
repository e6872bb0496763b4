//! Reading a TMX translation memory one `<tu>` at a time (the reading half
//! of `write::TmxWriter`, so `check` can judge what a CAT tool exported).
//!
//! Only what a corpus needs is kept: each `<tuv>`'s language and the text
//! of its `<seg>`, and the `<prop>`s of the `<tu>`. Inline codes (`<bpt>`,
//! `<ept>`, `<it>`, `<ph>`, `<ut>`) hold the original document's
//! formatting, not text, and are left out of the text; the text of `<hi>`
//! is kept. A `<seg>` holding inline elements is kept as it was written
//! too ([`Unit::markup`]), so a TMX written back keeps its tags and
//! placeholders.

use std::io::BufRead;

use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

/// One translation unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unit {
    /// (language tag, text) of each `<tuv>`, in order.
    pub variants: Vec<(String, String)>,
    /// The `<seg>` content of each variant, as written (inline elements,
    /// escapes and all), where it holds inline elements; `None` where its
    /// text is all it holds.
    pub markup: Vec<Option<String>>,
    /// (type, text) of each `<prop>` of the `<tu>`, `x-` removed from the
    /// type.
    pub props: Vec<(String, String)>,
    /// Byte offset of the `<tu>`.
    pub offset: u64,
}

/// Streams the units of a TMX document.
pub struct Units<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    /// The root element has been seen (and was `<tmx>`).
    rooted: bool,
}

/// Where capturing text goes.
#[derive(Clone, Copy, PartialEq)]
enum Capture {
    None,
    Prop,
    Seg,
}

/// A malformed document: the byte offset and what is wrong.
pub type Malformed = (u64, String);

impl<R: BufRead> Units<R> {
    /// Units read from `input`.
    pub fn new(input: R) -> Self {
        Units {
            reader: Reader::from_reader(input),
            buf: Vec::new(),
            rooted: false,
        }
    }

    /// The next `<tu>`, `None` after the last.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, Malformed> {
        let mut unit: Option<Unit> = None;
        let mut capture = Capture::None;
        let mut text = String::new();
        let mut prop_type = String::new();
        let mut lang = String::new();
        // Depth inside inline codes, whose content is not text.
        let mut code_depth = 0usize;
        // The `<seg>` as written, and whether it holds an inline element.
        let mut markup = String::new();
        let mut inline = false;
        loop {
            self.buf.clear();
            let at = self.reader.buffer_position();
            let event = self
                .reader
                .read_event_into(&mut self.buf)
                .map_err(|e| (self.reader.error_position(), format!("malformed XML: {e}")))?;
            if capture == Capture::Seg {
                inline |= keep_markup(&event, &mut markup);
            }
            match event {
                Event::Start(e) | Event::Empty(e) if !self.rooted => {
                    let name = e.local_name();
                    if name.as_ref() != b"tmx" {
                        return Err((
                            at,
                            format!(
                                "not a TMX document: the root element is <{}>, not <tmx>",
                                String::from_utf8_lossy(name.as_ref())
                            ),
                        ));
                    }
                    self.rooted = true;
                }
                Event::Start(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        b"tu" => {
                            unit = Some(Unit {
                                offset: at,
                                ..Unit::default()
                            })
                        }
                        b"tuv" if unit.is_some() => {
                            lang = attribute(&e, &[b"xml:lang", b"lang"]).unwrap_or_default();
                        }
                        b"seg" if unit.is_some() => {
                            capture = Capture::Seg;
                            text.clear();
                            markup.clear();
                            inline = false;
                        }
                        b"prop"
                            if unit.is_some() && capture == Capture::None && lang.is_empty() =>
                        {
                            capture = Capture::Prop;
                            prop_type = attribute(&e, &[b"type"]).unwrap_or_default();
                            text.clear();
                        }
                        b"bpt" | b"ept" | b"it" | b"ph" | b"ut" if capture == Capture::Seg => {
                            code_depth += 1;
                        }
                        _ => {}
                    }
                }
                Event::Empty(e) if e.local_name().as_ref() == b"seg" && unit.is_some() => {
                    text.clear();
                    push_variant(&mut unit, &mut lang, &mut text, None);
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"seg" if capture == Capture::Seg => {
                        capture = Capture::None;
                        // The `</seg>` itself was kept last: not content.
                        markup.truncate(markup.len() - e.len() - 3);
                        let markup = inline.then(|| std::mem::take(&mut markup));
                        push_variant(&mut unit, &mut lang, &mut text, markup);
                    }
                    b"tuv" => lang.clear(),
                    b"prop" if capture == Capture::Prop => {
                        capture = Capture::None;
                        let name = prop_type.strip_prefix("x-").unwrap_or(&prop_type);
                        if let Some(unit) = unit.as_mut() {
                            unit.props
                                .push((name.to_string(), std::mem::take(&mut text)));
                        }
                    }
                    b"bpt" | b"ept" | b"it" | b"ph" | b"ut" if code_depth > 0 => code_depth -= 1,
                    b"tu" => {
                        if let Some(unit) = unit.take() {
                            return Ok(Some(unit));
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if capture != Capture::None && code_depth == 0 => {
                    let content = t.xml10_content().map_err(|e| (at, e.to_string()))?;
                    text.push_str(&content);
                }
                Event::CData(t) if capture != Capture::None && code_depth == 0 => {
                    let content = t.decode().map_err(|e| (at, e.to_string()))?;
                    text.push_str(&content);
                }
                Event::GeneralRef(r) if capture != Capture::None && code_depth == 0 => {
                    text.push_str(&reference(&r).map_err(|m| (at, m))?);
                }
                Event::Eof => {
                    return match unit {
                        Some(unit) => {
                            Err((unit.offset, "a <tu> opened here is never closed".into()))
                        }
                        None if !self.rooted => {
                            Err((0, "not a TMX document: no <tmx> element".into()))
                        }
                        None => Ok(None),
                    };
                }
                _ => {}
            }
        }
    }
}

fn push_variant(
    unit: &mut Option<Unit>,
    lang: &mut String,
    text: &mut String,
    markup: Option<String>,
) {
    if let Some(unit) = unit.as_mut() {
        unit.variants
            .push((std::mem::take(lang), std::mem::take(text)));
        unit.markup.push(markup);
    }
}

/// Appends `event` inside a `<seg>` to `markup` as it was written, and
/// says whether it is an inline element. quick-xml hands over each tag's
/// and text's bytes as they stand in the file (escapes unresolved), so the
/// content is rebuilt byte for byte but for comments and processing
/// instructions, which a segment has no use for.
fn keep_markup(event: &Event, markup: &mut String) -> bool {
    let (open, bytes, close, inline): (&str, &[u8], &str, bool) = match event {
        Event::Start(e) => ("<", e, ">", true),
        Event::Empty(e) => ("<", e, "/>", true),
        Event::End(e) => ("</", e, ">", false),
        Event::Text(t) => ("", t, "", false),
        Event::CData(t) => ("<![CDATA[", t, "]]>", false),
        Event::GeneralRef(r) => ("&", r, ";", false),
        _ => return false,
    };
    markup.push_str(open);
    markup.push_str(&String::from_utf8_lossy(bytes));
    markup.push_str(close);
    inline
}

/// The first of `names` the element has, unescaped.
pub(crate) fn attribute(e: &quick_xml::events::BytesStart, names: &[&[u8]]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        names.contains(&a.key.as_ref()).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// `&amp;`, `&#13;` …: the five predefined entities and character
/// references (a TMX document declares no others).
pub(crate) fn reference(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

/// What fills a column: a language's text, or a prop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// The `<tuv>` of this language tag (compared without case).
    Lang(String),
    /// The `<prop>` of this type.
    Prop(String),
}

/// The columns a unit gives: its `doc` prop first, then its languages
/// (each named by its primary subtag, `EN-US` → `en`, or by its whole tag
/// when two share one), then its other props; and what fills each.
pub fn columns(unit: &Unit) -> (Vec<String>, Vec<(Key, usize)>) {
    let mut header = Vec::new();
    let mut keys = Vec::new();
    let mut add = |name: String, key: Key| {
        keys.push((key, header.len()));
        header.push(name);
    };
    let is_doc = |name: &str| name.eq_ignore_ascii_case("doc");
    if let Some((name, _)) = unit.props.iter().find(|(name, _)| is_doc(name)) {
        add(name.clone(), Key::Prop(name.clone()));
    }
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase()
    };
    for (tag, _) in &unit.variants {
        let shared = unit
            .variants
            .iter()
            .filter(|(other, _)| primary(other) == primary(tag))
            .count()
            > 1;
        let name = if shared {
            tag.to_ascii_lowercase()
        } else {
            primary(tag)
        };
        add(name, Key::Lang(tag.to_ascii_lowercase()));
    }
    for (name, _) in unit.props.iter().filter(|(name, _)| !is_doc(name)) {
        add(name.clone(), Key::Prop(name.clone()));
    }
    (header, keys)
}

/// A unit's cells in the columns `keys` fill (`width` of them), and how
/// many fields that makes: one the columns have no place for (a language or
/// prop the first unit lacked) goes after them, as a ragged row's cells.
/// Third, each cell's [`Unit::markup`], where its seg holds inline elements.
pub fn cells(
    unit: &Unit,
    keys: &[(Key, usize)],
    width: usize,
) -> (Vec<String>, usize, Vec<Option<String>>) {
    let mut cells = vec![String::new(); width];
    let mut markup = vec![None; width];
    let mut place = |key: Key, value: &str, kept: Option<&String>| {
        let i = match keys.iter().find(|(k, _)| *k == key) {
            Some((_, i)) => *i,
            None => {
                cells.push(String::new());
                markup.push(None);
                cells.len() - 1
            }
        };
        cells[i] = value.to_string();
        markup[i] = kept.cloned();
    };
    for ((tag, text), kept) in unit.variants.iter().zip(&unit.markup) {
        place(Key::Lang(tag.to_ascii_lowercase()), text, kept.as_ref());
    }
    for (name, value) in &unit.props {
        place(Key::Prop(name.clone()), value, None);
    }
    let fields = cells.len();
    (cells, fields, markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(xml: &str) -> Result<Vec<Unit>, Malformed> {
        let mut reader = Units::new(xml.as_bytes());
        let mut out = Vec::new();
        while let Some(unit) = reader.next_unit()? {
            out.push(unit);
        }
        Ok(out)
    }

    #[test]
    fn reads_variants_props_and_inline_text() {
        let xml = r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
            <tu tuid="1"><prop type="x-doc">a &amp; b</prop><note>n</note>
              <tuv xml:lang="EN-US"><prop type="p">no</prop><seg>Hi <bpt i="1">&lt;b&gt;</bpt><hi>you</hi><ept i="1">&lt;/b&gt;</ept>&#13;!</seg></tuv>
              <tuv lang="fa"><seg><![CDATA[<سلام>]]></seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg/></tuv></tu></body></tmx>"#;
        let got = units(xml).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].props, [("doc".to_string(), "a & b".to_string())]);
        assert_eq!(
            got[0].variants,
            [
                ("EN-US".to_string(), "Hi you\r!".to_string()),
                ("fa".to_string(), "<سلام>".to_string())
            ]
        );
        assert_eq!(got[1].variants, [("en".to_string(), String::new())]);
        // The seg with inline codes is kept as written; the plain one not.
        assert_eq!(
            got[0].markup,
            [
                Some(
                    r#"Hi <bpt i="1">&lt;b&gt;</bpt><hi>you</hi><ept i="1">&lt;/b&gt;</ept>&#13;!"#
                        .to_string()
                ),
                None
            ]
        );
        assert_eq!(got[1].markup, [None]);
    }

    #[test]
    fn malformed_documents_name_a_byte_offset() {
        assert!(units("<html></html>")
            .unwrap_err()
            .1
            .contains("root element is <html>"));
        let (at, message) =
            units("<tmx><body><tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>").unwrap_err();
        assert_eq!(
            (at, message.as_str()),
            (11, "a <tu> opened here is never closed")
        );
        assert!(
            units("<tmx><body><tu><tuv><seg>&nbsp;</seg></tuv></tu></body></tmx>")
                .unwrap_err()
                .1
                .contains("&nbsp;")
        );
        assert!(units("").unwrap_err().1.contains("no <tmx>"));
    }
}
