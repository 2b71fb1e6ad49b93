//! One demo village's records: its households and persons, then its visits, the ledger items
//! they raise and those items' progress, in the generator's fixed order of random draws.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use fastrand::Rng;

use super::DemoSummary;
use super::generate::{COUNTY_CODE, Place, Town, next_id};
use super::items::{self, Cast};
use super::people;
use super::vocab::{NoteContext, Vocab};
use crate::domain::calendar::Calendar;
use crate::domain::deadline::DeadlineRules;
use crate::domain::*;
use crate::store::{StoreError, Writer};

/// Visit kinds by share: most visits are at a household.
const KINDS: [&str; 10] = [
    "household",
    "household",
    "household",
    "household",
    "household",
    "household",
    "phone",
    "courtyard",
    "desk",
    "party_day",
];

/// Ledgers by share of raised matters: livelihood half, hardship a third, stability a sixth.
const LEDGERS: [Ledger; 6] = [
    Ledger::Livelihood,
    Ledger::Livelihood,
    Ledger::Livelihood,
    Ledger::Hardship,
    Ledger::Hardship,
    Ledger::Stability,
];

/// A written household, as its visits and items need it.
struct Home {
    id: HouseholdId,
    head: String,
    phone: Option<String>,
    group: usize,
    cadre: usize,
    members: u32,
}

/// One village's share of the work and the generator state it advances.
pub(super) struct VillageRun<'a> {
    pub(super) v: &'a Vocab,
    pub(super) rng: &'a mut Rng,
    pub(super) clock: &'a mut u64,
    pub(super) sum: &'a mut DemoSummary,
    /// The last item number given per (township, year).
    pub(super) numbers: &'a mut BTreeMap<(usize, i32), u32>,
    pub(super) place: &'a Place,
    pub(super) town: &'a Town,
    pub(super) today: NaiveDate,
    pub(super) now: NaiveDateTime,
}

/// Writes the village's `hh` households, then `n_visits` visits of which `n_items` raise an item.
pub(super) fn write(
    w: &mut Writer<'_>,
    mut run: VillageRun<'_>,
    hh: u64,
    n_visits: u64,
    n_items: u64,
) -> Result<(), StoreError> {
    let homes = households(w, &mut run, hh)?;
    visits(w, &mut run, &homes, n_visits, n_items)
}

/// The households with their members, each under a random group and cadre of the village.
fn households(
    w: &mut Writer<'_>,
    run: &mut VillageRun<'_>,
    hh: u64,
) -> Result<Vec<Home>, StoreError> {
    let (v, place, today) = (run.v, run.place, run.today);
    let (rng, clock, sum) = (&mut *run.rng, &mut *run.clock, &mut *run.sum);
    let mut homes = Vec::with_capacity(hh as usize);
    for k in 0..hh {
        let group = rng.usize(..place.groups.len());
        let address = format!("{}{}{}号", place.name, place.groups[group].1, k + 1);
        let mut drawn = people::household(v, rng, place.id, address, COUNTY_CODE, today);
        let cadre = rng.usize(..place.cadres.len());
        drawn.household.group_id = Some(place.groups[group].0);
        drawn.household.cadre_id = Some(place.cadres[cadre].id);
        let hid = next_id(clock, rng, HouseholdId::from_parts);
        w.insert(hid, &drawn.household)?;
        for mut m in drawn.members.iter().cloned() {
            m.household_id = hid;
            w.insert(next_id(clock, rng, PersonId::from_parts), &m)?;
        }
        sum.persons += drawn.members.len() as u64;
        homes.push(Home {
            id: hid,
            head: drawn.household.head_name.clone(),
            phone: drawn.household.phone.clone(),
            group,
            cadre,
            members: drawn.members.len() as u32,
        });
    }
    sum.households += hh;
    Ok(homes)
}

/// Visits to the village's homes; some raise a ledger item, which gets its progress up to `now`.
fn visits(
    w: &mut Writer<'_>,
    run: &mut VillageRun<'_>,
    homes: &[Home],
    n_visits: u64,
    n_items: u64,
) -> Result<(), StoreError> {
    let (v, place, town, today, now) = (run.v, run.place, run.town, run.today, run.now);
    let (rng, clock, sum) = (&mut *run.rng, &mut *run.clock, &mut *run.sum);
    let numbers = &mut *run.numbers;
    let cal = Calendar::builtin();
    let rules = DeadlineRules::builtin();
    let mut items_left = n_items;
    for k in 0..n_visits {
        let visits_left = n_visits - k;
        let raise = items_left > 0 && rng.u64(..visits_left) < items_left;
        let home = &homes[rng.usize(..homes.len().max(1))];
        // A diary is densest in recent weeks: a quarter of the visits fall in the last month,
        // which also leaves the current workload (open, due soon) a cadre expects to see.
        let back = if rng.f64() < 0.25 {
            rng.i64(0..30)
        } else {
            rng.i64(0..365)
        };
        let day = today - Duration::days(back);
        let cadre = &place.cadres[home.cadre];
        let ctx = NoteContext {
            head: &home.head,
            village: &place.name,
            group: &place.groups[home.group].1,
            cadre: &cadre.name,
            members: home.members,
        };
        let kind = KINDS[rng.usize(..KINDS.len())];
        let sit = if raise {
            let ledger = LEDGERS[rng.usize(..LEDGERS.len())];
            v.pick_situation(rng, ledger)
        } else {
            None
        };
        let heard = match sit {
            Some(s) => s.diary_note_of(rng, &ctx, kind),
            None => v.routine_note_of(rng, &ctx, kind),
        };
        let vid = next_id(clock, rng, VisitId::from_parts);
        let at_household = kind == "household" || kind == "phone";
        w.insert(
            vid,
            &Visit {
                date: day,
                kind: kind.into(),
                village_id: Some(place.id),
                household_ids: if at_household || rng.bool() {
                    vec![home.id]
                } else {
                    vec![]
                },
                place: (!at_household).then(|| v.meeting_place(rng, &ctx)),
                cadre_ids: vec![cadre.id],
                heard,
                family_situation: at_household.then(|| v.family_note(rng, &ctx)),
                follow_up: Some(if sit.is_some() {
                    "已登记台账，按时限跟进办理，办结后回访".to_string()
                } else {
                    v.follow_up(rng, &ctx)
                }),
                confirmed_by: at_household.then(|| home.head.clone()),
                confirmed: at_household.then(|| rng.f64() < 0.92),
                recorded_by: Some(cadre.id),
                recorded_at: day.and_hms_opt(19, rng.u32(0..60), 0).unwrap_or_default(),
            },
        )?;
        sum.visits += 1;
        let Some(sit) = sit else { continue };
        items_left -= 1;
        let t0 = day
            .and_hms_opt(rng.u32(8..18), rng.u32(0..60), 0)
            .unwrap_or_default();
        let year = day.year();
        let counter = numbers.entry((place.township, year)).or_insert(0);
        *counter += 1;
        let number = format!("{}-{year}-{:04}", town.short, counter);
        let leader = &town.office[rng.usize(..town.office.len())];
        let responsible = &town.office[rng.usize(..town.office.len())];
        let level = if sit.ledger == Ledger::Stability || rng.f64() < 0.3 {
            Level::Township
        } else {
            Level::Village
        };
        let due = items::deadline(cal, rules, sit, day);
        let item = Item {
            ledger_fields: items::ledger_fields(rng, sit, &ctx, day, &cadre.name, &leader.name),
            number,
            title: sit.title(rng, &ctx),
            content: sit.content(rng, &ctx),
            category: sit.category.clone(),
            village_id: Some(place.id),
            group_id: Some(place.groups[home.group].0),
            household_id: Some(home.id),
            person_id: None,
            reporter: Some(home.head.clone()),
            reporter_phone: home.phone.clone(),
            anonymous: false,
            source: if kind == "desk" {
                "walk_in"
            } else if kind == "courtyard" {
                "courtyard"
            } else {
                "visit"
            }
            .into(),
            source_visit_id: Some(vid),
            registered_at: t0,
            registered_by: Some(cadre.id),
            level,
            deadline: due,
            measures: None,
        };
        let iid = next_id(clock, rng, ItemId::from_parts);
        let reg = next_id(clock, rng, ProgressId::from_parts);
        w.register_item(iid, reg, &item, Some(cadre.id), &cadre.name)?;
        sum.items += 1;
        sum.progress += 1;
        let unit = v.unit_for(sit.ledger, &sit.category).to_string();
        let cast = Cast {
            registrar: cadre,
            office: &town.office[0],
            responsible,
            unit: &unit,
        };
        for step in items::steps(rng, cal, sit, &ctx, &cast, level, due, t0, now) {
            let ev = Progress {
                item_id: iid,
                action: step.action,
                at: step.at,
                by: Some(step.by.id),
                by_name: step.by.name,
                note: step.note,
            };
            w.add_progress(next_id(clock, rng, ProgressId::from_parts), &ev)?;
            sum.progress += 1;
        }
    }
    Ok(())
}
