//! The columns of the review lists: which are shown at a given width (full dates, the return
//! visit's recorder and wider names only when the window is wide), their widths in display
//! columns so Chinese aligns, and the cells of one queue or audit row.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use super::review_strings as rs;
use crate::domain::Satisfaction;
use crate::domain::catalog::Catalog;
use crate::i18n::Lang;
use crate::store::review::{OverrideRow, ReviewRow};
use crate::tui::strings::T;
use crate::tui::text::cell;

/// Width from which full dates and who recorded the return visit are shown.
const WIDE: usize = 110;
/// The flexible columns never get narrower than this.
const MIN_FLEX: usize = 8;

/// "满意" etc. from the catalog.
pub(super) fn satisfaction(lang: Lang, s: Satisfaction) -> &'static str {
    Catalog::label(&Catalog::builtin().satisfaction, s.code(), lang)
}

fn day(d: NaiveDate, wide: bool) -> String {
    if wide {
        d.to_string()
    } else {
        d.format("%m-%d").to_string()
    }
}

pub(super) fn minute(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The cells of one row: text, width, style; the widths add up to the line's width.
type Cells = Vec<(String, usize, Style)>;

pub(super) fn line_of(cells: Cells, selected: bool) -> Line<'static> {
    let marker = if selected { "▶ " } else { "  " };
    let mut spans = vec![Span::raw(marker)];
    for (k, (text, w, st)) in cells.into_iter().enumerate() {
        if k > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(cell(&text, w), st));
    }
    let line = Line::from(spans);
    if selected {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else {
        line
    }
}

/// Fixed column widths of the queue at `width` (the title takes the rest).
pub(super) struct QueueCols {
    number: usize,
    title: usize,
    village: usize,
    person: usize,
    answered: usize,
    waiting: usize,
    visit: usize,
    wide: bool,
}

impl QueueCols {
    pub(super) fn new(lang: Lang, width: usize) -> QueueCols {
        let wide = width >= WIDE;
        let zh = lang == Lang::Zh;
        let (village, person) = match (zh, wide) {
            (true, false) => (8, 6),
            (true, true) => (10, 8),
            (false, _) => (10, 10),
        };
        let answered = if wide { 10 } else { 5 };
        let waiting = if zh { 5 } else { 6 };
        // "基本满意 03-04" (+ " 张敏" when wide); English "Basically 03-04".
        let visit = match (zh, wide) {
            (true, false) => 14,
            (true, true) => 26,
            (false, false) => 15,
            (false, true) => 28,
        };
        let number = 14;
        let fixed = 2 + number + village + person + answered + waiting + visit + 6;
        QueueCols {
            number,
            title: width.saturating_sub(fixed).max(MIN_FLEX),
            village,
            person,
            answered,
            waiting,
            visit,
            wide,
        }
    }

    pub(super) fn heads(&self) -> Vec<(T, usize)> {
        vec![
            (rs::COL_NUMBER, self.number),
            (rs::COL_TITLE, self.title),
            (rs::COL_VILLAGE, self.village),
            (rs::COL_RESPONSIBLE, self.person),
            (rs::COL_ANSWERED, self.answered),
            (rs::COL_WAITING, self.waiting),
            (rs::COL_RETURN_VISIT, self.visit),
        ]
    }

    pub(super) fn row(&self, lang: Lang, r: &ReviewRow) -> Cells {
        let plain = Style::new();
        let (visit, vstyle) = match &r.return_visit {
            Some(v) => {
                let mut t = format!(
                    "{} {}",
                    satisfaction(lang, v.satisfaction),
                    v.at.format("%m-%d")
                );
                if self.wide {
                    t.push(' ');
                    t.push_str(&v.by);
                }
                (t, Style::new().fg(Color::Green))
            }
            None => (
                rs::NOT_VISITED.get(lang).to_owned(),
                Style::new().fg(Color::Yellow),
            ),
        };
        let it = &r.item;
        vec![
            (it.number.clone(), self.number, plain),
            (it.title.clone(), self.title, plain),
            (it.village.clone().unwrap_or_default(), self.village, plain),
            (
                it.responsible.clone().unwrap_or_default(),
                self.person,
                plain,
            ),
            (
                r.answered_on.map(|d| day(d, self.wide)).unwrap_or_default(),
                self.answered,
                plain,
            ),
            (rs::days(lang, r.days_waiting), self.waiting, plain),
            (visit, self.visit, vstyle),
        ]
    }
}

/// Column widths of the audit list at `width` (title and reason share the rest).
pub(super) struct AuditCols {
    number: usize,
    title: usize,
    village: usize,
    closed: usize,
    by: usize,
    reason: usize,
    wide: bool,
}

impl AuditCols {
    pub(super) fn new(lang: Lang, width: usize) -> AuditCols {
        let wide = width >= WIDE;
        let zh = lang == Lang::Zh;
        let village = if zh { 8 } else { 10 };
        let by = if zh { 12 } else { 14 };
        let closed = if wide { 16 } else { 10 };
        let number = 14;
        let fixed = 2 + number + village + closed + by + 5;
        let rest = width.saturating_sub(fixed);
        let title = (rest * 2 / 5).max(MIN_FLEX);
        AuditCols {
            number,
            title,
            village,
            closed,
            by,
            reason: rest.saturating_sub(title).max(MIN_FLEX),
            wide,
        }
    }

    pub(super) fn heads(&self) -> Vec<(T, usize)> {
        vec![
            (rs::COL_NUMBER, self.number),
            (rs::COL_TITLE, self.title),
            (rs::COL_VILLAGE, self.village),
            (rs::COL_CLOSED, self.closed),
            (rs::COL_CLOSED_BY, self.by),
            (rs::COL_REASON, self.reason),
        ]
    }

    pub(super) fn row(&self, r: &OverrideRow) -> Cells {
        let plain = Style::new();
        let it = &r.item;
        let closed = if self.wide {
            minute(r.closed_at)
        } else {
            r.closed_at.date().to_string()
        };
        vec![
            (it.number.clone(), self.number, plain),
            (it.title.clone(), self.title, plain),
            (it.village.clone().unwrap_or_default(), self.village, plain),
            (closed, self.closed, plain),
            (r.closed_by.clone(), self.by, plain),
            (
                r.reason.clone(),
                self.reason,
                Style::new().fg(Color::Yellow),
            ),
        ]
    }
}

pub(super) fn heads_line(lang: Lang, heads: Vec<(T, usize)>) -> Line<'static> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let cells = heads
        .into_iter()
        .map(|(t, w)| (t.get(lang).to_owned(), w, bold))
        .collect();
    line_of(cells, false)
}
