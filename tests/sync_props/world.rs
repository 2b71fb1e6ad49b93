//! The simulated township: real database files, keys, cards and trust for an office, a county
//! and cadres; bundles written to a "stick" folder and carried by the test, a simulated clock
//! per device, backups and restores, and the bookkeeping the oracle needs (which village each
//! record belongs to, every operation ever made, what restores threw away).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use minqing::domain::card::Card;
use minqing::domain::*;
use minqing::store::{Store, VersionVector};
use minqing::sync::SyncError;
use minqing::sync::export::{ExportRequest, export};
use minqing::sync::import::{ImportReport, import};
use minqing::sync::keys::DeviceKeys;
use uuid::Uuid;

/// One operation, by origin and sequence number.
pub type OpKey = (ReplicaId, u64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Office,
    County,
    /// The villages (indexes into the world's villages) this cadre covers.
    Cadre(Vec<usize>),
}

/// One device: its database file (reopened after a restore), keys, card and clock offset.
pub struct Device {
    pub name: String,
    pub role: Role,
    pub db: PathBuf,
    pub store: Store,
    pub keys: DeviceKeys,
    pub card: Card,
    /// Added to the simulated time; a clock jumping backwards makes it smaller.
    pub offset: Arc<AtomicI64>,
    pub backups: Vec<PathBuf>,
    /// Restored from a backup at least once.
    pub restored: bool,
}

impl Device {
    /// Whether records of village `v` belong on this device.
    pub fn covers(&self, v: usize) -> bool {
        match &self.role {
            Role::Cadre(vs) => vs.contains(&v),
            Role::Office | Role::County => true,
        }
    }

    /// Every operation held here.
    pub fn held(&self) -> BTreeSet<OpKey> {
        self.store
            .ops_after(&VersionVector::new())
            .expect("ops")
            .iter()
            .map(|o| (o.origin, o.seq))
            .collect()
    }
}

/// A bundle on the stick.
#[derive(Debug, Clone)]
pub struct Sent {
    pub path: PathBuf,
    pub from: usize,
    pub to: usize,
}

/// A record the test made, with the village it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Rec {
    pub kind: EntityKind,
    pub id: Uuid,
    pub village: usize,
}

pub struct World {
    pub dir: tempfile::TempDir,
    /// 0 = office, 1 = county, then the cadres.
    pub devices: Vec<Device>,
    pub villages: Vec<VillageId>,
    /// The cadre record of each device.
    pub cadres: Vec<CadreId>,
    pub now: Arc<AtomicU64>,
    pub pending: Vec<Sent>,
    pub files: usize,
    /// Households, persons, visits and items the test made (edits pick among them).
    pub records: Vec<Rec>,
    /// The village of every non-shared record (progress events included).
    pub village_of: HashMap<Uuid, usize>,
    /// Every operation ever written by any device.
    pub made: BTreeSet<OpKey>,
    /// Operations a restore threw away while no other device held them.
    pub discarded: BTreeSet<OpKey>,
    /// The household of the conflict check (village 0); random edits leave it alone.
    pub target: HouseholdId,
}

pub const OFFICE: usize = 0;
pub const COUNTY: usize = 1;

impl World {
    /// Moves the simulated time on by a second.
    pub fn tick(&self) {
        self.now.fetch_add(1000, Ordering::SeqCst);
    }

    /// The devices `d` trusts (and exports to).
    pub fn peers_of(&self, d: usize) -> Vec<usize> {
        if d == OFFICE {
            (1..self.devices.len()).collect()
        } else {
            vec![OFFICE]
        }
    }

    /// Every edge of the topology, lower device first.
    pub fn edges(&self) -> Vec<(usize, usize)> {
        (1..self.devices.len()).map(|d| (d, OFFICE)).collect()
    }

    /// An export from `from` to `to` as `export` makes it (scoped when the office sends to
    /// a cadre), written to a new file on the stick.
    pub fn export(&mut self, from: usize, to: usize) -> (Sent, u64) {
        self.files += 1;
        let path = self
            .dir
            .path()
            .join("stick")
            .join(format!("{}.mqb", self.files));
        let d = &self.devices[from];
        let peer = d
            .store
            .peer(&self.devices[to].card.id())
            .expect("peer")
            .expect("trusted");
        let sent = export(
            &d.store,
            &d.keys,
            &d.card,
            &ExportRequest {
                to: &[peer],
                full: false,
                villages: &[],
                out: &path,
            },
        )
        .expect("export");
        (Sent { path, from, to }, sent.ops)
    }

    /// Imports a bundle into its recipient. The one refusal allowed: a restored device
    /// refuses a bundle with new operations that was made from an acknowledgement it no
    /// longer reaches (it held more before the restore); nothing is merged then (`None`).
    pub fn import(&mut self, s: &Sent) -> Option<ImportReport> {
        let d = &mut self.devices[s.to];
        let rows = d.store.replicated_rows().expect("rows");
        match import(&mut d.store, &d.keys, &s.path, false) {
            Ok(r) => Some(r),
            Err(SyncError::StaleBase { .. }) if d.restored => {
                assert!(
                    d.store.replicated_rows().expect("rows") == rows,
                    "a refused import changed {}",
                    d.name
                );
                None
            }
            Err(e) => panic!(
                "{} imports {} from device {}: {e}",
                d.name,
                s.path.display(),
                s.from
            ),
        }
    }

    /// One bundle from `from` to `to`, carried at once; returns the operations it brought
    /// (a refusal counts as one, so the exchange goes on).
    pub fn transfer(&mut self, from: usize, to: usize) -> u64 {
        let (sent, _) = self.export(from, to);
        let r = self.import(&sent);
        let _ = std::fs::remove_file(&sent.path);
        r.map_or(1, |r| r.ops_new)
    }

    /// Everyone exchanges with everyone they trust, each edge up then down, until a round
    /// after the first brings nothing new. The first round's bundles may be computed from an
    /// acknowledgement a restore has made stale; from the second on, each is computed from one
    /// the peer has just sent.
    pub fn settle(&mut self) {
        for round in 0..12 {
            let mut new = 0;
            for (a, b) in self.edges() {
                new += self.transfer(a, b);
                new += self.transfer(b, a);
            }
            if new == 0 && round > 0 {
                return;
            }
        }
        panic!("the exchange does not settle");
    }

    /// Runs a local write on device `d`, recording the operations it made.
    pub fn write<T>(
        &mut self,
        d: usize,
        f: impl FnOnce(&mut minqing::store::Writer<'_>) -> Result<T, minqing::store::StoreError>,
    ) -> T {
        let store = &mut self.devices[d].store;
        let me = store.replica_id();
        let before = store.version_vector().expect("vv").get(&me).copied();
        let out = store.write(f).expect("local write");
        let after = store.version_vector().expect("vv").get(&me).copied();
        for seq in before.unwrap_or(0) + 1..=after.unwrap_or(0) {
            self.made.insert((me, seq));
        }
        out
    }

    /// Takes a backup of device `d`.
    pub fn backup(&mut self, d: usize) {
        let dev = &mut self.devices[d];
        let path = dev
            .db
            .with_file_name(format!("backup-{}.db", dev.backups.len()));
        dev.store.backup_to(&path).expect("backup");
        dev.backups.push(path);
    }

    /// Restores device `d` from one of its backups (new replica id) and goes on with it.
    /// Operations only it held are gone: recorded as discarded.
    pub fn restore(&mut self, d: usize, pick: usize) {
        if self.devices[d].backups.is_empty() {
            return;
        }
        let before = self.devices[d].held();
        let others: BTreeSet<OpKey> = (0..self.devices.len())
            .filter(|&i| i != d)
            .flat_map(|i| self.devices[i].held())
            .collect();
        let dev = &mut self.devices[d];
        let from = dev.backups[pick % dev.backups.len()].clone();
        let old_replica = dev.store.replica_id();
        drop(std::mem::replace(
            &mut dev.store,
            Store::open_in_memory().expect("placeholder"),
        ));
        let safety = dev.db.with_file_name("safety.db");
        let _ = std::fs::remove_file(&safety);
        minqing::store::backup::restore(&dev.db, &from, &safety).expect("restore");
        dev.store = Store::open(&dev.db).expect("reopen");
        dev.store.set_bulk(true).expect("bulk");
        dev.store
            .set_clock(crate::setup::clock(&self.now, &dev.offset));
        assert_ne!(
            dev.store.replica_id(),
            old_replica,
            "a restore renews the id"
        );
        dev.restored = true;
        let after = dev.held();
        self.discarded
            .extend(before.difference(&after).filter(|k| !others.contains(k)));
    }

    /// Device `d`'s clock jumps back by `ms`.
    pub fn clock_back(&self, d: usize, ms: i64) {
        self.devices[d].offset.fetch_sub(ms, Ordering::SeqCst);
    }

    /// The village indexes device `d` covers.
    pub fn villages_of(&self, d: usize) -> Vec<usize> {
        (0..self.villages.len())
            .filter(|v| self.devices[d].covers(*v))
            .collect()
    }
}
