//! Drawing the conflict review: the list of conflicts on top, the selected one's values side by
//! side below (each with the device and time it came from), or the merged-value editor.

use chrono::{FixedOffset, TimeZone};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::conflicts::ConflictsLayer;
use crate::domain::Hlc;
use crate::tui::screens::conflicts_strings as cs;
use crate::tui::text::{cell, truncate};
use crate::tui::widgets::scroll_to_show;

const RECORD_W: usize = 26;
const FIELD_W: usize = 14;

/// When an operation was made, from its clock, in Beijing time (every user's time zone; a
/// laptop set to another zone must not show a cadre a different hour than the office sees).
fn when(h: Hlc) -> String {
    let beijing = FixedOffset::east_opt(8 * 3600);
    i64::try_from(h.ms())
        .ok()
        .zip(beijing)
        .and_then(|(ms, tz)| tz.timestamp_millis_opt(ms).single())
        .map(|t| t.format("%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

impl ConflictsLayer {
    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let title = format!("{}（{}）", cs::TITLE.get(lang), self.rows.len());
        buf.set_stringn(area.x + 1, area.y, title, usize::from(area.width), bold);
        if let Some(m) = &self.message {
            let st = Style::new().fg(Color::Yellow);
            let w = usize::from(area.width.saturating_sub(2));
            buf.set_stringn(area.x + 1, area.y + 1, truncate(m, w), w, st);
        }
        if self.rows.is_empty() {
            let body = Rect::new(
                area.x,
                area.y + 2,
                area.width,
                area.height.saturating_sub(2),
            );
            let p = Paragraph::new(cs::NONE.get(lang)).wrap(Wrap { trim: false });
            p.render(body.inner(ratatui::layout::Margin::new(1, 0)), buf);
            return;
        }
        let [list, detail] = self.split(area);
        self.draw_list(list, buf);
        match &self.merge {
            Some(m) => m.form.render(detail, buf),
            None => self.draw_values(detail, buf),
        }
    }

    /// The list of conflicts (a header line, then rows) and the area under it.
    pub(super) fn split(&self, area: Rect) -> [Rect; 2] {
        let body = Rect::new(
            area.x,
            area.y + 2,
            area.width,
            area.height.saturating_sub(2),
        );
        let list_h = (u16::try_from(self.rows.len()).unwrap_or(u16::MAX) + 1)
            .min(body.height / 2)
            .max(2);
        Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(body)
    }

    /// The first row shown in a list `r` high (drawing and clicks agree on it).
    pub(super) fn first_shown(&self, r: Rect) -> usize {
        scroll_to_show(0, self.selected, usize::from(r.height.saturating_sub(1)))
    }

    fn draw_list(&self, r: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let head = format!(
            "  {}{}{}",
            cell(cs::RECORD.get(lang), RECORD_W),
            cell(cs::FIELD.get(lang), FIELD_W),
            cs::VALUES.get(lang)
        );
        let grey = Style::new().fg(Color::DarkGray);
        buf.set_stringn(r.x, r.y, head, usize::from(r.width), grey);
        let h = usize::from(r.height.saturating_sub(1));
        let first = self.first_shown(r);
        for (i, row) in self.rows.iter().enumerate().skip(first).take(h) {
            let y = r.y + 1 + u16::try_from(i - first).unwrap_or(0);
            let choices: Vec<String> = self
                .choices(&row.conflict)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            let line = format!(
                "{} {}{}{}",
                if i == self.selected { '›' } else { ' ' },
                cell(&row.record, RECORD_W),
                cell(&cs::field_label(&row.conflict.field, lang), FIELD_W),
                choices.join(" ≠ ")
            );
            let st = if i == self.selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            let w = usize::from(r.width);
            buf.set_stringn(r.x, y, truncate(&line, w), w, st);
        }
        if self.more && first + h >= self.rows.len() {
            let y = r.bottom().saturating_sub(1);
            buf.set_stringn(r.x + 2, y, cs::MORE.get(lang), usize::from(r.width), grey);
        }
    }

    /// The selected conflict's choices in columns side by side.
    fn draw_values(&self, r: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        let c = &row.conflict;
        let head = format!(
            "{} · {}   {}",
            row.record,
            cs::field_label(&c.field, lang),
            cs::CHOSEN.get(lang)
        );
        let bold = Style::new().add_modifier(Modifier::BOLD);
        buf.set_stringn(
            r.x + 1,
            r.y,
            truncate(&head, usize::from(r.width)),
            usize::from(r.width),
            bold,
        );
        let mut top = r.y + 1;
        if c.field == crate::domain::DELETED_FIELD {
            let st = Style::new().fg(Color::Yellow);
            buf.set_stringn(
                r.x + 1,
                top,
                cs::DELETE_EDIT.get(lang),
                usize::from(r.width),
                st,
            );
            top += 1;
        }
        let choices = self.choices(c);
        let n = u32::try_from(choices.len().max(1)).unwrap_or(1);
        let area = Rect::new(r.x, top, r.width, r.bottom().saturating_sub(top));
        let cols = Layout::horizontal(vec![Constraint::Ratio(1, n); choices.len()]).split(area);
        for (i, ((_, text), col)) in choices.iter().zip(cols.iter()).enumerate() {
            let picked = i == self.pick;
            let mut title = String::new();
            if let Some((op, hlc, _)) = c.values.get(i).filter(|_| c.field != "deleted") {
                // The last digits: a UUIDv7 starts with its creation time, so devices set up
                // in the same minute share the first ones.
                let id = op.origin.to_string();
                let dev = &id[id.len().saturating_sub(6)..];
                title = format!("{}{dev} {}", cs::FROM.get(lang), when(*hlc));
                if i == 0 {
                    title.push_str(&format!(" {}", cs::SHOWN.get(lang)));
                }
            }
            let border = if picked {
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
            } else {
                Style::new().fg(Color::DarkGray)
            };
            let block = Block::bordered()
                .title(truncate(&title, usize::from(col.width.saturating_sub(2))))
                .border_style(border);
            Paragraph::new(text.as_str())
                .wrap(Wrap { trim: false })
                .block(block)
                .render(*col, buf);
        }
    }
}
