//! The visit form, raising matters from it, the standalone item form and the visit detail,
//! driven through `App` key presses on a small fixture township with known households.

mod common;

use chrono::NaiveDate;
use common::tui::{self, today};
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::*;
use minqing::i18n::Lang;
use minqing::store::{Identity, Page, Store};
use minqing::tui::app::Prompt;
use minqing::tui::{Action, App, action_for};
use serde_json::Value;

/// The fixture township (王凯 of 白虎村三组, 13812345678, with one visit and one item) plus
/// 王坤 (also `wk`), 李强 and a second cadre, with this device's user 汪晓艳.
fn setup(store: &mut Store) -> Fixture {
    let f = township(store);
    store
        .write(|w| {
            for (name, phone) in [("王坤", "13900005678"), ("李强", "15000001234")] {
                w.insert(
                    HouseholdId::new(),
                    &Household {
                        village_id: f.village,
                        group_id: Some(f.group),
                        head_name: name.into(),
                        address: None,
                        phone: Some(phone.into()),
                        tags: vec![],
                        cadre_id: Some(f.cadre),
                        note: None,
                    },
                )?;
            }
            w.insert(
                CadreId::new(),
                &Cadre {
                    township_id: Some(f.township),
                    name: "李明".into(),
                    phone: None,
                    unit: Some("白虎村委会".into()),
                    role: "cadre".into(),
                    village_ids: vec![f.village],
                },
            )?;
            Ok(())
        })
        .expect("more households");
    store
        .set_identity(&Identity {
            role: "cadre".into(),
            name: "汪晓艳".into(),
            township_id: f.township,
            cadre_id: f.cadre,
            created_at: "2026-01-05 09:00:00".into(),
        })
        .expect("identity");
    f
}

fn app_on(store: Store, day: NaiveDate, w: u16, h: u16) -> App {
    let mut app = App::new(store, Lang::Zh, day);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

fn fixture_app(day: NaiveDate, w: u16, h: u16) -> (App, Fixture) {
    let mut store = Store::open_in_memory().expect("store");
    let f = setup(&mut store);
    (app_on(store, day, w, h), f)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A key as the event loop gives it: first to the screen or layer, else a global action.
fn press(app: &mut App, k: KeyEvent) {
    if !app.on_key(k)
        && let Some(a) = action_for(k)
    {
        app.update(a);
    }
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, key(KeyCode::Char(c)));
    }
}

fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, key(KeyCode::Tab));
    }
}

fn screen(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
}

/// The values of the open form, as its draft holds them.
fn draft_json(app: &App) -> Value {
    let d = app
        .top()
        .and_then(|l| l.draft())
        .expect("a form with a draft");
    serde_json::from_str(&d.body).expect("draft json")
}

fn value(app: &App, field: &str) -> String {
    draft_json(app)["values"][field]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `2` then `n`: the visit form, focus on the household picker.
fn open_visit_form(app: &mut App) {
    press(app, key(KeyCode::Char('2')));
    press(app, key(KeyCode::Char('n')));
}

fn visit_count(app: &App) -> usize {
    app.store()
        .visits(Page::first(100))
        .expect("visits")
        .rows
        .len()
}

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

/// Opens the form, picks 王凯, types the notes and opens the raise-a-matter form.
fn raise_from_visit(app: &mut App) {
    open_visit_form(app);
    typ(app, "wk");
    press(app, key(KeyCode::Enter));
    tab(app, 3);
    typ(app, "反映三组村道破损，雨天无法通行");
    press(app, ctrl('r'));
}

#[test]
fn raise_matter_form_80x24() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    raise_from_visit(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn raise_matter_form_120x40() {
    let (mut app, _) = fixture_app(today(), 120, 40);
    raise_from_visit(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_deadline_follows_ledger_and_category_unless_typed_over() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    raise_from_visit(&mut app);
    // Prefilled from the visit: the household head, its phone and the notes.
    let sub = &draft_json(&app)["sub"];
    assert_eq!(sub["reporter"], "王凯");
    assert_eq!(sub["reporter_phone"], "13812345678");
    assert_eq!(sub["content"], "反映三组村道破损，雨天无法通行");
    // 民生 by default: 10 working days from Tue 24 Nov is Tue 8 Dec (two weekends).
    assert_eq!(sub["deadline"], "2026-12-08");
    assert!(screen(&app).contains("按10个工作日计：2026-12-08"));
    // 困难 → 因灾: 3 working days.
    press(&mut app, key(KeyCode::Right));
    tab(&mut app, 1);
    press(&mut app, key(KeyCode::Right));
    press(&mut app, key(KeyCode::Right));
    let sub = &draft_json(&app)["sub"];
    assert_eq!(
        (sub["ledger"].as_str(), sub["category"].as_str()),
        (Some("hardship"), Some("disaster"))
    );
    assert_eq!(sub["deadline"], "2026-11-27");
    // A typed deadline stays when the category changes; the note still gives the rule's.
    tab(&mut app, 6);
    press(&mut app, ctrl('u'));
    typ(&mut app, "2026-12-31");
    for _ in 0..6 {
        press(
            &mut app,
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        );
    }
    press(&mut app, key(KeyCode::Left));
    let sub = &draft_json(&app)["sub"];
    assert_eq!(sub["category"], "disability");
    assert_eq!(sub["deadline"], "2026-12-31");
    assert!(screen(&app).contains("按10个工作日计：2026-12-08"));
}

#[test]
fn a_full_save_writes_the_visit_and_a_livelihood_item_due_in_working_days() {
    // Mon 28 Sep 2026: 国庆 (1–7 Oct) and the 调休 Saturday 10 Oct lie in the next 10 working days.
    let day = NaiveDate::from_ymd_opt(2026, 9, 28).expect("date");
    let (mut app, f) = fixture_app(day, 80, 24);
    raise_from_visit(&mut app);
    // Without a title the matter is not added.
    press(&mut app, ctrl('s'));
    assert!(screen(&app).contains("✗ 此项必填"));
    typ(&mut app, "三组村道破损");
    press(&mut app, ctrl('s'));
    let s = screen(&app);
    assert!(
        s.contains("将登记：民生·道路交通 三组村道破损 时限 2026-10-16"),
        "{s}"
    );
    assert_eq!(
        visit_count(&app),
        1,
        "nothing written before the visit is saved"
    );
    // A second matter, then dropped again with Ctrl+D.
    press(&mut app, ctrl('r'));
    tab(&mut app, 2);
    typ(&mut app, "低保咨询");
    press(&mut app, ctrl('s'));
    assert_eq!(draft_json(&app)["raised"].as_array().map(Vec::len), Some(2));
    press(&mut app, ctrl('d'));
    assert_eq!(draft_json(&app)["raised"].as_array().map(Vec::len), Some(1));
    assert!(!screen(&app).contains("低保咨询"));

    press(&mut app, ctrl('s'));
    assert!(app.layers.is_empty(), "saved and closed");
    assert_eq!(
        app.status.as_deref(),
        Some("已保存走访记录，登记 两河-2026-0002")
    );
    let store = app.store();
    let row = store.visits(Page::first(10)).expect("visits").rows;
    let row = row
        .iter()
        .find(|r| r.heard == "反映三组村道破损，雨天无法通行")
        .expect("the new visit");
    let visit = store.get::<Visit>(row.id).expect("read").expect("visit");
    assert_eq!(visit.date, day);
    assert_eq!(visit.household_ids, vec![f.household]);
    assert_eq!(visit.village_id, Some(f.village));
    assert_eq!(visit.cadre_ids, vec![f.cadre]);
    assert_eq!(visit.recorded_by, Some(f.cadre));
    let items = store.items_of_visit(row.id).expect("items");
    assert_eq!(items.len(), 1);
    let item = store.get::<Item>(items[0].id).expect("read").expect("item");
    assert_eq!(item.number, "两河-2026-0002");
    assert_eq!(item.ledger(), Ledger::Livelihood);
    assert_eq!(item.category, "roads");
    assert_eq!(item.title, "三组村道破损");
    assert_eq!(item.source, "visit");
    assert_eq!(item.source_visit_id, Some(row.id));
    assert_eq!(item.household_id, Some(f.household));
    assert_eq!(item.village_id, Some(f.village));
    assert_eq!(item.group_id, Some(f.group));
    assert_eq!(item.reporter.as_deref(), Some("王凯"));
    assert_eq!(item.registered_by, Some(f.cadre));
    assert_eq!(item.registered_at.date(), day);
    // Sep 29, 30, Oct 8, 9, 10 (调休), 12–16: the tenth working day is Fri 16 Oct, where ten
    // weekdays would have given Mon 12 Oct.
    assert_eq!(item.deadline, d(2026, 10, 16));
    let events = store.progress_of(items[0].id).expect("progress");
    assert_eq!(events.len(), 1, "registered (挂号) with the visit");
    assert_eq!(
        store
            .item_state(items[0].id)
            .expect("state")
            .map(|s| s.status),
        Some(ItemStatus::Registered)
    );
}

#[test]
fn esc_asks_before_dropping_raised_matters() {
    let (mut app, _) = fixture_app(today(), 80, 24);
    raise_from_visit(&mut app);
    tab(&mut app, 2);
    typ(&mut app, "村道破损");
    press(&mut app, ctrl('s'));
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.layers.len(), 1);
    assert!(screen(&app).contains("放弃未保存的修改？"));
    press(&mut app, key(KeyCode::Char('n')));
    assert_eq!(app.layers.len(), 1, "still editing");
}

#[test]
fn a_draft_survives_a_restart_and_reopens_with_the_typed_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("minqing.db");
    let mut store = Store::open(&path).expect("store");
    setup(&mut store);
    let mut app = app_on(store, today(), 80, 24);
    raise_from_visit(&mut app);
    tab(&mut app, 2);
    typ(&mut app, "村道破损");
    press(&mut app, ctrl('s'));
    app.tick();
    drop(app);

    let store = Store::open(&path).expect("reopen");
    let mut app = app_on(store, today(), 80, 24);
    assert_eq!(app.prompt, Some(Prompt::Draft));
    let offered = app.offered_draft().expect("offered").title.clone();
    assert!(offered.contains("王凯"), "{offered}");
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.layers.len(), 1, "the form is back");
    let s = screen(&app);
    assert!(s.contains("反映三组村道破损，雨天无法通行"), "{s}");
    assert!(s.contains("✓ 王凯  白虎村三组"), "{s}");
    assert!(
        s.contains("将登记：民生·道路交通 村道破损 时限 2026-12-08"),
        "{s}"
    );
    assert!(app.top().expect("layer").unsaved());
    // And it saves from there.
    press(&mut app, ctrl('s'));
    assert!(app.layers.is_empty());
    assert_eq!(visit_count(&app), 2);
}

/// Writes the drafts, drops the app and starts a new one on the same file, answering Enter to
/// the restore question.
fn restart_and_restore(app: App, path: &std::path::Path) -> App {
    let mut app = app;
    app.tick();
    drop(app);
    let store = Store::open(path).expect("reopen");
    let mut app = app_on(store, today(), 80, 24);
    assert_eq!(app.prompt, Some(Prompt::Draft));
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.layers.len(), 1, "the form is back");
    app
}

#[test]
fn an_open_raise_a_matter_form_and_a_standalone_item_form_come_back_from_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("minqing.db");
    let mut store = Store::open(&path).expect("store");
    setup(&mut store);
    let mut app = app_on(store, today(), 80, 24);
    raise_from_visit(&mut app);
    press(&mut app, key(KeyCode::Right));
    tab(&mut app, 2);
    typ(&mut app, "低保申请");
    let mut app = restart_and_restore(app, &path);
    let s = screen(&app);
    assert!(
        s.contains("反映问题") && s.contains("‹ 困难 ›") && s.contains("低保申请"),
        "{s}"
    );
    // Esc (twice: it asks) goes back to the visit form, whose text is there too.
    press(&mut app, key(KeyCode::Esc));
    press(&mut app, key(KeyCode::Char('y')));
    assert!(screen(&app).contains("反映三组村道破损，雨天无法通行"));
    press(&mut app, key(KeyCode::Esc));
    press(&mut app, key(KeyCode::Char('y')));
    assert!(app.layers.is_empty());

    press(&mut app, key(KeyCode::Char('5')));
    press(&mut app, key(KeyCode::Char('n')));
    tab(&mut app, 5);
    typ(&mut app, "宅基地边界争议");
    let mut app = restart_and_restore(app, &path);
    let s = screen(&app);
    assert!(
        s.contains("登记事项") && s.contains("‹ 稳定 ›") && s.contains("宅基地边界争议"),
        "{s}"
    );
    press(&mut app, ctrl('s'));
    assert_eq!(app.status.as_deref(), Some("已登记 两河-2026-0002"));
}

#[test]
fn n_on_a_ledger_registers_an_item_outside_a_visit() {
    let (mut app, f) = fixture_app(today(), 80, 24);
    press(&mut app, key(KeyCode::Char('3')));
    press(&mut app, key(KeyCode::Char('n')));
    assert!(screen(&app).contains("登记事项"));
    tab(&mut app, 3);
    typ(&mut app, "李强");
    press(&mut app, key(KeyCode::Enter));
    tab(&mut app, 2);
    typ(&mut app, "路灯不亮");
    press(&mut app, ctrl('s'));
    assert!(app.layers.is_empty(), "{}", screen(&app));
    assert_eq!(app.status.as_deref(), Some("已登记 两河-2026-0002"));
    let rows = app
        .store()
        .items(&Default::default(), Page::first(10))
        .expect("items")
        .rows;
    let row = rows.iter().find(|r| r.title == "路灯不亮").expect("item");
    let item = app
        .store()
        .get::<Item>(row.id)
        .expect("read")
        .expect("item");
    assert_eq!(item.source, "walk_in");
    assert_eq!(item.source_visit_id, None);
    assert_eq!(item.village_id, Some(f.village), "from the household");
    assert_eq!(item.reporter.as_deref(), Some("李强"));
    assert_eq!(item.reporter_phone.as_deref(), Some("15000001234"));
    assert_eq!(item.deadline, d(2026, 12, 8));
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
