//! The small forms of the workflow actions on an item (交办, 进展, 办结, 回访, 销号, 重办,
//! 上报, 暂缓): which fields each has, what is drawn under it (the item's status and latest
//! events), and the draft that brings a half-typed action back after a crash. Validating and
//! saving is in `item_action_save.rs`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Clear, Widget};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::item_detail_fields::event_row;
use super::item_strings as is;
use crate::domain::calendar::Calendar;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::urgency;
use crate::domain::{
    Action, ActionKind, Item, ItemId, ItemState, ItemStatus, Level, Progress, WorkflowError,
};
use crate::i18n::{Lang, Localized};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::form::{Choice, Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;
use crate::tui::text::truncate;

/// Events shown under an action form.
const RECENT: usize = 4;

const KINDS: [ActionKind; 8] = [
    ActionKind::Assign,
    ActionKind::Progress,
    ActionKind::Answer,
    ActionKind::ReturnVisit,
    ActionKind::Close,
    ActionKind::Reopen,
    ActionKind::Escalate,
    ActionKind::Defer,
];

/// An action form: one action on one item.
pub struct ActionForm {
    pub lang: Lang,
    pub today: NaiveDate,
    pub item_id: ItemId,
    pub kind: ActionKind,
    /// The earliest deadline a 交办 may set: the day it was registered.
    pub(super) registered: NaiveDate,
    number: String,
    title: String,
    pub form: Form,
    /// Drawn under the form: the item's status and its latest events, for context.
    context: Vec<String>,
}

/// What a draft of an action form keeps.
#[derive(Serialize, Deserialize)]
struct DraftBody {
    item: ItemId,
    values: BTreeMap<String, String>,
}

fn levels_above(current: Level) -> Vec<Level> {
    [Level::Village, Level::Township, Level::County]
        .into_iter()
        .filter(|l| *l > current)
        .collect()
}

impl ActionForm {
    /// The form for `kind`, or why it cannot be offered now (not allowed in this status, or
    /// no level left to escalate to).
    pub fn offer(
        lang: Lang,
        today: NaiveDate,
        id: ItemId,
        item: &Item,
        state: &ItemState,
        events: &[Progress],
        kind: ActionKind,
    ) -> Result<ActionForm, WorkflowError> {
        if !state.allowed_actions().contains(&kind) {
            return Err(WorkflowError::NotAllowed {
                from: state.status,
                action: kind,
            });
        }
        if kind == ActionKind::Escalate && levels_above(state.level).is_empty() {
            return Err(WorkflowError::EscalateNotHigher {
                current: state.level,
            });
        }
        Ok(ActionForm::build(
            lang, today, id, item, state, events, kind,
        ))
    }

    /// The form for `kind` without asking the workflow (a restored draft shows its text even
    /// if the item moved on meanwhile; saving then says why it cannot).
    pub fn build(
        lang: Lang,
        today: NaiveDate,
        id: ItemId,
        item: &Item,
        state: &ItemState,
        events: &[Progress],
        kind: ActionKind,
    ) -> ActionForm {
        let cat = Catalog::builtin();
        let title = is::action_title(lang, kind, &item.number, &item.title);
        let f = Form::new(lang, title);
        let f = match kind {
            ActionKind::Assign => f
                .text(
                    "unit",
                    is::F_UNIT,
                    state.responsible_unit.as_deref().unwrap_or(""),
                )
                .text(
                    "person",
                    is::F_PERSON,
                    state.responsible_person.as_deref().unwrap_or(""),
                )
                .text("deadline", is::F_DEADLINE, &state.due_date.to_string())
                .required()
                .note(is::DEADLINE_NOTE.get(lang))
                .text("note", is::F_NOTE, ""),
            ActionKind::Progress => f.multi("note", is::F_PROGRESS, "", 5).required(),
            ActionKind::Answer => {
                f.multi("result", is::F_RESULT, "", 5)
                    .required()
                    .text("note", is::F_NOTE, "")
            }
            ActionKind::ReturnVisit => {
                let options = cat
                    .satisfaction
                    .iter()
                    .map(|e| Choice::new(e.code.clone(), e.label(lang)))
                    .collect();
                f.select("satisfaction", is::F_SATISFACTION, options, None, false)
                    .required()
                    .note(is::UNSATISFIED_NOTE.get(lang))
                    .multi("note", is::F_RETURN_NOTE, "", 4)
            }
            ActionKind::Close => {
                let needs = state.next(&Action::Close { reason: None }).is_err();
                let why = if state.status == ItemStatus::Deferred {
                    is::DEFERRED_NEEDS_REPLY
                } else if needs {
                    is::CLOSE_NEEDS_REASON
                } else {
                    is::CLOSE_OPTIONAL
                };
                let mut f = f.multi("reason", is::F_CLOSE_REASON, "", 4);
                if needs {
                    f = f.required();
                }
                f.footer.push(why.get(lang).to_owned());
                f.text("note", is::F_NOTE, "")
            }
            // The reason goes back to whoever handles the item again: they must know why.
            ActionKind::Reopen => {
                f.multi("reason", is::F_REASON, "", 4)
                    .required()
                    .text("note", is::F_NOTE, "")
            }
            ActionKind::Escalate => {
                let options = levels_above(state.level)
                    .into_iter()
                    .map(|l| Choice::new(l.code(), Catalog::label(&cat.levels, l.code(), lang)))
                    .collect();
                f.select("level", is::F_LEVEL, options, None, false)
                    .required()
                    .text("note", is::F_NOTE, "")
            }
            ActionKind::Defer | ActionKind::Register => f
                .multi("reason", is::F_DEFER_REASON, "", 4)
                .required()
                .text("note", is::F_NOTE, ""),
        };
        ActionForm {
            lang,
            today,
            item_id: id,
            kind,
            registered: item.registered_at.date(),
            number: item.number.clone(),
            title: item.title.clone(),
            form: f,
            context: context(lang, today, state, events),
        }
    }

    /// Where the form is drawn: as high as its fields need, at the top of `area`.
    fn form_rect(&self, area: Rect) -> Rect {
        let f = &self.form;
        let rows: u16 = f
            .fields
            .iter()
            .map(|x| x.rows() + u16::from(x.error.is_some()))
            .sum();
        let top = u16::from(f.message.is_some() || f.confirming);
        let footer = u16::try_from(f.footer.len()).unwrap_or(0);
        let h = (rows + top + footer + 2).min(area.height);
        Rect::new(area.x, area.y, area.width, h)
    }
}

/// The status line and the last few events of the item.
fn context(lang: Lang, today: NaiveDate, state: &ItemState, events: &[Progress]) -> Vec<String> {
    let u = urgency(
        Calendar::builtin(),
        state.due_date,
        today,
        state.status.is_open(),
    );
    let mut head = vec![
        state.status.label(lang).to_owned(),
        u.label(lang),
        format!("{}{}", is::DUE_ON.get(lang), state.due_date),
    ];
    let who = [&state.responsible_unit, &state.responsible_person]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    if !who.is_empty() {
        head.push(who);
    }
    let mut out = vec![format!("{}{}", is::NOW_STATUS.get(lang), head.join(" · "))];
    let skip = events.len().saturating_sub(RECENT);
    for e in &events[skip..] {
        let r = event_row(lang, e);
        let text = [r.details, r.note]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push(format!(
            "{} {} {} {}",
            r.at,
            r.who,
            r.what,
            text.replace('\n', " ")
        ));
    }
    out
}

/// The item, its state and its timeline as they are in the store now; `None` if it is gone.
fn current(
    ctx: &Ctx<'_>,
    id: ItemId,
) -> Result<Option<(Item, ItemState, Vec<Progress>)>, StoreError> {
    let (Some(item), Some(state)) = (ctx.store.get::<Item>(id)?, ctx.store.item_state(id)?) else {
        return Ok(None);
    };
    if !ctx.store.item_live(id)? {
        return Ok(None);
    }
    Ok(Some((item, state, ctx.store.progress_of(id)?)))
}

impl ActionForm {
    /// The form for `kind` on the item as stored now, for a list that offers actions without
    /// the item's detail open (the review queue): `Ok(None)` if the item is gone, the inner
    /// `Err` why the workflow refuses the action now.
    pub fn load(
        ctx: &Ctx<'_>,
        id: ItemId,
        kind: ActionKind,
    ) -> Result<Option<Result<ActionForm, WorkflowError>>, StoreError> {
        Ok(current(ctx, id)?.map(|(item, state, events)| {
            ActionForm::offer(ctx.lang, ctx.today, id, &item, &state, &events, kind)
        }))
    }
}

/// Reopens an action form from its draft; `None` if the item is gone.
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    let code = d.kind.strip_prefix("action:").unwrap_or_default();
    let Some(kind) = KINDS.into_iter().find(|k| k.code() == code) else {
        return Ok(None);
    };
    let Ok(body) = serde_json::from_str::<DraftBody>(&d.body) else {
        return Ok(None);
    };
    let id = body.item;
    let Some((item, state, events)) = current(ctx, id)? else {
        return Ok(None);
    };
    let mut f = ActionForm::build(ctx.lang, ctx.today, id, &item, &state, &events, kind);
    f.form.restore(&body.values);
    if let Err(e) = ActionForm::offer(ctx.lang, ctx.today, id, &item, &state, &events, kind) {
        f.form.message = Some(e.message(ctx.lang));
    }
    Ok(Some(Box::new(f)))
}

impl Layer for ActionForm {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match self.form.handle(key) {
            FormEvent::Save => self.save(ctx),
            FormEvent::Cancel => Outcome::Close,
            FormEvent::Unused(k) if k.code == KeyCode::Char('?') => Outcome::Pass,
            _ => Outcome::Stay,
        }
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        let r = self.form_rect(area);
        self.form.click(r, col, row);
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let r = self.form_rect(area);
        self.form.render(r, buf);
        let dim = Style::new().fg(Color::DarkGray);
        let rows = (r.bottom() + 1..area.bottom()).zip(self.context.iter().enumerate());
        for (y, (k, line)) in rows {
            let st = if k == 0 { Style::new() } else { dim };
            let text = truncate(line, usize::from(area.width.saturating_sub(2)));
            buf.set_string(area.x + 1, y, text, st);
        }
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.form.cursor(self.form_rect(area))
    }

    fn hint(&self) -> T {
        is::HINT_FORM
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        is::KEYS_FORM.to_vec()
    }

    fn unsaved(&self) -> bool {
        self.form.is_dirty()
    }

    fn draft_slot(&self) -> Option<String> {
        Some(format!("action:{}:{}", self.kind.code(), self.item_id))
    }

    fn draft(&self) -> Option<Draft> {
        let body = DraftBody {
            item: self.item_id,
            values: self.form.values(),
        };
        Some(Draft {
            slot: self.draft_slot()?,
            kind: format!("action:{}", self.kind.code()),
            title: is::action_title(self.lang, self.kind, &self.number, &self.title),
            body: serde_json::to_string(&body).ok()?,
            saved_at: String::new(),
        })
    }
}
