//! Drawing the review layer, without side effects: the two list names with their sizes, the
//! shown list (columns in `review_cols.rs`) scrolled to its selection, the selected item's
//! result and return visit (or its override reason) under the list, and the message line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::review::{FOOTER_LINES, HEADER_LINES, List, ReviewLayer};
use super::review_cols::{AuditCols, QueueCols, heads_line, line_of, minute, satisfaction};
use super::review_strings as rs;
use crate::i18n::Lang;
use crate::store::review::ReturnVisit;
use crate::tui::strings::T;
use crate::tui::text::{truncate, width};

/// What the list's return visit says under it: "满意 · 2026-03-04 15:00 · 张敏 · 电话回访…".
fn visit_text(lang: Lang, v: &ReturnVisit) -> String {
    let mut parts = vec![
        satisfaction(lang, v.satisfaction).to_owned(),
        minute(v.at),
        v.by.clone(),
    ];
    if !v.note.is_empty() {
        parts.push(v.note.replace('\n', " "));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

impl ReviewLayer {
    /// "强制销号 4 件", or "强制销号 …" while it is being read.
    fn audit_title(&self) -> String {
        if self.audit_pending {
            format!("{} …", rs::AUDIT.get(self.lang))
        } else {
            rs::count(self.lang, rs::AUDIT, self.audit.total)
        }
    }

    /// The two list names, the shown one highlighted, with the role's note.
    fn title_line(&self) -> Line<'static> {
        let lang = self.lang;
        let on = Style::new()
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
            .fg(Color::Cyan);
        let off = Style::new().fg(Color::Cyan);
        let (q, a) = match self.list {
            List::Queue => (on, off),
            List::Audit => (off, on),
        };
        let mut spans = vec![
            Span::raw(" "),
            Span::styled(
                format!(" {} ", rs::count(lang, rs::QUEUE, self.queue.total)),
                q,
            ),
            Span::raw(" "),
            Span::styled(format!(" {} ", self.audit_title()), a),
            Span::styled(
                format!("  {}", rs::SWITCH.get(lang)),
                Style::new().fg(Color::DarkGray),
            ),
        ];
        if !self.can_act {
            spans.push(Span::styled(
                format!("  {}", rs::READ_ONLY.get(lang)),
                Style::new().fg(Color::Yellow),
            ));
        }
        Line::from(spans)
    }

    /// The list's lines from its scroll offset, `height` at most, and the selected row index.
    fn list_lines(&self, w: usize, height: usize) -> Vec<Line<'static>> {
        let lang = self.lang;
        let (len, sel, scroll) = match self.list {
            List::Queue => (
                self.queue.rows.len(),
                self.queue.selected,
                self.queue.scroll,
            ),
            List::Audit => (
                self.audit.rows.len(),
                self.audit.selected,
                self.audit.scroll,
            ),
        };
        if len == 0 {
            let empty = match self.list {
                List::Queue => rs::EMPTY_QUEUE,
                List::Audit if self.audit_pending => rs::READING,
                List::Audit => rs::EMPTY_AUDIT,
            };
            let dim = Style::new().fg(Color::DarkGray);
            return vec![Line::styled(
                truncate(&format!("  {}", empty.get(lang)), w),
                dim,
            )];
        }
        // Pure: the offset was set when the selection moved; clamped here so a stale one never
        // hides the selection.
        let mut top = scroll.min(sel);
        if sel >= top + height {
            top = sel + 1 - height.max(1);
        }
        (top..len.min(top + height))
            .map(|i| match self.list {
                List::Queue => {
                    let c = QueueCols::new(lang, w);
                    line_of(c.row(lang, &self.queue.rows[i]), i == sel)
                }
                List::Audit => {
                    let c = AuditCols::new(lang, w);
                    line_of(c.row(&self.audit.rows[i]), i == sel)
                }
            })
            .collect()
    }

    /// The two lines about the selected item under the list.
    fn detail_lines(&self) -> Vec<Line<'static>> {
        let lang = self.lang;
        let label = Style::new().fg(Color::Cyan);
        let pair = |l: T, text: String, st: Style| {
            Line::from(vec![
                Span::styled(l.get(lang), label),
                Span::styled(text, st),
            ])
        };
        match self.list {
            List::Queue => {
                let Some(r) = self.queue.rows.get(self.queue.selected) else {
                    return Vec::new();
                };
                let result = r.result.clone().unwrap_or_default().replace('\n', " ");
                let visit = match &r.return_visit {
                    Some(v) => pair(rs::D_RETURN_VISIT, visit_text(lang, v), Style::new()),
                    None => pair(
                        rs::D_RETURN_VISIT,
                        rs::D_NO_RETURN_VISIT.get(lang).to_owned(),
                        Style::new().fg(Color::Yellow),
                    ),
                };
                vec![pair(rs::D_RESULT, result, Style::new()), visit]
            }
            List::Audit => {
                let Some(r) = self.audit.rows.get(self.audit.selected) else {
                    return Vec::new();
                };
                let mut closed = format!("{} · {}", minute(r.closed_at), r.closed_by);
                if !r.note.is_empty() {
                    closed.push_str(&format!(" · {}{}", rs::D_NOTE.get(lang), r.note));
                }
                let reason = r.reason.replace('\n', " ");
                vec![
                    pair(rs::D_REASON, reason, Style::new().fg(Color::Yellow)),
                    pair(rs::D_CLOSED, closed, Style::new()),
                ]
            }
        }
    }

    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let w = usize::from(area.width);
        let at = |k: u16| Rect::new(area.x, area.y + k, area.width, 1);
        self.title_line().render(at(0), buf);
        let heads = match self.list {
            List::Queue => QueueCols::new(self.lang, w).heads(),
            List::Audit => AuditCols::new(self.lang, w).heads(),
        };
        heads_line(self.lang, heads).render(at(1), buf);
        let list_h = area.height.saturating_sub(HEADER_LINES + FOOTER_LINES);
        self.viewport.set(list_h);
        for (k, line) in self
            .list_lines(w, usize::from(list_h))
            .into_iter()
            .enumerate()
        {
            line.render(at(HEADER_LINES + k as u16), buf);
        }
        let foot = area.height.saturating_sub(FOOTER_LINES);
        if foot < HEADER_LINES {
            return;
        }
        let rule = "─".repeat(w);
        buf.set_string(
            area.x,
            area.y + foot,
            rule,
            Style::new().fg(Color::DarkGray),
        );
        for (k, line) in self.detail_lines().into_iter().enumerate() {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let line = if width(&text) > w {
                // Cut the value, keep the label's colour.
                let mut spans = line.spans;
                let label_w = spans.first().map_or(0, |s| width(&s.content));
                if let Some(v) = spans.get_mut(1) {
                    v.content = truncate(&v.content, w.saturating_sub(label_w)).into();
                }
                Line::from(spans)
            } else {
                line
            };
            line.render(at(foot + 1 + k as u16), buf);
        }
        if let Some(msg) = &self.message {
            let st = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
            buf.set_string(area.x, area.y + foot + 3, truncate(msg, w), st);
        }
    }
}
