//! The sync budgets (SPEC §9): a whole township bundle into an empty database (against a raw
//! bulk load of the same rows), one cadre-month exported and imported into the county database,
//! and re-imports of bundles already merged. Everything goes through the library's own bundle,
//! export and import code, on copies: the database given to the benchmark is only read.
//!
//! The flow (docs/PERFORMANCE.md explains the choices):
//! 1. the county database is copied (SQLite's backup API) into a temporary folder;
//! 2. the township of the database's own user (the demo's first township) is selected from the
//!    copy with `ops_for(its villages)` and sealed for a cadre's device: the township bundle;
//! 3. it is imported into empty databases (a fresh one each time), its rows are bulk-copied the
//!    raw way for comparison, and it is imported again into a database that holds it already;
//! 4. that database is the cadre's device: it writes one month of new work under its own
//!    replica id (copies of the township's newest visits, 100 items among them, with those
//!    items' progress replayed), `export` seals it for the county, and the county copy imports
//!    it, then imports it again.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minqing::domain::Township;
use minqing::domain::card::{CARD_FORMAT, Card};
use minqing::store::{SCHEMA_VERSION, Store, VersionVector};
use minqing::sync::bundle::{Manifest, Sender, open, seal};
use minqing::sync::export::{ExportRequest, export};
use minqing::sync::import::{ImportReport, import};
use minqing::sync::keys::{DeviceKeys, hex};
use tempfile::TempDir;

use super::month::write_month;
use super::{Row, mb, median, ms, runs};

/// When peers were added (any fixed time: nothing reads it).
const STAMP: &str = "2026-11-24 09:00:00";

/// One device of the exchange: its secret keys and the public card its peers trust.
struct Device {
    keys: DeviceKeys,
    card: Card,
}

impl Device {
    fn new(name: &str, role: &str, township: &str) -> Device {
        let keys = DeviceKeys::generate();
        let card = Card {
            format: CARD_FORMAT.into(),
            name: name.into(),
            role: role.into(),
            township: township.into(),
            villages: Vec::new(),
            sign_key: hex(keys.signing.verifying_key().as_bytes()),
            age_recipient: keys.age.to_public().to_string(),
        };
        Device { keys, card }
    }
}

/// A new empty (migrated) database in a folder of its own, deleted with the folder.
fn empty(under: &Path) -> (Store, TempDir) {
    let dir = tempfile::tempdir_in(under).expect("temp dir");
    let store = Store::open(&dir.path().join("minqing.db")).expect("open");
    (store, dir)
}

/// The size of a file, in GB (10^9 bytes) from 1 GB, else in MB.
fn file_size(path: &Path) -> String {
    let bytes = fs::metadata(path).map_or(0, |m| m.len());
    if bytes >= 1_000_000_000 {
        format!("{:.1} GB", bytes as f64 / 1e9)
    } else {
        mb(bytes)
    }
}

/// Imports `bundle` into `store` with `keys`.
fn import_into(store: &mut Store, keys: &DeviceKeys, bundle: &Path, dry_run: bool) -> ImportReport {
    import(store, keys, bundle, dry_run).expect("import")
}

/// The county's copy and what the exchanges need around it.
struct County {
    store: Store,
    /// The copy's file.
    path: PathBuf,
    /// The county's device and a cadre's device of its first township.
    office: Device,
    cadre: Device,
}

/// The sync rows, measured on a copy of the database at `county` inside `under`.
pub(super) fn rows(county: &Path, under: &Path, today: NaiveDate) -> Vec<Row> {
    let work = tempfile::tempdir_in(under).expect("temp dir");
    let tmp = work.path();
    let path = tmp.join("county-sync.db");
    Store::open(county)
        .expect("open")
        .backup_to(&path)
        .expect("copy the county database");
    let store = Store::open(&path).expect("open the copy");
    let town = store
        .identity()
        .expect("identity")
        .and_then(|me| store.get::<Township>(me.township_id).expect("read"))
        .expect("the demo user's township")
        .name;
    let mut c = County {
        store,
        path,
        office: Device::new("县信访局", "county", &town),
        cadre: Device::new("汪晓艳", "cadre", &town),
    };
    c.store
        .add_peer(&c.cadre.card, STAMP)
        .expect("trust the cadre");
    let mut rows = Vec::new();
    let (mut device, _dir) = township(&c, tmp, today, &mut rows);
    month(&mut c, &mut device, tmp, &mut rows);
    rows
}

/// The township bundle: made from the county, imported into empty databases, compared with a
/// raw bulk load of its rows, imported again. Returns the cadre's device that holds it.
fn township(c: &County, tmp: &Path, today: NaiveDate, rows: &mut Vec<Row>) -> (Store, TempDir) {
    let me = c.store.identity().expect("identity").expect("a demo user");
    let (ids, names): (Vec<_>, Vec<_>) = c
        .store
        .villages()
        .expect("villages")
        .into_iter()
        .filter(|(_, v)| v.township_id == me.township_id)
        .map(|(id, v)| (id, v.name))
        .unzip();
    let t = Instant::now();
    let ops = c
        .store
        .ops_for(&VersionVector::new(), Some(&ids))
        .expect("the township's operations");
    let manifest = Manifest::new(
        SCHEMA_VERSION,
        "2026-11-24T09:00:00+08:00".into(),
        Sender::from_card(&c.office.card, c.store.replica_id()),
        c.store.version_vector().expect("version vector"),
        Some(names),
    );
    // The county copy plays the origin of every operation: it seals them all (what each
    // origin device does when it first exports its own operations).
    let seals = minqing::sync::seals::seal_ops(&ops, &c.office.keys.signing).expect("seals");
    let bytes = seal(
        manifest,
        &ops,
        &seals,
        &c.office.keys,
        std::slice::from_ref(&c.cadre.card),
    )
    .expect("seal");
    let bundle = tmp.join("township.mqb");
    fs::write(&bundle, &bytes).expect("write the bundle");
    let made = t.elapsed();
    let n_ops = ops.len() as u64;
    drop(ops);
    rows.push(Row::time(
        format!(
            "sync: make the township bundle of {} from the county database ({}): select (ops_for its villages) and seal {n_ops} operations into {}",
            c.cadre.card.township,
            file_size(&c.path),
            mb(bytes.len() as u64)
        ),
        None,
        made,
    ));

    let mut firsts = Vec::new();
    let mut device = None;
    for _ in 0..3 {
        let (mut s, dir) = empty(tmp);
        s.add_peer(&c.office.card, STAMP).expect("trust the county");
        let t = Instant::now();
        let r = import_into(&mut s, &c.cadre.keys, &bundle, false);
        firsts.push(t.elapsed());
        assert_eq!(
            r.ops_new, n_ops,
            "the whole bundle is new to an empty database"
        );
        device = Some((s, dir));
    }
    firsts.sort();
    let (mut device, dir) = device.expect("three imports");
    let mut raw = Vec::new();
    let mut copied = 0;
    for _ in 0..3 {
        let (mut s, _dir) = empty(tmp);
        let t = Instant::now();
        copied = s.bulk_copy_rows_from(&device).expect("bulk copy");
        raw.push(t.elapsed());
    }
    raw.sort();
    // Where a re-import's time goes: opening the bundle, then the check against what is held.
    let opening = runs(3, || open(&bytes, &c.cadre.keys).expect("open"));
    let opened = open(&bytes, &c.cadre.keys).expect("open");
    let checking = runs(3, || {
        let same = device.check_seals(&opened.seals).expect("seals");
        device.precheck(&opened.ops, &same).expect("precheck")
    });
    drop((opened, bytes));
    let again = runs(3, || {
        import_into(&mut device, &c.cadre.keys, &bundle, false)
    });
    let r = import_into(&mut device, &c.cadre.keys, &bundle, false);
    assert_eq!(
        (r.ops_new, r.ops_known),
        (0, n_ops),
        "a re-import is all known"
    );

    let st = device.stats(today).expect("stats");
    let items: u64 = st.items.values().map(|l| l.total).sum();
    let (first, raw) = (median(&firsts), median(&raw));
    rows.push(Row::time(
        format!(
            "sync: import a whole township bundle ({n_ops} operations: {} households, {} visits, {items} items) into an empty database",
            st.households, st.visits
        ),
        Some(Duration::from_secs(5)),
        first,
    ));
    rows.push(Row::time(
        format!(
            "sync: raw bulk load of the same rows ({copied} rows into the same tables, one transaction, prepared statements; then the search index)"
        ),
        None,
        raw,
    ));
    rows.push(Row::time(
        format!(
            "sync: township import within 3× of the raw bulk load (budget 3 × {}; ratio {:.1}×)",
            ms(raw),
            first.as_secs_f64() / raw.as_secs_f64()
        ),
        Some(raw * 3),
        first,
    ));
    rows.push(Row::time(
        "sync: re-import the township bundle, every operation known (budget 10% of its first import)",
        Some(first / 10),
        median(&again),
    ));
    rows.push(Row::time(
        "sync: of the re-import: open the bundle (decrypt, verify signature and hash, parse)",
        None,
        median(&opening),
    ));
    rows.push(Row::time(
        "sync: of the re-import: compare each operation with the one held (precheck)",
        None,
        median(&checking),
    ));
    (device, dir)
}

/// One cadre-month: written on the cadre's device, exported, imported by the county, then
/// imported again.
fn month(c: &mut County, device: &mut Store, tmp: &Path, rows: &mut Vec<Row>) {
    let month = write_month(device);
    let peer = device
        .peer(&c.office.card.id())
        .expect("peer")
        .expect("the county is trusted");
    let bundle = tmp.join("month.mqb");
    let to = [peer];
    let req = ExportRequest {
        to: &to,
        full: false,
        villages: &[],
        out: &bundle,
    };
    let exports = runs(5, || {
        export(device, &c.cadre.keys, &c.cadre.card, &req).expect("export")
    });
    let sent = export(device, &c.cadre.keys, &c.cadre.card, &req).expect("export");
    assert_eq!(sent.ops, month.ops, "the export holds exactly the month");
    rows.push(Row::time(
        format!(
            "sync: export one cadre-month ({} visits, {} items, {} progress events: {} operations, {})",
            month.visits,
            month.items,
            month.progress,
            month.ops,
            file_size(&bundle)
        ),
        Some(Duration::from_millis(200)),
        median(&exports),
    ));

    let keys = &c.office.keys;
    let dry = runs(3, || import_into(&mut c.store, keys, &bundle, true));
    let t = Instant::now();
    let r = import_into(&mut c.store, keys, &bundle, false);
    let first = t.elapsed();
    assert_eq!(r.ops_new, month.ops, "the month is new to the county");
    if let Some(b) = r.backup {
        fs::remove_file(b).expect("delete the backup");
    }
    let backups = runs(3, || {
        let b = c.store.auto_backup("bench").expect("backup");
        fs::remove_file(b).expect("delete the backup");
    });
    let again = runs(3, || import_into(&mut c.store, keys, &bundle, false));
    let r = import_into(&mut c.store, keys, &bundle, false);
    assert_eq!(r.ops_new, 0, "a re-import is all known");
    rows.push(Row::time(
        "sync: import the cadre-month into the county database (open, check, automatic backup, merge; one run)",
        Some(Duration::from_millis(500)),
        first,
    ));
    rows.push(Row::time(
        "sync: of the import: the same with --dry-run (open, check, merge, roll back; no backup)",
        None,
        median(&dry),
    ));
    rows.push(Row::time(
        format!(
            "sync: of the import: the automatic backup alone ({} database)",
            file_size(&c.path)
        ),
        None,
        median(&backups),
    ));
    rows.push(Row::time(
        "sync: re-import the cadre-month into the county database (budget 10% of its first import)",
        Some(first / 10),
        median(&again),
    ));
}
