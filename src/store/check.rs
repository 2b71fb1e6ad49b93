//! `minqing check`: SQLite integrity, and the materialised tables compared row by row with a
//! fresh replay of the operation log.

use std::cmp::Ordering::{Equal, Greater, Less};

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::{Map, Value};

use super::apply::apply;
use super::{Store, StoreError};
use crate::domain::{EntityKind, Hlc, Op, OpId, OpKind};

/// Replicated tables and the columns that order them uniquely.
pub const REPLICATED: &[(&str, &str)] = &[
    ("townships", "id"),
    ("villages", "id"),
    ("village_groups", "id"),
    ("cadres", "id"),
    ("households", "id"),
    ("persons", "id"),
    ("visits", "id"),
    ("visit_households", "household_id, visit_id"),
    ("items", "id"),
    ("progress", "id"),
    ("field_heads", "entity_id, field, origin, seq"),
    ("superseded", "entity_id, field, origin, seq"),
];

/// Local tables derived from the replicated ones (by triggers), compared with the replay's: a
/// name, the rows as a query (cell numbers differ between databases, so the summary is read
/// with its pair), and the columns that order them uniquely.
pub const DERIVED: &[(&str, &str, &str)] = &[(
    "visit_summary",
    "SELECT s.household_id, s.year, d.village_id, d.cadre_id, s.c1, s.c2, s.c3, s.c4, s.c5,
        s.c6, s.c7, s.c8, s.c9, s.c10, s.c11, s.c12
    FROM visit_summary s LEFT JOIN dashboard_cells d ON d.cell = s.cell",
    "household_id, year",
)];

/// Every replicated and derived table: its name, what to select from (a table or a
/// parenthesised query) and its key.
fn compared() -> impl Iterator<Item = (&'static str, String, &'static str)> {
    let replicated = REPLICATED.iter().map(|(t, k)| (*t, t.to_string(), *k));
    let derived = DERIVED
        .iter()
        .map(|(name, rows, key)| (*name, format!("({rows})"), *key));
    replicated.chain(derived)
}

/// One difference between the tables and the replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub table: String,
    /// The row's key (its id, or the key columns joined by '/').
    pub key: String,
    /// The differing column, or why the row differs (missing, extra).
    pub detail: String,
}

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub ops: u64,
    /// Problems SQLite itself reports (integrity, foreign keys, search index).
    pub integrity: Vec<String>,
    /// Rows that differ from the replay (the first few).
    pub mismatches: Vec<Mismatch>,
}

impl CheckReport {
    /// Everything agrees.
    pub fn ok(&self) -> bool {
        self.integrity.is_empty() && self.mismatches.is_empty()
    }
}

const MAX_MISMATCHES: usize = 20;

/// The columns [`op_from_row`] reads, in its order.
pub(crate) const OP_COLUMNS: &str = "origin, seq, hlc, entity, entity_id, kind, fields, pred";

/// One row of `ops` (selected as [`OP_COLUMNS`]) as an operation.
pub(crate) fn op_from_row(r: &rusqlite::Row<'_>) -> Result<Op, StoreError> {
    let bad = |what: &str| StoreError::InvalidOp(format!("log row: {what}"));
    let entity: String = r.get(3)?;
    let kind: String = r.get(5)?;
    let fields: Map<String, Value> = serde_json::from_str(&r.get::<_, String>(6)?)?;
    let pred: Vec<OpId> = serde_json::from_str(&r.get::<_, String>(7)?)?;
    Ok(Op {
        origin: r.get::<_, String>(0)?.parse().map_err(|_| bad("origin"))?,
        seq: u64::try_from(r.get::<_, i64>(1)?).map_err(|_| bad("seq"))?,
        hlc: Hlc::from_i64(r.get(2)?),
        entity: EntityKind::from_code(&entity).ok_or_else(|| bad(&entity))?,
        id: r
            .get::<_, String>(4)?
            .parse()
            .map_err(|_| bad("entity id"))?,
        kind: OpKind::from_code(&kind).ok_or_else(|| bad(&kind))?,
        fields,
        pred,
    })
}

/// Reads every logged operation in causal order.
pub(crate) fn for_each_op(
    conn: &Connection,
    mut f: impl FnMut(Op) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {OP_COLUMNS} FROM ops ORDER BY hlc, origin, seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        f(op_from_row(r)?)?;
        n += 1;
    }
    Ok(n)
}

impl Store {
    /// Checks integrity and compares every replicated table with a replay of the log.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport::default();
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                report.integrity.push(line);
            }
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let fk = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in fk {
            // WITHOUT ROWID tables report no rowid; the parent table still says what is missing.
            let (table, rowid, parent) = row?;
            let at = rowid.map_or_else(String::new, |r| format!(" row {r}"));
            report.integrity.push(format!(
                "foreign key: {table}{at} refers to a missing {parent} record"
            ));
        }
        for fts in super::search::fts_tables() {
            if let Err(e) = conn.execute(
                &format!("INSERT INTO {fts}({fts}) VALUES ('integrity-check')"),
                [],
            ) {
                report.integrity.push(format!("{fts}: {e}"));
            }
        }
        self.check_own_sequence(&mut report)?;

        let mut replay = Store::open_temporary()?;
        replay.set_bulk(true)?;
        replay.pause_visit_summary()?;
        let tx = replay.conn.transaction()?;
        report.ops = for_each_op(conn, |op| {
            apply(&tx, &replay.schema, &op, false).map(|_| ())
        })?;
        tx.commit()?;
        // Built in one pass from the replayed tables: what the triggers kept here must equal it.
        replay.resume_visit_summary()?;
        for (name, rows, key) in compared() {
            compare(conn, replay.conn(), name, &rows, key, &mut report)?;
            if report.mismatches.len() >= MAX_MISMATCHES {
                break;
            }
        }
        Ok(report)
    }

    /// Every row of every replicated table, and of the tables derived from them, as text, in
    /// key order: two replicas holding the same operations must give the same list (the merge
    /// property tests compare these).
    pub fn replicated_rows(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for (table, rows, key) in compared() {
            let mut stmt = self
                .conn()
                .prepare(&format!("SELECT * FROM {rows} ORDER BY {key}"))?;
            let n = stmt.column_count();
            let rows = stmt.query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Sql>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cols| format!("{table}|{}", cols.join("|")))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// This replica's own operations must be numbered 1..=n without a gap.
    fn check_own_sequence(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        let (count, max): (i64, i64) = self.conn().query_row(
            "SELECT count(*), coalesce(max(seq), 0) FROM ops WHERE origin = ?1",
            params![self.replica_id().to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let recorded = self.own_op_count()? as i64;
        if count != max || recorded != max {
            report.integrity.push(format!(
                "own sequence: {count} operations, highest {max}, version vector {recorded}"
            ));
        }
        Ok(())
    }
}

/// Walks both tables (`rows`: a table or a parenthesised query) in key order side by side and
/// records the differences under `table`.
fn compare(
    a: &Connection,
    b: &Connection,
    table: &str,
    rows: &str,
    key: &str,
    report: &mut CheckReport,
) -> Result<(), StoreError> {
    let sql = format!("SELECT * FROM {rows} ORDER BY {key}");
    let nkeys = key.split(',').count();
    let mut sa = a.prepare(&sql)?;
    let mut sb = b.prepare(&sql)?;
    let cols: Vec<String> = sa.column_names().map(String::from).collect();
    let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Vec<Sql>> {
        (0..cols.len()).map(|i| r.get::<_, Sql>(i)).collect()
    };
    let mut ra = sa.query([])?;
    let mut rb = sb.query([])?;
    let (mut x, mut y) = (next(&mut ra, &read)?, next(&mut rb, &read)?);
    let key_of = |row: &[Sql]| -> String {
        row[..nkeys]
            .iter()
            .map(|v| match v {
                Sql::Text(s) => s.clone(),
                Sql::Integer(i) => i.to_string(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let order = |p: &[Sql], q: &[Sql]| -> std::cmp::Ordering {
        p[..nkeys]
            .iter()
            .zip(&q[..nkeys])
            .map(|(u, v)| sql_cmp(u, v))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    let mut push = |key: String, detail: String| {
        report.mismatches.push(Mismatch {
            table: table.to_string(),
            key,
            detail,
        });
        report.mismatches.len() < MAX_MISMATCHES
    };
    loop {
        let go_on = match (&x, &y) {
            (None, None) => return Ok(()),
            (Some(r), None) => push(key_of(r), "not in the log".into()),
            (None, Some(r)) => push(key_of(r), "missing from the table".into()),
            (Some(p), Some(q)) => match order(p, q) {
                Less => push(key_of(p), "not in the log".into()),
                Greater => push(key_of(q), "missing from the table".into()),
                Equal => match (0..cols.len()).find(|&i| p[i] != q[i]) {
                    Some(i) => push(key_of(p), format!("column {}", cols[i])),
                    None => true,
                },
            },
        };
        if !go_on {
            return Ok(());
        }
        match (&x, &y) {
            (Some(p), Some(q)) => {
                let o = order(p, q);
                if o != Greater {
                    x = next(&mut ra, &read)?;
                }
                if o != Less {
                    y = next(&mut rb, &read)?;
                }
            }
            (Some(_), None) => x = next(&mut ra, &read)?,
            (None, Some(_)) => y = next(&mut rb, &read)?,
            (None, None) => return Ok(()),
        }
    }
}

/// SQLite's own order for the key types we use (integers numerically, text bytewise).
fn sql_cmp(a: &Sql, b: &Sql) -> std::cmp::Ordering {
    match (a, b) {
        (Sql::Integer(x), Sql::Integer(y)) => x.cmp(y),
        (Sql::Text(x), Sql::Text(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Sql::Null, Sql::Null) => Equal,
        (Sql::Null, _) => Less,
        (_, Sql::Null) => Greater,
        (Sql::Integer(_), _) => Less,
        (_, Sql::Integer(_)) => Greater,
        _ => format!("{a:?}").cmp(&format!("{b:?}")),
    }
}

fn next(
    rows: &mut rusqlite::Rows<'_>,
    read: &impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Vec<Sql>>,
) -> Result<Option<Vec<Sql>>, StoreError> {
    Ok(match rows.next()? {
        Some(r) => Some(read(r)?),
        None => None,
    })
}
