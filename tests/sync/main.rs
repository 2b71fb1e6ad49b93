//! Export and import between real databases: devices set up by the real binary (`init`,
//! `card`, `peer add`), bundles written and read through the library and the CLI; every
//! refusal leaves the database byte-for-byte as it was.

#[path = "../common/device.rs"]
mod device;
mod enrol;
mod refusals;
mod relay;
mod restore;
mod scope;

use std::path::{Path, PathBuf};

use minqing::domain::card::Card;
use minqing::domain::{Household, HouseholdId};
use minqing::store::Store;
use minqing::sync::cards::own_card;
use minqing::sync::export::{ExportRequest, Exported, export};
use minqing::sync::import::{ImportReport, import};
use minqing::sync::keys::{DeviceKeys, key_path};

pub use device::run as minqing;

fn ok(db: &Path, args: &[&str]) {
    let out = minqing(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One device: its database, keys and card, in a folder of its own.
pub struct Device {
    pub db: PathBuf,
    pub card: Card,
}

impl Device {
    pub fn new(dir: &Path, name: &str, role: &str, villages: &[&str]) -> Device {
        let db = device::init_device(dir, name, role, name, villages);
        let store = Store::open(&db).expect("open");
        let card = own_card(&store, &self_keys(&db)).expect("card");
        Device { db, card }
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db).expect("open")
    }

    pub fn keys(&self) -> DeviceKeys {
        self_keys(&self.db)
    }

    /// Trusts `other` (as `peer add` of its card would).
    pub fn trust(&self, other: &Device) {
        let path = self.db.with_file_name(format!("{}.card", other.card.name));
        std::fs::write(&path, serde_json::to_vec(&other.card).expect("json")).expect("card");
        ok(&self.db, &["peer", "add", path.to_str().expect("utf-8")]);
    }

    /// Exports to `to` into `dir`.
    pub fn export_to(&self, to: &Device, dir: &Path, full: bool) -> Exported {
        let store = self.store();
        let peer = store.peer(&to.card.id()).expect("peer").expect("trusted");
        export(
            &store,
            &self.keys(),
            &self.card,
            &ExportRequest {
                to: &[peer],
                full,
                villages: &[],
                out: dir,
            },
        )
        .expect("export")
    }

    pub fn import(&self, file: &Path) -> ImportReport {
        let mut store = self.store();
        import(&mut store, &self.keys(), file, false).expect("import")
    }

    /// A household written on this device.
    pub fn add_household(&self, name: &str) -> HouseholdId {
        let mut store = self.store();
        let village = store.villages().expect("villages")[0].0;
        let id = HouseholdId::new();
        store
            .write(|w| {
                w.insert(
                    id,
                    &Household {
                        village_id: village,
                        group_id: None,
                        head_name: name.into(),
                        address: None,
                        phone: None,
                        tags: Vec::new(),
                        cadre_id: None,
                        note: None,
                    },
                )
            })
            .expect("write");
        id
    }
}

fn self_keys(db: &Path) -> DeviceKeys {
    DeviceKeys::load(&key_path(db)).expect("keys")
}

/// A cadre and the township office that trust each other.
pub fn pair(dir: &Path) -> (Device, Device) {
    let cadre = Device::new(dir, "汪晓艳", "cadre", &["白虎村"]);
    let office = Device::new(dir, "两河镇党政办", "office", &[]);
    cadre.trust(&office);
    office.trust(&cadre);
    (cadre, office)
}

#[test]
fn a_bundle_carries_the_changes_both_ways_and_importing_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    cadre.add_household("王凯");
    let sent = cadre.export_to(&office, &stick, false);
    assert!(sent.ops >= 4, "init records and the household");
    let name = sent
        .path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("两河镇-汪晓艳-") && name.ends_with(".mqb"),
        "{name}"
    );

    let first = office.import(&sent.path);
    assert_eq!(first.ops_new, sent.ops);
    assert!(
        first.backup.as_ref().is_some_and(|b| b.exists()),
        "a backup first"
    );
    let again = office.import(&sent.path);
    assert_eq!((again.ops_new, again.ops_known), (0, sent.ops));
    assert_eq!(again.backup, None, "nothing new: no backup, no transaction");
    let held = office.store();
    assert!(
        held.households(None, minqing::store::Page::first(5))
            .expect("h")
            .rows
            .iter()
            .any(|h| h.head_name == "王凯")
    );
    assert!(held.check().expect("check").ok());

    // The office's bundle acknowledges everything: the cadre's next export holds nothing.
    let back = office.export_to(&cadre, &stick, false);
    cadre.import(&back.path);
    let nothing = cadre.export_to(&office, &stick.join("again.mqb"), false);
    assert_eq!(
        nothing.ops, 0,
        "an export after the peer acknowledged everything is empty"
    );
    // A full export still carries everything.
    let full = cadre.export_to(&office, &stick.join("full.mqb"), true);
    assert!(full.ops > sent.ops);
    assert_eq!(cadre.store().unexported_count().expect("count"), 0);
}

#[test]
fn the_cli_prints_the_bundle_path_last_and_a_json_report() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    let out = minqing(
        &cadre.db,
        &["export", "--out", stick.to_str().expect("utf-8")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let path = PathBuf::from(stdout.lines().last().expect("a line"));
    assert!(path.exists(), "the last line is the bundle: {stdout}");
    let dry = minqing(
        &office.db,
        &[
            "import",
            "--dry-run",
            "--json",
            path.to_str().expect("utf-8"),
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&dry.stdout).expect("json");
    for key in ["ops_new", "ops_known", "conflicts_new", "records_changed"] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["dry_run"], true);
    assert_eq!(
        office
            .store()
            .peer(&cadre.card.id())
            .expect("peer")
            .expect("p")
            .last_import_at,
        None,
        "a dry run writes nothing"
    );
    let real = minqing(
        &office.db,
        &["import", "--json", path.to_str().expect("utf-8")],
    );
    let r: serde_json::Value = serde_json::from_slice(&real.stdout).expect("json");
    assert_eq!(r["ops_new"], v["ops_new"]);
}
