//! Full-text search: FTS5 trigram for terms of 3+ characters, an `instr` scan for shorter ones
//! (a trigram index cannot answer 1–2 character Chinese queries such as 低保 or 王).

use std::collections::BTreeMap;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use uuid::Uuid;

use super::query::{
    HOUSEHOLD_SELECT, HouseholdRow, ITEM_SELECT, ItemRow, Page, Paged, VISIT_SELECT, VisitRow,
    household_row, item_row, paged, visit_row,
};
use super::{Store, StoreError};
use crate::domain::validate::normalize_text;
use crate::domain::{EntityKind, Ledger};

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

/// Every searchable table, as an entity kind and its target.
const TARGETS: [(EntityKind, &Target); 3] = [
    (EntityKind::Item, &ITEMS),
    (EntityKind::Visit, &VISITS),
    (EntityKind::Household, &HOUSEHOLDS),
];

/// Whether records of `kind` are in a search index.
pub(super) fn indexed(kind: EntityKind) -> bool {
    TARGETS.iter().any(|(k, _)| *k == kind)
}

/// The search-index row of a record created by `fields` at `rowid`, or `None` if its kind is
/// not searchable.
pub(super) fn row_of_new(
    kind: EntityKind,
    rowid: i64,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Option<Vec<Sql>> {
    let (_, t) = TARGETS.iter().find(|(k, _)| *k == kind)?;
    let mut row = vec![Sql::Integer(rowid)];
    row.extend(t.columns.iter().map(|c| match fields.get(*c) {
        Some(serde_json::Value::String(s)) => Sql::Text(s.clone()),
        _ => Sql::Null,
    }));
    Some(row)
}

/// Brings the search index up to date for the records touched in one transaction. A record
/// created in it comes with its index row (nothing to delete first); `None` means "changed:
/// read it again and replace its entry".
///
/// FTS5 batches pending terms only while rowids arrive in ascending order, so each table's
/// rows are written sorted by rowid.
pub(super) fn reindex(
    conn: &Connection,
    touched: &BTreeMap<(EntityKind, Uuid), Option<Vec<Sql>>>,
) -> Result<(), StoreError> {
    for (kind, t) in TARGETS {
        let cols = t.columns.join(", ");
        let mut rows: Vec<(bool, Vec<Sql>)> = Vec::new();
        let mut read = conn.prepare_cached(&format!(
            "SELECT rowid, {cols} FROM {} WHERE id = ?1",
            kind.table()
        ))?;
        for ((_, id), new) in touched.range((kind, Uuid::nil())..=(kind, Uuid::max())) {
            match new {
                Some(row) => rows.push((true, row.clone())),
                None => {
                    let row = read
                        .query_row([id.to_string()], |r| {
                            (0..=t.columns.len()).map(|i| r.get::<_, Sql>(i)).collect()
                        })
                        .optional()?;
                    rows.extend(row.map(|r| (false, r)));
                }
            }
        }
        rows.sort_by_key(|(_, r)| match r.first() {
            Some(Sql::Integer(i)) => *i,
            _ => 0,
        });
        let marks = (1..=t.columns.len() + 1)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        for (created, row) in rows {
            if !created {
                conn.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", t.fts))?
                    .execute([&row[0]])?;
            }
            conn.prepare_cached(&format!(
                "INSERT INTO {} (rowid, {cols}) VALUES ({marks})",
                t.fts
            ))?
            .execute(params_from_iter(row))?;
        }
    }
    Ok(())
}

/// Rebuilds every search index from the tables (after a restore).
pub(super) fn reindex_all(conn: &Connection) -> Result<(), StoreError> {
    for (kind, t) in TARGETS {
        let cols = t.columns.join(", ");
        conn.execute_batch(&format!(
            "DELETE FROM {fts}; INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM {table};",
            fts = t.fts,
            table = kind.table()
        ))?;
    }
    Ok(())
}

/// The names of the search index tables.
pub(super) fn fts_tables() -> impl Iterator<Item = &'static str> {
    TARGETS.iter().map(|(_, t)| t.fts)
}

/// The clause (and its arguments) matching `query` against items, or `None` for an empty query
/// (the ledger screens combine it with their filters).
pub(super) fn items_match(query: &str) -> Option<(String, Vec<Sql>)> {
    terms(query).map(|t| matching(&ITEMS, &t))
}

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
            // `+` keeps the planner off the ledger index: walking the table newest-first stops
            // after one page, where the index would visit and sort the whole ledger.
            sql.push_str(" AND +i.ledger = ?");
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
