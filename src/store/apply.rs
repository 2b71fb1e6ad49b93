//! Applies one operation to the log and to the materialised tables, in the caller's transaction.
//!
//! The same code path serves local edits, the demo generator, imports and `check`'s replay, so
//! the tables are always exactly what replaying the log gives.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::StoreError;
use super::schema::Schema;
use super::value::{row_object_from, to_sql};
use crate::domain::initials::initials;
use crate::domain::{DELETED_FIELD, EntityKind, ItemState, Level, Op, OpKind, Progress};

/// Field '*' in `superseded`: the operations a delete had seen (delete/edit conflicts).
pub const SEEN_BY_DELETE: &str = "*";

/// What applying one operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The log already held it: nothing changed.
    Known,
    /// A new record, at this rowid of its table.
    Created(i64),
    /// Fields of an existing record changed.
    Changed,
}

/// Logs `op` and applies it.
///
/// `fresh` promises a brand-new local operation on a record no other operation touched yet,
/// which lets the writer skip the out-of-order checks.
pub fn apply(
    conn: &Connection,
    schema: &Schema,
    op: &Op,
    fresh: bool,
) -> Result<Applied, StoreError> {
    validate(schema, op)?;
    if !log(conn, op, fresh)? {
        return Ok(Applied::Known);
    }
    let applied = match op.kind {
        OpKind::Create => Applied::Created(create(conn, op, fresh)?),
        OpKind::Set | OpKind::Delete => {
            set(conn, op)?;
            Applied::Changed
        }
    };
    after(conn, op, fresh)?;
    Ok(applied)
}

fn validate(schema: &Schema, op: &Op) -> Result<(), StoreError> {
    if op.kind != OpKind::Create && op.entity.insert_only() {
        return Err(StoreError::InvalidOp(format!(
            "{} records cannot be changed",
            op.entity.code()
        )));
    }
    if op.kind == OpKind::Delete
        && (op.fields.len() != 1 || op.fields.get(DELETED_FIELD) != Some(&Value::Bool(true)))
    {
        return Err(StoreError::InvalidOp("malformed delete".into()));
    }
    for field in op.fields.keys() {
        schema.check_field(op.entity, field)?;
    }
    Ok(())
}

/// Appends to `ops`. A known (origin, seq) with the same content is a no-op; with different
/// content it is refused, since one origin never reuses a sequence number.
fn log(conn: &Connection, op: &Op, fresh: bool) -> Result<bool, StoreError> {
    let fields = serde_json::to_string(&op.fields)?;
    let pred = serde_json::to_string(&op.pred)?;
    let origin = op.origin.to_string();
    let seq = i64::try_from(op.seq).map_err(|_| StoreError::InvalidOp("seq overflow".into()))?;
    let inserted = conn
        .prepare_cached(
            "INSERT INTO ops (origin, seq, hlc, entity, entity_id, kind, fields, pred)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            origin,
            seq,
            op.hlc.to_i64(),
            op.entity.code(),
            op.id.to_string(),
            op.kind.code(),
            fields,
            pred
        ])?;
    if inserted == 1 {
        return Ok(true);
    }
    if fresh {
        return Err(StoreError::InvalidOp(format!(
            "sequence {} reused",
            op.op_id()
        )));
    }
    let same: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT hlc, fields, pred FROM ops WHERE origin = ?1 AND seq = ?2")?
        .query_row(params![origin, seq], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    match same {
        Some((h, f, p)) if h == op.hlc.to_i64() && f == fields && p == pred => Ok(false),
        _ => Err(StoreError::SequenceReused(op.op_id().to_string())),
    }
}

/// Inserts the record; returns its rowid.
fn create(conn: &Connection, op: &Op, fresh: bool) -> Result<i64, StoreError> {
    let table = op.entity.table();
    let mut cols: Vec<&str> = vec!["id"];
    let mut vals = vec![rusqlite::types::Value::Text(op.id.to_string())];
    for (k, v) in &op.fields {
        cols.push(k);
        vals.push(to_sql(v));
    }
    if op.entity == EntityKind::Progress {
        cols.push("hlc");
        vals.push(rusqlite::types::Value::Integer(op.hlc.to_i64()));
    }
    if op.entity == EntityKind::Household
        && let Some(Value::String(name)) = op.fields.get("head_name")
    {
        cols.push("initials");
        vals.push(rusqlite::types::Value::Text(initials(name)));
    }
    let marks = (1..=cols.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        cols.join(", "),
        marks.join(", ")
    );
    if !fresh && op.entity.shared_by_name() {
        // These tables have no rowid (and no search index that would need one).
        let exists: bool = conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
            ))?
            .query_row([op.id.to_string()], |r| r.get(0))?;
        if exists {
            recreate(conn, op)?;
            return Ok(0);
        }
    }
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(vals))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => {
                StoreError::InvalidOp(format!("{} {} created twice", op.entity.code(), op.id))
            }
            _ => e.into(),
        })?;
    let rowid = conn.last_insert_rowid();
    if !fresh {
        // Edits that arrived before their record: their values win over the create's.
        let mut stmt = conn.prepare_cached(
            "SELECT field, value FROM field_heads WHERE entity_id = ?1
             ORDER BY field, hlc DESC, origin DESC",
        )?;
        let heads = stmt
            .query_map([op.id.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut last = None;
        for (field, value) in heads {
            if last.as_ref() != Some(&field) {
                write_column(conn, op.entity, &op.id.to_string(), &field, &value)?;
                last = Some(field);
            }
        }
    }
    Ok(rowid)
}

/// A second create of a township, village or group: every device that sets up 两河镇 names the
/// same record (`domain::ids::township_id_for`), so each one's `init` creates it. Of all the
/// creates the one with the highest `(hlc, origin)` gives the fields that no later edit set, so
/// the row is the same in whatever order the creates arrive, and none of it is a conflict.
fn recreate(conn: &Connection, op: &Op) -> Result<(), StoreError> {
    let id = op.id.to_string();
    let creates: Vec<(i64, String, String)> = conn
        .prepare_cached(
            "SELECT hlc, origin, fields FROM ops
             WHERE entity IN ('township', 'village', 'group') AND entity_id = ?1
               AND kind = 'create'",
        )?
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let winner = creates
        .iter()
        .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
        .map(|(h, o, _)| (*h, o.clone()));
    if winner != Some((op.hlc.to_i64(), op.origin.to_string())) {
        return Ok(());
    }
    // The winner gives the whole row: a field another create set and the winner leaves out
    // (an absent optional value) is cleared, as a fresh insert of the winner would leave it.
    let mut fields: std::collections::BTreeSet<String> = op.fields.keys().cloned().collect();
    for (_, _, f) in &creates {
        if let Value::Object(m) = serde_json::from_str::<Value>(f)? {
            fields.extend(m.keys().cloned());
        }
    }
    for field in fields {
        let edited: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM field_heads WHERE entity_id = ?1 AND field = ?2)",
            )?
            .query_row(params![id, field], |r| r.get(0))?;
        if !edited {
            let text = serde_json::to_string(op.fields.get(&field).unwrap_or(&Value::Null))?;
            write_column(conn, op.entity, &id, &field, &text)?;
        }
    }
    Ok(())
}

fn set(conn: &Connection, op: &Op) -> Result<(), StoreError> {
    let id = op.id.to_string();
    let (origin, seq) = (op.origin.to_string(), op.seq as i64);
    for (field, value) in &op.fields {
        for p in &op.pred {
            let (po, ps) = (p.origin.to_string(), p.seq as i64);
            conn.prepare_cached(
                "INSERT OR IGNORE INTO superseded (entity_id, field, origin, seq)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, field, po, ps])?;
            conn.prepare_cached(
                "DELETE FROM field_heads
                 WHERE entity_id = ?1 AND field = ?2 AND origin = ?3 AND seq = ?4",
            )?
            .execute(params![id, field, po, ps])?;
        }
        let replaced: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM superseded
                 WHERE entity_id = ?1 AND field = ?2 AND origin = ?3 AND seq = ?4)",
            )?
            .query_row(params![id, field, origin, seq], |r| r.get(0))?;
        if !replaced {
            conn.prepare_cached(
                "INSERT INTO field_heads (entity, entity_id, field, origin, seq, hlc, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                op.entity.code(),
                id,
                field,
                origin,
                seq,
                op.hlc.to_i64(),
                value.to_string()
            ])?;
        }
        let winner: Option<String> = conn
            .prepare_cached(
                "SELECT value FROM field_heads WHERE entity_id = ?1 AND field = ?2
                 ORDER BY hlc DESC, origin DESC LIMIT 1",
            )?
            .query_row(params![id, field], |r| r.get(0))
            .optional()?;
        if let Some(winner) = winner {
            write_column(conn, op.entity, &id, field, &winner)?;
        }
    }
    if op.kind == OpKind::Delete {
        for p in &op.pred {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO superseded (entity_id, field, origin, seq)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                id,
                SEEN_BY_DELETE,
                p.origin.to_string(),
                p.seq as i64
            ])?;
        }
    }
    Ok(())
}

/// Writes a field's winning value (stored as JSON text) into its column.
fn write_column(
    conn: &Connection,
    kind: EntityKind,
    id: &str,
    field: &str,
    json: &str,
) -> Result<(), StoreError> {
    let value: Value = serde_json::from_str(json)?;
    conn.prepare_cached(&format!(
        "UPDATE {} SET {field} = ?1 WHERE id = ?2",
        kind.table()
    ))?
    .execute(params![to_sql(&value), id])?;
    Ok(())
}

/// Keeps derived tables and columns in step with the record the operation touched. A fresh
/// local progress event is the newest of its item, so the writer folds it into the state it
/// already holds and writes that (see `Writer::add_progress`) instead of a full recompute here.
fn after(conn: &Connection, op: &Op, fresh: bool) -> Result<(), StoreError> {
    let id = op.id.to_string();
    match op.entity {
        EntityKind::Visit if fresh => {
            // A new visit has no links yet: insert them straight from the operation.
            if let Some(Value::Array(ids)) = op.fields.get("household_ids") {
                let mut stmt = conn.prepare_cached(
                    "INSERT OR IGNORE INTO visit_households (visit_id, household_id) VALUES (?1, ?2)",
                )?;
                for h in ids.iter().filter_map(Value::as_str) {
                    stmt.execute(params![id, h])?;
                }
            }
        }
        EntityKind::Visit if op.fields.contains_key("household_ids") => {
            conn.prepare_cached("DELETE FROM visit_households WHERE visit_id = ?1")?
                .execute([&id])?;
            conn.prepare_cached(
                "INSERT OR IGNORE INTO visit_households (visit_id, household_id)
                 SELECT v.id, j.value FROM visits v, json_each(v.household_ids) j WHERE v.id = ?1",
            )?
            .execute([&id])?;
        }
        // A head's name that changed (or arrived before its record) re-derives the initials.
        EntityKind::Household if !fresh && op.fields.contains_key("head_name") => {
            conn.prepare_cached("SELECT head_name FROM households WHERE id = ?1")?
                .query_row([&id], |r| r.get::<_, String>(0))
                .optional()?
                .map(|name| {
                    conn.prepare_cached("UPDATE households SET initials = ?2 WHERE id = ?1")?
                        .execute(params![id, initials(&name)])
                })
                .transpose()?;
        }
        EntityKind::Item if fresh && op.kind == OpKind::Create => {
            // A new local item has no events yet: its state is the registration state.
            let level = op.fields.get("level").and_then(Value::as_str);
            let deadline = op.fields.get("deadline").and_then(Value::as_str);
            match (level.and_then(Level::from_code), deadline.map(str::parse)) {
                (Some(level), Some(Ok(deadline))) => {
                    write_item_state(conn, &id, &ItemState::new(level, deadline))?;
                }
                _ => recompute_item(conn, &id)?,
            }
        }
        EntityKind::Item => recompute_item(conn, &id)?,
        EntityKind::Progress if !fresh => {
            if let Some(Value::String(item)) = op.fields.get("item_id") {
                recompute_item(conn, item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The item's workflow state folded from its progress events in HLC order, or `None` when the
/// item itself has not arrived yet.
pub fn item_state(conn: &Connection, item_id: &str) -> Result<Option<ItemState>, StoreError> {
    let head: Option<(String, String)> = conn
        .prepare_cached("SELECT level, deadline FROM items WHERE id = ?1")?
        .query_row([item_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((level, deadline)) = head else {
        return Ok(None);
    };
    let level = Level::from_code(&level).unwrap_or(Level::Village);
    let deadline = deadline
        .parse()
        .map_err(|_| StoreError::InvalidOp(format!("item {item_id} deadline {deadline}")))?;
    let events = progress_events(conn, item_id)?;
    Ok(Some(ItemState::derive(level, deadline, &events)))
}

const PROGRESS_COLUMNS: &str = "item_id, kind, at, by, by_name, note, unit, person, deadline, result, satisfaction, reason, level";

/// An item's progress events in causal (HLC) order; equal HLCs (possible only across origins)
/// are ordered by id.
pub fn progress_events(conn: &Connection, item_id: &str) -> Result<Vec<Progress>, StoreError> {
    // Index order (item_id, hlc) only: an ORDER BY the index cannot give would need a temp
    // B-tree per call, which is far slower on this hot path than sorting a handful of rows.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT hlc, id, {PROGRESS_COLUMNS} FROM progress
         WHERE item_id = ?1 AND deleted = 0 ORDER BY item_id, hlc"
    ))?;
    let cols: Vec<String> = PROGRESS_COLUMNS.split(", ").map(String::from).collect();
    let mut rows = stmt
        .query_map([item_id], |r| {
            let key = (r.get::<_, i64>(0)?, r.get::<_, String>(1)?);
            let obj = row_object_from(r, 2, &cols)?;
            Ok((key, obj))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.into_iter()
        .map(|(_, obj)| Ok(serde_json::from_value::<Progress>(Value::Object(obj))?))
        .collect()
}

fn recompute_item(conn: &Connection, item_id: &str) -> Result<(), StoreError> {
    match item_state(conn, item_id)? {
        Some(s) => write_item_state(conn, item_id, &s),
        None => Ok(()),
    }
}

/// Writes an item's derived columns.
pub fn write_item_state(conn: &Connection, item_id: &str, s: &ItemState) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE items SET status = ?2, current_level = ?3, responsible_unit = ?4,
            responsible_person = ?5, due_date = ?6, result = ?7, replied_on = ?8,
            return_visit_on = ?9, satisfaction = ?10, closed_at = ?11, closed_by = ?12
         WHERE id = ?1",
    )?
    .execute(params![
        item_id,
        s.status.code(),
        s.level.code(),
        s.responsible_unit,
        s.responsible_person,
        text(&s.due_date),
        s.result,
        text(&s.replied_on),
        text(&s.return_visit_on),
        s.satisfaction.map(|x| x.code()),
        text(&s.closed_at),
        s.closed_by.map(|c| c.to_string()),
    ])?;
    Ok(())
}

/// Dates rendered exactly as serde renders them in operations, so derived columns compare equal.
fn text<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Some(s),
        _ => None,
    }
}
