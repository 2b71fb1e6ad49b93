//! The 统计 dashboard's figures (tab 7): per village, per cadre and in total, for a period and
//! optionally one village, computed by aggregate queries (`dashboard_sql.rs`) and returned as
//! plain structs. The definitions are in docs/REPORTS.md, section "统计口径".

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::dashboard_parts::{Cell, ItemKey, Key, args};
use super::dashboard_sql as q;
use super::query::ItemRow;
use super::{Store, StoreError};
use crate::domain::period::Period;
use crate::domain::{CadreId, Ledger, VillageId};

/// Weeks in the trend.
pub const TREND_WEEKS: usize = 12;
/// Open items listed as the oldest.
pub const OLDEST: usize = 50;

/// What the dashboard shows: a period, one village or all, counted as of `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardQuery {
    pub period: Period,
    pub village: Option<VillageId>,
    pub today: NaiveDate,
}

/// The figures of one village, one cadre or the whole scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Live households.
    pub households: u64,
    /// Households with at least one visit in the period.
    pub visited: u64,
    /// Household-visits (户次) in the period: each visit counts once per household it lists.
    pub household_visits: u64,
    /// Items registered in the period.
    pub opened: u64,
    /// Items registered in the period that are closed now.
    pub opened_closed: u64,
    /// Items not closed, now.
    pub open_now: u64,
    /// Items not closed whose deadline is before today.
    pub overdue_now: u64,
    /// Items closed in the period (and still closed).
    pub closed: u64,
    /// Return visits (回访) made in the period.
    pub return_visits: u64,
    /// Of those, 满意 or 基本满意.
    pub satisfied: u64,
    /// Median working days from registration to 销号 of the items closed in the period.
    pub median_days: Option<f64>,
}

fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

impl Figures {
    /// 走访覆盖率: households visited ÷ households.
    pub fn visited_rate(&self) -> Option<f64> {
        ratio(self.visited, self.households)
    }

    /// 办结率: of the items registered in the period, the share closed now.
    pub fn closure_rate(&self) -> Option<f64> {
        ratio(self.opened_closed, self.opened)
    }

    /// 满意率: (满意 + 基本满意) ÷ return visits in the period.
    pub fn satisfaction_rate(&self) -> Option<f64> {
        ratio(self.satisfied, self.return_visits)
    }

    pub(super) fn add(&mut self, o: &Figures) {
        self.households += o.households;
        self.visited += o.visited;
        self.household_visits += o.household_visits;
        self.opened += o.opened;
        self.opened_closed += o.opened_closed;
        self.open_now += o.open_now;
        self.overdue_now += o.overdue_now;
        self.closed += o.closed;
        self.return_visits += o.return_visits;
        self.satisfied += o.satisfied;
    }
}

/// One line of the village table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VillageRow {
    pub id: VillageId,
    pub name: String,
    /// The township's short name (a county database has many).
    pub township: Option<String>,
    pub figures: Figures,
}

/// One line of the cadre table; `id` is `None` for households without an assigned cadre and
/// items without a responsible cadre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadreRow {
    pub id: Option<CadreId>,
    /// `None` when the id is no cadre known here (or for the unassigned line).
    pub name: Option<String>,
    pub township: Option<String>,
    pub figures: Figures,
}

/// Items registered in the period in one ledger or category, and how many of them are closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub ledger: Ledger,
    /// The category code (empty for a ledger's total).
    pub category: String,
    pub registered: u64,
    pub closed: u64,
}

/// One week of the trend (Monday to Sunday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Week {
    pub start: NaiveDate,
    pub registered: u64,
    pub closed: u64,
}

/// Everything tab 7 shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dashboard {
    pub total: Figures,
    /// Visit records in the period (every kind, with or without households).
    pub visit_records: u64,
    pub villages: Vec<VillageRow>,
    pub cadres: Vec<CadreRow>,
    /// The three ledgers in order.
    pub ledgers: Vec<Count>,
    /// Categories with items registered in the period, most first.
    pub categories: Vec<Count>,
    /// [`TREND_WEEKS`] weeks ending with the one of the period's end (or today, if earlier).
    pub weeks: Vec<Week>,
    /// The open items registered longest ago, oldest first.
    pub oldest: Vec<ItemRow>,
    /// Years touched by closing durations for which the calendar had no data (Mon–Fri assumed).
    pub assumed_years: Vec<i32>,
}

impl Store {
    /// Every live village with its township's short name, in the dashboard's table order
    /// (township, then name): what the village filter cycles through.
    pub fn dashboard_villages(
        &self,
    ) -> Result<Vec<(VillageId, String, Option<String>)>, StoreError> {
        let rows = self.dash_rows(&q::villages(false), &[], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, name, t)| Some((id.parse().ok()?, name, t)))
            .collect())
    }

    /// The dashboard for `query`.
    pub fn dashboard(&self, query: &DashboardQuery) -> Result<Dashboard, StoreError> {
        let one = query.village.is_some();
        let r = self.dashboard_reads(query)?;
        let mut cells: HashMap<Key, Cell> = HashMap::new();
        for (k, h) in r.households {
            cells.entry(k).or_default().f.households += h;
        }
        let (who, names) = self.cadres()?;
        let to_key = |(village, by, named): ItemKey| {
            let cadre = who.cadre(village.as_deref(), by, named);
            (village, cadre)
        };
        for (k, [opened, opened_closed, open_now, overdue, closed]) in r.items {
            let c = &mut cells.entry(to_key(k)).or_default().f;
            c.opened += opened;
            c.opened_closed += opened_closed;
            c.open_now += open_now;
            c.overdue_now += overdue;
            c.closed += closed;
        }
        for (k, all, ok) in r.return_visits {
            let c = &mut cells.entry(to_key(k)).or_default().f;
            c.return_visits += all;
            c.satisfied += ok;
        }
        for (k, days) in r.closings {
            cells.entry(to_key(k)).or_default().days.push(days);
        }
        for (k, v, hv) in r.visited {
            let c = &mut cells.entry(k).or_default().f;
            c.visited += v;
            c.household_visits += hv;
        }
        let (ledgers, categories, weeks) = r.charts;
        let (villages, cadres, total) = self.rows(cells, &names, &args(query), one)?;
        Ok(Dashboard {
            total,
            visit_records: r.visit_records,
            villages,
            cadres,
            ledgers,
            categories,
            weeks,
            oldest: r.oldest,
            assumed_years: r.assumed.into_iter().collect(),
        })
    }
}
