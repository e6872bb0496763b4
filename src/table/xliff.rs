//! Reading an XLIFF file — the bilingual file CAT tools (Trados, memoQ,
//! Phrase, Okapi) exchange — one segment at a time, as the units of a
//! translation memory (see [`super::tmx::Unit`]), so `check` can judge a project's
//! translation as it judges a TMX.
//!
//! XLIFF 1.2 (and 1.0, 1.1): each `<trans-unit>` a row, its `<source>` and
//! `<target>` in the `<file>`'s `source-language` and `target-language`;
//! where the unit is cut into segments (`<seg-source>` with `<mrk
//! mtype="seg">`, as Trados's SDLXLIFF does), each segment a row, its
//! target the target's `<mrk>` of the same `mid`. XLIFF 2.x: each
//! `<segment>` of a `<unit>` a row, the languages the root's `srcLang` and
//! `trgLang`. Units marked `translate="no"`, alternative translations
//! (`<alt-trans>`), original data and tools' own elements (other
//! namespaces: `sdl:`, `mq:`) are left out. Inline codes are formatting,
//! not text: placeholders and paired codes' content (`<ph>`, `<bpt>`,
//! `<x/>`, `<sc/>`) are left out, the text inside `<g>`, `<pc>` and
//! `<mrk>` is kept, and `<cp hex>` is its character. Each row has the
//! columns `doc` (the file's `original`), the two languages, `id` and
//! `note`, so every row has the same fields.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::tmx::{attribute, reference, Malformed, Unit};

/// Streams the segments of an XLIFF document as units.
pub struct Units<R: BufRead> {
    reader: NsReader<R>,
    buf: Vec<u8>,
    /// The root element has been seen (and was `<xliff>`).
    rooted: bool,
    /// XLIFF 2: the root's languages.
    langs: (String, String),
    /// The current `<file>`'s `original` (or id).
    doc: String,
    /// Rows read but not yet handed out (a unit of several segments).
    ready: std::collections::VecDeque<Unit>,
}

/// What the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Source,
    SegSource,
    Target,
    Note,
}

/// A unit being read.
#[derive(Default)]
struct Open {
    offset: u64,
    id: String,
    skipped: bool,
    /// XLIFF 2's segments (source, target), or 1.2's whole source and
    /// target.
    segments: Vec<(String, String)>,
    /// 1.2's `<mrk mtype="seg">` segments of `<seg-source>` and of
    /// `<target>`: (mid, text), in order.
    seg_source: Vec<(String, String)>,
    seg_target: HashMap<String, String>,
    notes: Vec<String>,
}

impl<R: BufRead> Units<R> {
    /// Units read from `input`.
    pub fn new(input: R) -> Self {
        Units {
            reader: NsReader::from_reader(input),
            buf: Vec::new(),
            rooted: false,
            langs: Default::default(),
            doc: String::new(),
            ready: Default::default(),
        }
    }

    /// The next segment as a unit, `None` after the last.
    pub fn next_unit(&mut self) -> Result<Option<Unit>, Malformed> {
        if let Some(unit) = self.ready.pop_front() {
            return Ok(Some(unit));
        }
        self.read_unit()?;
        Ok(self.ready.pop_front())
    }

    /// Reads up to the end of the next translatable unit (or of the
    /// document), queueing its rows.
    fn read_unit(&mut self) -> Result<(), Malformed> {
        let mut open: Option<Open> = None;
        // Where text goes, and how deep in elements whose content is not
        // text (codes, alternatives, other namespaces) the reader is.
        let mut part: Option<Part> = None;
        let mut skip_depth = 0usize;
        // 1.2's segment being read (its mid), inside seg-source or target.
        let mut mrk: Option<(String, usize)> = None;
        let mut depth = 0usize;
        let mut text = String::new();
        loop {
            self.buf.clear();
            let at = self.reader.buffer_position();
            let (ns, event) = match self.reader.read_resolved_event_into(&mut self.buf) {
                Ok((ns, event)) => (is_xliff(&ns), event.into_owned()),
                Err(e) => {
                    let message = format!("malformed XML: {e}");
                    return Err((self.reader.error_position(), message));
                }
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(event, Event::Empty(_));
                    let name = e.local_name();
                    let name = name.as_ref();
                    if !self.rooted {
                        if name != b"xliff" {
                            return Err((
                                at,
                                format!(
                                    "not an XLIFF document: the root element is <{}>, not <xliff>",
                                    String::from_utf8_lossy(name)
                                ),
                            ));
                        }
                        self.rooted = true;
                        self.langs = (
                            attribute(e, &[b"srcLang"]).unwrap_or_default(),
                            attribute(e, &[b"trgLang"]).unwrap_or_default(),
                        );
                        continue;
                    }
                    if skip_depth > 0 || !ns {
                        skip_depth += usize::from(!empty);
                        continue;
                    }
                    if !empty {
                        depth += 1;
                    }
                    match (name, open.as_mut()) {
                        (b"file", _) => self.open_file(e),
                        (b"trans-unit" | b"unit", None) if !empty => {
                            open = Some(Open {
                                offset: at,
                                id: attribute(e, &[b"id"]).unwrap_or_default(),
                                skipped: attribute(e, &[b"translate"]).as_deref() == Some("no"),
                                ..Open::default()
                            });
                            depth = 1;
                        }
                        (_, None) => {}
                        (b"alt-trans" | b"originalData" | b"ignorable", Some(_)) if !empty => {
                            skip_depth = 1;
                            depth -= 1;
                        }
                        (b"source" | b"target" | b"seg-source", Some(unit)) if !empty => {
                            part = Some(match name {
                                b"source" => Part::Source,
                                b"target" => Part::Target,
                                _ => Part::SegSource,
                            });
                            if name == b"source" {
                                unit.segments.push(Default::default());
                            }
                            text.clear();
                        }
                        (b"note", Some(_)) if !empty => {
                            part = Some(Part::Note);
                            text.clear();
                        }
                        (b"mrk", Some(_))
                            if !empty
                                && attribute(e, &[b"mtype"]).as_deref() == Some("seg")
                                && matches!(part, Some(Part::SegSource | Part::Target)) =>
                        {
                            let mid = attribute(e, &[b"mid"]).unwrap_or_default();
                            mrk = Some((mid, text.len()));
                        }
                        (b"cp", Some(_)) if part.is_some() => {
                            let c = attribute(e, &[b"hex"])
                                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                .and_then(char::from_u32);
                            text.extend(c);
                        }
                        (name, Some(_)) if !empty && is_code(name) => {
                            skip_depth = 1;
                            depth -= 1;
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if !ns {
                        continue;
                    }
                    let name = e.local_name();
                    let Some(unit) = open.as_mut() else { continue };
                    depth = depth.saturating_sub(1);
                    match name.as_ref() {
                        b"mrk" => {
                            if let (Some((mid, start)), Some(p)) = (mrk.take(), part) {
                                let seg = text[start..].to_string();
                                if p == Part::SegSource {
                                    unit.seg_source.push((mid, seg));
                                } else {
                                    unit.seg_target.insert(mid, seg);
                                }
                            }
                        }
                        b"source" | b"target" | b"seg-source" | b"note" => {
                            let content = std::mem::take(&mut text);
                            match part.take() {
                                Some(Part::Source) => {
                                    if let Some(last) = unit.segments.last_mut() {
                                        last.0 = content;
                                    }
                                }
                                Some(Part::Target) => match unit.segments.last_mut() {
                                    Some(last) => last.1 = content,
                                    None => unit.segments.push((String::new(), content)),
                                },
                                Some(Part::Note) => unit.notes.push(content.trim().to_string()),
                                _ => {}
                            }
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        let unit = open.take().unwrap_or_default();
                        if !unit.skipped {
                            self.queue(unit);
                            return Ok(());
                        }
                    }
                }
                Event::Text(t) if part.is_some() && skip_depth == 0 => {
                    let content = t.xml10_content().map_err(|e| (at, e.to_string()))?;
                    text.push_str(&content);
                }
                Event::CData(t) if part.is_some() && skip_depth == 0 => {
                    let content = t.decode().map_err(|e| (at, e.to_string()))?;
                    text.push_str(&content);
                }
                Event::GeneralRef(r) if part.is_some() && skip_depth == 0 => {
                    text.push_str(&reference(r).map_err(|m| (at, m))?);
                }
                Event::Eof => {
                    return match (open, self.rooted) {
                        (Some(unit), _) => {
                            Err((unit.offset, "a unit opened here is never closed".into()))
                        }
                        (None, false) => {
                            Err((0, "not an XLIFF document: no <xliff> element".into()))
                        }
                        (None, true) => Ok(()),
                    };
                }
                _ => {}
            }
        }
    }

    /// A `<file>`: 1.2's languages, and the document it holds.
    fn open_file(&mut self, e: &BytesStart) {
        if let Some(lang) = attribute(e, &[b"source-language"]) {
            self.langs.0 = lang;
        }
        if let Some(lang) = attribute(e, &[b"target-language"]) {
            self.langs.1 = lang;
        }
        self.doc = attribute(e, &[b"original"])
            .or_else(|| attribute(e, &[b"id"]))
            .unwrap_or_default();
    }

    /// A unit's rows: one per segment.
    fn queue(&mut self, unit: Open) {
        let note = unit.notes.join(" ");
        let (src, tgt) = (
            non_empty(&self.langs.0, "source"),
            non_empty(&self.langs.1, "target"),
        );
        let row = |id: String, source: String, target: String| Unit {
            variants: vec![(src.clone(), source), (tgt.clone(), target)],
            markup: vec![None, None],
            props: vec![
                ("doc".to_string(), self.doc.clone()),
                ("id".to_string(), id),
                ("note".to_string(), note.clone()),
            ],
            offset: unit.offset,
        };
        let mut rows = Vec::new();
        if unit.seg_source.is_empty() {
            let many = unit.segments.len() > 1;
            for (k, (source, target)) in unit.segments.into_iter().enumerate() {
                let id = if many {
                    format!("{}/{}", unit.id, k + 1)
                } else {
                    unit.id.clone()
                };
                rows.push(row(id, source, target));
            }
        } else {
            let mut targets = unit.seg_target;
            for (mid, source) in unit.seg_source {
                let target = targets.remove(&mid).unwrap_or_default();
                rows.push(row(format!("{}/{mid}", unit.id), source, target));
            }
        }
        self.ready.extend(rows);
    }
}

fn non_empty(lang: &str, or: &str) -> String {
    if lang.is_empty() {
        or.to_string()
    } else {
        lang.to_string()
    }
}

/// Whether an element is XLIFF's (any version's namespace, or none).
fn is_xliff(ns: &ResolveResult) -> bool {
    match ns {
        ResolveResult::Bound(ns) => ns
            .as_ref()
            .starts_with(b"urn:oasis:names:tc:xliff:document:"),
        ResolveResult::Unbound => true,
        ResolveResult::Unknown(_) => false,
    }
}

/// Inline codes whose content is the original's formatting, not text.
fn is_code(name: &[u8]) -> bool {
    matches!(
        name,
        b"ph"
            | b"bpt"
            | b"ept"
            | b"it"
            | b"sub"
            | b"x"
            | b"bx"
            | b"ex"
            | b"sc"
            | b"ec"
            | b"sm"
            | b"em"
    )
}

#[cfg(test)]
mod tests;
