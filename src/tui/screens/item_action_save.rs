//! Saving an action form: the action its fields describe (dates, required texts), the
//! workflow's own guards checked against the item as it is now and shown under the field they
//! concern, and the progress event written with who and when.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::item_actions::ActionForm;
use super::item_strings as is;
use crate::domain::validate::{
    FieldError, limit_chars, normalize_text, parse_date_between, require,
};
use crate::domain::{
    Action, ActionKind, ItemStatus, Level, Progress, ProgressId, Satisfaction, WorkflowError,
};
use crate::i18n::Localized;
use crate::store::StoreError;
use crate::tui::layer::{Ctx, Outcome};

/// Longest responsible unit or person name accepted.
const NAME_CHARS: usize = 50;

/// The moment an event happens: now's time of day on the app's today (which tests and
/// `--today` may set).
pub fn now(today: NaiveDate) -> NaiveDateTime {
    today.and_time(chrono::Local::now().time())
}

/// Empty text is "not given".
fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The field a workflow refusal is about (`None`: the form's message line).
fn field_of(e: &WorkflowError) -> Option<&'static str> {
    match e {
        WorkflowError::NotAllowed { .. } => None,
        WorkflowError::CloseNeedsReturnVisit | WorkflowError::DeferredCloseNeedsReply => {
            Some("reason")
        }
        WorkflowError::DeferNeedsReason => Some("reason"),
        WorkflowError::EscalateNotHigher { .. } => Some("level"),
        WorkflowError::AssignNeedsResponsible => Some("unit"),
        WorkflowError::AnswerNeedsResult => Some("result"),
    }
}

impl ActionForm {
    /// The action the form describes, or the fields' errors.
    fn action(&self) -> Result<Action, Vec<FieldError>> {
        let v = |k: &str| self.form.value(k);
        let mut errors = Vec::new();
        let mut take = |r: Result<String, FieldError>| match r {
            Ok(s) => s,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        };
        let action = match self.kind {
            ActionKind::Assign => {
                let unit = opt(take(limit_chars("unit", &v("unit"), NAME_CHARS)));
                let person = opt(take(limit_chars("person", &v("person"), NAME_CHARS)));
                let max = self.today + Duration::days(366);
                match parse_date_between("deadline", &v("deadline"), self.registered, max) {
                    Ok(deadline) => Action::Assign {
                        unit,
                        person,
                        deadline,
                    },
                    Err(e) => {
                        errors.push(e);
                        Action::Progress
                    }
                }
            }
            ActionKind::Progress => {
                take(require("note", &v("note")));
                Action::Progress
            }
            ActionKind::Answer => Action::Answer {
                result: take(require("result", &v("result"))),
            },
            ActionKind::ReturnVisit => Action::ReturnVisit {
                satisfaction: Satisfaction::from_code(&v("satisfaction"))
                    .unwrap_or(Satisfaction::Satisfied),
            },
            ActionKind::Close => Action::Close {
                reason: opt(normalize_text(&v("reason"))),
            },
            ActionKind::Reopen => Action::Reopen {
                reason: Some(take(require("reason", &v("reason")))),
            },
            ActionKind::Escalate => Action::Escalate {
                level: Level::from_code(&v("level")).unwrap_or(Level::County),
            },
            ActionKind::Defer | ActionKind::Register => Action::Defer {
                reason: take(require("reason", &v("reason"))),
            },
        };
        if errors.is_empty() {
            Ok(action)
        } else {
            Err(errors)
        }
    }

    /// Shows a workflow refusal under the field it is about.
    fn refuse(&mut self, e: &WorkflowError) {
        self.form.clear_errors();
        let msg = e.message(self.lang);
        match field_of(e).filter(|k| self.form.field(k).is_some()) {
            Some(k) => {
                self.form.set_error(k, msg);
                self.form.focus_first_error();
            }
            None => self.form.message = Some(msg),
        }
    }

    /// Ctrl+S: validates, checks the workflow against the item as it is now, writes the event.
    pub(super) fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let action = match self.action() {
            Ok(a) => a,
            Err(errors) => {
                self.form.show_errors(&errors);
                let v = |k: &str| normalize_text(&self.form.value(k));
                if self.kind == ActionKind::Assign && v("unit").is_empty() && v("person").is_empty()
                {
                    let msg = WorkflowError::AssignNeedsResponsible.message(self.lang);
                    self.form.set_error("unit", msg);
                    self.form.focus_first_error();
                }
                return Outcome::Stay;
            }
        };
        let state = match ctx.store.item_state(self.item_id) {
            Ok(Some(st)) => st,
            Ok(None) => {
                self.form.message = Some(crate::tui::strings::GONE.get(self.lang).to_owned());
                return Outcome::Stay;
            }
            Err(e) => {
                self.form.message = Some(e.message(self.lang));
                return Outcome::Stay;
            }
        };
        if let Err(e) = state.next(&action) {
            self.refuse(&e);
            return Outcome::Stay;
        }
        let event = Progress {
            item_id: self.item_id,
            action,
            at: now(self.today),
            by: ctx.me.map(|m| m.cadre_id),
            by_name: ctx.my_name(),
            note: normalize_text(&self.form.value("note")),
        };
        match ctx
            .store
            .write(|w| w.add_progress(ProgressId::new(), &event))
        {
            Ok(after) => {
                let reopened = after.status == ItemStatus::Reopened;
                Outcome::Saved(is::saved_message(self.lang, self.kind, reopened))
            }
            Err(StoreError::Workflow(e)) => {
                self.refuse(&e);
                Outcome::Stay
            }
            Err(e) => {
                self.form.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }
}
