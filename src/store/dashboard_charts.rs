//! The dashboard's charts: items registered in the period per ledger and per category (with
//! how many of them are closed now), and the weekly trend of items registered and closed,
//! counted here from one row per item (`dashboard_sql::chart_items`).

use chrono::{Days, NaiveDate};
use rusqlite::Connection;
use rusqlite::types::Value as Sql;

use super::StoreError;
use super::dashboard::{Count, DashboardQuery, TREND_WEEKS, Week};
use super::dashboard_parts::{Charts, rows_on_with, str_at};
use super::dashboard_sql as q;
use crate::domain::Ledger;
use crate::domain::period::week_start;

fn text(d: NaiveDate) -> Sql {
    Sql::Text(d.to_string())
}

/// Items registered in the period per ledger (all three, in order) and per category (most
/// first), and the [`TREND_WEEKS`] weeks of registered and closed items ending with the week
/// of the period's last day (or of today, when the period runs on past it).
pub(super) fn charts(conn: &Connection, query: &DashboardQuery) -> Result<Charts, StoreError> {
    let end = week_start(query.period.to.min(query.today));
    let back = 7 * (TREND_WEEKS as u64 - 1);
    let start = end.checked_sub_days(Days::new(back)).unwrap_or(end);
    let stop = end.checked_add_days(Days::new(7)).unwrap_or(end);
    let args = [
        text(query.period.from),
        text(query.period.end_next()),
        Sql::Null,
        query
            .village
            .map_or(Sql::Null, |v| Sql::Text(v.to_string())),
        text(start),
        text(stop),
    ];
    let mut ledgers: Vec<Count> = Ledger::ALL
        .iter()
        .map(|&ledger| Count {
            ledger,
            category: String::new(),
            registered: 0,
            closed: 0,
        })
        .collect();
    let mut categories: Vec<Count> = Vec::new();
    let mut weeks: Vec<Week> = (0..TREND_WEEKS as u64)
        .map(|k| Week {
            start: start.checked_add_days(Days::new(7 * k)).unwrap_or(start),
            registered: 0,
            closed: 0,
        })
        .collect();
    // The week of a day in the trend, or None.
    let week = |day: Option<&str>| {
        let d = day?.parse::<NaiveDate>().ok()?;
        let k = (d - start).num_days().div_euclid(7);
        usize::try_from(k).ok().filter(|&k| k < TREND_WEEKS)
    };
    let sql = q::chart_items(query.village.is_some());
    rows_on_with(conn, &sql, &args, |r| {
        let flag = |i| r.get::<_, Option<i64>>(i).map(|v| v == Some(1));
        let closed = flag(4)?;
        if flag(2)?
            && let (Some(l), Some(c)) = (str_at(r, 0).and_then(Ledger::parse), str_at(r, 1))
        {
            let closed = u64::from(closed);
            if let Some(t) = ledgers.iter_mut().find(|t| t.ledger == l) {
                t.registered += 1;
                t.closed += closed;
            }
            match categories
                .iter_mut()
                .find(|x| x.ledger == l && x.category == c)
            {
                Some(x) => {
                    x.registered += 1;
                    x.closed += closed;
                }
                None => categories.push(Count {
                    ledger: l,
                    category: c.to_string(),
                    registered: 1,
                    closed,
                }),
            }
        }
        if let Some(w) = week(str_at(r, 3)).and_then(|k| weeks.get_mut(k)) {
            w.registered += 1;
        }
        if closed && let Some(w) = week(str_at(r, 5)).and_then(|k| weeks.get_mut(k)) {
            w.closed += 1;
        }
        Ok(())
    })?;
    categories.sort_by(|a, b| {
        (b.registered, a.ledger.code(), &a.category).cmp(&(
            a.registered,
            b.ledger.code(),
            &b.category,
        ))
    });
    Ok((ledgers, categories, weeks))
}
