//! One step of a random history: a local edit on some device (new household with its head,
//! visit, item; an edit, a delete, a workflow action), an export, the delivery of a bundle
//! with its fault (once, twice, lost; any bundle on the stick, so out of order), a backup, a
//! restore, or a clock jumping backwards.

use minqing::domain::*;
use proptest::prelude::*;
use serde_json::json;
use uuid::Uuid;

use crate::records::{NAMES, action, d, item, live, one, person};
use crate::setup::household;
use crate::world::{Rec, Sent, World};

#[derive(Debug, Clone, Copy)]
pub enum Fault {
    Once,
    Twice,
    Lost,
}

#[derive(Debug, Clone)]
pub enum Step {
    NewHousehold {
        at: usize,
        village: usize,
        v: u8,
    },
    NewVisit {
        at: usize,
        pick: usize,
    },
    NewItem {
        at: usize,
        pick: usize,
    },
    EditHousehold {
        at: usize,
        pick: usize,
        field: u8,
        v: u8,
    },
    EditPerson {
        at: usize,
        pick: usize,
        v: u8,
    },
    EditItem {
        at: usize,
        pick: usize,
        v: u8,
    },
    EditCadre {
        at: usize,
        pick: usize,
        v: u8,
    },
    Delete {
        at: usize,
        pick: usize,
        item: bool,
    },
    Workflow {
        at: usize,
        pick: usize,
        choice: u8,
    },
    Export {
        from: usize,
        to: usize,
    },
    Deliver {
        pick: usize,
        fault: Fault,
    },
    Backup {
        at: usize,
    },
    Restore {
        at: usize,
        pick: usize,
    },
    ClockBack {
        at: usize,
        minutes: u16,
    },
}

pub fn step() -> impl Strategy<Value = Step> {
    let at = 0..5usize;
    let pick = 0..64usize;
    let fault = prop_oneof![
        3 => Just(Fault::Once),
        1 => Just(Fault::Twice),
        1 => Just(Fault::Lost),
    ];
    prop_oneof![
        3 => (at.clone(), 0..3usize, any::<u8>())
            .prop_map(|(at, village, v)| Step::NewHousehold { at, village, v }),
        1 => (at.clone(), pick.clone()).prop_map(|(at, pick)| Step::NewVisit { at, pick }),
        2 => (at.clone(), pick.clone()).prop_map(|(at, pick)| Step::NewItem { at, pick }),
        3 => (at.clone(), pick.clone(), 0..4u8, 0..4u8)
            .prop_map(|(at, pick, field, v)| Step::EditHousehold { at, pick, field, v }),
        1 => (at.clone(), pick.clone(), 0..4u8)
            .prop_map(|(at, pick, v)| Step::EditPerson { at, pick, v }),
        2 => (at.clone(), pick.clone(), 0..4u8)
            .prop_map(|(at, pick, v)| Step::EditItem { at, pick, v }),
        1 => (at.clone(), pick.clone(), 0..4u8)
            .prop_map(|(at, pick, v)| Step::EditCadre { at, pick, v }),
        1 => (at.clone(), pick.clone(), any::<bool>())
            .prop_map(|(at, pick, item)| Step::Delete { at, pick, item }),
        3 => (at.clone(), pick.clone(), any::<u8>())
            .prop_map(|(at, pick, choice)| Step::Workflow { at, pick, choice }),
        5 => (at.clone(), at.clone()).prop_map(|(from, to)| Step::Export { from, to }),
        5 => (pick.clone(), fault).prop_map(|(pick, fault)| Step::Deliver { pick, fault }),
        1 => at.clone().prop_map(|at| Step::Backup { at }),
        2 => (at.clone(), pick).prop_map(|(at, pick)| Step::Restore { at, pick }),
        1 => (at, 1..3000u16).prop_map(|(at, minutes)| Step::ClockBack { at, minutes }),
    ]
}

/// Runs one step on the world.
pub fn run(w: &mut World, s: &Step) {
    w.tick();
    let n = w.devices.len();
    match *s {
        Step::NewHousehold { at, village, v } => {
            let at = at % n;
            let mine = w.villages_of(at);
            let village = mine[village % mine.len()];
            let (h, p) = (HouseholdId::new(), PersonId::new());
            let name = NAMES[v as usize % NAMES.len()];
            let vid = w.villages[village];
            w.write(at, |wr| {
                wr.insert(h, &household(vid, name, &format!("1390000{v:04}")))?;
                wr.insert(p, &person(h, name, v))?;
                Ok(())
            });
            for (kind, id) in [
                (EntityKind::Household, h.into()),
                (EntityKind::Person, p.into()),
            ] {
                w.records.push(Rec { kind, id, village });
                w.village_of.insert(id, village);
            }
        }
        Step::NewVisit { at, pick } => {
            let at = at % n;
            let Some(h) = live(w, at, EntityKind::Household, pick) else {
                return;
            };
            let visit = VisitId::new();
            let me = w.cadres[at];
            // Any month of the year, so the replicas' visit summaries have several columns.
            let day = d(2026, pick as u32 % 12 + 1, 3);
            let record = Visit {
                date: day,
                kind: "household".into(),
                village_id: Some(w.villages[h.village]),
                household_ids: vec![HouseholdId(h.id)],
                place: None,
                cadre_ids: vec![me],
                heard: "入户走访，反映道路年久失修".into(),
                family_situation: None,
                follow_up: None,
                confirmed_by: None,
                confirmed: Some(true),
                recorded_by: Some(me),
                recorded_at: day.and_hms_opt(11, 0, 0).expect("time"),
            };
            w.write(at, |wr| wr.insert(visit, &record));
            let id: Uuid = visit.into();
            w.records.push(Rec {
                kind: EntityKind::Visit,
                id,
                village: h.village,
            });
            w.village_of.insert(id, h.village);
        }
        Step::NewItem { at, pick } => {
            let at = at % n;
            let Some(h) = live(w, at, EntityKind::Household, pick) else {
                return;
            };
            let (i, e) = (ItemId::new(), ProgressId::new());
            let (vid, me, name) = (
                w.villages[h.village],
                w.cadres[at],
                w.devices[at].name.clone(),
            );
            w.write(at, |wr| {
                let number = wr.next_item_number("两河", 2026)?;
                wr.register_item(i, e, &item(vid, HouseholdId(h.id), number), Some(me), &name)
            });
            w.records.push(Rec {
                kind: EntityKind::Item,
                id: i.into(),
                village: h.village,
            });
            w.village_of.insert(i.into(), h.village);
            w.village_of.insert(e.into(), h.village);
        }
        Step::EditHousehold { at, pick, field, v } => {
            let at = at % n;
            if let Some(h) = live(w, at, EntityKind::Household, pick) {
                let (f, value) = match field {
                    0 => ("phone", json!(format!("1380000000{v}"))),
                    1 => ("note", json!(format!("第{v}次走访备注"))),
                    2 => ("address", json!(format!("{v}组{v}号"))),
                    // 包户干部: moves the household's visits in the dashboard's summary.
                    _ => ("cadre_id", json!(w.cadres[at])),
                };
                w.write(at, |wr| {
                    wr.update::<Household>(HouseholdId(h.id), one(f, value))
                });
            }
        }
        Step::EditPerson { at, pick, v } => {
            let at = at % n;
            if let Some(p) = live(w, at, EntityKind::Person, pick) {
                let value = json!(format!("1370000000{v}"));
                w.write(at, |wr| {
                    wr.update::<Person>(PersonId(p.id), one("phone", value))
                });
            }
        }
        Step::EditItem { at, pick, v } => {
            let at = at % n;
            if let Some(i) = live(w, at, EntityKind::Item, pick) {
                let value = json!(format!("饮水管道维修{v}"));
                w.write(at, |wr| {
                    wr.update::<Item>(ItemId(i.id), one("title", value))
                });
            }
        }
        Step::EditCadre { at, pick, v } => {
            let at = at % n;
            let cadre = w.cadres[pick % w.cadres.len()];
            let value = json!(format!("1399001234{v}"));
            w.write(at, |wr| wr.update::<Cadre>(cadre, one("phone", value)));
        }
        Step::Delete { at, pick, item } => {
            let at = at % n;
            if item {
                if let Some(i) = live(w, at, EntityKind::Item, pick) {
                    w.write(at, |wr| wr.delete::<Item>(ItemId(i.id)));
                }
            } else if let Some(h) = live(w, at, EntityKind::Household, pick) {
                w.write(at, |wr| wr.delete::<Household>(HouseholdId(h.id)));
            }
        }
        Step::Workflow { at, pick, choice } => {
            let at = at % n;
            let Some(i) = live(w, at, EntityKind::Item, pick) else {
                return;
            };
            let id = ItemId(i.id);
            let state = w.devices[at]
                .store
                .item_state(id)
                .expect("state")
                .expect("item");
            let allowed = state.allowed_actions();
            if allowed.is_empty() {
                return;
            }
            let kind = allowed[choice as usize % allowed.len()];
            let Some(a) = action(kind, &state, choice) else {
                return;
            };
            let e = ProgressId::new();
            let event = Progress {
                item_id: id,
                action: a,
                at: d(2026, 3, 5).and_hms_opt(9, 0, 0).expect("time"),
                by: Some(w.cadres[at]),
                by_name: w.devices[at].name.clone(),
                note: String::new(),
            };
            w.write(at, |wr| wr.add_progress(e, &event));
            w.village_of.insert(e.into(), i.village);
        }
        Step::Export { from, to } => {
            let from = from % n;
            let peers = w.peers_of(from);
            let to = peers[to % peers.len()];
            let (sent, _) = w.export(from, to);
            w.pending.push(sent);
        }
        Step::Deliver { pick, fault } => {
            if w.pending.is_empty() {
                return;
            }
            let sent: Sent = w.pending.remove(pick % w.pending.len());
            match fault {
                Fault::Lost => {}
                Fault::Once => {
                    w.import(&sent);
                }
                Fault::Twice => crate::oracle::import_twice(w, &sent),
            }
        }
        Step::Backup { at } => w.backup(at % n),
        Step::Restore { at, pick } => w.restore(at % n, pick),
        Step::ClockBack { at, minutes } => w.clock_back(at % n, i64::from(minutes) * 60_000),
    }
}
