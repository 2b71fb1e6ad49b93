//! The household picker: pinyin initials, phone tail, village, name — on real SQLite.

mod common;

use common::*;
use minqing::domain::*;
use minqing::store::{Page, Store};
use serde_json::json;

/// The fixture township plus households in two villages.
fn village_with(store: &mut Store, f: &Fixture) -> VillageId {
    let other = VillageId::new();
    store
        .write(|w| {
            w.insert(
                other,
                &Village {
                    township_id: f.township,
                    name: "魏河村".into(),
                    code: None,
                },
            )?;
            for (village, name, phone) in [
                (f.village, "王坤", "13900005678"),
                (f.village, "汪晓艳", "13711112222"),
                (other, "王凯", "18800001234"),
                (other, "单田芳", "13600009999"),
                (other, "李强", "15000005678"),
            ] {
                w.insert(
                    HouseholdId::new(),
                    &Household {
                        village_id: village,
                        group_id: None,
                        head_name: name.into(),
                        address: Some(format!("三组{}号", name.chars().count())),
                        phone: Some(phone.into()),
                        tags: vec![],
                        cadre_id: None,
                        note: None,
                    },
                )?;
            }
            Ok(())
        })
        .expect("households");
    other
}

fn names(store: &Store, q: &str, village: Option<VillageId>) -> Vec<String> {
    store
        .pick_households(q, village, Page::first(20))
        .expect("pick")
        .rows
        .into_iter()
        .map(|r| format!("{}/{}", r.village, r.head_name))
        .collect()
}

#[test]
fn pinyin_initials_find_households_by_prefix() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    village_with(&mut store, &f);
    // 王凯 (fixture, 白虎村) and 王凯/王坤 both start wk.
    assert_eq!(
        names(&store, "wk", None),
        ["白虎村/王凯", "白虎村/王坤", "魏河村/王凯"]
    );
    assert_eq!(names(&store, "WXY", None), ["白虎村/汪晓艳"]);
    assert_eq!(names(&store, "w", None).len(), 4, "a one-letter prefix");
    assert_eq!(
        names(&store, "stf", None),
        ["魏河村/单田芳"],
        "单 as a surname is shan"
    );
    assert!(names(&store, "zz", None).is_empty());
}

#[test]
fn phone_tail_village_and_name_terms_combine() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let other = village_with(&mut store, &f);
    assert_eq!(
        names(&store, "5678", None),
        ["白虎村/王凯", "白虎村/王坤", "魏河村/李强"],
        "the fixture's 王凯 has 13812345678"
    );
    assert_eq!(names(&store, "5678 魏河", None), ["魏河村/李强"]);
    assert_eq!(names(&store, "王", Some(other)), ["魏河村/王凯"]);
    assert_eq!(names(&store, "魏河 wk", None), ["魏河村/王凯"]);
    assert_eq!(names(&store, "晓艳", None), ["白虎村/汪晓艳"]);
    assert_eq!(
        names(&store, "", Some(other)).len(),
        3,
        "empty query lists the village"
    );
}

#[test]
fn renaming_a_head_updates_the_initials() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let mut fields = serde_json::Map::new();
    fields.insert("head_name".into(), json!("曾国藩"));
    store
        .write(|w| w.update::<Household>(f.household, fields))
        .expect("rename");
    assert_eq!(names(&store, "zgf", None), ["白虎村/曾国藩"]);
    assert!(names(&store, "wk", None).is_empty());
    assert!(
        store.check().expect("check").ok(),
        "initials replay identically"
    );
}
