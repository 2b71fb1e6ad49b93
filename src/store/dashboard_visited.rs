//! 走访覆盖 on the dashboard: households visited in the period and their household-visits (户次),
//! per (village, household's cadre). For all villages it reads the per-household visit summary
//! of migration 0006 (whole months, year by year) and the visits of the days around them; for
//! one village it reads that village's households and their visits.

use std::cmp::Reverse;
use std::collections::HashMap;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row};

use super::StoreError;
use super::dashboard::DashboardQuery;
use super::dashboard_parts::{Key, args, key, n, rows_on};
use super::dashboard_sql as q;
use crate::domain::period::MonthSplit;

/// (village, cadre), households visited, household-visits.
pub(super) type Visited = Vec<(Key, u64, u64)>;

fn visited_row(r: &Row<'_>) -> rusqlite::Result<(Key, u64, u64)> {
    Ok((key(r)?, n(r, 2)?, n(r, 3)?))
}

/// A cell's change in (households visited, household-visits); corrections can be negative.
fn cell_row(r: &Row<'_>) -> rusqlite::Result<(i64, i64, i64)> {
    let signed = |i| r.get::<_, Option<i64>>(i).map(Option::unwrap_or_default);
    Ok((r.get(0)?, signed(1)?, signed(2)?))
}

fn text(d: chrono::NaiveDate) -> Sql {
    Sql::Text(d.to_string())
}

/// The coverage figures of `query`, read on `conn`.
pub(super) fn visited_in(conn: &Connection, query: &DashboardQuery) -> Result<Visited, StoreError> {
    match query.village {
        // A few hundred households, each looked up with its visits, whatever the period.
        Some(_) => rows_on(conn, q::VISITED_IN_VILLAGE, &args(query), visited_row),
        None => by_summary(conn, &query.period.month_split()),
    }
}

/// Months from `visit_summary` (one row per household and year), then the visits of the days
/// the period adds to them or leaves out of them. A household counts once: in the first year
/// read where it was visited (the years are read longest span first, then most rows first,
/// then latest first, so that the others, usually a month or two, are the ones looked up), and
/// the days around correct that.
fn by_summary(conn: &Connection, split: &MonthSplit) -> Result<Visited, StoreError> {
    let cells: HashMap<i64, Key> = rows_on(conn, q::DASHBOARD_CELLS, &[], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
    })?
    .into_iter()
    .collect();
    let mut years = split.years.clone();
    let months = |&(_, a, b): &(i32, u32, u32)| b - a;
    years.sort_by_key(|m| Reverse((months(m), m.0)));
    if let [first, second, ..] = years[..]
        && months(&first) == months(&second)
    {
        // Whole years (or equal spans) on both sides: the one with most rows first.
        let (lo, hi) = (split.years[0].0, split.years[split.years.len() - 1].0);
        let span = [Sql::Integer(lo.into()), Sql::Integer(hi.into())];
        let held: HashMap<i32, i64> = rows_on(conn, q::SUMMARY_YEARS, &span, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .into_iter()
        .collect();
        years.sort_by_key(|m| Reverse((months(m), held.get(&m.0).copied().unwrap_or(0), m.0)));
    }
    let mut sums: HashMap<i64, (i64, i64)> = HashMap::new();
    let mut add = |rows: Vec<(i64, i64, i64)>| {
        for (cell, v, hv) in rows {
            let s = sums.entry(cell).or_default();
            s.0 += v;
            s.1 += hv;
        }
    };
    for (i, m) in years.iter().enumerate() {
        add(rows_on(
            conn,
            &q::visited_months(*m, &years[..i]),
            &[],
            cell_row,
        )?);
    }
    let ranges = split.add.iter().chain(&split.remove);
    if ranges.clone().any(|(a, b)| a < b) {
        let args: Vec<Sql> = ranges.flat_map(|(a, b)| [text(*a), text(*b)]).collect();
        add(rows_on(
            conn,
            &q::visited_edges(&split.years),
            &args,
            cell_row,
        )?);
    }
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(sums
        .into_iter()
        .filter_map(|(cell, (v, hv))| Some((cells.get(&cell)?.clone(), count(v), count(hv))))
        .collect())
}
