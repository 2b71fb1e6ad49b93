//! This device's own tables, outside the operation log: drafts of open forms (so typing
//! survives a crash or a killed terminal) and the access log of revealed personal data.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// A saved draft of an open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub slot: String,
    pub kind: String,
    pub title: String,
    /// JSON the form kind understands.
    pub body: String,
    pub saved_at: String,
}

/// One reveal of masked personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    pub at: String,
    pub cadre_id: Option<String>,
    pub cadre_name: String,
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    pub via: String,
}

fn draft_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        slot: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        saved_at: r.get(4)?,
    })
}

impl Store {
    /// Saves (or replaces) the draft in `slot`. A plain autocommit write: it must be cheap
    /// enough to run while the user types, and it touches nothing replicated.
    pub fn save_draft(&self, d: &Draft) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached(
                "INSERT INTO drafts (slot, kind, title, body, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(slot) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                 body = excluded.body, saved_at = excluded.saved_at",
            )?
            .execute(params![d.slot, d.kind, d.title, d.body, d.saved_at])?;
        Ok(())
    }

    /// Forgets the draft in `slot` (the form was saved or deliberately discarded).
    pub fn delete_draft(&self, slot: &str) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached("DELETE FROM drafts WHERE slot = ?1")?
            .execute([slot])?;
        Ok(())
    }

    /// Every saved draft, oldest first: what was left open when the program last stopped.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT slot, kind, title, body, saved_at FROM drafts ORDER BY saved_at, slot",
        )?;
        let rows = stmt
            .query_map([], draft_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The draft in `slot`, if any.
    pub fn draft(&self, slot: &str) -> Result<Option<Draft>, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("SELECT slot, kind, title, body, saved_at FROM drafts WHERE slot = ?1")?
            .query_row([slot], draft_row)
            .optional()?)
    }

    /// Records that personal data was shown unmasked. Written before the value is shown, so
    /// a reveal that is not logged is a reveal that did not happen.
    pub fn log_access(&self, e: &AccessEntry) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached(
                "INSERT INTO access_log (at, cadre_id, cadre_name, entity, entity_id, field, via)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                e.at,
                e.cadre_id,
                e.cadre_name,
                e.entity,
                e.entity_id,
                e.field,
                e.via
            ])?;
        Ok(())
    }

    /// The access log of one record (or of all, with `None`), newest first.
    pub fn access_log(&self, entity_id: Option<&str>) -> Result<Vec<AccessEntry>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, cadre_id, cadre_name, entity, entity_id, field, via FROM access_log
             WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([entity_id], |r| {
                Ok(AccessEntry {
                    at: r.get(0)?,
                    cadre_id: r.get(1)?,
                    cadre_name: r.get(2)?,
                    entity: r.get(3)?,
                    entity_id: r.get(4)?,
                    field: r.get(5)?,
                    via: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
