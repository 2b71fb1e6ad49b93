//! Raising matters from the visit form (Ctrl+R) and the standalone item form, driven through
//! `App` key presses on a small fixture township: deadlines in working days, the visit and its
//! items written together, drafts that survive a restart; snapshots at 80×24 and 120×40.

mod common;

use chrono::NaiveDate;
use common::d;
use common::tui::today;
use common::visit::{
    app_on, ctrl, draft_json, fixture_app, key, open_visit_form, press, screen, setup, tab, typ,
    visit_count,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::*;
use minqing::store::{Page, Store};
use minqing::tui::App;
use minqing::tui::app::Prompt;

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
