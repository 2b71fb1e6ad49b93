//! Screens opened on top of the tabs (item detail, household detail, every form): the `Layer`
//! trait they implement, the context they get, and what a key did (`Outcome`). `App` keeps them
//! in a stack; the top one gets keys first and is drawn over the tab's body.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::i18n::Lang;
use crate::store::local::Draft;
use crate::store::{Identity, Store};
use crate::tui::strings::T;

/// What a layer may use while handling a key: the store (to read and write), the language,
/// today's date and who is using this device.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub lang: Lang,
    pub today: NaiveDate,
    /// This device's user (`None` on a database without `init`).
    pub me: Option<&'a Identity>,
}

impl Ctx<'_> {
    /// The name written into progress events and access logs.
    pub fn my_name(&self) -> String {
        self.me
            .map(|m| m.name.clone())
            .unwrap_or_else(|| self.lang.pick("本机用户", "this device").to_owned())
    }
}

/// What a key did to the top layer.
pub enum Outcome {
    /// Not a key for this layer: the app treats it as a global key (tab numbers, `?`, `q`).
    Pass,
    /// Handled; nothing else to do.
    Stay,
    /// Close this layer (Esc on a detail screen, a discarded form).
    Close,
    /// Close this layer after it saved something; `message` goes to the status line and the
    /// layer below (or the tab) reloads its data.
    Saved(String),
    /// Open another layer on top of this one.
    Open(Box<dyn Layer>),
}

/// One screen on the layer stack.
pub trait Layer {
    /// Handles one key press (only `Press` events reach here).
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome;

    /// Draws into `area` (the body between the tab bar and the hint bar). No side effects.
    fn render(&self, area: Rect, buf: &mut Buffer);

    /// Where the terminal cursor goes (the caret of the focused text field), if anywhere.
    /// Called after `render` in the same frame.
    fn cursor(&self, _area: Rect) -> Option<Position> {
        None
    }

    /// The key-hint bar while this layer is on top.
    fn hint(&self) -> T;

    /// Every key of this layer, for the `?` overlay.
    fn keys(&self) -> Vec<(&'static str, T)>;

    /// A left click at `(col, row)` inside `area` (as last drawn); `Pass` if it means nothing.
    fn on_click(&mut self, _ctx: &mut Ctx<'_>, _area: Rect, _col: u16, _row: u16) -> Outcome {
        Outcome::Pass
    }

    /// The wheel: positive scrolls down.
    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, _lines: i32) {}

    /// Slow work a key asked for (writing or reading a bundle on a USB stick), run by the app
    /// right after the frame that says it is under way has been drawn: the app has no
    /// background threads, and this way the user sees "正在导入…" rather than a frozen screen.
    /// `None` when nothing is waiting.
    fn work(&mut self, _ctx: &mut Ctx<'_>) -> Option<Outcome> {
        None
    }

    /// Re-reads data after a layer above saved something.
    fn reload(&mut self, _ctx: &mut Ctx<'_>) {}

    /// True if closing now would lose typed text (quitting asks first).
    fn unsaved(&self) -> bool {
        false
    }

    /// The draft to keep while this layer is open with unsaved text; `None` for screens that
    /// hold nothing typed.
    fn draft(&self) -> Option<Draft> {
        None
    }

    /// The draft slot this layer owns, deleted when it saves or is discarded.
    fn draft_slot(&self) -> Option<String> {
        None
    }
}
