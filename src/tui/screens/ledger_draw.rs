//! Drawing a ledger table, without side effects: the filter line, the row count, columns laid
//! out by display width (Chinese aligns) with the ledger's own columns when the window is wide,
//! urgency and risk colours, and the selected line.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::ledger::{Entry, HEADER_LINES, LedgerView};
use super::ledger_strings as ls;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::Urgency;
use crate::domain::mask::mask_phone;
use crate::domain::{ItemStatus, Ledger};
use crate::i18n::Lang;
use crate::store::ledger::LedgerRow;
use crate::tui::strings::{self as s, T};
use crate::tui::text::{cell, truncate};

/// Width from which the phone and the ledger's own columns are shown.
const WIDE: usize = 110;
/// The title column never gets narrower than this; other columns are dropped first.
const MIN_TITLE: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Number,
    Village,
    Reporter,
    Phone,
    Category,
    Title,
    Status,
    Due,
    Nature,
    Beneficiaries,
    Causes,
    Risk,
    People,
}

impl Col {
    fn header(self) -> T {
        match self {
            Col::Number => ls::COL_NUMBER,
            Col::Village => ls::COL_VILLAGE,
            Col::Reporter => ls::COL_REPORTER,
            Col::Phone => ls::COL_PHONE,
            Col::Category => ls::COL_CATEGORY,
            Col::Title => ls::COL_TITLE,
            Col::Status => ls::COL_STATUS,
            Col::Due => ls::COL_DUE,
            Col::Nature => ls::COL_NATURE,
            Col::Beneficiaries => ls::COL_BENEFICIARIES,
            Col::Causes => ls::COL_CAUSES,
            Col::Risk => ls::COL_RISK,
            Col::People => ls::COL_PEOPLE,
        }
    }

    /// Fixed width in columns (the title takes what is left).
    fn width(self, lang: Lang, wide: bool) -> usize {
        let zh = lang == Lang::Zh;
        match self {
            Col::Number => 14,
            Col::Village => {
                if zh {
                    8
                } else {
                    10
                }
            }
            Col::Reporter => {
                if zh {
                    6
                } else {
                    8
                }
            }
            Col::Phone => 11,
            Col::Category => match (zh, wide) {
                (true, false) => 10,
                (true, true) => 14,
                (false, _) => 14,
            },
            Col::Title => 0,
            Col::Status => {
                if zh {
                    6
                } else {
                    11
                }
            }
            // "超期100个工作日" and "100 working days overdue".
            Col::Due => {
                if zh {
                    15
                } else {
                    24
                }
            }
            Col::Nature => {
                if zh {
                    4
                } else {
                    10
                }
            }
            Col::Beneficiaries | Col::People => {
                if zh {
                    8
                } else {
                    10
                }
            }
            Col::Causes => {
                if zh {
                    14
                } else {
                    18
                }
            }
            Col::Risk => 6,
        }
    }
}

/// The columns shown at `width`, each with its width; the title gets the rest.
fn layout(lang: Lang, ledger: Ledger, width: usize) -> Vec<(Col, usize)> {
    let mut cols = vec![Col::Number, Col::Village, Col::Reporter];
    let wide = width >= WIDE;
    if wide {
        cols.push(Col::Phone);
    }
    cols.extend([Col::Category, Col::Title]);
    if wide {
        match ledger {
            Ledger::Livelihood => cols.extend([Col::Nature, Col::Beneficiaries]),
            Ledger::Hardship => cols.push(Col::Causes),
            Ledger::Stability => cols.extend([Col::Risk, Col::People]),
        }
    }
    cols.extend([Col::Status, Col::Due]);
    // Dropped in this order while the title would be too narrow.
    let drop = [
        Col::Phone,
        Col::Beneficiaries,
        Col::People,
        Col::Nature,
        Col::Causes,
        Col::Risk,
        Col::Category,
        Col::Reporter,
        Col::Village,
    ];
    let fixed = |cols: &[Col]| -> usize {
        // The selection marker (2) and one space between columns.
        2 + cols.iter().map(|c| c.width(lang, wide)).sum::<usize>() + cols.len() - 1
    };
    for d in drop {
        if width >= fixed(&cols) + MIN_TITLE {
            break;
        }
        cols.retain(|c| *c != d);
    }
    let title = width.saturating_sub(fixed(&cols)).max(1);
    cols.into_iter()
        .map(|c| {
            let w = if c == Col::Title {
                title
            } else {
                c.width(lang, wide)
            };
            (c, w)
        })
        .collect()
}

fn urgency_style(u: Option<Urgency>) -> Style {
    match u {
        Some(Urgency::Overdue { .. }) => Style::new().fg(Color::Red),
        Some(Urgency::DueSoon { .. }) => Style::new().fg(Color::Yellow),
        Some(Urgency::Closed) => Style::new().fg(Color::DarkGray),
        _ => Style::new(),
    }
}

fn risk_style(code: &str) -> Style {
    match code {
        "red" => Style::new().fg(Color::Red),
        "yellow" => Style::new().fg(Color::Yellow),
        "green" => Style::new().fg(Color::Green),
        _ => Style::new(),
    }
}

/// The text and style of one cell.
fn value(lang: Lang, col: Col, r: &LedgerRow, u: Option<Urgency>) -> (String, Style) {
    let cat = Catalog::builtin();
    let it = &r.item;
    let plain = |s: &str| (s.to_owned(), Style::new());
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    match col {
        Col::Number => plain(&it.number),
        Col::Village => plain(it.village.as_deref().unwrap_or("")),
        Col::Reporter => plain(it.reporter.as_deref().unwrap_or("")),
        Col::Phone => (
            it.reporter_phone
                .as_deref()
                .map(mask_phone)
                .unwrap_or_default(),
            Style::new(),
        ),
        Col::Category => plain(Catalog::label(
            cat.categories(it.ledger),
            &it.category,
            lang,
        )),
        Col::Title => plain(&it.title),
        Col::Status => {
            let style = if it.status == ItemStatus::Closed {
                Style::new().fg(Color::DarkGray)
            } else {
                Style::new()
            };
            (it.status.label(lang).to_owned(), style)
        }
        Col::Due => (
            u.map(|u| u.label(lang)).unwrap_or_default(),
            urgency_style(u),
        ),
        Col::Nature => plain(
            r.nature
                .as_deref()
                .map_or("", |n| Catalog::label(&cat.livelihood.natures, n, lang)),
        ),
        Col::Beneficiaries => plain(&num(r.beneficiaries)),
        Col::Causes => {
            let labels: Vec<&str> = r
                .causes
                .iter()
                .map(|c| Catalog::label(&cat.hardship.causes, c, lang))
                .collect();
            plain(&labels.join(lang.pick("、", ", ")))
        }
        Col::Risk => match r.risk_level.as_deref() {
            Some(code) => (
                Catalog::label(&cat.stability.risk_levels, code, lang).to_owned(),
                risk_style(code),
            ),
            None => plain(""),
        },
        Col::People => plain(&num(r.people_involved)),
    }
}

impl LedgerView {
    /// Where the terminal cursor goes (the caret of the search field), when it is open.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        self.search
            .cursor(Rect::new(area.x, area.y + 1, area.width, 1))
    }

    /// The filter line: every filter with its value, active ones highlighted.
    fn filter_line(&self, width: usize) -> Line<'static> {
        let lang = self.lang;
        let cat = Catalog::builtin();
        let f = &self.filter;
        let any = ls::ANY.get(lang).to_owned();
        let village = self.village_name.clone();
        let category = f
            .category
            .as_deref()
            .map(|c| Catalog::label(cat.categories(self.ledger), c, lang).to_owned());
        let status = f.status.map(|st| st.label(lang).to_owned());
        let level = f
            .level
            .map(|l| Catalog::label(&cat.levels, l.code(), lang).to_owned());
        let parts: [(T, Option<String>); 4] = [
            (ls::F_VILLAGE, village),
            (ls::F_CATEGORY, category),
            (ls::F_STATUS, status),
            (ls::F_LEVEL, level),
        ];
        let on = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let off = Style::new().fg(Color::DarkGray);
        let head = format!("{}{}", ls::FILTER.get(lang), lang.pick("：", ": "));
        let mut used = crate::tui::text::width(&head);
        let mut spans = vec![Span::styled(
            head,
            Style::new().add_modifier(Modifier::BOLD),
        )];
        let mut push = |text: String, style: Style, spans: &mut Vec<Span<'static>>| {
            let room = width.saturating_sub(used);
            let t = truncate(&text, room);
            used += crate::tui::text::width(&t);
            spans.push(Span::styled(t, style));
        };
        for (k, (name, val)) in parts.into_iter().enumerate() {
            if k > 0 {
                push("  ".to_owned(), Style::new(), &mut spans);
            }
            let (text, style) = match val {
                Some(v) => (format!("{} {v}", name.get(lang)), on),
                None => (format!("{} {any}", name.get(lang)), off),
            };
            push(text, style, &mut spans);
        }
        if let Some(name) = &self.cadre_name {
            push("  ".to_owned(), Style::new(), &mut spans);
            push(format!("{} {name}", ls::F_CADRE.get(lang)), on, &mut spans);
        }
        if f.overdue_on.is_some() {
            push("  ".to_owned(), Style::new(), &mut spans);
            push(
                ls::F_OVERDUE.get(lang).to_owned(),
                on.fg(Color::Red),
                &mut spans,
            );
        }
        Line::from(spans)
    }

    fn count_line(&self) -> String {
        if self.rows.is_empty() {
            return ls::NO_ROWS.get(self.lang).to_owned();
        }
        ls::rows_shown(self.lang, 1, self.rows.len(), self.more)
    }

    fn header_line(&self, cols: &[(Col, usize)]) -> Line<'static> {
        let mut spans = vec![Span::raw("  ")];
        for (k, (c, w)) in cols.iter().enumerate() {
            if k > 0 {
                spans.push(Span::raw(" "));
            }
            spans.push(Span::raw(cell(c.header().get(self.lang), *w)));
        }
        Line::from(spans).style(Style::new().add_modifier(Modifier::BOLD))
    }

    fn row_line(&self, cols: &[(Col, usize)], e: Entry, sel: bool) -> Line<'static> {
        let marker = if sel { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(marker)];
        match e {
            Entry::More => spans.push(Span::styled(
                s::MORE.get(self.lang),
                Style::new().fg(Color::DarkGray),
            )),
            Entry::Row(i) => {
                if let Some((r, u)) = self.rows.get(i) {
                    for (k, (c, w)) in cols.iter().enumerate() {
                        if k > 0 {
                            spans.push(Span::raw(" "));
                        }
                        let (text, style) = value(self.lang, *c, r, *u);
                        spans.push(Span::styled(cell(&text, *w), style));
                    }
                }
            }
        }
        let line = Line::from(spans);
        if sel {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        }
    }
}

impl Widget for &LedgerView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        if let Some(msg) = &self.error {
            let text = format!("{}{msg}", s::LOAD_FAILED.get(lang));
            let p = Paragraph::new(text).style(Style::new().fg(Color::Red));
            return p.wrap(Wrap { trim: true }).render(area, buf);
        }
        let width = usize::from(area.width);
        let line_at = |k: u16| Rect::new(area.x, area.y + k, area.width, 1);
        if area.height == 0 {
            return;
        }
        self.filter_line(width).render(line_at(0), buf);
        if area.height > 1 {
            let y = area.y + 1;
            let mut x = area.x;
            if self.search.is_active() {
                x += self.search.draw(Rect::new(area.x, y, area.width, 1), buf);
            }
            let room = usize::from(area.right().saturating_sub(x));
            let count = truncate(&self.count_line(), room);
            buf.set_string(x, y, count, Style::new().fg(Color::DarkGray));
        }
        let cols = layout(lang, self.ledger, width);
        if area.height > 2 {
            self.header_line(&cols).render(line_at(2), buf);
        }
        let list_h = usize::from(area.height.saturating_sub(HEADER_LINES));
        let entries = self.entries();
        // Pure: the scroll offset was set by `update`; only clamped here so a stale one
        // can never hide the selection.
        let mut scroll = self.scroll.min(self.selected);
        if self.selected >= scroll + list_h {
            scroll = self.selected + 1 - list_h.max(1);
        }
        for (k, e) in entries.iter().skip(scroll).take(list_h).enumerate() {
            let sel = scroll + k == self.selected;
            let y = HEADER_LINES + k as u16;
            self.row_line(&cols, *e, sel).render(line_at(y), buf);
        }
    }
}
