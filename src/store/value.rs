//! Conversion between JSON field values in operations and SQLite column values.

use rusqlite::types::{Value as Sql, ValueRef};
use serde_json::{Map, Number, Value};

/// Columns that hold a JSON array or object as TEXT.
const JSON_COLUMNS: &[&str] = &[
    "tags",
    "village_ids",
    "household_ids",
    "cadre_ids",
    "causes",
    "assistance",
];

/// Columns that hold a boolean as INTEGER 0/1.
const BOOL_COLUMNS: &[&str] = &["anonymous", "confirmed", "deleted"];

/// The SQLite value stored for a JSON field value.
pub fn to_sql(v: &Value) -> Sql {
    match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(Sql::Integer)
            .or_else(|| n.as_f64().map(Sql::Real))
            .unwrap_or(Sql::Null),
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => Sql::Text(v.to_string()),
    }
}

/// The JSON value of a column, the inverse of [`to_sql`] for the column's kind.
pub fn from_sql(column: &str, v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if BOOL_COLUMNS.contains(&column) => Value::Bool(i != 0),
        ValueRef::Integer(i) => Value::Number(i.into()),
        ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => {
            let s = String::from_utf8_lossy(t);
            if JSON_COLUMNS.contains(&column) {
                serde_json::from_str(&s).unwrap_or(Value::String(s.into_owned()))
            } else {
                Value::String(s.into_owned())
            }
        }
        ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
    }
}

/// A row as a JSON object without its NULL columns, ready for serde into a domain record.
pub fn row_object(
    row: &rusqlite::Row<'_>,
    columns: &[String],
) -> rusqlite::Result<Map<String, Value>> {
    row_object_from(row, 0, columns)
}

/// Like [`row_object`] for the columns starting at index `first`.
pub fn row_object_from(
    row: &rusqlite::Row<'_>,
    first: usize,
    columns: &[String],
) -> rusqlite::Result<Map<String, Value>> {
    let mut obj = Map::new();
    for (i, name) in columns.iter().enumerate() {
        let v = from_sql(name, row.get_ref(first + i)?);
        if !v.is_null() {
            obj.insert(name.clone(), v);
        }
    }
    Ok(obj)
}
