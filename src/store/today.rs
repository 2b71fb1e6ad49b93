//! The 今日 (Today) screen's queries: one cadre's urgent items, items awaiting a return visit,
//! households not visited lately, and the counts of its header.

use chrono::{Days, NaiveDate};
use rusqlite::types::Value as Sql;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::query::{
    HOUSEHOLD_SELECT, HouseholdRow, ITEM_SELECT, ItemRow, household_row, item_row, paged,
};
use super::{Page, Paged, Store, StoreError, get_meta};
use crate::domain::CadreId;
use crate::domain::calendar::Calendar;
use crate::domain::deadline::DUE_SOON_WORKING_DAYS;

/// `meta` key holding the highest own `seq` already exported. Sync (a later issue) sets it after
/// a successful export; until then it is absent and every own operation counts as unexported.
pub(crate) const EXPORTED_SEQ: &str = "exported_seq";

/// The window of the header's "not visited" count (SPEC: 30 days); the screen passes the same
/// to [`Store::households_not_visited`] so the count and the list agree.
pub const NOT_VISITED_DAYS: u32 = 30;

/// "Mine" for item `i`, with `?1` = my cadre id and `?2` = my name: I registered it (首问责任人),
/// its household is one I am assigned to (包户), or it was handed to me by name (交办 to a
/// person stores a name, not a cadre id). Written as one OR so that, given indexes on
/// `registered_by` and `responsible_person`, SQLite answers it with three index lookups.
const MINE: &str = "(i.registered_by = ?1 OR i.responsible_person = ?2
    OR i.household_id IN (SELECT mh.id FROM households mh WHERE mh.cadre_id = ?1 AND mh.deleted = 0))";

/// An answered item still waits for its 回访 unless a return visit follows its latest answer.
/// A satisfied 回访 leaves the status `answered` (only 销号 moves it on), so the status alone
/// would keep visited items on the list; dates cannot tell a same-day 不满意 回访 and 重新办结
/// apart, so the causal (hlc, id) order of the timeline decides, as in `ItemState::derive`.
const AWAITING: &str = "i.status = 'answered' AND NOT EXISTS (
    SELECT 1 FROM progress p WHERE p.item_id = i.id AND p.deleted = 0 AND p.kind = 'return_visit'
    AND (p.hlc, p.id) > (SELECT a.hlc, a.id FROM progress a
        WHERE a.item_id = i.id AND a.deleted = 0 AND a.kind = 'answer'
        ORDER BY a.hlc DESC, a.id DESC LIMIT 1))";

/// `?1` = my cadre id: my live households with the date of their latest live visit. Materialised
/// so the correlated `max` runs once per household (~1,000 per cadre, each one index range on
/// `visit_households`) instead of once per place the outer query mentions it.
const MY_HOUSEHOLDS: &str = "WITH mine(id, last_visit) AS MATERIALIZED (
    SELECT h.id, (SELECT max(vi.date) FROM visit_households vh
        JOIN visits vi ON vi.id = vh.visit_id WHERE vh.household_id = h.id AND vi.deleted = 0)
    FROM households h WHERE h.cadre_id = ?1 AND h.deleted = 0)";

/// `?2` = the cutoff day: a visit on it still counts as recent.
const NOT_VISITED: &str = "(m.last_visit IS NULL OR m.last_visit < ?2)";

/// One line of "my urgent items".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrgentItem {
    pub item: ItemRow,
    /// Working days from today to the deadline: 0 = due today, negative = overdue. Raw, unlike
    /// `deadline::urgency`'s label, so the screen can sort and colour by it.
    pub working_days_left: i64,
}

/// One of my households that has not been visited lately.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotVisited {
    pub household: HouseholdRow,
    /// `None`: never visited.
    pub last_visit: Option<NaiveDate>,
}

/// The numbers at the top of the 今日 screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayCounts {
    pub overdue: u64,
    pub due_soon: u64,
    pub awaiting_return_visit: u64,
    pub not_visited_30_days: u64,
    pub conflicts: u64,
    /// This replica's own operations not yet exported (past the `exported_seq` meta key).
    pub unexported: u64,
}

/// The day after the last "due soon" one, by the same rule as `stats` and `deadline::urgency`.
fn soon_end(today: NaiveDate) -> String {
    Calendar::builtin()
        .add_working_days(today, DUE_SOON_WORKING_DAYS as u32 + 1)
        .to_string()
}

/// `?1` and `?2` of [`MINE`]. Names are stored in NFC by the writer, so the caller's spelling is
/// normalised the same way; a blank name matches nobody (NULL never equals anything).
fn me_args(me: CadreId, my_name: &str) -> Vec<Sql> {
    let name = my_name.trim();
    let name = if name.is_empty() {
        Sql::Null
    } else {
        Sql::Text(name.nfc().collect())
    };
    vec![Sql::Text(me.to_string()), name]
}

/// The first day a visit must be on (or after) not to count as "not visited in `days` days".
fn cutoff(today: NaiveDate, days: u32) -> String {
    today
        .checked_sub_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MIN)
        .to_string()
}

impl Store {
    /// My open items that are overdue or due soon, most urgent first. Deadlines are dates on
    /// one calendar, so date order is working-days-left order and SQL can sort and page;
    /// the working days are then counted for the page's rows only.
    pub fn my_urgent_items(
        &self,
        me: CadreId,
        my_name: &str,
        today: NaiveDate,
        page: Page,
    ) -> Result<Paged<UrgentItem>, StoreError> {
        let sql = format!(
            "{ITEM_SELECT} WHERE i.deleted = 0 AND i.status <> 'closed' AND i.due_date < ?3
             AND {MINE} ORDER BY i.due_date, i.number"
        );
        let mut args = me_args(me, my_name);
        args.push(Sql::Text(soon_end(today)));
        let items = paged(self, &sql, args, page, item_row)?;
        let cal = Calendar::builtin();
        let rows = items
            .rows
            .into_iter()
            // `due_date < ?3` already excluded items without a deadline.
            .filter_map(|item| {
                let due = item.due_date?;
                Some(UrgentItem {
                    working_days_left: cal.working_days_between(today, due),
                    item,
                })
            })
            .collect();
        Ok(Paged {
            rows,
            more: items.more,
        })
    }

    /// My answered (已办结) items still waiting for their 回访, the longest waiting first.
    pub fn awaiting_return_visit(
        &self,
        me: CadreId,
        my_name: &str,
        page: Page,
    ) -> Result<Paged<ItemRow>, StoreError> {
        let sql = format!(
            "{ITEM_SELECT} WHERE i.deleted = 0 AND {MINE} AND {AWAITING}
             ORDER BY i.replied_on, i.number"
        );
        paged(self, &sql, me_args(me, my_name), page, item_row)
    }

    /// My households with no visit in the last `days` days (a visit exactly `days` days ago
    /// still counts), never-visited ones first, then the longest unvisited.
    pub fn households_not_visited(
        &self,
        me: CadreId,
        today: NaiveDate,
        days: u32,
        page: Page,
    ) -> Result<Paged<NotVisited>, StoreError> {
        let sql = format!(
            "{MY_HOUSEHOLDS} SELECT r.*, m.last_visit FROM mine m
             JOIN ({HOUSEHOLD_SELECT}) r ON r.id = m.id WHERE {NOT_VISITED}
             ORDER BY m.last_visit NULLS FIRST, r.head_name, r.id"
        );
        let args = vec![Sql::Text(me.to_string()), Sql::Text(cutoff(today, days))];
        paged(self, &sql, args, page, |r| {
            Ok(NotVisited {
                household: household_row(r)?,
                last_visit: r
                    .get::<_, Option<String>>(6)?
                    .map(|s| {
                        s.parse()
                            .map_err(|_| rusqlite::Error::InvalidColumnName(s.clone()))
                    })
                    .transpose()?,
            })
        })
    }

    /// The 今日 header, by the same rules as the three lists above.
    pub fn today_counts(
        &self,
        me: CadreId,
        my_name: &str,
        today: NaiveDate,
    ) -> Result<TodayCounts, StoreError> {
        // One pass over my open items; CASE so the 回访 subqueries run for answered items only.
        let sql = format!(
            "SELECT coalesce(sum(i.due_date < ?3), 0),
                coalesce(sum(i.due_date >= ?3 AND i.due_date < ?4), 0),
                coalesce(sum(CASE WHEN {AWAITING} THEN 1 ELSE 0 END), 0)
             FROM items i WHERE i.deleted = 0 AND i.status <> 'closed' AND {MINE}"
        );
        let mut args = me_args(me, my_name);
        args.push(Sql::Text(today.to_string()));
        args.push(Sql::Text(soon_end(today)));
        let (overdue, due_soon, awaiting) =
            self.conn()
                .prepare_cached(&sql)?
                .query_row(rusqlite::params_from_iter(args), |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })?;
        let not_visited: i64 = self
            .conn()
            .prepare_cached(&format!(
                "{MY_HOUSEHOLDS} SELECT count(*) FROM mine m WHERE {NOT_VISITED}"
            ))?
            .query_row([me.to_string(), cutoff(today, NOT_VISITED_DAYS)], |r| {
                r.get(0)
            })?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        Ok(TodayCounts {
            overdue: count(overdue),
            due_soon: count(due_soon),
            awaiting_return_visit: count(awaiting),
            not_visited_30_days: count(not_visited),
            conflicts: self.conflict_count()?,
            unexported: self.unexported_count()?,
        })
    }

    /// Own operations are numbered 1, 2, … without gaps, so those past `exported_seq` are
    /// the difference of two numbers, not a scan of the log.
    pub fn unexported_count(&self) -> Result<u64, StoreError> {
        let exported = match get_meta(self.conn(), EXPORTED_SEQ)? {
            None => 0,
            Some(s) => s
                .parse::<u64>()
                .map_err(|_| StoreError::InvalidOp(format!("meta {EXPORTED_SEQ} {s}")))?,
        };
        Ok(self.own_op_count()?.saturating_sub(exported))
    }

    /// Records that this device's own operations up to `seq` went into an export (the 今日
    /// count of unexported changes starts again from there). Never moves backwards.
    pub fn mark_exported(&self, seq: u64) -> Result<(), StoreError> {
        let current = get_meta(self.conn(), EXPORTED_SEQ)?
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(0);
        if seq > current {
            super::set_meta(self.conn(), EXPORTED_SEQ, &seq.to_string())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Township, TownshipId};
    use crate::store::set_meta;

    #[test]
    fn unexported_counts_own_operations_past_exported_seq() {
        let mut store = Store::open_in_memory().unwrap();
        for name in ["两河镇", "白马镇", "石桥镇"] {
            store
                .write(|w| {
                    let t = Township {
                        name: name.into(),
                        short_name: name.chars().take(2).collect(),
                        code: None,
                    };
                    w.insert(TownshipId::new(), &t)
                })
                .unwrap();
        }
        assert_eq!(store.unexported_count().unwrap(), 3, "nothing exported yet");
        set_meta(store.conn(), EXPORTED_SEQ, "2").unwrap();
        assert_eq!(store.unexported_count().unwrap(), 1);
        set_meta(store.conn(), EXPORTED_SEQ, "两").unwrap();
        assert!(matches!(
            store.unexported_count(),
            Err(StoreError::InvalidOp(_))
        ));
    }
}
