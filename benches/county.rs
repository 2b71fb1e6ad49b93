//! County-scale benchmarks (SPEC §9): demo generation, `stats`, search with long and short
//! Chinese queries, and `check`. Run with `cargo bench --bench county`; prints a table.
//!
//! Environment: `MINQING_BENCH_HOUSEHOLDS` (default 250000, the county scale; 10000 is a
//! township) and `MINQING_BENCH_DB` (reuse an existing demo database instead of generating one:
//! the generation row is then skipped).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minqing::demo::{DemoParams, generate};
use minqing::domain::Ledger;
use minqing::i18n::Lang;
use minqing::store::{Page, Store};
use minqing::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Row {
    what: String,
    budget: Option<Duration>,
    measured: Duration,
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// The median of `n` runs of `f` (after one warm-up run).
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    }
}

fn main() {
    let households: u32 = std::env::var("MINQING_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(250_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let mut rows = Vec::new();
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = match std::env::var_os("MINQING_BENCH_DB").map(PathBuf::from) {
        Some(p) if p.is_file() => p,
        _ => {
            let p = tmp.path().join("county.db");
            let mut store = Store::open(&p).expect("open");
            let t = Instant::now();
            let summary = generate(
                &mut store,
                &DemoParams {
                    households,
                    seed: 2017,
                    today,
                },
                &mut |_, _| {},
            )
            .expect("generate");
            rows.push(Row {
                what: format!(
                    "generate demo: {} households, {} visits, {} items",
                    summary.households, summary.visits, summary.items
                ),
                budget: (households >= 250_000).then(|| Duration::from_secs(60)),
                measured: t.elapsed(),
            });
            p
        }
    };
    let store = Store::open(&path).expect("open");

    rows.push(Row {
        what: "stats (all counts, overdue)".into(),
        budget: None,
        measured: time(5, || store.stats(today).expect("stats")),
    });

    let page = Page::first(50);
    let long: &[(&str, &str)] = &[
        ("items", "饮水管道"),
        ("items", "危房改造"),
        ("visits", "自来水"),
        ("visits", "医保报销"),
        ("visits", "留守儿童"),
        ("households", "王建国"),
    ];
    let short: &[(&str, &str)] = &[
        ("items", "水"),
        ("items", "低保"),
        ("visits", "纠纷"),
        ("households", "王"),
        ("items", "鱼塘"),
    ];
    let run = |scope: &str, q: &str| -> usize {
        match scope {
            "items" => store
                .search_items(Some(Ledger::Livelihood), q, page)
                .map(|p| p.rows.len()),
            "visits" => store.search_visits(q, page).map(|p| p.rows.len()),
            _ => store.search_households(q, page).map(|p| p.rows.len()),
        }
        .expect("search")
    };
    for (label, queries, budget) in [
        ("search, 3+ characters", long, Duration::from_millis(20)),
        ("search, 1-2 characters", short, Duration::from_millis(100)),
    ] {
        for (scope, q) in queries {
            let hits = run(scope, q);
            rows.push(Row {
                what: format!("{label}: {scope} \"{q}\" ({hits} hits, page of 50)"),
                budget: Some(budget),
                measured: time(7, || run(scope, q)),
            });
        }
    }
    for q in ["wk", "wjg", "5678", "王 白", "李强"] {
        let hits = store
            .pick_households(q, None, page)
            .expect("pick")
            .rows
            .len();
        rows.push(Row {
            what: format!("household picker \"{q}\" ({hits} hits, page of 50)"),
            budget: Some(Duration::from_millis(100)),
            measured: time(7, || store.pick_households(q, None, page).expect("pick")),
        });
    }
    // The TUI: open the database, load 今日 and draw the first frame (what a user waits for).
    let first_frame = || {
        let mut app = App::new(Store::open(&path).expect("open"), Lang::Zh, today);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| f.render_widget(&app, f.area()))
            .expect("draw");
        app
    };
    rows.push(Row {
        what: "TUI: open, load 今日, first frame (120×40)".into(),
        budget: Some(Duration::from_millis(150)),
        measured: time(5, first_frame),
    });
    let mut app = first_frame();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    rows.push(Row {
        what: "TUI: key press → frame (↓ on 今日)".into(),
        budget: Some(Duration::from_millis(16)),
        measured: time(21, || {
            app.update(Action::Down);
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        }),
    });
    let t = Instant::now();
    let report = store.check().expect("check");
    rows.push(Row {
        what: format!("check: replay {} operations and compare", report.ops),
        budget: None,
        measured: t.elapsed(),
    });
    assert!(report.ok(), "check failed: {report:?}");

    println!();
    println!("| what | budget | measured | within |");
    println!("|---|---|---|---|");
    for r in &rows {
        let (budget, ok) = match r.budget {
            Some(b) => (
                format!("< {}", ms(b)),
                if r.measured < b { "yes" } else { "NO" },
            ),
            None => ("—".to_string(), "—"),
        };
        println!("| {} | {budget} | {} | {ok} |", r.what, ms(r.measured));
    }
}
