//! The village and cadre tables of tab 7 统计: the columns that fit the width (names left,
//! figures right-aligned in display columns, overdue in red), the selected line, and how a
//! rate or a median is written.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::dashboard::{DashboardView, Pane};
use super::dashboard_strings as ds;
use crate::i18n::Lang;
use crate::store::dashboard::{Dashboard, Figures};
use crate::tui::strings as s;
use crate::tui::text::{cell, truncate, width};

/// A percentage with one decimal, or "—" when there is nothing to divide by.
pub fn pct(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// Median days with at most one decimal ("4", "4.5"), or "—".
pub fn days(m: Option<f64>) -> String {
    match m {
        Some(m) if m.fract() == 0.0 => format!("{m:.0}"),
        Some(m) => format!("{m:.1}"),
        None => "—".to_owned(),
    }
}

/// `s` right-aligned in `cols` columns.
pub fn rcell(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    format!("{}{t}", " ".repeat(cols.saturating_sub(width(&t))))
}

/// The columns of the village and cadre tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Households,
    Visited,
    Rate,
    HouseholdVisits,
    Opened,
    Open,
    Overdue,
    Closed,
    Closure,
    Median,
    Satisfaction,
}

impl Col {
    const NUMBERS: [Col; 11] = [
        Col::Households,
        Col::Visited,
        Col::Rate,
        Col::HouseholdVisits,
        Col::Opened,
        Col::Open,
        Col::Overdue,
        Col::Closed,
        Col::Closure,
        Col::Median,
        Col::Satisfaction,
    ];

    fn header(self, cadres: bool) -> s::T {
        match self {
            Col::Name if cadres => ds::COL_NAME_CADRE,
            Col::Name => ds::COL_NAME_VILLAGE,
            Col::Households => ds::COL_HOUSEHOLDS,
            Col::Visited => ds::COL_VISITED,
            Col::Rate => ds::COL_VISITED_RATE,
            Col::HouseholdVisits => ds::COL_HOUSEHOLD_VISITS,
            Col::Opened => ds::COL_OPENED,
            Col::Open => ds::COL_OPEN,
            Col::Overdue => ds::COL_OVERDUE,
            Col::Closed => ds::COL_CLOSED,
            Col::Closure => ds::COL_CLOSURE,
            Col::Median => ds::COL_MEDIAN,
            Col::Satisfaction => ds::COL_SATISFACTION,
        }
    }

    fn width(self) -> usize {
        match self {
            Col::Name => 0,
            Col::Rate | Col::Closure | Col::Satisfaction => 6,
            Col::Households | Col::Visited | Col::HouseholdVisits => 6,
            Col::Median => 4,
            Col::Closed => 6,
            _ => 5,
        }
    }

    fn value(self, f: &Figures) -> String {
        match self {
            Col::Name => String::new(),
            Col::Households => f.households.to_string(),
            Col::Visited => f.visited.to_string(),
            Col::Rate => pct(f.visited_rate()),
            Col::HouseholdVisits => f.household_visits.to_string(),
            Col::Opened => f.opened.to_string(),
            Col::Open => f.open_now.to_string(),
            Col::Overdue => f.overdue_now.to_string(),
            Col::Closed => f.closed.to_string(),
            Col::Closure => pct(f.closure_rate()),
            Col::Median => days(f.median_days),
            Col::Satisfaction => pct(f.satisfaction_rate()),
        }
    }
}

/// The columns that fit `width` (the name gets what is left, at least 8), with widths.
fn columns(width: usize) -> Vec<(Col, usize)> {
    let mut cols: Vec<Col> = Col::NUMBERS.to_vec();
    let fixed = |cols: &[Col]| 2 + cols.iter().map(|c| c.width() + 1).sum::<usize>();
    for d in [Col::HouseholdVisits, Col::Visited, Col::Closed, Col::Median] {
        if width >= fixed(&cols) + 8 {
            break;
        }
        cols.retain(|c| *c != d);
    }
    let name = width.saturating_sub(fixed(&cols)).clamp(1, 24);
    std::iter::once((Col::Name, name))
        .chain(cols.into_iter().map(|c| (c, c.width())))
        .collect()
}

/// One table line from its cells: the name left-aligned, figures right-aligned.
fn table_line(
    cols: &[(Col, usize)],
    name: &str,
    f: Option<&Figures>,
    cadres: bool,
    lang: Lang,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (c, w) in cols {
        let text = match (c, f) {
            (Col::Name, None) => cell(c.header(cadres).get(lang), *w),
            (Col::Name, Some(_)) => cell(name, *w),
            (_, None) => rcell(c.header(cadres).get(lang), *w),
            (_, Some(f)) => rcell(&c.value(f), *w),
        };
        let style = match (c, f) {
            (Col::Overdue, Some(f)) if f.overdue_now > 0 => Style::new().fg(Color::Red),
            _ => Style::new(),
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    spans
}

impl DashboardView {
    /// The village (`cadres` false) or cadre table in `r`.
    pub(super) fn draw_table(&self, d: &Dashboard, cadres: bool, r: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let cols = columns(usize::from(r.width));
        let head = table_line(&cols, "", None, cadres, lang);
        let mut spans = vec![Span::raw("  ")];
        spans.extend(head);
        Line::from(spans)
            .style(Style::new().add_modifier(Modifier::BOLD))
            .render(Rect::new(r.x, r.y, r.width, 1), buf);
        let list = if cadres { 1 } else { 0 };
        let focused = self.pane == if cadres { Pane::Cadres } else { Pane::Villages };
        let rows_h = usize::from(r.height.saturating_sub(1));
        let n = self.len(list);
        if n == 0 {
            let none = if cadres { ds::NOTHING } else { ds::NO_VILLAGES };
            buf.set_stringn(
                r.x + 2,
                r.y + 1,
                none.get(lang),
                usize::from(r.width),
                Style::new().fg(Color::DarkGray),
            );
            return;
        }
        let sel = self.selected[list];
        let scroll = crate::tui::widgets::scroll_to_show(self.scroll[list].min(sel), sel, rows_h);
        for (k, &i) in self.order[list]
            .iter()
            .skip(scroll)
            .take(rows_h)
            .enumerate()
        {
            let (name, f) = if cadres {
                let Some(c) = d.cadres.get(i) else { continue };
                let name = match (&c.name, c.id) {
                    (Some(n), _) if self.many_townships => {
                        format!("{}·{n}", c.township.as_deref().unwrap_or(""))
                    }
                    (Some(n), _) => n.clone(),
                    (None, None) => ds::UNASSIGNED.get(lang).to_owned(),
                    (None, Some(_)) => ds::UNKNOWN_CADRE.get(lang).to_owned(),
                };
                (name, &c.figures)
            } else {
                let Some(v) = d.villages.get(i) else { continue };
                let name = match &v.township {
                    Some(t) if self.many_townships => format!("{t}·{}", v.name),
                    _ => v.name.clone(),
                };
                (name, &v.figures)
            };
            let is_sel = scroll + k == sel;
            let marker = if is_sel && focused { "▶ " } else { "  " };
            let mut spans = vec![Span::raw(marker)];
            spans.extend(table_line(&cols, &name, Some(f), cadres, lang));
            let mut line = Line::from(spans);
            if is_sel && focused {
                line = line.style(Style::new().add_modifier(Modifier::REVERSED));
            }
            line.render(Rect::new(r.x, r.y + 1 + k as u16, r.width, 1), buf);
        }
    }
}
