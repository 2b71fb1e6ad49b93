//! Ingest of an item's history: the progress events (交办, 进展, 办结, 回访, 销号, 暂缓, 上报,
//! 重办) that bring a newly registered item to the status its row records, checked against the
//! workflow before anything is written.

use chrono::{NaiveDate, NaiveDateTime};

use super::ingest_row::ParsedRow;
use super::ingest_strings as s;
use crate::domain::{Action, ItemState, ItemStatus, Level, Progress, WorkflowError};
use crate::i18n::Lang;

/// One event to record after 挂号.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub action: Action,
    pub at: NaiveDateTime,
    pub note: String,
}

/// The status a row reaches: its 状态 if given, else what its filled columns show
/// (销号时间 → closed; 满意度, 回访时间, 办理结果 or 办结时间 → answered; 办理进展 → in
/// progress; 责任人/责任单位 → assigned; nothing → registered).
pub fn target_status(row: &ParsedRow) -> ItemStatus {
    if let Some(s) = row.status {
        return s;
    }
    if row.closed_at.is_some() {
        ItemStatus::Closed
    } else if row.satisfaction.is_some()
        || row.return_visit_at.is_some()
        || row.result.is_some()
        || row.answered_at.is_some()
    {
        ItemStatus::Answered
    } else if row.progress.is_some() {
        ItemStatus::InProgress
    } else if row.responsible_person.is_some() || row.responsible_unit.is_some() {
        ItemStatus::Assigned
    } else {
        ItemStatus::Registered
    }
}

/// The events after 挂号, in order. Dates missing from the sheet fall back to the nearest
/// later one it gives (an answer to the return visit or closing), else to the registration.
pub fn steps(row: &ParsedRow, deadline: NaiveDate, escalate_to: Level, lang: Lang) -> Vec<Step> {
    use ItemStatus as S;
    let status = target_status(row);
    let reg = row.registered_at;
    let not_after_reg = |d: Option<NaiveDateTime>| d.map(|d| d.max(reg));
    let answered =
        not_after_reg(row.answered_at.or(row.return_visit_at).or(row.closed_at)).unwrap_or(reg);
    let visited = not_after_reg(row.return_visit_at.or(row.closed_at)).unwrap_or(answered);
    let closed = not_after_reg(row.closed_at).unwrap_or(visited);
    let unstated = s::UNSTATED.get(lang).to_owned();
    let mut out = Vec::new();
    let mut push = |action: Action, at: NaiveDateTime, note: String| {
        out.push(Step { action, at, note });
    };
    let responsible = row.responsible_person.is_some() || row.responsible_unit.is_some();
    if status == S::Assigned || (responsible && status != S::Registered) {
        let unit = match (&row.responsible_unit, &row.responsible_person) {
            (None, None) => Some(unstated.clone()),
            (u, _) => u.clone(),
        };
        push(
            Action::Assign {
                unit,
                person: row.responsible_person.clone(),
                deadline,
            },
            reg,
            String::new(),
        );
    }
    if status == S::InProgress || (row.progress.is_some() && status != S::Registered) {
        let note = row
            .progress
            .clone()
            .unwrap_or_else(|| s::IN_PROGRESS_NOTE.get(lang).to_owned());
        push(Action::Progress, reg, note);
    }
    let result = row.result.clone().unwrap_or_else(|| unstated.clone());
    match status {
        S::Answered | S::Closed | S::Reopened => {
            push(Action::Answer { result }, answered, String::new());
            if let Some(satisfaction) = row.satisfaction {
                push(Action::ReturnVisit { satisfaction }, visited, String::new());
            }
            let satisfied = row.satisfaction.is_some_and(|x| x.allows_closing());
            if status == S::Closed {
                let reason = (!satisfied).then(|| s::CLOSED_WITHOUT_VISIT.get(lang).to_owned());
                push(Action::Close { reason }, closed, String::new());
            } else if status == S::Reopened && row.satisfaction.is_none() {
                let reason = Some(unstated);
                push(Action::Reopen { reason }, closed, String::new());
            }
        }
        S::Deferred => push(Action::Defer { reason: result }, answered, String::new()),
        S::Escalated => push(Action::Escalate { level: escalate_to }, reg, String::new()),
        S::Registered | S::Assigned | S::InProgress => {}
    }
    out
}

/// The status `steps` bring a new item to (an unsatisfied return visit reopens it), or the
/// workflow's first refusal.
pub fn check(
    level: Level,
    deadline: NaiveDate,
    steps: &[Step],
) -> Result<ItemStatus, WorkflowError> {
    let mut state = ItemState::new(level, deadline);
    for st in steps {
        state.apply(&Progress {
            item_id: crate::domain::ItemId::default(),
            action: st.action.clone(),
            at: st.at,
            by: None,
            by_name: String::new(),
            note: st.note.clone(),
        })?;
    }
    Ok(state.status)
}

/// The level an escalation reaches: the county when its 状态 names it (已上报县), else the
/// township.
pub fn escalation_level(status_text: Option<&str>) -> Level {
    if status_text.is_some_and(|t| t.contains('县')) {
        Level::County
    } else {
        Level::Township
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionKind, Satisfaction};

    fn row() -> ParsedRow {
        let at = |d| {
            NaiveDate::from_ymd_opt(2026, 3, d)
                .and_then(|x| x.and_hms_opt(9, 0, 0))
                .expect("date")
        };
        ParsedRow {
            registered_at: at(5),
            closed_at: Some(at(12)),
            ..ParsedRow::default()
        }
    }

    fn kinds(steps: &[Step]) -> Vec<ActionKind> {
        steps.iter().map(|s| s.action.kind()).collect()
    }

    fn deadline() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 19).expect("date")
    }

    #[test]
    fn a_closed_row_with_a_satisfied_visit_closes_without_a_reason() {
        let mut r = row();
        r.status = Some(ItemStatus::Closed);
        r.satisfaction = Some(Satisfaction::Satisfied);
        r.responsible_person = Some("李明".into());
        let s = steps(&r, deadline(), Level::Township, Lang::Zh);
        use ActionKind as A;
        assert_eq!(kinds(&s), [A::Assign, A::Answer, A::ReturnVisit, A::Close]);
        assert_eq!(s[3].action, Action::Close { reason: None });
        assert_eq!(
            s[1].at,
            r.closed_at.expect("closed"),
            "answered when closed"
        );
        assert_eq!(
            check(Level::Village, deadline(), &s),
            Ok(ItemStatus::Closed)
        );
    }

    #[test]
    fn a_closed_row_without_a_visit_closes_with_the_override_reason() {
        let mut r = row();
        r.status = None;
        let s = steps(&r, deadline(), Level::Township, Lang::Zh);
        assert_eq!(
            target_status(&r),
            ItemStatus::Closed,
            "销号时间 alone means closed"
        );
        assert_eq!(
            s.last().map(|x| x.action.clone()),
            Some(Action::Close {
                reason: Some(s::CLOSED_WITHOUT_VISIT.get(Lang::Zh).to_owned())
            })
        );
        assert_eq!(
            check(Level::Village, deadline(), &s),
            Ok(ItemStatus::Closed)
        );
    }

    #[test]
    fn statuses_inferred_from_filled_columns() {
        let mut r = row();
        r.closed_at = None;
        assert_eq!(target_status(&r), ItemStatus::Registered);
        r.responsible_unit = Some("镇水利站".into());
        assert_eq!(target_status(&r), ItemStatus::Assigned);
        r.progress = Some("已现场查看".into());
        assert_eq!(target_status(&r), ItemStatus::InProgress);
        r.result = Some("已修复".into());
        assert_eq!(target_status(&r), ItemStatus::Answered);
        let s = steps(&r, deadline(), Level::Township, Lang::En);
        use ActionKind as A;
        assert_eq!(kinds(&s), [A::Assign, A::Progress, A::Answer]);
        assert_eq!(s[1].note, "已现场查看");
    }

    #[test]
    fn deferred_escalated_and_reopened_rows() {
        use ActionKind as A;
        let mut r = row();
        r.closed_at = None;
        r.status = Some(ItemStatus::Deferred);
        assert_eq!(
            kinds(&steps(&r, deadline(), Level::Township, Lang::Zh)),
            [A::Defer]
        );
        r.status = Some(ItemStatus::Escalated);
        let s = steps(&r, deadline(), escalation_level(Some("已上报县")), Lang::Zh);
        assert_eq!(
            s[0].action,
            Action::Escalate {
                level: Level::County
            }
        );
        assert_eq!(escalation_level(Some("已上报")), Level::Township);
        r.status = Some(ItemStatus::Answered);
        r.satisfaction = Some(Satisfaction::Unsatisfied);
        let s = steps(&r, deadline(), Level::Township, Lang::Zh);
        assert_eq!(kinds(&s), [A::Answer, A::ReturnVisit]);
        assert_eq!(
            check(Level::Village, deadline(), &s),
            Ok(ItemStatus::Reopened)
        );
        r.satisfaction = None;
        r.status = Some(ItemStatus::Reopened);
        let s = steps(&r, deadline(), Level::Township, Lang::Zh);
        assert_eq!(kinds(&s), [A::Answer, A::Reopen]);
        assert_eq!(
            check(Level::Village, deadline(), &s),
            Ok(ItemStatus::Reopened)
        );
        // Already at the county, an escalation to the township is refused by the workflow.
        assert!(
            check(
                Level::County,
                deadline(),
                &steps(
                    &ParsedRow {
                        status: Some(ItemStatus::Escalated),
                        ..row()
                    },
                    deadline(),
                    Level::Township,
                    Lang::Zh
                )
            )
            .is_err()
        );
    }
}
