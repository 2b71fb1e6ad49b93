//! The dashboard fixture: two villages, three cadres, seven households, visits and items
//! across 国庆 2026 and a 调休 Saturday, written through the store's writer, small enough that
//! every figure is computed by hand in `tests/dashboard.rs`.
//!
//! ```text
//! 白虎村 A: h1 h2 h3 (汪晓艳 C1), h4 (李强 C2)      青杠村 B: h5 h6 (李强 C2), h7 (no cadre)
//! visits: v1 10-08 A [h1 h2]  v2 10-20 A [h1]  v3 10-15 B [h5]  v4 11-03 B [h6]
//!         v5 09-30 A [h3]     v6 10-10 A (院坝会, no household)  v7 10-12 A [h4] deleted
//! items:  i1 A reg 09-30 by C1, 交办 王长春 (C3), 回访 满意 10-08, 销号 10-08   (1 working day)
//!         i2 A reg 10-09 by C1, no 交办, 回访 基本满意 10-13, 销号 10-13       (3: Sat 10-10 works)
//!         i3 B reg 10-12 by C2, 交办 李强 due 10-16, 回访 不满意 10-20 → 重办 (open, overdue)
//!         i4 B reg 10-16 by C2, 交办 镇水务站张站长 (no cadre → C2), 回访 满意 10-22,
//!            销号 10-26                                                    (6 working days)
//!         i5 A reg 11-02 by C1, due 12-01 (open)
//!         i6 A reg 10-20 by C1, 交办 汪晓艳 due 11-03 (open, overdue)
//! ```

use chrono::NaiveDateTime;
use minqing::domain::*;
use minqing::store::Store;

use super::{at, d};

/// Ids of the fixture's records.
pub struct Dash {
    pub township: TownshipId,
    pub a: VillageId,
    pub b: VillageId,
    pub c1: CadreId,
    pub c2: CadreId,
    pub c3: CadreId,
    pub h: [HouseholdId; 7],
    pub i: [ItemId; 6],
}

/// One fixture item: ledger, number, title, category, village, registered at, by, deadline.
type Spec<'a> = (
    Ledger,
    &'a str,
    &'a str,
    &'a str,
    VillageId,
    NaiveDateTime,
    CadreId,
    chrono::NaiveDate,
);

fn item(spec: Spec<'_>) -> Item {
    let (ledger, number, title, category, village, registered_at, by, deadline) = spec;
    let ledger_fields = match ledger {
        Ledger::Livelihood => LedgerFields::Livelihood {
            nature: Some("help".into()),
            beneficiaries: None,
        },
        _ => LedgerFields::Hardship {
            causes: vec![category.into()],
            assistance: Vec::new(),
            helper: None,
            review_cycle: None,
        },
    };
    Item {
        ledger_fields,
        number: number.into(),
        title: title.into(),
        content: format!("{title}，群众反映情况属实"),
        category: category.into(),
        village_id: Some(village),
        group_id: None,
        household_id: None,
        person_id: None,
        reporter: Some("王凯".into()),
        reporter_phone: None,
        anonymous: false,
        source: "visit".into(),
        source_visit_id: None,
        registered_at,
        registered_by: Some(by),
        level: Level::Village,
        deadline,
        measures: None,
    }
}

fn event(item: ItemId, action: Action, when: NaiveDateTime, by: CadreId, name: &str) -> Progress {
    Progress {
        item_id: item,
        action,
        at: when,
        by: Some(by),
        by_name: name.into(),
        note: String::new(),
    }
}

/// Writes the fixture into `store` (an empty one).
pub fn fixture(store: &mut Store) -> Dash {
    let f = Dash {
        township: TownshipId::new(),
        a: VillageId::new(),
        b: VillageId::new(),
        c1: CadreId::new(),
        c2: CadreId::new(),
        c3: CadreId::new(),
        h: std::array::from_fn(|_| HouseholdId::new()),
        i: std::array::from_fn(|_| ItemId::new()),
    };
    let v7 = VisitId::new();
    store
        .write(|w| {
            w.insert(
                f.township,
                &Township {
                    name: "两河镇".into(),
                    short_name: "两河".into(),
                    code: None,
                },
            )?;
            for (id, name) in [(f.a, "白虎村"), (f.b, "青杠村")] {
                w.insert(
                    id,
                    &Village {
                        township_id: f.township,
                        name: name.into(),
                        code: None,
                    },
                )?;
            }
            for (id, name, villages) in [
                (f.c1, "汪晓艳", vec![f.a]),
                (f.c2, "李强", vec![f.a, f.b]),
                (f.c3, "王长春", vec![]),
            ] {
                w.insert(
                    id,
                    &Cadre {
                        township_id: Some(f.township),
                        name: name.into(),
                        phone: None,
                        unit: Some("镇党政办".into()),
                        role: "cadre".into(),
                        village_ids: villages,
                    },
                )?;
            }
            let homes = [
                (f.a, Some(f.c1), "王凯"),
                (f.a, Some(f.c1), "赵兰芳"),
                (f.a, Some(f.c1), "孙德明"),
                (f.a, Some(f.c2), "周跃进"),
                (f.b, Some(f.c2), "陈秀英"),
                (f.b, Some(f.c2), "刘文德"),
                (f.b, None, "黄小龙"),
            ];
            for (k, (village, cadre, head)) in homes.into_iter().enumerate() {
                w.insert(
                    f.h[k],
                    &Household {
                        village_id: village,
                        group_id: None,
                        head_name: head.into(),
                        address: None,
                        phone: None,
                        tags: Vec::new(),
                        cadre_id: cadre,
                        note: None,
                    },
                )?;
            }
            let visits = [
                (
                    VisitId::new(),
                    (10, 8),
                    f.a,
                    vec![f.h[0], f.h[1]],
                    f.c1,
                    "courtyard",
                ),
                (
                    VisitId::new(),
                    (10, 20),
                    f.a,
                    vec![f.h[0]],
                    f.c1,
                    "household",
                ),
                (
                    VisitId::new(),
                    (10, 15),
                    f.b,
                    vec![f.h[4]],
                    f.c2,
                    "household",
                ),
                (
                    VisitId::new(),
                    (11, 3),
                    f.b,
                    vec![f.h[5]],
                    f.c2,
                    "household",
                ),
                (
                    VisitId::new(),
                    (9, 30),
                    f.a,
                    vec![f.h[2]],
                    f.c1,
                    "household",
                ),
                (VisitId::new(), (10, 10), f.a, vec![], f.c1, "courtyard"),
                (v7, (10, 12), f.a, vec![f.h[3]], f.c2, "household"),
            ];
            for (id, (m, day), village, homes, cadre, kind) in visits {
                w.insert(
                    id,
                    &Visit {
                        date: d(2026, m, day),
                        kind: kind.into(),
                        village_id: Some(village),
                        household_ids: homes,
                        place: None,
                        cadre_ids: vec![cadre],
                        heard: "群众反映村道坑洼，雨天出行困难".into(),
                        family_situation: None,
                        follow_up: None,
                        confirmed_by: None,
                        confirmed: None,
                        recorded_by: Some(cadre),
                        recorded_at: at(2026, m, day, 18),
                    },
                )?;
            }
            w.delete::<Visit>(v7)?;
            let (c1, c2) = (f.c1, f.c2);
            let items = [
                (
                    Ledger::Livelihood,
                    "两河-2026-0001",
                    "赤石组饮水管道破裂",
                    "water",
                    f.a,
                    at(2026, 9, 30, 10),
                    c1,
                    d(2026, 10, 15),
                ),
                (
                    Ledger::Livelihood,
                    "两河-2026-0002",
                    "白虎村三组路灯不亮",
                    "roads",
                    f.a,
                    at(2026, 10, 9, 9),
                    c1,
                    d(2026, 10, 23),
                ),
                (
                    Ledger::Hardship,
                    "两河-2026-0003",
                    "陈秀英因病生活困难",
                    "illness",
                    f.b,
                    at(2026, 10, 12, 9),
                    c2,
                    d(2026, 10, 26),
                ),
                (
                    Ledger::Livelihood,
                    "两河-2026-0004",
                    "青杠村自来水停水三天",
                    "water",
                    f.b,
                    at(2026, 10, 16, 9),
                    c2,
                    d(2026, 10, 30),
                ),
                (
                    Ledger::Livelihood,
                    "两河-2026-0005",
                    "白虎村入户路硬化",
                    "roads",
                    f.a,
                    at(2026, 11, 2, 9),
                    c1,
                    d(2026, 12, 1),
                ),
                (
                    Ledger::Hardship,
                    "两河-2026-0006",
                    "孙德明家住房漏雨",
                    "housing_safety",
                    f.a,
                    at(2026, 10, 20, 9),
                    c1,
                    d(2026, 11, 3),
                ),
            ];
            for (k, spec) in items.into_iter().enumerate() {
                let by = spec.6;
                let name = if by == c1 { "汪晓艳" } else { "李强" };
                w.register_item(f.i[k], ProgressId::new(), &item(spec), Some(by), name)?;
            }
            let assign = |person: &str, m, day| Action::Assign {
                unit: None,
                person: Some(person.into()),
                deadline: d(2026, m, day),
            };
            let answer = || Action::Answer {
                result: "已协调解决".into(),
            };
            let rv = |s| Action::ReturnVisit { satisfaction: s };
            let close = || Action::Close { reason: None };
            use Satisfaction::*;
            let steps: Vec<(usize, Action, NaiveDateTime)> = vec![
                (0, assign("王长春", 10, 15), at(2026, 9, 30, 11)),
                (0, answer(), at(2026, 10, 8, 9)),
                (0, rv(Satisfied), at(2026, 10, 8, 10)),
                (0, close(), at(2026, 10, 8, 16)),
                (1, answer(), at(2026, 10, 12, 9)),
                (1, rv(Basically), at(2026, 10, 13, 9)),
                (1, close(), at(2026, 10, 13, 10)),
                (2, assign("李强", 10, 16), at(2026, 10, 12, 10)),
                (2, answer(), at(2026, 10, 19, 9)),
                (2, rv(Unsatisfied), at(2026, 10, 20, 9)),
                (3, assign("镇水务站张站长", 10, 30), at(2026, 10, 16, 10)),
                (3, answer(), at(2026, 10, 21, 9)),
                (3, rv(Satisfied), at(2026, 10, 22, 9)),
                (3, close(), at(2026, 10, 26, 9)),
                (5, assign("汪晓艳", 11, 3), at(2026, 10, 20, 10)),
            ];
            for (k, action, when) in steps {
                w.add_progress(
                    ProgressId::new(),
                    &event(f.i[k], action, when, c1, "汪晓艳"),
                )?;
            }
            Ok(())
        })
        .expect("fixture writes");
    f
}
