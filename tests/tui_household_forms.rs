//! The household and member forms: opened through `App` (`n` on the household list, `a` and
//! `E` in the detail) and driven key by key; validation that keeps the form open with
//! everything typed; edits that write only what changed; drafts that reopen; snapshots at
//! 80×24 and 120×40 with Chinese data.

mod common;

use common::household::{
    app, app_on_household, ctrl, ctx, detail, fixture, id_number, key, press, render_app,
    render_layer, send, type_app, type_layer,
};
use common::tui::demo_store;
use common::{d, township};
use crossterm::event::KeyCode;
use minqing::domain::*;
use minqing::store::{Page, Store};
use minqing::tui::layer::{Layer, Outcome};
use minqing::tui::open::{self, Target};
use minqing::tui::screens::household_form::HouseholdForm;
use minqing::tui::screens::member_form::MemberForm;
use serde_json::json;

#[test]
fn new_household_through_keys_writes_the_household_and_its_head() {
    let mut a = app(demo_store(300), 80, 24);
    press(&mut a, key(KeyCode::Char('6')));
    press(&mut a, key(KeyCode::Char('n')));
    assert_eq!(a.layers.len(), 1, "n opened the household form");
    let id = id_number("51072319800501123");
    type_app(
        &mut a,
        &format!("张建国\n{id}\n13812345678\n桂桥村一组5号\ndb\n"),
    );
    press(&mut a, ctrl('s'));
    assert!(a.layers.is_empty(), "saved and closed:\n{}", render_app(&a));
    assert_eq!(a.status.as_deref(), Some("已建立农户：张建国"));
    let store = a.store();
    let found = store
        .pick_households("张建国", None, Page::first(5))
        .expect("search")
        .rows;
    assert_eq!(found.len(), 1);
    let h: Household = store.get(found[0].id).expect("get").expect("household");
    assert_eq!(h.phone.as_deref(), Some("13812345678"));
    assert_eq!(h.address.as_deref(), Some("桂桥村一组5号"));
    assert_eq!(h.tags, ["dibao"], "only catalog codes are stored");
    let me = store.identity().expect("id").expect("demo user");
    assert_eq!(h.cadre_id, Some(me.cadre_id), "assigned to me by default");
    let members = store.persons_of(found[0].id).expect("members");
    assert_eq!(members.len(), 1, "the head became a member");
    let head = &members[0].1;
    assert_eq!(head.relation, "head");
    assert_eq!(head.name, "张建国");
    assert_eq!(head.id_number.as_deref(), Some(id.as_str()));
    assert_eq!(head.birth_date, Some(d(1980, 5, 1)));
    assert_eq!(head.sex.as_deref(), Some("m"), "17th digit 3 is odd: male");
    assert!(store.check().expect("check").ok());
}

#[test]
fn a_wrong_id_check_character_keeps_the_form_open_until_corrected() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let mut form = HouseholdForm::new_household(&mut ctx).expect("form");
    assert_eq!(form.form.value("village"), f.village.to_string());
    // 11010519491231002 needs X; typing 1 is a slip.
    type_layer(
        &mut form,
        &mut ctx,
        "李桂芳\n110105194912310021\n13900001111\n白虎村二组8号\n",
    );
    let o = send(&mut form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Stay), "stays open");
    let err = form
        .form
        .field("head_id_number")
        .and_then(|x| x.error.clone());
    assert_eq!(err.as_deref(), Some("身份证号校验位错误，应为 X，请核对"));
    assert_eq!(form.form.focused(), "head_id_number");
    assert_eq!(form.form.value("head_name"), "李桂芳");
    assert_eq!(form.form.value("head_id_number"), "110105194912310021");
    assert_eq!(form.form.value("phone"), "13900001111");
    assert_eq!(form.form.value("address"), "白虎村二组8号");
    // The message is drawn on the line right under the ID field.
    let screen = render_layer(&form, 80, 21);
    let lines: Vec<&str> = screen.lines().collect();
    let at_id = lines
        .iter()
        .position(|l| l.contains("户主身份证号"))
        .expect("id row");
    assert!(
        lines[at_id + 1].contains("✗ 身份证号校验位错误，应为 X"),
        "{screen}"
    );
    assert_eq!(ctx.store.live(EntityKind::Household).expect("count"), 1);
    // Correct the last character and save.
    send(&mut form, &mut ctx, key(KeyCode::Backspace));
    type_layer(&mut form, &mut ctx, "X");
    let o = send(&mut form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Saved(ref m) if m == "已建立农户：李桂芳"));
    let found = ctx
        .store
        .pick_households("李桂芳", None, Page::first(5))
        .expect("search")
        .rows;
    assert_eq!(found.len(), 1);
    let members = ctx.store.persons_of(found[0].id).expect("members");
    assert_eq!(
        members[0].1.id_number.as_deref(),
        Some("11010519491231002X")
    );
    assert_eq!(
        members[0].1.sex.as_deref(),
        Some("f"),
        "17th digit 2: female"
    );
}

#[test]
fn snapshots_of_the_household_form_with_an_error() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(demo_store(300), w, h);
        press(&mut a, key(KeyCode::Char('6')));
        press(&mut a, key(KeyCode::Char('n')));
        type_app(&mut a, "张建国\n510723198005011230\n1381234567\n");
        press(&mut a, ctrl('s'));
        assert_eq!(a.layers.len(), 1, "still open");
        insta::assert_snapshot!(format!("household_form_error_{w}x{h}"), render_app(&a));
    }
}

#[test]
fn a_bad_phone_keeps_the_member_form_open_then_saves() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let mut det = detail(&mut ctx, f.household);
    let Outcome::Open(mut form) = send(&mut det, &mut ctx, key(KeyCode::Char('a'))) else {
        panic!("a opens the member form");
    };
    assert!(form.draft_slot().expect("slot").starts_with("member_new:"));
    type_layer(&mut *form, &mut ctx, "王小军\n");
    // Relation: 户主 → 配偶 → 子.
    for _ in 0..3 {
        send(&mut *form, &mut ctx, key(KeyCode::Right));
    }
    send(&mut *form, &mut ctx, key(KeyCode::Enter));
    let id = id_number("11010519851103005");
    type_layer(&mut *form, &mut ctx, &format!("{id}\n\n\n1391234"));
    let o = send(&mut *form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Stay));
    let screen = render_layer(&*form, 80, 21);
    assert!(screen.contains("✗ 手机号应为 11 位数字"), "{screen}");
    assert!(screen.contains("王小军"), "{screen}");
    assert!(screen.contains(&id), "{screen}");
    type_layer(&mut *form, &mut ctx, "5678");
    let o = send(&mut *form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Saved(ref m) if m == "已保存家庭成员：王小军"));
    let members = ctx.store.persons_of(f.household).expect("members");
    let (_, p) = members
        .iter()
        .find(|(_, p)| p.name == "王小军")
        .expect("added");
    assert_eq!(p.relation, "son");
    assert_eq!(p.phone.as_deref(), Some("13912345678"));
    assert_eq!(p.birth_date, Some(d(1985, 11, 3)), "taken from the ID");
    assert_eq!(p.sex.as_deref(), Some("m"), "taken from the ID");
    // The detail shows the new member after the reload App does.
    det.reload(&mut ctx);
    assert_eq!(det.members.len(), 2);
}

#[test]
fn birth_date_and_sex_must_agree_with_the_id_number() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let mut form = MemberForm::new_member(&ctx, f.household, "王凯");
    type_layer(&mut form, &mut ctx, "赵兰\n");
    send(&mut form, &mut ctx, key(KeyCode::Right));
    send(&mut form, &mut ctx, key(KeyCode::Right));
    send(&mut form, &mut ctx, key(KeyCode::Enter));
    type_layer(&mut form, &mut ctx, "11010519491231002X\n");
    let note = form.form.field("birth_date").and_then(|x| x.note.clone());
    assert_eq!(note.as_deref(), Some("身份证：1949-12-31 女"));
    // Sex: 男 (wrong), birth date: another day.
    send(&mut form, &mut ctx, key(KeyCode::Right));
    send(&mut form, &mut ctx, key(KeyCode::Enter));
    type_layer(&mut form, &mut ctx, "1950-01-01");
    let o = send(&mut form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Stay));
    let err = |k: &str| form.form.field(k).and_then(|x| x.error.clone());
    assert_eq!(
        err("birth_date").as_deref(),
        Some("出生日期与身份证号不符（身份证为 1949-12-31）")
    );
    assert_eq!(
        err("sex").as_deref(),
        Some("性别与身份证号不符（身份证为 女）")
    );
    insta::assert_snapshot!("member_form_errors_80x24", render_layer(&form, 80, 21));
    insta::assert_snapshot!("member_form_errors_120x40", render_layer(&form, 120, 37));
}

#[test]
fn snapshots_of_the_member_form_in_app() {
    for (w, h) in [(80, 24), (120, 40)] {
        let (mut a, _) = app_on_household(w, h);
        press(&mut a, key(KeyCode::Char('a')));
        assert_eq!(a.layers.len(), 2, "a opened the member form");
        type_app(&mut a, "冯小雨\n");
        insta::assert_snapshot!(format!("member_form_{w}x{h}"), render_app(&a));
    }
}

#[test]
fn editing_a_household_writes_only_the_changed_fields() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let ops_before = ctx.store.op_count().expect("ops");
    let mut det = detail(&mut ctx, f.household);
    let Outcome::Open(mut form) = send(&mut det, &mut ctx, key(KeyCode::Char('E'))) else {
        panic!("E opens the household form");
    };
    assert_eq!(
        form.draft_slot().as_deref(),
        Some(format!("household_edit:{}", f.household).as_str())
    );
    // The form opens on the phone: replace it.
    for _ in 0..11 {
        send(&mut *form, &mut ctx, key(KeyCode::Backspace));
    }
    type_layer(&mut *form, &mut ctx, "139 0000 1111");
    let o = send(&mut *form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Saved(ref m) if m == "已保存农户：王凯"));
    assert_eq!(ctx.store.op_count().expect("ops"), ops_before + 1);
    let id = f.household.to_string();
    let phone = ctx.store.field_values(&id, "phone").expect("heads");
    assert_eq!(phone.len(), 1);
    assert_eq!(phone[0].2, json!("13900001111"));
    for untouched in [
        "head_name",
        "village_id",
        "group_id",
        "address",
        "tags",
        "cadre_id",
        "note",
    ] {
        assert!(
            ctx.store
                .field_values(&id, untouched)
                .expect("heads")
                .is_empty(),
            "{untouched} was written"
        );
    }
    // Saving again without a change writes nothing.
    let Outcome::Open(mut form) = send(&mut det, &mut ctx, key(KeyCode::Char('E'))) else {
        panic!("E opens the household form");
    };
    let o = send(&mut *form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Saved(ref m) if m == "没有修改"));
    assert_eq!(ctx.store.op_count().expect("ops"), ops_before + 1);
}

#[test]
fn drafts_reopen_with_what_was_typed() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let mut form = HouseholdForm::new_household(&mut ctx).expect("form");
    type_layer(&mut form, &mut ctx, "孙红\n\n1371234\n白虎村三组2号\nkc");
    send(&mut form, &mut ctx, key(KeyCode::Enter));
    assert!(form.unsaved());
    let draft = form.draft().expect("draft");
    assert!(draft.slot.starts_with("household_new:"));
    assert_eq!(draft.kind, "household_new");
    assert_eq!(draft.title, "新建农户 · 孙红");
    let restored = open::restore(&mut ctx, &draft)
        .expect("reads")
        .expect("reopens");
    assert_eq!(restored.draft_slot().as_deref(), Some(draft.slot.as_str()));
    assert_eq!(restored.draft().expect("draft").body, draft.body);
    assert!(restored.unsaved());
    let screen = render_layer(&*restored, 80, 21);
    assert!(screen.contains("✓ 空巢老人"), "{screen}");

    // A member draft of the fixture's household, and an edit draft of its head.
    let mut m = MemberForm::new_member(&ctx, f.household, "王凯");
    type_layer(&mut m, &mut ctx, "王小花");
    let d = m.draft().expect("draft");
    assert!(d.slot.starts_with(&format!("member_new:{}:", f.household)));
    let back = open::restore(&mut ctx, &d)
        .expect("reads")
        .expect("reopens");
    assert_eq!(back.draft().expect("draft").body, d.body);
    let det = detail(&mut ctx, f.household);
    let (pid, p) = det.members[0].clone();
    let mut e = MemberForm::edit(&ctx, pid, p, "王凯").expect("form");
    type_layer(&mut e, &mut ctx, "x");
    let d = e.draft().expect("draft");
    assert_eq!(d.slot, format!("member_edit:{pid}"));
    let back = open::restore(&mut ctx, &d)
        .expect("reads")
        .expect("reopens");
    assert_eq!(back.draft().expect("draft").body, d.body);
    // A draft of a household that is gone cannot be reopened.
    let gone = minqing::store::local::Draft {
        body: d
            .body
            .replace(&f.household.to_string(), &HouseholdId::new().to_string()),
        ..d
    };
    assert!(open::restore(&mut ctx, &gone).expect("reads").is_none());
    // Target::Household and NewHousehold open through open().
    assert!(
        open::open(&mut ctx, Target::Household(f.household))
            .expect("reads")
            .is_some()
    );
    assert!(
        open::open(&mut ctx, Target::Household(HouseholdId::new()))
            .expect("reads")
            .is_none()
    );
    assert!(
        open::open(&mut ctx, Target::NewHousehold)
            .expect("reads")
            .is_some()
    );
}

#[test]
fn a_form_left_open_is_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("minqing.db");
    let f = {
        let mut store = Store::open(&path).expect("store");
        township(&mut store)
    };
    {
        let mut a = app(Store::open(&path).expect("store"), 80, 24);
        press(&mut a, key(KeyCode::Char('6')));
        press(&mut a, key(KeyCode::Char('n')));
        type_app(&mut a, "周大勇\n\n1390000");
        a.tick();
        // Quitting (Ctrl+C: q is text in a form) asks; y quits and keeps the draft.
        press(&mut a, ctrl('c'));
        assert!(a.prompt.is_some());
        press(&mut a, key(KeyCode::Char('y')));
        assert!(a.should_quit());
    }
    let mut a = app(Store::open(&path).expect("store"), 80, 24);
    let offered = a.offered_draft().expect("the draft is offered");
    assert_eq!(offered.kind, "household_new");
    assert_eq!(offered.title, "新建农户 · 周大勇");
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(a.layers.len(), 1, "the form is back");
    let screen = render_app(&a);
    assert!(screen.contains("周大勇"), "{screen}");
    assert!(screen.contains("1390000"), "{screen}");
    // Finishing it saves the household and forgets the draft.
    type_app(&mut a, "1234");
    press(&mut a, ctrl('s'));
    assert!(a.layers.is_empty(), "{}", render_app(&a));
    assert!(a.store().drafts().expect("drafts").is_empty());
    let found = a
        .store()
        .pick_households("周大勇", Some(f.village), Page::first(5))
        .expect("search")
        .rows;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].phone.as_deref(), Some("13900001234"));
}

#[test]
fn correcting_the_head_name_corrects_the_head_member_too() {
    let (mut store, f) = fixture();
    let me = store.identity().expect("id");
    let mut ctx = ctx!(store, me);
    let mut det = detail(&mut ctx, f.household);
    let Outcome::Open(mut form) = send(&mut det, &mut ctx, key(KeyCode::Char('E'))) else {
        panic!("E opens the household form");
    };
    // The form opens on the phone; the head's name is the field before it.
    send(&mut *form, &mut ctx, key(KeyCode::BackTab));
    send(&mut *form, &mut ctx, ctrl('u'));
    type_layer(&mut *form, &mut ctx, "王凯文");
    let o = send(&mut *form, &mut ctx, ctrl('s'));
    assert!(matches!(o, Outcome::Saved(_)));
    let h = ctx
        .store
        .get::<Household>(f.household)
        .expect("get")
        .expect("h");
    assert_eq!(h.head_name, "王凯文");
    let members = ctx.store.persons_of(f.household).expect("members");
    let head = members
        .iter()
        .find(|(_, p)| p.relation == "head")
        .expect("head");
    assert_eq!(head.1.name, "王凯文");
    assert!(ctx.store.check().expect("check").ok());
}
