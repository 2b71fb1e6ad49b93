//! The items raised during one visit (their `source_visit_id`), for the visit's detail screen.

use rusqlite::types::Value as Sql;

use super::query::{ITEM_SELECT, ItemRow, Page, item_row, paged};
use super::{Store, StoreError};
use crate::domain::VisitId;

/// More than this many matters from one visit is not a real diary entry; the rest are not shown.
const MAX_RAISED: u64 = 200;

impl Store {
    /// The live items registered from visit `v`, by number (the order they were raised in).
    pub fn items_of_visit(&self, v: VisitId) -> Result<Vec<ItemRow>, StoreError> {
        let sql = format!(
            "{ITEM_SELECT} WHERE i.source_visit_id = ? AND i.deleted = 0 ORDER BY i.number"
        );
        let page = Page::first(MAX_RAISED);
        Ok(paged(self, &sql, vec![Sql::Text(v.to_string())], page, item_row)?.rows)
    }
}
