//! One visit as recorded, read-only: every field with the households' and cadres' names, and
//! the items raised at it (Enter opens one). Drawing is in `visit_detail_draw.rs`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::pickers::{cadre_label, household_pick};
use super::visit_strings as s;
use crate::domain::{Cadre, Village, Visit, VisitId};
use crate::i18n::{Lang, Localized};
use crate::store::query::ItemRow;
use crate::store::{Store, StoreError};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{Target, open};
use crate::tui::strings::T;

/// Lines PgUp/PgDn scroll.
const PAGE_LINES: i64 = 10;

/// The visit detail layer.
pub struct VisitDetail {
    pub(super) lang: Lang,
    pub(super) id: VisitId,
    pub(super) visit: Visit,
    pub(super) village: Option<String>,
    /// "王凯  白虎村三组  138****5678" per household.
    pub(super) households: Vec<String>,
    pub(super) cadres: Vec<String>,
    pub(super) recorder: Option<String>,
    pub(super) items: Vec<ItemRow>,
    /// Index into `items`.
    pub(super) selected: usize,
    /// First line shown, as the user scrolled (clamped when drawn).
    pub(super) scroll: usize,
    /// The selection moved last, so the view follows the selected item rather than `scroll`.
    pub(super) follow: bool,
    /// A line at the bottom (e.g. the item screen is missing).
    pub(super) note: Option<String>,
}

fn cadre_name(store: &Store, id: crate::domain::CadreId) -> Result<Option<String>, StoreError> {
    Ok(store
        .get::<Cadre>(id)?
        .map(|c| cadre_label(&c.name, c.unit.as_deref())))
}

impl VisitDetail {
    /// The detail of visit `id`, `None` if it is not (or no longer) here.
    pub fn open(ctx: &mut Ctx<'_>, id: VisitId) -> Result<Option<VisitDetail>, StoreError> {
        let Some(visit) = ctx.store.get::<Visit>(id)? else {
            return Ok(None);
        };
        let mut d = VisitDetail {
            lang: ctx.lang,
            id,
            visit,
            village: None,
            households: Vec::new(),
            cadres: Vec::new(),
            recorder: None,
            items: Vec::new(),
            selected: 0,
            scroll: 0,
            follow: false,
            note: None,
        };
        d.load(ctx.store)?;
        Ok(Some(d))
    }

    /// Reads the names and the raised items again.
    fn load(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(v) = store.get::<Visit>(self.id)? {
            self.visit = v;
        }
        let v = &self.visit;
        self.village = match v.village_id {
            Some(id) => store.get::<Village>(id)?.map(|v| v.name),
            None => None,
        };
        self.households = Vec::new();
        for h in &v.household_ids {
            let label = household_pick(store, *h)?.map_or_else(|| h.to_string(), |p| p.label);
            self.households.push(label);
        }
        self.cadres = Vec::new();
        for c in &v.cadre_ids {
            self.cadres
                .push(cadre_name(store, *c)?.unwrap_or_else(|| c.to_string()));
        }
        self.recorder = match v.recorded_by {
            Some(c) => Some(cadre_name(store, c)?.unwrap_or_else(|| c.to_string())),
            None => None,
        };
        self.items = store.items_of_visit(self.id)?;
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        Ok(())
    }

    fn scroll_by(&mut self, delta: i64) {
        self.follow = false;
        let s = i64::try_from(self.scroll)
            .unwrap_or(0)
            .saturating_add(delta);
        self.scroll = usize::try_from(s.max(0)).unwrap_or(0);
    }
}

impl Layer for VisitDetail {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return Outcome::Pass;
        }
        self.note = None;
        match key.code {
            KeyCode::Esc => Outcome::Close,
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                self.follow = true;
                Outcome::Stay
            }
            KeyCode::Down | KeyCode::Char('j') => {
                if self.selected + 1 < self.items.len() {
                    self.selected += 1;
                }
                self.follow = true;
                Outcome::Stay
            }
            KeyCode::PageUp => {
                self.scroll_by(-PAGE_LINES);
                Outcome::Stay
            }
            KeyCode::PageDown => {
                self.scroll_by(PAGE_LINES);
                Outcome::Stay
            }
            KeyCode::Home => {
                self.scroll = 0;
                self.selected = 0;
                self.follow = false;
                Outcome::Stay
            }
            KeyCode::Enter => {
                let Some(item) = self.items.get(self.selected) else {
                    return Outcome::Stay;
                };
                match open(ctx, Target::Item(item.id)) {
                    Ok(Some(layer)) => Outcome::Open(layer),
                    Ok(None) => {
                        self.note = Some(s::NO_ITEM_SCREEN.get(self.lang).to_owned());
                        Outcome::Stay
                    }
                    Err(e) => {
                        self.note = Some(e.message(self.lang));
                        Outcome::Stay
                    }
                }
            }
            _ => Outcome::Pass,
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, lines: i32) {
        self.scroll_by(i64::from(lines));
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        if let Err(e) = self.load(ctx.store) {
            self.note = Some(e.message(self.lang));
        }
    }

    fn hint(&self) -> T {
        s::HINT_DETAIL
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        vec![s::KEY_SELECT, s::KEY_OPEN, s::KEY_SCROLL, s::KEY_BACK]
    }
}
