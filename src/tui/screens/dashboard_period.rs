//! The custom period form of the dashboard (`d`): two dates, checked inline (a bad date or an
//! end before the start stays in the form with the message under its field). The chosen
//! period goes back to the dashboard through a shared slot it reads when it reloads.

use std::cell::Cell;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::dashboard_strings as ds;
use crate::domain::period::Period;
use crate::domain::validate::parse_date;
use crate::i18n::Lang;
use crate::tui::form::{Form, FormEvent};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::strings::T;

/// Where the form leaves the period it accepted, for the dashboard to pick up.
pub type PeriodSlot = Rc<Cell<Option<Period>>>;

/// The form layer.
pub struct PeriodForm {
    pub form: Form,
    lang: Lang,
    slot: PeriodSlot,
}

impl PeriodForm {
    /// The form, filled in with `current`'s dates.
    pub fn new(lang: Lang, current: Period, slot: PeriodSlot) -> PeriodForm {
        let form = Form::new(lang, ds::FORM_TITLE.get(lang))
            .text("from", ds::FORM_FROM, &current.from.to_string())
            .required()
            .note(ds::FORM_NOTE.get(lang))
            .text("to", ds::FORM_TO, &current.to.to_string())
            .required()
            .note(ds::FORM_NOTE.get(lang));
        PeriodForm { form, lang, slot }
    }

    /// Checks both dates; on success hands the period over and closes.
    fn save(&mut self) -> Outcome {
        let from = parse_date("from", &self.form.value("from"));
        let to = parse_date("to", &self.form.value("to"));
        let errors: Vec<_> = [&from, &to]
            .into_iter()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect();
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return Outcome::Stay;
        }
        let (Ok(from), Ok(to)) = (from, to) else {
            return Outcome::Stay;
        };
        match Period::custom(from, to) {
            Some(p) => {
                self.slot.set(Some(p));
                Outcome::Saved(format!(
                    "{}{}{}",
                    ds::PERIOD.get(self.lang),
                    self.lang.pick("：", ": "),
                    p.label(self.lang)
                ))
            }
            None => {
                self.form.set_error("to", ds::TO_BEFORE_FROM.get(self.lang));
                Outcome::Stay
            }
        }
    }
}

impl Layer for PeriodForm {
    fn on_key(&mut self, _ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        // Enter on the last field applies, as a one-line filter dialog is expected to.
        let last = self.form.fields.len().saturating_sub(1);
        if key.code == KeyCode::Enter && self.form.focus == last && !self.form.confirming {
            return self.save();
        }
        match self.form.handle(key) {
            FormEvent::Save => self.save(),
            FormEvent::Cancel => Outcome::Close,
            _ => Outcome::Stay,
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.form.render(area, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.form.cursor(area)
    }

    fn hint(&self) -> T {
        ds::HINT_FORM
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        vec![
            ("Tab ↑ ↓", T("切换输入项", "next / previous field")),
            (
                "Enter",
                T("下一项；在截止日期上确定", "next field; applies on To"),
            ),
            ("Ctrl+S", T("确定", "apply")),
            ("Esc", T("取消", "cancel")),
        ]
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, col: u16, row: u16) -> Outcome {
        self.form.click(area, col, row);
        Outcome::Stay
    }
}
