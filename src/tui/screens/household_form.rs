//! The household form (new and edit): village, group and cadre chosen from the store, tags
//! from the catalog, phone and the head's ID number validated; a new household and its head
//! (户主, a member) are written in one transaction, an edit writes only the changed fields.
//! Kept as a draft while typed in and restored by `open::restore`.

use std::collections::BTreeMap;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use serde_json::json;

use super::household_detail_keys::{access_entry, log_shown};
use super::household_fields::{
    Errors, cadre_choices, group_choices, optional_mobile, optional_text, set_options, tag_picks,
    tag_suggestions,
};
use super::household_strings as hs;
use crate::domain::validate::{parse_id_number, require};
use crate::domain::{
    Cadre, CadreId, EntityKind, Household, HouseholdId, Person, PersonId, VillageId,
};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::form::{Choice, Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;

/// Draft kinds of this form.
pub const KIND_NEW: &str = "household_new";
pub const KIND_EDIT: &str = "household_edit";

/// Whether the form creates a household or edits one (kept as it was read).
pub enum Mode {
    New,
    Edit {
        id: HouseholdId,
        old: Box<Household>,
    },
}

/// The household form layer.
pub struct HouseholdForm {
    pub form: Form,
    pub mode: Mode,
    slot: String,
    /// This device's cadre, offered (and chosen by default) as the assigned cadre.
    me: Option<(CadreId, String)>,
}

impl HouseholdForm {
    /// The form for `h` (a blank household when new) in village `village`.
    fn build(
        ctx: &mut Ctx<'_>,
        mode: Mode,
        h: &Household,
        village: Option<VillageId>,
    ) -> Result<HouseholdForm, StoreError> {
        let lang = ctx.lang;
        let villages: Vec<Choice> = ctx
            .store
            .villages()?
            .into_iter()
            .map(|(id, v)| Choice::new(id.to_string(), v.name))
            .collect();
        let new = matches!(mode, Mode::New);
        let title = match &mode {
            Mode::New => hs::NEW_HOUSEHOLD.get(lang).to_owned(),
            Mode::Edit { old, .. } => hs::titled(lang, hs::EDIT_HOUSEHOLD, &old.head_name),
        };
        let slot = match &mode {
            Mode::New => format!("{KIND_NEW}:{}", uuid::Uuid::now_v7()),
            Mode::Edit { id, .. } => format!("{KIND_EDIT}:{id}"),
        };
        let mut this = HouseholdForm {
            form: Form::new(lang, title),
            mode,
            slot,
            me: ctx.me.map(|m| (m.cadre_id, m.name.clone())),
        };
        let vcode = village.map(|v| v.to_string()).unwrap_or_default();
        let gcode = h.group_id.map(|g| g.to_string());
        let cadre = if new {
            h.cadre_id.or(this.me.as_ref().map(|m| m.0))
        } else {
            h.cadre_id
        };
        let cadres = cadre_choices(lang, ctx.store, this.me.as_ref(), village, cadre)?;
        let ccode = cadre.map(|c| c.to_string());
        let groups = group_choices(ctx.store, village)?;
        let mut f = Form::new(lang, this.form.title.clone())
            .select("village", hs::F_VILLAGE, villages, Some(&vcode), false)
            .required()
            .note(hs::N_SELECT.get(lang))
            .select("group", hs::F_GROUP, groups, gcode.as_deref(), true)
            .text("head_name", hs::F_HEAD, &h.head_name)
            .required();
        if new {
            f = f
                .text("head_id_number", hs::F_HEAD_ID, "")
                .note(hs::N_HEAD_ID.get(lang));
        }
        this.form = f
            .text("phone", hs::F_PHONE, h.phone.as_deref().unwrap_or(""))
            .note(hs::N_PHONE.get(lang))
            .text("address", hs::F_ADDRESS, h.address.as_deref().unwrap_or(""))
            .picker("tags", hs::F_TAGS, tag_picks(lang, &h.tags), true)
            .note(hs::N_TAGS.get(lang))
            .select("cadre", hs::F_CADRE, cadres, ccode.as_deref(), true)
            .multi("note", hs::F_NOTE, h.note.as_deref().unwrap_or(""), 3);
        this.form.focus_on(if new { "head_name" } else { "phone" });
        Ok(this)
    }

    /// An empty form in the first village this device's cadre covers (or the first village).
    pub fn new_household(ctx: &mut Ctx<'_>) -> Result<HouseholdForm, StoreError> {
        let mine = match ctx.me {
            Some(m) => ctx
                .store
                .get::<Cadre>(m.cadre_id)?
                .map(|c| c.village_ids)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let villages = ctx.store.villages()?;
        let village = villages
            .iter()
            .find(|(id, _)| mine.contains(id))
            .or(villages.first())
            .map(|(id, _)| *id);
        Self::new_in(ctx, village)
    }

    fn new_in(ctx: &mut Ctx<'_>, village: Option<VillageId>) -> Result<HouseholdForm, StoreError> {
        let blank = Household {
            village_id: village.unwrap_or_default(),
            group_id: None,
            head_name: String::new(),
            address: None,
            phone: None,
            tags: Vec::new(),
            cadre_id: None,
            note: None,
        };
        let mut f = Self::build(ctx, Mode::New, &blank, village)?;
        if village.is_none() {
            f.form.message = Some(hs::NO_VILLAGES.get(ctx.lang).to_owned());
        }
        Ok(f)
    }

    /// The form filled with household `id`; `None` if it is gone. The form shows the phone
    /// in full, so opening it is logged as a reveal first.
    pub fn edit(ctx: &mut Ctx<'_>, id: HouseholdId) -> Result<Option<HouseholdForm>, StoreError> {
        if !ctx.store.is_live::<Household>(id)? {
            return Ok(None);
        }
        let Some(h) = ctx.store.get::<Household>(id)? else {
            return Ok(None);
        };
        if h.phone.is_some() {
            log_shown(
                ctx,
                &[access_entry(ctx, EntityKind::Household, id.0, "phone")],
            )?;
        }
        let village = Some(h.village_id);
        let mode = Mode::Edit {
            id,
            old: Box::new(h.clone()),
        };
        Self::build(ctx, mode, &h, village).map(Some)
    }

    /// Reopens a draft of this form with what was typed.
    pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<HouseholdForm>, StoreError> {
        let Ok(body) = serde_json::from_str::<serde_json::Value>(&d.body) else {
            return Ok(None);
        };
        let Ok(values) = serde_json::from_value::<BTreeMap<String, String>>(body["values"].clone())
        else {
            return Ok(None);
        };
        let village = values.get("village").and_then(|v| v.parse().ok());
        let mut f = if d.kind == KIND_EDIT {
            let Some(id) = body["id"].as_str().and_then(|s| s.parse().ok()) else {
                return Ok(None);
            };
            let Some(mut f) = Self::edit(ctx, id)? else {
                return Ok(None);
            };
            if village.is_some() {
                f.form.set_value("village", &values["village"]);
                f.village_changed(ctx)?;
            }
            f
        } else {
            Self::new_in(ctx, village)?
        };
        f.form.restore(&values);
        let tags: Vec<String> = values
            .get("tags")
            .map(|t| {
                t.split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        f.form.set_picked("tags", tag_picks(ctx.lang, &tags));
        if let Some(k) = body["focus"].as_str() {
            f.form.focus_on(k);
        }
        f.slot = d.slot.clone();
        Ok(Some(f))
    }

    fn village(&self) -> Option<VillageId> {
        self.form.value("village").parse().ok()
    }

    /// A new village: its groups, and its cadres (keeping the chosen one when still offered).
    fn village_changed(&mut self, ctx: &mut Ctx<'_>) -> Result<(), StoreError> {
        let v = self.village();
        let groups = group_choices(ctx.store, v)?;
        set_options(&mut self.form, "group", groups, "");
        let keep = self.form.value("cadre");
        let current = keep.parse().ok();
        let cadres = cadre_choices(ctx.lang, ctx.store, self.me.as_ref(), v, current)?;
        set_options(&mut self.form, "cadre", cadres, &keep);
        Ok(())
    }

    /// Checks every field; the household and, when new, its head as a member.
    fn validate(&self, lang: Lang) -> Result<(Household, Option<Person>), Errors> {
        let mut e = Errors::default();
        let f = &self.form;
        let village: Option<VillageId> = f.value("village").parse().ok();
        if village.is_none() {
            e.add("village", hs::NO_VILLAGES.get(lang).to_owned());
        }
        let head = e.check(lang, require("head_name", &f.value("head_name")));
        let phone = optional_mobile(&mut e, lang, "phone", &f.value("phone"));
        let id = match f.value("head_id_number").trim() {
            "" => None,
            s => e.check(lang, parse_id_number("head_id_number", s)),
        };
        if !f.query("tags").trim().is_empty() {
            e.add("tags", hs::UNSAVED_TAG.get(lang).to_owned());
        }
        let tags: Vec<String> = f.picked("tags").into_iter().map(|p| p.code).collect();
        let (Some(village_id), Some(head_name)) = (village, head) else {
            return Err(e);
        };
        if !e.is_empty() {
            return Err(e);
        }
        let h = Household {
            village_id,
            group_id: f.value("group").parse().ok(),
            head_name: head_name.clone(),
            address: optional_text(&f.value("address")),
            phone: phone.clone(),
            tags,
            cadre_id: f.value("cadre").parse().ok(),
            note: optional_text(&f.value("note")),
        };
        let person = matches!(self.mode, Mode::New).then(|| Person {
            // Replaced by the new household's id when written.
            household_id: HouseholdId::default(),
            name: head_name,
            relation: "head".into(),
            sex: id
                .as_ref()
                .map(|i| if i.is_female() { "f" } else { "m" }.to_owned()),
            birth_date: id.as_ref().map(|i| i.birth_date()),
            id_number: id.map(String::from),
            phone,
            health: None,
            disability_type: None,
            disability_grade: None,
            note: None,
        });
        Ok((h, person))
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let lang = ctx.lang;
        let (h, head) = match self.validate(lang) {
            Ok(v) => v,
            Err(e) => {
                e.show(&mut self.form);
                return Outcome::Stay;
            }
        };
        let written = match &self.mode {
            Mode::New => {
                let hid = HouseholdId::new();
                let head = head.map(|p| Person {
                    household_id: hid,
                    ..p
                });
                ctx.store
                    .write(|w| {
                        w.insert(hid, &h)?;
                        if let Some(p) = &head {
                            w.insert(PersonId::new(), p)?;
                        }
                        Ok(())
                    })
                    .map(|()| hs::created_household(lang, &h.head_name))
            }
            Mode::Edit { id, old } => {
                // The head's member record carries the same name: a corrected name is
                // corrected in both, in one transaction.
                let renamed_head = if h.head_name == old.head_name {
                    None
                } else {
                    ctx.store.persons_of(*id).ok().and_then(|ps| {
                        ps.into_iter()
                            .find(|(_, p)| p.relation == "head" && p.name == old.head_name)
                            .map(|(pid, _)| pid)
                    })
                };
                ctx.store
                    .write(|w| {
                        let op = w.update_record(*id, &**old, &h)?;
                        if let Some(pid) = renamed_head {
                            let mut f = serde_json::Map::new();
                            f.insert("name".into(), h.head_name.clone().into());
                            w.update::<Person>(pid, f)?;
                        }
                        Ok(op)
                    })
                    .map(|op| match op {
                        Some(_) => hs::saved_household(lang, &h.head_name),
                        None => hs::UNCHANGED.get(lang).to_owned(),
                    })
            }
        };
        match written {
            Ok(msg) => {
                self.form.mark_saved();
                Outcome::Saved(msg)
            }
            Err(e) => {
                self.form.message = Some(e.message(lang));
                Outcome::Stay
            }
        }
    }
}

impl Layer for HouseholdForm {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match self.form.handle(key) {
            FormEvent::Save => self.save(ctx),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Changed("village") => {
                if let Err(e) = self.village_changed(ctx) {
                    self.form.message = Some(e.message(ctx.lang));
                }
                Outcome::Stay
            }
            FormEvent::Query("tags") => {
                let found = tag_suggestions(
                    ctx.lang,
                    &self.form.query("tags"),
                    &self.form.picked("tags"),
                );
                self.form.set_suggestions("tags", found);
                Outcome::Stay
            }
            FormEvent::Unused(k) if k.code == crossterm::event::KeyCode::Char('?') => Outcome::Pass,
            _ => Outcome::Stay,
        }
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        let r = area;
        self.form.click(r, col, row);
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.form.render(area, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.form.cursor(area)
    }

    fn hint(&self) -> T {
        hs::HINT_FORM
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        hs::HELP_FORM.to_vec()
    }

    fn unsaved(&self) -> bool {
        self.form.is_dirty()
    }

    fn draft(&self) -> Option<Draft> {
        let lang = self.form.lang;
        let (kind, id, t) = match &self.mode {
            Mode::New => (KIND_NEW, None, hs::NEW_HOUSEHOLD),
            Mode::Edit { id, .. } => (KIND_EDIT, Some(id.to_string()), hs::EDIT_HOUSEHOLD),
        };
        let body = json!({
            "id": id,
            "values": self.form.values(),
            "focus": self.form.focused(),
        });
        Some(Draft {
            slot: self.slot.clone(),
            kind: kind.to_owned(),
            title: hs::titled(lang, t, self.form.value("head_name").trim()),
            body: body.to_string(),
            saved_at: String::new(),
        })
    }

    fn draft_slot(&self) -> Option<String> {
        Some(self.slot.clone())
    }
}
