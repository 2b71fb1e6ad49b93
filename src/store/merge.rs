//! Exchanging operations between replicas: what one side has that the other lacks, and applying
//! someone else's operations (idempotent, any order) in one transaction.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::apply::{Applied, apply};
use super::check::{OP_COLUMNS, op_from_row};
use super::{Store, StoreError, get_meta, set_meta};
use crate::domain::seal::OpSeal;
use crate::domain::{Hlc, Op, ReplicaId};

/// origin → highest contiguous sequence number held.
pub type VersionVector = BTreeMap<ReplicaId, u64>;

/// What applying a batch of operations did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub ops_new: u64,
    pub ops_known: u64,
    /// Records that at least one new operation created or changed.
    pub records_changed: u64,
    /// Conflicts (record, field) that exist after the merge and did not before.
    pub conflicts_new: u64,
}

/// See [`Store::precheck`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Precheck {
    /// An operation that reuses a held sequence number with other content.
    pub reused: Option<String>,
    /// Operations not held yet.
    pub new: u64,
}

impl Store {
    /// This replica's version vector.
    pub fn version_vector(&self) -> Result<VersionVector, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT origin, max_seq FROM version_vector")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(o, s)| {
                let origin = o
                    .parse()
                    .map_err(|_| StoreError::InvalidOp(format!("origin {o}")))?;
                Ok((origin, u64::try_from(s).unwrap_or(0)))
            })
            .collect()
    }

    /// Every operation the holder of `known` lacks, in causal (HLC) order. Read per origin
    /// from the log's primary key, so an export costs what it sends, not the whole log.
    pub fn ops_after(&self, known: &VersionVector) -> Result<Vec<Op>, StoreError> {
        let origins: Vec<String> = self
            .conn()
            .prepare_cached("SELECT origin FROM version_vector")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {OP_COLUMNS} FROM ops WHERE origin = ?1 AND seq > ?2 ORDER BY seq"
        ))?;
        let mut out = Vec::new();
        for o in origins {
            let from = o
                .parse::<ReplicaId>()
                .ok()
                .and_then(|r| known.get(&r).copied())
                .unwrap_or(0);
            let from = i64::try_from(from).unwrap_or(i64::MAX);
            let mut rows = stmt.query(params![o, from])?;
            while let Some(r) = rows.next()? {
                out.push(op_from_row(r)?);
            }
        }
        out.sort_by_key(|o| (o.hlc, o.origin, o.seq));
        Ok(out)
    }

    /// Applies operations from other replicas in one transaction: known ones are skipped, the
    /// clock moves past every remote timestamp, and version vectors advance only over
    /// contiguous sequence numbers (a gap waits for the missing operations).
    pub fn apply_remote(&mut self, ops: &[Op]) -> Result<MergeReport, StoreError> {
        self.merge(ops, &[], true)
    }

    /// [`Store::apply_remote`] for a bundle: its origin seals are kept in the same
    /// transaction, so whatever this device holds it can pass on with its origin's signature.
    pub fn apply_bundle(
        &mut self,
        ops: &[Op],
        seals: &[OpSeal],
    ) -> Result<MergeReport, StoreError> {
        self.merge(ops, seals, true)
    }

    /// What [`Store::apply_remote`] would report, in a transaction that is rolled back: an
    /// import's `--dry-run`.
    pub fn merge_dry_run(&mut self, ops: &[Op]) -> Result<MergeReport, StoreError> {
        self.merge(ops, &[], false)
    }

    /// Read-only look at a batch before an import writes anything: the first operation whose
    /// origin and sequence number are held here with other content, and how many are new.
    ///
    /// `same` are runs `(origin, from, to)` whose origin seal is held here exactly as the
    /// batch's: a held operation inside one has the content the seal gives, which is the
    /// batch's (every held operation was checked against its seal when it arrived), so it is
    /// not compared again. Operations within this replica's contiguous vector are held without
    /// a lookup. A re-imported bundle costs little more than reading it.
    pub fn precheck(
        &self,
        ops: &[Op],
        same: &[(ReplicaId, u64, u64)],
    ) -> Result<Precheck, StoreError> {
        let vv = self.version_vector()?;
        let mut runs: BTreeMap<ReplicaId, Vec<(u64, u64)>> = BTreeMap::new();
        for &(o, from, to) in same {
            runs.entry(o).or_default().push((from, to));
        }
        let sealed_same = |op: &Op| {
            runs.get(&op.origin)
                .is_some_and(|r| r.iter().any(|&(f, t)| f <= op.seq && op.seq <= t))
        };
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT hlc, fields, pred FROM ops WHERE origin = ?1 AND seq = ?2")?;
        let mut out = Precheck::default();
        for op in ops {
            let contiguous = vv.get(&op.origin).is_some_and(|&m| op.seq <= m);
            if contiguous && sealed_same(op) {
                continue;
            }
            let held: Option<(i64, String, String)> = stmt
                .query_row(params![op.origin.to_string(), op.seq as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            match held {
                None => out.new += 1,
                Some(_) if sealed_same(op) => {}
                Some((hlc, fields, pred)) => {
                    if out.reused.is_none()
                        && (hlc != op.hlc.to_i64()
                            || fields != serde_json::to_string(&op.fields)?
                            || pred != serde_json::to_string(&op.pred)?)
                    {
                        out.reused = Some(op.op_id().to_string());
                    }
                }
            }
        }
        Ok(out)
    }

    fn merge(
        &mut self,
        ops: &[Op],
        seals: &[OpSeal],
        commit: bool,
    ) -> Result<MergeReport, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut report = MergeReport::default();
        let mut hlc = get_meta(&tx, "hlc")?
            .and_then(|s| s.parse::<i64>().ok())
            .map_or(Hlc::default(), Hlc::from_i64);
        let mut origins = std::collections::BTreeSet::new();
        let mut touched = std::collections::BTreeMap::new();
        let mut changed = std::collections::BTreeSet::new();
        // Conflicts of the records this batch touches, before it: only new ones are reported.
        let mut before = std::collections::BTreeSet::new();
        let ids: std::collections::BTreeSet<String> = ops
            .iter()
            .filter(|op| !op.entity.insert_only())
            .map(|op| op.id.to_string())
            .collect();
        for id in &ids {
            for f in super::query::conflicted_fields(&tx, id)? {
                before.insert((id.clone(), f));
            }
        }
        for op in ops {
            if op.origin == self.replica {
                let held: i64 = tx
                    .query_row(
                        "SELECT coalesce(max(max_seq), 0) FROM version_vector WHERE origin = ?1",
                        [op.origin.to_string()],
                        |r| r.get(0),
                    )
                    .unwrap_or(0);
                if op.seq > held as u64 {
                    return Err(StoreError::InvalidOp(format!(
                        "{} claims to be from this replica but was never written here",
                        op.op_id()
                    )));
                }
            }
            if apply(&tx, &self.schema, op, false)? == Applied::Known {
                report.ops_known += 1;
                hlc = hlc.observe(op.hlc);
                origins.insert(op.origin);
                continue;
            }
            report.ops_new += 1;
            changed.insert((op.entity, op.id));
            if super::search::indexed(op.entity) {
                // The record may have been indexed before under another rowid's terms, so
                // imports always delete before inserting. Known operations changed nothing,
                // which keeps a re-import cheap.
                touched.insert((op.entity, op.id), None);
            }
            hlc = hlc.observe(op.hlc);
            origins.insert(op.origin);
        }
        for origin in origins {
            let o = origin.to_string();
            let mut max: i64 = tx
                .query_row(
                    "SELECT max_seq FROM version_vector WHERE origin = ?1",
                    [&o],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0);
            let mut has = tx.prepare_cached("SELECT 1 FROM ops WHERE origin = ?1 AND seq = ?2")?;
            while has.exists(params![o, max + 1])? {
                max += 1;
            }
            tx.execute(
                "INSERT INTO version_vector (origin, max_seq) VALUES (?1, ?2)
                 ON CONFLICT(origin) DO UPDATE SET max_seq = excluded.max_seq",
                params![o, max],
            )?;
        }
        super::search::reindex(&tx, &touched)?;
        for id in &ids {
            for f in super::query::conflicted_fields(&tx, id)? {
                if !before.contains(&(id.clone(), f)) {
                    report.conflicts_new += 1;
                }
            }
        }
        report.records_changed = changed.len() as u64;
        set_meta(&tx, "hlc", &hlc.to_i64().to_string())?;
        super::seals::insert(&tx, seals)?;
        if commit {
            tx.commit()?;
        }
        Ok(report)
    }
}
