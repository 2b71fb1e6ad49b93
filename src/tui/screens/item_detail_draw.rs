//! Drawing the item detail: a fixed header (number, ledger, title, conflicts), the fields laid
//! out in two columns when they fit (long texts wrapped by display width), the progress
//! timeline, and at the bottom the action bar with only the actions the workflow allows now.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::item_detail::{EDIT_KEY, ItemDetail};
use super::item_detail_fields::{Fv, Part};
use super::item_strings as is;
use super::wrap::wrap;
use crate::tui::text::{truncate, width};

/// From this width the short fields go two to a line.
const TWO_COLUMNS: usize = 70;
/// The second column starts at most this far right, so a wide window does not pull a
/// field's label and value apart from the first column.
const MAX_COLUMN: usize = 50;

const DIM: Style = Style::new().fg(Color::DarkGray);
const WARN: Style = Style::new().fg(Color::Yellow);

fn pad(s: &str, cols: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(width(s))));
    out
}

fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// The label cell and the conflict mark of a field.
fn label_spans(f: &Fv, lw: usize) -> Vec<Span<'static>> {
    let mut out = vec![Span::styled(pad(&f.label, lw + 1), DIM)];
    if f.conflict {
        out.push(Span::styled("⚠ ", WARN.add_modifier(Modifier::BOLD)));
    }
    out
}

/// Columns a field takes on one line.
fn field_width(f: &Fv, lw: usize) -> usize {
    lw + 1 + if f.conflict { 2 } else { 0 } + spans_width(&f.spans)
}

/// A field over the whole width, its value wrapped under itself.
fn long_lines(f: &Fv, lw: usize, total: usize, out: &mut Vec<Line<'static>>) {
    let head = label_spans(f, lw);
    let indent = spans_width(&head);
    let style = f.spans.first().map_or(Style::new(), |s| s.style);
    let text: String = f.spans.iter().map(|s| s.content.as_ref()).collect();
    if f.spans.len() > 1 && field_width(f, lw) <= total {
        let mut spans = head;
        spans.extend(f.spans.iter().cloned());
        out.push(Line::from(spans));
        return;
    }
    for (k, part) in wrap(&text, total.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let mut spans = if k == 0 {
            head.clone()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.push(Span::styled(part, style));
        out.push(Line::from(spans));
    }
}

impl ItemDetail {
    /// Every line of the scrolling part at `width` columns.
    pub(super) fn content_lines(&self, width_cols: u16) -> Vec<Line<'static>> {
        let total = usize::from(width_cols);
        let parts = self.parts();
        let lw = parts
            .iter()
            .filter_map(|p| match p {
                Part::Short(f) | Part::Long(f) => Some(width(&f.label)),
                _ => None,
            })
            .max()
            .unwrap_or(4);
        let col = (total / 2).min(MAX_COLUMN);
        let two = total >= TWO_COLUMNS;
        let mut out = Vec::new();
        let mut left: Option<Vec<Span<'static>>> = None;
        let flush = |left: &mut Option<Vec<Span<'static>>>, out: &mut Vec<Line<'static>>| {
            if let Some(l) = left.take() {
                out.push(Line::from(l));
            }
        };
        for part in parts {
            match part {
                Part::Short(f) if two && field_width(&f, lw) < col => {
                    let mut spans = label_spans(&f, lw);
                    spans.extend(f.spans);
                    match left.take() {
                        Some(mut l) => {
                            let used = spans_width(&l);
                            l.push(Span::raw(" ".repeat(col.saturating_sub(used))));
                            l.extend(spans);
                            out.push(Line::from(l));
                        }
                        None => left = Some(spans),
                    }
                }
                Part::Short(f) | Part::Long(f) => {
                    flush(&mut left, &mut out);
                    long_lines(&f, lw, total, &mut out);
                }
                Part::Heading(text) => {
                    flush(&mut left, &mut out);
                    let head = format!("── {text} ");
                    let rule = "─".repeat(total.saturating_sub(width(&head)));
                    out.push(Line::from(Span::styled(
                        format!("{head}{rule}"),
                        Style::new().fg(Color::Cyan),
                    )));
                }
                Part::Event(e) => {
                    flush(&mut left, &mut out);
                    self.event_lines(&e, total, &mut out);
                }
            }
        }
        flush(&mut left, &mut out);
        out
    }

    /// One timeline entry: time, who, what, then its details and note wrapped in their column.
    fn event_lines(
        &self,
        e: &super::item_detail_fields::EventRow,
        total: usize,
        out: &mut Vec<Line<'static>>,
    ) {
        let who_w = self.who_width();
        let what_w = self.what_width();
        let head = vec![
            Span::styled(format!("{}  ", e.at), DIM),
            Span::raw(pad(&truncate(&e.who, who_w), who_w + 1)),
            Span::styled(
                pad(&e.what, what_w + 1),
                e.style.add_modifier(Modifier::BOLD),
            ),
        ];
        let indent = spans_width(&head);
        let room = total.saturating_sub(indent);
        let mut text: Vec<(String, Style)> = Vec::new();
        let (indent, room, mut first) = if room < 16 {
            // Too narrow for a column: details go under the entry.
            out.push(Line::from(head.clone()));
            (4, total.saturating_sub(4), None)
        } else {
            (indent, room, Some(head))
        };
        if !e.details.is_empty() {
            text.extend(
                wrap(&e.details, room)
                    .into_iter()
                    .map(|l| (l, Style::new())),
            );
        }
        if !e.note.is_empty() {
            text.extend(
                wrap(&e.note, room)
                    .into_iter()
                    .map(|l| (l, DIM.fg(Color::Gray))),
            );
        }
        if text.is_empty() {
            if let Some(h) = first.take() {
                out.push(Line::from(h));
            }
            return;
        }
        for (line, style) in text {
            let mut spans = first
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(line, style));
            out.push(Line::from(spans));
        }
    }

    fn who_width(&self) -> usize {
        self.events
            .iter()
            .map(|e| width(&e.by_name))
            .max()
            .unwrap_or(4)
            .min(10)
    }

    fn what_width(&self) -> usize {
        self.events
            .iter()
            .map(|e| width(e.action.kind().label(self.lang)))
            .max()
            .unwrap_or(4)
    }

    /// The fixed lines above the fields: number, ledger and title; the conflicts notice.
    fn header_lines(&self, total: usize) -> Vec<Line<'static>> {
        let lang = self.lang;
        let mark = self.conflicts.iter().any(|c| c == "title" || c == "number");
        let head = format!(
            "{} · {}  ",
            self.item.number,
            self.item.ledger().label(lang)
        );
        let title = format!("{}{}", self.item.title, if mark { " ⚠" } else { "" });
        let mut out = Vec::new();
        let rest = total.saturating_sub(width(&head));
        let mut parts = wrap(&title, rest.max(10)).into_iter();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        out.push(Line::from(vec![
            Span::styled(head.clone(), bold.fg(Color::Cyan)),
            Span::styled(parts.next().unwrap_or_default(), bold),
        ]));
        if let Some(second) = parts.next() {
            let more = parts.next().is_some();
            let text = if more { format!("{second}…") } else { second };
            out.push(Line::from(vec![
                Span::raw(" ".repeat(width(&head))),
                Span::styled(truncate(&text, rest), bold),
            ]));
        }
        if !self.conflicts.is_empty() {
            out.push(Line::from(Span::styled(
                is::conflicts_line(lang, self.conflicts.len()),
                WARN.add_modifier(Modifier::BOLD),
            )));
        }
        out
    }

    /// The action bar's entries: (key, label), allowed workflow actions first, then 编辑.
    fn bar_entries(&self) -> Vec<(char, &'static str)> {
        let mut v: Vec<(char, &'static str)> = self
            .offered()
            .into_iter()
            .map(|(c, k)| (c, k.label(self.lang)))
            .collect();
        v.push((EDIT_KEY, self.lang.pick("编辑", "Edit")));
        v
    }

    /// Column ranges of the bar's entries, from `x`.
    fn bar_ranges(&self, x: u16) -> Vec<(char, &'static str, u16, u16)> {
        let mut at = x;
        self.bar_entries()
            .into_iter()
            .map(|(c, label)| {
                let w = u16::try_from(width(label) + 2).unwrap_or(0);
                let r = (c, label, at, at + w);
                at += w + 2;
                r
            })
            .collect()
    }

    /// The action-bar key under a click, if any.
    pub(super) fn bar_key_at(&self, area: Rect, col: u16, row: u16) -> Option<char> {
        if area.height == 0 || row != area.bottom() - 1 {
            return None;
        }
        self.bar_ranges(area.x)
            .into_iter()
            .find(|(_, _, a, b)| col >= *a && col < *b)
            .map(|(c, ..)| c)
    }

    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        if area.height < 3 || area.width < 10 {
            return;
        }
        let total = usize::from(area.width);
        let header = self.header_lines(total);
        let head_h = u16::try_from(header.len()).unwrap_or(0);
        for (k, line) in header.iter().enumerate() {
            let y = area.y + u16::try_from(k).unwrap_or(0);
            buf.set_line(area.x, y, line, area.width);
        }
        let bottom = 1 + u16::from(self.message.is_some());
        let content = Rect::new(
            area.x,
            area.y + head_h,
            area.width,
            area.height.saturating_sub(head_h + bottom),
        );
        self.viewport.set((content.width, content.height));
        let lines = self.content_lines(content.width);
        let h = usize::from(content.height);
        let scroll = self.scroll.min(lines.len().saturating_sub(h));
        for (k, line) in lines.iter().skip(scroll).take(h).enumerate() {
            let y = content.y + u16::try_from(k).unwrap_or(0);
            buf.set_line(content.x, y, line, content.width);
        }
        let bar_y = area.bottom() - 1;
        if let Some(m) = &self.message {
            let st = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
            buf.set_stringn(area.x, bar_y - 1, m, total, st);
        }
        let info = (lines.len() > h).then(|| scroll_info(scroll, h, lines.len()));
        let info_w = info
            .as_deref()
            .map_or(0, |i| u16::try_from(width(i)).unwrap_or(0));
        let bar_end = area.right().saturating_sub(info_w + 1);
        let key_st = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        for (c, label, a, _) in self.bar_ranges(area.x) {
            if a + 2 >= bar_end {
                break;
            }
            buf.set_string(a, bar_y, c.to_string(), key_st);
            let room = usize::from(bar_end - a - 2);
            buf.set_stringn(a + 2, bar_y, label, room, Style::new());
        }
        if let Some(info) = info {
            buf.set_string(area.right().saturating_sub(info_w), bar_y, info, DIM);
        }
    }
}

/// "↓ 12–30/48" at the right of the bar when the fields and timeline do not fit.
fn scroll_info(scroll: usize, h: usize, n: usize) -> String {
    let last = (scroll + h).min(n);
    let arrow = match (scroll > 0, last < n) {
        (true, true) => "↑↓",
        (true, false) => "↑",
        _ => "↓",
    };
    format!("{arrow} {}–{last}/{n}", scroll + 1)
}
