//! The SQLite store, the only module that touches rusqlite: open, migrations, the operation
//! log and the materialised tables it is applied to, queries, search, stats and check.

mod apply;
pub mod backup;
mod bulk;
pub mod check;
pub mod coverage;
pub mod dashboard;
mod dashboard_charts;
mod dashboard_parts;
mod dashboard_reads;
mod dashboard_sql;
mod dashboard_visited;
mod describe;
mod error;
pub mod household;
pub mod ingest;
mod item_live;
pub mod ledger;
pub mod local;
pub mod merge;
mod migrate;
pub mod peers;
pub mod picker;
pub mod query;
mod raised;
mod read;
pub mod report_rows;
pub mod review;
mod schema;
mod scope;
pub mod seals;
pub mod search;
mod settings;
pub mod stats;
pub mod today;
mod value;
mod visit_summary;
mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use error::StoreError;
pub use merge::{MergeReport, VersionVector};
pub use migrate::SCHEMA_VERSION;
pub use query::{Page, Paged};
pub use write::Writer;

use crate::domain::{CadreId, Hlc, ReplicaId, TownshipId};
use schema::Schema;

/// Clock source in Unix milliseconds; swapped for a fixed one by the demo generator and tests.
pub type Clock = Box<dyn Fn() -> u64 + Send>;

fn system_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// This device's user, set by `init` (or by the demo).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Identity {
    pub role: String,
    pub name: String,
    pub township_id: TownshipId,
    pub cadre_id: CadreId,
    pub created_at: String,
}

/// One open database file (a replica).
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    replica: ReplicaId,
    schema: Schema,
    clock: Clock,
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing, and migrates it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Store::setup(conn, Some(path.to_path_buf()))
    }

    /// A private on-disk database that SQLite deletes on close (`check`'s replay, which at
    /// county scale is too big to hold in memory).
    pub fn open_temporary() -> Result<Store, StoreError> {
        Store::setup(Connection::open("")?, None)
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?, None)
    }

    fn setup(conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // One cached statement per (table, column set) an operation can write, plus queries.
        conn.set_prepared_statement_cache_capacity(256);
        // Without the planner stability guarantee SQLite re-prepares a cached statement whenever
        // a newly bound value might change its plan: on the per-operation queries that was a
        // quarter of all the work.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        let not_minqing = |e: rusqlite::Error| match (e.sqlite_error_code(), &path) {
            (Some(rusqlite::ErrorCode::NotADatabase), Some(p)) => {
                StoreError::NotMinqing { path: p.clone() }
            }
            _ => StoreError::from(e),
        };
        // Page size only takes effect on a new, empty file; 16 KiB pages suit rows carrying
        // Chinese notes better than the 4 KiB default (measured: demo generation ~12% faster).
        conn.pragma_update(None, "page_size", 16384)
            .map_err(not_minqing)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_minqing)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", "-16384")?;
        migrate::migrate(&conn, path.as_deref())?;
        visit_summary::rebuild_if_paused(&conn)?;
        let replica = ensure_replica_id(&conn)?;
        let schema = Schema::load(&conn)?;
        Ok(Store {
            conn,
            path,
            replica,
            schema,
            clock: Box::new(system_ms),
        })
    }

    /// This database's replica id.
    pub fn replica_id(&self) -> ReplicaId {
        self.replica
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Replaces the clock that stamps new operations (demo data, tests).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Bulk writing (demo generation): no fsync per commit and a large page cache. A crash then
    /// may lose the file, which is acceptable only for data that can be generated again.
    pub fn set_bulk(&mut self, bulk: bool) -> Result<(), StoreError> {
        let (sync, cache) = if bulk {
            ("OFF", "-262144")
        } else {
            ("FULL", "-16384")
        };
        self.conn.pragma_update(None, "synchronous", sync)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        Ok(())
    }

    /// Goes back to the wall clock after [`Store::set_clock`].
    pub fn use_system_clock(&mut self) {
        self.clock = Box::new(system_ms);
    }

    /// Runs `f` in one transaction: every operation it writes is logged and applied together,
    /// or, if it fails, none is.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(true, f)
    }

    /// [`Store::write`]'s transaction, committed if `keep`, else rolled back once everything
    /// (the writer's closing bookkeeping too) has run: the dry run of `write_and_discard`.
    fn transact<T>(
        &mut self,
        keep: bool,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // IMMEDIATE takes the write lock up front, so a busy database is waited for (busy
        // timeout) instead of failing at the first write after reads.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut writer = Writer::begin(&tx, self.replica, &self.schema, &self.clock)?;
        let out = f(&mut writer)?;
        writer.finish()?;
        if keep {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }

    /// This device's identity, if `init` (or the demo) has set one.
    pub fn identity(&self) -> Result<Option<Identity>, StoreError> {
        self.conn
            .query_row(
                "SELECT role, name, township_id, cadre_id, created_at FROM identity",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?
            .map(|(role, name, t, c, created_at)| {
                Ok(Identity {
                    role,
                    name,
                    township_id: t.parse().map_err(|_| StoreError::InvalidOp(t.clone()))?,
                    cadre_id: c.parse().map_err(|_| StoreError::InvalidOp(c.clone()))?,
                    created_at,
                })
            })
            .transpose()
    }

    /// Records this device's identity; refuses to overwrite one.
    pub fn set_identity(&mut self, identity: &Identity) -> Result<(), StoreError> {
        if self.identity()?.is_some() {
            return Err(StoreError::IdentityExists);
        }
        self.conn.execute(
            "INSERT INTO identity (singleton, role, name, township_id, cadre_id, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                identity.role,
                identity.name,
                identity.township_id.to_string(),
                identity.cadre_id.to_string(),
                identity.created_at
            ],
        )?;
        Ok(())
    }

    /// The persisted hybrid logical clock.
    pub fn hlc(&self) -> Result<Hlc, StoreError> {
        Ok(Hlc::from_i64(get_meta(&self.conn, "hlc")?.map_or(
            Ok(0),
            |s| {
                s.parse::<i64>()
                    .map_err(|_| StoreError::InvalidOp(format!("meta hlc {s}")))
            },
        )?))
    }

    /// Gives this database a new replica id (after restore or copy), so two files never write
    /// operations under the same origin and sequence numbers.
    /// The old id is remembered: this device may still seal the operations it wrote under
    /// it (`own_replicas`).
    pub fn renew_replica_id(&mut self) -> Result<ReplicaId, StoreError> {
        let mut former = self.former_replicas()?;
        former.push(self.replica);
        let id = ReplicaId::new();
        let tx = self.conn.transaction()?;
        set_meta(&tx, "former_replicas", &serde_json::to_string(&former)?)?;
        set_meta(&tx, "replica_id", &id.to_string())?;
        tx.commit()?;
        self.replica = id;
        Ok(id)
    }

    fn former_replicas(&self) -> Result<Vec<ReplicaId>, StoreError> {
        Ok(match get_meta(&self.conn, "former_replicas")? {
            Some(s) => serde_json::from_str(&s)?,
            None => Vec::new(),
        })
    }

    /// Every replica id this database has written under: the current one first, then those it
    /// had before a restore or copy.
    pub fn own_replicas(&self) -> Result<Vec<ReplicaId>, StoreError> {
        let mut out = vec![self.replica];
        out.extend(self.former_replicas()?);
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn ensure_replica_id(conn: &Connection) -> Result<ReplicaId, StoreError> {
    if let Some(s) = get_meta(conn, "replica_id")? {
        return s
            .parse()
            .map_err(|_| StoreError::InvalidOp(format!("meta replica_id {s}")));
    }
    let id = ReplicaId::new();
    set_meta(conn, "replica_id", &id.to_string())?;
    Ok(id)
}
