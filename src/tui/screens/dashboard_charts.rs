//! Drawing the dashboard's charts and its list of the oldest open items, without side
//! effects: horizontal bars by ledger and by category with labels in display width, the
//! 12-week trend of items registered and closed as two bar rows on one scale, and the items
//! with their age in working days.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::dashboard::{DashboardView, Pane};
use super::dashboard_strings as ds;
use super::dashboard_table::rcell;
use crate::domain::calendar::Calendar;
use crate::domain::catalog::Catalog;
use crate::domain::{ItemStatus, Ledger};
use crate::i18n::Lang;
use crate::store::dashboard::{Count, Dashboard, Week};
use crate::tui::strings::T;
use crate::tui::text::{cell, truncate, width};
use crate::tui::widgets::scroll_to_show;

/// Eighth blocks, from empty to full.
const EIGHTHS: [&str; 9] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
/// Vertical eighth blocks, from empty to full.
const RISE: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// A bar `cols` wide at most, `value / max` of it filled, in eighths of a column.
fn bar(value: u64, max: u64, cols: usize) -> String {
    if max == 0 || cols == 0 {
        return String::new();
    }
    let eighths = (value as u128 * cols as u128 * 8).div_ceil(max as u128) as usize;
    let eighths = eighths.min(cols * 8);
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push_str(EIGHTHS[eighths % 8]);
    }
    s
}

fn title(text: &str, r: Rect, y: u16, buf: &mut Buffer) {
    if y < r.bottom() {
        let st = Style::new().add_modifier(Modifier::BOLD);
        buf.set_stringn(
            r.x,
            y,
            truncate(text, usize::from(r.width)),
            usize::from(r.width),
            st,
        );
    }
}

/// Bars for `rows` (label, value, value text) from line `y` for at most `h` lines.
fn bars(rows: &[(String, u64, String)], color: Color, r: Rect, y: u16, h: u16, buf: &mut Buffer) {
    let label_w = rows
        .iter()
        .map(|(l, _, _)| width(l))
        .max()
        .unwrap_or(0)
        .min(14);
    let value_w = rows.iter().map(|(_, _, v)| width(v)).max().unwrap_or(0);
    let max = rows.iter().map(|(_, v, _)| *v).max().unwrap_or(0);
    let bar_w = usize::from(r.width).saturating_sub(label_w + value_w + 2);
    for (k, (label, v, text)) in rows.iter().take(usize::from(h)).enumerate() {
        let line = Line::from(vec![
            Span::raw(cell(label, label_w)),
            Span::raw(" "),
            Span::styled(cell(&bar(*v, max, bar_w), bar_w), Style::new().fg(color)),
            Span::raw(" "),
            Span::raw(rcell(text, value_w)),
        ]);
        line.render(Rect::new(r.x, y + k as u16, r.width, 1), buf);
    }
}

/// The trend as bar rows `rows` high: each week `cw` columns, both series on one scale.
fn trend_rows(weeks: &[Week], closed: bool, max: u64, cw: usize, rows: u16) -> Vec<String> {
    let levels = u64::from(rows) * 8;
    let mut out = vec![String::new(); usize::from(rows)];
    for w in weeks {
        let v = if closed { w.closed } else { w.registered };
        let filled = if max == 0 {
            0
        } else {
            (v * levels).div_ceil(max)
        };
        for (k, line) in out.iter_mut().enumerate() {
            // Line k from the top holds levels above (rows - 1 - k) * 8.
            let base = (u64::from(rows) - 1 - k as u64) * 8;
            let part = filled.saturating_sub(base).min(8) as usize;
            line.push_str(&RISE[part].repeat(cw.saturating_sub(1)));
            line.push(' ');
        }
    }
    out
}

impl DashboardView {
    /// The charts in `r`: ledgers, the weekly trend, then as many categories as fit.
    pub(super) fn draw_charts(&self, d: &Dashboard, r: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let mut y = r.y;
        title(ds::BY_LEDGER.get(lang), r, y, buf);
        let ledgers: Vec<(String, u64, String)> = d
            .ledgers
            .iter()
            .map(|c| {
                (
                    c.ledger.label(lang).to_owned(),
                    c.registered,
                    count_text(c, lang),
                )
            })
            .collect();
        bars(
            &ledgers,
            Color::Cyan,
            r,
            y + 1,
            r.bottom().saturating_sub(y + 1).min(3),
            buf,
        );
        y += 4;
        if y + 3 < r.bottom() {
            y = self.draw_trend(&d.weeks, r, y, buf);
        }
        if y + 1 < r.bottom() {
            title(ds::BY_CATEGORY.get(lang), r, y, buf);
            let cat = Catalog::builtin();
            let rows: Vec<(String, u64, String)> = d
                .categories
                .iter()
                .map(|c| {
                    let name = Catalog::label(cat.categories(c.ledger), &c.category, lang);
                    let label = format!("{}·{name}", short(c.ledger, lang));
                    (label, c.registered, count_text(c, lang))
                })
                .collect();
            if rows.is_empty() {
                let st = Style::new().fg(Color::DarkGray);
                buf.set_stringn(r.x, y + 1, ds::NOTHING.get(lang), usize::from(r.width), st);
            }
            bars(&rows, Color::Green, r, y + 1, r.bottom() - y - 1, buf);
        }
    }

    /// The trend from line `y`; returns the line after it.
    fn draw_trend(&self, weeks: &[Week], r: Rect, y: u16, buf: &mut Buffer) -> u16 {
        let lang = self.lang;
        title(ds::TREND.get(lang), r, y, buf);
        let max = weeks
            .iter()
            .map(|w| w.registered.max(w.closed))
            .max()
            .unwrap_or(0);
        let label_w = width(ds::TREND_REGISTERED.get(lang)).max(width(ds::TREND_CLOSED.get(lang)));
        let n = weeks.len().max(1);
        // Room left of the week columns for the label, right of them for the numbers.
        let tail_w = 10;
        let room = usize::from(r.width).saturating_sub(label_w + 1 + tail_w);
        let cw = (room / n).clamp(2, 4);
        let free = usize::from(r.width).saturating_sub(label_w + 1 + cw * n);
        // Two lines per series when there is room below for the categories too.
        let rows: u16 = if r.bottom().saturating_sub(y) >= 14 {
            2
        } else {
            1
        };
        let mut line_y = y + 1;
        for (closed, label, color) in [
            (false, ds::TREND_REGISTERED, Color::Cyan),
            (true, ds::TREND_CLOSED, Color::Green),
        ] {
            let last = weeks
                .last()
                .map_or(0, |w| if closed { w.closed } else { w.registered });
            let most = weeks
                .iter()
                .map(|w| if closed { w.closed } else { w.registered })
                .max()
                .unwrap_or(0);
            for (k, text) in trend_rows(weeks, closed, max, cw, rows)
                .into_iter()
                .enumerate()
            {
                if line_y >= r.bottom() {
                    break;
                }
                let last_line = k + 1 == usize::from(rows);
                let head = if last_line { label.get(lang) } else { "" };
                let tail = if last_line {
                    let full = format!(
                        " {} {most} · {} {last}",
                        ds::TREND_MAX.get(lang),
                        ds::TREND_THIS_WEEK.get(lang)
                    );
                    let short = format!(" {} {most}", ds::TREND_MAX.get(lang));
                    [full, short]
                        .into_iter()
                        .find(|t| width(t) <= free)
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                Line::from(vec![
                    Span::raw(cell(head, label_w)),
                    Span::raw(" "),
                    Span::styled(text, Style::new().fg(color)),
                    Span::styled(tail, Style::new().fg(Color::DarkGray)),
                ])
                .render(Rect::new(r.x, line_y, r.width, 1), buf);
                line_y += 1;
            }
        }
        if line_y < r.bottom() {
            // The first, middle and last week's Monday under the columns.
            let fmt = |w: Option<&Week>| w.map(|w| w.start.format("%m-%d").to_string());
            let mut axis = " ".repeat(label_w + 1);
            let span = cw * n;
            let mid = n / 2;
            let marks = [
                (0, fmt(weeks.first())),
                (mid * cw, fmt(weeks.get(mid))),
                (span.saturating_sub(cw), fmt(weeks.last())),
            ];
            for (at, text) in marks {
                let Some(text) = text else { continue };
                let want = label_w + 1 + at;
                if width(&axis) <= want {
                    axis.push_str(&" ".repeat(want - width(&axis)));
                    axis.push_str(&text);
                }
            }
            let st = Style::new().fg(Color::DarkGray);
            buf.set_stringn(
                r.x,
                line_y,
                truncate(&axis, usize::from(r.width)),
                usize::from(r.width),
                st,
            );
            line_y += 1;
        }
        line_y
    }

    /// The oldest open items in `r`: number, village, title, registered, age, status.
    pub(super) fn draw_oldest(&self, d: &Dashboard, r: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let w = usize::from(r.width);
        let mut cols = Old::ALL.to_vec();
        let fixed = |c: &[Old]| 2 + c.iter().map(|c| c.width(lang) + 1).sum::<usize>();
        // Dropped in this order while the title would get fewer than 8 columns.
        for drop in [Old::Registered, Old::Status, Old::Number, Old::Village] {
            if w >= fixed(&cols) + 8 {
                break;
            }
            cols.retain(|c| *c != drop);
        }
        let title_w = w.saturating_sub(fixed(&cols)).max(4);
        let width_of = |c: Old| match c {
            Old::Title => title_w,
            c => c.width(lang),
        };
        let mut head = vec![Span::raw("  ")];
        for &c in &cols {
            head.push(Span::raw(cell(c.header().get(lang), width_of(c))));
            head.push(Span::raw(" "));
        }
        Line::from(head)
            .style(Style::new().add_modifier(Modifier::BOLD))
            .render(Rect::new(r.x, r.y, r.width, 1), buf);
        let rows_h = usize::from(r.height.saturating_sub(1));
        if d.oldest.is_empty() {
            let st = Style::new().fg(Color::DarkGray);
            buf.set_stringn(r.x + 2, r.y + 1, ds::NOTHING.get(lang), w, st);
            return;
        }
        let focused = self.pane == Pane::Oldest;
        let sel = self.selected[2];
        let scroll = scroll_to_show(self.scroll[2].min(sel), sel, rows_h);
        let cal = Calendar::builtin();
        for (k, it) in d.oldest.iter().enumerate().skip(scroll).take(rows_h) {
            let is_sel = k == sel && focused;
            let late = it.due_date.is_some_and(|due| due < self.today);
            let mut spans = vec![Span::raw(if is_sel { "▶ " } else { "  " })];
            for &c in &cols {
                let text = match c {
                    Old::Number => it.number.clone(),
                    Old::Village => it.village.clone().unwrap_or_default(),
                    Old::Title => it.title.clone(),
                    Old::Registered => it.registered_at.date().to_string(),
                    Old::Age => ds::working_days(
                        lang,
                        cal.working_days_between(it.registered_at.date(), self.today)
                            .max(0),
                    ),
                    Old::Status => it.status.label(lang).to_owned(),
                };
                let style = if c == Old::Age && late {
                    Style::new().fg(Color::Red)
                } else if it.status == ItemStatus::Closed {
                    Style::new().fg(Color::DarkGray)
                } else {
                    Style::new()
                };
                spans.push(Span::styled(cell(&text, width_of(c)), style));
                spans.push(Span::raw(" "));
            }
            let mut line = Line::from(spans);
            if is_sel {
                line = line.style(Style::new().add_modifier(Modifier::REVERSED));
            }
            line.render(
                Rect::new(r.x, r.y + 1 + (k - scroll) as u16, r.width, 1),
                buf,
            );
        }
    }
}

/// The columns of the oldest open items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Old {
    Number,
    Village,
    Title,
    Registered,
    Age,
    Status,
}

impl Old {
    const ALL: [Old; 6] = [
        Old::Number,
        Old::Village,
        Old::Title,
        Old::Registered,
        Old::Age,
        Old::Status,
    ];

    fn header(self) -> T {
        match self {
            Old::Number => ds::COL_NUMBER,
            Old::Village => ds::COL_VILLAGE,
            Old::Title => ds::COL_TITLE,
            Old::Registered => ds::COL_REGISTERED,
            Old::Age => ds::COL_AGE,
            Old::Status => ds::COL_STATUS,
        }
    }

    /// Fixed width in columns (the title takes what is left).
    fn width(self, lang: Lang) -> usize {
        match self {
            Old::Number => 14,
            Old::Village => 8,
            Old::Title => 0,
            Old::Registered => 10,
            // "250个工作日" and "250 wd".
            Old::Age if lang == Lang::Zh => 11,
            Old::Age => 7,
            Old::Status => 6,
        }
    }
}

/// "23（12）": registered, and closed of those.
fn count_text(c: &Count, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", c.registered, c.closed),
        Lang::En => format!("{} ({})", c.registered, c.closed),
    }
}

/// The ledger's one-character name in front of a category (民, 困, 稳).
fn short(l: Ledger, lang: Lang) -> String {
    match lang {
        Lang::Zh => l
            .label(lang)
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default(),
        Lang::En => l.label(lang).chars().take(3).collect(),
    }
}
