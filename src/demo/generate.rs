//! Generates the demo township (or county) through the store's writer, village by village, so
//! the demo database is written exactly as real edits are.

use chrono::{Duration, NaiveDate, NaiveTime};
use fastrand::Rng;

use super::items::Actor;
use super::people;
use super::village::{self, VillageRun};
use super::vocab::{Vocab, vocab};
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
pub(super) const COUNTY_CODE: &str = "510723";

/// Deterministic UUIDv7 tail bytes.
fn tail(rng: &mut Rng) -> [u8; 10] {
    let mut b = [0u8; 10];
    rng.fill(&mut b);
    b
}

/// A creation-ordered id: UUIDv7 timestamps advance one millisecond per record, as ids made
/// one after another do, so index inserts append instead of landing on random pages.
pub(super) fn next_id<T>(clock: &mut u64, rng: &mut Rng, make: fn(u64, [u8; 10]) -> T) -> T {
    *clock += 1;
    make(*clock, tail(rng))
}

fn ms(day: NaiveDate) -> u64 {
    u64::try_from(day.and_time(NaiveTime::MIN).and_utc().timestamp_millis()).unwrap_or(0)
}

/// A village with its groups and the cadres who visit there (its 包村干部 first).
pub(super) struct Place {
    pub(super) township: usize,
    pub(super) id: VillageId,
    pub(super) name: String,
    pub(super) groups: Vec<(GroupId, String)>,
    pub(super) cadres: Vec<Actor>,
}

/// A township: its short name for item numbers and its office's cadres.
pub(super) struct Town {
    pub(super) id: TownshipId,
    pub(super) short: String,
    pub(super) office: Vec<Actor>,
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
    store.pause_visit_summary()?;
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
            // Drawn for the random stream's sake; the id itself is the one every device derives
            // from the name, so a demo cadre and an office set up with `init` share it.
            let _ = next_id(&mut clock, &mut rng, TownshipId::from_parts);
            let tid = crate::domain::township_id_for(tname);
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
                    let _ = next_id(&mut clock, &mut rng, VillageId::from_parts);
                    let name = village_names.pop().unwrap_or_else(|| format!("新建{j}村"));
                    (crate::domain::village_id_for(tname, &name), name)
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
            let run = VillageRun {
                v,
                rng: &mut rng,
                clock: &mut clock,
                sum: &mut sum,
                numbers: &mut numbers,
                place,
                town,
                today: p.today,
                now,
            };
            village::write(w, run, hh, n_visits, n_items)
        })?;
        done += 1;
        progress(done, n_places);
    }
    store.use_system_clock();
    store.resume_visit_summary()?;
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
