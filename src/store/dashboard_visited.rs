//! 走访覆盖 on the dashboard: households visited in the period and their household-visits (户次),
//! per (village, household's cadre). For all villages it reads the per-household visit summary
//! of migration 0006 (whole months, year by year) and the visits of the days around them; for
//! one village it reads that village's households and their visits.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::Path;
use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OpenFlags, Row};

use super::dashboard::DashboardQuery;
use super::dashboard_parts::{Key, key, n, rows_on};
use super::dashboard_sql as q;
use super::{Store, StoreError};
use crate::domain::period::MonthSplit;

/// (village, cadre), households visited, household-visits. A pair may come more than once: its
/// figures add up (whole months, then the households first seen in the days around them).
pub(super) type Visited = Vec<(Key, u64, u64)>;

fn visited_row(r: &Row<'_>) -> rusqlite::Result<(Key, u64, u64)> {
    Ok((key(r)?, n(r, 2)?, n(r, 3)?))
}

fn cell_row(r: &Row<'_>) -> rusqlite::Result<(i64, u64, u64)> {
    Ok((r.get(0)?, n(r, 1)?, n(r, 2)?))
}

fn text(d: chrono::NaiveDate) -> Sql {
    Sql::Text(d.to_string())
}

/// The coverage figures of `query`, read on `conn`.
fn visited_in(conn: &Connection, query: &DashboardQuery) -> Result<Visited, StoreError> {
    let p = query.period;
    match query.village {
        // A few hundred households, each looked up with its visits, whatever the period.
        Some(v) => {
            let args = [
                text(p.from),
                text(p.end_next()),
                Sql::Null,
                Sql::Text(v.to_string()),
            ];
            rows_on(conn, q::VISITED_IN_VILLAGE, &args, visited_row)
        }
        None => by_summary(conn, &p.month_split()),
    }
}

/// Whole months from `visit_summary` (one row per household and year), then the visits of the
/// days before and after them. A household counts once: in the first year read where it was
/// visited (the years are read longest span first, then most rows first, so that the others,
/// usually a month or two, are the ones looked up), else among the days around them.
fn by_summary(conn: &Connection, split: &MonthSplit) -> Result<Visited, StoreError> {
    let cells: HashMap<i64, Key> = rows_on(conn, q::DASHBOARD_CELLS, &[], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
    })?
    .into_iter()
    .collect();
    let mut years = split.years.clone();
    if let (Some(first), Some(last)) = (years.first(), years.last())
        && years.len() > 1
    {
        let span = [Sql::Integer(first.0.into()), Sql::Integer(last.0.into())];
        let held: HashMap<i32, i64> = rows_on(conn, q::SUMMARY_YEARS, &span, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect();
        years.sort_by_key(|&(y, a, b)| Reverse((b - a, held.get(&y).copied().unwrap_or(0))));
    }
    let mut rows = Vec::new();
    for (i, m) in years.iter().enumerate() {
        rows.extend(rows_on(
            conn,
            &q::visited_months(*m, &years[..i]),
            &[],
            cell_row,
        )?);
    }
    let (before, after) = (split.before, split.after);
    if before.0 < before.1 || after.0 < after.1 {
        let args = [text(before.0), text(before.1), text(after.0), text(after.1)];
        rows.extend(rows_on(
            conn,
            &q::visited_days(&split.years),
            &args,
            cell_row,
        )?);
    }
    Ok(rows
        .into_iter()
        .filter_map(|(cell, v, hv)| Some((cells.get(&cell)?.clone(), v, hv)))
        .collect())
}

/// The coverage for all villages on a read-only connection of its own.
fn visited_on(path: &Path, query: &DashboardQuery) -> Result<Visited, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", "-16384")?;
    visited_in(&conn, query)
}

impl Store {
    /// Households visited and household-visits per (village, cadre). For all villages of a
    /// database in a file this runs on a second read-only connection in a thread of `scope`,
    /// so that it reads while this connection reads everything else (the app itself stays
    /// single-threaded: the thread ends before the dashboard returns). Otherwise, or if that
    /// connection cannot be opened, [`Store::visited`] runs it here.
    pub(super) fn visited_aside<'s>(
        &self,
        scope: &'s Scope<'s, '_>,
        query: &DashboardQuery,
    ) -> Option<ScopedJoinHandle<'s, Result<Visited, StoreError>>> {
        let path = self
            .path()
            .filter(|_| query.village.is_none())?
            .to_path_buf();
        let query = *query;
        Some(scope.spawn(move || visited_on(&path, &query)))
    }

    /// [`Store::visited_aside`]'s result, or the figures read here.
    pub(super) fn visited(
        &self,
        aside: Option<ScopedJoinHandle<'_, Result<Visited, StoreError>>>,
        query: &DashboardQuery,
    ) -> Result<Visited, StoreError> {
        match aside.map(ScopedJoinHandle::join) {
            Some(Ok(Ok(rows))) => Ok(rows),
            _ => visited_in(self.conn(), query),
        }
    }
}
