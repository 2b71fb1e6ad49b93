//! The member (家庭成员) form, add and edit: name, relation, ID number (GB 11643, its check
//! character named in the message), sex and birth date (taken from the ID number when left
//! empty, refused when they contradict it), phone, health and disability. Also the small
//! validation helpers the household form shares.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use serde_json::json;

use super::household_detail_keys::{log_shown, person_entries};
use super::household_fields::{Errors, catalog_choices, optional_mobile, optional_text};
use super::household_strings as hs;
use crate::domain::catalog::Catalog;
use crate::domain::validate::{
    EARLIEST_DATE, IdNumber, parse_date_between, parse_id_number, require,
};
use crate::domain::{Household, HouseholdId, Person, PersonId};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::form::{Choice, Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;

pub const KIND_NEW: &str = "member_new";
pub const KIND_EDIT: &str = "member_edit";

pub enum Mode {
    New,
    Edit { id: PersonId, old: Box<Person> },
}

/// The member form layer.
pub struct MemberForm {
    pub form: Form,
    pub mode: Mode,
    pub household: HouseholdId,
    /// The head's name, for the title ("王凯户").
    head: String,
    slot: String,
    today: NaiveDate,
}

fn sex_choices(lang: Lang) -> Vec<Choice> {
    ["m", "f"]
        .into_iter()
        .map(|c| Choice::new(c, hs::sex_label(lang, c)))
        .collect()
}

fn grade_choices(lang: Lang) -> Vec<Choice> {
    (1..=4u8)
        .map(|g| Choice::new(g.to_string(), hs::grade_label(lang, g)))
        .collect()
}

fn sex_of(id: &IdNumber) -> &'static str {
    if id.is_female() { "f" } else { "m" }
}

impl MemberForm {
    fn build(ctx: &Ctx<'_>, household: HouseholdId, head: &str, mode: Mode, p: &Person) -> Self {
        let lang = ctx.lang;
        let cat = Catalog::builtin();
        let (title, slot) = match &mode {
            Mode::New => (
                hs::titled(lang, hs::NEW_MEMBER, &hs::household_of(lang, head)),
                format!("{KIND_NEW}:{household}:{}", uuid::Uuid::now_v7()),
            ),
            Mode::Edit { id, .. } => (
                hs::titled(lang, hs::EDIT_MEMBER, &p.name),
                format!("{KIND_EDIT}:{id}"),
            ),
        };
        let rel = Some(p.relation.as_str()).filter(|r| !r.is_empty());
        let birth = p.birth_date.map(|d| d.to_string()).unwrap_or_default();
        let grade = p.disability_grade.map(|g| g.to_string());
        let form = Form::new(lang, title)
            .text("name", hs::F_NAME, &p.name)
            .required()
            .select(
                "relation",
                hs::F_RELATION,
                catalog_choices(lang, &cat.relations, rel),
                rel,
                true,
            )
            .required()
            .note(hs::N_SELECT.get(lang))
            .text("id_number", hs::F_ID, p.id_number.as_deref().unwrap_or(""))
            .note(hs::N_OPTIONAL_ID.get(lang))
            .select("sex", hs::F_SEX, sex_choices(lang), p.sex.as_deref(), true)
            .text("birth_date", hs::F_BIRTH, &birth)
            .note(hs::N_BIRTH.get(lang))
            .text("phone", hs::F_PHONE, p.phone.as_deref().unwrap_or(""))
            .note(hs::N_PHONE.get(lang))
            .select(
                "health",
                hs::F_HEALTH,
                catalog_choices(lang, &cat.health, p.health.as_deref()),
                p.health.as_deref(),
                true,
            )
            .select(
                "disability_type",
                hs::F_DIS_TYPE,
                catalog_choices(lang, &cat.disability_types, p.disability_type.as_deref()),
                p.disability_type.as_deref(),
                true,
            )
            .select(
                "disability_grade",
                hs::F_DIS_GRADE,
                grade_choices(lang),
                grade.as_deref(),
                true,
            )
            .multi("note", hs::F_NOTE, p.note.as_deref().unwrap_or(""), 2);
        let mut f = MemberForm {
            form,
            mode,
            household,
            head: head.to_owned(),
            slot,
            today: ctx.today,
        };
        f.id_changed();
        f
    }

    /// An empty form for a new member of `household` (whose head is `head`).
    pub fn new_member(ctx: &Ctx<'_>, household: HouseholdId, head: &str) -> MemberForm {
        let blank = Person {
            household_id: household,
            name: String::new(),
            relation: String::new(),
            sex: None,
            birth_date: None,
            id_number: None,
            phone: None,
            health: None,
            disability_type: None,
            disability_grade: None,
            note: None,
        };
        Self::build(ctx, household, head, Mode::New, &blank)
    }

    /// The form filled with member `id` as read (`p`). The form shows the ID number and
    /// phone in full, so opening it is logged as a reveal first.
    pub fn edit(
        ctx: &Ctx<'_>,
        id: PersonId,
        p: Person,
        head: &str,
    ) -> Result<MemberForm, StoreError> {
        log_shown(ctx, &person_entries(ctx, id, &p))?;
        let household = p.household_id;
        let mode = Mode::Edit {
            id,
            old: Box::new(p.clone()),
        };
        Ok(Self::build(ctx, household, head, mode, &p))
    }

    /// Reopens a draft of this form; `None` if its household or member is gone.
    pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<MemberForm>, StoreError> {
        let Ok(body) = serde_json::from_str::<serde_json::Value>(&d.body) else {
            return Ok(None);
        };
        let Ok(values) = serde_json::from_value::<BTreeMap<String, String>>(body["values"].clone())
        else {
            return Ok(None);
        };
        fn id_of<I: std::str::FromStr>(body: &serde_json::Value, k: &str) -> Option<I> {
            body[k].as_str().and_then(|s| s.parse().ok())
        }
        let Some(hid) = id_of::<HouseholdId>(&body, "household_id") else {
            return Ok(None);
        };
        if !ctx.store.is_live::<Household>(hid)? {
            return Ok(None);
        }
        let head = ctx
            .store
            .get::<Household>(hid)?
            .map(|h| h.head_name)
            .unwrap_or_default();
        let mut f = if d.kind == KIND_EDIT {
            let Some(pid) = id_of::<PersonId>(&body, "id") else {
                return Ok(None);
            };
            if !ctx.store.is_live::<Person>(pid)? {
                return Ok(None);
            }
            let Some(p) = ctx.store.get::<Person>(pid)? else {
                return Ok(None);
            };
            Self::edit(ctx, pid, p, &head)?
        } else {
            Self::new_member(ctx, hid, &head)
        };
        f.form.restore(&values);
        f.id_changed();
        if let Some(k) = body["focus"].as_str() {
            f.form.focus_on(k);
        }
        f.slot = d.slot.clone();
        Ok(Some(f))
    }

    /// Shows what a valid ID number says (birth date, sex) next to the birth date.
    fn id_changed(&mut self) {
        let lang = self.form.lang;
        let note = match parse_id_number("id_number", &self.form.value("id_number")) {
            Ok(id) => hs::from_id_note(lang, id.birth_date(), hs::sex_label(lang, sex_of(&id))),
            Err(_) => hs::N_BIRTH.get(lang).to_owned(),
        };
        self.form.set_note("birth_date", Some(note));
    }

    /// Checks every field and builds the member.
    fn validate(&self) -> Result<Person, Errors> {
        let f = &self.form;
        let lang = f.lang;
        let mut e = Errors::default();
        let name = e.check(lang, require("name", &f.value("name")));
        let relation = e.check(lang, require("relation", &f.value("relation")));
        let id = match f.value("id_number").trim() {
            "" => None,
            s => e.check(lang, parse_id_number("id_number", s)),
        };
        let birth = match f.value("birth_date").trim() {
            "" => None,
            s => e.check(
                lang,
                parse_date_between("birth_date", s, EARLIEST_DATE, self.today),
            ),
        };
        let mut sex = optional_text(&f.value("sex"));
        let mut birth_date = birth;
        if let Some(id) = &id {
            match birth {
                Some(b) if b != id.birth_date() => {
                    e.add("birth_date", hs::birth_mismatch(lang, id.birth_date()))
                }
                _ => birth_date = Some(id.birth_date()),
            }
            let from_id = sex_of(id);
            match sex.as_deref() {
                Some(s) if s != from_id => {
                    e.add("sex", hs::sex_mismatch(lang, hs::sex_label(lang, from_id)))
                }
                _ => sex = Some(from_id.to_owned()),
            }
        }
        let phone = optional_mobile(&mut e, lang, "phone", &f.value("phone"));
        let disability_type = optional_text(&f.value("disability_type"));
        let disability_grade = f.value("disability_grade").parse::<u8>().ok();
        if disability_grade.is_some() && disability_type.is_none() {
            e.add("disability_type", hs::GRADE_NEEDS_TYPE.get(lang).to_owned());
        }
        let (Some(name), Some(relation)) = (name, relation) else {
            return Err(e);
        };
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Person {
            household_id: self.household,
            name,
            relation,
            sex,
            birth_date,
            id_number: id.map(String::from),
            phone,
            health: optional_text(&f.value("health")),
            disability_type,
            disability_grade,
            note: optional_text(&f.value("note")),
        })
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let lang = ctx.lang;
        let p = match self.validate() {
            Ok(p) => p,
            Err(e) => {
                e.show(&mut self.form);
                return Outcome::Stay;
            }
        };
        let written = match &self.mode {
            Mode::New => ctx
                .store
                .write(|w| w.insert(PersonId::new(), &p))
                .map(|_| hs::saved_member(lang, &p.name)),
            Mode::Edit { id, old } => {
                ctx.store
                    .write(|w| w.update_record(*id, &**old, &p))
                    .map(|op| match op {
                        Some(_) => hs::saved_member(lang, &p.name),
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

impl Layer for MemberForm {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match self.form.handle(key) {
            FormEvent::Save => self.save(ctx),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Changed("id_number") => {
                self.id_changed();
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
        let (kind, id, title) = match &self.mode {
            Mode::New => (
                KIND_NEW,
                None,
                hs::titled(lang, hs::NEW_MEMBER, &hs::household_of(lang, &self.head)),
            ),
            Mode::Edit { id, .. } => (
                KIND_EDIT,
                Some(id.to_string()),
                hs::titled(lang, hs::EDIT_MEMBER, self.form.value("name").trim()),
            ),
        };
        let body = json!({
            "household_id": self.household.to_string(),
            "id": id,
            "values": self.form.values(),
            "focus": self.form.focused(),
        });
        Some(Draft {
            slot: self.slot.clone(),
            kind: kind.to_owned(),
            title,
            body: body.to_string(),
            saved_at: String::new(),
        })
    }

    fn draft_slot(&self) -> Option<String> {
        Some(self.slot.clone())
    }
}
