//! The dashboard's figures (`Store::dashboard`) against values computed by hand on the fixture
//! of `common/dashboard.rs` (its header lists every record): coverage, household-visits,
//! items opened / open / overdue / closed, closure rate, median working days to close (across
//! 国庆 2026 and the 调休 Saturday 10-10), satisfaction, per village, per cadre and in total;
//! the period and village filters; the cadre filter of the ledger lists agreeing with the
//! dashboard's attribution, here and on demo data.

mod common;

use common::dashboard::{Dash, fixture};
use common::{d, tui::demo_store};
use minqing::domain::period::Period;
use minqing::domain::{CadreId, Ledger};
use minqing::store::dashboard::{Dashboard, DashboardQuery, Figures};
use minqing::store::query::ItemFilter;
use minqing::store::{Page, Store};

fn today() -> chrono::NaiveDate {
    d(2026, 11, 24)
}

fn october() -> Period {
    Period::custom(d(2026, 10, 1), d(2026, 10, 31)).expect("period")
}

fn setup() -> (Store, Dash) {
    let mut store = Store::open_in_memory().expect("store");
    let f = fixture(&mut store);
    (store, f)
}

fn dash(store: &Store, period: Period, village: Option<minqing::domain::VillageId>) -> Dashboard {
    store
        .dashboard(&DashboardQuery {
            period,
            village,
            today: today(),
        })
        .expect("dashboard")
}

fn village<'a>(d: &'a Dashboard, name: &str) -> &'a Figures {
    &d.villages
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("village {name}"))
        .figures
}

fn cadre(d: &Dashboard, id: Option<CadreId>) -> &Figures {
    &d.cadres
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("cadre {id:?}"))
        .figures
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn october_totals_match_the_hand_count() {
    let (store, _) = setup();
    let t = dash(&store, october(), None);
    let f = &t.total;
    // Households h1..h7; visited in October: h1 (v1, v2), h2 (v1), h5 (v3). v5 is in
    // September, v4 in November, v7 was deleted, v6 lists no household.
    assert_eq!(f.households, 7);
    assert_eq!(f.visited, 3);
    assert!(close(f.visited_rate(), 3.0 / 7.0));
    assert_eq!(f.household_visits, 4, "h1 twice, h2 and h5 once");
    assert_eq!(t.visit_records, 4, "v1 v2 v3 v6");
    // Registered in October: i2 i3 i4 i6; of those closed now: i2 i4.
    assert_eq!(f.opened, 4);
    assert_eq!(f.opened_closed, 2);
    assert!(close(f.closure_rate(), 0.5));
    // Open now: i3 i5 i6; overdue now (deadline before 11-24): i3 (10-16), i6 (11-03).
    assert_eq!(f.open_now, 3);
    assert_eq!(f.overdue_now, 2);
    // Closed in October: i1 (09-30 → 10-08 over 国庆: 1 working day), i2 (10-09 → 10-13:
    // Sat 10-10 is a 调休 working day, so 3), i4 (10-16 → 10-26: 6). Median 3. Counting
    // Mon–Fri it would be 6 (6, 2, 6), counting calendar days 8 (8, 4, 10).
    assert_eq!(f.closed, 3);
    assert_eq!(f.median_days, Some(3.0));
    // Return visits in October: i1 满意, i2 基本满意, i3 不满意, i4 满意.
    assert_eq!(f.return_visits, 4);
    assert_eq!(f.satisfied, 3);
    assert!(close(f.satisfaction_rate(), 0.75));
    assert!(t.assumed_years.is_empty(), "2026 has calendar data");
}

#[test]
fn october_per_village() {
    let (store, _) = setup();
    let t = dash(&store, october(), None);
    let names: Vec<&str> = t.villages.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["白虎村", "青杠村"]);
    let a = village(&t, "白虎村");
    assert_eq!((a.households, a.visited, a.household_visits), (4, 2, 3));
    assert!(close(a.visited_rate(), 0.5));
    assert_eq!((a.opened, a.opened_closed), (2, 1), "i2 i6; i2 closed");
    assert_eq!((a.open_now, a.overdue_now, a.closed), (2, 1, 2));
    assert_eq!(a.median_days, Some(2.0), "i1 1 and i2 3");
    assert_eq!((a.return_visits, a.satisfied), (2, 2));
    assert!(close(a.satisfaction_rate(), 1.0));
    let b = village(&t, "青杠村");
    assert_eq!((b.households, b.visited, b.household_visits), (3, 1, 1));
    assert!(close(b.visited_rate(), 1.0 / 3.0));
    assert_eq!((b.opened, b.opened_closed), (2, 1), "i3 i4; i4 closed");
    assert_eq!((b.open_now, b.overdue_now, b.closed), (1, 1, 1));
    assert_eq!(b.median_days, Some(6.0));
    assert_eq!((b.return_visits, b.satisfied), (2, 1));
    assert!(close(b.satisfaction_rate(), 0.5));
}

#[test]
fn october_per_cadre_counts_households_by_assignment_and_items_by_responsibility() {
    let (store, f) = setup();
    let t = dash(&store, october(), None);
    // 汪晓艳: households h1 h2 h3; items i2 (registered, never assigned), i5, i6 (assigned
    // to her by name).
    let c1 = cadre(&t, Some(f.c1));
    assert_eq!((c1.households, c1.visited, c1.household_visits), (3, 2, 3));
    assert_eq!((c1.opened, c1.opened_closed), (2, 1));
    assert_eq!((c1.open_now, c1.overdue_now, c1.closed), (2, 1, 1));
    assert_eq!(c1.median_days, Some(3.0));
    assert_eq!((c1.return_visits, c1.satisfied), (1, 1));
    // 李强: households h4 h5 h6; items i3 (assigned to him), i4 (assigned to 镇水务站张站长,
    // no cadre: stays with him, who registered it).
    let c2 = cadre(&t, Some(f.c2));
    assert_eq!((c2.households, c2.visited, c2.household_visits), (3, 1, 1));
    assert!(close(c2.visited_rate(), 1.0 / 3.0));
    assert_eq!((c2.opened, c2.opened_closed), (2, 1));
    assert_eq!((c2.open_now, c2.overdue_now, c2.closed), (1, 1, 1));
    assert_eq!(c2.median_days, Some(6.0));
    assert!(close(c2.satisfaction_rate(), 0.5));
    // 王长春: no households; i1, assigned to him, closed in October after 1 working day.
    let c3 = cadre(&t, Some(f.c3));
    assert_eq!((c3.households, c3.visited_rate()), (0, None));
    assert_eq!((c3.opened, c3.closure_rate()), (0, None));
    assert_eq!((c3.closed, c3.median_days), (1, Some(1.0)));
    assert_eq!((c3.return_visits, c3.satisfied), (1, 1));
    // h7 has no cadre: the unassigned line holds it.
    let none = cadre(&t, None);
    assert_eq!((none.households, none.visited, none.opened), (1, 0, 0));
    assert_eq!(t.cadres.len(), 4);
    assert_eq!(t.cadres.last().map(|c| c.id), Some(None), "unassigned last");
    // The per-cadre lines add up to the total.
    let sum: u64 = t.cadres.iter().map(|c| c.figures.households).sum();
    assert_eq!(sum, t.total.households);
    let sum: u64 = t.cadres.iter().map(|c| c.figures.closed).sum();
    assert_eq!(sum, t.total.closed);
}

#[test]
fn this_month_changes_every_period_figure_and_keeps_the_current_ones() {
    let (store, _) = setup();
    let t = dash(&store, Period::month(today()), None);
    let f = &t.total;
    // November: v4 visits h6; i5 registered; nothing closed; no return visit.
    assert_eq!((f.visited, f.household_visits, t.visit_records), (1, 1, 1));
    assert_eq!(
        (f.opened, f.opened_closed, f.closure_rate()),
        (1, 0, Some(0.0))
    );
    assert_eq!((f.closed, f.median_days), (0, None));
    assert_eq!((f.return_visits, f.satisfaction_rate()), (0, None));
    // Open and overdue are as of today, whatever the period.
    assert_eq!((f.open_now, f.overdue_now), (3, 2));
    let b = village(&t, "青杠村");
    assert_eq!((b.visited, b.households), (1, 3));
    // A year covers September's visit and i1's registration too.
    let y = dash(&store, Period::year(today()), None).total;
    assert_eq!((y.visited, y.household_visits), (5, 6), "h1 h2 h3 h5 h6");
    assert_eq!((y.opened, y.opened_closed), (6, 3));
    assert_eq!(y.median_days, Some(3.0));
}

#[test]
fn the_village_filter_narrows_every_table_to_that_village() {
    let (store, f) = setup();
    let t = dash(&store, october(), Some(f.b));
    assert_eq!(t.villages.len(), 1);
    assert_eq!(t.villages[0].name, "青杠村");
    assert_eq!(t.total, t.villages[0].figures);
    assert_eq!(t.total.households, 3);
    assert_eq!(t.visit_records, 1, "v3");
    // 李强 within 青杠村: h5 h6 only (h4 is in 白虎村), h5 visited.
    let c2 = cadre(&t, Some(f.c2));
    assert_eq!((c2.households, c2.visited), (2, 1));
    assert!(close(c2.visited_rate(), 0.5));
    assert_eq!((c2.opened, c2.closed, c2.open_now), (2, 1, 1));
    assert!(
        t.cadres
            .iter()
            .all(|c| c.id != Some(f.c1) && c.id != Some(f.c3)),
        "no item or household of 汪晓艳 or 王长春 in 青杠村"
    );
    let ids: Vec<_> = t.oldest.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(ids, ["两河-2026-0003"], "i3, the only open item there");
    // Charts and trend follow the filter.
    let registered: u64 = t.ledgers.iter().map(|l| l.registered).sum();
    assert_eq!(registered, 2);
}

#[test]
fn charts_trend_and_oldest_items() {
    let (store, _) = setup();
    let t = dash(&store, october(), None);
    let by: Vec<(Ledger, u64, u64)> = t
        .ledgers
        .iter()
        .map(|c| (c.ledger, c.registered, c.closed))
        .collect();
    assert_eq!(
        by,
        [
            (Ledger::Livelihood, 2, 2),
            (Ledger::Hardship, 2, 0),
            (Ledger::Stability, 0, 0)
        ]
    );
    let cats: Vec<(&str, u64)> = t
        .categories
        .iter()
        .map(|c| (c.category.as_str(), c.registered))
        .collect();
    assert_eq!(
        cats,
        [
            ("housing_safety", 1),
            ("illness", 1),
            ("roads", 1),
            ("water", 1)
        ]
    );
    // 12 weeks ending with the week of 10-31 (Monday 10-26), so from Monday 08-10.
    assert_eq!(t.weeks.len(), 12);
    assert_eq!(t.weeks[0].start, d(2026, 8, 10));
    assert_eq!(t.weeks[11].start, d(2026, 10, 26));
    let week = |m, day| {
        t.weeks
            .iter()
            .find(|w| w.start == d(2026, m, day))
            .expect("week")
    };
    assert_eq!((week(9, 28).registered, week(9, 28).closed), (1, 0), "i1");
    assert_eq!(
        (week(10, 5).registered, week(10, 5).closed),
        (1, 1),
        "i2; i1 closed"
    );
    assert_eq!(
        (week(10, 12).registered, week(10, 12).closed),
        (2, 1),
        "i3 i4; i2"
    );
    assert_eq!((week(10, 19).registered, week(10, 19).closed), (1, 0), "i6");
    assert_eq!(
        (week(10, 26).registered, week(10, 26).closed),
        (0, 1),
        "i4 closed"
    );
    let total: u64 = t.weeks.iter().map(|w| w.registered).sum();
    assert_eq!(total, 5, "i5 (November) is after the trend");
    // Oldest open: i3 (10-12), i6 (10-20), i5 (11-02).
    let oldest: Vec<&str> = t.oldest.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        oldest,
        ["两河-2026-0003", "两河-2026-0006", "两河-2026-0005"]
    );
}

/// Every item of the ledger lists filtered by `cadre` (all ledgers, all pages).
fn items_of(store: &Store, cadre: CadreId, village: Option<minqing::domain::VillageId>) -> usize {
    Ledger::ALL
        .iter()
        .map(|&l| {
            let f = ItemFilter {
                ledger: Some(l),
                cadre: Some(cadre),
                village,
                ..ItemFilter::default()
            };
            store
                .items(&f, Page::first(100_000))
                .expect("items")
                .rows
                .len()
        })
        .sum()
}

#[test]
fn the_ledger_cadre_filter_agrees_with_the_dashboard() {
    let (store, f) = setup();
    // All time (a period covering everything): each cadre's items = open now + closed ever.
    let all = Period::custom(d(2020, 1, 1), d(2030, 12, 31)).expect("period");
    let t = dash(&store, all, None);
    for (id, n) in [(f.c1, 3), (f.c2, 2), (f.c3, 1)] {
        let c = cadre(&t, Some(id));
        assert_eq!(c.open_now + c.closed, n);
        assert_eq!(items_of(&store, id, None) as u64, n);
    }
}

#[test]
fn on_demo_data_the_cadre_filter_and_the_dashboard_agree_for_every_cadre() {
    let store = demo_store(400);
    let all = Period::custom(d(2020, 1, 1), d(2030, 12, 31)).expect("period");
    let t = dash(&store, all, None);
    let mut checked = 0;
    for c in &t.cadres {
        let Some(id) = c.id else { continue };
        assert_eq!(
            items_of(&store, id, None) as u64,
            c.figures.open_now + c.figures.closed,
            "{:?}",
            c.name
        );
        checked += 1;
    }
    assert!(checked > 5, "{checked} cadres");
    let sum: u64 = t.cadres.iter().map(|c| c.figures.open_now).sum();
    assert_eq!(sum, t.total.open_now);
    let vsum: u64 = t.villages.iter().map(|v| v.figures.households).sum();
    assert_eq!(vsum, t.total.households);
}

#[test]
fn a_database_in_a_file_gives_the_same_figures() {
    // In a file, coverage is read on a second connection while the first reads the rest.
    let dir = tempfile::tempdir().expect("dir");
    let mut file = Store::open(&dir.path().join("dash.db")).expect("store");
    fixture(&mut file);
    let (memory, _) = setup();
    for period in [october(), Period::month(today()), Period::year(today())] {
        let a = dash(&file, period, None);
        let b = dash(&memory, period, None);
        assert_eq!(a.total, b.total);
        assert_eq!(a.villages.len(), b.villages.len());
        for (x, y) in a.villages.iter().zip(&b.villages) {
            assert_eq!((&x.name, &x.figures), (&y.name, &y.figures));
        }
        let figures = |d: &Dashboard| -> Vec<(Option<String>, Figures)> {
            d.cadres
                .iter()
                .map(|c| (c.name.clone(), c.figures.clone()))
                .collect()
        };
        assert_eq!(figures(&a), figures(&b));
    }
    assert_eq!(dash(&file, october(), None).total.visited, 3);
}
