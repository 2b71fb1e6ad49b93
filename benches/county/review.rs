//! The review queue (核验) at scale: the office's 今日 count, the first page of the queue with
//! each item's latest return visit, the override-close audit (which reads back every closed
//! item's closing against its timeline), and the layer opened and scrolled in the TUI. Only
//! reads: the database given to the benchmark is not changed.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use minqing::i18n::Lang;
use minqing::store::{Page, Store};
use minqing::tui::open::Target;
use minqing::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{Row, draw, median, ms, press, runs, time};

/// A key press → frame, as for the ledger screens (SPEC §9).
const FRAME: Duration = Duration::from_millis(16);

pub fn rows(path: &Path, today: NaiveDate) -> Vec<Row> {
    let store = Store::open(path).expect("open");
    let mut rows = Vec::new();
    let n = store.review_count().expect("count");
    rows.push(Row::time(
        format!("review: 今日's 待核验 count ({n} answered items)"),
        None,
        time(7, || store.review_count().expect("count")),
    ));
    let page = Page::first(100);
    rows.push(Row::time(
        "review: queue, first page of 100 with return visits, and count",
        None,
        time(7, || store.review_queue(today, page).expect("queue")),
    ));
    let last = Page {
        offset: n.saturating_sub(100),
        limit: 100,
    };
    rows.push(Row::time(
        "review: queue, last page of 100",
        None,
        time(7, || store.review_queue(today, last).expect("queue")),
    ));
    let audited = store.override_closes(page).expect("audit").total;
    rows.push(Row::time(
        format!("review: override-close audit, first page of 100 and count ({audited} items)"),
        None,
        time(5, || store.override_closes(page).expect("audit")),
    ));
    drop(store);

    // The layer in the TUI: opened over 今日 (the queue's first page and count) and drawn; the
    // whole opening with the audit list the app reads right after that first frame; then ↓
    // and Tab, each drawn.
    let mut app = App::new(Store::open(path).expect("open"), Lang::Zh, today);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    rows.push(Row::time(
        "TUI: open the review queue and draw it (120×40)",
        None,
        time(5, || {
            app.open(Target::Review);
            draw(&mut terminal, &app);
            app.update(Action::Back);
        }),
    ));
    rows.push(Row::time(
        "TUI: the same, then the audit list read after that frame and drawn again",
        None,
        time(5, || {
            app.open(Target::Review);
            draw(&mut terminal, &app);
            while app.work() {}
            draw(&mut terminal, &app);
            app.update(Action::Back);
        }),
    ));
    app.open(Target::Review);
    draw(&mut terminal, &app);
    while app.work() {}
    for (what, key, n) in [("↓", KeyCode::Down, 41), ("Tab", KeyCode::Tab, 21)] {
        let r = runs(n, || {
            press(&mut app, key);
            draw(&mut terminal, &app);
        });
        rows.push(Row::time(
            format!(
                "TUI: review key press → frame ({what}; slowest of {n}: {})",
                ms(r[n - 1])
            ),
            Some(FRAME),
            median(&r),
        ));
    }
    rows
}
