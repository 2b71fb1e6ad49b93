//! Ingest of one data row: every mapped cell read and validated (required fields by ledger,
//! phone, ID number, dates, counts, status and satisfaction words), giving a [`ParsedRow`] or
//! every reason the row is refused. Pure: villages and households are resolved later.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::ingest_headers::{Field, HeaderMap, Synonyms};
use super::ingest_read::Cell;
use super::ingest_values::{DeadlineSpec, date_time_of};
use crate::domain::catalog::Catalog;
use crate::domain::validate::{FieldErrorKind, IdNumber, normalize_text, parse_count};
use crate::domain::{ItemStatus, Ledger, Satisfaction};

/// The longest content and title kept (the registration form's limits).
pub const MAX_CONTENT: usize = 4000;
pub const MAX_TITLE: usize = 100;
/// A derived title is the content's first clause, at most this many characters.
const DERIVED_TITLE: usize = 20;
/// The time given to a date written without one.
pub const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// Why a row is refused (each becomes one reason on the row's line).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required field is empty; the header as the sheet writes it.
    Missing(String),
    /// A field's value is refused for a validation reason.
    Invalid {
        header: String,
        value: String,
        kind: FieldErrorKind,
    },
    /// Not a date in any accepted form.
    BadDate {
        header: String,
        value: String,
    },
    /// A real date outside what the row allows.
    DateOutOfRange {
        header: String,
        date: NaiveDate,
        limit: DateLimit,
    },
    /// Not a deadline (a date or a number of days).
    BadDeadline {
        header: String,
        value: String,
    },
    UnknownStatus(String),
    UnknownSatisfaction(String),
    /// 已销号 together with 不满意.
    ClosedUnsatisfied,
    /// 是否销号 says 否 but the status says closed; the flag's value.
    ClosedFlagConflict(String),
    UnknownVillage(String),
    /// Several villages have this name (in different townships).
    AmbiguousVillage {
        name: String,
        townships: Vec<String>,
    },
    /// The row's village differs from `--village`.
    VillageMismatch {
        cell: String,
        given: String,
    },
    /// The ID number belongs to a person of another name.
    IdOfOther {
        id_owner: String,
        reporter: String,
    },
    /// The workflow refuses the events the status implies (message already localised).
    Workflow(String),
}

/// Which bound a date broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLimit {
    /// After today (the `--today` of the run).
    AfterToday,
    /// Before 2000.
    TooEarly,
    /// Before the row's registration date.
    BeforeRegistration,
    /// A deadline more than two years after the registration.
    DeadlineTooFar,
}

/// Something worth saying about a row that was imported anyway.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Unknown category text, recorded as 其他.
    CategoryOther(String),
    /// No category given, recorded as 其他.
    CategoryMissing,
    /// A label that matched nothing and was left out (nature, risk level, source…).
    Ignored { header: String, value: String },
    /// No registration date: today is used.
    NoDate,
    /// A masked value (`138****5678`) left out; the header.
    Masked(String),
    /// Several households of that name in the village: the item is linked to none.
    HouseholdAmbiguous { name: String, count: usize },
}

/// A validated row, before its village and household are looked up.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedRow {
    pub number: Option<String>,
    pub village: Option<String>,
    pub group: Option<String>,
    pub reporter: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<IdNumber>,
    pub address: Option<String>,
    pub title: String,
    pub content: String,
    pub category: String,
    /// Hardship causes (the first is `category`).
    pub causes: Vec<String>,
    pub nature: Option<String>,
    pub source: String,
    pub registered_at: NaiveDateTime,
    /// False when the sheet gave no registration date (today was used).
    pub dated: bool,
    pub deadline: Option<DeadlineSpec>,
    pub first_responder: Option<String>,
    pub responsible_person: Option<String>,
    pub responsible_unit: Option<String>,
    pub progress: Option<String>,
    pub measures: Option<String>,
    pub result: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    pub return_visit_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub satisfaction: Option<Satisfaction>,
    pub status: Option<ItemStatus>,
    /// The 状态 cell as written (已上报县 escalates to the county).
    pub status_text: Option<String>,
    pub beneficiaries: Option<u32>,
    pub helper: Option<String>,
    pub people_involved: Option<u32>,
    pub risk_level: Option<String>,
    pub leader: Option<String>,
    pub stabilisation: Option<String>,
    pub note: Option<String>,
    pub notes: Vec<Note>,
}

/// The earliest date a ledger row may carry: a year before 2000 is a typing mistake.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

/// Reads one row's cells through the header map.
pub(super) struct Reader<'a> {
    pub(super) syn: &'a Synonyms,
    map: &'a HeaderMap,
    cells: &'a [Cell],
    pub(super) problems: Vec<Problem>,
}

impl Reader<'_> {
    pub(super) fn cell(&self, f: Field) -> &Cell {
        self.map
            .index(f)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&Cell::Empty)
    }

    /// Whether the sheet has a column for `f`.
    pub(super) fn has(&self, f: Field) -> bool {
        self.map.index(f).is_some()
    }

    pub(super) fn header(&self, f: Field) -> String {
        self.map
            .header(f)
            .unwrap_or_else(|| self.syn.label(f))
            .to_owned()
    }

    /// The cell as normalised text, `None` when empty.
    pub(super) fn text(&self, f: Field) -> Option<String> {
        let t = normalize_text(&self.cell(f).text());
        (!t.is_empty()).then_some(t)
    }

    pub(super) fn required(&mut self, f: Field, value: &Option<String>) {
        if value.is_none() {
            self.problems.push(Problem::Missing(self.header(f)));
        }
    }

    pub(super) fn date(&mut self, f: Field) -> Option<NaiveDateTime> {
        match date_time_of(self.cell(f)) {
            Ok(d) => d.map(|d| {
                if d.time() == NaiveTime::MIN {
                    d.date().and_time(DEFAULT_TIME)
                } else {
                    d
                }
            }),
            Err(()) => {
                let value = self.cell(f).text();
                self.problems.push(Problem::BadDate {
                    header: self.header(f),
                    value,
                });
                None
            }
        }
    }

    pub(super) fn count(&mut self, f: Field) -> Option<u32> {
        let t = self.text(f)?;
        match parse_count("count", &t) {
            Ok(n) => Some(n),
            Err(e) => {
                self.problems.push(Problem::Invalid {
                    header: self.header(f),
                    value: t,
                    kind: e.kind,
                });
                None
            }
        }
    }
}

/// The title a row without one gets: the content's first clause, shortened.
pub fn derive_title(content: &str) -> String {
    let clause = content
        .split(['。', '，', ',', '；', ';', '！', '？', '\n'])
        .find(|c| !c.trim().is_empty())
        .unwrap_or(content)
        .trim();
    let mut t: String = clause.chars().take(DERIVED_TITLE).collect();
    if clause.chars().count() > DERIVED_TITLE {
        t.push('…');
    }
    t
}

/// Validates one row. `today` bounds every date.
pub fn parse_row(
    syn: &Synonyms,
    map: &HeaderMap,
    ledger: Ledger,
    cells: &[Cell],
    today: NaiveDate,
) -> Result<ParsedRow, Vec<Problem>> {
    let mut r = Reader {
        syn,
        map,
        cells,
        problems: Vec::new(),
    };
    let mut row = ParsedRow {
        number: r.text(Field::Number),
        village: r.text(Field::Village),
        group: r.text(Field::Group),
        reporter: r.text(Field::Reporter),
        address: r.text(Field::Address),
        first_responder: r.text(Field::FirstResponder),
        responsible_person: r.text(Field::ResponsiblePerson),
        responsible_unit: r.text(Field::ResponsibleUnit),
        progress: r.text(Field::Progress),
        measures: r.text(Field::Measures),
        result: r.text(Field::Result),
        helper: r.text(Field::Helper),
        leader: r.text(Field::Leader),
        stabilisation: r.text(Field::Stabilisation),
        note: r.text(Field::Note),
        ..ParsedRow::default()
    };
    let content = r.text(Field::Content);
    let category_text = r.text(Field::Category);
    match ledger {
        Ledger::Livelihood => {
            r.required(Field::Reporter, &row.reporter);
            r.required(Field::Content, &content);
        }
        Ledger::Hardship => {
            r.required(Field::Reporter, &row.reporter);
            if content.is_none() && category_text.is_none() {
                r.required(Field::Content, &content);
            }
        }
        Ledger::Stability => r.required(Field::Content, &content),
    }
    fields::contact(&mut r, &mut row);
    fields::classify(&mut r, &mut row, ledger, category_text.as_deref());
    row.content = content.unwrap_or_else(|| {
        let cats = Catalog::builtin().categories(ledger);
        row.causes
            .iter()
            .map(|c| Catalog::label(cats, c, crate::i18n::Lang::Zh).to_owned())
            .collect::<Vec<_>>()
            .join("、")
    });
    if row.content.chars().count() > MAX_CONTENT {
        r.problems.push(Problem::Invalid {
            header: r.header(Field::Content),
            value: row.content.chars().take(10).collect(),
            kind: FieldErrorKind::TooLong {
                max_chars: MAX_CONTENT,
            },
        });
    }
    row.title = match r.text(Field::Title) {
        Some(t) => t.chars().take(MAX_TITLE).collect(),
        None => derive_title(&row.content),
    };
    fields::dates(&mut r, &mut row, today);
    fields::workflow_fields(&mut r, &mut row);
    row.beneficiaries = r.count(Field::Beneficiaries);
    row.people_involved = r.count(Field::PeopleInvolved);
    if r.problems.is_empty() {
        Ok(row)
    } else {
        Err(r.problems)
    }
}

#[path = "ingest_row_fields.rs"]
mod fields;
