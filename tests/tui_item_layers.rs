//! The item detail's layers used directly on the small fixture township: conflicts marked in
//! the detail and shown in the edit form (phones masked), the closing guards mapped onto the
//! reason field, escalation offering only higher levels, clicks on the action bar, drafts that
//! restore what was typed, and the English texts.

mod common;

use common::{Fixture, event, fields, township};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::{Action, ActionKind, Item, ItemStatus, ProgressId, Satisfaction};
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::tui::form::FieldKind;
use minqing::tui::layer::{Ctx, Layer, Outcome};
use minqing::tui::open;
use minqing::tui::screens::item_actions::ActionForm;
use minqing::tui::screens::item_detail::ItemDetail;
use minqing::tui::screens::item_edit::EditForm;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::json;

fn ctx(store: &mut Store, lang: Lang) -> Ctx<'_> {
    Ctx {
        store,
        lang,
        today: common::d(2026, 3, 10),
        me: None,
    }
}

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl_s() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
}

fn type_into(layer: &mut dyn Layer, cx: &mut Ctx<'_>, s: &str) {
    for c in s.chars() {
        layer.on_key(cx, k(KeyCode::Char(c)));
    }
}

/// A layer drawn alone into the body of an 80×`h` screen, as text.
fn draw(layer: &dyn Layer, h: u16) -> String {
    let area = Rect::new(0, 0, 80, h);
    let mut buf = Buffer::empty(area);
    layer.render(area, &mut buf);
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < 80 {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).expect("w");
        }
        out.push('\n');
    }
    out
}

fn detail(store: &mut Store, f: &Fixture, lang: Lang) -> ItemDetail {
    ItemDetail::load(&ctx(store, lang), f.item)
        .expect("load")
        .expect("item")
}

fn step(store: &mut Store, f: &Fixture, a: Action, day: u32) {
    store
        .write(|w| w.add_progress(ProgressId::new(), &event(f.item, a, day)))
        .expect("allowed step");
}

fn answered(store: &mut Store, f: &Fixture) {
    let result = "已更换管道".to_owned();
    step(store, f, Action::Answer { result }, 4);
}

#[test]
fn conflicts_are_marked_and_their_values_shown_in_the_edit_form() {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    let f = township(&mut a);
    let to_b = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    b.apply_remote(&to_b).expect("b receives");
    let edit = |s: &mut Store, title: &str, content: &str, phone: &str| {
        let map = fields(&[
            ("title", json!(title)),
            ("content", json!(content)),
            ("reporter_phone", json!(phone)),
        ]);
        s.write(|w| w.update::<Item>(f.item, map)).expect("edit");
    };
    edit(&mut a, "赤石组水管破裂", "甲的说法", "13811110000");
    edit(&mut b, "赤石组饮水管道冻裂", "乙的说法", "13922220000");
    let to_a = b.ops_after(&a.version_vector().expect("vv")).expect("ops");
    a.apply_remote(&to_a).expect("a merges");

    let mut d = detail(&mut a, &f, Lang::Zh);
    assert_eq!(d.conflicts, vec!["content", "reporter_phone", "title"]);
    let screen = draw(&d, 21);
    assert!(screen.contains("⚠ 有 3 处冲突：按 m 处理"), "{screen}");
    assert!(
        screen.lines().next().expect("header").contains(" ⚠"),
        "{screen}"
    );
    let phone_line = screen.lines().find(|l| l.contains("电话")).expect("phone");
    assert!(phone_line.contains("⚠ "), "{phone_line}");
    // `m` opens the conflict screen where it exists, or says it is not there yet.
    let mut cx = ctx(&mut a, Lang::Zh);
    match d.on_key(&mut cx, k(KeyCode::Char('m'))) {
        Outcome::Open(_) => {}
        Outcome::Stay => assert_eq!(
            d.message.as_deref(),
            Some("无法打开：该页面尚未提供，或记录已不存在")
        ),
        _ => panic!("m neither opened nor explained"),
    }

    let form = EditForm::open(&cx, f.item, d.item.clone(), false);
    let note = form.form.field("title").and_then(|x| x.note.clone());
    let note = note.expect("title note");
    assert!(
        note.contains("赤石组水管破裂") && note.contains("赤石组饮水管道冻裂"),
        "{note}"
    );
    let phone = form
        .form
        .field("reporter_phone")
        .and_then(|x| x.note.clone());
    let phone = phone.expect("phone note");
    assert!(
        phone.contains("138****0000") && phone.contains("139****0000"),
        "{phone}"
    );
    assert!(
        !phone.contains("13811110000"),
        "masked until revealed: {phone}"
    );
    let footer = form.form.footer.join("\n");
    assert!(
        footer.contains("甲的说法") && footer.contains("乙的说法"),
        "{footer}"
    );
    let shown = EditForm::open(&cx, f.item, d.item.clone(), true);
    let phone = shown
        .form
        .field("reporter_phone")
        .and_then(|x| x.note.clone());
    assert!(phone.expect("note").contains("13811110000"), "revealed");
}

#[test]
fn closing_without_a_satisfied_return_visit_needs_a_reason_under_the_field() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    answered(&mut store, &f);
    let d = detail(&mut store, &f, Lang::Zh);
    let mut form = ActionForm::offer(
        Lang::Zh,
        d.today,
        f.item,
        &d.item,
        &d.state,
        &d.events,
        ActionKind::Close,
    )
    .expect("closing is allowed from answered");
    let mut cx = ctx(&mut store, Lang::Zh);
    assert!(matches!(form.on_key(&mut cx, ctrl_s()), Outcome::Stay));
    let err = form.form.field("reason").and_then(|x| x.error.clone());
    assert_eq!(
        err.as_deref(),
        Some("销号前需回访且群众满意或基本满意；否则请填写销号理由")
    );
    type_into(
        &mut form,
        &mut cx,
        "群众外出务工，无法回访，经村委会核实已解决",
    );
    assert!(matches!(form.on_key(&mut cx, ctrl_s()), Outcome::Saved(m) if m == "已销号"));
    let events = store.progress_of(f.item).expect("events");
    match &events.last().expect("event").action {
        Action::Close { reason: Some(r) } => assert!(r.contains("无法回访"), "{r}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_deferred_item_closes_only_with_the_reply() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let reason = "政策暂不支持".to_owned();
    step(&mut store, &f, Action::Defer { reason }, 3);
    let d = detail(&mut store, &f, Lang::Zh);
    let offered: Vec<ActionKind> = d.offered().into_iter().map(|(_, k)| k).collect();
    assert_eq!(offered, vec![ActionKind::Assign, ActionKind::Close]);
    let mut form = ActionForm::offer(
        Lang::Zh,
        d.today,
        f.item,
        &d.item,
        &d.state,
        &d.events,
        ActionKind::Close,
    )
    .expect("allowed");
    let mut cx = ctx(&mut store, Lang::Zh);
    form.on_key(&mut cx, ctrl_s());
    let err = form.form.field("reason").and_then(|x| x.error.clone());
    assert_eq!(err.as_deref(), Some("暂缓事项销号须填写合理答复内容"));
    assert_eq!(store.progress_of(f.item).expect("events").len(), 2);
}

#[test]
fn escalation_offers_only_higher_levels_and_stops_at_the_county() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let d = detail(&mut store, &f, Lang::Zh);
    let form = ActionForm::offer(
        Lang::Zh,
        d.today,
        f.item,
        &d.item,
        &d.state,
        &d.events,
        ActionKind::Escalate,
    )
    .expect("allowed");
    let codes: Vec<String> = match &form.form.field("level").expect("level").kind {
        FieldKind::Select { options, .. } => options.iter().map(|c| c.code.clone()).collect(),
        _ => panic!("level is a choice"),
    };
    assert_eq!(codes, vec!["township", "county"], "village item");

    let level = minqing::domain::Level::County;
    step(&mut store, &f, Action::Escalate { level }, 3);
    let mut d = detail(&mut store, &f, Lang::Zh);
    let mut cx = ctx(&mut store, Lang::Zh);
    assert!(matches!(
        d.on_key(&mut cx, k(KeyCode::Char('u'))),
        Outcome::Stay
    ));
    assert_eq!(d.message.as_deref(), Some("上报须提高层级(村→镇→县)"));
}

#[test]
fn a_click_on_the_action_bar_opens_that_action() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    answered(&mut store, &f);
    let mut d = detail(&mut store, &f, Lang::Zh);
    let screen = draw(&d, 21);
    let bar = screen.lines().nth(20).expect("bar");
    assert!(bar.starts_with("f 回访  x 销号"), "{bar}");
    // The body as App gives it: below the tab bar, the bar on row 22.
    let area = Rect::new(0, 2, 80, 21);
    let mut cx = ctx(&mut store, Lang::Zh);
    // "f 回访" takes columns 0–5, then two spaces: "x 销号" starts at column 8.
    match d.on_click(&mut cx, area, 9, 22) {
        Outcome::Open(layer) => {
            assert_eq!(layer.draft_slot(), Some(format!("action:close:{}", f.item)))
        }
        _ => panic!("the click opened nothing"),
    }
    assert!(matches!(d.on_click(&mut cx, area, 40, 10), Outcome::Stay));
}

#[test]
fn drafts_of_action_and_edit_forms_restore_what_was_typed() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let d = detail(&mut store, &f, Lang::Zh);
    let mut cx = ctx(&mut store, Lang::Zh);
    let mut form = ActionForm::offer(
        Lang::Zh,
        d.today,
        f.item,
        &d.item,
        &d.state,
        &d.events,
        ActionKind::Progress,
    )
    .expect("allowed");
    assert!(!form.unsaved());
    type_into(&mut form, &mut cx, "水务站明天到现场");
    assert!(form.unsaved());
    let draft = form.draft().expect("draft");
    assert_eq!(draft.slot, format!("action:progress:{}", f.item));
    assert_eq!(draft.kind, "action:progress");
    assert!(
        draft.title.starts_with("进展：两河-2026-0001"),
        "{}",
        draft.title
    );
    let back = open::restore(&mut cx, &draft)
        .expect("restore")
        .expect("layer");
    assert!(back.unsaved());
    assert_eq!(back.draft().expect("draft").body, draft.body);
    assert!(draft.body.contains("水务站明天到现场"));

    // Opened after a reveal: the phone is in the form but never in the draft unless retyped.
    let mut edit = EditForm::open(&cx, f.item, d.item.clone(), true);
    assert_eq!(edit.form.value("reporter_phone"), "13812345678");
    type_into(&mut edit, &mut cx, "（急）");
    let draft = edit.draft().expect("draft");
    assert_eq!(draft.slot, format!("item_edit:{}", f.item));
    let back = open::restore(&mut cx, &draft)
        .expect("restore")
        .expect("layer");
    assert_eq!(back.draft().expect("draft").body, draft.body);
    assert!(draft.body.contains("赤石组饮水管道破裂（急）"));
    assert!(!draft.body.contains("13812345678"), "{}", draft.body);
    // An unknown kind is not this screen's.
    let mut other = draft.clone();
    other.kind = "visit_new".into();
    assert!(open::restore(&mut cx, &other).expect("restore").is_none());
}

#[test]
fn english_labels_and_action_bar() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    answered(&mut store, &f);
    let sat = Satisfaction::Basically;
    step(&mut store, &f, Action::ReturnVisit { satisfaction: sat }, 5);
    let d = detail(&mut store, &f, Lang::En);
    assert_eq!(d.state.status, ItemStatus::Answered);
    let screen = draw(&d, 30);
    for text in [
        "Status",
        "Progress (3)",
        "Return visit",
        "satisfaction: Basically satisfied",
        "f Return visit  x Close  o Reopen  u Escalate  e Edit",
        "138****5678 (s shows)",
    ] {
        assert!(screen.contains(text), "{text} in\n{screen}");
    }
}
