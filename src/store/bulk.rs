//! The sync benchmark's yardstick (SPEC §9: an import "within 3× of a raw bulk load of the same
//! rows"): the rows an import wrote, copied into an empty database as plainly as SQLite allows.

use rusqlite::types::Value as Sql;
use rusqlite::{TransactionBehavior, params_from_iter};

use super::check::REPLICATED;
use super::{Store, StoreError};

/// Tables whose rowid other rows refer to (the search index is keyed by it), so it is copied.
const ROWID_TABLES: [&str; 3] = ["households", "visits", "items"];

impl Store {
    /// Copies every row of the operation log, the version vector and every materialised table
    /// (records, visit–household links, field heads, superseded values) from `from` into this
    /// database, which must be empty (freshly migrated): table by table, one prepared `INSERT`
    /// per table executed once per row, all in one transaction, with the schema's indexes and
    /// deferred foreign keys in place; then builds the search index from the copied rows with
    /// one `INSERT … SELECT` per index, as a rebuild does. Returns the number of rows copied
    /// (the index rows not counted).
    ///
    /// This is what `sqlite3 .import` of the same rows would do, measured in the same process
    /// and on the same settings as an import: no parsing, no checks, no merge logic. Only the
    /// benchmark uses it.
    #[doc(hidden)]
    pub fn bulk_copy_rows_from(&mut self, from: &Store) -> Result<u64, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tables = ["ops", "version_vector"]
            .into_iter()
            .chain(REPLICATED.iter().map(|(t, _)| *t));
        let mut rows = 0u64;
        for table in tables {
            let rowid = if ROWID_TABLES.contains(&table) {
                "rowid, "
            } else {
                ""
            };
            let mut read = from
                .conn()
                .prepare(&format!("SELECT {rowid}* FROM {table}"))?;
            let cols: Vec<String> = read.column_names().map(String::from).collect();
            let marks = vec!["?"; cols.len()].join(", ");
            let mut write = tx.prepare(&format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                cols.join(", ")
            ))?;
            let mut it = read.query([])?;
            while let Some(r) = it.next()? {
                let values = (0..cols.len())
                    .map(|i| r.get::<_, Sql>(i))
                    .collect::<Result<Vec<_>, _>>()?;
                write.execute(params_from_iter(values))?;
                rows += 1;
            }
        }
        super::search::reindex_all(&tx)?;
        tx.commit()?;
        Ok(rows)
    }
}
