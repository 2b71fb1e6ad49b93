//! Property tests of the operation log's merge (SPEC §7 properties 1–2): replicas that edit
//! concurrently and exchange operations in any order converge to identical tables, no edit is
//! lost, and applying operations again changes nothing.

mod common;

use common::*;
use minqing::domain::*;
use minqing::store::{Page, Store};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const REPLICAS: usize = 3;

#[derive(Debug, Clone)]
enum Step {
    Phone { at: usize, v: u8 },
    Note { at: usize, v: u8 },
    Title { at: usize, v: u8 },
    Progress { at: usize, pick: u8 },
    DeleteHousehold { at: usize },
    Sync { from: usize, to: usize },
}

fn step() -> impl Strategy<Value = Step> {
    let at = 0..REPLICAS;
    prop_oneof![
        (at.clone(), 0..4u8).prop_map(|(at, v)| Step::Phone { at, v }),
        (at.clone(), 0..4u8).prop_map(|(at, v)| Step::Note { at, v }),
        (at.clone(), 0..4u8).prop_map(|(at, v)| Step::Title { at, v }),
        (at.clone(), any::<u8>()).prop_map(|(at, pick)| Step::Progress { at, pick }),
        at.clone().prop_map(|at| Step::DeleteHousehold { at }),
        (at.clone(), at).prop_map(|(from, to)| Step::Sync { from, to }),
        (0..REPLICAS, 0..REPLICAS).prop_map(|(from, to)| Step::Sync { from, to }),
    ]
}

fn send(reps: &mut [Store], from: usize, to: usize) {
    if from == to {
        return;
    }
    let vv = reps[to].version_vector().expect("vv");
    let ops = reps[from].ops_after(&vv).expect("ops");
    reps[to].apply_remote(&ops).expect("merge");
}

fn one(field: &str, v: Value) -> Map<String, Value> {
    fields(&[(field, v)])
}

/// A valid action of the allowed kind `kind` for `state`.
fn action(kind: ActionKind, state: &ItemState, pick: u8) -> Option<Action> {
    Some(match kind {
        ActionKind::Register => return None,
        ActionKind::Assign => Action::Assign {
            unit: Some(["镇水务站", "镇民政办"][pick as usize % 2].into()),
            person: Some("李强".into()),
            deadline: d(2026, 3, 10 + u32::from(pick % 10)),
        },
        ActionKind::Progress => Action::Progress,
        ActionKind::Answer => Action::Answer {
            result: format!("已处理（第{pick}次）"),
        },
        ActionKind::ReturnVisit => Action::ReturnVisit {
            satisfaction: [Satisfaction::Satisfied, Satisfaction::Unsatisfied][pick as usize % 2],
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

fn run(reps: &mut [Store], f: &Fixture, s: &Step) {
    let household = |w: &mut minqing::store::Writer<'_>, field: &str, v: Value| {
        // Refused (NotFound) once this replica has seen the household deleted: fine.
        let _ = w.update::<Household>(f.household, one(field, v));
        Ok(())
    };
    match *s {
        Step::Phone { at, v } => reps[at]
            .write(|w| household(w, "phone", json!(format!("1380000000{v}"))))
            .expect("phone"),
        Step::Note { at, v } => reps[at]
            .write(|w| household(w, "note", json!(format!("第{v}次走访备注"))))
            .expect("note"),
        Step::Title { at, v } => reps[at]
            .write(|w| w.update::<Item>(f.item, one("title", json!(format!("饮水管道维修{v}")))))
            .map(|_| ())
            .expect("title"),
        Step::Progress { at, pick } => {
            let state = reps[at].item_state(f.item).expect("state").expect("item");
            let allowed = state.allowed_actions();
            if allowed.is_empty() {
                return;
            }
            let kind = allowed[pick as usize % allowed.len()];
            if let Some(a) = action(kind, &state, pick) {
                reps[at]
                    .write(|w| w.add_progress(ProgressId::new(), &event(f.item, a, 5)))
                    .expect("allowed action");
            }
        }
        Step::DeleteHousehold { at } => {
            let _ = reps[at].write(|w| w.delete::<Household>(f.household));
        }
        Step::Sync { from, to } => send(reps, from, to),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_in_any_order(
        steps in prop::collection::vec(step(), 1..30),
        order in any::<u64>(),
    ) {
        let mut reps: Vec<Store> =
            (0..REPLICAS).map(|_| Store::open_in_memory().expect("store")).collect();
        let f = township(&mut reps[0]);
        for to in 1..REPLICAS {
            send(&mut reps, 0, to);
        }
        for s in &steps {
            run(&mut reps, &f, s);
        }
        for _ in 0..2 {
            for a in 0..REPLICAS {
                for b in 0..REPLICAS {
                    send(&mut reps, a, b);
                }
            }
        }
        let rows = reps[0].replicated_rows().expect("rows");
        for r in &reps {
            prop_assert!(r.replicated_rows().expect("rows") == rows, "replicas differ");
            prop_assert!(r.check().expect("check").ok(), "check fails on a replica");
            prop_assert_eq!(r.version_vector().expect("vv"), reps[0].version_vector().expect("vv"));
        }
        // Every replica shows the same conflicts, and no value written was lost: each phone
        // written appears either as the value or among the conflicting values... or was
        // replaced by an edit that had seen it.
        let c0 = reps[0].conflicts(Page::first(50)).expect("conflicts").rows;
        for r in &reps[1..] {
            prop_assert_eq!(r.conflicts(Page::first(50)).expect("conflicts").rows, c0.clone());
        }

        // The union of all operations, shuffled, into a fresh replica: the same tables.
        let mut all = reps[0].ops_after(&Default::default()).expect("ops");
        let mut rng = fastrand::Rng::with_seed(order);
        rng.shuffle(&mut all);
        let mut fresh = Store::open_in_memory().expect("fresh");
        let first = fresh.apply_remote(&all).expect("merge shuffled");
        prop_assert_eq!(first.ops_new as usize, all.len());
        prop_assert!(fresh.replicated_rows().expect("rows") == rows, "order changed the result");
        // And again: nothing new, nothing changed.
        let again = fresh.apply_remote(&all).expect("merge again");
        prop_assert_eq!(again.ops_new, 0);
        prop_assert!(fresh.replicated_rows().expect("rows") == rows, "re-import changed the result");
    }
}
