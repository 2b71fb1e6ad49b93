//! Saving the item edit form: the item with the typed changes (each field validated only if
//! it was typed in, so an untouched one keeps the record's value exactly), written as one
//! operation over the changed fields.

use super::item_edit::EditForm;
use super::item_strings as is;
use crate::domain::validate::{
    FieldError, limit_chars, normalize_text, parse_count, parse_mobile, require_within,
};
use crate::domain::{Item, LedgerFields};
use crate::i18n::Localized;
use crate::tui::layer::{Ctx, Outcome};

const TITLE_CHARS: usize = 100;
const TEXT_CHARS: usize = 4000;
const NAME_CHARS: usize = 50;

impl EditForm {
    /// The item with the typed changes, or the fields' errors. Fields not typed in keep the
    /// record's value exactly.
    fn edited(&self) -> Result<Item, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut new = self.old.clone();
        let changed = |k: &str| self.initial.get(k) != Some(&self.form.value(k));
        let v = |k: &str| self.form.value(k);
        let text = |k: &'static str, max: usize, errors: &mut Vec<FieldError>| match limit_chars(
            k,
            &v(k),
            max,
        ) {
            Ok(s) => (!s.is_empty()).then_some(s),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let count = |k: &'static str, errors: &mut Vec<FieldError>| {
            let s = normalize_text(&v(k));
            if s.is_empty() {
                return None;
            }
            parse_count(k, &s).map_err(|e| errors.push(e)).ok()
        };
        if changed("title") {
            match require_within("title", &v("title"), TITLE_CHARS) {
                Ok(t) => new.title = t,
                Err(e) => errors.push(e),
            }
        }
        if changed("content") {
            match require_within("content", &v("content"), TEXT_CHARS) {
                Ok(t) => new.content = t,
                Err(e) => errors.push(e),
            }
        }
        if changed("category") {
            let old = std::mem::replace(&mut new.category, v("category"));
            // For 困难 the category is the main (first) difficulty cause.
            if let LedgerFields::Hardship { causes, .. } = &mut new.ledger_fields {
                match causes.first_mut() {
                    Some(first) if *first == old => first.clone_from(&new.category),
                    Some(_) => {}
                    None => causes.push(new.category.clone()),
                }
            }
        }
        if changed("reporter") {
            new.reporter = text("reporter", NAME_CHARS, &mut errors);
        }
        if changed("reporter_phone") {
            let s = normalize_text(&v("reporter_phone"));
            new.reporter_phone = if s.is_empty() {
                None
            } else {
                parse_mobile("reporter_phone", &s)
                    .map_err(|e| errors.push(e))
                    .ok()
            };
        }
        if changed("anonymous") {
            new.anonymous = v("anonymous") == "1";
        }
        if changed("measures") {
            new.measures = text("measures", TEXT_CHARS, &mut errors);
        }
        let code = |k: &str| Some(v(k)).filter(|s| !s.is_empty());
        match &mut new.ledger_fields {
            LedgerFields::Livelihood {
                nature,
                beneficiaries,
            } => {
                if changed("nature") {
                    *nature = code("nature");
                }
                if changed("beneficiaries") {
                    *beneficiaries = count("beneficiaries", &mut errors);
                }
            }
            LedgerFields::Hardship {
                helper,
                review_cycle,
                ..
            } => {
                if changed("helper") {
                    *helper = text("helper", NAME_CHARS, &mut errors);
                }
                if changed("review_cycle") {
                    *review_cycle = code("review_cycle");
                }
            }
            LedgerFields::Stability {
                people_involved,
                risk_level,
                leader,
                stabilisation,
            } => {
                if changed("people_involved") {
                    *people_involved = count("people_involved", &mut errors);
                }
                if changed("risk_level") {
                    *risk_level = code("risk_level");
                }
                if changed("leader") {
                    *leader = text("leader", NAME_CHARS, &mut errors);
                }
                if changed("stabilisation") {
                    *stabilisation = text("stabilisation", TEXT_CHARS, &mut errors);
                }
            }
        }
        if errors.is_empty() {
            Ok(new)
        } else {
            Err(errors)
        }
    }

    pub(super) fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let new = match self.edited() {
            Ok(n) => n,
            Err(errors) => {
                self.form.show_errors(&errors);
                return Outcome::Stay;
            }
        };
        let (id, old) = (self.id, &self.old);
        match ctx.store.write(|w| w.update_record(id, old, &new)) {
            Ok(Some(_)) => Outcome::Saved(is::EDITED.get(self.lang).to_owned()),
            Ok(None) => Outcome::Saved(is::NO_CHANGES.get(self.lang).to_owned()),
            Err(e) => {
                self.form.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }
}
