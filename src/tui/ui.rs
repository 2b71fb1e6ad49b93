//! Drawing the whole app: tab bar, the current screen, the key-hint bar, the `?` overlay and
//! the too-small message; plus the layout maths that mouse clicks share with drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::i18n::Lang;
use crate::tui::app::{App, Prompt, TAB_TODAY};
use crate::tui::screens::review_strings as rs;
use crate::tui::strings::{self as s, T};
use crate::tui::text::{cell, truncate, width};
use crate::tui::views::TAB_STATS;
use crate::tui::views::Views;

/// The smallest terminal the UI draws in (SPEC §4).
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Below the minimum only the "enlarge the window" message is drawn.
pub fn too_small((w, h): (u16, u16)) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// Where the current screen is drawn: below the tab bar and its rule, above the hint bar.
pub fn body_rect((w, h): (u16, u16)) -> Rect {
    Rect::new(0, 2, w, h.saturating_sub(3))
}

/// "1 今日" etc.
fn tab_label(lang: Lang, n: usize, t: T) -> String {
    format!("{} {}", n + 1, t.get(lang))
}

/// Column ranges `[start, end)` of the tab labels on row 0: one leading space, one between.
/// English needs all 80 columns, so there is no padding to spare.
fn tab_ranges(lang: Lang) -> Vec<(u16, u16)> {
    let mut x = 1u16;
    s::TABS
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let w = u16::try_from(width(&tab_label(lang, n, *t))).unwrap_or(u16::MAX);
            let r = (x, x.saturating_add(w));
            x = r.1.saturating_add(1);
            r
        })
        .collect()
}

/// The tab whose label covers column `col`.
pub fn tab_at(lang: Lang, col: u16) -> Option<usize> {
    tab_ranges(lang)
        .iter()
        .position(|&(a, b)| col >= a && col < b)
}

/// The keys of the current screen, for the `?` overlay.
fn keys(app: &App) -> Vec<(&'static str, T)> {
    if app.tab == TAB_TODAY {
        let refresh = if app.reviews() {
            rs::KEY_TODAY_REVIEW
        } else {
            s::KEY_REFRESH
        };
        vec![
            s::KEY_TABS,
            s::KEY_MOVE,
            s::KEY_PAGE,
            s::KEY_ENDS,
            s::KEY_OPEN,
            s::KEY_NEW_VISIT,
            s::KEY_TODAY_CONFLICTS,
            refresh,
            s::KEY_MOUSE,
            s::KEY_HELP,
            s::KEY_QUIT,
        ]
    } else if app.tab == TAB_STATS && app.reviews() {
        let mut keys = Views::keys(app.tab);
        keys.retain(|k| k.0 != s::KEY_REFRESH.0);
        keys.insert(
            keys.len().saturating_sub(3).min(keys.len()),
            rs::KEY_TODAY_REVIEW,
        );
        keys
    } else {
        Views::keys(app.tab)
    }
}

fn draw_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let ranges = tab_ranges(app.lang);
    for (n, (t, (x, _))) in s::TABS.iter().zip(ranges).enumerate() {
        let style = if n == app.tab {
            Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                .fg(Color::Cyan)
        } else {
            Style::new()
        };
        if x < area.right() {
            buf.set_stringn(
                x,
                area.y,
                tab_label(app.lang, n, *t),
                usize::from(area.right() - x),
                style,
            );
        }
    }
    let rule = "─".repeat(usize::from(area.width));
    buf.set_string(area.x, area.y + 1, rule, Style::new().fg(Color::DarkGray));
}

fn draw_help(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let rows = match app.top() {
        Some(top) => top.keys(),
        None => keys(app),
    };
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(k, t)| {
            Line::from(vec![
                Span::styled(cell(k, key_w + 2), Style::new().fg(Color::Cyan)),
                Span::raw(t.get(lang)),
            ])
        })
        .collect();
    draw_box(lines, s::HELP_TITLE.get(lang), Style::new(), area, buf);
}

/// A centred bordered box holding `lines` over whatever is drawn (the `?` overlay and the
/// questions the app asks).
fn draw_box(lines: Vec<Line>, title: &str, border: Style, area: Rect, buf: &mut Buffer) {
    let inner_w = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(width(title));
    let w = (inner_w + 4).min(usize::from(area.width));
    let h = (lines.len() + 2).min(usize::from(area.height));
    let [r] = Layout::horizontal([Constraint::Length(w as u16)])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(h as u16)])
        .flex(Flex::Center)
        .areas(r);
    clear_wide_edges(r, buf);
    Clear.render(r, buf);
    let block = Block::bordered().title(title).border_style(border);
    Paragraph::new(lines)
        .block(block.padding(ratatui::widgets::Padding::horizontal(1)))
        .render(r, buf);
}

/// Blanks wide characters cut by the edges of `r`: one starting just left of `r` would hide
/// the overlay's left border (the terminal draws it over both cells), and the second half of one
/// starting at `r`'s right edge would be left over once `Clear` removes its first half.
fn clear_wide_edges(r: Rect, buf: &mut Buffer) {
    let area = buf.area;
    for y in r.top()..r.bottom() {
        if r.x > area.x {
            let c = &mut buf[(r.x - 1, y)];
            if width(c.symbol()) > 1 {
                c.set_symbol(" ");
            }
        }
        if r.right() < area.right() {
            let inside = &buf[(r.right() - 1, y)];
            if width(inside.symbol()) > 1 {
                buf[(r.right(), y)].set_symbol(" ");
            }
        }
    }
}

fn draw_too_small(lang: Lang, area: Rect, buf: &mut Buffer) {
    let msg = s::TOO_SMALL.get(lang);
    let msg = truncate(msg, usize::from(area.width));
    let w = u16::try_from(width(&msg)).unwrap_or(area.width);
    let x = area.x + area.width.saturating_sub(w) / 2;
    let y = area.y + area.height / 2;
    buf.set_string(x, y, msg, Style::new().add_modifier(Modifier::BOLD));
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small((area.width, area.height)) {
            return draw_too_small(self.lang, area, buf);
        }
        let lang = self.lang;
        draw_tabs(self, area, buf);
        let body = body_rect((area.width, area.height));
        if let Some(top) = self.top() {
            top.render(body, buf);
        } else if self.tab == TAB_TODAY {
            (&self.today_view).render(body, buf);
        } else if !self.views.render(self.tab, body, buf) {
            // 统计 and 同步 land with the dashboard and sync issues.
            buf.set_string(body.x + 1, body.y + 1, s::NOT_YET.get(lang), Style::new());
        }
        let hint = match self.top() {
            Some(top) => top.hint(),
            None if self.tab == TAB_TODAY && self.reviews() => rs::HINT_TODAY,
            None if self.tab == TAB_TODAY => s::HINT_TODAY,
            None => Views::hint(self.tab),
        };
        let y = area.bottom() - 1;
        let bar = Style::new().bg(Color::DarkGray).fg(Color::White);
        buf.set_style(Rect::new(area.x, y, area.width, 1), bar);
        match &self.status {
            // A status ("已保存", an error) replaces the hints until the next key.
            Some(msg) => {
                let st = bar.fg(Color::Yellow).add_modifier(Modifier::BOLD);
                let msg = truncate(msg, usize::from(area.width.saturating_sub(1)));
                buf.set_string(area.x + 1, y, msg, st);
            }
            None => {
                let hint = truncate(hint.get(lang), usize::from(area.width.saturating_sub(1)));
                buf.set_string(area.x + 1, y, hint, bar);
            }
        }
        if self.help {
            draw_help(self, body, buf);
        }
        let yellow = Style::new().fg(Color::Yellow);
        match &self.prompt {
            Some(Prompt::Quit) => {
                let lines = vec![Line::from(s::QUIT_UNSAVED.get(lang))];
                draw_box(lines, "", yellow, body, buf);
            }
            Some(Prompt::Draft) => {
                if let Some(d) = self.offered_draft() {
                    let lines = vec![
                        Line::from(format!("{}（{}）", d.title, d.saved_at)),
                        Line::default(),
                        Line::from(s::DRAFT_KEYS.get(lang)),
                    ];
                    draw_box(lines, s::DRAFT_FOUND.get(lang), yellow, body, buf);
                }
            }
            None => {}
        }
    }
}
