//! Drawing the 民情日志 list, without side effects, plus the list-drawing helpers the 农户
//! list shares: a title/count line, column headings, rows laid out by display width.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::diary::{DiaryView, HEADER_LINES, PagedList};
use super::lists_strings as ls;
use crate::domain::catalog::Catalog;
use crate::i18n::Lang;
use crate::store::query::VisitRow;
use crate::tui::strings as s;
use crate::tui::text::{cell, truncate};
use crate::tui::widgets::search::SearchBox;

/// "11-20" for a day of `today`'s year, "2025-11-20" otherwise.
pub fn short_date(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%m-%d").to_string()
    } else {
        d.to_string()
    }
}

/// The first non-empty line of `s`, trimmed.
fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The fixed parts of a list screen.
pub(super) struct Frame<'a> {
    pub lang: Lang,
    /// Shown before the count ("民情日志", "农户 · 东山村").
    pub title: &'a str,
    /// Column headings, without the 2-column selection marker.
    pub headings: Vec<Span<'static>>,
    /// Shown when the list has no line.
    pub empty: &'a str,
    /// The list's `/` search, drawn before the count while active.
    pub search: &'a SearchBox,
}

/// Draws a paged list: the count line, the headings, then the rows from `row_spans` (each
/// without the 2-column selection marker), the "more" line, or the empty note / the error.
pub(super) fn draw_list<R>(
    f: Frame<'_>,
    list: &PagedList<R>,
    area: Rect,
    buf: &mut Buffer,
    row_spans: impl Fn(&R) -> Vec<Span<'static>>,
) {
    let Frame {
        lang,
        title,
        headings,
        empty,
        search,
    } = f;
    if let Some(msg) = &list.error {
        let text = format!("{}{msg}", s::LOAD_FAILED.get(lang));
        let p = Paragraph::new(text).style(Style::new().fg(Color::Red));
        return p.wrap(Wrap { trim: true }).render(area, buf);
    }
    let width = usize::from(area.width);
    let list_h = usize::from(area.height.saturating_sub(HEADER_LINES));
    let scroll = list.scroll_for(list_h);
    let shown = list.rows.len().saturating_sub(scroll).min(list_h);
    let (first, last) = if shown == 0 {
        (0, 0)
    } else {
        (scroll + 1, scroll + shown)
    };
    let count = ls::count_line(lang, title, first, last, list.rows.len(), list.more);
    let bold = Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan);
    let mut x = area.x;
    if search.is_active() {
        x += search.draw(Rect::new(area.x, area.y, area.width, 1), buf);
    }
    let room = usize::from(area.right().saturating_sub(x));
    buf.set_string(x, area.y, truncate(&count, room.min(width)), bold);
    if area.height < 2 {
        return;
    }
    let mut head = vec![Span::raw("  ")];
    head.extend(headings);
    Line::from(head)
        .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED))
        .render(Rect::new(area.x, area.y + 1, area.width, 1), buf);
    let dim = Style::new().fg(Color::DarkGray);
    if list.is_empty() && list_h > 0 {
        let row = Rect::new(area.x, area.y + HEADER_LINES, area.width, 1);
        Line::from(Span::styled(format!("  {empty}"), dim)).render(row, buf);
        return;
    }
    for (k, i) in (scroll..list.len()).take(list_h).enumerate() {
        let sel = i == list.selected;
        let mut spans = vec![Span::raw(if sel { "▶ " } else { "  " })];
        match list.rows.get(i) {
            Some(r) => spans.extend(row_spans(r)),
            None => spans.push(Span::styled(s::MORE.get(lang), dim)),
        }
        let mut line = Line::from(spans);
        if sel {
            line = line.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        let y = area.y + HEADER_LINES + k as u16;
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// Column widths of the diary at a given width (marker excluded).
struct Cols {
    date: usize,
    kind: usize,
    who: usize,
    heard: usize,
}

impl Cols {
    fn new(lang: Lang, width: usize, all_this_year: bool) -> Cols {
        let date = if all_this_year { 5 } else { 10 };
        let kind = match lang {
            Lang::Zh => 10,
            Lang::En => 17,
        };
        let who = if width >= 110 { 20 } else { 14 };
        // Marker (2) and one space after each of the first three columns.
        let fixed = 2 + date + kind + who + 3;
        Cols {
            date,
            kind,
            who,
            heard: width.saturating_sub(fixed).max(4),
        }
    }
}

impl Widget for &DiaryView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let today = self.today;
        let all_this_year = self.list.rows.iter().all(|r| r.date.year() == today.year());
        let c = Cols::new(lang, usize::from(area.width), all_this_year);
        let headings = vec![
            Span::raw(cell(ls::COL_DATE.get(lang), c.date)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_KIND.get(lang), c.kind)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_WHO.get(lang), c.who)),
            Span::raw(" "),
            Span::raw(cell(ls::COL_HEARD.get(lang), c.heard)),
        ];
        let cat = Catalog::builtin();
        let row = |v: &VisitRow| {
            let who = v.household.as_deref().or(v.place.as_deref()).unwrap_or("");
            vec![
                Span::raw(cell(&short_date(v.date, today), c.date)),
                Span::raw(" "),
                Span::styled(
                    cell(Catalog::label(&cat.visit_kinds, &v.kind, lang), c.kind),
                    Style::new().fg(Color::Green),
                ),
                Span::raw(" "),
                Span::raw(cell(who, c.who)),
                Span::raw(" "),
                Span::raw(truncate(first_line(&v.heard), c.heard)),
            ]
        };
        let title = ls::DIARY_TITLE.get(lang);
        let empty = ls::NO_VISITS.get(lang);
        let f = Frame {
            lang,
            title,
            headings,
            empty,
            search: &self.search,
        };
        draw_list(f, &self.list, area, buf, row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_this_year_are_short() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let today = d(2026, 11, 24);
        assert_eq!(short_date(d(2026, 1, 5), today), "01-05");
        assert_eq!(short_date(d(2025, 12, 31), today), "2025-12-31");
        assert_eq!(first_line("\n  第一行 \n第二行"), "第一行");
    }
}
