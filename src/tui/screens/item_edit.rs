//! The item edit form (编辑): title, content, category, reporter and phone (masked unless
//! revealed), anonymity, measures and the ledger's own fields; a field in conflict shows its
//! competing values; its draft. Saving only the changed fields is in `item_edit_apply.rs`.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

use super::item_strings as is;
use crate::domain::catalog::{Catalog, Entry};
use crate::domain::mask::mask_phone;
use crate::domain::{Item, ItemId, Ledger, LedgerFields};
use crate::i18n::Lang;
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::form::{Choice, FieldKind, Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;

/// The edit form of one item.
pub struct EditForm {
    pub lang: Lang,
    pub id: ItemId,
    /// The item as it was when the form opened: what is compared to find the changes.
    pub old: Item,
    pub form: Form,
    /// The form's values when it opened: a field keeps the record's value unless typed in.
    pub(super) initial: BTreeMap<String, String>,
    /// The reporter's phone was revealed on the detail: shown here (and in conflicts) unmasked.
    phone_shown: bool,
}

/// What a draft of the edit form keeps.
#[derive(Serialize, Deserialize)]
struct DraftBody {
    item: ItemId,
    values: BTreeMap<String, String>,
}

fn choices(list: &[Entry], lang: Lang) -> Vec<Choice> {
    list.iter()
        .map(|e| Choice::new(e.code.clone(), e.label(lang)))
        .collect()
}

fn count_text(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The catalog list a field's codes come from, if it is a choice.
fn list_of(key: &str, ledger: Ledger) -> Option<&'static [Entry]> {
    let cat = Catalog::builtin();
    match key {
        "category" => Some(cat.categories(ledger)),
        "nature" => Some(&cat.livelihood.natures),
        "review_cycle" => Some(&cat.hardship.review_cycles),
        "risk_level" => Some(&cat.stability.risk_levels),
        _ => None,
    }
}

/// A competing value as the user reads it.
fn shown(lang: Lang, key: &str, ledger: Ledger, v: &Value) -> String {
    match v {
        Value::Null => is::EMPTY.get(lang).to_owned(),
        Value::Bool(b) => if *b { is::YES } else { is::NO }.get(lang).to_owned(),
        Value::String(s) if s.is_empty() => is::EMPTY.get(lang).to_owned(),
        Value::String(s) => match list_of(key, ledger) {
            Some(list) => Catalog::label(list, s, lang).to_owned(),
            None => s.replace('\n', " "),
        },
        other => other.to_string(),
    }
}

impl EditForm {
    /// The form filled from `item`, with the competing values of conflicted fields. The
    /// reporter's phone is filled in only if `phone_shown` (revealed and logged on the detail);
    /// otherwise its field starts empty with the masked number beside it, and stays unchanged
    /// unless a new number is typed.
    pub fn open(ctx: &Ctx<'_>, id: ItemId, item: Item, phone_shown: bool) -> EditForm {
        let lang = ctx.lang;
        let cat = Catalog::builtin();
        let ledger = item.ledger();
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        let masked = item
            .reporter_phone
            .as_deref()
            .filter(|p| !p.is_empty() && !phone_shown)
            .map(mask_phone);
        let (phone, phone_note) = match masked {
            Some(m) => (String::new(), is::phone_kept(lang, &m)),
            None => (
                text(&item.reporter_phone),
                is::PHONE_NOTE.get(lang).to_owned(),
            ),
        };
        let f = Form::new(lang, is::edit_title(lang, &item.number))
            .text("title", is::E_TITLE, &item.title)
            .required()
            .multi("content", is::E_CONTENT, &item.content, 4)
            .required()
            .select(
                "category",
                is::E_CATEGORY,
                choices(cat.categories(ledger), lang),
                Some(&item.category),
                false,
            )
            .text("reporter", is::E_REPORTER, &text(&item.reporter))
            .text("reporter_phone", is::E_PHONE, &phone)
            .note(phone_note)
            .check("anonymous", is::E_ANONYMOUS, item.anonymous)
            .multi("measures", is::E_MEASURES, &text(&item.measures), 3);
        let f = match &item.ledger_fields {
            LedgerFields::Livelihood {
                nature,
                beneficiaries,
            } => f
                .select(
                    "nature",
                    is::E_NATURE,
                    choices(&cat.livelihood.natures, lang),
                    nature.as_deref(),
                    true,
                )
                .text(
                    "beneficiaries",
                    is::E_BENEFICIARIES,
                    &count_text(*beneficiaries),
                )
                .note(is::COUNT_NOTE.get(lang)),
            LedgerFields::Hardship {
                helper,
                review_cycle,
                ..
            } => f.text("helper", is::E_HELPER, &text(helper)).select(
                "review_cycle",
                is::E_REVIEW,
                choices(&cat.hardship.review_cycles, lang),
                review_cycle.as_deref(),
                true,
            ),
            LedgerFields::Stability {
                people_involved,
                risk_level,
                leader,
                stabilisation,
            } => f
                .text(
                    "people_involved",
                    is::E_PEOPLE,
                    &count_text(*people_involved),
                )
                .note(is::COUNT_NOTE.get(lang))
                .select(
                    "risk_level",
                    is::E_RISK,
                    choices(&cat.stability.risk_levels, lang),
                    risk_level.as_deref(),
                    true,
                )
                .text("leader", is::E_LEADER, &text(leader))
                .multi(
                    "stabilisation",
                    is::E_STABILISATION,
                    &text(stabilisation),
                    3,
                ),
        };
        let initial = f.values();
        let mut e = EditForm {
            lang,
            id,
            old: item,
            form: f,
            initial,
            phone_shown,
        };
        e.show_conflicts(ctx);
        e
    }

    /// Puts the competing values of each conflicted field next to it (multi-line fields have
    /// no note column: theirs go under the form).
    fn show_conflicts(&mut self, ctx: &Ctx<'_>) {
        let Ok(fields) = ctx.store.conflicted_fields(&self.id.to_string()) else {
            return;
        };
        let ledger = self.old.ledger();
        for key in fields {
            let Some(field) = self.form.field(&key) else {
                continue;
            };
            let multi = matches!(field.kind, FieldKind::Multi(..));
            let label = field.label.get(self.lang);
            let Ok(values) = ctx.store.field_values(&self.id.to_string(), &key) else {
                continue;
            };
            let values: Vec<String> = values
                .iter()
                .map(|(_, _, v)| match v {
                    Value::String(p) if key == "reporter_phone" && !self.phone_shown => {
                        mask_phone(p)
                    }
                    _ => shown(self.lang, &key, ledger, v),
                })
                .collect();
            if multi {
                let line = is::conflict_footer(self.lang, label, &values);
                self.form.footer.push(line);
            } else {
                self.form
                    .set_note(&key, Some(is::conflict_note(self.lang, &values)));
            }
        }
    }
}

/// Reopens the edit form from its draft, over the item as it is now; `None` if it is gone.
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    let Ok(body) = serde_json::from_str::<DraftBody>(&d.body) else {
        return Ok(None);
    };
    let id = body.item;
    let Some(item) = ctx.store.get::<Item>(id)? else {
        return Ok(None);
    };
    if !ctx.store.item_live(id)? {
        return Ok(None);
    }
    let mut f = EditForm::open(ctx, id, item, false);
    f.form.restore(&body.values);
    Ok(Some(Box::new(f)))
}

impl Layer for EditForm {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match self.form.handle(key) {
            FormEvent::Save => self.save(ctx),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Unused(k) if k.code == KeyCode::Char('?') => Outcome::Pass,
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
        is::HINT_FORM
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        is::KEYS_FORM.to_vec()
    }

    fn unsaved(&self) -> bool {
        self.form.is_dirty()
    }

    fn draft_slot(&self) -> Option<String> {
        Some(format!("item_edit:{}", self.id))
    }

    fn draft(&self) -> Option<Draft> {
        // Only what was typed: an untouched field reopens with the record's value then, and a
        // revealed phone is never written into a draft that reopens without the reveal.
        let mut values = self.form.values();
        values.retain(|k, v| self.initial.get(k) != Some(v));
        let body = DraftBody {
            item: self.id,
            values,
        };
        Some(Draft {
            slot: self.draft_slot()?,
            kind: "item_edit".into(),
            title: format!(
                "{} {}",
                is::edit_title(self.lang, &self.old.number),
                self.old.title
            ),
            body: serde_json::to_string(&body).ok()?,
            saved_at: String::new(),
        })
    }
}
