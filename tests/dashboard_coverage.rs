//! 走访覆盖 on the dashboard (households visited, household-visits per village and per cadre)
//! against a count made here from the households and their visits as the lists show them, on
//! demo data: whole months, the quarter and the year (read from the per-household summary of
//! migration 0006), periods cut inside months (whole months from the summary, plus the visits
//! of the days they miss or less those of the days they should not count), periods across
//! years (each household counted once); and again after visits are moved,
//! given another household, deleted and restored, and households are reassigned, moved to
//! another village and deleted. `check` compares the summary with a rebuild from the log.

mod common;

use std::collections::BTreeMap;

use common::tui::{demo_store, today};
use common::{d, fields};
use minqing::domain::period::Period;
use minqing::domain::{CadreId, EntityKind, Household, HouseholdId, VillageId, Visit, VisitId};
use minqing::store::dashboard::DashboardQuery;
use minqing::store::{Page, Store};
use serde_json::json;

/// (households visited, household-visits) per village and per household's cadre.
#[derive(Debug, Default, PartialEq)]
struct Coverage {
    villages: BTreeMap<VillageId, (u64, u64)>,
    cadres: BTreeMap<Option<CadreId>, (u64, u64)>,
}

fn all() -> Page {
    Page::first(1_000_000)
}

/// Counted here: every live household, its village and cadre, and its live visits' dates.
fn counted(store: &Store, p: Period) -> Coverage {
    let mut c = Coverage::default();
    for row in store.households(None, all()).expect("households").rows {
        let h: Household = store.get(row.id).expect("get").expect("household");
        let n = store
            .visits_of(row.id, all())
            .expect("visits")
            .rows
            .iter()
            .filter(|v| p.from <= v.date && v.date <= p.to)
            .count() as u64;
        if n > 0 {
            for e in [
                c.villages.entry(h.village_id).or_default(),
                c.cadres.entry(h.cadre_id).or_default(),
            ] {
                e.0 += 1;
                e.1 += n;
            }
        }
    }
    c
}

/// What the dashboard says, leaving out the rows where nothing was visited.
fn shown(store: &Store, p: Period) -> Coverage {
    let dash = store
        .dashboard(&DashboardQuery {
            period: p,
            village: None,
            today: today(),
        })
        .expect("dashboard");
    let mut c = Coverage::default();
    for v in &dash.villages {
        if v.figures.visited > 0 || v.figures.household_visits > 0 {
            c.villages
                .insert(v.id, (v.figures.visited, v.figures.household_visits));
        }
    }
    for r in &dash.cadres {
        if r.figures.visited > 0 || r.figures.household_visits > 0 {
            c.cadres
                .insert(r.id, (r.figures.visited, r.figures.household_visits));
        }
    }
    let sum = c
        .villages
        .values()
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    assert_eq!(sum, (dash.total.visited, dash.total.household_visits));
    c
}

/// Whole months, cut months, one month's days, and spans across the new year.
fn periods() -> Vec<(&'static str, Period)> {
    let t = today();
    let custom = |a, b| Period::custom(a, b).expect("period");
    vec![
        ("this month", Period::month(t)),
        ("this quarter", Period::quarter(t)),
        ("this year", Period::year(t)),
        ("March to August", custom(d(2026, 3, 1), d(2026, 8, 31))),
        (
            "cut inside March and September",
            custom(d(2026, 3, 15), d(2026, 9, 14)),
        ),
        ("inside November", custom(d(2026, 11, 5), d(2026, 11, 20))),
        (
            "January 20 to February 10",
            custom(d(2026, 1, 20), d(2026, 2, 10)),
        ),
        ("one day", custom(d(2026, 11, 24), d(2026, 11, 24))),
        (
            "a whole month and a cut one",
            custom(d(2026, 2, 1), d(2026, 3, 9)),
        ),
        (
            "across the new year",
            custom(d(2025, 12, 10), d(2026, 2, 5)),
        ),
        ("everything", custom(d(2020, 1, 1), d(2030, 12, 31))),
        (
            "last year's December",
            custom(d(2025, 12, 1), d(2025, 12, 31)),
        ),
    ]
}

fn assert_agree(store: &Store, when: &str) {
    for (name, p) in periods() {
        let (want, got) = (counted(store, p), shown(store, p));
        assert!(
            !want.villages.is_empty() || name == "one day",
            "{name}: the demo has visits then"
        );
        assert_eq!(got, want, "{when}, {name}");
    }
}

#[test]
fn coverage_agrees_with_a_count_of_the_visits_for_every_kind_of_period() {
    let store = demo_store(150);
    assert_agree(&store, "demo");
    assert!(store.check().expect("check").ok());
}

/// Live visits listing at least one household, newest first.
fn visits_with_households(store: &Store) -> Vec<(VisitId, Visit)> {
    store
        .visits(all())
        .expect("visits")
        .rows
        .into_iter()
        .filter_map(|r| {
            let v: Visit = store.get(r.id).expect("get")?;
            (!v.household_ids.is_empty()).then_some((r.id, v))
        })
        .collect()
}

#[test]
fn coverage_follows_edits_moves_and_deletes() {
    let mut store = demo_store(150);
    let visits = visits_with_households(&store);
    let households: Vec<HouseholdId> = store
        .households(None, all())
        .expect("households")
        .rows
        .iter()
        .map(|h| h.id)
        .collect();
    let villages = store.villages().expect("villages");
    let (moved, regrouped, deleted) = (visits[0].0, visits[1].0, visits[2].0);
    let (reassigned, relocated, removed) = (households[3], households[10], households[20]);
    let other: Household = store.get(households[40]).expect("get").expect("household");
    let far = villages
        .iter()
        .map(|(id, _)| *id)
        .find(|id| {
            *id != store
                .get::<Household>(relocated)
                .expect("get")
                .expect("household")
                .village_id
        })
        .expect("another village");
    let mut listed = visits[1].1.household_ids.clone();
    listed.push(households[77]);
    store
        .write(|w| {
            // November → a Sunday in February; another year too.
            w.update::<Visit>(moved, fields(&[("date", json!("2026-02-15"))]))?;
            w.update::<Visit>(visits[3].0, fields(&[("date", json!("2025-12-31"))]))?;
            w.update::<Visit>(regrouped, fields(&[("household_ids", json!(listed))]))?;
            w.delete::<Visit>(deleted)?;
            w.update::<Household>(reassigned, fields(&[("cadre_id", json!(other.cadre_id))]))?;
            w.update::<Household>(relocated, fields(&[("village_id", json!(far))]))?;
            w.delete::<Household>(removed)?;
            Ok(())
        })
        .expect("edits");
    assert_agree(&store, "after the edits");
    let report = store.check().expect("check");
    assert!(report.ok(), "{report:?}");

    // Undoing the deletes brings their visits back into the figures.
    store
        .write(|w| {
            w.resolve(EntityKind::Visit, deleted.into(), "deleted", json!(false))?;
            w.resolve(
                EntityKind::Household,
                removed.into(),
                "deleted",
                json!(false),
            )?;
            Ok(())
        })
        .expect("undelete");
    assert_agree(&store, "after undeleting");
    assert!(store.check().expect("check").ok());
}

#[test]
fn a_bulk_write_cut_short_leaves_a_summary_rebuilt_on_the_next_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("minqing.db");
    let year = Period::year(today());
    {
        let mut store = Store::open(&path).expect("open");
        minqing::demo::generate(
            &mut store,
            &minqing::demo::DemoParams {
                households: 60,
                seed: 7,
                today: today(),
            },
            &mut |_, _| {},
        )
        .expect("demo");
        assert_eq!(shown(&store, year), counted(&store, year));
        // Set aside, as a bulk write sets it aside, and a visit deleted meanwhile: the summary
        // still counts it…
        store.pause_visit_summary().expect("pause");
        let (gone, _) = visits_with_households(&store).remove(0);
        store.write(|w| w.delete::<Visit>(gone)).expect("delete");
        assert_ne!(shown(&store, year), counted(&store, year));
        // …and the write never finishes (the program is killed here).
    }
    let mut store = Store::open(&path).expect("open again");
    assert_eq!(shown(&store, year), counted(&store, year));
    // The triggers are back: the next delete shows at once.
    let (next, _) = visits_with_households(&store).remove(0);
    store.write(|w| w.delete::<Visit>(next)).expect("delete");
    assert_eq!(shown(&store, year), counted(&store, year));
    let report = store.check().expect("check");
    assert!(report.ok(), "{report:?}");
}
