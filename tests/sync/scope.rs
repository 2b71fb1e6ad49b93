//! Village scope: an office sends a cadre only the cadre's villages (plus the shared records),
//! and the cadre's coverage keeps the office from sending the same operations again.

use minqing::domain::{Household, HouseholdId, Village, VillageId};
use minqing::store::Page;

use super::pair;

#[test]
fn an_office_sends_a_cadre_only_its_villages_and_never_the_same_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    office.import(&cadre.export_to(&office, &stick.join("1.mqb"), false).path);

    // The office records households in the cadre's village and in another one, interleaved.
    let mut store = office.store();
    let baihu = store
        .villages()
        .expect("villages")
        .into_iter()
        .find(|(_, v)| v.name == "白虎村")
        .expect("the cadre's village")
        .0;
    let township = store.townships().expect("townships")[0].0;
    let jinping = VillageId::new();
    let household = |v: VillageId, name: &str| Household {
        village_id: v,
        group_id: None,
        head_name: name.into(),
        address: None,
        phone: None,
        tags: Vec::new(),
        cadre_id: None,
        note: None,
    };
    store
        .write(|w| {
            w.insert(
                jinping,
                &Village {
                    township_id: township,
                    name: "金坪村".into(),
                    code: None,
                },
            )?;
            w.insert(HouseholdId::new(), &household(baihu, "王凯"))?;
            w.insert(HouseholdId::new(), &household(jinping, "李强"))?;
            w.insert(HouseholdId::new(), &household(baihu, "张敏"))?;
            Ok(())
        })
        .expect("office writes");
    drop(store);

    let to_cadre = office.export_to(&cadre, &stick.join("2.mqb"), false);
    assert_eq!(
        to_cadre.villages.as_deref(),
        Some(&["白虎村".to_owned()][..])
    );
    cadre.import(&to_cadre.path);
    let names: Vec<String> = cadre
        .store()
        .households(None, Page::first(10))
        .expect("households")
        .rows
        .into_iter()
        .map(|h| h.head_name)
        .collect();
    assert!(names.contains(&"王凯".to_owned()) && names.contains(&"张敏".to_owned()));
    assert!(
        !names.contains(&"李强".to_owned()),
        "another village's household stays at the office"
    );
    assert!(cadre.store().check().expect("check").ok());

    // The cadre acknowledges; the office's next bundle holds nothing, gap or not.
    office.import(&cadre.export_to(&office, &stick.join("3.mqb"), false).path);
    let again = office.export_to(&cadre, &stick.join("4.mqb"), false);
    assert_eq!(again.ops, 0, "nothing is sent twice");
}

/// An item of the cadre's village about a household of another village (a resident of 金坪村
/// who raised a matter in 白虎村): the household comes along, so the item has its row to land
/// on and the import does not fail on the reference.
#[test]
fn a_record_pointing_at_another_villages_household_brings_that_household() {
    use minqing::domain::{
        Item, ItemId, LedgerFields, Level, ProgressId, township_id_for, village_id_for,
    };
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    office.import(&cadre.export_to(&office, &stick.join("1.mqb"), false).path);
    cadre.import(&office.export_to(&cadre, &stick.join("2.mqb"), false).path);

    let baihu = village_id_for("两河镇", "白虎村");
    let jinping = village_id_for("两河镇", "金坪村");
    let outsider = HouseholdId::new();
    let item = ItemId::new();
    let mut store = office.store();
    store
        .write(|w| {
            w.insert(
                jinping,
                &Village {
                    township_id: township_id_for("两河镇"),
                    name: "金坪村".into(),
                    code: None,
                },
            )?;
            w.insert(
                outsider,
                &Household {
                    village_id: jinping,
                    group_id: None,
                    head_name: "赵桂兰".into(),
                    address: None,
                    phone: None,
                    tags: Vec::new(),
                    cadre_id: None,
                    note: None,
                },
            )?;
            let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("time");
            w.register_item(
                item,
                ProgressId::new(),
                &Item {
                    ledger_fields: LedgerFields::Livelihood {
                        nature: None,
                        beneficiaries: None,
                    },
                    number: "两河-2026-0101".into(),
                    title: "白虎村桥头路灯不亮".into(),
                    content: "金坪村赵桂兰赶集路过反映白虎村桥头路灯坏了".into(),
                    category: "road".into(),
                    village_id: Some(baihu),
                    group_id: None,
                    household_id: Some(outsider),
                    person_id: None,
                    reporter: Some("赵桂兰".into()),
                    reporter_phone: None,
                    anonymous: false,
                    source: "visit".into(),
                    source_visit_id: None,
                    registered_at: at,
                    registered_by: None,
                    level: Level::Village,
                    deadline: at.date() + chrono::Days::new(14),
                    measures: None,
                },
                None,
                "两河镇党政办",
            )
        })
        .expect("office writes");
    drop(store);

    let to_cadre = office.export_to(&cadre, &stick.join("3.mqb"), false);
    let report = cadre.import(&to_cadre.path);
    assert!(report.ops_new >= 3, "{report:?}");
    let held = cadre.store();
    assert!(held.get::<Item>(item).expect("get").is_some(), "the item");
    assert_eq!(
        held.get::<Household>(outsider)
            .expect("get")
            .map(|h| h.head_name),
        Some("赵桂兰".to_owned()),
        "the household it points at"
    );
    assert!(held.check().expect("check").ok());
}
