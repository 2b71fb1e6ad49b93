//! The local writer: turns edits into operations (next seq, HLC tick, `pred` from the current
//! heads) and applies them inside one transaction.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};
use uuid::Uuid;

use std::collections::BTreeMap;

use super::apply::{self, Applied, apply};
use super::read;
use super::schema::Schema;
use super::search;
use super::{Clock, StoreError, get_meta, set_meta};
use crate::domain::{
    Action, CadreId, DELETED_FIELD, EntityKind, Hlc, Item, ItemId, ItemState, Op, OpId, OpKind,
    Progress, ProgressId, Record, ReplicaId,
};

/// Writes operations in one transaction; obtained from [`super::Store::write`].
pub struct Writer<'a> {
    conn: &'a Connection,
    replica: ReplicaId,
    schema: &'a Schema,
    clock: &'a Clock,
    seq: u64,
    /// `seq` when the transaction began (nothing written while they are equal).
    first_seq: u64,
    hlc: Hlc,
    /// Searchable records written in this transaction, re-indexed once at the end.
    touched: BTreeMap<(EntityKind, Uuid), Option<Vec<rusqlite::types::Value>>>,
    /// The state after this writer's last `add_progress`, reused when the next event is for the
    /// same item (the demo and a form's chain of actions); any other write to it drops it.
    last_state: Option<(ItemId, ItemState)>,
}

impl<'a> Writer<'a> {
    pub(super) fn begin(
        conn: &'a Connection,
        replica: ReplicaId,
        schema: &'a Schema,
        clock: &'a Clock,
    ) -> Result<Writer<'a>, StoreError> {
        let seq: i64 = conn
            .query_row(
                "SELECT max_seq FROM version_vector WHERE origin = ?1",
                [replica.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let hlc = get_meta(conn, "hlc")?
            .and_then(|s| s.parse::<i64>().ok())
            .map_or(Hlc::default(), Hlc::from_i64);
        Ok(Writer {
            conn,
            replica,
            schema,
            clock,
            seq: u64::try_from(seq).unwrap_or(0),
            first_seq: u64::try_from(seq).unwrap_or(0),
            hlc,
            touched: BTreeMap::new(),
            last_state: None,
        })
    }

    pub(super) fn finish(self) -> Result<(), StoreError> {
        if self.seq == self.first_seq {
            // Nothing written: leave the version vector and clock as they were, so replicas
            // holding the same operations also hold the same vectors.
            return Ok(());
        }
        search::reindex(self.conn, &self.touched)?;
        self.conn.execute(
            "INSERT INTO version_vector (origin, max_seq) VALUES (?1, ?2)
             ON CONFLICT(origin) DO UPDATE SET max_seq = excluded.max_seq",
            rusqlite::params![self.replica.to_string(), self.seq as i64],
        )?;
        set_meta(self.conn, "hlc", &self.hlc.to_i64().to_string())
    }

    fn emit(
        &mut self,
        entity: EntityKind,
        id: Uuid,
        kind: OpKind,
        mut fields: Map<String, Value>,
        pred: Vec<OpId>,
        fresh: bool,
    ) -> Result<OpId, StoreError> {
        for v in fields.values_mut() {
            nfc(v);
        }
        self.seq += 1;
        self.hlc = self.hlc.tick((self.clock)());
        let op = Op {
            origin: self.replica,
            seq: self.seq,
            hlc: self.hlc,
            entity,
            id,
            kind,
            fields,
            pred,
        };
        let applied = apply(self.conn, self.schema, &op, fresh)?;
        if entity == EntityKind::Item {
            self.last_state = None;
        }
        if search::indexed(entity) {
            let new = match applied {
                Applied::Created(rowid) => search::row_of_new(entity, rowid, &op.fields),
                Applied::Known | Applied::Changed => None,
            };
            self.touched.insert((entity, id), new);
        }
        Ok(op.op_id())
    }

    /// Creates a record. Progress events go through [`Writer::add_progress`], which checks the
    /// workflow first.
    pub fn insert<R: Record>(&mut self, id: R::Id, record: &R) -> Result<OpId, StoreError> {
        if R::KIND == EntityKind::Progress {
            return Err(StoreError::InvalidOp(
                "progress events are written with add_progress".into(),
            ));
        }
        self.create(id.into(), record)
    }

    fn create<R: Record>(&mut self, id: Uuid, record: &R) -> Result<OpId, StoreError> {
        let Value::Object(mut fields) = serde_json::to_value(record)? else {
            return Err(StoreError::InvalidOp("record is not an object".into()));
        };
        fields.retain(|_, v| !v.is_null());
        self.emit(R::KIND, id, OpKind::Create, fields, Vec::new(), true)
    }

    /// Sets some fields of a record; the operation replaces every current value of those fields,
    /// so writing a field that is in conflict resolves the conflict.
    pub fn update<R: Record>(
        &mut self,
        id: R::Id,
        fields: Map<String, Value>,
    ) -> Result<OpId, StoreError> {
        let uuid: Uuid = id.into();
        let key = uuid.to_string();
        if !read::live(self.conn, R::KIND, &key)? {
            return Err(StoreError::NotFound(format!("{} {key}", R::KIND.code())));
        }
        let mut pred = Vec::new();
        for field in fields.keys() {
            pred.extend(read::heads(self.conn, &key, field)?);
        }
        pred.sort();
        pred.dedup();
        self.emit(R::KIND, uuid, OpKind::Set, fields, pred, false)
    }

    /// Writes only the fields where `new` differs from `old`; returns `None` if nothing changed.
    pub fn update_record<R: Record>(
        &mut self,
        id: R::Id,
        old: &R,
        new: &R,
    ) -> Result<Option<OpId>, StoreError> {
        let (Value::Object(old), Value::Object(new)) =
            (serde_json::to_value(old)?, serde_json::to_value(new)?)
        else {
            return Err(StoreError::InvalidOp("record is not an object".into()));
        };
        let changed: Map<String, Value> = new
            .into_iter()
            .filter(|(k, v)| old.get(k).unwrap_or(&Value::Null) != v)
            .collect();
        if changed.is_empty() {
            return Ok(None);
        }
        self.update::<R>(id, changed).map(Some)
    }

    /// Marks a record deleted. Its row stays as a tombstone; an edit made elsewhere that this
    /// replica had not seen is reported as a delete/edit conflict.
    pub fn delete<R: Record>(&mut self, id: R::Id) -> Result<OpId, StoreError> {
        let uuid: Uuid = id.into();
        let key = uuid.to_string();
        if !read::exists(self.conn, R::KIND, &key)? {
            return Err(StoreError::NotFound(format!("{} {key}", R::KIND.code())));
        }
        let pred = read::all_heads(self.conn, &key)?;
        let mut fields = Map::new();
        fields.insert(DELETED_FIELD.into(), Value::Bool(true));
        self.emit(R::KIND, uuid, OpKind::Delete, fields, pred, false)
    }

    /// Resolves a conflict on one field of any record by writing `value` over every current
    /// value. For `deleted` (a delete/edit conflict), `true` deletes again over the edits and
    /// `false` keeps the record, undoing the delete.
    pub fn resolve(
        &mut self,
        entity: EntityKind,
        id: Uuid,
        field: &str,
        value: Value,
    ) -> Result<OpId, StoreError> {
        let key = id.to_string();
        if entity.insert_only() || !read::exists(self.conn, entity, &key)? {
            return Err(StoreError::NotFound(format!("{} {key}", entity.code())));
        }
        let mut fields = Map::new();
        if field == DELETED_FIELD && value == Value::Bool(true) {
            let pred = read::all_heads(self.conn, &key)?;
            fields.insert(DELETED_FIELD.into(), Value::Bool(true));
            return self.emit(entity, id, OpKind::Delete, fields, pred, false);
        }
        let pred = read::heads(self.conn, &key, field)?;
        fields.insert(field.to_owned(), value);
        self.emit(entity, id, OpKind::Set, fields, pred, false)
    }

    /// Registers (挂号) an item: the item and its first progress event (`event_id`), in this
    /// transaction.
    pub fn register_item(
        &mut self,
        id: ItemId,
        event_id: ProgressId,
        item: &Item,
        by: Option<CadreId>,
        by_name: &str,
    ) -> Result<(), StoreError> {
        self.insert(id, item)?;
        let event = Progress {
            item_id: id,
            action: Action::Register,
            at: item.registered_at,
            by,
            by_name: by_name.to_string(),
            note: String::new(),
        };
        // 挂号 leaves a new item's state as it is, so there is nothing to re-derive.
        self.create(event_id.into(), &event)?;
        Ok(())
    }

    /// Records a progress event if the workflow allows it now; returns the new state.
    pub fn add_progress(
        &mut self,
        id: ProgressId,
        event: &Progress,
    ) -> Result<ItemState, StoreError> {
        let key = event.item_id.to_string();
        let mut state = match self.last_state.take() {
            Some((item, state)) if item == event.item_id => state,
            _ => apply::item_state(self.conn, &key)?
                .ok_or_else(|| StoreError::NotFound(format!("item {key}")))?,
        };
        state.apply(event)?;
        self.create(id.into(), event)?;
        self.last_state = Some((event.item_id, state.clone()));
        // This event has the newest HLC of its item, so folding it onto the old state is exactly
        // what a replay of all its events gives.
        apply::write_item_state(self.conn, &key, &state)?;
        Ok(state)
    }

    /// The next free 编号 `<prefix>-<year>-NNNN` on this replica.
    pub fn next_item_number(&self, prefix: &str, year: i32) -> Result<String, StoreError> {
        let start = format!("{prefix}-{year}-");
        let end = format!("{prefix}-{year}.");
        let last: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT number FROM items WHERE number > ?1 AND number < ?2
                 ORDER BY length(number) DESC, number DESC LIMIT 1",
            )?
            .query_row([&start, &end], |r| r.get(0))
            .optional()?;
        let n = last
            .and_then(|s| s[start.len()..].parse::<u32>().ok())
            .unwrap_or(0);
        Ok(format!("{start}{:04}", n + 1))
    }
}

/// Stored text is NFC, so the same Chinese typed through different IMEs compares equal.
fn nfc(v: &mut Value) {
    match v {
        Value::String(s) if is_nfc_quick(s.chars()) != unicode_normalization::IsNormalized::Yes => {
            *s = s.nfc().collect();
        }
        Value::Array(a) => a.iter_mut().for_each(nfc),
        Value::Object(o) => o.values_mut().for_each(nfc),
        _ => {}
    }
}
