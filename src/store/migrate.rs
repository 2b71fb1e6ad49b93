//! Numbered schema migrations tracked by `PRAGMA user_version`; a landed migration is never edited.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

/// Every migration in order; `user_version` = how many have been applied.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    (
        "0002_ledger_order_drafts_access_log",
        include_str!("migrations/0002_ledger_order_drafts_access_log.sql"),
    ),
    ("0003_peers", include_str!("migrations/0003_peers.sql")),
    (
        "0004_seals_and_shared_creates",
        include_str!("migrations/0004_seals_and_shared_creates.sql"),
    ),
    (
        "0005_dashboard",
        include_str!("migrations/0005_dashboard.sql"),
    ),
    (
        "0006_visit_summary",
        include_str!("migrations/0006_visit_summary.sql"),
    ),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction.
pub fn migrate(conn: &Connection, path: Option<&Path>) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version == 0 && has_foreign_tables(conn)? {
        return Err(StoreError::NotMinqing {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
        });
    }
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let next = i as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {next};\nCOMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

/// An unversioned file with tables of its own is someone else's database: never write into it.
fn has_foreign_tables(conn: &Connection) -> Result<bool, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}
