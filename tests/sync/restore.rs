//! A database restored from a backup holds less than it once acknowledged: a bundle built on
//! the old acknowledgement that refers to records lost with the restore is refused whole,
//! saying what to do, and once the restored device has sent a bundle of its own everything
//! arrives.

use minqing::domain::{Person, PersonId};

use super::{minqing, pair};

#[test]
fn a_restored_office_refuses_a_bundle_built_on_what_it_lost_until_it_has_sent_its_own() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    office.import(&cadre.export_to(&office, &stick.join("1.mqb"), false).path);
    let backup = dir.path().join("office-backup.db");
    let out = minqing(
        &office.db,
        &["backup", "--out", backup.to_str().expect("utf-8")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The office takes in the cadre's household and says so in its next bundle.
    let household = cadre.add_household("王凯");
    office.import(&cadre.export_to(&office, &stick.join("2.mqb"), false).path);
    cadre.import(&office.export_to(&cadre, &stick.join("3.mqb"), false).path);

    let out = minqing(&office.db, &["restore", backup.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The cadre adds a member: its bundle holds only that, the household being acknowledged.
    let member = PersonId::new();
    cadre
        .store()
        .write(|w| {
            w.insert(
                member,
                &Person {
                    household_id: household,
                    name: "王小凯".into(),
                    relation: "son".into(),
                    sex: None,
                    birth_date: None,
                    id_number: None,
                    phone: None,
                    health: None,
                    disability_type: None,
                    disability_grade: None,
                    note: None,
                },
            )
        })
        .expect("member");
    let stale = cadre.export_to(&office, &stick.join("4.mqb"), false).path;
    let rows = office.store().replicated_rows().expect("rows");
    let last_import = |store: &minqing::store::Store| {
        let peer = store
            .peer(&cadre.card.id())
            .expect("peer")
            .expect("trusted");
        peer.last_import_at
    };
    let imported = last_import(&office.store());
    let backups = std::fs::read_dir(office.db.with_file_name("backups"))
        .expect("backups")
        .count();
    for (lang, needle) in [
        ("zh", "请先给「汪晓艳」导出一个同步包"),
        ("en", "export a bundle to \"汪晓艳\" first"),
    ] {
        let out = minqing(
            &office.db,
            &["--lang", lang, "import", stale.to_str().expect("utf-8")],
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(needle), "expected {needle:?} in: {err}");
    }
    let held = office.store();
    assert!(
        held.replicated_rows().expect("rows") == rows,
        "nothing merged"
    );
    assert!(held.check().expect("check").ok());
    assert_eq!(
        last_import(&held),
        imported,
        "a refused bundle is not an import"
    );
    drop(held);
    assert_eq!(
        std::fs::read_dir(office.db.with_file_name("backups"))
            .expect("backups")
            .count(),
        backups,
        "no backup for a refused bundle"
    );

    // The office sends its own bundle; the cadre's next one carries the household again.
    cadre.import(&office.export_to(&cadre, &stick.join("5.mqb"), false).path);
    let again = office.import(&cadre.export_to(&office, &stick.join("6.mqb"), false).path);
    assert!(
        again.ops_new >= 2,
        "the household and its member: {again:?}"
    );
    let held = office.store();
    assert!(held.is_live::<Person>(member).expect("member"));
    assert!(held.check().expect("check").ok());
}
