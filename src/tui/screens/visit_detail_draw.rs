//! Drawing the visit detail, without side effects: labelled fields with long notes wrapped by
//! display width, then the raised items with the selected one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Widget};
use unicode_width::UnicodeWidthChar;

use super::visit_detail::VisitDetail;
use super::visit_strings as s;
use crate::domain::catalog::Catalog;
use crate::tui::strings::T;
use crate::tui::text::{cell, truncate, width};
use crate::tui::widgets::scroll_to_show;

/// `text` broken into lines of at most `cols` display columns, at its own line breaks too.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut out = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for c in para.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > cols {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
        out.push(line);
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// The lines of the detail and, per raised item, the line it is on.
struct Lines {
    lines: Vec<Line<'static>>,
    items: Vec<usize>,
}

impl Lines {
    /// A labelled field: the label in the first column, the value wrapped beside it.
    fn field(&mut self, label_w: usize, cols: usize, label: &str, value: &str) {
        let room = cols.saturating_sub(label_w);
        for (i, part) in wrap(value, room).into_iter().enumerate() {
            let head = if i == 0 { label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(cell(head, label_w), Style::new().fg(Color::Cyan)),
                Span::raw(part),
            ]));
        }
    }
}

impl VisitDetail {
    fn lines(&self, cols: usize) -> Lines {
        let lang = self.lang;
        let v = &self.visit;
        let labels: [T; 10] = [
            s::DATE,
            s::KIND,
            s::VILLAGE,
            s::HOUSEHOLDS,
            s::PLACE,
            s::CADRES,
            s::HEARD,
            s::FAMILY,
            s::FOLLOW_UP,
            s::CONFIRMED_BY,
        ];
        let lw = labels.iter().map(|t| width(t.get(lang))).max().unwrap_or(8) + 2;
        let mut out = Lines {
            lines: Vec::new(),
            items: Vec::new(),
        };
        let kinds = &Catalog::builtin().visit_kinds;
        out.field(lw, cols, s::DATE.get(lang), &v.date.to_string());
        out.field(
            lw,
            cols,
            s::KIND.get(lang),
            Catalog::label(kinds, &v.kind, lang),
        );
        if let Some(vn) = &self.village {
            out.field(lw, cols, s::VILLAGE.get(lang), vn);
        }
        for (i, h) in self.households.iter().enumerate() {
            let label = if i == 0 { s::HOUSEHOLDS.get(lang) } else { "" };
            out.field(lw, cols, label, h);
        }
        if let Some(p) = &v.place {
            out.field(lw, cols, s::PLACE.get(lang), p);
        }
        if !self.cadres.is_empty() {
            out.field(lw, cols, s::CADRES.get(lang), &self.cadres.join("；"));
        }
        out.field(lw, cols, s::HEARD.get(lang), &v.heard);
        if let Some(f) = &v.family_situation {
            out.field(lw, cols, s::FAMILY.get(lang), f);
        }
        if let Some(f) = &v.follow_up {
            out.field(lw, cols, s::FOLLOW_UP.get(lang), f);
        }
        if v.confirmed_by.is_some() || v.confirmed.is_some() {
            let state = match v.confirmed {
                Some(true) => s::YES_CONFIRMED.get(lang),
                _ => s::NOT_CONFIRMED.get(lang),
            };
            let who = v.confirmed_by.as_deref().unwrap_or("");
            let text = format!("{who} · {state}");
            out.field(
                lw,
                cols,
                s::CONFIRMED_BY.get(lang),
                text.trim_start_matches(" · "),
            );
        }
        let at = v.recorded_at.format("%Y-%m-%d %H:%M").to_string();
        let rec = match &self.recorder {
            Some(r) => format!("{r} · {at}"),
            None => at,
        };
        out.field(lw, cols, s::RECORDED.get(lang), &rec);
        out.lines.push(Line::default());
        let head = s::raised_head(lang, self.items.len());
        out.lines.push(Line::styled(
            head,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        if self.items.is_empty() {
            out.lines.push(Line::styled(
                s::NO_RAISED.get(lang),
                Style::new().fg(Color::DarkGray),
            ));
        }
        for (i, it) in self.items.iter().enumerate() {
            let cats = Catalog::builtin().categories(it.ledger);
            let due = it.due_date.map(|d| d.to_string()).unwrap_or_default();
            let text = format!(
                "{} {}  {}·{}  {}  {}  {} {}",
                if i == self.selected { '›' } else { ' ' },
                it.number,
                it.ledger.label(lang),
                Catalog::label(cats, &it.category, lang),
                it.title,
                it.status.label(lang),
                s::DUE.get(lang),
                due,
            );
            let st = if i == self.selected {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            out.items.push(out.lines.len());
            out.lines.push(Line::styled(truncate(&text, cols), st));
        }
        out
    }

    /// Draws the detail over `area`.
    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        Clear.render(area, buf);
        let kinds = &Catalog::builtin().visit_kinds;
        let title = format!(
            " {} · {} {} ",
            s::DETAIL_TITLE.get(lang),
            self.visit.date,
            Catalog::label(kinds, &self.visit.kind, lang)
        );
        let block = Block::bordered()
            .title(title)
            .title_bottom(s::DETAIL_KEYS.get(lang));
        let inner = block.clone().padding(Padding::horizontal(1)).inner(area);
        block.render(area, buf);
        let note_rows = u16::from(self.note.is_some());
        let h = usize::from(inner.height.saturating_sub(note_rows));
        let body = self.lines(usize::from(inner.width));
        let max = body.lines.len().saturating_sub(h);
        let scroll = match body.items.get(self.selected) {
            Some(line) if self.follow => scroll_to_show(self.scroll.min(max), *line, h),
            _ => self.scroll.min(max),
        };
        for (i, line) in body.lines.iter().skip(scroll).take(h).enumerate() {
            let y = inner.y + u16::try_from(i).unwrap_or(0);
            buf.set_line(inner.x, y, line, inner.width);
        }
        if let Some(n) = &self.note {
            let y = inner.bottom().saturating_sub(1);
            let st = Style::new().fg(Color::Yellow);
            buf.set_stringn(inner.x, y, n, usize::from(inner.width), st);
        }
    }
}
