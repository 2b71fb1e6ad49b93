//! The conflict review: concurrent values made on two replicas are listed side by side and
//! resolved by picking one, by typing a merged value, or (for a delete/edit conflict) by
//! keeping or dropping the record; the resolution is one operation every replica accepts.

mod common;

use common::tui::{ctrl, key, render, today, type_text};
use common::{exchange, fields, township};
use crossterm::event::KeyCode;
use minqing::domain::Household;
use minqing::i18n::Lang;
use minqing::store::{Page, Store};
use minqing::tui::{Action, App};
use serde_json::json;

/// A fixed clock (2026-11-20 10:00 Beijing time + `offset` minutes), so screens are stable.
fn clock(store: &mut Store, offset: u64) {
    let ms = 1_795_140_000_000 + offset * 60_000;
    store.set_clock(Box::new(move || ms));
}

/// Two replicas that edited the same household's phone (and `note` on `b` only) while apart;
/// returns replica `a` after the exchange, and the household.
fn conflicted() -> (Store, Store, common::Fixture) {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    clock(&mut a, 0);
    clock(&mut b, 5);
    let f = township(&mut a);
    let ops = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    b.apply_remote(&ops).expect("b receives");
    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13811110000"))])))
        .expect("a edits");
    b.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13922220000"))])))
        .expect("b edits");
    exchange(&mut a, &mut b);
    (a, b, f)
}

fn app(store: Store, w: u16, h: u16) -> App {
    let mut app = App::new(store, Lang::Zh, today());
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

fn phone(store: &Store, f: &common::Fixture) -> Option<String> {
    store
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists")
        .phone
}

#[test]
fn picking_a_value_resolves_it_here_and_on_the_other_replica() {
    let (a, mut b, f) = conflicted();
    let mut app = app(a, 100, 30);
    key(&mut app, KeyCode::Char('8'));
    key(&mut app, KeyCode::Char('c'));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("冲突处理（1）"), "{screen}");
    assert!(screen.contains("13811110000") && screen.contains("13922220000"));
    // The winner is shown first; → picks the other one, Enter adopts it.
    let winner = phone(app.store(), &f).expect("a phone");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let store = app.store();
    assert_eq!(store.conflict_count().expect("count"), 0);
    let chosen = phone(store, &f).expect("phone");
    assert_ne!(chosen, winner, "the picked, not the winning, value");
    assert!(
        app.layers.is_empty(),
        "the review closes when nothing is left"
    );
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("已解决冲突"))
    );
    assert!(store.check().expect("check").ok());

    // The resolution travels: the other replica has no conflict and the same value.
    let to_b = store
        .ops_after(&b.version_vector().expect("vv"))
        .expect("ops");
    b.apply_remote(&to_b).expect("b merges");
    assert_eq!(b.conflict_count().expect("count"), 0);
    assert_eq!(phone(&b, &f), Some(chosen));
}

#[test]
fn a_merged_value_can_be_typed_and_a_bad_one_keeps_the_editor_open() {
    let (mut a, _b, f) = conflicted();
    // A second conflict on a list field: tags.
    let mut b2 = Store::open_in_memory().expect("b2");
    let ops = a.ops_after(&Default::default()).expect("ops");
    b2.apply_remote(&ops).expect("copy");
    a.write(|w| w.update::<Household>(f.household, fields(&[("note", json!("长期在外务工"))])))
        .expect("a note");
    b2.write(|w| w.update::<Household>(f.household, fields(&[("note", json!("已返乡"))])))
        .expect("b note");
    exchange(&mut a, &mut b2);
    assert_eq!(a.conflict_count().expect("count"), 2);

    let mut app = app(a, 100, 30);
    app.open(minqing::tui::open::Target::Conflicts(Some(
        f.household.into(),
    )));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("冲突处理（2）"), "{screen}");
    // The note conflict is listed first (fields in name order), then the phone; a click on
    // the phone's row selects it, and one on the note's row selects that again.
    app.update(Action::Click { col: 10, row: 6 });
    assert!(render(&app, 100, 30).contains("› 农户 王凯                 电话"));
    app.update(Action::Click { col: 10, row: 5 });
    assert!(render(&app, 100, 30).contains("› 农户 王凯                 备注"));
    key(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "曾在外务工，现已返乡");
    ctrl(&mut app, 's');
    let note = app
        .store()
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists")
        .note;
    assert_eq!(note.as_deref(), Some("曾在外务工，现已返乡"));
    assert_eq!(app.store().conflict_count().expect("count"), 1);
    assert_eq!(
        app.layers.len(),
        1,
        "one conflict is left, the review stays open"
    );
}

#[test]
fn a_delete_edit_conflict_can_keep_the_record() {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    let f = township(&mut a);
    let ops = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    b.apply_remote(&ops).expect("b receives");
    a.write(|w| w.delete::<Household>(f.household))
        .expect("delete");
    b.write(|w| w.update::<Household>(f.household, fields(&[("note", json!("已搬到镇上居住"))])))
        .expect("edit");
    exchange(&mut a, &mut b);
    assert!(
        a.households(None, Page::first(5))
            .expect("list")
            .rows
            .is_empty()
    );

    let mut app = app(a, 100, 30);
    app.open(minqing::tui::open::Target::Conflicts(None));
    let screen = render(&app, 100, 30);
    assert!(screen.contains("一方删除了此记录"), "{screen}");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Enter);
    let store = app.store();
    assert_eq!(store.conflict_count().expect("count"), 0);
    let rows = store.households(None, Page::first(5)).expect("list").rows;
    assert_eq!(rows.len(), 1, "the record is back");
    let h = store
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists");
    assert_eq!(h.note.as_deref(), Some("已搬到镇上居住"), "with the edit");
    assert!(store.check().expect("check").ok());
}

#[test]
fn conflict_review_screens() {
    let filters = vec![(r"设备 [0-9a-f]{6}", "设备 [id]")];
    for (w, h) in [(80, 24), (120, 40)] {
        let (a, _b, _f) = conflicted();
        let mut app = app(a, w, h);
        app.open(minqing::tui::open::Target::Conflicts(None));
        insta::with_settings!({filters => filters.clone()}, {
            insta::assert_snapshot!(format!("conflicts_{w}x{h}"), render(&app, w, h));
        });
        key(&mut app, KeyCode::Char('e'));
        insta::with_settings!({filters => filters.clone()}, {
            insta::assert_snapshot!(format!("conflicts_merge_{w}x{h}"), render(&app, w, h));
        });
    }
}
