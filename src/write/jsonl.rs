//! JSON Lines: one object per bead.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::{CorpusWriter, Layout, Row};

/// Writes `{"en": …, "fa": …, "en_ids": [1, 2], "fa_ids": [1], "type": "2-1", "score": 0.93}`.
pub struct JsonlWriter<'w> {
    out: Box<dyn Write + 'w>,
    layout: Layout,
}

impl<'w> JsonlWriter<'w> {
    /// A writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>, layout: Layout) -> Self {
        JsonlWriter { out, layout }
    }
}

impl CorpusWriter for JsonlWriter<'_> {
    fn write_row(&mut self, row: &Row) -> io::Result<()> {
        let (s, t) = (&self.layout.src_lang, &self.layout.tgt_lang);
        let ids = |v: &[usize]| v.iter().map(|i| i + 1).collect::<Vec<_>>();
        let mut object = Map::new();
        if self.layout.with_doc {
            object.insert("doc".into(), json!(row.doc.unwrap_or("")));
        }
        object.insert(s.clone(), json!(row.src_text));
        object.insert(t.clone(), json!(row.tgt_text));
        object.insert(format!("{s}_ids"), json!(ids(&row.src_ids)));
        object.insert(format!("{t}_ids"), json!(ids(&row.tgt_ids)));
        object.insert("type".into(), json!(row.shape()));
        object.insert("score".into(), json!((row.score * 1000.0).round() / 1000.0));
        if let Some(check) = &row.check {
            object.insert("flags".into(), json!(check.flags));
            object.insert(
                "quality".into(),
                json!((check.quality * 1000.0).round() / 1000.0),
            );
            object.insert("evidence".into(), json!(check.evidence));
        }
        serde_json::to_writer(&mut self.out, &Value::Object(object))?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_one_object_per_line() {
        let mut buf = Vec::new();
        {
            let layout = Layout {
                src_lang: "en".into(),
                tgt_lang: "fa".into(),
                with_doc: false,
                excel: false,
                with_check: false,
            };
            let mut w = JsonlWriter::new(Box::new(&mut buf), layout);
            let row = Row {
                doc: None,
                src_text: "Hi.".into(),
                tgt_text: String::new(),
                src_ids: vec![4],
                tgt_ids: vec![],
                score: 0.12345,
                check: None,
            };
            w.write_row(&row).unwrap();
        }
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"en\":\"Hi.\",\"fa\":\"\",\"en_ids\":[5],\"fa_ids\":[],\"type\":\"1-0\",\"score\":0.123}\n"
        );
    }
}
