//! Shared by the visit TUI tests: the fixture township with more households and a second
//! cadre, an `App` on a given day, key presses, the open form's values and the visit count.

use super::tui;
use super::{Fixture, township};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::*;
use minqing::i18n::Lang;
use minqing::store::{Identity, Page, Store};
use minqing::tui::{Action, App, action_for};
use serde_json::Value;

/// The fixture township (王凯 of 白虎村三组, 13812345678, with one visit and one item) plus
/// 王坤 (also `wk`), 李强 and a second cadre, with this device's user 汪晓艳.
pub fn setup(store: &mut Store) -> Fixture {
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

pub fn app_on(store: Store, day: NaiveDate, w: u16, h: u16) -> App {
    let mut app = App::new(store, Lang::Zh, day);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

pub fn fixture_app(day: NaiveDate, w: u16, h: u16) -> (App, Fixture) {
    let mut store = Store::open_in_memory().expect("store");
    let f = setup(&mut store);
    (app_on(store, day, w, h), f)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A key as the event loop gives it: first to the screen or layer, else a global action.
pub fn press(app: &mut App, k: KeyEvent) {
    if !app.on_key(k)
        && let Some(a) = action_for(k)
    {
        app.update(a);
    }
}

pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, key(KeyCode::Char(c)));
    }
}

pub fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, key(KeyCode::Tab));
    }
}

pub fn screen(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
}

/// The values of the open form, as its draft holds them.
pub fn draft_json(app: &App) -> Value {
    let d = app
        .top()
        .and_then(|l| l.draft())
        .expect("a form with a draft");
    serde_json::from_str(&d.body).expect("draft json")
}

pub fn value(app: &App, field: &str) -> String {
    draft_json(app)["values"][field]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// `2` then `n`: the visit form, focus on the household picker.
pub fn open_visit_form(app: &mut App) {
    press(app, key(KeyCode::Char('2')));
    press(app, key(KeyCode::Char('n')));
}

pub fn visit_count(app: &App) -> usize {
    app.store()
        .visits(Page::first(100))
        .expect("visits")
        .rows
        .len()
}
