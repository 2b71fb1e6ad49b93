//! The rows of `minqing report`: every item of one ledger (or every visit of the diary) in a
//! village and date scope, streamed one row at a time in registration order, so a county
//! report never holds the whole ledger in memory.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value as Sql;
use rusqlite::{Row, params_from_iter};
use serde::Deserialize;

use super::{Store, StoreError};
use crate::domain::{Assistance, ItemStatus, Ledger, VillageId};

/// Which rows a report covers. Dates are inclusive; `None` means unbounded.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    /// Only these villages; empty means every village (and items without one).
    pub villages: Vec<VillageId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One event of an item's timeline worth printing in 办理进展: a progress note, an
/// escalation, a deferral or a reopening, with its text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProgressNote {
    /// The progress kind code (progress, escalate, defer, reopen).
    pub kind: String,
    pub date: Option<NaiveDate>,
    /// The note, else the reason, else the new level code.
    pub text: String,
}

/// One item as a report prints it, with everything a ledger column needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReportRow {
    pub number: String,
    pub registered_at: NaiveDateTime,
    pub township: Option<String>,
    pub village: Option<String>,
    pub group: Option<String>,
    /// 户主 of the linked household.
    pub household_head: Option<String>,
    pub reporter: Option<String>,
    pub anonymous: bool,
    pub reporter_phone: Option<String>,
    pub household_phone: Option<String>,
    /// 身份证号 (hardship only): the item's person, else the household head.
    pub id_number: Option<String>,
    pub category: String,
    pub title: String,
    pub content: String,
    /// 首问责任人: the registering cadre's name, else the name on the 挂号 event.
    pub first_responder: Option<String>,
    pub responsible_person: Option<String>,
    pub responsible_unit: Option<String>,
    /// The current deadline (a 交办 may have moved it).
    pub due_date: Option<NaiveDate>,
    pub progress: Vec<ProgressNote>,
    pub result: Option<String>,
    pub return_visit_on: Option<NaiveDate>,
    pub satisfaction: Option<String>,
    pub closed_at: Option<NaiveDate>,
    pub status: ItemStatus,
    pub nature: Option<String>,
    pub beneficiaries: Option<i64>,
    pub causes: Vec<String>,
    pub assistance: Vec<Assistance>,
    pub helper: Option<String>,
    pub review_cycle: Option<String>,
    pub people_involved: Option<i64>,
    pub risk_level: Option<String>,
    pub leader: Option<String>,
    pub stabilisation: Option<String>,
}

/// One visit as the diary report prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitReportRow {
    pub date: NaiveDate,
    /// A visit kind code.
    pub kind: String,
    pub township: Option<String>,
    pub village: Option<String>,
    /// 户主 of each visited household.
    pub households: Vec<String>,
    pub place: Option<String>,
    pub cadres: Vec<String>,
    pub heard: String,
    pub family_situation: Option<String>,
    pub follow_up: Option<String>,
    pub confirmed_by: Option<String>,
    pub confirmed: Option<bool>,
    /// 编号 of the items registered from this visit.
    pub items: Vec<String>,
}

/// How many rows a report will have and the townships they belong to (for the title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSize {
    pub rows: u64,
    pub townships: Vec<String>,
}

const ITEM_REPORT_SELECT: &str = "SELECT i.number, i.registered_at, t.name, v.name, g.name,
    h.head_name, i.reporter, i.anonymous, i.reporter_phone, h.phone,
    CASE WHEN i.ledger = 'hardship' THEN coalesce(p.id_number,
        (SELECT hp.id_number FROM persons hp WHERE hp.household_id = i.household_id
          AND hp.relation = 'head' AND hp.deleted = 0 LIMIT 1)) END,
    i.category, i.title, i.content,
    coalesce(c.name, (SELECT r.by_name FROM progress r WHERE r.item_id = i.id
        AND r.kind = 'register' AND r.deleted = 0 ORDER BY r.hlc LIMIT 1)),
    i.responsible_person, i.responsible_unit,
    coalesce(i.due_date, i.deadline),
    (SELECT json_group_array(json_object('kind', x.kind, 'date', substr(x.at, 1, 10),
        'text', coalesce(nullif(x.note, ''), nullif(x.reason, ''), x.level, '')) ORDER BY x.hlc)
      FROM progress x WHERE x.item_id = i.id AND x.deleted = 0
        AND x.kind IN ('progress', 'escalate', 'defer', 'reopen')),
    i.result, i.return_visit_on, i.satisfaction, substr(i.closed_at, 1, 10), i.status,
    i.nature, i.beneficiaries, i.causes, i.assistance, i.helper, i.review_cycle,
    i.people_involved, i.risk_level, i.leader, i.stabilisation
    FROM items i LEFT JOIN villages v ON v.id = i.village_id
    LEFT JOIN townships t ON t.id = v.township_id
    LEFT JOIN village_groups g ON g.id = i.group_id
    LEFT JOIN households h ON h.id = i.household_id
    LEFT JOIN persons p ON p.id = i.person_id
    LEFT JOIN cadres c ON c.id = i.registered_by";

const VISIT_REPORT_SELECT: &str = "SELECT v.date, v.kind, t.name, vil.name,
    (SELECT json_group_array(h.head_name) FROM visit_households vh
      JOIN households h ON h.id = vh.household_id WHERE vh.visit_id = v.id),
    v.place,
    (SELECT json_group_array(c.name ORDER BY j.key) FROM json_each(v.cadre_ids) j
      JOIN cadres c ON c.id = j.value),
    v.heard, v.family_situation, v.follow_up, v.confirmed_by, v.confirmed,
    (SELECT json_group_array(i.number ORDER BY i.number) FROM items i
      WHERE i.source_visit_id = v.id AND i.deleted = 0)
    FROM visits v LEFT JOIN villages vil ON vil.id = v.village_id
    LEFT JOIN townships t ON t.id = vil.township_id";

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.get(..10).and_then(|d| d.parse().ok()))
}

fn json_list<T: for<'de> Deserialize<'de>>(s: Option<String>) -> Vec<T> {
    s.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn bad(s: String) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnName(s)
}

fn item_report_row(r: &Row<'_>) -> rusqlite::Result<ItemReportRow> {
    let registered: String = r.get(1)?;
    Ok(ItemReportRow {
        number: r.get(0)?,
        registered_at: registered.parse().map_err(|_| bad(registered))?,
        township: r.get(2)?,
        village: r.get(3)?,
        group: r.get(4)?,
        household_head: r.get(5)?,
        reporter: r.get(6)?,
        anonymous: r.get::<_, i64>(7)? != 0,
        reporter_phone: r.get(8)?,
        household_phone: r.get(9)?,
        id_number: r.get(10)?,
        category: r.get(11)?,
        title: r.get(12)?,
        content: r.get(13)?,
        first_responder: r.get(14)?,
        responsible_person: r.get(15)?,
        responsible_unit: r.get(16)?,
        due_date: date(r.get(17)?),
        progress: json_list(r.get(18)?),
        result: r.get(19)?,
        return_visit_on: date(r.get(20)?),
        satisfaction: r.get(21)?,
        closed_at: date(r.get(22)?),
        status: ItemStatus::from_code(&r.get::<_, String>(23)?).unwrap_or(ItemStatus::Registered),
        nature: r.get(24)?,
        beneficiaries: r.get(25)?,
        causes: json_list(r.get(26)?),
        assistance: json_list(r.get(27)?),
        helper: r.get(28)?,
        review_cycle: r.get(29)?,
        people_involved: r.get(30)?,
        risk_level: r.get(31)?,
        leader: r.get(32)?,
        stabilisation: r.get(33)?,
    })
}

fn visit_report_row(r: &Row<'_>) -> rusqlite::Result<VisitReportRow> {
    let day: String = r.get(0)?;
    Ok(VisitReportRow {
        date: day.parse().map_err(|_| bad(day))?,
        kind: r.get(1)?,
        township: r.get(2)?,
        village: r.get(3)?,
        households: json_list(r.get(4)?),
        place: r.get(5)?,
        cadres: json_list(r.get(6)?),
        heard: r.get(7)?,
        family_situation: r.get(8)?,
        follow_up: r.get(9)?,
        confirmed_by: r.get(10)?,
        confirmed: r.get::<_, Option<i64>>(11)?.map(|c| c != 0),
        items: json_list(r.get(12)?),
    })
}

/// The day after `d` as text: the exclusive upper bound of a timestamp range ending on `d`.
fn day_after(d: NaiveDate) -> String {
    d.succ_opt().unwrap_or(d).to_string()
}

// A report reads a large share of a ledger, so `+i.ledger` keeps the planner from walking a
// ledger index and fetching each item at random: the items table is read in storage order
// instead (county, 26,000 of 53,000 items: 250 ms → 50 ms), or by `items_village` when
// villages are given.

impl ReportScope {
    /// ` AND …` clauses on the village column `village` and the date/timestamp column `when`.
    fn sql(&self, village: &str, when: &str) -> (String, Vec<Sql>) {
        let mut sql = String::new();
        let mut args = Vec::new();
        if !self.villages.is_empty() {
            let marks = vec!["?"; self.villages.len()].join(", ");
            sql.push_str(&format!(" AND {village} IN ({marks})"));
            args.extend(self.villages.iter().map(|v| Sql::Text(v.to_string())));
        }
        if let Some(from) = self.from {
            sql.push_str(&format!(" AND {when} >= ?"));
            args.push(Sql::Text(from.to_string()));
        }
        if let Some(to) = self.to {
            sql.push_str(&format!(" AND {when} < ?"));
            args.push(Sql::Text(day_after(to)));
        }
        (sql, args)
    }
}

impl Store {
    /// How many items of `ledger` a report over `scope` has, and their townships by name.
    pub fn report_item_size(
        &self,
        ledger: Ledger,
        scope: &ReportScope,
    ) -> Result<ReportSize, StoreError> {
        let (clauses, mut args) = scope.sql("i.village_id", "i.registered_at");
        args.insert(0, Sql::Text(ledger.code().into()));
        let from = format!(
            "FROM items i LEFT JOIN villages v ON v.id = i.village_id
             LEFT JOIN townships t ON t.id = v.township_id
             WHERE i.deleted = 0 AND +i.ledger = ?{clauses}"
        );
        self.report_size(&from, args)
    }

    /// How many visits a diary report over `scope` has, and their townships by name.
    pub fn report_visit_size(&self, scope: &ReportScope) -> Result<ReportSize, StoreError> {
        let (clauses, args) = scope.sql("v.village_id", "v.date");
        let from = format!(
            "FROM visits v LEFT JOIN villages vil ON vil.id = v.village_id
             LEFT JOIN townships t ON t.id = vil.township_id
             WHERE v.deleted = 0{clauses}"
        );
        self.report_size(&from, args)
    }

    fn report_size(&self, from: &str, args: Vec<Sql>) -> Result<ReportSize, StoreError> {
        let sql = format!(
            "SELECT count(*), (SELECT json_group_array(name) FROM
               (SELECT DISTINCT t.name AS name {from} AND t.name IS NOT NULL ORDER BY t.name))
             {from}"
        );
        let mut twice = args.clone();
        twice.extend(args);
        let (rows, names): (i64, String) = self
            .conn()
            .prepare(&sql)?
            .query_row(params_from_iter(twice), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(ReportSize {
            rows: u64::try_from(rows).unwrap_or(0),
            townships: serde_json::from_str(&names)?,
        })
    }

    /// Calls `each` with every live item of `ledger` in `scope`, in registration order
    /// (then by number), one row at a time.
    pub fn report_items<E: From<StoreError>>(
        &self,
        ledger: Ledger,
        scope: &ReportScope,
        mut each: impl FnMut(ItemReportRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let (clauses, mut args) = scope.sql("i.village_id", "i.registered_at");
        args.insert(0, Sql::Text(ledger.code().into()));
        let sql = format!(
            "{ITEM_REPORT_SELECT} WHERE i.deleted = 0 AND +i.ledger = ?{clauses}
             ORDER BY i.registered_at, i.number"
        );
        self.stream(&sql, args, item_report_row, &mut each)
    }

    /// Calls `each` with every live visit in `scope`, by date (then by time of recording).
    pub fn report_visits<E: From<StoreError>>(
        &self,
        scope: &ReportScope,
        mut each: impl FnMut(VisitReportRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let (clauses, args) = scope.sql("v.village_id", "v.date");
        let sql = format!(
            "{VISIT_REPORT_SELECT} WHERE v.deleted = 0{clauses}
             ORDER BY v.date, v.recorded_at, v.id"
        );
        self.stream(&sql, args, visit_report_row, &mut each)
    }

    fn stream<T, E: From<StoreError>>(
        &self,
        sql: &str,
        args: Vec<Sql>,
        map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
        each: &mut impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql_err = |e: rusqlite::Error| E::from(StoreError::from(e));
        let mut stmt = self.conn().prepare(sql).map_err(sql_err)?;
        let mut rows = stmt.query(params_from_iter(args)).map_err(sql_err)?;
        while let Some(r) = rows.next().map_err(sql_err)? {
            each(map(r).map_err(sql_err)?)?;
        }
        Ok(())
    }
}
