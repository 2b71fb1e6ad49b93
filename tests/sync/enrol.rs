//! Enrolment: every device's `init` creates its township and villages, and since their ids
//! come from their names, devices set up apart still hold one 两河镇 and one 白虎村 after they
//! exchange, whatever the order of the bundles.

use minqing::domain::{Township, Village};
use minqing::store::Store;

use super::Device;

/// (id, township) and (village name, id), sorted.
type Places = (Vec<(String, Township)>, Vec<(String, String)>);

fn places(store: &Store) -> Places {
    let townships = store
        .townships()
        .expect("townships")
        .into_iter()
        .map(|(id, t)| (id.to_string(), t))
        .collect();
    let mut villages: Vec<(String, String)> = store
        .villages()
        .expect("villages")
        .into_iter()
        .map(|(id, v): (_, Village)| (v.name, id.to_string()))
        .collect();
    villages.sort();
    (townships, villages)
}

#[test]
fn devices_set_up_apart_share_one_township_and_one_record_per_village() {
    let dir = tempfile::tempdir().expect("dir");
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    let a = Device::new(dir.path(), "汪晓艳", "cadre", &["白虎村"]);
    let b = Device::new(dir.path(), "李建国", "cadre", &["桂桥村", "白虎村"]);
    let office = Device::new(
        dir.path(),
        "两河镇党政办",
        "office",
        &["白虎村", "桂桥村", "金坪村"],
    );
    for c in [&a, &b] {
        c.trust(&office);
        office.trust(c);
    }
    // Each device made its own records before anyone met.
    let (t_a, v_a) = places(&a.store());
    assert_eq!(t_a.len(), 1);
    assert_eq!(v_a.len(), 1);

    // b reaches the office before a; then the office answers both.
    office.import(&b.export_to(&office, &stick.join("b.mqb"), false).path);
    office.import(&a.export_to(&office, &stick.join("a.mqb"), false).path);
    a.import(&office.export_to(&a, &stick.join("to-a.mqb"), false).path);
    b.import(&office.export_to(&b, &stick.join("to-b.mqb"), false).path);

    let (t_office, v_office) = places(&office.store());
    assert_eq!(t_office.len(), 1, "one 两河镇: {t_office:?}");
    assert_eq!(t_office[0].1.name, "两河镇");
    let names: Vec<&str> = v_office.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["桂桥村", "白虎村", "金坪村"]);
    for d in [&a, &b] {
        let (t, v) = places(&d.store());
        assert_eq!(t, t_office, "the same township record on {}", d.card.name);
        assert_eq!(v, v_office, "the same village records on {}", d.card.name);
        assert!(d.store().check().expect("check").ok());
    }
    assert!(office.store().check().expect("check").ok());
    // Nobody sees a conflict over the repeated creates.
    for d in [&a, &b, &office] {
        let conflicts = d
            .store()
            .conflicts(minqing::store::Page::first(10))
            .expect("conflicts");
        assert!(conflicts.rows.is_empty(), "{:?}", conflicts.rows);
    }
}
