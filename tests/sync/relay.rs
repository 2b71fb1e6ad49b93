//! Relay through the township office: the county checks the signature of the cadre's own
//! device on operations that reached it through the office, so an office cannot change what a
//! cadre wrote on the way.

use minqing::domain::Op;
use minqing::domain::seal::OpSeal;
use minqing::store::Store;
use minqing::sync::bundle::{self, Manifest, Sender};
use minqing::sync::seals::{seal_ops, verify};

use super::{Device, minqing};

fn cadre_seals(store: &Store, cadre: &Store) -> Vec<OpSeal> {
    store
        .seals_overlapping(cadre.replica_id(), 1, 1_000)
        .expect("seals")
}

/// A bundle from the office to the county holding `ops`, with `seals`, signed by the office.
fn office_bundle(office: &Device, county: &Device, ops: &[Op], seals: &[OpSeal]) -> Vec<u8> {
    let store = office.store();
    let section = bundle::ops_section(ops).expect("section");
    let seal_bytes = bundle::seals_section(seals).expect("seals");
    let mut m = Manifest::new(
        minqing::store::SCHEMA_VERSION,
        "2026-11-24T15:30:00+08:00".into(),
        Sender::from_card(&office.card, store.replica_id()),
        store.version_vector().expect("vv"),
        None,
    );
    m.ranges = bundle::ranges_of(ops).expect("ranges");
    m.op_count = ops.len() as u64;
    m.content_hash = blake3::hash(&section).to_hex().to_string();
    m.seal_count = seals.len() as u64;
    m.seals_hash = blake3::hash(&seal_bytes).to_hex().to_string();
    m.recipients = vec![county.card.id()];
    let plain =
        bundle::seal_plaintext(&m, &section, &seal_bytes, &office.keys().signing).expect("plain");
    bundle::encrypt(&plain, std::slice::from_ref(&county.card)).expect("encrypt")
}

fn refused(county: &Device, bytes: &[u8], name: &str, needle: &str) {
    let f = county.db.with_file_name(name);
    std::fs::write(&f, bytes).expect("write");
    let before = std::fs::read(&county.db).expect("db");
    let out = minqing(&county.db, &["import", f.to_str().expect("utf-8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "{err}");
    assert_eq!(std::fs::read(&county.db).expect("db"), before, "unchanged");
}

#[test]
fn the_county_checks_the_cadres_own_signature_after_relay_through_the_office() {
    let dir = tempfile::tempdir().expect("dir");
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    let cadre = Device::new(dir.path(), "汪晓艳", "cadre", &["白虎村"]);
    let office = Device::new(dir.path(), "两河镇党政办", "office", &["白虎村"]);
    let county = Device::new(dir.path(), "县信访局", "county", &[]);
    cadre.trust(&office);
    office.trust(&cadre);
    office.trust(&county);
    county.trust(&office);

    cadre.add_household("王凯");
    office.import(&cadre.export_to(&office, &stick.join("1.mqb"), false).path);
    county.import(&office.export_to(&county, &stick.join("2.mqb"), false).path);

    // The county holds the cadre's own seals: the cadre's key, verifying, covering every
    // operation the cadre wrote.
    let (c, k) = (cadre.store(), county.store());
    let written = c.version_vector().expect("vv")[&c.replica_id()];
    let seals = cadre_seals(&k, &c);
    assert!(!seals.is_empty());
    for s in &seals {
        assert!(verify(s), "the cadre's signature verifies at the county");
        assert_eq!(s.sign_key, cadre.keys().signing.verifying_key().to_bytes());
    }
    assert_eq!(
        seals.iter().map(|s| s.to - s.from + 1).sum::<u64>(),
        written
    );
    assert!(
        k.households(None, minqing::store::Page::first(5))
            .expect("households")
            .rows
            .iter()
            .any(|h| h.head_name == "王凯")
    );

    // The cadre edits the household; an office that changes the edit on the way is caught,
    // whether it keeps the cadre's seal or seals the change itself.
    let household = c
        .households(None, minqing::store::Page::first(5))
        .expect("households")
        .rows[0]
        .id;
    drop(c);
    let mut cs = cadre.store();
    let old = cs
        .get::<minqing::domain::Household>(household)
        .expect("get")
        .expect("held");
    let new = minqing::domain::Household {
        address: Some("白虎村三组 12 号".into()),
        ..old.clone()
    };
    cs.write(|w| w.update_record(household, &old, &new))
        .expect("edit");
    drop(cs);
    office.import(&cadre.export_to(&office, &stick.join("3.mqb"), false).path);
    let o = office.store();
    let known = county.store().version_vector().expect("vv");
    let mut ops = o.ops_after(&known).expect("ops");
    let honest_seals = minqing::sync::seals::seals_for(&o, &ops).expect("seals");
    let edit = ops
        .iter_mut()
        .find(|op| op.fields.contains_key("address"))
        .expect("the cadre's edit");
    edit.fields
        .insert("address".into(), serde_json::json!("白虎村五组 1 号"));
    refused(
        &county,
        &office_bundle(&office, &county, &ops, &honest_seals),
        "changed.mqb",
        "原始设备的签名",
    );
    let own_seals = seal_ops(&ops, &office.keys().signing).expect("seals");
    refused(
        &county,
        &office_bundle(&office, &county, &ops, &own_seals),
        "resealed.mqb",
        "隔离",
    );

    // The honest relay goes through.
    county.import(&office.export_to(&county, &stick.join("4.mqb"), false).path);
    let k = county.store();
    let h = k
        .get::<minqing::domain::Household>(household)
        .expect("get")
        .expect("held");
    assert_eq!(h.address.as_deref(), Some("白虎村三组 12 号"));
    assert!(k.check().expect("check").ok());
}
