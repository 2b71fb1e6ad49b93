//! Backup (a consistent page copy of the live database) and restore (verify, keep a safety copy,
//! swap the file in, give it a new replica id).

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rusqlite::backup::NO_PROGRESS;
use rusqlite::{Connection, MAIN_DB};

use super::{Store, StoreError};

/// Where a backup next to the database goes by default: `<db folder>/backups/<stem>-<stamp>.db`.
pub fn default_backup_path(db: &Path, stamp: &str) -> PathBuf {
    let dir = db
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |d| d.join("backups"));
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("minqing");
    dir.join(format!("{stem}-{stamp}.db"))
}

fn sync_dir(path: &Path) {
    // Directory fsync makes the rename durable on Unix; other systems have no such handle.
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(f) = File::open(dir)
    {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Store {
    /// Writes a consistent copy of the whole database to `out` (never half-written: a temporary
    /// file is fsynced and renamed into place).
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        let tmp = side_file(out, ".tmp");
        let _ = fs::remove_file(&tmp);
        if !self.copy_file_to(&tmp)? {
            self.conn().backup(MAIN_DB, &tmp, NO_PROGRESS)?;
        }
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, out)?;
        sync_dir(out);
        Ok(())
    }
}

impl Store {
    /// Copies the database file itself, which the operating system does far faster than
    /// SQLite's page-by-page backup (in the kernel, or as a block clone on file systems that
    /// have them): the log is checkpointed into the file, then the file is copied while this
    /// connection holds the write lock with an empty log, so nobody can change it meanwhile.
    /// Returns false (nothing copied) when that cannot be arranged: an in-memory database, a
    /// journal mode other than WAL, or writers that keep the log busy.
    fn copy_file_to(&self, tmp: &Path) -> Result<bool, StoreError> {
        let Some(db) = self.path().map(Path::to_path_buf) else {
            return Ok(false);
        };
        let conn = self.conn();
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok(false);
        }
        let wal = side_file(&db, "-wal");
        for _ in 0..3 {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let empty = fs::metadata(&wal).map_or(true, |m| m.len() == 0);
            let copied = if empty {
                Some(fs::copy(&db, tmp))
            } else {
                None
            };
            conn.execute_batch("ROLLBACK")?;
            match copied {
                Some(result) => {
                    result?;
                    return Ok(true);
                }
                None => continue,
            }
        }
        Ok(false)
    }
}

/// Backups taken automatically before imports that are kept; older ones are deleted.
pub const AUTO_BACKUPS_KEPT: usize = 10;

impl Store {
    /// The backup taken before an import: `<db folder>/backups/<stem>-import-<stamp>.db`, then
    /// only the newest [`AUTO_BACKUPS_KEPT`] of these are kept (backups made by hand are never
    /// touched). `stamp` must sort by time (e.g. `20261124-153000123`). An earlier backup with
    /// the same stamp is never replaced (`-2`, `-3`… are added): an import that fails removes
    /// its own backup, which must not be someone else's. Returns the new file.
    pub fn auto_backup(&self, stamp: &str) -> Result<PathBuf, StoreError> {
        let db = self
            .path()
            .ok_or_else(|| StoreError::NotFound("database file".into()))?
            .to_path_buf();
        let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("minqing");
        let mut out = default_backup_path(&db, &format!("import-{stamp}"));
        let mut n = 1;
        while out.exists() {
            n += 1;
            out = default_backup_path(&db, &format!("import-{stamp}-{n}"));
        }
        self.backup_to(&out)?;
        let prefix = format!("{stem}-import-");
        if let Some(dir) = out.parent() {
            let mut ours: Vec<PathBuf> = fs::read_dir(dir)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
                })
                .collect();
            ours.sort();
            let extra = ours.len().saturating_sub(AUTO_BACKUPS_KEPT);
            for old in &ours[..extra] {
                fs::remove_file(old)?;
            }
        }
        Ok(out)
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the database that was replaced, if there was one.
    pub safety_copy: Option<PathBuf>,
    pub new_replica_id: String,
}

/// Replaces the database at `db` with the backup `from`.
///
/// The backup is copied and checked first (a minqing database, integrity ok); the current
/// database, if any, is copied to `safety`; then the file is swapped in and gets a new replica
/// id, because the device the backup came from may still be writing under the old one.
pub fn restore(db: &Path, from: &Path, safety: &Path) -> Result<Restored, StoreError> {
    if !from.is_file() {
        return Err(StoreError::NotMinqing {
            path: from.to_path_buf(),
        });
    }
    let staged = side_file(db, ".restore");
    let _ = fs::remove_file(&staged);
    {
        let src = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|source| StoreError::Open {
                path: from.to_path_buf(),
                source,
            })?;
        let version: i64 = src
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|_| StoreError::NotMinqing {
                path: from.to_path_buf(),
            })?;
        if version == 0 {
            return Err(StoreError::NotMinqing {
                path: from.to_path_buf(),
            });
        }
        src.backup(MAIN_DB, &staged, NO_PROGRESS)?;
    }
    let new_replica_id = {
        let mut store = Store::open(&staged).inspect_err(|_| {
            let _ = fs::remove_file(&staged);
        })?;
        let ok: String = store
            .conn()
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            drop(store);
            let _ = fs::remove_file(&staged);
            return Err(StoreError::NotMinqing {
                path: from.to_path_buf(),
            });
        }
        let id = store.renew_replica_id()?;
        super::search::reindex_all(store.conn())?;
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        id
    };
    let safety_copy = if db.is_file() {
        let current = Store::open(db)?;
        current.backup_to(safety)?;
        drop(current);
        Some(safety.to_path_buf())
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(side_file(db, suffix));
        let _ = fs::remove_file(side_file(&staged, suffix));
    }
    File::open(&staged)?.sync_all()?;
    fs::rename(&staged, db)?;
    sync_dir(db);
    Ok(Restored {
        safety_copy,
        new_replica_id: new_replica_id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_automatic_backup_never_replaces_one_with_the_same_stamp() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("minqing.db")).expect("open");
        let first = store.auto_backup("20261124-153000123").expect("first");
        let second = store.auto_backup("20261124-153000123").expect("second");
        assert_ne!(first, second);
        assert!(first.is_file() && second.is_file());
        assert!(
            second
                .to_string_lossy()
                .ends_with("minqing-import-20261124-153000123-2.db")
        );
    }
}
