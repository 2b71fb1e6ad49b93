//! Ingest of one row's groups of fields: contact (phone, ID number), classification
//! (category, nature, source, risk level), dates and the workflow columns (status,
//! satisfaction, 是否销号).

use chrono::{NaiveDate, NaiveDateTime};

use super::super::ingest_headers::Field;
use super::super::ingest_values::{
    DeadlineSpec, Label, categories, deadline_of, match_label, source,
};
use super::{DEFAULT_TIME, DateLimit, Note, ParsedRow, Problem, Reader, earliest};
use crate::domain::catalog::Catalog;
use crate::domain::validate::{parse_id_number, parse_mobile};
use crate::domain::{ItemStatus, Ledger, Satisfaction};

/// How far after its registration a deadline may lie (the registration form's limit).
const MAX_DEADLINE_DAYS: u64 = 730;

/// A value printed masked (`138****5678`, as `minqing report` writes them by default).
fn masked(r: &Reader<'_>, row: &mut ParsedRow, f: Field, value: &str) -> bool {
    let m = value.contains('*');
    if m {
        row.notes.push(Note::Masked(r.header(f)));
    }
    m
}

/// Phone (a mobile number) and ID number (GB 11643); masked values are left out with a note.
pub(super) fn contact(r: &mut Reader<'_>, row: &mut ParsedRow) {
    if let Some(p) = r
        .text(Field::Phone)
        .filter(|p| !masked(r, row, Field::Phone, p))
    {
        match parse_mobile("phone", &p) {
            Ok(m) => row.phone = Some(m),
            Err(e) => r.problems.push(Problem::Invalid {
                header: r.header(Field::Phone),
                value: p,
                kind: e.kind,
            }),
        }
    }
    if let Some(id) = r
        .text(Field::IdNumber)
        .filter(|id| !masked(r, row, Field::IdNumber, id))
    {
        match parse_id_number("id_number", &id) {
            Ok(n) => row.id_number = Some(n),
            Err(e) => r.problems.push(Problem::Invalid {
                header: r.header(Field::IdNumber),
                value: id,
                kind: e.kind,
            }),
        }
    }
}

/// Category (unknown → 其他 with a note), nature, source (default 走访), risk level.
pub(super) fn classify(
    r: &mut Reader<'_>,
    row: &mut ParsedRow,
    ledger: Ledger,
    category: Option<&str>,
) {
    let labels = categories(ledger, category.unwrap_or_default());
    for label in labels {
        match label {
            Label::Code(c) => row.causes.push(c),
            Label::Unknown(t) => row.notes.push(Note::CategoryOther(t)),
            Label::Empty if r.has(Field::Category) => row.notes.push(Note::CategoryMissing),
            Label::Empty => {}
        }
    }
    if row.causes.is_empty() {
        row.causes.push("other".into());
    }
    row.causes.dedup();
    row.category = row.causes[0].clone();
    let mut ignored = Vec::new();
    if let Some(t) = r.text(Field::Nature) {
        match match_label(&Catalog::builtin().livelihood.natures, &t) {
            Label::Code(c) if ledger == Ledger::Livelihood => row.nature = Some(c),
            _ => ignored.push((Field::Nature, t)),
        }
    }
    row.source = "visit".into();
    if let Some(t) = r.text(Field::Source) {
        match source(&t) {
            Label::Code(c) => row.source = c,
            _ => ignored.push((Field::Source, t)),
        }
    }
    if let Some(t) = r.text(Field::RiskLevel) {
        match r.syn.risk_of(&t) {
            Some(code) if ledger == Ledger::Stability => row.risk_level = Some(code.to_owned()),
            _ => ignored.push((Field::RiskLevel, t)),
        }
    }
    for (f, value) in ignored {
        row.notes.push(Note::Ignored {
            header: r.header(f),
            value,
        });
    }
}

/// The registration date (today when the sheet has none: a note says so if the column
/// exists), the dates of later events (from the registration day to today) and the deadline
/// (from the registration day to two years later).
pub(super) fn dates(r: &mut Reader<'_>, row: &mut ParsedRow, today: NaiveDate) {
    let registered = r.date(Field::RegisteredAt);
    row.dated = registered.is_some();
    let blank = r.cell(Field::RegisteredAt).is_blank();
    if registered.is_none() && blank && r.has(Field::RegisteredAt) {
        row.notes.push(Note::NoDate);
    }
    row.registered_at = registered.unwrap_or_else(|| today.and_time(DEFAULT_TIME));
    let reg_day = row.registered_at.date();
    let check = |r: &mut Reader<'_>, f: Field, d: Option<NaiveDateTime>, first: DateLimit| {
        let d = d?;
        let min = if first == DateLimit::TooEarly {
            earliest()
        } else {
            reg_day
        };
        let limit = if d.date() > today {
            DateLimit::AfterToday
        } else if d.date() < min {
            first
        } else {
            return Some(d);
        };
        r.problems.push(Problem::DateOutOfRange {
            header: r.header(f),
            date: d.date(),
            limit,
        });
        None
    };
    check(r, Field::RegisteredAt, registered, DateLimit::TooEarly);
    for (f, slot) in [
        (Field::AnsweredAt, &mut row.answered_at),
        (Field::ReturnVisitAt, &mut row.return_visit_at),
        (Field::ClosedAt, &mut row.closed_at),
    ] {
        let d = r.date(f);
        *slot = check(r, f, d, DateLimit::BeforeRegistration);
    }
    let limit = |d: NaiveDate| {
        if d < reg_day {
            Some(DateLimit::BeforeRegistration)
        } else if d > reg_day + chrono::Days::new(MAX_DEADLINE_DAYS) {
            Some(DateLimit::DeadlineTooFar)
        } else {
            None
        }
    };
    match deadline_of(r.cell(Field::Deadline)) {
        Ok(Some(DeadlineSpec::Date(d))) if limit(d).is_some() => {
            r.problems.push(Problem::DateOutOfRange {
                header: r.header(Field::Deadline),
                date: d,
                limit: limit(d).unwrap_or(DateLimit::DeadlineTooFar),
            });
        }
        Ok(spec) => row.deadline = spec,
        Err(()) => r.problems.push(Problem::BadDeadline {
            header: r.header(Field::Deadline),
            value: r.cell(Field::Deadline).text(),
        }),
    }
}

/// Status (from 状态, 是否销号, or a status word in 办理结果) and satisfaction.
pub(super) fn workflow_fields(r: &mut Reader<'_>, row: &mut ParsedRow) {
    if let Some(t) = r.text(Field::Satisfaction) {
        match r.syn.satisfaction_of(&t) {
            Some(s) => row.satisfaction = Some(s),
            None => r.problems.push(Problem::UnknownSatisfaction(t)),
        }
    }
    let status_col = r.text(Field::Status);
    let mut status = match &status_col {
        Some(t) => match r.syn.status_of(t) {
            Some(s) => Some(s),
            None => {
                r.problems.push(Problem::UnknownStatus(t.clone()));
                None
            }
        },
        None => None,
    };
    if status_col.is_none()
        && let Some(s) = row.result.as_deref().and_then(|t| r.syn.status_of(t))
    {
        // A 办理结果 column used for the status: it is not a result then.
        status = Some(s);
        row.result = None;
    }
    if let Some(flag) = r.text(Field::ClosedFlag) {
        match r.syn.yes_no(&flag) {
            Some(true) => status = Some(ItemStatus::Closed),
            Some(false) if status == Some(ItemStatus::Closed) => {
                r.problems.push(Problem::ClosedFlagConflict(flag));
            }
            Some(false) => {}
            None => r.problems.push(Problem::UnknownStatus(flag)),
        }
    }
    if status == Some(ItemStatus::Closed) && row.satisfaction == Some(Satisfaction::Unsatisfied) {
        r.problems.push(Problem::ClosedUnsatisfied);
    }
    row.status = status;
    row.status_text = status_col;
}
