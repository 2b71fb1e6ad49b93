//! The dashboard's internals: running its queries, the (village, cadre) cells they fill and
//! how they add up per village, per cadre and in total, whose an item's figures are (its
//! responsible cadre), and the charts. The public types and `Store::dashboard` are in
//! `dashboard.rs`.

use std::collections::HashMap;

use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, Row, params_from_iter};

use super::dashboard::{CadreRow, Count, DashboardQuery, Figures, VillageRow, Week};
use super::dashboard_sql as q;
use super::{Store, StoreError};
use crate::domain::period::median;

/// The figures of one (village, cadre) pair and the closing durations behind its median.
#[derive(Default)]
pub(super) struct Cell {
    pub f: Figures,
    pub days: Vec<i64>,
}

pub(super) type Key = (Option<String>, Option<String>);

/// Whose an item's figures are: its responsible cadre, the live cadre named as 责任人 at the
/// latest 交办 (matched by name among the cadres of the item's own township, the first by id
/// when two share a name), else the 首问责任人 who registered it. `dashboard_sql::CADRE_FILTER`
/// is the same rule in SQL, for the ledger lists.
pub(super) struct Attribution {
    /// Village id → its township id.
    townships: HashMap<String, Option<String>>,
    /// (township id, name) → the first live cadre of that name there.
    by_name: HashMap<(String, String), String>,
}

impl Attribution {
    pub(super) fn cadre(
        &self,
        village: Option<&str>,
        registered_by: Option<String>,
        responsible: Option<String>,
    ) -> Option<String> {
        let named = village
            .and_then(|v| self.townships.get(v))
            .and_then(|t| t.clone())
            .zip(responsible)
            .and_then(|key| self.by_name.get(&key).cloned());
        named.or(registered_by)
    }
}

/// A cadre as the dashboard names it.
pub(super) struct CadreName {
    name: String,
    township: Option<String>,
}

/// Per ledger, per category, per week.
pub(super) type Charts = (Vec<Count>, Vec<Count>, Vec<Week>);

/// Reads a count column (SQL `sum` of nothing is NULL).
pub(super) fn n(r: &Row<'_>, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64)
}

pub(super) fn key(r: &Row<'_>) -> rusqlite::Result<Key> {
    Ok((r.get(0)?, r.get(1)?))
}

/// Column `i` as text, if it is text.
pub(super) fn str_at<'a>(r: &'a Row<'_>, i: usize) -> Option<&'a str> {
    match r.get_ref(i).ok()? {
        ValueRef::Text(t) => std::str::from_utf8(t).ok(),
        _ => None,
    }
}

/// (village, registrar, 责任人) of an item row, the first three columns.
pub(super) type ItemKey = (Option<String>, Option<String>, Option<String>);

pub(super) fn item_key(r: &Row<'_>) -> rusqlite::Result<ItemKey> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

/// The arguments every dashboard query takes (`dashboard_sql.rs`): the period's first day, the
/// day after its last, today and the village (or NULL).
pub(super) fn args(query: &DashboardQuery) -> [Sql; 4] {
    let p = query.period;
    [
        Sql::Text(p.from.to_string()),
        Sql::Text(p.end_next().to_string()),
        Sql::Text(query.today.to_string()),
        query
            .village
            .map_or(Sql::Null, |v| Sql::Text(v.to_string())),
    ]
}

/// Runs `sql` on `conn` with the dashboard's arguments (as many as it uses), mapping each row.
pub(super) fn rows_on<T>(
    conn: &Connection,
    sql: &str,
    args: &[Sql],
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let used = stmt.parameter_count().min(args.len());
    let rows = stmt
        .query_map(params_from_iter(&args[..used]), map)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Runs `sql` like [`rows_on`], handing each row to `each` instead of collecting them.
pub(super) fn rows_on_with(
    conn: &Connection,
    sql: &str,
    args: &[Sql],
    mut each: impl FnMut(&Row<'_>) -> rusqlite::Result<()>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let used = stmt.parameter_count().min(args.len());
    let mut rows = stmt.query(params_from_iter(&args[..used]))?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

impl Store {
    /// Runs `sql` with the dashboard's arguments (as many as it uses), mapping each row.
    pub(super) fn dash_rows<T>(
        &self,
        sql: &str,
        args: &[Sql],
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        rows_on(self.conn(), sql, args, map)
    }

    /// Adds the cells up per village (every live village in scope, even with nothing), per
    /// cadre (those with a household or an item in scope) and in total.
    pub(super) fn rows(
        &self,
        cells: HashMap<Key, Cell>,
        names: &HashMap<String, CadreName>,
        args: &[Sql],
        one: bool,
    ) -> Result<(Vec<VillageRow>, Vec<CadreRow>, Figures), StoreError> {
        let mut by_village: HashMap<String, Cell> = HashMap::new();
        let mut by_cadre: HashMap<Option<String>, Cell> = HashMap::new();
        let mut total = Cell::default();
        for ((village, cadre), cell) in cells {
            for sum in [
                village.map(|v| by_village.entry(v).or_default()),
                Some(by_cadre.entry(cadre).or_default()),
                Some(&mut total),
            ]
            .into_iter()
            .flatten()
            {
                sum.f.add(&cell.f);
                sum.days.extend_from_slice(&cell.days);
            }
        }
        let finish = |mut c: Cell| {
            c.f.median_days = median(&mut c.days);
            c.f
        };
        let list = self.dash_rows(&q::villages(one), args, |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        let villages = list
            .into_iter()
            .filter_map(|(id, name, township)| {
                let figures = finish(by_village.remove(&id).unwrap_or_default());
                Some(VillageRow {
                    id: id.parse().ok()?,
                    name,
                    township,
                    figures,
                })
            })
            .collect();
        let mut cadres: Vec<CadreRow> = by_cadre
            .into_iter()
            .map(|(id, cell)| {
                let known = id.as_ref().and_then(|i| names.get(i));
                CadreRow {
                    id: id.as_deref().and_then(|i| i.parse().ok()),
                    name: known.map(|c| c.name.clone()),
                    township: known.and_then(|c| c.township.clone()),
                    figures: finish(cell),
                }
            })
            .collect();
        // Township, then name; unknown and unassigned last.
        cadres.sort_by(|a, b| {
            (a.name.is_none(), &a.township, &a.name, a.id).cmp(&(
                b.name.is_none(),
                &b.township,
                &b.name,
                b.id,
            ))
        });
        Ok((villages, cadres, finish(total)))
    }

    /// Who items belong to, and every cadre's name (a few hundred cadres and villages).
    pub(super) fn cadres(&self) -> Result<(Attribution, HashMap<String, CadreName>), StoreError> {
        let townships = self
            .dash_rows(q::VILLAGE_TOWNSHIPS, &[], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .into_iter()
            .collect();
        let rows = self.dash_rows(q::CADRES, &[], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)? != 0,
            ))
        })?;
        let mut by_name: HashMap<(String, String), String> = HashMap::new();
        let mut names = HashMap::new();
        for (id, name, short, township, deleted) in rows {
            if let (Some(t), false) = (township, deleted) {
                let first = by_name
                    .entry((t, name.clone()))
                    .or_insert_with(|| id.clone());
                if id < *first {
                    first.clone_from(&id);
                }
            }
            names.insert(
                id,
                CadreName {
                    name,
                    township: short,
                },
            );
        }
        Ok((Attribution { townships, by_name }, names))
    }
}
