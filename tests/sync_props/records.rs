//! What the edits write: records with Chinese data, a valid workflow action for an item's
//! state, and which of the test's records a device holds alive.

use minqing::domain::*;
use minqing::store::Store;
use serde_json::{Map, Value};

use crate::world::{Rec, World};

pub fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

pub fn one(field: &str, v: Value) -> Map<String, Value> {
    Map::from_iter([(field.to_owned(), v)])
}

/// A live record of `kind` that device `at` holds and covers, chosen by `pick`.
pub fn live(w: &World, at: usize, kind: EntityKind, pick: usize) -> Option<Rec> {
    let store = &w.devices[at].store;
    let found: Vec<Rec> = w
        .records
        .iter()
        .filter(|r| r.kind == kind && w.devices[at].covers(r.village))
        .filter(|r| is_live(store, r))
        .copied()
        .collect();
    (!found.is_empty()).then(|| found[pick % found.len()])
}

pub fn is_live(store: &Store, r: &Rec) -> bool {
    match r.kind {
        EntityKind::Household => store.is_live::<Household>(HouseholdId(r.id)),
        EntityKind::Person => store.is_live::<Person>(PersonId(r.id)),
        EntityKind::Item => store.is_live::<Item>(ItemId(r.id)),
        EntityKind::Visit => store.is_live::<Visit>(VisitId(r.id)),
        _ => Ok(false),
    }
    .expect("live")
}

/// A valid action of the allowed kind `kind` for `state` (as in merge_props).
pub fn action(kind: ActionKind, state: &ItemState, pick: u8) -> Option<Action> {
    Some(match kind {
        ActionKind::Register => return None,
        ActionKind::Assign => Action::Assign {
            unit: Some(["镇水务站", "镇民政办"][usize::from(pick) % 2].into()),
            person: Some("李强".into()),
            deadline: d(2026, 3, 10 + u32::from(pick % 10)),
        },
        ActionKind::Progress => Action::Progress,
        ActionKind::Answer => Action::Answer {
            result: format!("已处理（第{pick}次）"),
        },
        ActionKind::ReturnVisit => Action::ReturnVisit {
            satisfaction: [Satisfaction::Satisfied, Satisfaction::Unsatisfied]
                [usize::from(pick) % 2],
        },
        ActionKind::Close => Action::Close {
            reason: Some("经核实已解决".into()),
        },
        ActionKind::Reopen => Action::Reopen { reason: None },
        ActionKind::Escalate => Action::Escalate {
            level: match state.level {
                Level::Village => Level::Township,
                Level::Township => Level::County,
                Level::County => return None,
            },
        },
        ActionKind::Defer => Action::Defer {
            reason: "政策暂不允许".into(),
        },
    })
}

pub fn item(village: VillageId, household: HouseholdId, number: String) -> Item {
    Item {
        ledger_fields: LedgerFields::Livelihood {
            nature: Some("help".into()),
            beneficiaries: Some(3),
        },
        number,
        title: "饮水管道破裂".into(),
        content: "反映组上主供水管道冻裂，吃水困难".into(),
        category: "water".into(),
        village_id: Some(village),
        group_id: None,
        household_id: Some(household),
        person_id: None,
        reporter: None,
        reporter_phone: None,
        anonymous: false,
        source: "visit".into(),
        source_visit_id: None,
        registered_at: d(2026, 3, 2).and_hms_opt(10, 0, 0).expect("time"),
        registered_by: None,
        level: Level::Village,
        deadline: d(2026, 3, 16),
        measures: None,
    }
}

pub const NAMES: [&str; 8] = [
    "王凯", "李强", "张敏", "刘芳", "陈静", "杨洋", "赵磊", "黄丽",
];

/// The head of household `h` as its first member.
pub fn person(h: HouseholdId, name: &str, v: u8) -> Person {
    Person {
        household_id: h,
        name: name.into(),
        relation: "head".into(),
        sex: None,
        birth_date: Some(d(1960, 1, 1 + u32::from(v % 28))),
        id_number: None,
        phone: None,
        health: None,
        disability_type: None,
        disability_grade: None,
        note: None,
    }
}
