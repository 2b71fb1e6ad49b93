//! County-scale benchmarks (SPEC §9): demo generation, `stats`, search with long and short
//! Chinese queries, the terminal UI (first frame, key press → frame on 今日 and on a ledger,
//! peak memory), `check`, reports (in [`report`]) and sync (export and import, in [`sync`]). Run with
//! `cargo bench --bench county`; prints a table.
//!
//! Environment: `MINQING_BENCH_HOUSEHOLDS` (default 250000, the county scale; 10000 is a
//! township), `MINQING_BENCH_DB` (reuse an existing demo database instead of generating one:
//! the generation row is then skipped; it is only read) and `MINQING_BENCH_ONLY=sync` (only the
//! sync rows), `=review` (only the review queue's, in [`review`]), `=report` (only the report
//! rows), `=ingest` (only the ingest rows, in [`ingest`], on a township database of their own)
//! or `=dashboard` (only the 统计 dashboard's, in [`dashboard`]).
//!
//! The TUI's memory is measured in a child process (this executable run again with
//! [`RSS_CHILD`] set to the database), so that what the benchmark itself allocated before does
//! not count: the child only runs a TUI session and prints its peak resident set size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::demo::{DemoParams, generate};
use minqing::domain::Ledger;
use minqing::i18n::Lang;
use minqing::store::{Page, Store};
use minqing::tui::{Action, App, action_for};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "county/dashboard.rs"]
mod dashboard;
#[path = "county/ingest.rs"]
mod ingest;
#[path = "county/month.rs"]
mod month;
#[path = "county/report.rs"]
mod report;
#[path = "county/review.rs"]
mod review;
#[path = "county/sync.rs"]
mod sync;

/// Set (to a database path) in the child process that measures the TUI's memory.
const RSS_CHILD: &str = "MINQING_BENCH_RSS_CHILD";

/// SPEC §9: the TUI on the county database stays under 100 MB resident (MB = 10^6 bytes).
const RSS_BUDGET: u64 = 100_000_000;

/// A measured value or a budget: a duration or an amount of memory.
#[derive(Clone, Copy)]
enum Measure {
    Time(Duration),
    Bytes(u64),
}

impl Measure {
    fn show(self) -> String {
        match self {
            Measure::Time(d) => ms(d),
            Measure::Bytes(b) => mb(b),
        }
    }

    /// Whether `self` is below `budget` (both of one kind; a row never mixes them).
    fn within(self, budget: Measure) -> bool {
        match (self, budget) {
            (Measure::Time(m), Measure::Time(b)) => m < b,
            (Measure::Bytes(m), Measure::Bytes(b)) => m < b,
            _ => panic!("a row mixes a duration and an amount of memory"),
        }
    }
}

struct Row {
    what: String,
    budget: Option<Measure>,
    /// `None`: not measurable here (memory outside Linux).
    measured: Option<Measure>,
}

impl Row {
    fn time(what: impl Into<String>, budget: Option<Duration>, measured: Duration) -> Row {
        Row {
            what: what.into(),
            budget: budget.map(Measure::Time),
            measured: Some(Measure::Time(measured)),
        }
    }
}

/// `n` timed runs of `f` (after one warm-up run), fastest first.
fn runs<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    std::hint::black_box(f());
    runs_of(n, f)
}

/// `n` timed runs of `f`, fastest first (no warm-up).
fn runs_of<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    let mut runs: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    runs.sort();
    runs
}

fn median(sorted: &[Duration]) -> Duration {
    sorted[sorted.len() / 2]
}

/// The median of `n` runs of `f` (after one warm-up run).
fn time<T>(n: usize, f: impl FnMut() -> T) -> Duration {
    median(&runs(n, f))
}

fn ms(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A key press as the event loop handles it: the current screen first, then the global action.
fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if !app.on_key(key)
        && let Some(a) = action_for(key)
    {
        app.update(a);
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
}

/// Peak (`VmHWM`) and current (`VmRSS`) resident set size of this process in bytes, from
/// `/proc/self/status`; `None` where there is no such file (other systems than Linux).
fn rss() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = |key: &str| {
        status.lines().find_map(|l| {
            let v = l.strip_prefix(key)?.strip_prefix(':')?.trim();
            v.strip_suffix("kB")?.trim().parse::<u64>().ok()
        })
    };
    Some((kib("VmHWM")? * 1024, kib("VmRSS")? * 1024))
}

/// The child process: a user's session on the database at `db` (open, draw 今日, then on each
/// of tabs 2–6 scroll down and search `/低保金⏎`, drawing a 120×40 frame after every key);
/// prints `VmHWM VmRSS` in bytes, or `n/a`.
fn rss_child(db: &Path, today: NaiveDate) {
    let mut app = App::new(Store::open(db).expect("open"), Lang::Zh, today);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    draw(&mut terminal, &app);
    let mut keys = vec![KeyCode::Down; 5];
    keys.extend([KeyCode::PageDown; 10]);
    keys.extend("/低保金".chars().map(KeyCode::Char));
    keys.push(KeyCode::Enter);
    for tab in 1..=5 {
        app.update(Action::SwitchTab(tab));
        draw(&mut terminal, &app);
        for &k in &keys {
            press(&mut app, k);
            draw(&mut terminal, &app);
        }
    }
    match rss() {
        Some((peak, now)) => println!("{peak} {now}"),
        None => println!("n/a"),
    }
}

/// Runs [`rss_child`] in a fresh process; its peak and final resident set size, if known.
fn tui_memory(db: &Path) -> Option<(u64, u64)> {
    let exe = std::env::current_exe().expect("the benchmark's executable");
    let out = Command::new(exe)
        .env(RSS_CHILD, db)
        .output()
        .expect("run the memory child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "memory child failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut nums = stdout.split_whitespace().map(|n| n.parse::<u64>().ok());
    Some((nums.next()??, nums.next()??))
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    if let Some(db) = std::env::var_os(RSS_CHILD) {
        rss_child(Path::new(&db), today);
        return;
    }
    let households: u32 = std::env::var("MINQING_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(250_000);
    let mut rows = Vec::new();
    let tmp = tempfile::tempdir().expect("temp dir");
    if std::env::var("MINQING_BENCH_ONLY").is_ok_and(|v| v == "ingest") {
        rows.extend(ingest::rows(tmp.path(), today));
        print(&rows);
        return;
    }
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
            rows.push(Row::time(
                format!(
                    "generate demo: {} households, {} visits, {} items",
                    summary.households, summary.visits, summary.items
                ),
                (households >= 250_000).then(|| Duration::from_secs(60)),
                t.elapsed(),
            ));
            p
        }
    };
    if std::env::var("MINQING_BENCH_ONLY").is_ok_and(|v| v == "sync") {
        rows.extend(sync::rows(&path, tmp.path(), today));
        print(&rows);
        return;
    }
    if std::env::var("MINQING_BENCH_ONLY").is_ok_and(|v| v == "review") {
        rows.extend(review::rows(&path, today));
        print(&rows);
        return;
    }
    if std::env::var("MINQING_BENCH_ONLY").is_ok_and(|v| v == "report") {
        rows.extend(report::rows(&path, tmp.path(), today));
        print(&rows);
        return;
    }
    if std::env::var("MINQING_BENCH_ONLY").is_ok_and(|v| v == "dashboard") {
        rows.extend(dashboard::rows(&path, tmp.path(), today));
        print(&rows);
        return;
    }
    let store = Store::open(&path).expect("open");

    rows.push(Row::time(
        "stats (all counts, overdue)",
        None,
        time(5, || store.stats(today).expect("stats")),
    ));

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
            rows.push(Row::time(
                format!("{label}: {scope} \"{q}\" ({hits} hits, page of 50)"),
                Some(budget),
                time(7, || run(scope, q)),
            ));
        }
    }
    for q in ["wk", "wjg", "5678", "王 白", "李强"] {
        let hits = store
            .pick_households(q, None, page)
            .expect("pick")
            .rows
            .len();
        rows.push(Row::time(
            format!("household picker \"{q}\" ({hits} hits, page of 50)"),
            Some(Duration::from_millis(100)),
            time(7, || store.pick_households(q, None, page).expect("pick")),
        ));
    }
    // The TUI: open the database, load 今日 and draw the first frame (what a user waits for).
    let first_frame = || {
        let mut app = App::new(Store::open(&path).expect("open"), Lang::Zh, today);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        draw(&mut terminal, &app);
        app
    };
    rows.push(Row::time(
        "TUI: open, load 今日, first frame (120×40)",
        Some(Duration::from_millis(150)),
        time(5, first_frame),
    ));
    let mut app = first_frame();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let frame = Some(Duration::from_millis(16));
    rows.push(Row::time(
        "TUI: key press → frame (↓ on 今日)",
        frame,
        time(21, || {
            app.update(Action::Down);
            draw(&mut terminal, &app);
        }),
    ));
    // The 民生 ledger: scrolling (reaching the "more" line loads the next page of 50: ↓ runs
    // past it once, PageDown about every other press) and filter changes (each reloads the
    // first page), keys as the event loop hands them over. The slowest run is shown too.
    app.update(Action::SwitchTab(2));
    for (what, key, n) in [
        ("↓", KeyCode::Down, 59),
        ("PageDown", KeyCode::PageDown, 21),
        ("o: overdue only, on and off", KeyCode::Char('o'), 21),
        ("v: next village", KeyCode::Char('v'), 21),
    ] {
        let r = runs(n, || {
            press(&mut app, key);
            draw(&mut terminal, &app);
        });
        rows.push(Row::time(
            format!(
                "TUI: ledger key press → frame ({what} on 民生; slowest of {n}: {})",
                ms(r[n - 1])
            ),
            frame,
            median(&r),
        ));
    }
    drop((app, terminal));
    let memory = tui_memory(&path);
    rows.push(Row {
        what: format!(
            "TUI memory: peak RSS (VmHWM), 今日 and tabs 2–6 scrolled and searched ({} at the end)",
            memory.map_or("n/a".into(), |(_, now)| format!("VmRSS {}", mb(now)))
        ),
        budget: Some(Measure::Bytes(RSS_BUDGET)),
        measured: memory.map(|(peak, _)| Measure::Bytes(peak)),
    });
    let t = Instant::now();
    let report = store.check().expect("check");
    rows.push(Row::time(
        format!("check: replay {} operations and compare", report.ops),
        None,
        t.elapsed(),
    ));
    assert!(report.ok(), "check failed: {report:?}");
    drop(store);
    rows.extend(review::rows(&path, today));
    rows.extend(report::rows(&path, tmp.path(), today));
    rows.extend(sync::rows(&path, tmp.path(), today));
    rows.extend(ingest::rows(tmp.path(), today));
    rows.extend(dashboard::rows(&path, tmp.path(), today));
    print(&rows);
}

/// Prints the rows as a Markdown table.
fn print(rows: &[Row]) {
    println!();
    println!("| what | budget | measured | within |");
    println!("|---|---|---|---|");
    for r in rows {
        let budget = r.budget.map_or("—".into(), |b| format!("< {}", b.show()));
        let ok = match (r.budget, r.measured) {
            (Some(b), Some(m)) if m.within(b) => "yes",
            (Some(_), Some(_)) => "NO",
            _ => "—",
        };
        let measured = r.measured.map_or("n/a".into(), Measure::show);
        println!("| {} | {budget} | {measured} | {ok} |", r.what);
    }
}
