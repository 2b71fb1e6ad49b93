//! Table-driven tests of the item workflow: every allowed transition, every forbidden pair.

use chrono::NaiveDate;

use super::*;
use crate::domain::ids::ItemId;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn ev(action: Action) -> Progress {
    Progress {
        item_id: ItemId::from_parts(0, [0; 10]),
        action,
        at: d(2026, 3, 2).and_hms_opt(9, 0, 0).expect("time"),
        by: None,
        by_name: "王凯".into(),
        note: String::new(),
    }
}

fn assign() -> Action {
    Action::Assign {
        unit: Some("镇水务站".into()),
        person: Some("李强".into()),
        deadline: d(2026, 3, 16),
    }
}

fn answer() -> Action {
    Action::Answer {
        result: "已更换破损管道，恢复供水".into(),
    }
}

fn rv(s: Satisfaction) -> Action {
    Action::ReturnVisit { satisfaction: s }
}

/// A state in `status`, reached by a realistic sequence of events from 挂号.
fn state_in(status: ItemStatus) -> ItemState {
    let events: Vec<Action> = match status {
        S::Registered => vec![Action::Register],
        S::Assigned => vec![Action::Register, assign()],
        S::InProgress => vec![Action::Register, assign(), Action::Progress],
        S::Answered => vec![Action::Register, assign(), answer()],
        S::Closed => vec![
            Action::Register,
            assign(),
            answer(),
            rv(Satisfaction::Satisfied),
            Action::Close { reason: None },
        ],
        S::Escalated => vec![
            Action::Register,
            Action::Escalate {
                level: Level::Township,
            },
        ],
        S::Deferred => vec![
            Action::Register,
            Action::Defer {
                reason: "宅基地审批须待国土空间规划批复".into(),
            },
        ],
        S::Reopened => vec![
            Action::Register,
            assign(),
            answer(),
            rv(Satisfaction::Unsatisfied),
        ],
    };
    let mut state = ItemState::new(Level::Village, d(2026, 3, 16));
    for a in events {
        state.apply(&ev(a)).expect("setup sequence is allowed");
    }
    assert_eq!(state.status, status, "setup reached the wanted status");
    state
}

/// A valid action of `kind` for `state` (payloads that pass the guards).
fn valid_action(kind: ActionKind, state: &ItemState) -> Action {
    match kind {
        A::Register => Action::Register,
        A::Assign => assign(),
        A::Progress => Action::Progress,
        A::Answer => answer(),
        A::ReturnVisit => rv(Satisfaction::Satisfied),
        A::Close => Action::Close {
            reason: (state.status == S::Deferred).then(|| "已向群众作合理答复".to_string()),
        },
        A::Reopen => Action::Reopen { reason: None },
        A::Escalate => Action::Escalate {
            level: if state.level == Level::Village {
                Level::Township
            } else {
                Level::County
            },
        },
        A::Defer => Action::Defer {
            reason: "政策暂不允许".into(),
        },
    }
}

const KINDS: [ActionKind; 9] = [
    A::Register,
    A::Assign,
    A::Progress,
    A::Answer,
    A::ReturnVisit,
    A::Close,
    A::Reopen,
    A::Escalate,
    A::Defer,
];

#[test]
fn every_allowed_transition_reaches_its_target() {
    for &(from, kind, to) in TRANSITIONS {
        let mut state = state_in(from);
        if from == S::Answered && kind == A::Close {
            state
                .apply(&ev(rv(Satisfaction::Basically)))
                .expect("return visit");
        }
        let action = valid_action(kind, &state);
        state
            .apply(&ev(action))
            .unwrap_or_else(|e| panic!("{from:?} --{kind:?}--> {to:?} refused: {e}"));
        assert_eq!(state.status, to, "{from:?} --{kind:?}");
    }
}

#[test]
fn every_pair_missing_from_the_table_is_refused() {
    let mut refused = 0;
    for from in ItemStatus::ALL {
        for kind in KINDS {
            if TRANSITIONS.iter().any(|(f, k, _)| *f == from && *k == kind) {
                continue;
            }
            let state = state_in(from);
            let err = state.next(&valid_action(kind, &state)).unwrap_err();
            assert_eq!(
                err,
                WorkflowError::NotAllowed { from, action: kind },
                "{from:?} {kind:?}"
            );
            refused += 1;
        }
    }
    assert_eq!(refused, 8 * 9 - TRANSITIONS.len());
}

#[test]
fn closing_without_a_satisfied_return_visit_needs_a_reason() {
    let state = state_in(S::Answered);
    assert_eq!(
        state.next(&Action::Close { reason: None }),
        Err(WorkflowError::CloseNeedsReturnVisit)
    );
    assert_eq!(
        state.next(&Action::Close {
            reason: Some("  ".into())
        }),
        Err(WorkflowError::CloseNeedsReturnVisit)
    );
    let with_reason = Action::Close {
        reason: Some("群众外出务工联系不上，经村委会核实已解决".into()),
    };
    assert_eq!(state.next(&with_reason), Ok(S::Closed));
}

#[test]
fn a_new_answer_needs_a_new_return_visit() {
    let mut state = state_in(S::Answered);
    state.apply(&ev(rv(Satisfaction::Satisfied))).expect("rv");
    state
        .apply(&ev(Action::Reopen { reason: None }))
        .expect("reopen");
    state.apply(&ev(answer())).expect("answer again");
    assert_eq!(
        state.next(&Action::Close { reason: None }),
        Err(WorkflowError::CloseNeedsReturnVisit)
    );
}

#[test]
fn unsatisfied_return_visit_reopens() {
    let state = state_in(S::Reopened);
    assert_eq!(state.satisfaction, Some(Satisfaction::Unsatisfied));
    assert!(state.allowed_actions().contains(&A::Answer));
    assert!(!state.allowed_actions().contains(&A::Close));
}

#[test]
fn deferred_closes_only_with_a_reply() {
    let state = state_in(S::Deferred);
    assert_eq!(
        state.next(&Action::Close { reason: None }),
        Err(WorkflowError::DeferredCloseNeedsReply)
    );
}

#[test]
fn escalation_must_raise_the_level_and_assign_updates_deadline() {
    let mut state = state_in(S::Escalated);
    assert_eq!(state.level, Level::Township);
    assert_eq!(
        state.next(&Action::Escalate {
            level: Level::Township
        }),
        Err(WorkflowError::EscalateNotHigher {
            current: Level::Township
        })
    );
    state.apply(&ev(assign())).expect("assign at the new level");
    assert_eq!(state.status, S::Assigned);
    assert_eq!(state.due_date, d(2026, 3, 16));
    assert_eq!(state.responsible_person.as_deref(), Some("李强"));
}

#[test]
fn guards_refuse_empty_payloads() {
    let state = state_in(S::Assigned);
    let empty_assign = Action::Assign {
        unit: None,
        person: Some(" ".into()),
        deadline: d(2026, 4, 1),
    };
    assert_eq!(
        state.next(&empty_assign),
        Err(WorkflowError::AssignNeedsResponsible)
    );
    assert_eq!(
        state.next(&Action::Answer { result: "".into() }),
        Err(WorkflowError::AnswerNeedsResult)
    );
    assert_eq!(
        state.next(&Action::Defer { reason: "".into() }),
        Err(WorkflowError::DeferNeedsReason)
    );
}

#[test]
fn derive_skips_refused_events_but_keeps_going() {
    let events = [
        ev(Action::Register),
        ev(Action::Close { reason: None }), // refused: not answered yet
        ev(assign()),
        ev(answer()),
    ];
    let state = ItemState::derive(Level::Village, d(2026, 3, 16), &events);
    assert_eq!(state.status, S::Answered);
    assert_eq!(state.closed_at, None);
}

#[test]
fn reopening_a_closed_item_clears_closed_at() {
    let mut state = state_in(S::Closed);
    assert!(state.closed_at.is_some());
    state
        .apply(&ev(Action::Reopen { reason: None }))
        .expect("reopen");
    assert_eq!(state.status, S::Reopened);
    assert_eq!(state.closed_at, None);
}

#[test]
fn messages_exist_in_both_languages() {
    let err = WorkflowError::NotAllowed {
        from: S::Closed,
        action: A::Answer,
    };
    assert!(err.message(Lang::Zh).contains("已销号"));
    assert!(err.message(Lang::En).contains("closed"));
}
