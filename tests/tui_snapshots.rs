//! TestBackend snapshots of the terminal UI with Chinese demo data: 今日 at 80×24 and 120×40,
//! the `?` overlay, the too-small message, and 今日 in English.

use chrono::NaiveDate;
use minqing::demo::{DemoParams, generate};
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::tui::{Action, App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let p = DemoParams {
        households: 300,
        seed: 2017,
        today: today(),
    };
    generate(&mut store, &p, &mut |_, _| {}).expect("demo");
    store
}

fn app(lang: Lang, width: u16, height: u16) -> App {
    let mut app = App::new(demo_store(), lang, today());
    app.update(Action::Resize { width, height });
    app
}

/// The buffer as plain text, one line per row. A wide character's second cell holds an empty
/// symbol, which is skipped so Chinese reads as it does on screen.
fn render(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).expect("w");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn today_80x24() {
    insta::assert_snapshot!(render(&app(Lang::Zh, 80, 24)));
}

#[test]
fn today_120x40() {
    insta::assert_snapshot!(render(&app(Lang::Zh, 120, 40)));
}

#[test]
fn today_selection_moved_80x24() {
    let mut a = app(Lang::Zh, 80, 24);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    insta::assert_snapshot!(render(&a));
}

#[test]
fn help_overlay_80x24() {
    let mut a = app(Lang::Zh, 80, 24);
    a.update(Action::Help);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn help_overlay_120x40() {
    let mut a = app(Lang::Zh, 120, 40);
    a.update(Action::Help);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn too_small_60x20() {
    insta::assert_snapshot!(render(&app(Lang::Zh, 60, 20)));
}

#[test]
fn too_small_english_60x20() {
    insta::assert_snapshot!(render(&app(Lang::En, 60, 20)));
}

#[test]
fn today_english_80x24() {
    insta::assert_snapshot!(render(&app(Lang::En, 80, 24)));
}

#[test]
fn today_english_120x40() {
    insta::assert_snapshot!(render(&app(Lang::En, 120, 40)));
}

#[test]
fn later_tab_80x24() {
    let mut a = app(Lang::Zh, 80, 24);
    a.update(Action::SwitchTab(6));
    insta::assert_snapshot!(render(&a));
}

#[test]
fn ledger_tab_in_app_80x24() {
    let mut a = app(Lang::Zh, 80, 24);
    a.update(Action::SwitchTab(2));
    insta::assert_snapshot!(render(&a));
}

#[test]
fn diary_tab_in_app_120x40() {
    let mut a = app(Lang::Zh, 120, 40);
    a.update(Action::SwitchTab(1));
    a.update(Action::Down);
    insta::assert_snapshot!(render(&a));
}

#[test]
fn no_identity_80x24() {
    let store = Store::open_in_memory().expect("store");
    let mut a = App::new(store, Lang::Zh, today());
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    insta::assert_snapshot!(render(&a));
}

/// A township-sized demo, whose cadre has overdue items, 回访 owed and a "more" line.
#[test]
fn today_busy_cadre_120x40() {
    let mut store = Store::open_in_memory().expect("store");
    let p = DemoParams {
        households: 3000,
        seed: 2017,
        today: today(),
    };
    generate(&mut store, &p, &mut |_, _| {}).expect("demo");
    let mut a = App::new(store, Lang::Zh, today());
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    insta::assert_snapshot!(render(&a));
}
