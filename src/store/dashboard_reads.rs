//! The dashboard's reads, shared out between two workers: the store's connection and, for all
//! villages of a database in a file, a second read-only connection in a thread of its own.
//! Each worker takes the next read from one list (longest first) until none is left, so the
//! two finish together whatever the period (a year's coverage, a custom period's days around
//! the months, the charts). The machines this runs on have two cores or more. The app itself
//! stays single-threaded: the thread ends before the dashboard returns.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags, Row};

use super::dashboard::{DashboardQuery, OLDEST};
use super::dashboard_charts::charts;
use super::dashboard_parts::{
    Charts, ItemKey, Key, args, item_key, key, n, rows_on, rows_on_with, str_at,
};
use super::dashboard_sql as q;
use super::dashboard_visited::{Visited, visited_in};
use super::query::{ITEM_SELECT, ItemRow, item_row};
use super::{Store, StoreError};
use crate::domain::calendar::Calendar;
use crate::domain::period::working_days_to_close;

/// One read, in the order the workers take them: the longest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Visited,
    Charts,
    ReturnVisits,
    Items,
    Closings,
    Households,
    VisitRecords,
    Oldest,
}

const READS: [Read; 8] = [
    Read::Visited,
    Read::Charts,
    Read::ReturnVisits,
    Read::Items,
    Read::Closings,
    Read::Households,
    Read::VisitRecords,
    Read::Oldest,
];

/// Everything the dashboard reads, before it is added up per village and cadre.
#[derive(Default)]
pub(super) struct Reads {
    /// Live households per (village, cadre).
    pub households: Vec<(Key, u64)>,
    /// Per (village, registrar, 责任人): opened, opened and closed, open, overdue, closed.
    pub items: Vec<(ItemKey, [u64; 5])>,
    /// Per (village, registrar, 责任人): return visits, satisfied.
    pub return_visits: Vec<(ItemKey, u64, u64)>,
    /// Each item closed in the period, with its working days from registration to 销号.
    pub closings: Vec<(ItemKey, i64)>,
    /// Years those durations touched for which the calendar had no data (Mon–Fri assumed).
    pub assumed: BTreeSet<i32>,
    pub visited: Visited,
    /// Visit records in the period (every kind, with or without households).
    pub visit_records: u64,
    pub charts: Charts,
    pub oldest: Vec<ItemRow>,
    done: Vec<Read>,
}

impl Reads {
    /// Takes in what another worker read.
    fn merge(&mut self, o: Reads) {
        self.households.extend(o.households);
        self.items.extend(o.items);
        self.return_visits.extend(o.return_visits);
        self.closings.extend(o.closings);
        self.assumed.extend(o.assumed);
        self.visited.extend(o.visited);
        self.visit_records += o.visit_records;
        if o.done.contains(&Read::Charts) {
            self.charts = o.charts;
        }
        self.oldest.extend(o.oldest);
        self.done.extend(o.done);
    }
}

/// January 1st of `y` (a day of that year for [`Calendar::missing_years`]).
fn ymd(y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()
}

/// Runs one read on `conn` into `out`.
fn run(
    conn: &Connection,
    query: &DashboardQuery,
    read: Read,
    out: &mut Reads,
) -> Result<(), StoreError> {
    let one = query.village.is_some();
    let args = args(query);
    match read {
        Read::Visited => out.visited = visited_in(conn, query)?,
        Read::Charts => out.charts = charts(conn, query)?,
        Read::ReturnVisits => {
            out.return_visits = rows_on(conn, q::return_visits(one), &args, |r| {
                Ok((item_key(r)?, n(r, 3)?, n(r, 4)?))
            })?;
        }
        Read::Items => {
            out.items = rows_on(conn, &q::items(one), &args, |r| {
                Ok((
                    item_key(r)?,
                    [n(r, 3)?, n(r, 4)?, n(r, 5)?, n(r, 6)?, n(r, 7)?],
                ))
            })?;
        }
        Read::Closings => {
            let cal = Calendar::builtin();
            let day = |r: &Row<'_>, i| str_at(r, i).and_then(|d| d.parse::<NaiveDate>().ok());
            let mut years = BTreeSet::new();
            rows_on_with(conn, &q::close_days(one), &args, |r| {
                if let (Some(reg), Some(closed)) = (day(r, 3), day(r, 4)) {
                    years.insert((reg.year(), closed.year()));
                    let days = working_days_to_close(cal, reg, closed);
                    out.closings.push((item_key(r)?, days));
                }
                Ok(())
            })?;
            for (a, b) in years {
                out.assumed.extend(cal.missing_years(ymd(a), ymd(b)));
            }
        }
        Read::Households => {
            out.households = rows_on(conn, &q::households(one), &args, |r| {
                Ok((key(r)?, n(r, 2)?))
            })?;
        }
        Read::VisitRecords => {
            out.visit_records = rows_on(conn, &q::visit_records(one), &args, |r| n(r, 0))?
                .first()
                .copied()
                .unwrap_or(0);
        }
        Read::Oldest => {
            out.oldest = rows_on(
                conn,
                &q::oldest_open(ITEM_SELECT, one, OLDEST),
                &args,
                item_row,
            )?;
        }
    }
    out.done.push(read);
    Ok(())
}

/// Takes reads from the shared list (`next`) until none is left.
fn work(
    conn: &Connection,
    query: &DashboardQuery,
    next: &AtomicUsize,
) -> Result<Reads, StoreError> {
    let mut out = Reads::default();
    while let Some(read) = READS.get(next.fetch_add(1, Ordering::Relaxed)) {
        run(conn, query, *read, &mut out)?;
    }
    Ok(out)
}

/// [`work`] on a read-only connection of its own to the database at `path`.
fn work_at(path: &Path, query: &DashboardQuery, next: &AtomicUsize) -> Result<Reads, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", "-16384")?;
    work(&conn, query, next)
}

impl Store {
    /// Every read of the dashboard for `query`: on two workers for all villages of a database
    /// in a file (one village's figures are quick on one connection). A read the second worker
    /// could not finish (its connection could not be opened) is made again here.
    pub(super) fn dashboard_reads(&self, query: &DashboardQuery) -> Result<Reads, StoreError> {
        let next = AtomicUsize::new(0);
        let path = self.path().filter(|_| query.village.is_none());
        let (mine, theirs) = std::thread::scope(|scope| {
            let other = path.map(|p| {
                let next = &next;
                scope.spawn(move || work_at(p, query, next))
            });
            let mine = work(self.conn(), query, &next);
            (mine, other.map(|h| h.join()))
        });
        let mut reads = mine?;
        if let Some(Ok(Ok(theirs))) = theirs {
            reads.merge(theirs);
        }
        for read in READS {
            if !reads.done.contains(&read) {
                run(self.conn(), query, read, &mut reads)?;
            }
        }
        Ok(reads)
    }
}
