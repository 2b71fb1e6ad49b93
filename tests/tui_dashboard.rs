//! Tab 7 统计 driven through `App` with real key presses: TestBackend snapshots of the
//! dashboard at 80×24 and 120×40 with the Chinese fixture of `common/dashboard.rs`, the period
//! keys and the custom period form (a bad date stays in the form with its message), the village
//! filter, and Enter on a village or a cadre landing on a ledger list of exactly its items,
//! Esc coming back.

mod common;

use common::dashboard::fixture;
use common::tui::{self, demo_store, key, today, type_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::period::{Period, PeriodKind};
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::tui::{Action, App};

fn app(width: u16, height: u16) -> App {
    let mut store = Store::open_in_memory().expect("store");
    fixture(&mut store);
    at(App::new(store, Lang::Zh, today()), width, height)
}

/// `app` resized and on tab 7, drawn once (as the event loop does before any key).
fn at(mut app: App, width: u16, height: u16) -> App {
    app.update(Action::Resize { width, height });
    app.update(Action::SwitchTab(6));
    screen(&app);
    app
}

fn screen(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
}

fn ctrl_s(app: &mut App) {
    tui::press(
        app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
}

fn period(app: &App) -> Period {
    app.views.stats.as_ref().expect("dashboard").period
}

/// `d`, both dates typed over the old ones, Enter on the second.
fn custom(app: &mut App, from: &str, to: &str) {
    key(app, KeyCode::Char('d'));
    for (field, text) in [(0, from), (1, to)] {
        if field == 1 {
            key(app, KeyCode::Tab);
        }
        for _ in 0..10 {
            key(app, KeyCode::Backspace);
        }
        type_text(app, text);
    }
    key(app, KeyCode::Enter);
}

fn october(app: &mut App) {
    custom(app, "2026-10-01", "2026-10-31");
    assert_eq!(period(app).kind, PeriodKind::Custom);
}

/// The line of `screen` that contains `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in\n{screen}"))
}

/// The 11 figures after `name` on its table line.
fn figures_after(screen: &str, name: &str) -> Vec<String> {
    let words: Vec<&str> = line_with(screen, name).split_whitespace().collect();
    let at = words.iter().position(|w| *w == name).expect("name");
    words[at + 1..at + 12]
        .iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn snapshots_80x24() {
    let mut a = app(80, 24);
    october(&mut a);
    insta::assert_snapshot!("dashboard_villages_80x24", screen(&a));
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!("dashboard_cadres_80x24", screen(&a));
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!("dashboard_charts_80x24", screen(&a));
    key(&mut a, KeyCode::Tab);
    insta::assert_snapshot!("dashboard_oldest_80x24", screen(&a));
    key(&mut a, KeyCode::Char('?'));
    let help = screen(&a);
    insta::assert_snapshot!("dashboard_help_80x24", help);
    assert!(
        help.contains("期内登记的事项中现已销号的 ÷ 期内登记数"),
        "{help}"
    );
    assert!(help.contains("退出"), "the last line fits: {help}");
}

#[test]
fn snapshots_120x40() {
    let mut a = app(120, 40);
    october(&mut a);
    insta::assert_snapshot!("dashboard_120x40", screen(&a));
    let mut a = at(App::new(demo_store(300), Lang::Zh, today()), 120, 40);
    insta::assert_snapshot!("dashboard_demo_120x40", screen(&a));
    key(&mut a, KeyCode::Char('o'));
    insta::assert_snapshot!("dashboard_demo_sorted_by_coverage_120x40", screen(&a));
}

#[test]
fn english_80x24() {
    let mut store = Store::open_in_memory().expect("store");
    fixture(&mut store);
    let mut a = at(App::new(store, Lang::En, today()), 80, 24);
    october(&mut a);
    insta::assert_snapshot!("dashboard_english_80x24", screen(&a));
}

#[test]
fn the_screen_shows_the_hand_computed_october_figures() {
    let mut a = app(160, 45);
    october(&mut a);
    let s = screen(&a);
    // Totals: 3 of 7 households visited, closure 2/4, median 3 working days, 3 of 4 satisfied.
    assert!(s.contains("已走访 3（42.9%）"), "{s}");
    assert!(s.contains("办结率 50.0%"), "{s}");
    assert!(s.contains("满意率 75.0%（回访 4）"), "{s}");
    assert!(s.contains("用时中位数 3 个工作日"), "{s}");
    // 白虎村: 4 households, 2 visited (50.0%), 3 household-visits, 2 new, 2 open, 1 overdue,
    // 2 closed, 50.0%, median 2, 100.0%.
    let a_line = figures_after(&s, "白虎村");
    assert_eq!(
        a_line,
        [
            "4", "2", "50.0%", "3", "2", "2", "1", "2", "50.0%", "2", "100.0%"
        ],
        "{s}"
    );
    let c3 = figures_after(&s, "王长春");
    assert_eq!(
        c3,
        ["0", "0", "—", "0", "0", "0", "0", "1", "—", "1", "100.0%"],
        "{s}"
    );
}

#[test]
fn period_keys_cycle_and_the_form_refuses_bad_dates_in_place() {
    let mut a = app(80, 24);
    assert_eq!(period(&a), Period::month(today()));
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(period(&a), Period::quarter(today()));
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(period(&a), Period::year(today()));
    assert!(screen(&a).contains("本年度 2026年"));
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(period(&a), Period::month(today()));
    // A day that does not exist: the form stays, with the message under the field.
    custom(&mut a, "2026-10-40", "2026-10-31");
    let s = screen(&a);
    assert!(s.contains("自定义统计期间"), "{s}");
    assert!(s.contains("2026-10-40"), "typed text kept: {s}");
    assert!(s.contains("没有这一天"), "{s}");
    assert_eq!(period(&a), Period::month(today()), "nothing applied");
    // The focus went to the field in error. An end before the start: refused on the second
    // field.
    for _ in 0..2 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "01");
    key(&mut a, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "2026-09-30");
    ctrl_s(&mut a);
    let s = screen(&a);
    assert!(s.contains("截止日期不能早于起始日期"), "{s}");
    // Fixed: applied, and the figures are October's.
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "2026-10-31");
    ctrl_s(&mut a);
    assert_eq!(
        period(&a),
        Period::custom(common::d(2026, 10, 1), common::d(2026, 10, 31)).expect("p")
    );
    let s = screen(&a);
    assert!(s.contains("期间 2026-10-01 至 2026-10-31"), "{s}");
    assert!(s.contains("登记 4"), "{s}");
    // x: back to this month.
    key(&mut a, KeyCode::Char('x'));
    assert_eq!(period(&a), Period::month(today()));
}

#[test]
fn the_village_filter_changes_the_figures() {
    let mut a = app(80, 24);
    october(&mut a);
    key(&mut a, KeyCode::Char('v'));
    let s = screen(&a);
    assert!(line_with(&s, "期间").contains("村 白虎村"), "{s}");
    assert!(s.contains("农户 4 · 已走访 2（50.0%）"), "{s}");
    assert!(!s.contains("青杠村"), "{s}");
    key(&mut a, KeyCode::Char('v'));
    let s = screen(&a);
    assert!(s.contains("农户 3 · 已走访 1（33.3%）"), "{s}");
    key(&mut a, KeyCode::Char('v'));
    assert!(
        screen(&a).contains("农户 7 · 已走访 3（42.9%）"),
        "back to all"
    );
    // f: only the selected village (the second line, 青杠村), and f again: all.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('f'));
    assert!(screen(&a).contains("村 青杠村"));
    key(&mut a, KeyCode::Char('f'));
    assert!(screen(&a).contains("村 全部"));
}

#[test]
fn enter_on_a_village_lists_exactly_its_items_and_esc_comes_back() {
    let mut a = app(100, 30);
    october(&mut a);
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    insta::assert_snapshot!("dashboard_village_items_100x30", s);
    assert!(s.contains("白虎村 · 事项清单"), "{s}");
    // 白虎村's livelihood items are i1, i2, i5; i4 is 青杠村's.
    for n in ["两河-2026-0001", "两河-2026-0002", "两河-2026-0005"] {
        assert!(s.contains(n), "{n} in {s}");
    }
    assert!(!s.contains("两河-2026-0004"), "{s}");
    assert!(s.contains("第 1–3 条，已到末尾"), "{s}");
    key(&mut a, KeyCode::Tab);
    let s = screen(&a);
    assert!(s.contains("两河-2026-0006"), "{s}");
    assert!(!s.contains("两河-2026-0003"), "{s}");
    assert!(s.contains("第 1–1 条"), "{s}");
    // Round the three ledgers and back: 稳定 has none of 白虎村's items.
    key(&mut a, KeyCode::Tab);
    assert!(screen(&a).contains("没有符合筛选条件的事项"));
    key(&mut a, KeyCode::Tab);
    assert!(screen(&a).contains("两河-2026-0001"));
    key(&mut a, KeyCode::BackTab);
    assert!(screen(&a).contains("没有符合筛选条件的事项"));
    key(&mut a, KeyCode::BackTab);
    assert!(screen(&a).contains("两河-2026-0006"));
    // Enter opens the item; Esc twice is back on the dashboard.
    key(&mut a, KeyCode::Enter);
    assert!(screen(&a).contains("孙德明家住房漏雨"));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    assert!(a.layers.is_empty());
    assert!(screen(&a).contains("按村"));
}

#[test]
fn enter_on_a_cadre_lists_the_items_they_are_responsible_for() {
    let mut a = app(100, 30);
    october(&mut a);
    key(&mut a, KeyCode::Tab);
    // Cadres in order: 李强, 汪晓艳, 王长春, unassigned. 李强: i4 (assigned to no cadre, so
    // his as registrar) in 民生, i3 in 困难.
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("李强 · 事项清单"), "{s}");
    assert!(s.contains("责任人 李强"), "{s}");
    assert!(s.contains("两河-2026-0004"), "{s}");
    for n in ["两河-2026-0001", "两河-2026-0002", "两河-2026-0005"] {
        assert!(!s.contains(n), "{n} in {s}");
    }
    key(&mut a, KeyCode::Tab);
    let s = screen(&a);
    assert!(
        s.contains("两河-2026-0003") && !s.contains("两河-2026-0006"),
        "{s}"
    );
    key(&mut a, KeyCode::Esc);
    // 王长春: only i1.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let s = screen(&a);
    assert!(s.contains("王长春 · 事项清单"), "{s}");
    assert!(
        s.contains("两河-2026-0001") && s.contains("第 1–1 条"),
        "{s}"
    );
    key(&mut a, KeyCode::Esc);
    // The unassigned line opens nothing.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(a.layers.is_empty());
}

#[test]
fn enter_on_an_old_item_opens_it_and_tables_scroll_at_80x24() {
    let mut a = at(App::new(demo_store(300), Lang::Zh, today()), 80, 24);
    for _ in 0..3 {
        key(&mut a, KeyCode::Tab);
    }
    let s = screen(&a);
    assert!(s.contains("编号"), "the oldest items: {s}");
    // Shift+Tab goes back round: 图表, then Tab again to the oldest items.
    key(&mut a, KeyCode::BackTab);
    assert!(screen(&a).contains("按台账"));
    key(&mut a, KeyCode::Tab);
    let s = screen(&a);
    let first = line_with(&s, "▶").to_owned();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.layers.len(), 1, "item detail open");
    let number = first.split_whitespace().nth(1).expect("number");
    assert!(screen(&a).contains(number), "{number}");
    key(&mut a, KeyCode::Esc);
    // The oldest list scrolls: PageDown moves the selection off the first page.
    key(&mut a, KeyCode::PageDown);
    key(&mut a, KeyCode::PageDown);
    let s = screen(&a);
    assert!(!s.contains(number), "scrolled past {number}:\n{s}");
    assert!(s.contains('▶'));
    key(&mut a, KeyCode::End);
    assert!(screen(&a).contains('▶'));
}

#[test]
fn an_action_taken_from_the_dashboard_shows_in_its_figures_on_the_way_back() {
    let mut a = app(120, 40);
    let figures = |a: &App| {
        let s = screen(a);
        (figures_after(&s, "汪晓艳"), figures_after(&s, "李强"))
    };
    let before = figures(&a);
    // 白虎村's items → 0005 (registered 11-02 by 汪晓艳, open) → 交办 to 李强.
    key(&mut a, KeyCode::Enter);
    while !line_with(&screen(&a), "▶").contains("两河-2026-0005") {
        key(&mut a, KeyCode::Down);
    }
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('a'));
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "李强");
    ctrl_s(&mut a);
    assert!(screen(&a).contains("已交办"), "{}", screen(&a));
    // Esc on the detail, then on the list: the dashboard reads its figures again.
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    assert!(a.layers.is_empty());
    let after = figures(&a);
    // Columns: households, visited, %, items registered, open, overdue, … The item is now
    // 李强's (the 责任人 the 交办 named), no longer 汪晓艳's (who registered it).
    assert_eq!(before.0[3..5], ["1", "2"]);
    assert_eq!(before.1[3..5], ["0", "1"]);
    assert_eq!(after.0[3..5], ["0", "1"], "汪晓艳");
    assert_eq!(after.1[3..5], ["1", "2"], "李强");
}
