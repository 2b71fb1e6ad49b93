//! Registering an item outside a visit (来访, 电话, 12345转办…) as a layer: the item form plus
//! its source, an optional household (which fills in the village, reporter and phone) and the
//! village; Ctrl+S registers it at once.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use serde::{Deserialize, Serialize};

use super::item_form::{ItemForm, Origin, Prefill, register};
use super::item_form_strings as s;
use super::pickers::{
    SavedPick, household_suggestions, load_picks, now, number_prefix, pick_ids, save_picks,
};
use crate::domain::catalog::Catalog;
use crate::domain::{Household, HouseholdId, ItemId, Ledger, VillageId};
use crate::i18n::{Lang, Localized};
use crate::store::local::Draft;
use crate::store::{Store, StoreError};
use crate::tui::form::{Choice, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;
use crate::tui::text::truncate;

/// The draft kind of this form.
pub const DRAFT_KIND: &str = "item_new";

/// The source preselected outside a visit.
const DEFAULT_SOURCE: &str = "walk_in";

/// The standalone registration form.
pub struct NewItem {
    /// The id the item will be registered under (also names the draft slot).
    id: ItemId,
    item: ItemForm,
}

#[derive(Serialize, Deserialize)]
struct ItemDraft {
    id: ItemId,
    values: BTreeMap<String, String>,
    household: Vec<SavedPick>,
}

fn source_choices(lang: Lang) -> Vec<Choice> {
    Catalog::builtin()
        .sources
        .iter()
        .map(|e| Choice::new(e.code.clone(), e.label(lang)))
        .collect()
}

impl NewItem {
    /// An empty form for `ledger`.
    pub fn open(ctx: &mut Ctx<'_>, ledger: Ledger) -> Result<NewItem, StoreError> {
        NewItem::build(ctx.store, ctx.lang, ctx.today, ItemId::new(), ledger)
    }

    fn build(
        store: &Store,
        lang: Lang,
        today: chrono::NaiveDate,
        id: ItemId,
        ledger: Ledger,
    ) -> Result<NewItem, StoreError> {
        let villages: Vec<Choice> = store
            .villages()?
            .into_iter()
            .map(|(id, v)| Choice::new(id.to_string(), v.name))
            .collect();
        let title = s::TITLE_NEW.get(lang);
        let item = ItemForm::new(lang, today, ledger, title, &Prefill::default(), |f| {
            f.select(
                "source",
                s::SOURCE,
                source_choices(lang),
                Some(DEFAULT_SOURCE),
                false,
            )
            .picker("household", s::HOUSEHOLD, Vec::new(), false)
            .note(s::NOTE_HOUSEHOLD.get(lang))
            .select("village", s::VILLAGE, villages, None, true)
        });
        Ok(NewItem { id, item })
    }

    /// Reopens a draft written by [`Layer::draft`]; `Ok(None)` if the body is not one.
    pub fn restore(ctx: &mut Ctx<'_>, body: &str) -> Result<Option<NewItem>, StoreError> {
        let Ok(d) = serde_json::from_str::<ItemDraft>(body) else {
            return Ok(None);
        };
        let ledger = d
            .values
            .get("ledger")
            .and_then(|l| Ledger::parse(l))
            .unwrap_or(Ledger::Livelihood);
        let mut n = NewItem::build(ctx.store, ctx.lang, ctx.today, d.id, ledger)?;
        n.item.restore(&d.values);
        n.item
            .form
            .set_picked("household", load_picks(&d.household));
        Ok(Some(n))
    }

    fn household(&self) -> Option<HouseholdId> {
        pick_ids(&self.item.form.picked("household"))
            .first()
            .copied()
    }

    /// A household was picked: its village, and its head and phone unless typed already.
    fn picked(&mut self, ctx: &mut Ctx<'_>) {
        let Some(id) = self.household() else { return };
        let h = match ctx.store.get::<Household>(id) {
            Ok(Some(h)) => h,
            Ok(None) => return,
            Err(e) => {
                self.item.form.message = Some(e.message(ctx.lang));
                return;
            }
        };
        let f = &mut self.item.form;
        f.set_value("village", &h.village_id.to_string());
        if f.value("reporter").trim().is_empty() {
            f.set_value("reporter", &h.head_name);
        }
        if f.value("reporter_phone").trim().is_empty() {
            f.set_value("reporter_phone", h.phone.as_deref().unwrap_or(""));
        }
    }

    fn suggest(&mut self, ctx: &mut Ctx<'_>) {
        let q = self.item.form.query("household");
        match household_suggestions(ctx.store, &q) {
            Ok(found) => {
                let none = found.is_empty() && !q.trim().is_empty();
                let note = if none {
                    s::NOT_FOUND
                } else {
                    s::NOTE_HOUSEHOLD
                };
                let f = &mut self.item.form;
                f.set_note("household", Some(note.get(ctx.lang).to_owned()));
                f.set_suggestions("household", found);
            }
            Err(e) => self.item.form.set_error("household", e.message(ctx.lang)),
        }
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome, StoreError> {
        let raised = match self.item.validate() {
            Ok(r) => r,
            Err(errors) => {
                self.item.form.show_errors(&errors);
                return Ok(Outcome::Stay);
            }
        };
        let household = self.household();
        let hh = match household {
            Some(h) => ctx.store.get::<Household>(h)?,
            None => None,
        };
        let village: Option<VillageId> = hh
            .as_ref()
            .map(|h| h.village_id)
            .or_else(|| self.item.form.value("village").parse().ok());
        let origin = Origin {
            source: self.item.form.value("source"),
            visit: None,
            household,
            village,
            group: hh.and_then(|h| h.group_id),
            at: now(ctx.today),
            by: ctx.me.map(|m| m.cadre_id),
            by_name: ctx.my_name(),
            prefix: number_prefix(ctx.store, village, ctx.me)?,
        };
        let id = self.id;
        let number = ctx.store.write(|w| register(w, id, &raised, &origin))?;
        self.item.form.mark_saved();
        Ok(Outcome::Saved(s::registered(ctx.lang, &number)))
    }
}

impl Layer for NewItem {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match self.item.form.handle(key) {
            FormEvent::Save => self.save(ctx).unwrap_or_else(|e| {
                self.item.form.message = Some(e.message(ctx.lang));
                Outcome::Stay
            }),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Query(_) => {
                self.suggest(ctx);
                Outcome::Stay
            }
            FormEvent::Changed("household") => {
                self.picked(ctx);
                Outcome::Stay
            }
            FormEvent::Changed(k) => {
                self.item.changed(k);
                Outcome::Stay
            }
            FormEvent::Unused(k) if k.code == KeyCode::Char('?') => Outcome::Pass,
            _ => Outcome::Stay,
        }
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        let r = area;
        self.item.form.click(r, col, row);
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.item.form.render(area, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.item.form.cursor(area)
    }

    fn hint(&self) -> T {
        s::HINT_NEW
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        vec![
            s::KEY_SAVE_NEW,
            s::KEY_CHOOSE,
            s::KEY_NEXT,
            s::KEY_PREV,
            s::KEY_PICK,
            s::KEY_CANCEL,
        ]
    }

    fn unsaved(&self) -> bool {
        self.item.form.is_dirty()
    }

    fn draft_slot(&self) -> Option<String> {
        Some(format!("{DRAFT_KIND}:{}", self.id))
    }

    fn draft(&self) -> Option<Draft> {
        let f = &self.item.form;
        let d = ItemDraft {
            id: self.id,
            values: f.values(),
            household: save_picks(&f.picked("household")),
        };
        let title = format!(
            "{} {}·{}",
            s::DRAFT_TITLE.get(f.lang),
            self.item.ledger().label(f.lang),
            truncate(&f.value("title"), 30)
        );
        Some(Draft {
            slot: self.draft_slot()?,
            kind: DRAFT_KIND.to_owned(),
            title,
            body: serde_json::to_string(&d).ok()?,
            saved_at: String::new(),
        })
    }
}
