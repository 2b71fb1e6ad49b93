//! The item registration form (登记事项) the visit form opens with Ctrl+R and the standalone
//! 登记 screen wraps: ledger, category (that ledger's list), title, content, reporter, level
//! and a deadline counted in working days from the rules and the holiday calendar, which the
//! user may override. Validating it gives a [`RaisedItem`]; [`register`] writes one.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::item_form_strings as s;
use crate::domain::calendar::Calendar;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::{DeadlineRules, deadline_for};
use crate::domain::validate::{
    FieldError, check_date_range, limit_chars, normalize_text, parse_date, parse_mobile,
    require_within,
};
use crate::domain::{
    Assistance, CadreId, GroupId, HouseholdId, Item, ItemId, Ledger, LedgerFields, Level,
    ProgressId, VillageId, VisitId,
};
use crate::i18n::Lang;
use crate::store::{StoreError, Writer};
use crate::tui::form::{Choice, FieldKind, Form};

/// How far ahead a typed deadline may lie.
const MAX_DEADLINE_DAYS: i64 = 730;
const MAX_TITLE: usize = 100;
const MAX_CONTENT: usize = 4000;

/// A validated matter, not yet written: what the visit form lists and keeps in its draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaisedItem {
    pub ledger: Ledger,
    pub category: String,
    pub title: String,
    pub content: String,
    pub reporter: Option<String>,
    pub reporter_phone: Option<String>,
    pub level: Level,
    pub deadline: NaiveDate,
}

impl RaisedItem {
    /// "将登记：民生·道路交通 村道破损 时限 2026-12-08".
    pub fn summary(&self, lang: Lang) -> String {
        let cats = Catalog::builtin().categories(self.ledger);
        let cat = Catalog::label(cats, &self.category, lang);
        s::raised_line(
            lang,
            self.ledger.label(lang),
            cat,
            &self.title,
            self.deadline,
        )
    }
}

/// Where a matter came from and who registers it: everything an [`Item`] needs besides the
/// form's fields.
pub struct Origin {
    pub source: String,
    pub visit: Option<VisitId>,
    pub household: Option<HouseholdId>,
    pub village: Option<VillageId>,
    pub group: Option<GroupId>,
    pub at: NaiveDateTime,
    pub by: Option<CadreId>,
    pub by_name: String,
    /// The township's short name, the number's prefix.
    pub prefix: String,
}

/// Registers (挂号) `r` as item `id` inside the caller's transaction with the next free
/// number; returns the number.
pub fn register(
    w: &mut Writer<'_>,
    id: ItemId,
    r: &RaisedItem,
    o: &Origin,
) -> Result<String, StoreError> {
    let number = w.next_item_number(&o.prefix, o.at.year())?;
    let ledger_fields = match r.ledger {
        Ledger::Livelihood => LedgerFields::Livelihood {
            nature: None,
            beneficiaries: None,
        },
        Ledger::Hardship => LedgerFields::Hardship {
            causes: vec![r.category.clone()],
            assistance: Vec::<Assistance>::new(),
            helper: None,
            review_cycle: None,
        },
        Ledger::Stability => LedgerFields::Stability {
            people_involved: None,
            risk_level: None,
            leader: None,
            stabilisation: None,
        },
    };
    let item = Item {
        ledger_fields,
        number: number.clone(),
        title: r.title.clone(),
        content: r.content.clone(),
        category: r.category.clone(),
        village_id: o.village,
        group_id: o.group,
        household_id: o.household,
        person_id: None,
        reporter: r.reporter.clone(),
        reporter_phone: r.reporter_phone.clone(),
        anonymous: false,
        source: o.source.clone(),
        source_visit_id: o.visit,
        registered_at: o.at,
        registered_by: o.by,
        level: r.level,
        deadline: r.deadline,
        measures: None,
    };
    w.register_item(id, ProgressId::new(), &item, o.by, &o.by_name)?;
    Ok(number)
}

/// What the form starts with besides the defaults.
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    pub content: String,
    pub reporter: String,
    pub phone: String,
}

fn ledger_choices(lang: Lang) -> Vec<Choice> {
    Ledger::ALL
        .iter()
        .map(|l| Choice::new(l.code(), l.label(lang)))
        .collect()
}

fn category_choices(lang: Lang, ledger: Ledger) -> Vec<Choice> {
    Catalog::builtin()
        .categories(ledger)
        .iter()
        .map(|e| Choice::new(e.code.clone(), e.label(lang)))
        .collect()
}

fn level_choices(lang: Lang) -> Vec<Choice> {
    Catalog::builtin()
        .levels
        .iter()
        .filter(|e| Level::from_code(&e.code).is_some())
        .map(|e| Choice::new(e.code.clone(), e.label(lang)))
        .collect()
}

/// The form and the deadline the rules give for its current ledger and category.
pub struct ItemForm {
    pub form: Form,
    today: NaiveDate,
    /// The computed deadline last put in (or offered beside) the field.
    auto: NaiveDate,
}

impl ItemForm {
    /// A form for `ledger`; `extra` adds fields after the category (the standalone screen's
    /// source, household and village).
    pub fn new(
        lang: Lang,
        today: NaiveDate,
        ledger: Ledger,
        title: &str,
        prefill: &Prefill,
        extra: impl FnOnce(Form) -> Form,
    ) -> ItemForm {
        let cats = category_choices(lang, ledger);
        let first = cats.first().map(|c| c.code.clone()).unwrap_or_default();
        let (days, auto) = rule(today, ledger, &first);
        let form = Form::new(lang, title)
            .select(
                "ledger",
                s::LEDGER,
                ledger_choices(lang),
                Some(ledger.code()),
                false,
            )
            .select("category", s::CATEGORY, cats, None, false);
        let form = extra(form)
            .text("title", s::TITLE, "")
            .required()
            .multi("content", s::CONTENT, &prefill.content, 3)
            .text("reporter", s::REPORTER, &prefill.reporter)
            .text("reporter_phone", s::REPORTER_PHONE, &prefill.phone)
            .note(s::NOTE_PHONE.get(lang))
            .select(
                "level",
                s::LEVEL,
                level_choices(lang),
                Some("village"),
                false,
            )
            .text("deadline", s::DEADLINE, &auto.to_string())
            .required()
            .note(s::deadline_note(lang, days, auto));
        ItemForm { form, today, auto }
    }

    /// The ledger selected now.
    pub fn ledger(&self) -> Ledger {
        Ledger::parse(&self.form.value("ledger")).unwrap_or(Ledger::Livelihood)
    }

    /// Follows a changed field: a new ledger brings its categories; a new ledger or category
    /// a new computed deadline, which replaces the field's date unless the user typed another.
    pub fn changed(&mut self, key: &str) {
        if key == "ledger" {
            let options = category_choices(self.form.lang, self.ledger());
            let selected = (!options.is_empty()).then_some(0);
            if let Some(f) = self.form.field_mut("category") {
                f.kind = FieldKind::Select {
                    options,
                    selected,
                    optional: false,
                };
            }
        }
        if key == "ledger" || key == "category" {
            self.recompute(true);
        }
    }

    fn recompute(&mut self, follow: bool) {
        let (days, date) = rule(self.today, self.ledger(), &self.form.value("category"));
        let typed = self.form.value("deadline");
        let typed = typed.trim();
        if follow && (typed.is_empty() || typed == self.auto.to_string()) {
            self.form.set_value("deadline", &date.to_string());
        }
        self.auto = date;
        let note = s::deadline_note(self.form.lang, days, date);
        self.form.set_note("deadline", Some(note));
    }

    /// Puts back the values of a draft (the ledger first, so its categories are there).
    pub fn restore(&mut self, values: &BTreeMap<String, String>) {
        if let Some(l) = values.get("ledger") {
            self.form.set_value("ledger", l);
            self.changed("ledger");
        }
        self.form.restore(values);
        self.recompute(false);
    }

    /// The checked matter, or every field error.
    pub fn validate(&self) -> Result<RaisedItem, Vec<FieldError>> {
        let f = &self.form;
        let mut errors = Vec::new();
        let title = require_within("title", &f.value("title"), MAX_TITLE)
            .map_err(|e| errors.push(e))
            .ok();
        let content = limit_chars("content", &f.value("content"), MAX_CONTENT)
            .map_err(|e| errors.push(e))
            .ok();
        let phone_text = f.value("reporter_phone");
        let phone = if normalize_text(&phone_text).is_empty() {
            Some(None)
        } else {
            parse_mobile("reporter_phone", &phone_text)
                .map(Some)
                .map_err(|e| errors.push(e))
                .ok()
        };
        let max = self.today + Duration::days(MAX_DEADLINE_DAYS);
        let deadline = parse_date("deadline", &f.value("deadline"))
            .and_then(|d| check_date_range("deadline", d, self.today, max))
            .map_err(|e| errors.push(e))
            .ok();
        let level = Level::from_code(&f.value("level")).unwrap_or(Level::Village);
        let reporter = Some(normalize_text(&f.value("reporter"))).filter(|r| !r.is_empty());
        match (title, content, phone, deadline) {
            (Some(title), Some(content), Some(reporter_phone), Some(deadline))
                if errors.is_empty() =>
            {
                Ok(RaisedItem {
                    ledger: self.ledger(),
                    category: f.value("category"),
                    // An empty content repeats the title: the ledger column is never blank.
                    content: if content.is_empty() {
                        title.clone()
                    } else {
                        content
                    },
                    title,
                    reporter,
                    reporter_phone,
                    level,
                    deadline,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The working days the rules allow and the deadline they give for an item registered today.
fn rule(today: NaiveDate, ledger: Ledger, category: &str) -> (u32, NaiveDate) {
    let rules = DeadlineRules::builtin();
    let days = rules.working_days_for(ledger, category);
    (
        days,
        deadline_for(Calendar::builtin(), rules, today, ledger, category),
    )
}
