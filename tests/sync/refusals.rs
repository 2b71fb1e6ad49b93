//! Every refusal of an import: exit code 2, one line, the database byte-for-byte unchanged,
//! no backup taken.

use std::path::Path;

use minqing::sync::bundle::{self, Manifest, Sender};
use minqing::sync::seals::seal_ops;

use super::{Device, minqing, pair};

/// The database file's bytes (the store is closed: no WAL left) and the backups present.
fn snapshot(d: &Device) -> (Vec<u8>, Vec<String>) {
    let bytes = std::fs::read(&d.db).expect("db");
    let backups = d.db.parent().expect("dir").join("backups");
    let mut names: Vec<String> = std::fs::read_dir(backups)
        .map(|r| {
            r.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    (bytes, names)
}

/// Importing `file` into `d` through the CLI is refused with exit 2, one line containing
/// `needle`, and changes nothing.
fn refused(d: &Device, file: &Path, needle: &str) {
    let before = snapshot(d);
    let out = minqing(&d.db, &["import", file.to_str().expect("utf-8")]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(
        snapshot(d) == before,
        "the database and backups are unchanged"
    );
    assert!(d.store().check().expect("check").ok());
}

#[test]
fn damaged_foreign_and_untrusted_bundles_are_refused_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    cadre.add_household("王凯");
    let good = cadre.export_to(&office, &stick, false).path;
    let bytes = std::fs::read(&good).expect("bundle");

    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let f = stick.join("flipped.mqb");
    std::fs::write(&f, &flipped).expect("write");
    refused(&office, &f, "损坏");

    let f = stick.join("cut.mqb");
    std::fs::write(&f, &bytes[..bytes.len() * 2 / 3]).expect("write");
    refused(&office, &f, "不完整");

    let f = stick.join("notes.mqb");
    std::fs::write(&f, "这不是同步包").expect("write");
    refused(&office, &f, "不是");

    // For someone else: a second office the cadre also trusts.
    let other = Device::new(dir.path(), "县农业农村局", "county", &[]);
    refused(&other, &good, "不是发给本机");

    // Encrypted for the office, but the office does not trust the signer.
    let stranger = Device::new(dir.path(), "陌生设备", "cadre", &["白虎村"]);
    stranger.trust(&office);
    let from_stranger = stranger
        .export_to(&office, &stick.join("stranger.mqb"), false)
        .path;
    refused(&office, &from_stranger, "不在本机的信任列表");
}

/// A bundle from the cadre's keys with a hand-made manifest or signature.
fn forged(
    cadre: &Device,
    office: &Device,
    tweak: impl Fn(&mut Manifest),
    sign_with_own: bool,
) -> Vec<u8> {
    let store = cadre.store();
    let ops = store.ops_after(&Default::default()).expect("ops");
    let section = bundle::ops_section(&ops).expect("section");
    let mut m = Manifest::new(
        minqing::store::SCHEMA_VERSION,
        "2026-11-24T15:30:00+08:00".into(),
        Sender::from_card(&cadre.card, store.replica_id()),
        store.version_vector().expect("vv"),
        None,
    );
    m.ranges = bundle::ranges_of(&ops).expect("ranges");
    m.op_count = ops.len() as u64;
    m.content_hash = blake3::hash(&section).to_hex().to_string();
    let seals = seal_ops(&ops, &cadre.keys().signing).expect("seals");
    let seals = bundle::seals_section(&seals).expect("seals section");
    m.seal_count = seals.iter().filter(|&&b| b == b'\n').count() as u64;
    m.seals_hash = blake3::hash(&seals).to_hex().to_string();
    m.recipients = vec![office.card.id()];
    tweak(&mut m);
    let signer = if sign_with_own {
        cadre.keys().signing
    } else {
        minqing::sync::keys::DeviceKeys::generate().signing
    };
    let plain = bundle::seal_plaintext(&m, &section, &seals, &signer).expect("plaintext");
    bundle::encrypt(&plain, std::slice::from_ref(&office.card)).expect("encrypt")
}

/// A bundle the cadre's device signs and seals properly, whose last operation (the newest
/// household's) has `field` set to `value`; its manifest claims `SCHEMA_VERSION + newer`.
fn last_op_changed(
    cadre: &Device,
    office: &Device,
    field: &str,
    value: serde_json::Value,
    newer: i64,
) -> Vec<u8> {
    let store = cadre.store();
    let mut ops = store.ops_after(&Default::default()).expect("ops");
    let last = ops.len() - 1;
    ops[last].fields.insert(field.into(), value);
    let m = Manifest::new(
        minqing::store::SCHEMA_VERSION + newer,
        "2026-11-24T16:00:00+08:00".into(),
        Sender::from_card(&cadre.card, store.replica_id()),
        store.version_vector().expect("vv"),
        None,
    );
    let seals = seal_ops(&ops, &cadre.keys().signing).expect("seals");
    bundle::seal(
        m,
        &ops,
        &seals,
        &cadre.keys(),
        std::slice::from_ref(&office.card),
    )
    .expect("seal")
}

#[test]
fn a_bad_signature_or_a_newer_format_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");

    let f = stick.join("forged.mqb");
    std::fs::write(&f, forged(&cadre, &office, |_| {}, false)).expect("write");
    refused(&office, &f, "签名");

    let f = stick.join("newer.mqb");
    std::fs::write(
        &f,
        forged(
            &cadre,
            &office,
            |m| {
                m.format_version = 3;
                m.min_reader_version = 3;
            },
            true,
        ),
    )
    .expect("write");
    refused(&office, &f, "升级");

    let f = stick.join("fine.mqb");
    std::fs::write(&f, forged(&cadre, &office, |_| {}, true)).expect("write");
    let out = minqing(&office.db, &["import", f.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "the same bundle properly signed is accepted"
    );
}

#[test]
fn a_reused_sequence_number_is_quarantined_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    cadre.add_household("王凯");
    let first = cadre.export_to(&office, &stick, false).path;
    office.import(&first);
    // The cadre's device "forgets" and writes other content under the same numbers.
    let bytes = last_op_changed(&cadre, &office, "head_name", serde_json::json!("李强"), 0);
    let f = stick.join("reused.mqb");
    std::fs::write(&f, bytes).expect("write");
    refused(&office, &f, "隔离");
    let quarantine = office.db.parent().expect("dir").join("quarantine");
    let kept: Vec<_> = std::fs::read_dir(quarantine).expect("quarantine").collect();
    assert_eq!(kept.len(), 1, "the bundle is kept for whoever investigates");
}

#[test]
fn an_import_that_fails_half_way_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    cadre.add_household("王凯");
    // The last operation names a field no table has: the merge fails after applying the rest.
    let bytes = last_op_changed(&cadre, &office, "no_such_field", serde_json::json!(1), 0);
    let f = stick.join("half.mqb");
    std::fs::write(&f, bytes).expect("write");
    let before = std::fs::read(&office.db).expect("db");
    let out = minqing(&office.db, &["import", f.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&office.db).expect("db"),
        before,
        "rolled back whole"
    );
    let backups = office.db.parent().expect("dir").join("backups");
    assert_eq!(
        std::fs::read_dir(backups).map(|r| r.count()).unwrap_or(0),
        0,
        "its backup removed"
    );
    assert!(office.store().check().expect("check").ok());
}

/// The schema version is informational: a newer one alone refuses nothing (it may only add an
/// index), but an operation this program cannot apply from a newer schema says "upgrade".
#[test]
fn a_newer_schema_refuses_nothing_until_an_operation_needs_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    cadre.add_household("王凯");

    let bytes = last_op_changed(
        &cadre,
        &office,
        "field_of_the_future",
        serde_json::json!("新字段"),
        1,
    );
    let f = stick.join("future.mqb");
    std::fs::write(&f, bytes).expect("write");
    refused(&office, &f, "升级");

    let newer = stick.join("newer.mqb");
    std::fs::write(
        &newer,
        forged(&cadre, &office, |m| m.schema_version += 1, true),
    )
    .expect("write");
    let out = minqing(&office.db, &["import", newer.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "a newer schema alone is fine: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
