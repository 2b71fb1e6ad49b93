//! `App::update`-level tests of the terminal UI: keys become actions (Press only), tabs
//! switch, the selection stays within the list, `?` toggles help, clicks and the wheel work.

mod common;

use common::tui::{demo_store, today};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::tui::screens::today::{Entry, HEADER_LINES, TodayState};
use minqing::tui::{Action, App, action_for, action_for_mouse};

fn app() -> App {
    let mut app = App::new(demo_store(300), Lang::Zh, today());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn key(code: KeyCode, kind: KeyEventKind) -> KeyEvent {
    KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind,
        state: KeyEventState::NONE,
    }
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(a) = action_for(key(code, KeyEventKind::Press)) {
        app.update(a);
    }
}

fn selectable(app: &App) -> Vec<usize> {
    let e = app.today_view.entries();
    (0..e.len()).filter(|&i| e[i].selectable()).collect()
}

#[test]
fn only_press_events_become_actions() {
    let q = KeyCode::Char('q');
    assert_eq!(action_for(key(q, KeyEventKind::Press)), Some(Action::Quit));
    assert_eq!(action_for(key(q, KeyEventKind::Release)), None);
    assert_eq!(action_for(key(q, KeyEventKind::Repeat)), None);
    let two = KeyCode::Char('2');
    assert_eq!(action_for(key(two, KeyEventKind::Release)), None);
    assert_eq!(
        action_for(key(two, KeyEventKind::Press)),
        Some(Action::SwitchTab(1))
    );
    let mut ctrl_c = key(KeyCode::Char('c'), KeyEventKind::Press);
    ctrl_c.modifiers = KeyModifiers::CONTROL;
    assert_eq!(action_for(ctrl_c), Some(Action::Quit));
    assert_eq!(
        action_for(key(KeyCode::Char('9'), KeyEventKind::Press)),
        None
    );
}

#[test]
fn q_quits() {
    let mut a = app();
    assert!(!a.should_quit());
    press(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit());
}

#[test]
fn number_keys_switch_tabs_and_back_reloads_today() {
    let mut a = app();
    assert_eq!(a.tab, 0);
    for (c, tab) in [('3', 2), ('8', 7), ('6', 5), ('1', 0)] {
        press(&mut a, KeyCode::Char(c));
        assert_eq!(a.tab, tab, "key {c}");
    }
    assert!(matches!(a.today_view.state, TodayState::Loaded(_)));
    a.update(Action::SwitchTab(8));
    assert_eq!(a.tab, 0, "no ninth tab");
}

#[test]
fn down_and_up_stay_within_the_list() {
    let mut a = app();
    let sel = selectable(&a);
    assert!(sel.len() > 3, "demo cadre has rows: {sel:?}");
    assert_eq!(a.today_view.selected, sel[0]);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.today_view.selected, sel[1]);
    for _ in 0..500 {
        press(&mut a, KeyCode::Down);
    }
    assert_eq!(a.today_view.selected, *sel.last().expect("rows"));
    // The selection is on screen: scrolled so the last line is visible.
    let list_h = usize::from(24 - 3 - HEADER_LINES);
    assert!(a.today_view.selected < a.today_view.scroll + list_h);
    for _ in 0..500 {
        press(&mut a, KeyCode::Up);
    }
    assert_eq!(a.today_view.selected, sel[0]);
    press(&mut a, KeyCode::End);
    assert_eq!(a.today_view.selected, *sel.last().expect("rows"));
    press(&mut a, KeyCode::Home);
    assert_eq!(a.today_view.selected, sel[0]);
    press(&mut a, KeyCode::PageDown);
    assert!(a.today_view.selected > sel[1]);
}

#[test]
fn selection_never_rests_on_titles_or_blank_lines() {
    let mut a = app();
    for _ in 0..40 {
        let e = a.today_view.entries()[a.today_view.selected];
        assert!(e.selectable(), "{e:?}");
        assert!(!matches!(e, Entry::Title(_) | Entry::Blank | Entry::Empty));
        press(&mut a, KeyCode::Down);
    }
}

#[test]
fn question_mark_toggles_help_and_freezes_the_screen() {
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    assert!(a.help);
    let before = a.today_view.selected;
    press(&mut a, KeyCode::Down);
    assert_eq!(
        a.today_view.selected, before,
        "keys under the overlay are ignored"
    );
    press(&mut a, KeyCode::Char('?'));
    assert!(!a.help);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Esc);
    assert!(!a.help, "Esc closes it too");
}

#[test]
fn clicks_select_tabs_and_rows_and_the_wheel_scrolls() {
    let mut a = app();
    // Row 0 is the tab bar: " 1 今日 2 民情日志 3 民生 …"; column 20 is inside "3 民生".
    a.update(Action::Click { col: 20, row: 0 });
    assert_eq!(a.tab, 2);
    a.update(Action::Click { col: 2, row: 0 });
    assert_eq!(a.tab, 0);
    let sel = selectable(&a);
    let target = sel[2];
    let row = 2 + HEADER_LINES + u16::try_from(target - a.today_view.scroll).expect("row");
    a.update(Action::Click { col: 10, row });
    assert_eq!(a.today_view.selected, target);
    // A click on a section title changes nothing.
    a.update(Action::Click {
        col: 10,
        row: 2 + HEADER_LINES,
    });
    assert_eq!(a.today_view.selected, target);

    let wheel = |kind| MouseEvent {
        kind,
        column: 0,
        row: 5,
        modifiers: KeyModifiers::NONE,
    };
    let down = action_for_mouse(wheel(MouseEventKind::ScrollDown)).expect("wheel");
    a.update(down);
    assert_eq!(a.today_view.selected, sel[5]);
    let up = action_for_mouse(wheel(MouseEventKind::ScrollUp)).expect("wheel");
    a.update(up);
    assert_eq!(a.today_view.selected, target);
    let click = action_for_mouse(wheel(MouseEventKind::Down(MouseButton::Left)));
    assert_eq!(click, Some(Action::Click { col: 0, row: 5 }));
    assert_eq!(action_for_mouse(wheel(MouseEventKind::Moved)), None);
}

#[test]
fn clicks_do_nothing_when_the_window_is_too_small() {
    let mut a = app();
    a.update(Action::Resize {
        width: 60,
        height: 20,
    });
    a.update(Action::Click { col: 13, row: 0 });
    assert_eq!(a.tab, 0);
}

#[test]
fn without_identity_the_screen_says_so_and_keys_are_harmless() {
    let store = Store::open_in_memory().expect("store");
    let mut a = App::new(store, Lang::En, today());
    assert!(matches!(a.today_view.state, TodayState::NoIdentity));
    for k in [KeyCode::Down, KeyCode::PageDown, KeyCode::End, KeyCode::Up] {
        press(&mut a, k);
    }
    a.update(Action::Click { col: 5, row: 8 });
    assert_eq!(a.today_view.selected, 0);
}

#[test]
fn an_app_left_open_overnight_moves_to_the_new_day_only_when_following_the_clock() {
    let mut a = app();
    a.update(Action::SwitchTab(2));
    let next = today().succ_opt().expect("tomorrow");
    a.roll_date(next);
    assert_eq!(a.today, today(), "a fixed --today never moves");
    a.follow_clock = true;
    a.roll_date(next);
    assert_eq!(a.today, next);
    assert_eq!(a.today_view.today, next, "今日 counts from the new day");
    assert_eq!(a.tab, 2);
    assert!(a.views.ledgers[0].as_ref().is_some_and(|v| v.today == next));
}
