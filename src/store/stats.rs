//! Counts by table, ledger and status for `minqing stats` and the dashboard.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::deadline::DUE_SOON_WORKING_DAYS;
use crate::domain::{EntityKind, ItemStatus, Ledger};

/// One ledger's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LedgerStats {
    pub total: u64,
    pub open: u64,
    pub overdue: u64,
    /// Open, due today or within the next 2 working days (SPEC §3).
    pub due_soon: u64,
    /// Every status code, zero included, so consumers never miss a key.
    pub by_status: BTreeMap<&'static str, u64>,
}

/// The whole database in numbers (`stats --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub replica_id: String,
    pub today: NaiveDate,
    pub townships: u64,
    pub villages: u64,
    pub cadres: u64,
    pub households: u64,
    pub persons: u64,
    pub visits: u64,
    pub progress: u64,
    pub ops: u64,
    pub conflicts: u64,
    pub items: BTreeMap<&'static str, LedgerStats>,
}

impl Store {
    fn count(&self, sql: &str) -> Result<u64, StoreError> {
        let n: i64 = self.conn().query_row(sql, [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Counts as of `today`: overdue = open with a deadline before today; due soon = open with a
    /// deadline from today up to the last day before the third working day after it (the same
    /// rule as `deadline::urgency`, in one indexed query instead of one calendar call per row).
    pub fn stats(&self, today: NaiveDate) -> Result<Stats, StoreError> {
        let soon_end = Calendar::builtin()
            .add_working_days(today, DUE_SOON_WORKING_DAYS as u32 + 1)
            .to_string();
        let mut items: BTreeMap<&'static str, LedgerStats> = Ledger::ALL
            .iter()
            .map(|l| {
                let by_status = ItemStatus::ALL.iter().map(|s| (s.code(), 0)).collect();
                (
                    l.code(),
                    LedgerStats {
                        by_status,
                        ..LedgerStats::default()
                    },
                )
            })
            .collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT ledger, status, count(*), sum(status <> 'closed' AND due_date < ?1),
                sum(status <> 'closed' AND due_date >= ?1 AND due_date < ?2)
             FROM items WHERE deleted = 0 GROUP BY ledger, status",
        )?;
        let rows = stmt
            .query_map([today.to_string(), soon_end], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (ledger, status, n, overdue, soon) in rows {
            let (Some(l), Some(s)) = (Ledger::parse(&ledger), ItemStatus::from_code(&status))
            else {
                continue;
            };
            let (n, overdue) = (n as u64, overdue as u64);
            if let Some(e) = items.get_mut(l.code()) {
                e.total += n;
                e.overdue += overdue;
                e.due_soon += soon as u64;
                if s.is_open() {
                    e.open += n;
                }
                e.by_status.insert(s.code(), n);
            }
        }
        Ok(Stats {
            replica_id: self.replica_id().to_string(),
            today,
            townships: self.live(EntityKind::Township)?,
            villages: self.live(EntityKind::Village)?,
            cadres: self.live(EntityKind::Cadre)?,
            households: self.live(EntityKind::Household)?,
            persons: self.live(EntityKind::Person)?,
            visits: self.live(EntityKind::Visit)?,
            progress: self.live(EntityKind::Progress)?,
            ops: self.op_count()?,
            conflicts: self.conflict_count()?,
            items,
        })
    }

    /// Records of `kind` that are not deleted. Only delete operations write the `deleted` field,
    /// so the tombstones are the records with a head on it; counting them there avoids scanning
    /// the (large) table for `deleted = 0`.
    pub fn live(&self, kind: EntityKind) -> Result<u64, StoreError> {
        let all = self.count(&format!("SELECT count(*) FROM {}", kind.table()))?;
        let n: i64 = self.conn().query_row(
            "SELECT count(DISTINCT entity_id) FROM field_heads WHERE entity = ?1 AND field = 'deleted'",
            [kind.code()],
            |r| r.get(0),
        )?;
        Ok(all.saturating_sub(n as u64))
    }

    /// How many operations the log holds, without scanning it: every origin in the log has a
    /// version-vector row (the writer and imports keep one), its contiguous run is `max_seq`
    /// long, and only operations past a gap are counted one by one.
    pub fn op_count(&self) -> Result<u64, StoreError> {
        self.count(
            "SELECT coalesce(sum(v.max_seq + (SELECT count(*) FROM ops o
                 WHERE o.origin = v.origin AND o.seq > v.max_seq)), 0)
             FROM version_vector v",
        )
    }

    /// How many conflicts are unresolved.
    pub fn conflict_count(&self) -> Result<u64, StoreError> {
        self.count(&format!(
            "SELECT count(*) FROM ({})",
            super::query::CONFLICT_KEYS
        ))
    }

    /// Operations written on this replica (the log's own origin).
    pub fn own_op_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn().query_row(
            "SELECT coalesce(max(max_seq), 0) FROM version_vector WHERE origin = ?1",
            [self.replica_id().to_string()],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}
