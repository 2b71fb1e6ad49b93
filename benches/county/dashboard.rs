//! The dashboard budget (issue 5): tab 7 统计 refreshed on the whole county database in under
//! 200 ms. `Store::dashboard` is timed for each period (and custom ones: across the new year,
//! cut inside months, which also read visits) with all villages and for one village,
//! and the TUI for `r` on tab 7 → frame. Everything runs on a copy of the database (opening it
//! applies the migrations of this version), so the database given to the benchmark is only
//! read.

use std::fs;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use minqing::domain::period::Period;
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::store::dashboard::DashboardQuery;
use minqing::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Row, draw, press, time};

/// The budget for one refresh of the dashboard.
const BUDGET: Duration = Duration::from_millis(200);

/// Copies the database file (and its write-ahead log, if any) into `dir`.
fn copy(county: &Path, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("county-dashboard.db");
    fs::copy(county, &path).expect("copy the county database");
    let mut wal = county.as_os_str().to_owned();
    wal.push("-wal");
    if Path::new(&wal).is_file() {
        let mut to = path.as_os_str().to_owned();
        to.push("-wal");
        fs::copy(&wal, &to).expect("copy the write-ahead log");
    }
    path
}

/// The dashboard rows, measured on a copy of the database at `county` inside `under`.
pub(super) fn rows(county: &Path, under: &Path, today: NaiveDate) -> Vec<Row> {
    let work = tempfile::tempdir_in(under).expect("temp dir");
    let path = copy(county, work.path());
    let store = Store::open(&path).expect("open the copy");
    let mut rows = Vec::new();
    let all = |period: Period| DashboardQuery {
        period,
        village: None,
        today,
    };
    let year_ago = |days: u64| {
        today
            .checked_sub_days(chrono::Days::new(days))
            .unwrap_or(today)
    };
    let custom = |from, to| Period::custom(from, to).expect("period");
    let last_months = custom(
        Period::month(year_ago(365)).from,
        Period::month(today).from.pred_opt().unwrap_or(today),
    );
    for (what, period) in [
        ("this month", Period::month(today)),
        ("this quarter", Period::quarter(today)),
        ("this year", Period::year(today)),
        ("custom, the last twelve whole months", last_months),
        ("custom, a year to today", custom(year_ago(364), today)),
        (
            "custom, cut inside months",
            custom(year_ago(254), year_ago(71)),
        ),
    ] {
        let q = all(period);
        let d = store.dashboard(&q).expect("dashboard");
        rows.push(Row::time(
            format!(
                "dashboard refresh, county: {what}, all {} villages ({} visits, {} items registered in the period)",
                d.villages.len(),
                d.visit_records,
                d.total.opened
            ),
            Some(BUDGET),
            time(5, || store.dashboard(&q).expect("dashboard")),
        ));
    }
    let village = store
        .dashboard(&all(Period::month(today)))
        .expect("dashboard")
        .villages
        .into_iter()
        .max_by_key(|v| v.figures.households)
        .expect("a village");
    for (what, period) in [
        ("this month", Period::month(today)),
        ("this year", Period::year(today)),
    ] {
        let q = DashboardQuery {
            period,
            village: Some(village.id),
            today,
        };
        rows.push(Row::time(
            format!(
                "dashboard refresh, county: {what}, one village ({}, {} households)",
                village.name, village.figures.households
            ),
            Some(BUDGET),
            time(5, || store.dashboard(&q).expect("dashboard")),
        ));
    }
    drop(store);
    // The TUI: `r` on tab 7 reads everything again and draws the frame.
    let mut app = App::new(Store::open(&path).expect("open"), Lang::Zh, today);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.update(Action::SwitchTab(6));
    draw(&mut terminal, &app);
    rows.push(Row::time(
        "dashboard refresh, county: TUI r on 7 统计 → frame (120×40, this month)",
        Some(BUDGET),
        time(5, || {
            press(&mut app, KeyCode::Char('r'));
            draw(&mut terminal, &app);
        }),
    ));
    rows
}
