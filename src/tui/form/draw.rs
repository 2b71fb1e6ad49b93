//! Drawing a form: labels in a column, values beside them, each error in red under its field,
//! the "discard changes?" question, and the terminal cursor at the focused field's caret.
//! Layout is computed from the focus alone, so drawing and the cursor always agree.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Clear, Padding, Widget};

use super::{Field, FieldKind, Form, MAX_SUGGESTIONS};
use crate::tui::text::{truncate, width};

const DISCARD: crate::tui::strings::T = crate::tui::strings::T(
    "放弃未保存的修改？ y 放弃   其他键 继续编辑",
    "Discard unsaved changes?  y discard   any other key: keep editing",
);

const KEYS: crate::tui::strings::T = crate::tui::strings::T(
    " Ctrl+S 保存 · Esc 取消 · Tab/Enter 下一项 ",
    " Ctrl+S save · Esc cancel · Tab/Enter next field ",
);

/// Where one field is drawn: its label row and the value area.
struct Placed {
    index: usize,
    label_y: u16,
    value: Rect,
    error_y: Option<u16>,
}

impl Form {
    pub(super) fn label_width(&self) -> u16 {
        let w = self
            .fields
            .iter()
            .map(|f| width(f.label.get(self.lang)) + usize::from(f.required))
            .max()
            .unwrap_or(0);
        u16::try_from(w.min(16) + 2).unwrap_or(18)
    }

    /// Rows above the fields inside the border: the message (or the discard question).
    fn top_rows(&self) -> u16 {
        u16::from(self.message.is_some() || self.confirming)
    }

    /// The fields that fit in `inner`, scrolled so the focused one is shown whole.
    fn place(&self, inner: Rect) -> Vec<Placed> {
        let top = inner.y + self.top_rows();
        let footer = u16::try_from(self.footer.len()).unwrap_or(0);
        let bottom = inner.bottom().saturating_sub(footer);
        let height = |f: &Field| f.rows() + u16::from(f.error.is_some());
        // First field drawn: as late as needed for the focused one to end on screen.
        let mut first = 0;
        loop {
            let used: u16 = self.fields
                [first..=self.focus.min(self.fields.len().saturating_sub(1))]
                .iter()
                .map(height)
                .sum();
            if first >= self.focus || top + used <= bottom {
                break;
            }
            first += 1;
        }
        let lw = self.label_width();
        let mut y = top;
        let mut out = Vec::new();
        for (index, f) in self.fields.iter().enumerate().skip(first) {
            let rows = f.rows();
            if y + rows > bottom {
                break;
            }
            let value = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw + 1), rows);
            let error_y = f.error.as_ref().map(|_| y + rows).filter(|ey| *ey < bottom);
            out.push(Placed {
                index,
                label_y: y,
                value,
                error_y,
            });
            y += rows + u16::from(error_y.is_some());
        }
        out
    }

    fn inner(area: Rect) -> Rect {
        Block::bordered()
            .padding(Padding::horizontal(1))
            .inner(area)
    }

    /// A click at `(col, row)` on the form drawn in `area`: focuses the field there (its label
    /// or its value); on a choice's value it moves to the next option, as Space does. True if
    /// the click hit a field.
    pub fn click(&mut self, area: Rect, col: u16, row: u16) -> bool {
        if self.confirming {
            return false;
        }
        let hit = self.place(Self::inner(area)).into_iter().find(|p| {
            let f = &self.fields[p.index];
            row >= p.label_y && row < p.label_y + f.rows() && col >= area.x && col < area.right()
        });
        let Some(p) = hit else {
            return false;
        };
        let again = self.focus == p.index;
        self.focus = p.index;
        if again && col >= p.value.x && row == p.label_y {
            let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(' '));
            if matches!(
                self.fields[p.index].kind,
                FieldKind::Select { .. } | FieldKind::Check(_)
            ) {
                self.handle(key);
            }
        }
        true
    }

    /// Where the terminal cursor goes: the caret of the focused text, notes or picker field.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        if self.confirming {
            return None;
        }
        let p = self
            .place(Self::inner(area))
            .into_iter()
            .find(|p| p.index == self.focus)?;
        let f = &self.fields[p.index];
        match &f.kind {
            FieldKind::Text(t) => Some(t.cursor(p.value)),
            FieldKind::Picker { query, .. } => Some(query.cursor(p.value)),
            FieldKind::Multi(ta, rows) => {
                let sc = ta.screen_cursor();
                let (top, left) = ta.scroll_offset();
                let row = u16::try_from(sc.row).unwrap_or(0).saturating_sub(top);
                let col = u16::try_from(sc.col).unwrap_or(0).saturating_sub(left);
                Some(Position::new(
                    (p.value.x + col).min(p.value.right().saturating_sub(1)),
                    (p.value.y + row).min(p.value.y + rows.saturating_sub(1)),
                ))
            }
            FieldKind::Select { .. } | FieldKind::Check(_) => None,
        }
    }

    /// Draws the form over `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(KEYS.get(self.lang))
            .render(area, buf);
        let inner = Self::inner(area);
        let lang = self.lang;
        if self.confirming {
            let st = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
            buf.set_stringn(
                inner.x,
                inner.y,
                DISCARD.get(lang),
                usize::from(inner.width),
                st,
            );
        } else if let Some(m) = &self.message {
            let st = Style::new().fg(Color::Red);
            buf.set_stringn(inner.x, inner.y, m, usize::from(inner.width), st);
        }
        for p in self.place(inner) {
            let f = &self.fields[p.index];
            let focused = p.index == self.focus;
            let label = format!("{}{}", f.label.get(lang), if f.required { "*" } else { "" });
            let lst = if focused {
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            let lw = usize::from(p.value.x - inner.x).saturating_sub(1);
            buf.set_string(inner.x, p.label_y, truncate(&label, lw), lst);
            draw_value(f, focused, p.value, buf);
            if let (Some(ey), Some(e)) = (p.error_y, &f.error) {
                let st = Style::new().fg(Color::Red);
                let msg = format!("✗ {e}");
                buf.set_stringn(p.value.x, ey, msg, usize::from(p.value.width), st);
            }
        }
        let grey = Style::new().fg(Color::Gray);
        let n = u16::try_from(self.footer.len()).unwrap_or(0);
        for (i, line) in self.footer.iter().enumerate() {
            let y = inner.bottom().saturating_sub(n) + u16::try_from(i).unwrap_or(0);
            buf.set_stringn(inner.x, y, line, usize::from(inner.width), grey);
        }
    }
}

fn draw_value(f: &Field, focused: bool, r: Rect, buf: &mut Buffer) {
    let field_bg = if focused {
        Style::new().bg(Color::Rgb(40, 40, 60))
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    };
    let note_x = |used: usize| r.x + u16::try_from(used + 2).unwrap_or(r.width);
    let grey = Style::new().fg(Color::DarkGray);
    match &f.kind {
        FieldKind::Text(t) => {
            let w = note_w(f, r);
            t.draw(Rect::new(r.x, r.y, w, 1), buf, field_bg);
            draw_note(f, note_x(usize::from(w)), r, buf);
        }
        FieldKind::Multi(ta, rows) => {
            let boxed = Rect::new(r.x, r.y, r.width, (*rows).min(r.height));
            buf.set_style(boxed, field_bg);
            (&**ta).render(boxed, buf);
            if let Some(n) = &f.note
                && boxed.bottom() < r.bottom()
            {
                let st = Style::new().fg(Color::DarkGray);
                buf.set_string(r.x, boxed.bottom(), truncate(n, usize::from(r.width)), st);
            }
        }
        FieldKind::Select {
            options, selected, ..
        } => {
            let label = selected
                .and_then(|i| options.get(i))
                .map_or("—", |c| c.label.as_str());
            let s = format!("‹ {label} ›");
            let st = if focused {
                field_bg.add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            buf.set_stringn(r.x, r.y, &s, usize::from(r.width), st);
            draw_note(f, note_x(width(&s)), r, buf);
        }
        FieldKind::Check(b) => {
            let s = if *b { "[✓]" } else { "[ ]" };
            buf.set_string(r.x, r.y, s, if focused { field_bg } else { Style::new() });
            draw_note(f, note_x(3), r, buf);
        }
        FieldKind::Picker {
            query,
            suggestions,
            highlighted,
            picked,
            ..
        } => {
            let w = note_w(f, r);
            query.draw(Rect::new(r.x, r.y, w, 1), buf, field_bg);
            draw_note(f, note_x(usize::from(w)), r, buf);
            let mut y = r.y + 1;
            if !picked.is_empty() {
                let names: Vec<&str> = picked.iter().map(|p| p.label.as_str()).collect();
                let line = format!("✓ {}", names.join("；"));
                let st = Style::new().fg(Color::Green);
                buf.set_stringn(r.x, y, line, usize::from(r.width), st);
                y += 1;
            }
            for (i, s) in suggestions.iter().take(MAX_SUGGESTIONS).enumerate() {
                let st = if i == *highlighted && focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    grey
                };
                let line = format!("{} {}", if i == *highlighted { '›' } else { ' ' }, s.label);
                buf.set_stringn(
                    r.x,
                    y,
                    truncate(&line, usize::from(r.width)),
                    usize::from(r.width),
                    st,
                );
                y += 1;
            }
        }
    }
}

/// Width of a text box: the whole row, less room for a note if it has one.
fn note_w(f: &Field, r: Rect) -> u16 {
    match &f.note {
        Some(n) => r
            .width
            .saturating_sub(u16::try_from(width(n) + 2).unwrap_or(0))
            .max(r.width / 2),
        None => r.width,
    }
}

fn draw_note(f: &Field, x: u16, r: Rect, buf: &mut Buffer) {
    if let Some(n) = &f.note
        && x < r.right()
    {
        let room = usize::from(r.right() - x);
        buf.set_string(x, r.y, truncate(n, room), Style::new().fg(Color::DarkGray));
    }
}
