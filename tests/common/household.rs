//! Shared by the household TUI tests: key presses through `App` or straight to a layer,
//! rendering, the one-village fixture with an identity, and the demo household that has
//! something in every section of its detail.

use super::tui::{self, demo_store, today};
use super::{Fixture, township};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::HouseholdId;
use minqing::domain::validate::id_check_char;
use minqing::i18n::Lang;
use minqing::store::{Identity, Page, Store};
use minqing::tui::layer::{Ctx, Layer, Outcome};
use minqing::tui::screens::household_detail::HouseholdDetail;
use minqing::tui::{Action, App, action_for};

pub fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn char_key(c: char) -> KeyEvent {
    key(if c == '\n' {
        KeyCode::Enter
    } else {
        KeyCode::Char(c)
    })
}

/// A key as the event loop gives it: to the screen first, else as a global action.
pub fn press(app: &mut App, k: KeyEvent) {
    if !app.on_key(k)
        && let Some(a) = action_for(k)
    {
        app.update(a);
    }
}

pub fn type_app(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, char_key(c));
    }
}

pub fn send(layer: &mut dyn Layer, ctx: &mut Ctx<'_>, k: KeyEvent) -> Outcome {
    layer.on_key(ctx, k)
}

pub fn type_layer(layer: &mut dyn Layer, ctx: &mut Ctx<'_>, s: &str) {
    for c in s.chars() {
        let o = layer.on_key(ctx, char_key(c));
        assert!(matches!(o, Outcome::Stay), "typing {c:?} stays in the form");
    }
}

pub fn app(store: Store, w: u16, h: u16) -> App {
    let mut app = App::new(store, Lang::Zh, today());
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

pub fn render_app(app: &App) -> String {
    tui::render(app, app.size.0, app.size.1)
}

pub fn render_layer(layer: &dyn Layer, w: u16, h: u16) -> String {
    struct W<'a>(&'a dyn Layer);
    impl ratatui::widgets::Widget for W<'_> {
        fn render(self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
            self.0.render(area, buf);
        }
    }
    tui::render(W(layer), w, h)
}

/// A valid ID number from its first 17 digits.
pub fn id_number(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17).expect("17 digits"))
}

/// The one-village fixture with this device's user set to its cadre (汪晓艳).
pub fn fixture() -> (Store, Fixture) {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    store
        .set_identity(&Identity {
            role: "cadre".into(),
            name: "汪晓艳".into(),
            township_id: f.township,
            cadre_id: f.cadre,
            created_at: "2026-03-01T08:00:00".into(),
        })
        .expect("identity");
    (store, f)
}

/// A `Ctx` over `$store` for the identity `$me` (an `Option<Identity>`), in Chinese, today.
#[allow(unused_macros)]
macro_rules! ctx {
    ($store:expr, $me:expr) => {
        ::minqing::tui::layer::Ctx {
            store: &mut $store,
            lang: ::minqing::i18n::Lang::Zh,
            today: $crate::common::tui::today(),
            me: $me.as_ref(),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use ctx;

pub fn detail(ctx: &mut Ctx<'_>, id: HouseholdId) -> HouseholdDetail {
    HouseholdDetail::load(ctx.store, ctx.lang, ctx.today, id)
        .expect("reads")
        .expect("exists")
}

/// The list position of the first household with visits, items, and members with an ID
/// number and a phone: the detail has something in every section.
pub fn rich_household(store: &Store) -> usize {
    let rows = store.households(None, Page::first(50)).expect("list").rows;
    rows.iter()
        .position(|h| {
            let members = store.persons_of(h.id).expect("members");
            !store
                .visits_of(h.id, Page::first(1))
                .expect("v")
                .rows
                .is_empty()
                && !store
                    .items_of_household(h.id, Page::first(1))
                    .expect("i")
                    .rows
                    .is_empty()
                && members.iter().any(|(_, p)| p.id_number.is_some())
                && members.iter().any(|(_, p)| p.phone.is_some())
        })
        .expect("a household with everything in the first page")
}

/// Opens tab 6 and Enter on the first rich household; returns its list row too.
pub fn app_on_household(w: u16, h: u16) -> (App, minqing::store::query::HouseholdRow) {
    let store = demo_store(300);
    let downs = rich_household(&store);
    let mut a = app(store, w, h);
    press(&mut a, key(KeyCode::Char('6')));
    for _ in 0..downs {
        press(&mut a, key(KeyCode::Down));
    }
    let row = a
        .views
        .households
        .as_ref()
        .and_then(|v| v.selected())
        .cloned()
        .expect("selected row");
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(a.layers.len(), 1, "Enter opened the detail");
    (a, row)
}
