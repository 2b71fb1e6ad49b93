//! Saving the visit form: every field checked (errors under their fields, the text kept), then
//! the visit and each raised matter written in one transaction, so either all of them are
//! recorded or none is.

use chrono::NaiveDateTime;

use super::item_form::{Origin, register};
use super::pickers::{now, number_prefix, pick_ids};
use super::visit_form::VisitForm;
use super::visit_strings as s;
use crate::domain::validate::{
    EARLIEST_DATE, FieldError, FieldErrorKind, check_date_range, limit_chars, normalize_text,
    parse_date, require_within,
};
use crate::domain::{CadreId, Household, HouseholdId, ItemId, VillageId, Visit};
use crate::i18n::Localized;
use crate::store::StoreError;
use crate::tui::layer::{Ctx, Outcome};

/// The source code of items raised at a visit (`sources` in the catalog).
const VISIT_SOURCE: &str = "visit";
const MAX_HEARD: usize = 20_000;
const MAX_NOTE: usize = 4_000;
const MAX_SHORT: usize = 100;

/// An optional text field: `None` when empty.
fn optional(
    errors: &mut Vec<FieldError>,
    key: &'static str,
    text: &str,
    max: usize,
) -> Option<String> {
    match limit_chars(key, text, max) {
        Ok(t) if t.is_empty() => None,
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

impl VisitForm {
    /// The visit as typed, or every field error. `village` is the first household's.
    fn validate(
        &self,
        village: Option<VillageId>,
        me: Option<CadreId>,
        at: NaiveDateTime,
    ) -> Result<Visit, Vec<FieldError>> {
        let f = &self.form;
        let mut errors = Vec::new();
        let date = parse_date("date", &f.value("date"))
            .and_then(|d| check_date_range("date", d, EARLIEST_DATE, self.today))
            .map_err(|e| errors.push(e))
            .ok();
        let household_ids: Vec<HouseholdId> = pick_ids(&f.picked("households"));
        let place = optional(&mut errors, "place", &f.value("place"), MAX_SHORT);
        if household_ids.is_empty() && place.is_none() && !errors.iter().any(|e| e.field == "place")
        {
            errors.push(FieldError {
                field: "place",
                kind: FieldErrorKind::Required,
            });
        }
        let heard = require_within("heard", &f.value("heard"), MAX_HEARD)
            .map_err(|e| errors.push(e))
            .ok();
        let family_situation = optional(&mut errors, "family", &f.value("family"), MAX_NOTE);
        let follow_up = optional(&mut errors, "follow_up", &f.value("follow_up"), MAX_NOTE);
        let confirmed_by = optional(
            &mut errors,
            "confirmed_by",
            &f.value("confirmed_by"),
            MAX_SHORT,
        );
        let checked = f.value("confirmed") == "1";
        let (Some(date), Some(heard), true) = (date, heard, errors.is_empty()) else {
            return Err(errors);
        };
        Ok(Visit {
            date,
            kind: normalize_text(&f.value("kind")),
            village_id: village,
            household_ids,
            place,
            cadre_ids: pick_ids(&f.picked("cadres")),
            heard,
            family_situation,
            follow_up,
            confirmed: (checked || confirmed_by.is_some()).then_some(checked),
            confirmed_by,
            recorded_by: me,
            recorded_at: at,
        })
    }

    /// Ctrl+S: checks the visit and writes it with its raised matters, or shows what is wrong.
    pub(super) fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        match self.try_save(ctx) {
            Ok(outcome) => outcome,
            Err(e) => {
                self.form.message = Some(e.message(ctx.lang));
                Outcome::Stay
            }
        }
    }

    fn try_save(&mut self, ctx: &mut Ctx<'_>) -> Result<Outcome, StoreError> {
        let first: Option<HouseholdId> = pick_ids(&self.form.picked("households")).first().copied();
        let household = match first {
            Some(h) => ctx.store.get::<Household>(h)?,
            None => None,
        };
        let village = household.as_ref().map(|h| h.village_id);
        let at = now(ctx.today);
        let me = ctx.me.map(|m| m.cadre_id);
        let visit = match self.validate(village, me, at) {
            Ok(v) => v,
            Err(errors) => {
                self.form.show_errors(&errors);
                return Ok(Outcome::Stay);
            }
        };
        let origin = Origin {
            source: VISIT_SOURCE.to_owned(),
            visit: Some(self.id),
            household: first,
            village,
            group: household.as_ref().and_then(|h| h.group_id),
            // Matters raised today are registered today, whatever day the visit was.
            at,
            by: me,
            by_name: ctx.my_name(),
            prefix: number_prefix(ctx.store, village, ctx.me)?,
        };
        let (id, raised) = (self.id, &self.raised);
        let numbers: Vec<String> = ctx.store.write(|w| {
            w.insert(id, &visit)?;
            raised
                .iter()
                .map(|r| register(w, ItemId::new(), r, &origin))
                .collect()
        })?;
        self.form.mark_saved();
        Ok(Outcome::Saved(s::saved(ctx.lang, &numbers)))
    }
}
