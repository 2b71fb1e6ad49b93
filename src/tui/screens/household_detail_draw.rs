//! Drawing the household detail, without side effects: the household's fields at the top
//! (phone masked until revealed, conflicted fields marked ⚠), then members, visits and items
//! scrolled so the selection stays in view. Columns are measured in display width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Widget};

use super::household_detail::{HouseholdDetail, Row, Section};
use super::household_members_draw::{CONFLICT_MARK, Cols};
use super::household_strings as hs;
use super::households_draw::tag_labels;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::Urgency;
use crate::domain::mask::{mask_id_number, mask_phone};
use crate::i18n::Lang;
use crate::tui::strings as s;
use crate::tui::text::{cell, truncate, width};

/// Spans cut to `max` columns in total (the last one that does not fit ends in "…").
fn fit(spans: Vec<(String, Style)>, max: usize) -> Line<'static> {
    let mut used = 0;
    let mut out = Vec::new();
    for (text, st) in spans {
        let room = max.saturating_sub(used);
        if room == 0 {
            break;
        }
        let t = truncate(&text, room);
        used += width(&t);
        out.push(Span::styled(t, st));
    }
    Line::from(out)
}

/// The first non-empty line of `s`, trimmed.
pub(super) fn first_line(s: &str) -> &str {
    s.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

impl HouseholdDetail {
    pub(super) fn shown_phone(&self, p: Option<&str>) -> String {
        match p {
            None => String::new(),
            Some(p) if self.revealed => p.to_owned(),
            Some(p) => mask_phone(p),
        }
    }

    pub(super) fn shown_id(&self, p: Option<&str>) -> String {
        match p {
            None => String::new(),
            Some(p) if self.revealed => p.to_owned(),
            Some(p) => mask_id_number(p),
        }
    }

    /// A field label, marked when the field is in conflict.
    fn label(&self, t: s::T, fields: &[&str]) -> (String, Style) {
        let conflicted = fields.iter().any(|f| self.conflicts.iter().any(|c| c == f));
        if conflicted {
            (
                format!("{}{CONFLICT_MARK} ", t.get(self.lang)),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            )
        } else {
            (
                format!("{} ", t.get(self.lang)),
                Style::new().fg(Color::DarkGray),
            )
        }
    }

    /// The fixed lines above the sections, each cut to `w` columns.
    pub fn head_lines(&self, w: u16) -> Vec<Line<'static>> {
        let lang = self.lang;
        let w = usize::from(w);
        let h = &self.household;
        let plain = Style::new();
        let gap = || ("   ".to_owned(), Style::new());
        let or_dash = |s: &str| {
            if s.is_empty() {
                "—".to_owned()
            } else {
                s.to_owned()
            }
        };
        let place = match &self.group {
            Some(g) => format!("{} {g}", self.village),
            None => self.village.clone(),
        };
        let mut lines = vec![
            fit(
                vec![
                    self.label(hs::L_HEAD, &["head_name"]),
                    (h.head_name.clone(), plain.add_modifier(Modifier::BOLD)),
                    gap(),
                    self.label(hs::L_PLACE, &["village_id", "group_id"]),
                    (or_dash(&place), plain),
                    gap(),
                    self.label(hs::L_CADRE, &["cadre_id"]),
                    (or_dash(self.cadre.as_deref().unwrap_or("")), plain),
                ],
                w,
            ),
            fit(
                vec![
                    self.label(hs::L_PHONE, &["phone"]),
                    (or_dash(&self.shown_phone(h.phone.as_deref())), plain),
                    gap(),
                    self.label(hs::L_ADDRESS, &["address"]),
                    (or_dash(h.address.as_deref().unwrap_or("")), plain),
                ],
                w,
            ),
            fit(
                vec![
                    self.label(hs::L_TAGS, &["tags"]),
                    (
                        or_dash(&tag_labels(lang, &h.tags)),
                        Style::new().fg(Color::Yellow),
                    ),
                ],
                w,
            ),
        ];
        if let Some(n) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let note = n.split_whitespace().collect::<Vec<_>>().join(" ");
            lines.push(fit(
                vec![self.label(hs::L_NOTE, &["note"]), (note, plain)],
                w,
            ));
        }
        let n = self.conflict_count();
        if n > 0 {
            let mut text = format!("{CONFLICT_MARK} {}", hs::conflicts(lang, n));
            if self.conflicts.iter().any(|c| c == "deleted") {
                text.push_str(&format!("（{}）", hs::DELETED_CONFLICT.get(lang)));
            }
            let st = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
            lines.push(fit(vec![(text, st)], w));
        }
        if self.revealed {
            let st = Style::new().fg(Color::Magenta);
            lines.push(fit(vec![(hs::REVEALED.get(lang).to_owned(), st)], w));
        }
        if let Some(m) = &self.message {
            lines.push(fit(vec![(m.clone(), Style::new().fg(Color::Red))], w));
        }
        lines
    }

    fn row_line(&self, row: Row, w: usize, c: &Cols) -> Line<'static> {
        let lang = self.lang;
        let cat = Catalog::builtin();
        let dim = Style::new().fg(Color::DarkGray);
        match row {
            Row::Heading(sec) => {
                let text = match sec {
                    Section::Members => {
                        hs::section(lang, hs::SEC_MEMBERS, self.members.len(), false)
                    }
                    Section::Visits => hs::section(
                        lang,
                        hs::SEC_VISITS,
                        self.visits.rows.len(),
                        self.visits.more,
                    ),
                    Section::Items => {
                        hs::section(lang, hs::SEC_ITEMS, self.items.rows.len(), self.items.more)
                    }
                };
                let st = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
                fit(vec![(text, st)], w)
            }
            Row::Columns => {
                Line::from(self.column_heads(c)).style(dim.add_modifier(Modifier::UNDERLINED))
            }
            Row::Blank => Line::default(),
            Row::Empty => fit(vec![(format!("  {}", s::NONE.get(lang)), dim)], w),
            Row::More(_) => fit(vec![(format!("  {}", s::MORE.get(lang)), dim)], w),
            Row::Member(i) => {
                let Some((_, p)) = self.members.get(i) else {
                    return Line::default();
                };
                let none = Vec::new();
                let conflicts = self.member_conflicts.get(i).unwrap_or(&none);
                let mut spans = vec![Span::raw("  ")];
                spans.extend(self.member_cells(c, p, conflicts));
                Line::from(spans)
            }
            Row::Visit(i) => {
                let Some(v) = self.visits.rows.get(i) else {
                    return Line::default();
                };
                let kind = Catalog::label(&cat.visit_kinds, &v.kind, lang);
                let kind_w = if lang == Lang::Zh { 10 } else { 17 };
                fit(
                    vec![
                        ("  ".to_owned(), Style::new()),
                        (format!("{} ", v.date), dim),
                        (
                            format!("{} ", cell(kind, kind_w)),
                            Style::new().fg(Color::Green),
                        ),
                        (first_line(&v.heard).to_owned(), Style::new()),
                    ],
                    w,
                )
            }
            Row::Item(i) => {
                let Some((r, u)) = self.items.rows.get(i) else {
                    return Line::default();
                };
                let urg = match u {
                    Some(Urgency::Overdue { .. }) => Style::new().fg(Color::Red),
                    Some(Urgency::DueSoon { .. }) => Style::new().fg(Color::Yellow),
                    Some(Urgency::Closed) => dim,
                    _ => Style::new(),
                };
                let due = r.due_date.map(|d| d.to_string()).unwrap_or_default();
                let (lw, sw) = if lang == Lang::Zh { (4, 8) } else { (10, 11) };
                let mut spans = vec![
                    ("  ".to_owned(), Style::new()),
                    (format!("{} ", cell(&r.number, 15)), dim),
                    (format!("{} ", cell(r.ledger.label(lang), lw)), Style::new()),
                    (
                        format!("{} ", cell(r.status.label(lang), sw)),
                        Style::new().fg(Color::Green),
                    ),
                    (format!("{} ", cell(&due, 10)), urg),
                ];
                if w >= 110 {
                    let label = u.map(|u| u.label(lang)).unwrap_or_default();
                    spans.push((format!("{} ", cell(&label, 16)), urg));
                }
                spans.push((r.title.clone(), Style::new()));
                fit(spans, w)
            }
        }
    }

    /// Draws the layer over `area`.
    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        Clear.render(area, buf);
        let title = format!(
            " {} · {} ",
            hs::DETAIL_TITLE.get(lang),
            self.household.head_name
        );
        Block::bordered()
            .title(title)
            .padding(Padding::horizontal(1))
            .render(area, buf);
        let inner = Self::inner(area);
        let w = usize::from(inner.width);
        for (k, line) in self
            .head_lines(inner.width)
            .into_iter()
            .take(usize::from(inner.height))
            .enumerate()
        {
            let y = inner.y + k as u16;
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
        let (top, height, first) = self.window(area);
        let c = Cols::new(lang, w);
        let rows = self.rows();
        for (k, i) in (first..rows.len()).take(height).enumerate() {
            let selected = self.selected == Some(i);
            let mut line = self.row_line(rows[i], w, &c);
            if selected {
                if let Some(first) = line.spans.first_mut()
                    && first.content == "  "
                {
                    first.content = "▶ ".into();
                }
                line = line.style(Style::new().add_modifier(Modifier::REVERSED));
            }
            let y = top + k as u16;
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}
