//! Whether an item is still live here, for the item detail: `get` also returns tombstones, and
//! a detail or an action form must not open on a deleted item.

use super::{Store, StoreError, read};
use crate::domain::{EntityKind, ItemId};

impl Store {
    /// True if the item exists on this replica and is not deleted.
    pub fn item_live(&self, id: ItemId) -> Result<bool, StoreError> {
        read::live(self.conn(), EntityKind::Item, &id.to_string())
    }
}
