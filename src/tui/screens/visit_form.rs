//! The visit form (走访记录) as a layer: its fields, the household and cadre pickers, the
//! matters raised with Ctrl+R (an [`ItemForm`] shown in place of the visit form until it is
//! added or dropped), and the draft that brings all of it back after a crash. Validating and
//! writing are in `visit_save.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use serde::{Deserialize, Serialize};

use super::item_form::{ItemForm, Prefill, RaisedItem};
use super::item_form_strings as is;
use super::pickers::{
    SavedPick, cadre_suggestions, household_pick, household_suggestions, load_picks, me_pick,
    pick_ids, save_picks,
};
use super::visit_strings as s;
use crate::domain::catalog::Catalog;
use crate::domain::{Household, HouseholdId, Ledger, VisitId};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::form::{Choice, Form, FormEvent, Picked};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;
use crate::tui::text::truncate;

/// The draft kind of this form.
pub const DRAFT_KIND: &str = "visit_new";

/// The visit form and what it will register with the visit.
pub struct VisitForm {
    /// The id the visit will be written under (also names the draft slot).
    pub(super) id: VisitId,
    pub(super) today: NaiveDate,
    pub(super) form: Form,
    /// Matters checked and waiting for the visit to be saved.
    pub(super) raised: Vec<RaisedItem>,
    /// The "raise a matter" form while it is open.
    pub(super) sub: Option<ItemForm>,
}

/// What a draft of this form holds.
#[derive(Serialize, Deserialize)]
struct VisitDraft {
    id: VisitId,
    values: BTreeMap<String, String>,
    households: Vec<SavedPick>,
    cadres: Vec<SavedPick>,
    raised: Vec<RaisedItem>,
    /// The values of the raise-a-matter form, if it was open.
    sub: Option<BTreeMap<String, String>>,
}

fn kind_choices(lang: Lang) -> Vec<Choice> {
    Catalog::builtin()
        .visit_kinds
        .iter()
        .map(|e| Choice::new(e.code.clone(), e.label(lang)))
        .collect()
}

/// The grey note a picker shows while nothing is typed in it.
fn picker_note(key: &str) -> T {
    if key == "cadres" {
        s::NOTE_CADRES
    } else {
        s::NOTE_HOUSEHOLDS
    }
}

impl VisitForm {
    /// An empty form for today, with `household` picked if given and this device's cadre
    /// present.
    pub fn open(
        ctx: &mut Ctx<'_>,
        household: Option<HouseholdId>,
    ) -> Result<VisitForm, StoreError> {
        let households = match household {
            Some(h) => household_pick(ctx.store, h)?.into_iter().collect(),
            None => Vec::new(),
        };
        let cadres = me_pick(ctx.store, ctx.me)?.into_iter().collect();
        Ok(VisitForm::build(
            ctx.lang,
            ctx.today,
            VisitId::new(),
            households,
            cadres,
        ))
    }

    fn build(
        lang: Lang,
        today: NaiveDate,
        id: VisitId,
        households: Vec<Picked>,
        cadres: Vec<Picked>,
    ) -> VisitForm {
        let start = if households.is_empty() {
            "households"
        } else {
            "heard"
        };
        let mut form = Form::new(lang, s::TITLE_NEW.get(lang))
            .text("date", s::DATE, &today.to_string())
            .required()
            .note(s::NOTE_DATE.get(lang))
            .select(
                "kind",
                s::KIND,
                kind_choices(lang),
                Some("household"),
                false,
            )
            .picker("households", s::HOUSEHOLDS, households, true)
            .note(s::NOTE_HOUSEHOLDS.get(lang))
            .text("place", s::PLACE, "")
            .note(s::NOTE_PLACE.get(lang))
            .picker("cadres", s::CADRES, cadres, true)
            .note(s::NOTE_CADRES.get(lang))
            .multi("heard", s::HEARD, "", 4)
            .required()
            .multi("family", s::FAMILY, "", 2)
            .multi("follow_up", s::FOLLOW_UP, "", 2)
            .text("confirmed_by", s::CONFIRMED_BY, "")
            .check("confirmed", s::CONFIRMED, false);
        form.focus_on(start);
        let mut v = VisitForm {
            id,
            today,
            form,
            raised: Vec::new(),
            sub: None,
        };
        v.refresh_footer();
        v
    }

    /// Reopens a draft written by [`Layer::draft`]; `None` if the body is not one.
    pub fn restore(ctx: &mut Ctx<'_>, body: &str) -> Option<VisitForm> {
        let d: VisitDraft = serde_json::from_str(body).ok()?;
        // Built without picks, then given them: restored picks count as unsaved work.
        let mut v = VisitForm::build(ctx.lang, ctx.today, d.id, Vec::new(), Vec::new());
        v.form.restore(&d.values);
        v.form.set_picked("households", load_picks(&d.households));
        v.form.set_picked("cadres", load_picks(&d.cadres));
        v.raised = d.raised;
        if let Some(values) = d.sub {
            let mut sub = v.sub_form(Prefill::default());
            sub.restore(&values);
            v.sub = Some(sub);
        }
        v.refresh_footer();
        Some(v)
    }

    /// The footer: each matter to register, then the keys that add and drop them.
    pub(super) fn refresh_footer(&mut self) {
        let lang = self.form.lang;
        let mut lines: Vec<String> = self.raised.iter().map(|r| r.summary(lang)).collect();
        lines.push(
            if self.raised.is_empty() {
                s::FOOTER_RAISE
            } else {
                s::FOOTER_MORE
            }
            .get(lang)
            .to_owned(),
        );
        self.form.footer = lines;
    }

    fn sub_form(&self, prefill: Prefill) -> ItemForm {
        let lang = self.form.lang;
        let ledger = self.raised.last().map_or(Ledger::Livelihood, |r| r.ledger);
        ItemForm::new(
            lang,
            self.today,
            ledger,
            is::TITLE_SUB.get(lang),
            &prefill,
            |f| f,
        )
    }

    /// Ctrl+R: the raise-a-matter form, its reporter the first household's head and its
    /// content what was heard so far.
    fn raise(&mut self, ctx: &mut Ctx<'_>) {
        let mut prefill = Prefill {
            content: self.form.value("heard"),
            ..Prefill::default()
        };
        let first = pick_ids::<HouseholdId>(&self.form.picked("households"));
        if let Some(h) = first.first() {
            match ctx.store.get::<Household>(*h) {
                Ok(Some(h)) => {
                    prefill.reporter = h.head_name;
                    prefill.phone = h.phone.unwrap_or_default();
                }
                Ok(None) => {}
                Err(e) => self.form.message = Some(e.message(ctx.lang)),
            }
        }
        self.sub = Some(self.sub_form(prefill));
    }

    /// Looks up suggestions for the picker `key` as its query changed.
    fn suggest(&mut self, ctx: &mut Ctx<'_>, key: &str) {
        let q = self.form.query(key);
        let found = if key == "cadres" {
            cadre_suggestions(ctx.store, &q)
        } else {
            household_suggestions(ctx.store, &q)
        };
        match found {
            Ok(found) => {
                let none = found.is_empty() && !q.trim().is_empty();
                let note = if none {
                    is::NOT_FOUND
                } else {
                    picker_note(key)
                };
                self.form.set_note(key, Some(note.get(ctx.lang).to_owned()));
                self.form.set_suggestions(key, found);
            }
            Err(e) => self.form.set_error(key, e.message(ctx.lang)),
        }
    }

    fn sub_key(&mut self, key: KeyEvent) -> Outcome {
        let Some(sub) = self.sub.as_mut() else {
            return Outcome::Stay;
        };
        match sub.form.handle(key) {
            FormEvent::Save => match sub.validate() {
                Ok(r) => {
                    self.raised.push(r);
                    self.sub = None;
                    self.refresh_footer();
                }
                Err(errors) => sub.form.show_errors(&errors),
            },
            FormEvent::Cancel => self.sub = None,
            FormEvent::Changed(k) => sub.changed(k),
            FormEvent::Unused(k) if k.code == KeyCode::Char('?') => return Outcome::Pass,
            _ => {}
        }
        Outcome::Stay
    }
}

impl Layer for VisitForm {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if self.sub.is_some() {
            return self.sub_key(key);
        }
        // Raised matters are unsaved work even when no field changed: ask before dropping them.
        if key.code == KeyCode::Esc
            && !self.form.confirming
            && !self.form.is_dirty()
            && !self.raised.is_empty()
        {
            self.form.confirming = true;
            return Outcome::Stay;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match self.form.handle(key) {
            FormEvent::Save => self.save(ctx),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Query(k) => {
                self.suggest(ctx, k);
                Outcome::Stay
            }
            FormEvent::Unused(k) if ctrl && k.code == KeyCode::Char('r') => {
                self.raise(ctx);
                Outcome::Stay
            }
            FormEvent::Unused(k) if ctrl && k.code == KeyCode::Char('d') => {
                self.raised.pop();
                self.refresh_footer();
                Outcome::Stay
            }
            FormEvent::Unused(k) if k.code == KeyCode::Char('?') => Outcome::Pass,
            _ => Outcome::Stay,
        }
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        match &mut self.sub {
            Some(sub) => sub.form.click(area, col, row),
            None => self.form.click(area, col, row),
        };
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        match &self.sub {
            Some(sub) => sub.form.render(area, buf),
            None => self.form.render(area, buf),
        }
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        match &self.sub {
            Some(sub) => sub.form.cursor(area),
            None => self.form.cursor(area),
        }
    }

    fn hint(&self) -> T {
        if self.sub.is_some() {
            is::HINT_SUB
        } else {
            s::HINT_FORM
        }
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        if self.sub.is_some() {
            return vec![
                is::KEY_SAVE_SUB,
                is::KEY_CHOOSE,
                is::KEY_NEXT,
                is::KEY_PREV,
                is::KEY_CANCEL_SUB,
            ];
        }
        vec![
            s::KEY_SAVE,
            s::KEY_RAISE,
            s::KEY_DROP,
            s::KEY_NEXT,
            s::KEY_PREV,
            s::KEY_PICK,
            s::KEY_CHOOSE,
            s::KEY_CANCEL,
        ]
    }

    fn unsaved(&self) -> bool {
        self.form.is_dirty() || !self.raised.is_empty() || self.sub.is_some()
    }

    fn draft_slot(&self) -> Option<String> {
        Some(format!("{DRAFT_KIND}:{}", self.id))
    }

    fn draft(&self) -> Option<Draft> {
        let d = VisitDraft {
            id: self.id,
            values: self.form.values(),
            households: save_picks(&self.form.picked("households")),
            cadres: save_picks(&self.form.picked("cadres")),
            raised: self.raised.clone(),
            sub: self.sub.as_ref().map(|s| s.form.values()),
        };
        let lang = self.form.lang;
        let who = self
            .form
            .picked("households")
            .first()
            .map(|p| p.label.split("  ").next().unwrap_or("").to_owned())
            .unwrap_or_else(|| self.form.value("place"));
        let heard = self.form.value("heard").replace('\n', " ");
        let title = format!(
            "{} {} {} {}",
            s::DRAFT_TITLE.get(lang),
            self.form.value("date"),
            who,
            truncate(&heard, 30)
        );
        Some(Draft {
            slot: self.draft_slot()?,
            kind: DRAFT_KIND.to_owned(),
            title: title.trim().to_owned(),
            body: serde_json::to_string(&d).ok()?,
            saved_at: String::new(),
        })
    }
}
