//! Point reads the writer and queries share: a record by id, whether it exists, and the
//! current value heads of its fields.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::StoreError;
use super::value::row_object;
use crate::domain::{EntityKind, OpId, Record};

/// The current value heads of one field (several = a conflict).
pub fn heads(conn: &Connection, entity_id: &str, field: &str) -> Result<Vec<OpId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT origin, seq FROM field_heads WHERE entity_id = ?1 AND field = ?2",
    )?;
    let rows = stmt
        .query_map(params![entity_id, field], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|(o, s)| op_id(&o, s)).collect()
}

/// Every current head of every field of a record (what a delete has seen).
pub fn all_heads(conn: &Connection, entity_id: &str) -> Result<Vec<OpId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT origin, seq FROM field_heads WHERE entity_id = ?1 ORDER BY origin, seq",
    )?;
    let rows = stmt
        .query_map([entity_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|(o, s)| op_id(&o, s)).collect()
}

fn op_id(origin: &str, seq: i64) -> Result<OpId, StoreError> {
    Ok(OpId {
        origin: origin
            .parse()
            .map_err(|_| StoreError::InvalidOp(format!("origin {origin}")))?,
        seq: u64::try_from(seq).map_err(|_| StoreError::InvalidOp(format!("seq {seq}")))?,
    })
}

/// Reads one record by id as its domain type.
pub fn get<R: Record>(conn: &Connection, id: &str) -> Result<Option<R>, StoreError> {
    let table = R::KIND.table();
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let cols: Vec<String> = stmt.column_names().map(String::from).collect();
    let obj = stmt.query_row([id], |r| row_object(r, &cols)).optional()?;
    obj.map(|o| Ok(serde_json::from_value(Value::Object(o))?))
        .transpose()
}

/// Whether a record exists (deleted or not).
pub fn exists(conn: &Connection, kind: EntityKind, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)",
            kind.table()
        ))?
        .query_row([id], |r| r.get(0))?)
}

/// Whether a record exists and is not deleted (what an edit needs).
pub fn live(conn: &Connection, kind: EntityKind, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0)",
            kind.table()
        ))?
        .query_row([id], |r| r.get(0))?)
}
