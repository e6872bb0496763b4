//! JSON Lines: one object per row.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::{Cell, Exporter, Record, Schema};

/// Writes `{"en": …, "fa": …, "en_ids": [1, 2], "fa_ids": [1], "type": "2-1", "score": 0.93}`:
/// the columns as keys in order, numbers rounded to three decimals, ids
/// as arrays of 1-based numbers, values read from JSON as they were.
pub struct JsonlWriter<'w> {
    out: Box<dyn Write + 'w>,
    schema: Schema,
}

impl<'w> JsonlWriter<'w> {
    /// A writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>, schema: Schema) -> Self {
        JsonlWriter { out, schema }
    }
}

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Text(text) | Cell::Marked { text, .. } => Value::String(text.to_string()),
        Cell::Number(x) => json!((x * 1000.0).round() / 1000.0),
        Cell::Int(n) => json!(n),
        Cell::Bool(b) => json!(b),
        Cell::Ids(ids) => ids.iter().map(|i| json!(i + 1)).collect(),
        Cell::Json(value) => (*value).clone(),
    }
}

impl Exporter for JsonlWriter<'_> {
    fn write(&mut self, record: &Record) -> io::Result<()> {
        let mut object = Map::new();
        for (column, cell) in self.schema.columns.iter().zip(&record.cells) {
            object.insert(column.name.clone(), value(cell));
        }
        for (key, value) in &record.extra {
            if !object.contains_key(*key) {
                object.insert(key.to_string(), (*value).clone());
            }
        }
        serde_json::to_writer(&mut self.out, &Value::Object(object))?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
