//! Export: the operations a peer has not acknowledged (limited to its villages when an office
//! sends to cadres), sealed into a bundle file that is written safely and read back.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Local;

use super::SyncError;
use super::bundle::{self, Manifest, Sender};
use super::keys::DeviceKeys;
use crate::domain::VillageId;
use crate::domain::card::Card;
use crate::store::merge::VersionVector;
use crate::store::peers::Peer;
use crate::store::{SCHEMA_VERSION, Store};

/// What to export.
pub struct ExportRequest<'a> {
    /// The receiving devices (at least one).
    pub to: &'a [Peer],
    /// Everything this device holds, ignoring what the peers acknowledged.
    pub full: bool,
    /// Only these villages (names); empty: the recipients' villages when this device is an
    /// office sending to cadres, else everything.
    pub villages: &'a [String],
    /// A folder (the file is named `<township>-<sender>-<yyyymmdd-hhmm>.mqb`) or a file path.
    pub out: &'a Path,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub ops: u64,
    /// The village scope, `None` for everything.
    pub villages: Option<Vec<String>>,
}

/// A village scope: the ids and, for the manifest, the names.
type Scope = (Vec<VillageId>, Vec<String>);

/// What the least informed recipient lacks: per origin the smallest acknowledged sequence.
fn common_ack(to: &[Peer]) -> VersionVector {
    let mut it = to.iter();
    let Some(first) = it.next() else {
        return VersionVector::new();
    };
    let mut vv = first.acked.clone();
    for p in it {
        vv.retain(|o, s| match p.acked.get(o) {
            Some(t) => {
                *s = (*s).min(*t);
                true
            }
            None => false,
        });
    }
    vv
}

/// Writes `bytes` to `path` via a temporary file that is fsynced and renamed, then reads it
/// back and compares: a stick pulled out early leaves no half bundle under the real name.
fn write_safely(path: &Path, bytes: &[u8]) -> Result<(), SyncError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    let back = fs::read(path)?;
    if blake3::hash(&back) != blake3::hash(bytes) {
        return Err(SyncError::WriteCheck(path.to_path_buf()));
    }
    Ok(())
}

/// Exports to `req.to`, signed with `keys`; this device's card is `me`.
pub fn export(
    store: &Store,
    keys: &DeviceKeys,
    me: &Card,
    req: &ExportRequest<'_>,
) -> Result<Exported, SyncError> {
    let villages = scope(store, me, req)?;
    let ids: Option<Vec<VillageId>> = villages.as_ref().map(|(ids, _)| ids.clone());
    let known = if req.full {
        VersionVector::new()
    } else {
        common_ack(req.to)
    };
    // This device's own new operations get its seal now, so they leave it signed by it and
    // keep that signature through every relay.
    super::seals::seal_own(store, keys)?;
    let ops = store.ops_for(&known, ids.as_deref())?;
    let seals = super::seals::seals_for(store, &ops)?;
    let now = Local::now();
    let mut manifest = Manifest::new(
        SCHEMA_VERSION,
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        Sender::from_card(me, store.replica_id()),
        store.ack_vector()?,
        villages.as_ref().map(|(_, names)| names.clone()),
    );
    if !req.full {
        manifest.base = Some(known.clone());
    }
    let cards: Vec<Card> = req.to.iter().map(|p| p.card.clone()).collect();
    let bytes = bundle::seal(manifest, &ops, &seals, keys, &cards)?;
    let path = if req.out.is_dir() {
        req.out
            .join(bundle::file_name(&me.township, &me.name, now.naive_local()))
    } else {
        req.out.to_path_buf()
    };
    write_safely(&path, &bytes)?;
    let stamp = now.format("%Y-%m-%d %H:%M:%S").to_string();
    for p in req.to {
        store.set_peer_exported(&p.id, &stamp)?;
    }
    if villages.is_none()
        && let Some(own) = store.version_vector()?.get(&store.replica_id())
    {
        store.mark_exported(*own)?;
    }
    Ok(Exported {
        path,
        ops: ops.len() as u64,
        villages: villages.map(|(_, names)| names),
    })
}

/// The village scope: the requested names, or the cadre recipients' villages when an office
/// exports; `None` for everything. Unknown names are refused.
fn scope(store: &Store, me: &Card, req: &ExportRequest<'_>) -> Result<Option<Scope>, SyncError> {
    let mut names: Vec<String> = req.villages.to_vec();
    if names.is_empty() && me.role == "office" && req.to.iter().all(|p| p.card.role == "cadre") {
        for p in req.to {
            names.extend(p.card.villages.iter().cloned());
        }
        if names.is_empty() {
            return Ok(None);
        }
    }
    if names.is_empty() {
        return Ok(None);
    }
    names.sort();
    names.dedup();
    let known = store.villages()?;
    let mut ids = Vec::new();
    for n in &names {
        match known.iter().find(|(_, v)| &v.name == n) {
            Some((id, _)) => ids.push(*id),
            None => return Err(SyncError::UnknownVillage(n.clone())),
        }
    }
    Ok(Some((ids, names)))
}
