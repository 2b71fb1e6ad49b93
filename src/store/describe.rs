//! A short human name for any record ("王凯", "两河-2026-0042 村道破损"), for screens that list
//! records of mixed kinds such as the conflict review.

use rusqlite::OptionalExtension;

use super::{Store, StoreError};
use crate::domain::EntityKind;

impl Store {
    /// The record's usual name, deleted records included; `None` if there is no such record.
    pub fn describe(&self, kind: EntityKind, id: &str) -> Result<Option<String>, StoreError> {
        let expr = match kind {
            EntityKind::Township
            | EntityKind::Village
            | EntityKind::Group
            | EntityKind::Cadre
            | EntityKind::Person => "name",
            EntityKind::Household => "head_name",
            EntityKind::Item => "number || ' ' || title",
            EntityKind::Visit => "date || ' ' || kind",
            EntityKind::Progress => "kind || ' ' || by_name",
        };
        let sql = format!("SELECT {expr} FROM {} WHERE id = ?1", kind.table());
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], |r| r.get::<_, String>(0))
            .optional()?)
    }
}
