//! The columns of a ledger report (SPEC §8: the columns township ledgers use, then the
//! ledger's own fields) and how each is filled from an item row.

use super::cells::{Cell, CellCtx, Shape};
use super::strings::{self as s, T};
use crate::domain::calendar::Calendar;
use crate::domain::deadline::{Urgency, urgency};
use crate::domain::{ItemStatus, Ledger};
use crate::store::report_rows::ItemReportRow;

/// One column of a ledger report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemCol {
    Seq,
    Number,
    Registered,
    Township,
    VillageGroup,
    Reporter,
    Phone,
    Category,
    Content,
    FirstResponder,
    Responsible,
    Deadline,
    Progress,
    Result,
    ReturnVisit,
    Satisfaction,
    Closed,
    Status,
    Overdue,
    Nature,
    Beneficiaries,
    IdNumber,
    Causes,
    Assistance,
    Helper,
    ReviewCycle,
    People,
    Risk,
    Leader,
    Stabilisation,
}

/// The columns of `ledger`'s report; `township` adds a 乡镇 column (a report over several).
pub fn item_columns(ledger: Ledger, township: bool) -> Vec<ItemCol> {
    use ItemCol as C;
    let mut cols = vec![C::Seq, C::Number, C::Registered];
    if township {
        cols.push(C::Township);
    }
    cols.extend([
        C::VillageGroup,
        C::Reporter,
        C::Phone,
        C::Category,
        C::Content,
        C::FirstResponder,
        C::Responsible,
        C::Deadline,
        C::Progress,
        C::Result,
        C::ReturnVisit,
        C::Satisfaction,
        C::Closed,
        C::Status,
        C::Overdue,
    ]);
    cols.extend(match ledger {
        Ledger::Livelihood => vec![C::Nature, C::Beneficiaries],
        Ledger::Hardship => vec![
            C::IdNumber,
            C::Causes,
            C::Assistance,
            C::Helper,
            C::ReviewCycle,
        ],
        Ledger::Stability => vec![C::People, C::Risk, C::Leader, C::Stabilisation],
    });
    cols
}

/// How pressing an item is on `today` (the ledger screen's rule: open past its deadline is
/// overdue); `None` for an open item without a deadline.
pub fn item_urgency(row: &ItemReportRow, today: chrono::NaiveDate) -> Option<Urgency> {
    let open = row.status.is_open();
    match row.due_date {
        _ if !open => Some(Urgency::Closed),
        Some(due) => Some(urgency(Calendar::builtin(), due, today, true)),
        None => None,
    }
}

/// One row of a ledger report with what its cells need besides the row.
pub struct ItemLine<'a> {
    pub ledger: Ledger,
    /// 序号, from 1.
    pub seq: u64,
    pub row: &'a ItemReportRow,
    pub urgency: Option<Urgency>,
}

/// The label of a progress kind in 办理进展.
fn progress_kind(code: &str) -> T {
    match code {
        "escalate" => T("上报", "Escalated"),
        "defer" => T("暂缓", "Deferred"),
        "reopen" => T("重办", "Reopened"),
        _ => T("进展", "Progress"),
    }
}

impl ItemCol {
    /// The header text.
    pub fn header(self) -> T {
        use ItemCol as C;
        match self {
            C::Seq => s::COL_SEQ,
            C::Number => s::COL_NUMBER,
            C::Registered => s::COL_REGISTERED,
            C::Township => s::COL_TOWNSHIP,
            C::VillageGroup => s::COL_VILLAGE_GROUP,
            C::Reporter => s::COL_REPORTER,
            C::Phone => s::COL_PHONE,
            C::Category => s::COL_CATEGORY,
            C::Content => s::COL_CONTENT,
            C::FirstResponder => s::COL_FIRST,
            C::Responsible => s::COL_RESPONSIBLE,
            C::Deadline => s::COL_DEADLINE,
            C::Progress => s::COL_PROGRESS,
            C::Result => s::COL_RESULT,
            C::ReturnVisit => s::COL_RETURN_VISIT,
            C::Satisfaction => s::COL_SATISFACTION,
            C::Closed => s::COL_CLOSED,
            C::Status => s::COL_STATUS,
            C::Overdue => s::COL_OVERDUE,
            C::Nature => s::COL_NATURE,
            C::Beneficiaries => s::COL_BENEFICIARIES,
            C::IdNumber => s::COL_ID_NUMBER,
            C::Causes => s::COL_CAUSES,
            C::Assistance => s::COL_ASSISTANCE,
            C::Helper => s::COL_HELPER,
            C::ReviewCycle => s::COL_REVIEW,
            C::People => s::COL_PEOPLE,
            C::Risk => s::COL_RISK,
            C::Leader => s::COL_LEADER,
            C::Stabilisation => s::COL_STABILISATION,
        }
    }

    /// Its layout.
    pub fn shape(self) -> Shape {
        use ItemCol as C;
        match self {
            C::Seq | C::Beneficiaries | C::People => Shape::Int,
            C::Registered | C::Deadline | C::ReturnVisit | C::Closed => Shape::Date,
            C::Content | C::Progress | C::Result | C::Assistance | C::Stabilisation => Shape::Long,
            _ => Shape::Short,
        }
    }

    /// This column's cell of `line`.
    pub fn cell(self, line: &ItemLine<'_>, cx: &CellCtx<'_>) -> Cell {
        use ItemCol as C;
        let cat = cx.catalog;
        let r = line.row;
        match self {
            C::Seq => Cell::Int(i64::try_from(line.seq).unwrap_or(i64::MAX)),
            C::Number => Cell::text(&r.number),
            C::Registered => Cell::Date(r.registered_at.date()),
            C::Township => Cell::opt(r.township.as_deref()),
            C::VillageGroup => Cell::text(format!(
                "{}{}",
                r.village.as_deref().unwrap_or_default(),
                r.group.as_deref().unwrap_or_default()
            )),
            C::Reporter if r.anonymous => Cell::text(cx.t(s::ANONYMOUS)),
            C::Reporter => Cell::opt(
                r.reporter
                    .as_deref()
                    .filter(|n| !n.trim().is_empty())
                    .or(r.household_head.as_deref()),
            ),
            C::Phone => cx.phone(phone_of(r)),
            C::Category => Cell::text(cx.label(cat.categories(line.ledger), &r.category)),
            C::Content => Cell::text(content(r)),
            C::FirstResponder => Cell::opt(r.first_responder.as_deref()),
            C::Responsible => Cell::text(responsible(r)),
            C::Deadline => Cell::date(r.due_date),
            C::Progress => Cell::text(
                r.progress
                    .iter()
                    .map(|p| {
                        let text = match p.kind.as_str() {
                            "escalate" => cx.label(&cat.levels, &p.text),
                            _ => p.text.clone(),
                        };
                        let day = p.date.map(|d| format!("{d} ")).unwrap_or_default();
                        let kind = progress_kind(&p.kind).get(cx.lang);
                        format!("{day}{kind}：{text}")
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            C::Result => Cell::opt(r.result.as_deref()),
            C::ReturnVisit => Cell::date(r.return_visit_on),
            C::Satisfaction => cx.label_opt(&cat.satisfaction, r.satisfaction.as_deref()),
            C::Closed => Cell::date(r.closed_at),
            C::Status => Cell::text(r.status.label(cx.lang)),
            C::Overdue => match line.urgency {
                Some(u) if u.is_overdue() => Cell::text(u.label(cx.lang)),
                _ => Cell::Empty,
            },
            C::Nature => cx.label_opt(&cat.livelihood.natures, r.nature.as_deref()),
            C::Beneficiaries => Cell::int(r.beneficiaries),
            C::IdNumber => cx.id_number(r.id_number.as_deref()),
            C::Causes => Cell::text(
                r.causes
                    .iter()
                    .map(|c| cx.label(&cat.hardship.causes, c))
                    .collect::<Vec<_>>()
                    .join(cx.t(s::LIST_SEP)),
            ),
            C::Assistance => Cell::text(
                r.assistance
                    .iter()
                    .map(|a| {
                        let mut line = cx.label(&cat.hardship.measures, &a.measure);
                        if let Some(fen) = a.amount_fen {
                            line.push(' ');
                            line.push_str(&cx.yuan(fen));
                        }
                        if let Some(d) = a.date {
                            line.push_str(&format!("（{d}）"));
                        }
                        line
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            C::Helper => Cell::opt(r.helper.as_deref()),
            C::ReviewCycle => cx.label_opt(&cat.hardship.review_cycles, r.review_cycle.as_deref()),
            C::People => Cell::int(r.people_involved),
            C::Risk => cx.label_opt(&cat.stability.risk_levels, r.risk_level.as_deref()),
            C::Leader => Cell::opt(r.leader.as_deref()),
            C::Stabilisation => Cell::opt(r.stabilisation.as_deref()),
        }
    }
}

/// The phone to print: the reporter's, else the household's when the reporter is the head
/// (or unnamed); none for an anonymous item.
fn phone_of(r: &ItemReportRow) -> Option<&str> {
    if r.anonymous {
        return None;
    }
    let own = r.reporter_phone.as_deref().filter(|p| !p.trim().is_empty());
    let head_speaks = match r.reporter.as_deref().map(str::trim) {
        None | Some("") => true,
        Some(name) => r.household_head.as_deref() == Some(name),
    };
    own.or(r.household_phone.as_deref().filter(|_| head_speaks))
}

/// 内容: the title on the first line, the content below it (the title alone if no content).
fn content(r: &ItemReportRow) -> String {
    match (r.title.trim(), r.content.trim()) {
        (t, "") => t.to_owned(),
        ("", c) => c.to_owned(),
        (t, c) => format!("{t}\n{c}"),
    }
}

/// 责任人: the person and, in brackets, the unit.
fn responsible(r: &ItemReportRow) -> String {
    let person = r.responsible_person.as_deref().map(str::trim).unwrap_or("");
    let unit = r.responsible_unit.as_deref().map(str::trim).unwrap_or("");
    match (person, unit) {
        (p, "") => p.to_owned(),
        ("", u) => u.to_owned(),
        (p, u) => format!("{p}（{u}）"),
    }
}

/// Whether an item's row is highlighted: open and past its deadline.
pub fn is_overdue(status: ItemStatus, urg: Option<Urgency>) -> bool {
    status.is_open() && urg.is_some_and(Urgency::is_overdue)
}
