//! The review queue of the township office and the county (核验): answered items waiting to be
//! verified and closed, each with its latest return visit, oldest first; and, for audit, the
//! items closed by override (销号 without a satisfied return visit, on a written reason).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::Value as Sql;
use serde::Serialize;

use super::query::{ITEM_SELECT, ItemRow, Page, Paged, item_row, paged};
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

/// Columns after `ITEM_SELECT`'s 13 for a queue row: the answer and the latest return visit
/// after the latest answer (one before it belongs to an earlier, already rejected answer).
fn queue_select() -> String {
    let extra = format!(
        ", i.replied_on, i.result, rv.satisfaction, rv.at, rv.by_name, rv.note
        FROM items i LEFT JOIN progress rv ON rv.id = (
            SELECT p.id FROM progress p WHERE p.item_id = i.id AND p.deleted = 0
            AND p.kind = 'return_visit' AND (p.hlc, p.id) > {LATEST_ANSWER}
            ORDER BY p.hlc DESC, p.id DESC LIMIT 1)"
    );
    ITEM_SELECT.replacen(" FROM items i", &extra, 1)
}

/// The event that closed item `i` now: the close whose time the item state recorded
/// (`closed_at` is the applied close's `at`, in the same text form), the first if two match.
const CLOSING_EVENT: &str = "(SELECT x.id FROM progress x WHERE x.item_id = i.id
    AND x.deleted = 0 AND x.kind = 'close' AND x.at = i.closed_at
    ORDER BY x.hlc, x.id LIMIT 1)";

/// Closed items whose closing was an override: it has a reason, the item was then answered
/// (the latest 办结/暂缓 before it is a 办结, so not a deferred item's 合理答复), and no return
/// visit allowing closing came between that answer and the close — the workflow's own rule
/// (`ItemState::next`) read back from the timeline in the same causal (hlc, id) order.
fn override_where(allowing: &str) -> String {
    let before_close = |t: &str| format!("({t}.hlc, {t}.id) < (c.hlc, c.id)");
    format!(
        "{STATUS_OF_EVERY_LEDGER} AND trim(coalesce(c.reason, '')) <> ''
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

fn count(store: &Store, sql: &str, status: &str) -> Result<u64, StoreError> {
    let n: i64 = store
        .conn()
        .prepare_cached(sql)?
        .query_row([status], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl Store {
    /// Answered items (已办结) waiting for verification, the longest waiting first, each with
    /// its return visit if there was one since the answer.
    pub fn review_queue(
        &self,
        today: NaiveDate,
        page: Page,
    ) -> Result<Paged<ReviewRow>, StoreError> {
        let sql = format!(
            "{} WHERE {STATUS_OF_EVERY_LEDGER} ORDER BY i.replied_on, i.number",
            queue_select()
        );
        let args = vec![Sql::Text("answered".into())];
        paged(self, &sql, args, page, |r| queue_row(today, r))
    }

    /// How many items [`Store::review_queue`] lists.
    pub fn review_count(&self) -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) FROM items i WHERE {STATUS_OF_EVERY_LEDGER}");
        count(self, &sql, "answered")
    }

    /// Items now closed by override, the latest closed first, with who closed them, when and
    /// why. An item reopened since then is no longer listed: its timeline keeps the history.
    pub fn override_closes(&self, page: Page) -> Result<Paged<OverrideRow>, StoreError> {
        let extra = format!(
            ", c.at, c.by_name, c.reason, c.note FROM items i
            JOIN progress c ON c.id = {CLOSING_EVENT}"
        );
        let select = ITEM_SELECT.replacen(" FROM items i", &extra, 1);
        let sql = format!(
            "{select} WHERE {} ORDER BY i.closed_at DESC, i.number",
            override_where(&allowing_codes())
        );
        let args = vec![Sql::Text("closed".into())];
        paged(self, &sql, args, page, override_row)
    }

    /// How many items [`Store::override_closes`] lists.
    pub fn override_close_count(&self) -> Result<u64, StoreError> {
        let sql = format!(
            "SELECT count(*) FROM items i JOIN progress c ON c.id = {CLOSING_EVENT} WHERE {}",
            override_where(&allowing_codes())
        );
        count(self, &sql, "closed")
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
