//! Generates the demo township (or county) through the store's writer, village by village, so
//! the demo database is written exactly as real edits are.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use fastrand::Rng;

use super::items::{self, Actor, Cast};
use super::people;
use super::vocab::{NoteContext, Vocab, vocab};
use crate::domain::calendar::Calendar;
use crate::domain::deadline::DeadlineRules;
use crate::domain::*;
use crate::store::{Identity, Store, StoreError, Writer};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoParams {
    pub households: u32,
    pub seed: u64,
    /// The day the demo is "now": recent visits, overdue and due-soon items are relative to it.
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub townships: u64,
    pub villages: u64,
    pub cadres: u64,
    pub households: u64,
    pub persons: u64,
    pub visits: u64,
    pub items: u64,
    pub progress: u64,
}

/// The county of the seeds (盐亭县); ID numbers and division codes start with it.
const COUNTY_CODE: &str = "510723";

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

/// Deterministic UUIDv7 tail bytes.
fn tail(rng: &mut Rng) -> [u8; 10] {
    let mut b = [0u8; 10];
    rng.fill(&mut b);
    b
}

/// A creation-ordered id: UUIDv7 timestamps advance one millisecond per record, as ids made
/// one after another do, so index inserts append instead of landing on random pages.
fn next_id<T>(clock: &mut u64, rng: &mut Rng, make: fn(u64, [u8; 10]) -> T) -> T {
    *clock += 1;
    make(*clock, tail(rng))
}

fn ms(day: NaiveDate) -> u64 {
    u64::try_from(day.and_time(NaiveTime::MIN).and_utc().timestamp_millis()).unwrap_or(0)
}

struct Place {
    township: usize,
    id: VillageId,
    name: String,
    groups: Vec<(GroupId, String)>,
    cadres: Vec<Actor>,
}

struct Home {
    id: HouseholdId,
    head: String,
    phone: Option<String>,
    group: usize,
    cadre: usize,
    members: u32,
}

struct Town {
    id: TownshipId,
    short: String,
    office: Vec<Actor>,
}

/// Writes the demo into `store` (expected empty) and sets its identity to a cadre of the first
/// township. `progress(done, total)` is called after each village.
pub fn generate(
    store: &mut Store,
    p: &DemoParams,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoSummary, StoreError> {
    let v = vocab();
    let mut rng = Rng::with_seed(p.seed);
    let base = ms(p.today - Duration::days(400));
    store.set_clock(Box::new(move || base));
    let mut clock = base;
    store.set_bulk(true)?;
    let n = u64::from(p.households.max(1));
    let n_towns = n.div_ceil(12_000) as usize;
    let mut sum = DemoSummary::default();
    let mut names = v.township_names(&mut rng, n_towns + 1);
    names.retain(|t| t != "两河镇");
    names.insert(0, "两河镇".to_string());
    names.truncate(n_towns);
    let per_town: Vec<u64> = (0..n_towns as u64)
        .map(|i| n / n_towns as u64 + u64::from(i < n % n_towns as u64))
        .collect();
    let village_counts: Vec<usize> = per_town
        .iter()
        .map(|&h| {
            if h >= 260 {
                13
            } else {
                (h / 20).max(1) as usize
            }
        })
        .collect();
    let mut village_names = v.village_names(&mut rng, village_counts.iter().sum());
    let mut towns = Vec::new();
    let mut places = Vec::new();
    store.write(|w| {
        for (ti, tname) in names.iter().enumerate() {
            let tid = next_id(&mut clock, &mut rng, TownshipId::from_parts);
            let short = tname.trim_end_matches(['镇', '乡']).to_string();
            w.insert(
                tid,
                &Township {
                    name: tname.clone(),
                    short_name: short.clone(),
                    code: Some(format!("{COUNTY_CODE}{:03}000", 100 + ti)),
                },
            )?;
            sum.townships += 1;
            let villages: Vec<(VillageId, String)> = (0..village_counts[ti])
                .map(|j| {
                    let id = next_id(&mut clock, &mut rng, VillageId::from_parts);
                    (
                        id,
                        village_names.pop().unwrap_or_else(|| format!("新建{j}村")),
                    )
                })
                .collect();
            let mut office = Vec::new();
            for k in 0..12 {
                let unit = v.cadre_units()[k % v.cadre_units().len().max(1)].clone();
                // Township cadre k is 包村干部 of villages k, k+12, …
                let covered = villages
                    .iter()
                    .skip(k)
                    .step_by(12)
                    .map(|(id, _)| *id)
                    .collect();
                office.push(cadre(
                    w,
                    v,
                    &mut rng,
                    &mut clock,
                    tid,
                    &unit,
                    "包村干部",
                    covered,
                )?);
            }
            sum.cadres += office.len() as u64;
            for (j, (vid, name)) in villages.into_iter().enumerate() {
                w.insert(
                    vid,
                    &Village {
                        township_id: tid,
                        name: name.clone(),
                        code: Some(format!("{COUNTY_CODE}{:03}{:03}", 100 + ti, 200 + j)),
                    },
                )?;
                let hh = per_town[ti] / village_counts[ti] as u64;
                let n_groups = (hh / 60).clamp(1, rng.u64(6..=12));
                let mut groups = Vec::new();
                for g in 0..n_groups as usize {
                    let gid = next_id(&mut clock, &mut rng, GroupId::from_parts);
                    let gname = v.group_name(g);
                    w.insert(
                        gid,
                        &Group {
                            village_id: vid,
                            name: gname.clone(),
                        },
                    )?;
                    groups.push((gid, gname));
                }
                let mut cadres = vec![office[j % office.len()].clone()];
                for post in ["村党支部书记", "村委会主任"] {
                    let unit = format!("{name}村委会");
                    cadres.push(cadre(
                        w,
                        v,
                        &mut rng,
                        &mut clock,
                        tid,
                        &unit,
                        post,
                        vec![vid],
                    )?);
                }
                sum.cadres += 2;
                sum.villages += 1;
                places.push(Place {
                    township: ti,
                    id: vid,
                    name,
                    groups,
                    cadres,
                });
            }
            towns.push(Town {
                id: tid,
                short,
                office,
            });
        }
        Ok(())
    })?;
    // The demo user: the 包村干部 of the first township's first villages.
    let me = towns[0].office[0].clone();

    let cal = Calendar::builtin();
    let rules = DeadlineRules::builtin();
    let total_visits = 2 * n + n.min(10_000);
    let total_items = n / 5 + n.min(10_000) * 3 / 10;
    let mut numbers = std::collections::BTreeMap::<(usize, i32), u32>::new();
    let now = p.today.and_hms_opt(17, 30, 0).unwrap_or_default();
    let mut done = 0u64;
    let n_places = places.len() as u64;
    for (pi, place) in places.iter().enumerate() {
        let town = &towns[place.township];
        let hh = per_town[place.township] / village_counts[place.township] as u64
            + u64::from(
                (pi as u64 % village_counts[place.township] as u64)
                    < per_town[place.township] % village_counts[place.township] as u64,
            );
        let mut share = |total: u64| total * hh / n + u64::from(rng.u64(..n) < total * hh % n);
        let (n_visits, n_items) = (share(total_visits), share(total_items));
        store.write(|w| {
            let mut homes = Vec::with_capacity(hh as usize);
            for k in 0..hh {
                let group = rng.usize(..place.groups.len());
                let address = format!("{}{}{}号", place.name, place.groups[group].1, k + 1);
                let mut drawn =
                    people::household(v, &mut rng, place.id, address, COUNTY_CODE, p.today);
                let cadre = rng.usize(..place.cadres.len());
                drawn.household.group_id = Some(place.groups[group].0);
                drawn.household.cadre_id = Some(place.cadres[cadre].id);
                let hid = next_id(&mut clock, &mut rng, HouseholdId::from_parts);
                w.insert(hid, &drawn.household)?;
                for mut m in drawn.members.iter().cloned() {
                    m.household_id = hid;
                    w.insert(next_id(&mut clock, &mut rng, PersonId::from_parts), &m)?;
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
            let mut items_left = n_items;
            for k in 0..n_visits {
                let visits_left = n_visits - k;
                let raise = items_left > 0 && rng.u64(..visits_left) < items_left;
                let home = &homes[rng.usize(..homes.len().max(1))];
                let day = p.today - Duration::days(rng.i64(0..365));
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
                    v.pick_situation(&mut rng, ledger)
                } else {
                    None
                };
                let heard = match sit {
                    Some(s) => s.diary_note_of(&mut rng, &ctx, kind),
                    None => v.routine_note_of(&mut rng, &ctx, kind),
                };
                let vid = next_id(&mut clock, &mut rng, VisitId::from_parts);
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
                        place: (!at_household).then(|| v.meeting_place(&mut rng, &ctx)),
                        cadre_ids: vec![cadre.id],
                        heard,
                        family_situation: at_household.then(|| v.family_note(&mut rng, &ctx)),
                        follow_up: Some(if sit.is_some() {
                            "已登记台账，按时限跟进办理，办结后回访".to_string()
                        } else {
                            v.follow_up(&mut rng, &ctx)
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
                    ledger_fields: items::ledger_fields(
                        &mut rng,
                        sit,
                        &ctx,
                        day,
                        &cadre.name,
                        &leader.name,
                    ),
                    number,
                    title: sit.title(&mut rng, &ctx),
                    content: sit.content(&mut rng, &ctx),
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
                let iid = next_id(&mut clock, &mut rng, ItemId::from_parts);
                let reg = next_id(&mut clock, &mut rng, ProgressId::from_parts);
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
                for step in items::steps(&mut rng, cal, sit, &ctx, &cast, level, due, t0, now) {
                    let ev = Progress {
                        item_id: iid,
                        action: step.action,
                        at: step.at,
                        by: Some(step.by.id),
                        by_name: step.by.name,
                        note: step.note,
                    };
                    w.add_progress(next_id(&mut clock, &mut rng, ProgressId::from_parts), &ev)?;
                    sum.progress += 1;
                }
            }
            Ok(())
        })?;
        done += 1;
        progress(done, n_places);
    }
    store.use_system_clock();
    store.set_bulk(false)?;
    store.set_identity(&Identity {
        role: "cadre".into(),
        name: me.name.clone(),
        township_id: towns[0].id,
        cadre_id: me.id,
        created_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
    })?;
    Ok(sum)
}

#[allow(clippy::too_many_arguments)]
fn cadre(
    w: &mut Writer<'_>,
    v: &Vocab,
    rng: &mut Rng,
    clock: &mut u64,
    township: TownshipId,
    unit: &str,
    post: &str,
    villages: Vec<VillageId>,
) -> Result<Actor, StoreError> {
    let female = rng.f64() < 0.35;
    let year = 2026 - rng.i32(24..=55);
    let name = people::full_name(v, rng, female, year);
    let id = next_id(clock, rng, CadreId::from_parts);
    w.insert(
        id,
        &Cadre {
            township_id: Some(township),
            name: name.clone(),
            phone: Some(people::mobile(rng)),
            unit: Some(unit.to_string()),
            role: post.to_string(),
            village_ids: villages,
        },
    )?;
    Ok(Actor { id, name })
}
