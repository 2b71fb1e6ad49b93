//! The item detail and its workflow actions driven through `App` with real key presses on
//! demo data: opening from a ledger tab, the action bar, refused actions, the 交办 → 办结 →
//! 回访 → 销号 path, validation errors that keep the form open, the logged phone reveal, the
//! edit form writing only changed fields; snapshots at 80×24 and 120×40.

mod common;

use common::tui::{self, demo_store, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::{Action, ActionKind, Item, ItemId, ItemStatus, Ledger, OpKind};
use minqing::i18n::Lang;
use minqing::store::query::ItemFilter;
use minqing::store::{Page, Store, VersionVector};
use minqing::tui::{App, action_for};

fn app_at(width: u16, height: u16) -> App {
    let mut app = App::new(demo_store(300), Lang::Zh, today());
    app.update(minqing::tui::Action::Resize { width, height });
    app
}

/// A key as the event loop handles it: the app (its top layer) first, then a global action.
fn key(app: &mut App, k: KeyEvent) {
    if !app.on_key(k)
        && let Some(a) = action_for(k)
    {
        app.update(a);
    }
}

fn press(app: &mut App, code: KeyCode) {
    key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn ch(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn ctrl_s(app: &mut App) {
    key(
        app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
}

/// Types text as keystrokes (a newline is Enter).
fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            c => ch(app, c),
        }
    }
}

fn screen(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
}

/// The first livelihood item (ledger order) with `status`.
fn first_with(store: &Store, status: ItemStatus) -> ItemId {
    let f = ItemFilter {
        ledger: Some(Ledger::Livelihood),
        status: Some(status),
        ..ItemFilter::default()
    };
    store.items(&f, Page::first(1)).expect("items").rows[0].id
}

/// The ledger tab 民生 filtered to `status` by its `s` key, with the first row selected.
fn ledger_filtered(app: &mut App, status: ItemStatus) -> ItemId {
    ch(app, '3');
    for _ in 0..8 {
        let v = app.views.ledgers[0].as_ref().expect("ledger shown");
        if v.filter.status == Some(status) {
            return v.selected_row().expect("a row").item.id;
        }
        ch(app, 's');
    }
    panic!("status {status:?} not reached by s");
}

fn ops_since(store: &Store, vv: &VersionVector) -> Vec<minqing::domain::Op> {
    store.ops_after(vv).expect("ops")
}

fn kinds(store: &Store, id: ItemId) -> Vec<ActionKind> {
    let events = store.progress_of(id).expect("progress");
    events.iter().map(|e| e.action.kind()).collect()
}

#[test]
fn enter_on_a_ledger_row_opens_its_detail_and_esc_returns() {
    let mut app = app_at(80, 24);
    ch(&mut app, '3');
    let row = app.views.ledgers[0]
        .as_ref()
        .and_then(|v| v.selected_row())
        .expect("a row")
        .item
        .clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.layers.len(), 1, "the detail is open");
    let s = screen(&app);
    assert!(s.contains(&row.number), "{s}");
    assert!(s.contains("办理进展"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.layers.is_empty());
    assert!(screen(&app).contains("筛选"), "back on the ledger");
}

#[test]
fn the_action_bar_offers_only_what_the_workflow_allows() {
    let mut app = app_at(80, 24);
    ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);
    let bar = screen(&app).lines().nth(22).expect("bar line").to_owned();
    assert!(
        bar.starts_with("a 交办  p 进展  b 办结  u 上报  z 暂缓  e 编辑"),
        "{bar}"
    );
    for absent in ["回访", "销号", "重办"] {
        assert!(!bar.contains(absent), "{bar}");
    }
    press(&mut app, KeyCode::Esc);
    ledger_filtered(&mut app, ItemStatus::Answered);
    press(&mut app, KeyCode::Enter);
    let bar = screen(&app).lines().nth(22).expect("bar line").to_owned();
    // 上报 too: verifying an answer may find it beyond the village's level.
    assert!(
        bar.starts_with("f 回访  x 销号  o 重办  u 上报  e 编辑"),
        "{bar}"
    );
    for absent in ["交办", "进展", "办结", "暂缓"] {
        assert!(!bar.contains(absent), "{bar}");
    }
}

#[test]
fn a_refused_action_writes_nothing_and_says_why() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);
    let vv = app.store().version_vector().expect("vv");
    ch(&mut app, 'x');
    assert_eq!(app.layers.len(), 1, "no form opened");
    assert!(screen(&app).contains("当前状态“已挂号”下不能销号"));
    ch(&mut app, 'f');
    assert!(screen(&app).contains("当前状态“已挂号”下不能回访"));
    assert!(ops_since(app.store(), &vv).is_empty(), "nothing written");
    assert_eq!(kinds(app.store(), id), vec![ActionKind::Register]);
    // The next key clears the message.
    press(&mut app, KeyCode::Down);
    assert!(!screen(&app).contains("不能回访"));
}

#[test]
fn assign_answer_return_visit_close_by_keys() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);

    ch(&mut app, 'a');
    typed(&mut app, "镇水务站\n李春梅\n");
    // The deadline field holds the current due date; replace it.
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-12-04");
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("已交办"));
    assert_eq!(app.layers.len(), 1, "back on the detail");
    assert!(screen(&app).contains("镇水务站"), "the detail reloaded");

    ch(&mut app, 'b');
    typed(&mut app, "已更换破损管道，恢复供水");
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("已办结，待回访"));

    ch(&mut app, 'f');
    ctrl_s(&mut app); // 满意 is the first choice.
    assert_eq!(app.status.as_deref(), Some("已回访"));

    ch(&mut app, 'x');
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("已销号"));

    let state = app.store().item_state(id).expect("state").expect("item");
    assert_eq!(state.status, ItemStatus::Closed);
    assert_eq!(state.responsible_unit.as_deref(), Some("镇水务站"));
    assert_eq!(state.responsible_person.as_deref(), Some("李春梅"));
    assert_eq!(state.due_date.to_string(), "2026-12-04");
    assert_eq!(state.result.as_deref(), Some("已更换破损管道，恢复供水"));
    assert_eq!(
        kinds(app.store(), id),
        vec![
            ActionKind::Register,
            ActionKind::Assign,
            ActionKind::Answer,
            ActionKind::ReturnVisit,
            ActionKind::Close
        ]
    );
    let events = app.store().progress_of(id).expect("progress");
    assert!(
        events[1..].iter().all(|e| e.by_name == "胡文斌"),
        "the demo user"
    );
    let s = screen(&app);
    assert!(s.contains("已销号"), "{s}");
    assert!(
        s.contains("o 重办  e 编辑"),
        "closed: only 重办 is left: {s}"
    );
}

#[test]
fn an_empty_result_keeps_the_answer_form_open_with_what_was_typed() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);
    let vv = app.store().version_vector().expect("vv");
    ch(&mut app, 'b');
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "电话联系了王主任");
    ctrl_s(&mut app);
    assert_eq!(app.layers.len(), 2, "the form stays open");
    let s = screen(&app);
    assert!(s.contains("✗ 此项必填"), "{s}");
    assert!(s.contains("电话联系了王主任"), "typed text kept: {s}");
    assert!(ops_since(app.store(), &vv).is_empty());
    assert_eq!(kinds(app.store(), id), vec![ActionKind::Register]);
}

#[test]
fn a_bad_deadline_keeps_the_assign_form_open_with_what_was_typed() {
    let mut app = app_at(80, 24);
    ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);
    let vv = app.store().version_vector().expect("vv");
    ch(&mut app, 'a');
    typed(&mut app, "镇水务站\n\n");
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-02-30");
    ctrl_s(&mut app);
    assert_eq!(app.layers.len(), 2, "the form stays open");
    let s = screen(&app);
    assert!(s.contains("✗ 没有这一天"), "{s}");
    assert!(s.contains("2026-02-30") && s.contains("镇水务站"), "{s}");
    assert!(ops_since(app.store(), &vv).is_empty());
    // Neither unit nor person: the workflow's own rule, under the unit.
    // The error focused the deadline; back to the unit.
    for _ in 0..2 {
        press(&mut app, KeyCode::BackTab);
    }
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    ctrl_s(&mut app);
    assert!(screen(&app).contains("✗ 交办须填写责任单位或责任人"));
    assert!(ops_since(app.store(), &vv).is_empty());
}

#[test]
fn revealing_the_phone_is_logged_once_and_hidden_again_on_close() {
    let mut app = app_at(80, 24);
    ch(&mut app, '3');
    let row = app.views.ledgers[0]
        .as_ref()
        .expect("ledger")
        .rows
        .iter()
        .map(|(r, _)| r.item.clone())
        .find(|r| r.reporter_phone.is_some())
        .expect("a row with a phone");
    let phone = row.reporter_phone.clone().expect("phone");
    app.open(minqing::tui::open::Target::Item(row.id));
    let masked = minqing::domain::mask::mask_phone(&phone);
    assert!(screen(&app).contains(&masked));
    assert!(!screen(&app).contains(&phone));
    assert!(app.store().access_log(None).expect("log").is_empty());

    ch(&mut app, 's');
    assert!(screen(&app).contains(&phone), "revealed");
    let log = app.store().access_log(None).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].entity, "item");
    assert_eq!(log[0].entity_id, row.id.to_string());
    assert_eq!(log[0].field, "reporter_phone");
    assert_eq!(log[0].via, "tui");
    assert_eq!(log[0].cadre_name, "胡文斌");
    assert!(log[0].cadre_id.is_some());

    ch(&mut app, 's');
    assert!(!screen(&app).contains(&phone), "hidden again");
    press(&mut app, KeyCode::Esc);
    app.open(minqing::tui::open::Target::Item(row.id));
    assert!(!screen(&app).contains(&phone), "masked when reopened");
    assert_eq!(app.store().access_log(None).expect("log").len(), 1);
}

#[test]
fn edit_writes_only_the_changed_field() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Assigned);
    press(&mut app, KeyCode::Enter);
    let before: Item = app.store().get(id).expect("get").expect("item");
    let vv = app.store().version_vector().expect("vv");
    ch(&mut app, 'e');
    typed(&mut app, "（补充）");
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("已保存修改"));
    let ops = ops_since(app.store(), &vv);
    assert_eq!(ops.len(), 1, "one operation");
    assert_eq!(ops[0].kind, OpKind::Set);
    let keys: Vec<&str> = ops[0].fields.keys().map(String::as_str).collect();
    assert_eq!(keys, vec!["title"]);
    let after: Item = app.store().get(id).expect("get").expect("item");
    assert_eq!(after.title, format!("{}（补充）", before.title));
    assert_eq!(after.content, before.content);
    assert_eq!(
        after.reporter_phone, before.reporter_phone,
        "masked phone kept"
    );
    assert!(screen(&app).contains("（补充）"), "the detail reloaded");

    // Saving again without changes writes nothing.
    let vv = app.store().version_vector().expect("vv");
    ch(&mut app, 'e');
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("没有修改"));
    assert!(ops_since(app.store(), &vv).is_empty());
}

#[test]
fn an_unsatisfied_return_visit_reopens() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Answered);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'f');
    press(&mut app, KeyCode::Left); // 满意 → 不满意
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "群众反映水压仍然不够");
    ctrl_s(&mut app);
    assert_eq!(
        app.status.as_deref(),
        Some("已回访：群众不满意，事项转为重办")
    );
    let st = app.store().item_state(id).expect("state").expect("item");
    assert_eq!(st.status, ItemStatus::Reopened);
    let last = app.store().progress_of(id).expect("events");
    let last = last.last().expect("event");
    assert!(matches!(last.action, Action::ReturnVisit { .. }));
    assert_eq!(last.note, "群众反映水压仍然不够");
}

/// A demo item with a long timeline (the first closed one), opened in the app.
fn detail_of_closed(width: u16, height: u16) -> App {
    let mut app = app_at(width, height);
    ch(&mut app, '3');
    let id = first_with(app.store(), ItemStatus::Closed);
    assert!(app.store().progress_of(id).expect("events").len() >= 5);
    app.open(minqing::tui::open::Target::Item(id));
    app
}

#[test]
fn snapshot_detail_with_timeline() {
    let app = detail_of_closed(80, 24);
    insta::assert_snapshot!("detail_timeline_80x24", screen(&app));
    let app = detail_of_closed(120, 40);
    insta::assert_snapshot!("detail_timeline_120x40", screen(&app));
}

#[test]
fn the_detail_scrolls_to_the_end_of_the_timeline() {
    let mut app = detail_of_closed(80, 24);
    let first = screen(&app);
    press(&mut app, KeyCode::End);
    let end = screen(&app);
    assert_ne!(first, end);
    let last_event = app
        .store()
        .progress_of(first_with(app.store(), ItemStatus::Closed));
    let who = last_event
        .expect("events")
        .last()
        .expect("e")
        .by_name
        .clone();
    assert!(end.contains("销号") && end.contains(&who), "{end}");
    press(&mut app, KeyCode::Home);
    assert_eq!(screen(&app), first);
    // The wheel scrolls too, and never past the top.
    app.update(minqing::tui::Action::Scroll(3));
    assert_ne!(screen(&app), first);
    app.update(minqing::tui::Action::Scroll(-30));
    assert_eq!(screen(&app), first);
}

fn answer_form_with_error(width: u16, height: u16) -> App {
    let mut app = app_at(width, height);
    ledger_filtered(&mut app, ItemStatus::InProgress);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'b');
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "已与水务站联系");
    ctrl_s(&mut app);
    app
}

#[test]
fn snapshot_action_form_with_error() {
    insta::assert_snapshot!(
        "answer_error_80x24",
        screen(&answer_form_with_error(80, 24))
    );
    insta::assert_snapshot!(
        "answer_error_120x40",
        screen(&answer_form_with_error(120, 40))
    );
}

fn edit_form(width: u16, height: u16) -> App {
    let mut app = app_at(width, height);
    ledger_filtered(&mut app, ItemStatus::InProgress);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'e');
    app
}

#[test]
fn snapshot_edit_form() {
    insta::assert_snapshot!("edit_80x24", screen(&edit_form(80, 24)));
    insta::assert_snapshot!("edit_120x40", screen(&edit_form(120, 40)));
}

#[test]
fn an_action_form_keeps_a_draft_while_typing_and_drops_it_on_save() {
    let mut app = app_at(80, 24);
    let id = ledger_filtered(&mut app, ItemStatus::Registered);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'p');
    typed(&mut app, "已约水务站周四到现场");
    app.tick();
    let drafts = app.store().drafts().expect("drafts");
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].slot, format!("action:progress:{id}"));
    assert!(drafts[0].body.contains("已约水务站周四到现场"));
    ctrl_s(&mut app);
    assert_eq!(app.status.as_deref(), Some("已记录进展"));
    assert!(app.store().drafts().expect("drafts").is_empty());
    let st = app.store().item_state(id).expect("state").expect("item");
    assert_eq!(st.status, ItemStatus::InProgress);
}
