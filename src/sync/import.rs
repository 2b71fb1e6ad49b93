//! Import: a bundle is decrypted and checked completely (format, signature, the sender's
//! trust, every hash and sequence number) before anything is written; then an automatic
//! backup, one transaction, and the sender's acknowledgement recorded.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Local;
use serde::Serialize;

use super::SyncError;
use super::bundle::{self, Bundle};
use super::keys::DeviceKeys;
use crate::domain::{Cadre, Village};
use crate::store::coverage::covers;
use crate::store::merge::{MergeReport, VersionVector};
use crate::store::{SCHEMA_VERSION, Store, StoreError};

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub sender: String,
    pub sender_fingerprint: String,
    pub ops_new: u64,
    pub ops_known: u64,
    pub conflicts_new: u64,
    pub records_changed: u64,
    pub dry_run: bool,
    /// The automatic backup taken first (none for a dry run or a bundle with nothing new).
    pub backup: Option<PathBuf>,
}

/// What `verify` found: the opened bundle (without its operations when every one is held
/// here already: `known` then counts them), the trusted sender and how many operations are new.
struct Verified {
    bundle: Bundle,
    peer: crate::store::peers::Peer,
    new: u64,
    known: Option<u64>,
}

/// Reads and checks `file` without writing anything.
fn verify(store: &Store, keys: &DeviceKeys, file: &Path) -> Result<Verified, SyncError> {
    let bytes = fs::read(file).map_err(|e| SyncError::Read {
        path: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut peer = None;
    let mut same = Vec::new();
    let opened = bundle::open_with(&bytes, keys, |m, seals| -> Result<bool, SyncError> {
        let p =
            store
                .peer_by_sign_key(&m.sender.sign_key)?
                .ok_or_else(|| SyncError::NotTrusted {
                    name: m.sender.name.clone(),
                })?;
        peer = Some(p);
        same = store.check_seals(seals)?;
        all_held(store, &m.ranges, &same)
    })?;
    let peer = peer.ok_or_else(|| SyncError::NotTrusted {
        name: opened.bundle.manifest.sender.name.clone(),
    })?;
    if !opened.parsed {
        let known = opened.bundle.manifest.op_count;
        return Ok(Verified {
            bundle: opened.bundle,
            peer,
            new: 0,
            known: Some(known),
        });
    }
    let pre = store.precheck(&opened.bundle.ops, &same)?;
    if let Some(op) = pre.reused {
        return Err(SyncError::Store(StoreError::SequenceReused(op)));
    }
    Ok(Verified {
        bundle: opened.bundle,
        peer,
        new: pre.new,
        known: None,
    })
}

/// True if this replica holds every `(origin, seq)` of `ranges` (within its contiguous
/// vector), each inside a seal it holds exactly as the bundle gives it (`same`).
fn all_held(
    store: &Store,
    ranges: &[bundle::Range],
    same: &[(crate::domain::ReplicaId, u64, u64)],
) -> Result<bool, SyncError> {
    let vv = store.version_vector()?;
    for r in ranges {
        if vv.get(&r.origin).is_none_or(|&m| m < r.to) {
            return Ok(false);
        }
        let mut seq = r.from;
        while seq <= r.to {
            let run = same
                .iter()
                .filter(|&&(o, f, t)| o == r.origin && f <= seq && seq <= t)
                .map(|&(_, _, t)| t)
                .max();
            match run {
                Some(t) => seq = t + 1,
                None => return Ok(false),
            }
        }
    }
    Ok(true)
}

/// True if, once `b` is merged, this device holds every operation of its villages up to the
/// sender's vector: the bundle is scoped to (at least) this device's villages and was computed
/// from an acknowledgement this device had already reached (`before`).
fn covers_me(store: &Store, b: &Bundle, before: &VersionVector) -> Result<bool, SyncError> {
    let base_held = match &b.manifest.base {
        Some(base) => covers(before, base),
        None => true,
    };
    // An unscoped bundle needs no coverage: the contiguous vector says what is held. (Taking
    // the sender's vector as coverage would also take over the sender's own coverage claims,
    // which are about the sender's villages, not this device's.)
    let Some(scope) = &b.manifest.villages else {
        return Ok(false);
    };
    let mine = my_villages(store)?;
    Ok(base_held && !mine.is_empty() && mine.iter().all(|v| scope.contains(v)))
}

/// The names of the villages this device's cadre covers (empty for offices).
fn my_villages(store: &Store) -> Result<Vec<String>, SyncError> {
    let Some(me) = store.identity()? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    if let Some(c) = store.get::<Cadre>(me.cadre_id)? {
        for id in c.village_ids {
            if let Some(v) = store.get::<Village>(id)? {
                out.push(v.name);
            }
        }
    }
    Ok(out)
}

/// Copies a refused bundle aside (never over an earlier copy), so the office can show it to
/// whoever investigates; returns where.
fn quarantine(store: &Store, file: &Path) -> Option<PathBuf> {
    let dir = store.path()?.parent()?.join("quarantine");
    fs::create_dir_all(&dir).ok()?;
    let name = file.file_name()?.to_string_lossy().into_owned();
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let to = dir.join(format!("{stamp}-{name}"));
    fs::copy(file, &to).ok()?;
    Some(to)
}

/// An import read and checked, waiting for its backup and its merge: `import` in steps, so a
/// screen can show how far it got between them. Nothing has been written yet.
pub struct Pending {
    bundle: Bundle,
    peer: crate::store::peers::Peer,
    new: u64,
    known: Option<u64>,
    dry_run: bool,
    before: VersionVector,
    report: ImportReport,
    now: chrono::DateTime<Local>,
}

/// Step one of an import: read, decrypt and check `file` completely (a sequence number reused
/// with other content quarantines it), and refuse a bundle built on what this database held
/// before a restore.
pub fn prepare(
    store: &mut Store,
    keys: &DeviceKeys,
    file: &Path,
    dry_run: bool,
) -> Result<Pending, SyncError> {
    let Verified {
        bundle: b,
        peer,
        new,
        known,
    } = match verify(store, keys, file) {
        Ok(v) => v,
        Err(SyncError::Store(StoreError::SequenceReused(op))) => {
            let kept = quarantine(store, file);
            return Err(SyncError::Quarantined { op, kept });
        }
        Err(e) => return Err(e),
    };
    let report = ImportReport {
        sender: peer.card.name.clone(),
        sender_fingerprint: peer.fingerprint.clone(),
        ops_new: 0,
        ops_known: 0,
        conflicts_new: 0,
        records_changed: 0,
        dry_run,
        backup: None,
    };
    let before = store.ack_vector()?;
    // The sender sent what lies beyond what it believed this device holds (`base`). A database
    // restored from a backup holds less than it once acknowledged: the bundle may then miss
    // records lost with the restore that its changes build on (a member without its
    // household), and an office could not tell which villages such changes belong to, so it
    // would scope them wrongly. Refused until the sender has heard this device's own vector;
    // its vector is kept, so that the next export to it is built on what it really holds (two
    // restored devices would otherwise refuse each other for ever).
    let stale = b
        .manifest
        .base
        .as_ref()
        .is_some_and(|base| !covers(&before, base));
    if stale && new > 0 {
        if !dry_run {
            store.set_peer_ack_only(&peer.id, &b.manifest.version_vector)?;
        }
        return Err(SyncError::StaleBase {
            name: peer.card.name.clone(),
        });
    }
    Ok(Pending {
        bundle: b,
        peer,
        new,
        known,
        dry_run,
        before,
        report,
        now: Local::now(),
    })
}

impl Pending {
    /// True if the import will take an automatic backup first (something new, not a dry run).
    pub fn needs_backup(&self) -> bool {
        !self.dry_run && self.new > 0
    }

    /// Step two: the automatic backup, if one is needed and not taken yet.
    pub fn backup(&mut self, store: &Store) -> Result<(), SyncError> {
        if self.needs_backup() && self.report.backup.is_none() {
            // Milliseconds: several imports within a second each keep their own backup.
            let stamp = self.now.format("%Y%m%d-%H%M%S%3f").to_string();
            self.report.backup = Some(store.auto_backup(&stamp)?);
        }
        Ok(())
    }

    /// Step three: the merge in one transaction and the sender's acknowledgement (the backup
    /// is taken first if `backup` was not called).
    pub fn apply(mut self, store: &mut Store) -> Result<ImportReport, SyncError> {
        self.backup(store)?;
        let Pending {
            bundle: b,
            peer,
            new,
            known,
            dry_run,
            before,
            mut report,
            now,
        } = self;
        let stamp = now.format("%Y-%m-%d %H:%M:%S").to_string();
        let merged = if let Some(n) = known.filter(|_| dry_run) {
            MergeReport {
                ops_known: n,
                ..Default::default()
            }
        } else if dry_run {
            store
                .merge_dry_run(&b.ops)
                .map_err(|e| newer_schema(&b, e.into()))?
        } else if new == 0 {
            // Everything is here already: no backup, no transaction; only the acknowledgement.
            store.set_peer_acked(&peer.id, &b.manifest.version_vector, &stamp)?;
            MergeReport {
                ops_known: known.unwrap_or(b.ops.len() as u64),
                ..Default::default()
            }
        } else {
            match store.apply_bundle(&b.ops, &b.seals) {
                Ok(m) => {
                    store.set_peer_acked(&peer.id, &b.manifest.version_vector, &stamp)?;
                    m
                }
                Err(e) => {
                    // Nothing was written (the transaction rolled back): the backup is not
                    // needed.
                    if let Some(p) = report.backup.take() {
                        let _ = fs::remove_file(p);
                    }
                    return Err(newer_schema(&b, e.into()));
                }
            }
        };
        if !dry_run && covers_me(store, &b, &before)? {
            store.extend_coverage(&b.manifest.version_vector)?;
        }
        report.ops_new = merged.ops_new;
        report.ops_known = merged.ops_known;
        report.conflicts_new = merged.conflicts_new;
        report.records_changed = merged.records_changed;
        Ok(report)
    }
}

/// A merge that failed on a bundle from a newer schema most likely met a record field this
/// program does not know: say "upgrade" rather than "invalid operation". The schema version
/// alone refuses nothing (a newer schema may only add indexes or local tables).
fn newer_schema(b: &Bundle, e: SyncError) -> SyncError {
    if b.manifest.schema_version > SCHEMA_VERSION {
        SyncError::NewerSchema {
            found: b.manifest.schema_version,
            known: SCHEMA_VERSION,
        }
    } else {
        e
    }
}

/// Imports `file` (or only reports, with `dry_run`): `prepare`, `backup`, `apply`.
pub fn import(
    store: &mut Store,
    keys: &DeviceKeys,
    file: &Path,
    dry_run: bool,
) -> Result<ImportReport, SyncError> {
    let mut pending = prepare(store, keys, file, dry_run)?;
    pending.backup(store)?;
    pending.apply(store)
}
