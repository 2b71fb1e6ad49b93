//! This device's own preferences (the folder bundles were last written to or read from, the
//! last export and import), kept in the local `meta` table: never replicated, never exported.

use super::{Store, StoreError, get_meta, set_meta};

/// Settings live in `meta` beside the replica id and the clock; the prefix keeps a setting
/// from ever overwriting one of those.
const PREFIX: &str = "setting:";

impl Store {
    /// The setting `key`, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        get_meta(self.conn(), &format!("{PREFIX}{key}"))
    }

    /// Sets `key` to `value` (replacing the old value). A plain autocommit write: it touches
    /// nothing replicated.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        set_meta(self.conn(), &format!("{PREFIX}{key}"), value)
    }

    /// When this device last exchanged a bundle with any trusted device (the newest export or
    /// import time stamp), as "YYYY-MM-DD HH:MM:SS"; `None` before the first exchange.
    pub fn last_exchange(&self) -> Result<Option<String>, StoreError> {
        let at: Option<String> = self.conn().query_row(
            "SELECT max(t) FROM (SELECT replace(last_import_at, 'T', ' ') AS t FROM peers
             UNION ALL SELECT replace(last_export_at, 'T', ' ') FROM peers)",
            [],
            |r| r.get(0),
        )?;
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::card::Card;
    use crate::store::Store;

    fn card(name: &str, sign: u8) -> Card {
        Card {
            format: crate::domain::card::CARD_FORMAT.into(),
            name: name.into(),
            role: "office".into(),
            township: "两河镇".into(),
            villages: Vec::new(),
            sign_key: format!("{sign:02x}").repeat(32),
            age_recipient: format!("age1{name}"),
        }
    }

    #[test]
    fn a_setting_is_kept_and_replaced_and_never_touches_the_replica_id() {
        let store = Store::open_in_memory().unwrap();
        let replica = store.replica_id();
        assert_eq!(store.setting("replica_id").unwrap(), None);
        store.set_setting("replica_id", "/media/u盘").unwrap();
        store.set_setting("replica_id", "/media/新盘").unwrap();
        assert_eq!(
            store.setting("replica_id").unwrap().as_deref(),
            Some("/media/新盘")
        );
        assert_eq!(store.replica_id(), replica);
        assert_eq!(store.setting("other").unwrap(), None);
    }

    #[test]
    fn the_last_exchange_is_the_newest_import_or_export() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.last_exchange().unwrap(), None);
        let a = store
            .add_peer(&card("a", 1), "2026-11-01T08:00:00")
            .unwrap();
        let b = store
            .add_peer(&card("b", 2), "2026-11-01T08:00:00")
            .unwrap();
        assert_eq!(
            store.last_exchange().unwrap(),
            None,
            "adding is no exchange"
        );
        store
            .set_peer_exported(&a.id, "2026-11-20 10:00:00")
            .unwrap();
        store
            .set_peer_acked(&b.id, &Default::default(), "2026-11-21T09:30:00")
            .unwrap();
        assert_eq!(
            store.last_exchange().unwrap().as_deref(),
            Some("2026-11-21 09:30:00")
        );
    }
}
