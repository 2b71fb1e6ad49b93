//! The dashboard's per-household visit summary (migration 0006) outside its triggers: paused
//! for bulk writes, where keeping it row by row costs more than building it once (demo
//! generation of a county: 58 s → 74 s with the triggers; a trigger that only tests a flag
//! still cost 10 s of that), and rebuilt in one pass from the visits and households as they
//! are. Pausing drops the triggers and keeps their text under a key in `meta`, in the same
//! transaction; so a bulk write cut short (a crash, a kill) leaves a database that puts them
//! back and rebuilds the summary the next time it is opened.

use rusqlite::{Connection, OptionalExtension};

use super::{Store, StoreError};

/// The `meta` key that holds the summary's triggers while they are set aside.
const PAUSED: &str = "visit_summary_paused";

/// The summary's triggers as SQLite holds them (migration 0006 made them).
const TRIGGERS: &str = "SELECT name, sql FROM sqlite_schema
    WHERE type = 'trigger' AND name LIKE 'visit\\_summary\\_%' ESCAPE '\\' ORDER BY name";

/// Empties the summary and builds it again from every live visit and household.
const REBUILD: &str = "
DELETE FROM visit_summary;
DELETE FROM dashboard_cells;
INSERT INTO dashboard_cells (village_id, cadre_id)
SELECT DISTINCT village_id, cadre_id FROM households WHERE deleted = 0 ORDER BY 1, 2;
INSERT INTO visit_summary
    (household_id, year, cell, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
SELECT p.hid, p.y, (SELECT dc.cell FROM households h JOIN dashboard_cells dc
        ON dc.village_id IS h.village_id AND dc.cadre_id IS h.cadre_id
        WHERE h.id = p.hid AND h.deleted = 0),
    sum(p.m <= 1), sum(p.m <= 2), sum(p.m <= 3), sum(p.m <= 4), sum(p.m <= 5), sum(p.m <= 6),
    sum(p.m <= 7), sum(p.m <= 8), sum(p.m <= 9), sum(p.m <= 10), sum(p.m <= 11), sum(p.m <= 12)
FROM (SELECT j.value AS hid, CAST(substr(v.date, 1, 4) AS INTEGER) AS y,
        CAST(substr(v.date, 6, 2) AS INTEGER) AS m
    FROM visits v, json_each(v.household_ids) j WHERE v.deleted = 0) p
GROUP BY p.hid, p.y;
DELETE FROM meta WHERE key = 'visit_summary_paused';
";

/// Puts the triggers back and rebuilds the summary, in one transaction, if it is paused (after
/// migration 0006, or a bulk write that did not finish). Run when the store is opened.
pub(super) fn rebuild_if_paused(conn: &Connection) -> Result<(), StoreError> {
    let saved: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [PAUSED], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(triggers) = saved {
        in_transaction(conn, &format!("{triggers}{REBUILD}"))?;
    }
    Ok(())
}

fn in_transaction(conn: &Connection, sql: &str) -> Result<(), StoreError> {
    conn.execute_batch(&format!("BEGIN IMMEDIATE;\n{sql}\nCOMMIT;"))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    Ok(())
}

impl Store {
    /// Sets the summary's triggers aside until [`Store::resume_visit_summary`]: for writing
    /// many visits and households at once. Nothing happens if they already are.
    pub fn pause_visit_summary(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        let paused: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [PAUSED],
            |r| r.get(0),
        )?;
        if paused {
            return Ok(());
        }
        let triggers = conn
            .prepare(TRIGGERS)?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut keep = String::new();
        let tx = conn.unchecked_transaction()?;
        for (name, create) in &triggers {
            keep.push_str(create);
            keep.push_str(";\n");
            tx.execute_batch(&format!("DROP TRIGGER {name};"))?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            [PAUSED, keep.as_str()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts the triggers back and builds the summary from what the tables hold.
    pub fn resume_visit_summary(&self) -> Result<(), StoreError> {
        rebuild_if_paused(self.conn())
    }
}
