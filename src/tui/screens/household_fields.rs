//! Helpers the household and member forms share: choices from the store and the catalog,
//! the tag picker's suggestions, and gathering every field's error before showing them.

use super::household_strings as hs;
use crate::domain::catalog::Catalog;
use crate::domain::initials::initials;
use crate::domain::validate::{FieldError, normalize_text, parse_mobile};
use crate::domain::{Cadre, CadreId, VillageId};
use crate::i18n::{Lang, Localized};
use crate::store::{Store, StoreError};
use crate::tui::form::{Choice, FieldKind, Form, Picked};

/// Replaces the options of a select field, selecting `code` if it is among them.
pub(super) fn set_options(form: &mut Form, key: &str, options: Vec<Choice>, code: &str) {
    if let Some(f) = form.field_mut(key)
        && let FieldKind::Select {
            options: o,
            selected,
            ..
        } = &mut f.kind
    {
        *selected = options.iter().position(|c| c.code == code);
        *o = options;
    }
}

/// The catalog entries of `list` as choices, plus `current` if the catalog does not know it
/// (a county's own code stays selectable rather than being lost on save).
pub(super) fn catalog_choices(
    lang: Lang,
    list: &[crate::domain::catalog::Entry],
    current: Option<&str>,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = list
        .iter()
        .map(|e| Choice::new(&e.code, e.label(lang)))
        .collect();
    if let Some(c) = current.filter(|c| !c.is_empty() && !out.iter().any(|o| o.code == *c)) {
        out.push(Choice::new(c, c));
    }
    out
}

/// The tags whose label, code or pinyin initials match what was typed, not yet picked.
pub(super) fn tag_suggestions(lang: Lang, query: &str, picked: &[Picked]) -> Vec<Picked> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    Catalog::builtin()
        .household_tags
        .iter()
        .filter(|e| !picked.iter().any(|p| p.code == e.code))
        .filter(|e| {
            e.zh.contains(&q)
                || e.en.to_lowercase().contains(&q)
                || e.code.starts_with(&q)
                || initials(&e.zh).starts_with(&q)
        })
        .map(|e| Choice::new(&e.code, e.label(lang)))
        .collect()
}

/// Tag codes as picks with their labels.
pub(super) fn tag_picks(lang: Lang, codes: &[String]) -> Vec<Picked> {
    let cat = Catalog::builtin();
    codes
        .iter()
        .map(|c| Choice::new(c, Catalog::label(&cat.household_tags, c, lang)))
        .collect()
}

pub(super) fn group_choices(
    store: &Store,
    v: Option<VillageId>,
) -> Result<Vec<Choice>, StoreError> {
    let Some(v) = v else {
        return Ok(Vec::new());
    };
    Ok(store
        .groups_of(v)?
        .into_iter()
        .map(|(id, name)| Choice::new(id.to_string(), name))
        .collect())
}

/// Messages for fields, gathered so every wrong field is shown at once.
#[derive(Default)]
pub(super) struct Errors(Vec<(&'static str, String)>);

impl Errors {
    pub(super) fn add(&mut self, key: &'static str, msg: String) {
        self.0.push((key, msg));
    }

    /// The value, or `None` with its message kept.
    pub(super) fn check<V>(&mut self, lang: Lang, r: Result<V, FieldError>) -> Option<V> {
        r.map_err(|e| self.add(e.field, e.message(lang))).ok()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Puts each message under its field (the first one per field) and focuses the first.
    pub(super) fn show(self, form: &mut Form) {
        form.clear_errors();
        for (k, m) in self.0 {
            if form.field(k).is_none_or(|f| f.error.is_none()) {
                form.set_error(k, m);
            }
        }
        form.focus_first_error();
    }
}

/// Normalised text, `None` when empty.
pub(super) fn optional_text(s: &str) -> Option<String> {
    Some(normalize_text(s)).filter(|t| !t.is_empty())
}

/// A mobile number if one was typed.
pub(super) fn optional_mobile(
    e: &mut Errors,
    lang: Lang,
    key: &'static str,
    s: &str,
) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    e.check(lang, parse_mobile(key, s))
}

/// The choices of the assigned cadre: the cadres covering village `v`, this device's user
/// marked (and put first when not covering it), and `current` if it is not among them.
pub(super) fn cadre_choices(
    lang: Lang,
    store: &Store,
    me: Option<&(CadreId, String)>,
    v: Option<VillageId>,
    current: Option<CadreId>,
) -> Result<Vec<Choice>, StoreError> {
    let mut out: Vec<Choice> = match v {
        Some(v) => store
            .cadres_of_village(v)?
            .into_iter()
            .map(|(id, c)| Choice::new(id.to_string(), format!("{}（{}）", c.name, c.role)))
            .collect(),
        None => Vec::new(),
    };
    if let Some((id, name)) = me {
        let code = id.to_string();
        match out.iter_mut().find(|c| c.code == code) {
            Some(c) => c.label = format!("{name}{}", hs::ME.get(lang)),
            None => out.insert(0, Choice::new(code, format!("{name}{}", hs::ME.get(lang)))),
        }
    }
    if let Some(c) = current
        && !out.iter().any(|o| o.code == c.to_string())
    {
        let name = store
            .get::<Cadre>(c)?
            .map_or_else(|| c.to_string(), |c| c.name);
        out.push(Choice::new(c.to_string(), name));
    }
    Ok(out)
}
