//! The ledger tables' query: the rows of `Store::items` plus the columns only one ledger has
//! (民生 性质/受益户数, 困难 原因, 稳定 风险等级/涉及人数), same filters and order.

use rusqlite::Row;
use serde::Serialize;

use super::query::{ITEM_SELECT, ItemFilter, ItemRow, Page, Paged, item_row, paged};
use super::{Store, StoreError};

/// One line of a ledger table with its ledger-specific columns (`None` where not set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerRow {
    pub item: ItemRow,
    /// 民生: 性质 code (consult, help, …).
    pub nature: Option<String>,
    /// 民生: 受益户数.
    pub beneficiaries: Option<i64>,
    /// 困难: difficulty cause codes, first = main cause.
    pub causes: Vec<String>,
    /// 稳定: 风险等级 code (red/yellow/green).
    pub risk_level: Option<String>,
    /// 稳定: 涉及人数.
    pub people_involved: Option<i64>,
}

/// Columns after `ITEM_SELECT`'s 13, in the order `ledger_row` reads them.
const EXTRA: &str = ", i.nature, i.beneficiaries, i.causes, i.risk_level, i.people_involved
    FROM items i";

fn ledger_row(r: &Row<'_>) -> rusqlite::Result<LedgerRow> {
    let causes: Option<String> = r.get(15)?;
    Ok(LedgerRow {
        item: item_row(r)?,
        nature: r.get(13)?,
        beneficiaries: r.get(14)?,
        causes: causes
            .and_then(|c| serde_json::from_str(&c).ok())
            .unwrap_or_default(),
        risk_level: r.get(16)?,
        people_involved: r.get(17)?,
    })
}

impl Store {
    /// A ledger table with its own columns: open items by deadline, closed ones after them
    /// (the order and filters of [`Store::items`]).
    pub fn ledger_items(&self, f: &ItemFilter, page: Page) -> Result<Paged<LedgerRow>, StoreError> {
        let select = ITEM_SELECT.replacen(" FROM items i", EXTRA, 1);
        let (clauses, args) = f.sql();
        let sql = format!("{select} WHERE i.deleted = 0{clauses} {}", f.order());
        paged(self, &sql, args, page, ledger_row)
    }

    /// The ledger table narrowed to items whose number, title, content or reporter contain
    /// every term of `query` (newest first), with the same filters; an empty query gives
    /// [`Store::ledger_items`].
    pub fn ledger_search(
        &self,
        f: &ItemFilter,
        query: &str,
        page: Page,
    ) -> Result<Paged<LedgerRow>, StoreError> {
        let Some((clause, mut args)) = super::search::items_match(query) else {
            return self.ledger_items(f, page);
        };
        let select = ITEM_SELECT.replacen(" FROM items i", EXTRA, 1);
        let (clauses, fargs) = f.sql();
        args.extend(fargs);
        let sql =
            format!("{select} WHERE i.deleted = 0 AND {clause}{clauses} ORDER BY i.rowid DESC");
        paged(self, &sql, args, page, ledger_row)
    }
}
