//! Full-text search: FTS5 trigram for terms of 3+ characters, an `instr` scan for shorter ones
//! (a trigram index cannot answer 1–2 character Chinese queries such as 低保 or 王).

use rusqlite::types::Value as Sql;

use super::query::{
    HOUSEHOLD_SELECT, HouseholdRow, ITEM_SELECT, ItemRow, Page, Paged, VISIT_SELECT, VisitRow,
    household_row, item_row, paged, visit_row,
};
use super::{Store, StoreError};
use crate::domain::Ledger;
use crate::domain::validate::normalize_text;

/// One searchable table: its alias in the list query, its FTS table and its text columns.
struct Target {
    alias: &'static str,
    fts: &'static str,
    columns: &'static [&'static str],
}

const ITEMS: Target = Target {
    alias: "i",
    fts: "items_fts",
    columns: &["number", "title", "content", "reporter"],
};
const VISITS: Target = Target {
    alias: "v",
    fts: "visits_fts",
    columns: &["heard", "family_situation", "follow_up", "place"],
};
const HOUSEHOLDS: Target = Target {
    alias: "h",
    fts: "households_fts",
    columns: &["head_name", "address", "phone"],
};

/// The query's terms (split on whitespace, NFC), or `None` if there is nothing to search.
fn terms(query: &str) -> Option<Vec<String>> {
    let q = normalize_text(query);
    let t: Vec<String> = q.split_whitespace().map(str::to_string).collect();
    (!t.is_empty()).then_some(t)
}

/// The WHERE clause and arguments matching every term in `t`.
fn matching(t: &Target, terms: &[String]) -> (String, Vec<Sql>) {
    if terms.iter().all(|w| w.chars().count() >= 3) {
        // Every term as a quoted phrase: the trigram index finds substrings of 3+ characters.
        let phrase = terms
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" AND ");
        let clause = format!(
            "{a}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)",
            a = t.alias,
            fts = t.fts
        );
        return (clause, vec![Sql::Text(phrase)]);
    }
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    for w in terms {
        let any = t
            .columns
            .iter()
            .map(|c| format!("instr({}.{c}, ?) > 0", t.alias))
            .collect::<Vec<_>>()
            .join(" OR ");
        clauses.push(format!("({any})"));
        args.extend(t.columns.iter().map(|_| Sql::Text(w.clone())));
    }
    (clauses.join(" AND "), args)
}

impl Store {
    /// Items whose number, title, content or reporter contain the query, newest first.
    pub fn search_items(
        &self,
        ledger: Option<Ledger>,
        query: &str,
        page: Page,
    ) -> Result<Paged<ItemRow>, StoreError> {
        let Some(terms) = terms(query) else {
            return Ok(Paged {
                rows: Vec::new(),
                more: false,
            });
        };
        let (clause, mut args) = matching(&ITEMS, &terms);
        let mut sql = format!("{ITEM_SELECT} WHERE i.deleted = 0 AND {clause}");
        if let Some(l) = ledger {
            sql.push_str(" AND i.ledger = ?");
            args.push(Sql::Text(l.code().into()));
        }
        sql.push_str(" ORDER BY i.rowid DESC");
        paged(self, &sql, args, page, item_row)
    }

    /// Visits whose notes, family situation, follow-up or place contain the query.
    pub fn search_visits(&self, query: &str, page: Page) -> Result<Paged<VisitRow>, StoreError> {
        let Some(terms) = terms(query) else {
            return Ok(Paged {
                rows: Vec::new(),
                more: false,
            });
        };
        let (clause, args) = matching(&VISITS, &terms);
        let sql = format!("{VISIT_SELECT} WHERE v.deleted = 0 AND {clause} ORDER BY v.rowid DESC");
        paged(self, &sql, args, page, visit_row)
    }

    /// Households whose head's name, address or phone contain the query.
    pub fn search_households(
        &self,
        query: &str,
        page: Page,
    ) -> Result<Paged<HouseholdRow>, StoreError> {
        let Some(terms) = terms(query) else {
            return Ok(Paged {
                rows: Vec::new(),
                more: false,
            });
        };
        let (clause, args) = matching(&HOUSEHOLDS, &terms);
        let sql =
            format!("{HOUSEHOLD_SELECT} WHERE h.deleted = 0 AND {clause} ORDER BY h.rowid DESC");
        paged(self, &sql, args, page, household_row)
    }
}
