//! The origin seals held here (table `op_seals`): this device's own, made when it exports, and
//! those received with other devices' operations, kept to be passed on unchanged.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::check::{OP_COLUMNS, op_from_row};
use super::{Store, StoreError};
use crate::domain::seal::{MAX_SEAL_OPS, OpSeal};
use crate::domain::{Op, ReplicaId};

fn seal_from_row(r: &rusqlite::Row<'_>) -> Result<OpSeal, StoreError> {
    let origin: String = r.get(0)?;
    let key: String = r.get(3)?;
    let hashes: Vec<u8> = r.get(4)?;
    let sig: Vec<u8> = r.get(5)?;
    let bad = || StoreError::InvalidOp(format!("seal of {origin}"));
    let mut sign_key = [0u8; 32];
    if key.len() != 64 {
        return Err(bad());
    }
    for (i, b) in sign_key.iter_mut().enumerate() {
        *b = u8::from_str_radix(&key[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(OpSeal {
        origin: origin.parse().map_err(|_| bad())?,
        from: u64::try_from(r.get::<_, i64>(1)?).map_err(|_| bad())?,
        to: u64::try_from(r.get::<_, i64>(2)?).map_err(|_| bad())?,
        sign_key,
        hashes: hashes
            .chunks_exact(32)
            .map(|c| c.try_into().map_err(|_| bad()))
            .collect::<Result<_, _>>()?,
        sig: sig.as_slice().try_into().map_err(|_| bad())?,
    })
}

fn key_hex(k: &[u8; 32]) -> String {
    k.iter().map(|b| format!("{b:02x}")).collect()
}

/// Inserts `seals`, skipping those already held (same origin and first sequence number).
pub(super) fn insert(conn: &Connection, seals: &[OpSeal]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO op_seals (origin, from_seq, to_seq, sign_key, hashes, sig)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in seals {
        stmt.execute(params![
            s.origin.to_string(),
            s.from as i64,
            s.to as i64,
            key_hex(&s.sign_key),
            s.hashes.concat(),
            s.sig.as_slice(),
        ])?;
    }
    Ok(())
}

impl Store {
    /// The last sequence number of `origin` that a held seal covers (0 if none).
    pub fn last_sealed(&self, origin: ReplicaId) -> Result<u64, StoreError> {
        let n: Option<i64> = self.conn().query_row(
            "SELECT max(to_seq) FROM op_seals WHERE origin = ?1",
            [origin.to_string()],
            |r| r.get(0),
        )?;
        Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
    }

    /// The operations of `origin` with `from ≤ seq ≤ to`, by sequence number.
    pub fn ops_of_origin(
        &self,
        origin: ReplicaId,
        from: u64,
        to: u64,
    ) -> Result<Vec<Op>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {OP_COLUMNS} FROM ops WHERE origin = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"
        ))?;
        let mut rows = stmt.query(params![origin.to_string(), from as i64, to as i64])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(op_from_row(r)?);
        }
        Ok(out)
    }

    /// Keeps this device's own new seals (made by `sync::seals::seal_own`), in one transaction.
    pub fn insert_seals(&self, seals: &[OpSeal]) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction()?;
        insert(&tx, seals)?;
        tx.commit()?;
        Ok(())
    }

    /// Every held seal covering some of `origin`'s sequence numbers `from..=to`.
    pub fn seals_overlapping(
        &self,
        origin: ReplicaId,
        from: u64,
        to: u64,
    ) -> Result<Vec<OpSeal>, StoreError> {
        // A seal covers at most MAX_SEAL_OPS numbers, so one reaching `from` starts at most
        // that far before it: a bounded range of the primary key.
        let lowest = from.saturating_sub(MAX_SEAL_OPS - 1);
        let mut stmt = self.conn().prepare_cached(
            "SELECT origin, from_seq, to_seq, sign_key, hashes, sig FROM op_seals
             WHERE origin = ?1 AND from_seq BETWEEN ?2 AND ?3 AND to_seq >= ?4
             ORDER BY from_seq",
        )?;
        let mut rows = stmt.query(params![
            origin.to_string(),
            lowest as i64,
            to as i64,
            from as i64
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(seal_from_row(r)?);
        }
        Ok(out)
    }

    /// The seals covering the runs `(origin, from, to)`, each once.
    pub fn seals_for_runs(
        &self,
        runs: &[(ReplicaId, u64, u64)],
    ) -> Result<Vec<OpSeal>, StoreError> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &(origin, from, to) in runs {
            for s in self.seals_overlapping(origin, from, to)? {
                if seen.insert((s.origin, s.from)) {
                    out.push(s);
                }
            }
        }
        Ok(out)
    }

    /// Read-only check of received seals against those held: where a received seal and a held
    /// one of its origin cover the same numbers they must give the same hashes, and an origin
    /// keeps one signing key. Anything else means an origin signed two histories, or a forgery
    /// (refused like a reused sequence number).
    ///
    /// Returns the seals held here exactly as received: their operations, where held, are
    /// known to have the same content (see [`Store::precheck`]).
    pub fn check_seals(&self, seals: &[OpSeal]) -> Result<Vec<(ReplicaId, u64, u64)>, StoreError> {
        let mut same = Vec::new();
        for s in seals {
            for held in self.seals_overlapping(s.origin, s.from, s.to)? {
                if held == *s {
                    same.push((s.origin, s.from, s.to));
                }
                if !held.agrees_with(s) {
                    return Err(StoreError::SequenceReused(format!(
                        "{}:{}-{}",
                        s.origin, s.from, s.to
                    )));
                }
            }
            let key: Option<String> = self
                .conn()
                .prepare_cached("SELECT sign_key FROM op_seals WHERE origin = ?1 LIMIT 1")?
                .query_row([s.origin.to_string()], |r| r.get(0))
                .optional()?;
            if key.is_some_and(|k| k != key_hex(&s.sign_key)) {
                return Err(StoreError::SequenceReused(format!(
                    "{}:{}-{} (another signing key)",
                    s.origin, s.from, s.to
                )));
            }
        }
        Ok(same)
    }
}
