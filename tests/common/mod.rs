//! Shared fixtures: a small township with Chinese data, written through the real store.
#![allow(dead_code)]

pub mod dashboard;
pub mod device;
pub mod household;
pub mod tui;
pub mod visit;

use chrono::{NaiveDate, NaiveDateTime};
use minqing::domain::*;
use minqing::store::Store;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).expect("valid time")
}

/// Ids of the fixture records.
pub struct Fixture {
    pub township: TownshipId,
    pub village: VillageId,
    pub group: GroupId,
    pub cadre: CadreId,
    pub household: HouseholdId,
    pub visit: VisitId,
    pub item: ItemId,
}

pub fn livelihood_item(village: VillageId, household: HouseholdId, visit: VisitId) -> Item {
    Item {
        ledger_fields: LedgerFields::Livelihood {
            nature: Some("help".into()),
            beneficiaries: Some(23),
        },
        number: "两河-2026-0001".into(),
        title: "赤石组饮水管道破裂".into(),
        content: "王凯反映赤石组主供水管道去年冬天冻裂，二十多户吃水要到两里外挑".into(),
        category: "water".into(),
        village_id: Some(village),
        group_id: None,
        household_id: Some(household),
        person_id: None,
        reporter: Some("王凯".into()),
        reporter_phone: Some("13812345678".into()),
        anonymous: false,
        source: "visit".into(),
        source_visit_id: Some(visit),
        registered_at: at(2026, 3, 2, 10),
        registered_by: None,
        level: Level::Village,
        deadline: d(2026, 3, 16),
        measures: None,
    }
}

/// A township with one village, group, cadre, household, person, visit and registered item.
pub fn township(store: &mut Store) -> Fixture {
    let f = Fixture {
        township: TownshipId::new(),
        village: VillageId::new(),
        group: GroupId::new(),
        cadre: CadreId::new(),
        household: HouseholdId::new(),
        visit: VisitId::new(),
        item: ItemId::new(),
    };
    store
        .write(|w| {
            w.insert(
                f.township,
                &Township {
                    name: "两河镇".into(),
                    short_name: "两河".into(),
                    code: Some("510723107000".into()),
                },
            )?;
            w.insert(
                f.village,
                &Village {
                    township_id: f.township,
                    name: "白虎村".into(),
                    code: None,
                },
            )?;
            w.insert(
                f.group,
                &Group {
                    village_id: f.village,
                    name: "三组".into(),
                },
            )?;
            w.insert(
                f.cadre,
                &Cadre {
                    township_id: Some(f.township),
                    name: "汪晓艳".into(),
                    phone: Some("13990012345".into()),
                    unit: Some("镇党政办".into()),
                    role: "cadre".into(),
                    village_ids: vec![f.village],
                },
            )?;
            w.insert(
                f.household,
                &Household {
                    village_id: f.village,
                    group_id: Some(f.group),
                    head_name: "王凯".into(),
                    address: Some("白虎村三组12号".into()),
                    phone: Some("13812345678".into()),
                    tags: vec!["dibao".into(), "empty_nest".into()],
                    cadre_id: Some(f.cadre),
                    note: None,
                },
            )?;
            w.insert(
                PersonId::new(),
                &Person {
                    household_id: f.household,
                    name: "王凯".into(),
                    relation: "head".into(),
                    sex: Some("m".into()),
                    birth_date: Some(d(1949, 12, 31)),
                    id_number: Some("11010519491231002X".into()),
                    phone: None,
                    health: Some("chronic".into()),
                    disability_type: None,
                    disability_grade: None,
                    note: None,
                },
            )?;
            w.insert(
                f.visit,
                &Visit {
                    date: d(2026, 3, 2),
                    kind: "household".into(),
                    village_id: Some(f.village),
                    household_ids: vec![f.household],
                    place: None,
                    cadre_ids: vec![f.cadre],
                    heard: "入户走访王凯家，反映赤石组饮水管道冻裂，全组吃水困难，盼尽快维修"
                        .into(),
                    family_situation: Some("老两口在家，儿子外出务工".into()),
                    follow_up: Some("报镇水务站，三日内查看现场".into()),
                    confirmed_by: Some("王凯".into()),
                    confirmed: Some(true),
                    recorded_by: Some(f.cadre),
                    recorded_at: at(2026, 3, 2, 11),
                },
            )?;
            w.register_item(
                f.item,
                ProgressId::new(),
                &livelihood_item(f.village, f.household, f.visit),
                Some(f.cadre),
                "汪晓艳",
            )?;
            Ok(())
        })
        .expect("fixture writes");
    f
}

/// A field map for `Writer::update`.
pub fn fields(pairs: &[(&str, serde_json::Value)]) -> serde_json::Map<String, serde_json::Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

pub fn event(item: ItemId, action: Action, day: u32) -> Progress {
    Progress {
        item_id: item,
        action,
        at: at(2026, 3, day, 9),
        by: None,
        by_name: "汪晓艳".into(),
        note: String::new(),
    }
}

/// Writes one workflow step of `item` taken by `by` at `when` (the store checks it is allowed).
pub fn act(
    store: &mut Store,
    item: ItemId,
    action: Action,
    when: NaiveDateTime,
    by: &str,
    note: &str,
) {
    let e = Progress {
        item_id: item,
        action,
        at: when,
        by: None,
        by_name: by.into(),
        note: note.into(),
    };
    store
        .write(|w| w.add_progress(ProgressId::new(), &e))
        .expect("allowed step");
}

/// Two replicas swap everything the other lacks (what a bundle each way will carry).
pub fn exchange(a: &mut Store, b: &mut Store) {
    let to_b = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    let to_a = b.ops_after(&a.version_vector().expect("vv")).expect("ops");
    b.apply_remote(&to_b).expect("b merges");
    a.apply_remote(&to_a).expect("a merges");
}
