//! The test runner and test database of tests/ingest.rs: the real binary, an office database
//! of 两河镇 with a few households, and readers of the resulting items.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{NaiveDate, NaiveDateTime};
use minqing::domain::{
    ActionKind, Group, GroupId, Household, HouseholdId, Item, Ledger, Person, PersonId, VillageId,
};
use minqing::store::Page;
use minqing::store::Store;
use minqing::store::query::{ItemFilter, ItemRow};

use super::fixtures;

pub const TODAY: &str = "2026-11-24";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

#[path = "../common/device.rs"]
mod device;
pub use device::minqing;

pub fn ingest(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["ingest", file.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    minqing(db, &args)
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

pub fn at9(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(9, 0, 0).expect("time")
}

/// Ids of the records the test database starts with.
pub struct Db {
    pub path: PathBuf,
    pub qingshan: VillageId,
    pub shiqiao: VillageId,
    pub group3: GroupId,
    pub wang: HouseholdId,
    pub wang_person: PersonId,
    pub li: HouseholdId,
    _dir: tempfile::TempDir,
}

pub fn household(v: VillageId, name: &str, phone: Option<&str>) -> Household {
    Household {
        village_id: v,
        group_id: None,
        head_name: name.into(),
        address: None,
        phone: phone.map(Into::into),
        tags: Vec::new(),
        cadre_id: None,
        note: None,
    }
}

pub fn head(h: HouseholdId, name: &str, id: Option<&str>) -> Person {
    Person {
        household_id: h,
        name: name.into(),
        relation: "head".into(),
        sex: None,
        birth_date: None,
        id_number: id.map(Into::into),
        phone: None,
        health: None,
        disability_type: None,
        disability_grade: None,
        note: None,
    }
}

/// An office database of 两河镇 (青山村 with its 三组, 石桥村, 白沙社区) holding 王秀英 (with her
/// ID number) in 青山村, 李建国 in 石桥村 and two households headed by 张伟 in 白沙社区.
pub fn setup() -> Db {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("office.db");
    let out = minqing(
        &path,
        &[
            "init",
            "--role",
            "office",
            "--name",
            "张主任",
            "--township",
            "两河镇",
            "--village",
            "青山村",
            "--village",
            "石桥村",
            "--village",
            "白沙社区",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut store = Store::open(&path).expect("open");
    let villages = store.villages().expect("villages");
    let v = |n: &str| {
        villages
            .iter()
            .find(|(_, x)| x.name == n)
            .map(|(id, _)| *id)
            .expect("village")
    };
    let (qingshan, shiqiao, baisha) = (v("青山村"), v("石桥村"), v("白沙社区"));
    let (group3, wang, wang_person, li) = (
        GroupId::new(),
        HouseholdId::new(),
        PersonId::new(),
        HouseholdId::new(),
    );
    store
        .write(|w| {
            w.insert(
                group3,
                &Group {
                    village_id: qingshan,
                    name: "三组".into(),
                },
            )?;
            w.insert(wang, &household(qingshan, "王秀英", None))?;
            w.insert(wang_person, &head(wang, "王秀英", Some(fixtures::WANG_ID)))?;
            w.insert(li, &household(shiqiao, "李建国", Some("13900001111")))?;
            w.insert(PersonId::new(), &head(li, "李建国", None))?;
            for _ in 0..2 {
                let h = HouseholdId::new();
                w.insert(h, &household(baisha, "张伟", None))?;
                w.insert(PersonId::new(), &head(h, "张伟", None))?;
            }
            Ok(())
        })
        .expect("write");
    Db {
        path,
        qingshan,
        shiqiao,
        group3,
        wang,
        wang_person,
        li,
        _dir: dir,
    }
}

pub fn items(store: &Store, ledger: Ledger) -> Vec<ItemRow> {
    let f = ItemFilter {
        ledger: Some(ledger),
        ..ItemFilter::default()
    };
    store.items(&f, Page::first(100)).expect("items").rows
}

pub fn item_of(
    store: &Store,
    rows: &[ItemRow],
    reporter: &str,
    title_part: &str,
) -> (Item, ItemRow) {
    let row = rows
        .iter()
        .find(|r| r.reporter.as_deref() == Some(reporter) && r.title.contains(title_part))
        .unwrap_or_else(|| panic!("no item of {reporter} about {title_part}"))
        .clone();
    (store.get::<Item>(row.id).expect("get").expect("item"), row)
}

pub fn kinds(store: &Store, row: &ItemRow) -> Vec<ActionKind> {
    store
        .progress_of(row.id)
        .expect("progress")
        .iter()
        .map(|p| p.action.kind())
        .collect()
}

pub fn households_named(store: &Store, v: VillageId, name: &str) -> Vec<HouseholdId> {
    store
        .households_named(v, name)
        .expect("households")
        .into_iter()
        .map(|(h, _)| h)
        .collect()
}

pub fn lines(out: &Output) -> Vec<String> {
    text(&out.stdout).lines().map(str::to_owned).collect()
}

pub fn line_of(out: &Output, row: u32) -> String {
    let prefix = format!("第 {row} 行：");
    lines(out)
        .into_iter()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for row {row} in\n{}", text(&out.stdout)))
}
