//! Drawing the 今日 screen, without side effects: columns laid out by display width so Chinese
//! aligns, urgency colours, the selected line, and the header counts wrapped between parts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::today::{Entry, HEADER_LINES, Section, TodayData, TodayState, TodayView};
use crate::domain::catalog::Catalog;
use crate::domain::mask::mask_phone;
use crate::i18n::Lang;
use crate::store::query::ItemRow;
use crate::store::today::NotVisited;
use crate::tui::strings::{self as s, T};
use crate::tui::text::{self, cell, truncate};

/// Column widths of one list line at a given screen width.
struct Cols {
    label: usize,
    number: usize,
    title: usize,
    village: usize,
    person: usize,
    phone: usize,
}

impl Cols {
    fn new(lang: Lang, width: usize) -> Cols {
        // Wide enough for "超期100个工作日" and "100 working days overdue".
        let label = match lang {
            Lang::Zh => 16,
            Lang::En => 25,
        };
        let phone = if width >= 110 { 12 } else { 0 };
        let (village, person, number) = (10, 8, 14);
        // Marker (2) and one space between each of the columns.
        let fixed = 2 + label + number + village + person + phone + 5;
        Cols {
            label,
            number,
            title: width.saturating_sub(fixed).max(6),
            village,
            person,
            phone,
        }
    }
}

fn item_line(c: &Cols, label: &str, label_style: Style, it: &ItemRow) -> Vec<Span<'static>> {
    let mut v = vec![
        Span::styled(cell(label, c.label), label_style),
        Span::raw(" "),
        Span::raw(cell(&it.number, c.number)),
        Span::raw(" "),
        Span::raw(cell(&it.title, c.title)),
        Span::raw(" "),
        Span::raw(cell(it.village.as_deref().unwrap_or(""), c.village)),
        Span::raw(" "),
        Span::raw(cell(it.reporter.as_deref().unwrap_or(""), c.person)),
    ];
    if c.phone > 0 {
        let phone = it.reporter_phone.as_deref().map(mask_phone);
        v.push(Span::raw(" "));
        v.push(Span::raw(cell(phone.as_deref().unwrap_or(""), c.phone)));
    }
    v
}

fn household_line(lang: Lang, c: &Cols, nv: &NotVisited, width: usize) -> Vec<Span<'static>> {
    let h = &nv.household;
    let place = match &h.group {
        Some(g) => format!("{} {g}", h.village),
        None => h.village.clone(),
    };
    let (last, style) = match nv.last_visit {
        None => (
            s::NEVER_VISITED.get(lang).to_owned(),
            Style::new().fg(Color::Red),
        ),
        Some(d) => (format!("{}{d}", s::LAST_VISIT.get(lang)), Style::new()),
    };
    let phone = h.phone.as_deref().map(mask_phone).unwrap_or_default();
    let fixed = c.person + 18 + 12 + 22 + 3;
    let cat = Catalog::builtin();
    let tags: Vec<&str> = h
        .tags
        .iter()
        .map(|t| Catalog::label(&cat.household_tags, t, lang))
        .collect();
    let sep = lang.pick("、", ", ");
    let tags = truncate(&tags.join(sep), width.saturating_sub(fixed + 2));
    vec![
        Span::raw(cell(&h.head_name, c.person)),
        Span::raw(" "),
        Span::raw(cell(&place, 18)),
        Span::raw(" "),
        Span::raw(cell(&phone, 12)),
        Span::raw(" "),
        Span::styled(cell(&last, 22), style),
        Span::raw(" "),
        Span::styled(tags, Style::new().fg(Color::DarkGray)),
    ]
}

impl TodayView {
    fn line(&self, d: &TodayData, e: Entry, width: usize, sel: bool) -> Line<'static> {
        let lang = self.lang;
        let c = Cols::new(lang, width);
        let spans = match e {
            Entry::Title(sec) => {
                let (t, n, more): (T, usize, bool) = match sec {
                    Section::Urgent => (s::SEC_URGENT, d.urgent.len(), d.urgent_more),
                    Section::Awaiting => (s::SEC_AWAITING, d.awaiting.rows.len(), d.awaiting.more),
                    Section::NotVisited => {
                        let n = d.not_visited.rows.len();
                        (s::SEC_NOT_VISITED, n, d.not_visited.more)
                    }
                };
                let bold = Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan);
                return Line::from(Span::styled(s::section(lang, t, n, more), bold));
            }
            Entry::Blank => return Line::default(),
            Entry::Empty => vec![Span::styled(
                s::NONE.get(lang),
                Style::new().fg(Color::DarkGray),
            )],
            Entry::More(_) => vec![Span::styled(
                s::MORE.get(lang),
                Style::new().fg(Color::DarkGray),
            )],
            Entry::Urgent(i) => match d.urgent.get(i) {
                Some((u, urg)) => {
                    let color = if urg.is_overdue() {
                        Color::Red
                    } else {
                        Color::Yellow
                    };
                    item_line(&c, &urg.label(lang), Style::new().fg(color), &u.item)
                }
                None => Vec::new(),
            },
            Entry::Awaiting(i) => match d.awaiting.rows.get(i) {
                Some(it) => item_line(&c, s::REPLIED.get(lang), Style::new().fg(Color::Green), it),
                None => Vec::new(),
            },
            Entry::NotVisited(i) => match d.not_visited.rows.get(i) {
                Some(nv) => household_line(lang, &c, nv, width.saturating_sub(2)),
                None => Vec::new(),
            },
        };
        let marker = if sel { "▶ " } else { "  " };
        let mut all = vec![Span::raw(marker)];
        all.extend(spans);
        let line = Line::from(all);
        if sel {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        }
    }
}

/// `parts` joined with " · " into lines of at most `width` columns, breaking only between parts.
fn wrap_parts(parts: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for p in parts {
        match lines.last_mut() {
            Some(l) if text::width(l) + 3 + text::width(p) <= width => {
                l.push_str(" · ");
                l.push_str(p);
            }
            _ => lines.push(p.clone()),
        }
    }
    lines
}

impl Widget for &TodayView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let d = match &self.state {
            TodayState::Loaded(d) => d,
            TodayState::NoIdentity => {
                let p = Paragraph::new(s::NO_IDENTITY.get(lang)).wrap(Wrap { trim: true });
                return p.render(area, buf);
            }
            TodayState::Failed(msg) => {
                let text = format!("{}{msg}", s::LOAD_FAILED.get(lang));
                let p = Paragraph::new(text).style(Style::new().fg(Color::Red));
                return p.wrap(Wrap { trim: true }).render(area, buf);
            }
        };
        let width = usize::from(area.width);
        let mut who = s::whoami(&d.me.name, self.today);
        if let Some(t) = &d.last_exchange {
            let t: String = t.replace('T', " ").chars().take(16).collect();
            who.push_str(&format!(" · {}{t}", s::LAST_EXCHANGE.get(lang)));
        }
        let who = truncate(&who, width);
        buf.set_string(
            area.x,
            area.y,
            who,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let counts_style = Style::new().fg(Color::White);
        let mut parts = s::counts_parts(lang, &d.counts);
        if let Some(n) = d.to_review {
            parts.insert(0, super::review_strings::today_part(lang, n));
        }
        for (k, text) in wrap_parts(&parts, width)
            .into_iter()
            .take(usize::from(HEADER_LINES.min(area.height)).saturating_sub(1))
            .enumerate()
        {
            let y = area.y + 1 + k as u16;
            buf.set_string(area.x, y, truncate(&text, width), counts_style);
        }
        let list_h = area.height.saturating_sub(HEADER_LINES);
        let entries = self.entries();
        // Pure: the scroll offset was set by `update`; only clamped here so a stale one
        // can never hide the selection.
        let mut scroll = self.scroll.min(self.selected);
        if self.selected >= scroll + usize::from(list_h) {
            scroll = self.selected + 1 - usize::from(list_h.max(1));
        }
        for (k, e) in entries
            .iter()
            .skip(scroll)
            .take(usize::from(list_h))
            .enumerate()
        {
            let y = area.y + HEADER_LINES + k as u16;
            let row = Rect::new(area.x, y, area.width, 1);
            let sel = scroll + k == self.selected && e.selectable();
            self.line(d, *e, width, sel).render(row, buf);
        }
    }
}
