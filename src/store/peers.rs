//! Trusted devices (peers) and what each has acknowledged: who may send us bundles and what an
//! export to each must still carry. Local to this device, never replicated.

use rusqlite::{OptionalExtension, params};

use super::merge::VersionVector;
use super::{Store, StoreError};
use crate::domain::card::Card;

/// One trusted device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub id: String,
    pub card: Card,
    pub fingerprint: String,
    pub added_at: String,
    /// Its version vector from its newest bundle: what it holds.
    pub acked: VersionVector,
    pub last_import_at: Option<String>,
    pub last_export_at: Option<String>,
}

const SELECT: &str = "SELECT id, card, fingerprint, added_at, acked, last_import_at,
    last_export_at FROM peers";

fn peer(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawPeer> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

type RawPeer = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn parse(
    (id, card, fingerprint, added_at, acked, last_import_at, last_export_at): RawPeer,
) -> Result<Peer, StoreError> {
    Ok(Peer {
        id,
        card: serde_json::from_str(&card)?,
        fingerprint,
        added_at,
        acked: serde_json::from_str(&acked)?,
        last_import_at,
        last_export_at,
    })
}

impl Store {
    /// Trusts the device of `card` from now on. Adding the same card again changes nothing; a
    /// different card with the same keys replaces the name and villages.
    pub fn add_peer(&self, card: &Card, added_at: &str) -> Result<Peer, StoreError> {
        let json = serde_json::to_string(card)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO peers (id, card, name, role, sign_key, fingerprint, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET card = excluded.card, name = excluded.name,
                 role = excluded.role",
            )?
            .execute(params![
                card.id(),
                json,
                card.name,
                card.role,
                card.sign_key,
                card.fingerprint(),
                added_at
            ])?;
        self.peer(&card.id())?
            .ok_or_else(|| StoreError::NotFound(format!("peer {}", card.id())))
    }

    /// Every trusted device, by name.
    pub fn peers(&self) -> Result<Vec<Peer>, StoreError> {
        let sql = format!("{SELECT} ORDER BY name, id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let raw = stmt.query_map([], peer)?.collect::<Result<Vec<_>, _>>()?;
        raw.into_iter().map(parse).collect()
    }

    /// The peer with this id.
    pub fn peer(&self, id: &str) -> Result<Option<Peer>, StoreError> {
        let sql = format!("{SELECT} WHERE id = ?1");
        let raw = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], peer)
            .optional()?;
        raw.map(parse).transpose()
    }

    /// The peer whose bundles are signed with `sign_key` (hex), if trusted.
    pub fn peer_by_sign_key(&self, sign_key: &str) -> Result<Option<Peer>, StoreError> {
        let sql = format!("{SELECT} WHERE sign_key = ?1");
        let raw = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([sign_key], peer)
            .optional()?;
        raw.map(parse).transpose()
    }

    /// Stops trusting a device; true if it was trusted.
    pub fn remove_peer(&self, id: &str) -> Result<bool, StoreError> {
        let n = self
            .conn()
            .prepare_cached("DELETE FROM peers WHERE id = ?1")?
            .execute([id])?;
        Ok(n > 0)
    }

    /// Records what the peer holds, from its bundle imported at `at`.
    pub fn set_peer_acked(
        &self,
        id: &str,
        acked: &VersionVector,
        at: &str,
    ) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached("UPDATE peers SET acked = ?2, last_import_at = ?3 WHERE id = ?1")?
            .execute(params![id, serde_json::to_string(acked)?, at])?;
        Ok(())
    }

    /// Records what the peer holds without counting an import: its bundle was refused, but
    /// its vector is still what it holds, and the next export to it must start from there.
    pub fn set_peer_ack_only(&self, id: &str, acked: &VersionVector) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached("UPDATE peers SET acked = ?2 WHERE id = ?1")?
            .execute(params![id, serde_json::to_string(acked)?])?;
        Ok(())
    }

    /// Records an export to the peer (for the 同步 screen; it does not change what is sent).
    pub fn set_peer_exported(&self, id: &str, at: &str) -> Result<(), StoreError> {
        self.conn()
            .prepare_cached("UPDATE peers SET last_export_at = ?2 WHERE id = ?1")?
            .execute(params![id, at])?;
        Ok(())
    }
}
