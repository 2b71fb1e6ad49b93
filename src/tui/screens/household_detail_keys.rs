//! The household detail's keys: moving, opening visits, items and forms, and the reveal of
//! masked numbers, which writes one access-log row per record shown before showing it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::household_detail::{HouseholdDetail, Row};
use super::household_form::HouseholdForm;
use super::household_strings as hs;
use super::member_form::MemberForm;
use crate::domain::{EntityKind, Household, Person, PersonId};
use crate::i18n::Localized;
use crate::store::StoreError;
use crate::store::local::AccessEntry;
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{self, Target};
use crate::tui::strings::T;

/// One access-log row: this device's user saw `field` of record `id` in full, now.
pub(super) fn access_entry(
    ctx: &Ctx<'_>,
    entity: EntityKind,
    id: uuid::Uuid,
    field: &str,
) -> AccessEntry {
    AccessEntry {
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        cadre_id: ctx.me.map(|m| m.cadre_id.to_string()),
        cadre_name: ctx.my_name(),
        entity: entity.code().to_owned(),
        entity_id: id.to_string(),
        field: field.to_owned(),
        via: "tui".to_owned(),
    }
}

/// The rows for showing a member's ID number and phone in full (those it has).
pub(super) fn person_entries(ctx: &Ctx<'_>, id: PersonId, p: &Person) -> Vec<AccessEntry> {
    let mut out = Vec::new();
    if p.id_number.is_some() {
        out.push(access_entry(ctx, EntityKind::Person, id.0, "id_number"));
    }
    if p.phone.is_some() {
        out.push(access_entry(ctx, EntityKind::Person, id.0, "phone"));
    }
    out
}

/// Writes every entry before the data is shown; an error means it must not be shown.
pub(super) fn log_shown(ctx: &Ctx<'_>, entries: &[AccessEntry]) -> Result<(), StoreError> {
    entries.iter().try_for_each(|e| ctx.store.log_access(e))
}

impl HouseholdDetail {
    /// The access-log entries a reveal writes: the household's phone and each member's ID
    /// number and phone, for those that exist.
    pub fn reveal_entries(&self, ctx: &Ctx<'_>) -> Vec<AccessEntry> {
        let mut out = Vec::new();
        if self.household.phone.is_some() {
            out.push(access_entry(ctx, EntityKind::Household, self.id.0, "phone"));
        }
        for (pid, p) in &self.members {
            out.extend(person_entries(ctx, *pid, p));
        }
        out
    }

    /// `s`: hides the numbers again, or logs every record about to be shown and only then
    /// shows them. A failed log shows nothing.
    fn toggle_reveal(&mut self, ctx: &mut Ctx<'_>) {
        if self.revealed {
            self.revealed = false;
            return;
        }
        match log_shown(ctx, &self.reveal_entries(ctx)) {
            Ok(()) => self.revealed = true,
            Err(err) => self.message = Some(err.message(self.lang)),
        }
    }

    /// Opens `t` over this screen, or says it cannot.
    fn open_target(&mut self, ctx: &mut Ctx<'_>, t: Target) -> Outcome {
        match open::open(ctx, t) {
            Ok(Some(layer)) => Outcome::Open(layer),
            Ok(None) => {
                self.message = Some(hs::CANNOT_OPEN.get(self.lang).to_owned());
                Outcome::Stay
            }
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    fn edit_household(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        match HouseholdForm::edit(ctx, self.id) {
            Ok(Some(f)) => Outcome::Open(Box::new(f)),
            Ok(None) => {
                self.message = Some(hs::CANNOT_OPEN.get(self.lang).to_owned());
                Outcome::Stay
            }
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    fn edit_member(&mut self, ctx: &mut Ctx<'_>, i: usize) -> Outcome {
        let Some((pid, p)) = self.members.get(i) else {
            return Outcome::Stay;
        };
        match MemberForm::edit(ctx, *pid, p.clone(), &self.household.head_name) {
            Ok(f) => Outcome::Open(Box::new(f)),
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    /// The record whose conflicts `m` opens: the selected member's if it has any, else the
    /// household's, else the first member with one.
    fn conflict_target(&self) -> Option<uuid::Uuid> {
        if let Some(Row::Member(i)) = self.selected_row()
            && self.member_conflicts.get(i).is_some_and(|c| !c.is_empty())
        {
            return self.members.get(i).map(|(p, _)| p.0);
        }
        if !self.conflicts.is_empty() {
            return Some(self.id.0);
        }
        self.member_conflicts
            .iter()
            .position(|c| !c.is_empty())
            .and_then(|i| self.members.get(i))
            .map(|(p, _)| p.0)
    }
}

impl Layer for HouseholdDetail {
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
                self.move_by(ctx.store, -1);
                Outcome::Stay
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.move_by(ctx.store, 1);
                Outcome::Stay
            }
            KeyCode::PageUp => {
                self.move_by(ctx.store, -10);
                Outcome::Stay
            }
            KeyCode::PageDown => {
                self.move_by(ctx.store, 10);
                Outcome::Stay
            }
            KeyCode::Home => {
                self.move_by(ctx.store, i64::MIN / 2);
                Outcome::Stay
            }
            KeyCode::End => {
                self.move_by(ctx.store, i64::MAX / 2);
                Outcome::Stay
            }
            KeyCode::Tab => {
                self.next_section(true);
                Outcome::Stay
            }
            KeyCode::BackTab => {
                self.next_section(false);
                Outcome::Stay
            }
            KeyCode::Enter => match self.selected_row() {
                Some(Row::Member(i)) => self.edit_member(ctx, i),
                Some(Row::Visit(i)) => match self.visits.rows.get(i) {
                    Some(v) => self.open_target(ctx, Target::Visit(v.id)),
                    None => Outcome::Stay,
                },
                Some(Row::Item(i)) => match self.items.rows.get(i) {
                    Some((r, _)) => self.open_target(ctx, Target::Item(r.id)),
                    None => Outcome::Stay,
                },
                Some(Row::More(_)) => {
                    self.load_more_if_selected(ctx.store);
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            },
            KeyCode::Char('e') => match self.selected_row() {
                Some(Row::Member(i)) => self.edit_member(ctx, i),
                _ => self.edit_household(ctx),
            },
            KeyCode::Char('E') => self.edit_household(ctx),
            KeyCode::Char('a') => Outcome::Open(Box::new(MemberForm::new_member(
                ctx,
                self.id,
                &self.household.head_name,
            ))),
            KeyCode::Char('n') => self.open_target(ctx, Target::NewVisit(Some(self.id))),
            KeyCode::Char('s') => {
                self.toggle_reveal(ctx);
                Outcome::Stay
            }
            KeyCode::Char('m') => match self.conflict_target() {
                Some(u) => self.open_target(ctx, Target::Conflicts(Some(u))),
                None => {
                    self.message = Some(hs::NO_CONFLICT.get(self.lang).to_owned());
                    Outcome::Stay
                }
            },
            KeyCode::Char('r') => {
                self.reload(ctx);
                Outcome::Stay
            }
            _ => Outcome::Pass,
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn hint(&self) -> T {
        hs::HINT_DETAIL
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        hs::HELP_DETAIL.to_vec()
    }

    fn on_click(&mut self, ctx: &mut Ctx<'_>, area: Rect, _col: u16, row: u16) -> Outcome {
        let (top, height, first) = self.window(area);
        if row < top || usize::from(row - top) >= height {
            return Outcome::Stay;
        }
        let i = first + usize::from(row - top);
        if self.rows().get(i).is_some_and(|r| r.selectable()) {
            self.selected = Some(i);
            self.load_more_if_selected(ctx.store);
        }
        Outcome::Stay
    }

    fn on_scroll(&mut self, ctx: &mut Ctx<'_>, lines: i32) {
        self.move_by(ctx.store, i64::from(lines));
    }

    /// Reads everything again after a form above saved. The numbers are masked again: what
    /// changed has not been logged as shown.
    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        let before = self.selected;
        match ctx.store.get::<Household>(self.id) {
            Ok(Some(h)) => self.household = h,
            Ok(None) => {}
            Err(e) => self.message = Some(e.message(self.lang)),
        }
        if let Err(e) = self.read(ctx.store) {
            self.message = Some(e.message(self.lang));
        }
        self.revealed = false;
        let rows = self.rows();
        self.selected = match before {
            Some(s) if rows.get(s).is_some_and(|r| r.selectable()) => Some(s),
            _ => rows.iter().position(|r| r.selectable()),
        };
    }
}
