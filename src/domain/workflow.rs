//! The 挂号 → 销号 item workflow (SPEC §3): a transition table, its guards, and the item state
//! derived by folding progress events.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::ids::CadreId;
use super::ledger::ItemStatus;
use super::model::{Level, Progress, Satisfaction};
use crate::i18n::{Lang, Localized};

/// What a progress event does, with the data it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// 挂号: the first event of every item.
    Register,
    /// 交办: a responsible unit/person and a deadline.
    Assign {
        #[serde(default)]
        unit: Option<String>,
        #[serde(default)]
        person: Option<String>,
        deadline: NaiveDate,
    },
    /// 进展: a progress note.
    Progress,
    /// 办结: the handling result.
    Answer { result: String },
    /// 回访: the resident's satisfaction.
    ReturnVisit { satisfaction: Satisfaction },
    /// 销号: closing; `reason` is the override reason without a satisfied return visit, or the
    /// 合理答复 when closing a deferred item.
    Close {
        #[serde(default)]
        reason: Option<String>,
    },
    /// 重办.
    Reopen {
        #[serde(default)]
        reason: Option<String>,
    },
    /// 上报: raise the level.
    Escalate { level: Level },
    /// 暂缓: policy does not allow it now.
    Defer { reason: String },
}

/// The kind of an [`Action`], for the transition table and for offering actions in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Register,
    Assign,
    Progress,
    Answer,
    ReturnVisit,
    Close,
    Reopen,
    Escalate,
    Defer,
}

impl ActionKind {
    /// The label of the action button (交办, 进展…).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ActionKind::Register => lang.pick("挂号", "Register"),
            ActionKind::Assign => lang.pick("交办", "Assign"),
            ActionKind::Progress => lang.pick("进展", "Progress"),
            ActionKind::Answer => lang.pick("办结", "Answer"),
            ActionKind::ReturnVisit => lang.pick("回访", "Return visit"),
            ActionKind::Close => lang.pick("销号", "Close"),
            ActionKind::Reopen => lang.pick("重办", "Reopen"),
            ActionKind::Escalate => lang.pick("上报", "Escalate"),
            ActionKind::Defer => lang.pick("暂缓", "Defer"),
        }
    }

    /// The stable code (the `kind` column of `progress`).
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Register => "register",
            ActionKind::Assign => "assign",
            ActionKind::Progress => "progress",
            ActionKind::Answer => "answer",
            ActionKind::ReturnVisit => "return_visit",
            ActionKind::Close => "close",
            ActionKind::Reopen => "reopen",
            ActionKind::Escalate => "escalate",
            ActionKind::Defer => "defer",
        }
    }
}

impl Action {
    /// This action's kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Register => ActionKind::Register,
            Action::Assign { .. } => ActionKind::Assign,
            Action::Progress => ActionKind::Progress,
            Action::Answer { .. } => ActionKind::Answer,
            Action::ReturnVisit { .. } => ActionKind::ReturnVisit,
            Action::Close { .. } => ActionKind::Close,
            Action::Reopen { .. } => ActionKind::Reopen,
            Action::Escalate { .. } => ActionKind::Escalate,
            Action::Defer { .. } => ActionKind::Defer,
        }
    }
}

use ActionKind as A;
use ItemStatus as S;

/// Every allowed `(from, action) → to`. A return visit's target depends on its satisfaction and
/// is listed as `Answered`; an unsatisfied one goes to `Reopened` instead (see [`ItemState::next`]).
pub const TRANSITIONS: &[(ItemStatus, ActionKind, ItemStatus)] = &[
    (S::Registered, A::Register, S::Registered),
    (S::Registered, A::Assign, S::Assigned),
    (S::Registered, A::Progress, S::InProgress),
    (S::Registered, A::Answer, S::Answered),
    (S::Registered, A::Escalate, S::Escalated),
    (S::Registered, A::Defer, S::Deferred),
    (S::Assigned, A::Assign, S::Assigned),
    (S::Assigned, A::Progress, S::InProgress),
    (S::Assigned, A::Answer, S::Answered),
    (S::Assigned, A::Escalate, S::Escalated),
    (S::Assigned, A::Defer, S::Deferred),
    (S::InProgress, A::Assign, S::Assigned),
    (S::InProgress, A::Progress, S::InProgress),
    (S::InProgress, A::Answer, S::Answered),
    (S::InProgress, A::Escalate, S::Escalated),
    (S::InProgress, A::Defer, S::Deferred),
    (S::Reopened, A::Assign, S::Assigned),
    (S::Reopened, A::Progress, S::InProgress),
    (S::Reopened, A::Answer, S::Answered),
    (S::Reopened, A::Escalate, S::Escalated),
    (S::Reopened, A::Defer, S::Deferred),
    (S::Escalated, A::Assign, S::Assigned),
    (S::Escalated, A::Progress, S::InProgress),
    (S::Escalated, A::Escalate, S::Escalated),
    (S::Escalated, A::Defer, S::Deferred),
    (S::Answered, A::ReturnVisit, S::Answered),
    (S::Answered, A::Close, S::Closed),
    (S::Answered, A::Reopen, S::Reopened),
    // The office, verifying an answer, may find the matter beyond the level that answered it.
    (S::Answered, A::Escalate, S::Escalated),
    (S::Deferred, A::Assign, S::Assigned),
    (S::Deferred, A::Close, S::Closed),
    (S::Closed, A::Reopen, S::Reopened),
];

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WorkflowError {
    #[error("action {action:?} is not allowed in status {from:?}")]
    NotAllowed {
        from: ItemStatus,
        action: ActionKind,
    },
    #[error("closing needs a satisfied return visit or an override reason")]
    CloseNeedsReturnVisit,
    #[error("a deferred item closes only with a reasonable explanation")]
    DeferredCloseNeedsReply,
    #[error("escalation must raise the level")]
    EscalateNotHigher { current: Level },
    #[error("assigning needs a responsible unit or person")]
    AssignNeedsResponsible,
    #[error("answering needs the handling result")]
    AnswerNeedsResult,
    #[error("deferring needs the policy reason")]
    DeferNeedsReason,
}

impl Localized for WorkflowError {
    fn message(&self, lang: Lang) -> String {
        match self {
            WorkflowError::NotAllowed { from, action } => match lang {
                Lang::Zh => format!("当前状态“{}”下不能{}", from.label(lang), action.label(lang)),
                Lang::En => format!(
                    "cannot {} an item that is {}",
                    action.label(lang).to_lowercase(),
                    from.label(lang).to_lowercase()
                ),
            },
            WorkflowError::CloseNeedsReturnVisit => lang
                .pick(
                    "销号前需回访且群众满意或基本满意；否则请填写销号理由",
                    "closing needs a satisfied return visit first, or a written override reason",
                )
                .into(),
            WorkflowError::DeferredCloseNeedsReply => lang
                .pick(
                    "暂缓事项销号须填写合理答复内容",
                    "a deferred item closes only with the reasonable explanation given to the resident",
                )
                .into(),
            WorkflowError::EscalateNotHigher { .. } => lang
                .pick(
                    "上报须提高层级(村→镇→县)",
                    "escalation must raise the level (village → township → county)",
                )
                .into(),
            WorkflowError::AssignNeedsResponsible => lang
                .pick("交办须填写责任单位或责任人", "assigning needs a responsible unit or person")
                .into(),
            WorkflowError::AnswerNeedsResult => lang
                .pick("办结须填写办理结果", "answering needs the handling result")
                .into(),
            WorkflowError::DeferNeedsReason => lang
                .pick("暂缓须写明政策原因", "deferring needs the policy reason")
                .into(),
        }
    }
}

/// Everything about an item that follows from its progress events.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub status: ItemStatus,
    pub level: Level,
    pub responsible_unit: Option<String>,
    pub responsible_person: Option<String>,
    pub due_date: NaiveDate,
    pub result: Option<String>,
    pub replied_on: Option<NaiveDate>,
    pub return_visit_on: Option<NaiveDate>,
    pub satisfaction: Option<Satisfaction>,
    pub closed_at: Option<NaiveDateTime>,
    pub closed_by: Option<CadreId>,
    /// A satisfied return visit after the latest answer: what closing normally needs.
    satisfied_since_answer: bool,
}

fn filled(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

impl ItemState {
    /// The state of a newly registered item.
    pub fn new(level: Level, deadline: NaiveDate) -> ItemState {
        ItemState {
            status: ItemStatus::Registered,
            level,
            responsible_unit: None,
            responsible_person: None,
            due_date: deadline,
            result: None,
            replied_on: None,
            return_visit_on: None,
            satisfaction: None,
            closed_at: None,
            closed_by: None,
            satisfied_since_answer: false,
        }
    }

    /// The status `action` leads to from here, or why it is refused.
    pub fn next(&self, action: &Action) -> Result<ItemStatus, WorkflowError> {
        let kind = action.kind();
        let to = TRANSITIONS
            .iter()
            .find(|(from, a, _)| *from == self.status && *a == kind)
            .map(|(_, _, to)| *to)
            .ok_or(WorkflowError::NotAllowed {
                from: self.status,
                action: kind,
            })?;
        match action {
            Action::Assign { unit, person, .. } if !filled(unit) && !filled(person) => {
                Err(WorkflowError::AssignNeedsResponsible)
            }
            Action::Answer { result } if result.trim().is_empty() => {
                Err(WorkflowError::AnswerNeedsResult)
            }
            Action::Defer { reason } if reason.trim().is_empty() => {
                Err(WorkflowError::DeferNeedsReason)
            }
            Action::Escalate { level } if *level <= self.level => {
                Err(WorkflowError::EscalateNotHigher {
                    current: self.level,
                })
            }
            Action::Close { reason } if self.status == S::Deferred && !filled(reason) => {
                Err(WorkflowError::DeferredCloseNeedsReply)
            }
            Action::Close { reason }
                if self.status == S::Answered
                    && !self.satisfied_since_answer
                    && !filled(reason) =>
            {
                Err(WorkflowError::CloseNeedsReturnVisit)
            }
            Action::ReturnVisit { satisfaction } if !satisfaction.allows_closing() => {
                Ok(S::Reopened)
            }
            _ => Ok(to),
        }
    }

    /// Applies one event, or refuses it and leaves the state unchanged.
    pub fn apply(&mut self, event: &Progress) -> Result<(), WorkflowError> {
        let to = self.next(&event.action)?;
        match &event.action {
            Action::Register | Action::Progress | Action::Reopen { .. } => {}
            Action::Assign {
                unit,
                person,
                deadline,
            } => {
                self.responsible_unit.clone_from(unit);
                self.responsible_person.clone_from(person);
                self.due_date = *deadline;
            }
            Action::Answer { result } => {
                self.result = Some(result.clone());
                self.replied_on = Some(event.at.date());
                self.satisfied_since_answer = false;
            }
            Action::ReturnVisit { satisfaction } => {
                self.satisfaction = Some(*satisfaction);
                self.return_visit_on = Some(event.at.date());
                self.satisfied_since_answer = satisfaction.allows_closing();
            }
            Action::Close { .. } => {
                self.closed_at = Some(event.at);
                self.closed_by = event.by;
            }
            Action::Escalate { level } => self.level = *level,
            Action::Defer { reason } => {
                self.result = Some(reason.clone());
                self.replied_on = Some(event.at.date());
            }
        }
        if to != S::Closed {
            self.closed_at = None;
            self.closed_by = None;
        }
        self.status = to;
        Ok(())
    }

    /// The actions the workflow allows now, in button order (the UI offers only these).
    pub fn allowed_actions(&self) -> Vec<ActionKind> {
        TRANSITIONS
            .iter()
            .filter(|(from, a, _)| *from == self.status && *a != A::Register)
            .map(|(_, a, _)| *a)
            .collect()
    }

    /// Folds events in their causal order (the caller sorts by HLC). An event the workflow
    /// refuses — possible when two replicas acted concurrently — stays in the timeline but does
    /// not move the status, so every replica derives the same state from the same events.
    pub fn derive<'a>(
        level: Level,
        deadline: NaiveDate,
        events: impl IntoIterator<Item = &'a Progress>,
    ) -> ItemState {
        let mut state = ItemState::new(level, deadline);
        for event in events {
            let _refused = state.apply(event);
        }
        state
    }
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
