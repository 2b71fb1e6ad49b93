//! The review queue of the township office and the county (核验): answered items waiting to be
//! verified and closed, each with its latest return visit, oldest first; and, for audit, the
//! items closed by override (销号 without a satisfied return visit, on a written reason).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value as Sql;
use rusqlite::{Row, params_from_iter};
use serde::Serialize;

use super::query::{ITEM_SELECT, ItemRow, Page, Paged, item_row};
use super::{Store, StoreError};
use crate::domain::Satisfaction;

/// `i.ledger IN (every ledger) AND i.status = ?`, written so that SQLite reads one status of
/// each ledger from `items_ledger_status_order` instead of scanning every item.
const STATUS_OF_EVERY_LEDGER: &str =
    "i.ledger IN ('livelihood', 'hardship', 'stability') AND i.status = ?1 AND i.deleted = 0";

/// The latest live event of kind `answer` of item `i` (hlc, id), as a row value.
const LATEST_ANSWER: &str = "(SELECT a.hlc, a.id FROM progress a
    WHERE a.item_id = i.id AND a.deleted = 0 AND a.kind = 'answer'
    ORDER BY a.hlc DESC, a.id DESC LIMIT 1)";

/// The event that closed item `i` now: the close whose time the item state recorded
/// (`closed_at` is the applied close's `at`, in the same text form), the first if two match.
const CLOSING_EVENT: &str = "(SELECT x.id FROM progress x WHERE x.item_id = i.id
    AND x.deleted = 0 AND x.kind = 'close' AND x.at = i.closed_at
    ORDER BY x.hlc, x.id LIMIT 1)";

/// Close events with a reason joined to their item: every override has a reason, and there are
/// few such events, so the audit starts from one pass over `progress` (no index on its kind;
/// sequential, ~60 ms at county scale) instead of reading every closed item and its timeline.
/// `CROSS JOIN` keeps that order.
const CLOSES_WITH_REASON: &str = "progress c CROSS JOIN items i ON i.id = c.item_id";

/// Items now closed by an override: `c` is a close with a reason, the event that closed the
/// item now, the item was then answered (the latest 办结/暂缓 before it is a 办结, so not a
/// deferred item's 合理答复), and no return visit allowing closing came between that answer
/// and the close — the workflow's own rule (`ItemState::next`) read back from the timeline in
/// the same causal (hlc, id) order.
fn override_where(allowing: &str) -> String {
    let before_close = |t: &str| format!("({t}.hlc, {t}.id) < (c.hlc, c.id)");
    format!(
        "c.kind = 'close' AND c.deleted = 0 AND trim(coalesce(c.reason, '')) <> ''
        AND i.status = ?1 AND i.deleted = 0 AND i.closed_at = c.at AND c.id = {CLOSING_EVENT}
        AND (SELECT ad.kind FROM progress ad WHERE ad.item_id = i.id AND ad.deleted = 0
             AND ad.kind IN ('answer', 'defer') AND {}
             ORDER BY ad.hlc DESC, ad.id DESC LIMIT 1) = 'answer'
        AND NOT EXISTS (SELECT 1 FROM progress s WHERE s.item_id = i.id AND s.deleted = 0
             AND s.kind = 'return_visit' AND s.satisfaction IN ({allowing}) AND {}
             AND (s.hlc, s.id) > (SELECT a.hlc, a.id FROM progress a
                 WHERE a.item_id = i.id AND a.deleted = 0 AND a.kind = 'answer' AND {}
                 ORDER BY a.hlc DESC, a.id DESC LIMIT 1))",
        before_close("ad"),
        before_close("s"),
        before_close("a"),
    )
}

/// The satisfaction codes that allow closing, as an SQL list (`'satisfied', 'basically'`).
fn allowing_codes() -> String {
    [
        Satisfaction::Satisfied,
        Satisfaction::Basically,
        Satisfaction::Unsatisfied,
    ]
    .into_iter()
    .filter(|s| s.allows_closing())
    .map(|s| format!("'{}'", s.code()))
    .collect::<Vec<_>>()
    .join(", ")
}

/// One page of a list and the length of the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted<T> {
    pub page: Paged<T>,
    /// Every row of the list, not only this page's (0 when the page is past its end).
    pub total: u64,
}

/// A 回访 as the queue shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReturnVisit {
    pub satisfaction: Satisfaction,
    pub at: NaiveDateTime,
    /// Who recorded it (the name in the timeline).
    pub by: String,
    pub note: String,
}

/// One line of the review queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRow {
    pub item: ItemRow,
    /// The day of the latest 办结.
    pub answered_on: Option<NaiveDate>,
    /// Calendar days from `answered_on` to today (0 = answered today).
    pub days_waiting: i64,
    /// The handling result (办理结果).
    pub result: Option<String>,
    /// The return visit after the latest answer; `None`: not visited yet, so closing needs an
    /// override reason.
    pub return_visit: Option<ReturnVisit>,
}

/// One item closed by override, for audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverrideRow {
    pub item: ItemRow,
    pub closed_at: NaiveDateTime,
    /// Who closed it (the name in the timeline).
    pub closed_by: String,
    pub reason: String,
    pub note: String,
}

fn parse<T: std::str::FromStr>(s: String) -> rusqlite::Result<T> {
    s.parse().map_err(|_| rusqlite::Error::InvalidColumnName(s))
}

fn queue_row(today: NaiveDate, r: &Row<'_>) -> rusqlite::Result<ReviewRow> {
    let answered_on: Option<NaiveDate> = r.get::<_, Option<String>>(13)?.map(parse).transpose()?;
    let satisfaction = r
        .get::<_, Option<String>>(15)?
        .and_then(|s| Satisfaction::from_code(&s));
    let return_visit = match (satisfaction, r.get::<_, Option<String>>(16)?) {
        (Some(satisfaction), Some(at)) => Some(ReturnVisit {
            satisfaction,
            at: parse(at)?,
            by: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
            note: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(ReviewRow {
        item: item_row(r)?,
        days_waiting: answered_on.map_or(0, |d| (today - d).num_days()),
        answered_on,
        result: r.get(14)?,
        return_visit,
    })
}

fn override_row(r: &Row<'_>) -> rusqlite::Result<OverrideRow> {
    Ok(OverrideRow {
        item: item_row(r)?,
        closed_at: parse(r.get(13)?)?,
        closed_by: r.get(14)?,
        reason: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
        note: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
    })
}

/// Runs a list query whose first part, a `page` CTE, picks one page of ids in order with the
/// size of the whole list (`count(*) OVER ()`, its last column) and ends in `LIMIT ? OFFSET ?`;
/// the rest reads the page's rows. The whole list is filtered and counted once; the costly
/// columns (a return visit, a closing event) are read for the page's rows only.
fn counted<T>(
    store: &Store,
    sql: &str,
    status: &str,
    page: Page,
    total_column: usize,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Counted<T>, StoreError> {
    let limit = i64::try_from(page.limit.saturating_add(1)).unwrap_or(i64::MAX);
    let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
    let args = [
        Sql::Text(status.into()),
        Sql::Integer(limit),
        Sql::Integer(offset),
    ];
    let mut total = 0;
    let mut stmt = store.conn().prepare_cached(sql)?;
    let mut rows = stmt
        .query_map(params_from_iter(args), |r| {
            Ok((r.get::<_, i64>(total_column)?, map(r)?))
        })?
        .map(|r| {
            r.map(|(n, row)| {
                total = u64::try_from(n).unwrap_or(0);
                row
            })
        })
        .collect::<Result<Vec<T>, _>>()?;
    let more = rows.len() as u64 > page.limit;
    rows.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
    Ok(Counted {
        page: Paged { rows, more },
        total,
    })
}

impl Store {
    /// Answered items (已办结) waiting for verification, the longest waiting first, each with
    /// its return visit if there was one since the answer; and how many there are.
    pub fn review_queue(
        &self,
        today: NaiveDate,
        page: Page,
    ) -> Result<Counted<ReviewRow>, StoreError> {
        let from = format!(
            ", i.replied_on, i.result, rv.satisfaction, rv.at, rv.by_name, rv.note, page.total
            FROM page JOIN items i ON i.id = page.id LEFT JOIN progress rv ON rv.id = (
                SELECT p.id FROM progress p WHERE p.item_id = i.id AND p.deleted = 0
                AND p.kind = 'return_visit' AND (p.hlc, p.id) > {LATEST_ANSWER}
                ORDER BY p.hlc DESC, p.id DESC LIMIT 1)"
        );
        let sql = format!(
            "WITH page AS MATERIALIZED (SELECT i.id, count(*) OVER () AS total FROM items i
                WHERE {STATUS_OF_EVERY_LEDGER} ORDER BY i.replied_on, i.number LIMIT ? OFFSET ?)
            {} ORDER BY i.replied_on, i.number",
            ITEM_SELECT.replacen(" FROM items i", &from, 1)
        );
        counted(self, &sql, "answered", page, 19, |r| queue_row(today, r))
    }

    /// How many items [`Store::review_queue`] lists (今日's 待核验 count).
    pub fn review_count(&self) -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) FROM items i WHERE {STATUS_OF_EVERY_LEDGER}");
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(["answered"], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Items now closed by override, the latest closed first, with who closed them, when and
    /// why; and how many there are. An item reopened since then is no longer listed: its
    /// timeline keeps the history. Every close event is looked at, so at county scale this
    /// takes about a tenth of a second (docs/PERFORMANCE.md).
    pub fn override_closes(&self, page: Page) -> Result<Counted<OverrideRow>, StoreError> {
        let from = ", c.at, c.by_name, c.reason, c.note, page.total
            FROM page JOIN items i ON i.id = page.id JOIN progress c ON c.id = page.closing";
        let sql = format!(
            "WITH page AS MATERIALIZED (
                SELECT i.id, c.id AS closing, count(*) OVER () AS total
                FROM {CLOSES_WITH_REASON}
                WHERE {} ORDER BY i.closed_at DESC, i.number LIMIT ? OFFSET ?)
            {} ORDER BY i.closed_at DESC, i.number",
            override_where(&allowing_codes()),
            ITEM_SELECT.replacen(" FROM items i", from, 1)
        );
        counted(self, &sql, "closed", page, 17, override_row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codes_that_allow_closing_are_those_of_the_workflow() {
        assert_eq!(allowing_codes(), "'satisfied', 'basically'");
    }
}
