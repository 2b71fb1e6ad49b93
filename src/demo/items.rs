//! Demo ledger items: a situation turned into an item and the progress events that bring it to
//! a status fitting its age (old matters mostly closed, new ones registered or assigned).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use fastrand::Rng;

use super::vocab::{NoteContext, Situation};
use crate::domain::calendar::Calendar;
use crate::domain::deadline::{DeadlineRules, deadline_for};
use crate::domain::{
    Action, Assistance, CadreId, ItemStatus, Ledger, LedgerFields, Level, Satisfaction,
};

/// Who acts on an item in the demo.
#[derive(Clone)]
pub struct Actor {
    pub id: CadreId,
    pub name: String,
}

/// The people around one item.
pub struct Cast<'a> {
    pub registrar: &'a Actor,
    pub office: &'a Actor,
    pub responsible: &'a Actor,
    pub unit: &'a str,
}

/// A second progress note when the situation's own text would repeat the first.
const FOLLOW_UPS: [&str; 2] = [
    "已电话告知群众目前的办理进度，群众表示理解。",
    "正在与相关部门对接，协调落实办理。",
];

/// One planned progress event.
pub struct Step {
    pub action: Action,
    pub at: NaiveDateTime,
    pub by: Actor,
    pub note: String,
}

/// The status an item of this age should have, drawn with realistic weights.
fn target_status(rng: &mut Rng, age_days: i64) -> ItemStatus {
    use ItemStatus::*;
    let table: &[(ItemStatus, u32)] = match age_days {
        ..=3 => &[
            (Registered, 45),
            (Assigned, 35),
            (InProgress, 15),
            (Escalated, 5),
        ],
        4..=14 => &[
            (Registered, 8),
            (Assigned, 22),
            (InProgress, 35),
            (Answered, 15),
            (Closed, 12),
            (Escalated, 4),
            (Deferred, 2),
            (Reopened, 2),
        ],
        15..=45 => &[
            (Registered, 3),
            (Assigned, 8),
            (InProgress, 20),
            (Answered, 14),
            (Closed, 45),
            (Escalated, 4),
            (Deferred, 3),
            (Reopened, 3),
        ],
        _ => &[
            (Registered, 1),
            (Assigned, 1),
            (InProgress, 4),
            (Answered, 2),
            (Closed, 86),
            (Escalated, 1),
            (Deferred, 4),
            (Reopened, 1),
        ],
    };
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut pick = rng.u32(..total);
    for (s, w) in table {
        if pick < *w {
            return *s;
        }
        pick -= w;
    }
    Registered
}

/// The ledger's own fields for a situation.
pub fn ledger_fields(
    rng: &mut Rng,
    sit: &Situation,
    ctx: &NoteContext,
    registered: NaiveDate,
    helper: &str,
    leader: &str,
) -> LedgerFields {
    match sit.ledger {
        Ledger::Livelihood => LedgerFields::Livelihood {
            nature: sit.nature.clone(),
            beneficiaries: Some(if rng.f64() < 0.6 { 1 } else { rng.u32(2..=60) }),
        },
        Ledger::Hardship => LedgerFields::Hardship {
            causes: sit.causes.clone(),
            assistance: sit
                .measures
                .iter()
                .map(|m| Assistance {
                    measure: m.code.clone(),
                    amount_fen: (m.yuan.1 > 0)
                        .then(|| rng.i64(m.yuan.0.max(0)..=m.yuan.1.max(m.yuan.0)) * 100),
                    date: Some(registered + Duration::days(rng.i64(3..=20))),
                })
                .collect(),
            helper: Some(helper.to_string()),
            review_cycle: Some(["monthly", "quarterly", "half_year"][rng.usize(..3)].into()),
        },
        Ledger::Stability => LedgerFields::Stability {
            people_involved: sit
                .people_involved
                .map(|(lo, hi)| rng.u32(lo.min(hi)..=hi.max(lo))),
            risk_level: sit.risk.clone(),
            leader: Some(leader.to_string()),
            stabilisation: sit.stabilisation(rng, ctx),
        },
    }
}

/// The registration deadline for a situation registered on `day`.
pub fn deadline(
    cal: &Calendar,
    rules: &DeadlineRules,
    sit: &Situation,
    day: NaiveDate,
) -> NaiveDate {
    deadline_for(cal, rules, day, sit.ledger, &sit.category)
}

/// The events after 挂号 that bring an item registered at `t0` to a status fitting its age.
#[allow(clippy::too_many_arguments)]
pub fn steps(
    rng: &mut Rng,
    cal: &Calendar,
    sit: &Situation,
    ctx: &NoteContext,
    cast: &Cast<'_>,
    level: Level,
    due: NaiveDate,
    t0: NaiveDateTime,
    now: NaiveDateTime,
) -> Vec<Step> {
    let age = (now.date() - t0.date()).num_days();
    let mut target = target_status(rng, age);
    if target == ItemStatus::Escalated && level == Level::County {
        target = ItemStatus::InProgress;
    }
    let mut t = t0;
    let mut out = Vec::new();
    let mut push = |rng: &mut Rng, action: Action, by: &Actor, note: String, max_hours: i64| {
        t = (t + Duration::minutes(rng.i64(60..=max_hours.max(2) * 60))).min(now);
        out.push(Step {
            action,
            at: t,
            by: by.clone(),
            note,
        });
    };
    let assign = Action::Assign {
        unit: Some(cast.unit.to_string()),
        person: Some(cast.responsible.name.clone()),
        deadline: due,
    };
    let span = (age.max(1) * 24 / 6).clamp(2, 96);
    use ItemStatus::*;
    match target {
        Registered => {}
        Escalated => {
            if rng.bool() {
                push(rng, assign, cast.office, String::new(), span);
            }
            let up = if level == Level::Village {
                Level::Township
            } else {
                Level::County
            };
            let note = sit.progress_note(rng, ctx);
            push(rng, Action::Escalate { level: up }, cast.office, note, span);
        }
        Deferred => {
            push(rng, assign, cast.office, String::new(), span);
            let reason = sit
                .deferred_reply(rng, ctx)
                .unwrap_or_else(|| "按现行政策暂不具备办理条件，已向群众解释说明".into());
            push(
                rng,
                Action::Defer {
                    reason: reason.clone(),
                },
                cast.responsible,
                String::new(),
                span,
            );
            if age > 30 && rng.f64() < 0.5 {
                let close = Action::Close {
                    reason: Some(format!("已作合理答复：{reason}")),
                };
                push(rng, close, cast.office, String::new(), span);
            }
        }
        _ => {
            push(rng, assign, cast.office, String::new(), span);
            if target == Assigned {
                return out;
            }
            let mut last = String::new();
            for k in 0..rng.usize(1..=2) {
                let mut note = sit.progress_note(rng, ctx);
                if note == last {
                    // A situation with one progress text would otherwise report the same
                    // sentence twice in a row.
                    note = FOLLOW_UPS[k % FOLLOW_UPS.len()].to_owned();
                }
                last.clone_from(&note);
                push(rng, Action::Progress, cast.responsible, note, span);
            }
            if target == InProgress && now.date() > due && rng.f64() < 0.6 {
                // 延期: a long-running matter gets a new deadline and work goes on.
                let extended = Action::Assign {
                    unit: Some(cast.unit.to_string()),
                    person: Some(cast.responsible.name.clone()),
                    deadline: cal.add_working_days(now.date(), rng.u32(1..=12)),
                };
                push(rng, extended, cast.office, "申请延期办理".into(), span);
                let note = sit.progress_note(rng, ctx);
                push(rng, Action::Progress, cast.responsible, note, span);
            }
            if target == InProgress {
                return out;
            }
            let result = sit.result(rng, ctx);
            push(
                rng,
                Action::Answer { result },
                cast.responsible,
                String::new(),
                span,
            );
            match target {
                Closed if rng.f64() < 0.04 => {
                    let reason = "群众外出务工联系不上，经村组干部现场核实问题已解决".to_string();
                    push(
                        rng,
                        Action::Close {
                            reason: Some(reason),
                        },
                        cast.office,
                        String::new(),
                        span,
                    );
                }
                Closed => {
                    let s = if rng.f64() < 0.85 {
                        Satisfaction::Satisfied
                    } else {
                        Satisfaction::Basically
                    };
                    push(
                        rng,
                        Action::ReturnVisit { satisfaction: s },
                        cast.registrar,
                        "电话回访，群众表示认可".into(),
                        span,
                    );
                    push(
                        rng,
                        Action::Close { reason: None },
                        cast.office,
                        String::new(),
                        span,
                    );
                }
                Reopened => {
                    let rv = Action::ReturnVisit {
                        satisfaction: Satisfaction::Unsatisfied,
                    };
                    push(
                        rng,
                        rv,
                        cast.registrar,
                        "回访时群众表示问题未彻底解决".into(),
                        span,
                    );
                }
                _ => {}
            }
        }
    }
    out
}
