//! The visit form and the visit detail, driven through `App` key presses on a small fixture
//! township with known households: opening the form, the household and cadre pickers,
//! validation that keeps the form open with what was typed; snapshots at 80×24 and 120×40.

mod common;

use common::tui::today;
use common::visit::{
    ctrl, fixture_app, key, open_visit_form, press, screen, tab, typ, value, visit_count,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::tui::App;

#[test]
fn two_then_n_opens_the_visit_form_for_today_with_me_present() {
    let (mut app, f) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    assert_eq!(app.layers.len(), 1);
    let slot = app.top().and_then(|l| l.draft_slot()).expect("slot");
    assert!(slot.starts_with("visit_new:"), "{slot}");
    assert_eq!(value(&app, "date"), "2026-11-24");
    assert_eq!(value(&app, "kind"), "household");
    assert_eq!(value(&app, "cadres"), f.cadre.to_string());
    assert!(!app.top().expect("layer").unsaved(), "nothing typed yet");
    let s = screen(&app);
    assert!(
        s.contains("新建走访记录") && s.contains("✓ 汪晓艳  镇党政办"),
        "{s}"
    );
    assert!(
        s.contains("Ctrl+R 反映问题"),
        "the footer names the raise key: {s}"
    );
}

#[test]
fn empty_visit_form_80x24() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn empty_visit_form_120x40() {
    let (mut app, _) = fixture_app(today(), 120, 40);
    open_visit_form(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_household_picker_finds_wang_kai_by_initials_and_by_phone_tail() {
    let (mut app, f) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    typ(&mut app, "wk");
    let s = screen(&app);
    assert!(s.contains("› 王凯  白虎村三组  138****5678"), "{s}");
    assert!(s.contains("王坤  白虎村三组  139****5678"), "{s}");
    assert!(!s.contains("李强"), "{s}");
    assert!(!s.contains("13812345678"), "the phone is masked: {s}");
    // Clear the query; the tail of 王凯's phone finds only him.
    press(&mut app, key(KeyCode::Backspace));
    press(&mut app, key(KeyCode::Backspace));
    typ(&mut app, "45678");
    let s = screen(&app);
    assert!(s.contains("› 王凯"), "{s}");
    assert!(!s.contains("王坤"), "{s}");
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(value(&app, "households"), f.household.to_string());
    assert!(screen(&app).contains("✓ 王凯  白虎村三组  138****5678"));
    typ(&mut app, "zzz");
    assert!(screen(&app).contains("没有找到"), "an unknown name says so");
}

#[test]
fn the_cadre_picker_finds_a_colleague_by_initials() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    tab(&mut app, 2);
    typ(&mut app, "lm");
    let s = screen(&app);
    assert!(s.contains("› 李明  白虎村委会"), "{s}");
    press(&mut app, key(KeyCode::Enter));
    let cadres = value(&app, "cadres");
    assert_eq!(cadres.split(',').count(), 2, "me and 李明: {cadres}");
}

#[test]
fn picker_with_suggestions_80x24() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    typ(&mut app, "wk");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn picker_with_suggestions_120x40() {
    let (mut app, _) = fixture_app(today(), 120, 40);
    open_visit_form(&mut app);
    typ(&mut app, "wk");
    insta::assert_snapshot!(screen(&app));
}

/// Picks 王凯 and types everything but the notes.
fn fill_all_but_notes(app: &mut App) {
    open_visit_form(app);
    typ(app, "wk");
    press(app, key(KeyCode::Enter));
    tab(app, 4);
    typ(app, "老两口在家，儿子外出务工");
    tab(app, 1);
    typ(app, "下周再来看看");
    tab(app, 1);
    typ(app, "王凯");
}

#[test]
fn saving_without_notes_keeps_the_form_open_with_the_error_and_the_text() {
    let (mut app, f) = fixture_app(today(), 80, 24);
    fill_all_but_notes(&mut app);
    press(&mut app, ctrl('s'));
    assert_eq!(app.layers.len(), 1, "the form stays open");
    assert_eq!(visit_count(&app), 1, "nothing written");
    let s = screen(&app);
    let lines: Vec<&str> = s.lines().collect();
    let notes = lines
        .iter()
        .position(|l| l.contains("走访记录*"))
        .expect("notes label");
    let error = lines
        .iter()
        .position(|l| l.contains("✗ 此项必填"))
        .expect("error shown");
    assert!(error > notes, "the error is under 走访记录:\n{s}");
    assert_eq!(value(&app, "family"), "老两口在家，儿子外出务工");
    assert_eq!(value(&app, "follow_up"), "下周再来看看");
    assert_eq!(value(&app, "confirmed_by"), "王凯");
    assert_eq!(value(&app, "households"), f.household.to_string());
    // Typing the notes and saving again writes the visit.
    typ(&mut app, "反映村道破损");
    press(&mut app, ctrl('s'));
    assert!(app.layers.is_empty());
    assert_eq!(visit_count(&app), 2);
}

#[test]
fn a_place_is_required_without_a_household_and_the_date_not_after_today() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_visit_form(&mut app);
    tab(&mut app, 3);
    typ(&mut app, "院坝会讲政策");
    // Back to the date: replace it with tomorrow.
    for _ in 0..5 {
        press(
            &mut app,
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        );
    }
    press(&mut app, ctrl('u'));
    typ(&mut app, "2026-11-25");
    press(&mut app, ctrl('s'));
    let s = screen(&app);
    assert!(
        s.contains("✗ 日期应在 1900-01-01 至 2026-11-24 之间"),
        "{s}"
    );
    assert!(s.contains("✗ 此项必填"), "place: {s}");
    assert_eq!(visit_count(&app), 1);
}

#[test]
fn visit_form_with_a_validation_error_80x24() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    fill_all_but_notes(&mut app);
    press(&mut app, ctrl('s'));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn visit_form_with_a_validation_error_120x40() {
    let (mut app, _) = fixture_app(today(), 120, 40);
    fill_all_but_notes(&mut app);
    press(&mut app, ctrl('s'));
    insta::assert_snapshot!(screen(&app));
}

fn open_fixture_visit(app: &mut App) {
    press(app, key(KeyCode::Char('2')));
    press(app, key(KeyCode::Enter));
}

#[test]
fn the_visit_detail_shows_names_and_the_items_raised() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_fixture_visit(&mut app);
    assert_eq!(app.layers.len(), 1);
    let s = screen(&app);
    for want in [
        "白虎村",
        "王凯  白虎村三组  138****5678",
        "汪晓艳  镇党政办",
        "老两口在家，儿子外出务工",
        "报镇水务站，三日内查看现场",
        "王凯 · 已确认",
        "由此登记的事项（1）",
        "两河-2026-0001",
        "赤石组饮水管道破裂",
        "时限 2026-03-16",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
    press(&mut app, key(KeyCode::Esc));
    assert!(app.layers.is_empty(), "Esc closes");
}

#[test]
fn visit_detail_80x24() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    open_fixture_visit(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn visit_detail_120x40() {
    let (mut app, _) = fixture_app(today(), 120, 40);
    open_fixture_visit(&mut app);
    insta::assert_snapshot!(screen(&app));
}
