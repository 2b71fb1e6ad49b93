//! The item detail layer (台账事项详情): the item, its derived workflow state, names of what it
//! links to, its progress timeline and conflicts, loaded from the store; scrolling; the keys
//! that open the household, the visit, the conflicts, the edit form and the workflow actions the
//! workflow allows now; and the logged reveal of the reporter's phone. Drawing is in
//! `item_detail_draw.rs`.

use std::cell::Cell;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::item_actions::ActionForm;
use super::item_edit::EditForm;
use super::item_strings as is;
use crate::domain::catalog::Catalog;
use crate::domain::{
    ActionKind, Cadre, Group, Household, Item, ItemId, ItemState, Level, Progress, Village, Visit,
    WorkflowError,
};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use crate::store::local::AccessEntry;
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{self, Target};
use crate::tui::strings::{self as s, T};

/// The workflow actions and their keys, in the order the action bar shows them. The letters
/// avoid the global keys (1–8, j k r q ?) and the detail's own (h v s m e).
pub const ACTION_KEYS: [(char, ActionKind); 8] = [
    ('a', ActionKind::Assign),
    ('p', ActionKind::Progress),
    ('b', ActionKind::Answer),
    ('f', ActionKind::ReturnVisit),
    ('x', ActionKind::Close),
    ('o', ActionKind::Reopen),
    ('u', ActionKind::Escalate),
    ('z', ActionKind::Defer),
];

/// The key of the edit form.
pub const EDIT_KEY: char = 'e';

/// Names of the records an item links to, read once per load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// "白虎村 三组".
    pub village: Option<String>,
    /// The household head's name.
    pub household: Option<String>,
    /// "2026-03-02 入户走访".
    pub visit: Option<String>,
    /// Who registered it (首问责任人).
    pub registrar: Option<String>,
}

/// One item's detail screen.
pub struct ItemDetail {
    pub lang: Lang,
    pub today: NaiveDate,
    pub id: ItemId,
    pub item: Item,
    pub state: ItemState,
    /// The progress timeline, oldest first (causal order).
    pub events: Vec<Progress>,
    pub names: Names,
    /// Columns of this item with more than one current value.
    pub conflicts: Vec<String>,
    /// The reporter's phone is shown unmasked (after a logged reveal) until the layer closes.
    pub phone_shown: bool,
    /// First content line shown.
    pub scroll: usize,
    /// Why the last key did nothing (a refused action, a failed reveal); cleared by the next key.
    pub message: Option<String>,
    /// The scrolling area's size as last drawn, so paging steps by what is on screen and the
    /// scroll stops at the end. A remembered layout, not data: drawing reads nothing else.
    pub(super) viewport: Cell<(u16, u16)>,
}

/// The name of a record by id, or `None` if it is not here.
fn name_of<R: crate::domain::Record>(
    ctx: &Ctx<'_>,
    id: Option<R::Id>,
    f: impl Fn(&R) -> String,
) -> Result<Option<String>, StoreError> {
    match id {
        Some(id) => Ok(ctx.store.get::<R>(id)?.map(|r| f(&r))),
        None => Ok(None),
    }
}

impl ItemDetail {
    /// Reads the item and everything the detail shows; `None` if it is not here (or deleted).
    pub fn load(ctx: &Ctx<'_>, id: ItemId) -> Result<Option<ItemDetail>, StoreError> {
        let (item, state) = match (ctx.store.get::<Item>(id)?, ctx.store.item_state(id)?) {
            (Some(i), Some(st)) if ctx.store.item_live(id)? => (i, st),
            _ => return Ok(None),
        };
        let events = ctx.store.progress_of(id)?;
        let conflicts = ctx.store.conflicted_fields(&id.to_string())?;
        let lang = ctx.lang;
        let village = name_of::<Village>(ctx, item.village_id, |v| v.name.clone())?;
        let group = name_of::<Group>(ctx, item.group_id, |g| g.name.clone())?;
        let village = match (village, group) {
            (Some(v), Some(g)) => Some(format!("{v} {g}")),
            (v, g) => v.or(g),
        };
        let names = Names {
            village,
            household: name_of::<Household>(ctx, item.household_id, |h| h.head_name.clone())?,
            visit: name_of::<Visit>(ctx, item.source_visit_id, |v| {
                let kind = Catalog::label(&Catalog::builtin().visit_kinds, &v.kind, lang);
                format!("{} {kind}", v.date)
            })?,
            registrar: name_of::<Cadre>(ctx, item.registered_by, |c| c.name.clone())?,
        };
        Ok(Some(ItemDetail {
            lang,
            today: ctx.today,
            id,
            item,
            state,
            events,
            names,
            conflicts,
            phone_shown: false,
            scroll: 0,
            message: None,
            viewport: Cell::new((0, 0)),
        }))
    }

    /// The actions the action bar offers now: the workflow's allowed ones with their keys
    /// (上报 not at the county, where there is no higher level).
    pub fn offered(&self) -> Vec<(char, ActionKind)> {
        let allowed = self.state.allowed_actions();
        let top = self.state.level == Level::County;
        ACTION_KEYS
            .into_iter()
            .filter(|(_, k)| allowed.contains(k) && !(top && *k == ActionKind::Escalate))
            .collect()
    }

    fn say(&mut self, t: T) -> Outcome {
        self.message = Some(t.get(self.lang).to_owned());
        Outcome::Stay
    }

    /// Opens another screen, or says why not.
    fn open_target(&mut self, ctx: &mut Ctx<'_>, t: Target) -> Outcome {
        match open::open(ctx, t) {
            Ok(Some(layer)) => Outcome::Open(layer),
            Ok(None) => self.say(is::NOT_AVAILABLE),
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    /// `s`: shows the phone after writing the reveal to the access log (no log, no reveal);
    /// hides it again on the second press.
    fn toggle_phone(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if self.phone_shown {
            self.phone_shown = false;
            return Outcome::Stay;
        }
        if self
            .item
            .reporter_phone
            .as_deref()
            .is_none_or(str::is_empty)
        {
            return self.say(is::NO_PHONE);
        }
        let entry = AccessEntry {
            at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            cadre_id: ctx.me.map(|m| m.cadre_id.to_string()),
            cadre_name: ctx.my_name(),
            entity: "item".into(),
            entity_id: self.id.to_string(),
            field: "reporter_phone".into(),
            via: "tui".into(),
        };
        match ctx.store.log_access(&entry) {
            Ok(()) => self.phone_shown = true,
            Err(e) => self.message = Some(e.message(self.lang)),
        }
        Outcome::Stay
    }

    /// An action key: the form if the workflow allows the action now, else the reason.
    fn action(&mut self, kind: ActionKind) -> Outcome {
        if !self.state.allowed_actions().contains(&kind) {
            let e = WorkflowError::NotAllowed {
                from: self.state.status,
                action: kind,
            };
            self.message = Some(e.message(self.lang));
            return Outcome::Stay;
        }
        match ActionForm::offer(
            self.lang,
            self.today,
            self.id,
            &self.item,
            &self.state,
            &self.events,
            kind,
        ) {
            Ok(form) => Outcome::Open(Box::new(form)),
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    /// Content lines past the first screenful: how far the scroll may go.
    fn max_scroll(&self) -> usize {
        let (w, h) = match self.viewport.get() {
            (0, _) | (_, 0) => (80, 10),
            size => size,
        };
        self.content_lines(w).len().saturating_sub(usize::from(h))
    }

    fn scroll_by(&mut self, delta: i64) {
        let max = self.max_scroll() as i64;
        self.scroll = (self.scroll as i64)
            .saturating_add(delta)
            .clamp(0, max.max(0)) as usize;
    }

    fn page(&self) -> i64 {
        i64::from(self.viewport.get().1.max(2) - 1)
    }
}

impl Layer for ItemDetail {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Outcome::Pass;
        }
        self.message = None;
        match key.code {
            KeyCode::Esc => Outcome::Close,
            KeyCode::Up | KeyCode::Char('k') => {
                self.scroll_by(-1);
                Outcome::Stay
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.scroll_by(1);
                Outcome::Stay
            }
            KeyCode::PageUp => {
                self.scroll_by(-self.page());
                Outcome::Stay
            }
            KeyCode::PageDown => {
                self.scroll_by(self.page());
                Outcome::Stay
            }
            KeyCode::Home => {
                self.scroll = 0;
                Outcome::Stay
            }
            KeyCode::End => {
                self.scroll = self.max_scroll();
                Outcome::Stay
            }
            KeyCode::Char('h') => match self.item.household_id {
                Some(h) => self.open_target(ctx, Target::Household(h)),
                None => self.say(is::NO_HOUSEHOLD),
            },
            KeyCode::Char('v') => match self.item.source_visit_id {
                Some(v) => self.open_target(ctx, Target::Visit(v)),
                None => self.say(is::NO_VISIT),
            },
            KeyCode::Char('s') => self.toggle_phone(ctx),
            KeyCode::Char('r') => {
                self.reload(ctx);
                Outcome::Stay
            }
            KeyCode::Char('m') if self.conflicts.is_empty() => self.say(is::NO_CONFLICTS),
            KeyCode::Char('m') => self.open_target(ctx, Target::Conflicts(Some(self.id.0))),
            KeyCode::Char(EDIT_KEY) => {
                let form = EditForm::open(ctx, self.id, self.item.clone(), self.phone_shown);
                Outcome::Open(Box::new(form))
            }
            KeyCode::Char(c) => match ACTION_KEYS.iter().find(|(k, _)| *k == c) {
                Some((_, kind)) => self.action(*kind),
                None => Outcome::Pass,
            },
            _ => Outcome::Pass,
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn hint(&self) -> T {
        is::HINT_DETAIL
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        let mut k = is::KEYS_DETAIL.to_vec();
        k.push(s::KEY_QUIT);
        k
    }

    fn on_click(&mut self, ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        self.message = None;
        match self.bar_key_at(area, col, row) {
            Some(c) => self.on_key(ctx, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            None => Outcome::Stay,
        }
    }

    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, lines: i32) {
        self.scroll_by(i64::from(lines));
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        match ItemDetail::load(ctx, self.id) {
            Ok(Some(fresh)) => {
                let (scroll, shown) = (self.scroll, self.phone_shown);
                let viewport = self.viewport.get();
                *self = fresh;
                self.phone_shown = shown;
                self.viewport.set(viewport);
                self.scroll = scroll.min(self.max_scroll());
            }
            Ok(None) => self.message = Some(s::GONE.get(self.lang).to_owned()),
            Err(e) => self.message = Some(e.message(self.lang)),
        }
    }
}
