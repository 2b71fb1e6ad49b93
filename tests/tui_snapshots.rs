//! TestBackend snapshots of the terminal UI with Chinese demo data: every tab at 80×24 and
//! 120×40, the `?` overlay, the too-small message, and 今日 in English.

mod common;

use common::tui::{self, demo_store, today};
use crossterm::event::KeyCode;
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::store::local::Draft;
use minqing::tui::{Action, App};

fn app(lang: Lang, width: u16, height: u16) -> App {
    let mut app = App::new(demo_store(300), lang, today());
    app.update(Action::Resize { width, height });
    app
}

/// The whole app as text at its current size.
fn render(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
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
    let mut a = App::new(demo_store(3000), Lang::Zh, today());
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    insta::assert_snapshot!(render(&a));
}

#[test]
fn ledger_search_in_app_80x24() {
    let mut a = app(Lang::Zh, 80, 24);
    a.update(Action::SwitchTab(2));
    for c in "/饮水".chars() {
        a.on_key(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        ));
    }
    insta::assert_snapshot!(render(&a));
}

/// Every tab inside the app at both sizes the issue names (tab bar, screen, hint bar).
#[test]
fn every_tab_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(Lang::Zh, w, h);
        for tab in 0..8 {
            a.update(Action::SwitchTab(tab));
            let name = format!("tab{}_{w}x{h}", tab + 1);
            insta::with_settings!({filters => vec![(r"设备 [0-9a-f]{8}", "设备 [id]")]}, {
                insta::assert_snapshot!(name, render(&a));
            });
        }
    }
}

/// The forms opened with `n` on a ledger and on the households, empty, at both sizes.
#[test]
fn new_item_and_new_household_forms() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(Lang::Zh, w, h);
        a.update(Action::SwitchTab(2));
        tui::key(&mut a, KeyCode::Char('n'));
        insta::assert_snapshot!(format!("new_item_form_{w}x{h}"), render(&a));
        tui::key(&mut a, KeyCode::Esc);
        a.update(Action::SwitchTab(5));
        tui::key(&mut a, KeyCode::Char('n'));
        insta::assert_snapshot!(format!("new_household_form_{w}x{h}"), render(&a));
    }
}

/// The questions the app asks: a draft left from last time, and quitting with a form open.
#[test]
fn draft_and_quit_questions_80x24() {
    let store = demo_store(300);
    store
        .save_draft(&Draft {
            slot: "visit_new:test".into(),
            kind: "visit_new".into(),
            title: "新建走访记录（王凯）".into(),
            body: "{}".into(),
            saved_at: "2026-11-24 09:41:07".into(),
        })
        .expect("draft");
    let mut a = App::new(store, Lang::Zh, today());
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    insta::assert_snapshot!("draft_prompt_80x24", render(&a));
    tui::key(&mut a, KeyCode::Esc);
    tui::key(&mut a, KeyCode::Char('n'));
    for _ in 0..3 {
        tui::key(&mut a, KeyCode::Tab);
    }
    tui::type_text(&mut a, "村口路灯不亮");
    tui::ctrl(&mut a, 'c');
    insta::assert_snapshot!("quit_prompt_80x24", render(&a));
    assert!(!a.should_quit(), "an unsaved form asks first");
    tui::key(&mut a, KeyCode::Char('y'));
    assert!(a.should_quit());
}
