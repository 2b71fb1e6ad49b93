//! Drawing tab 7 统计, without side effects beyond remembering the layout it drew: the filter
//! line, the whole scope's figures flowed over two lines, the pane bar, and each pane where
//! `dashboard_layout.rs` puts it (tables in `dashboard_table.rs`, charts and the oldest items in
//! `dashboard_charts.rs`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::dashboard::{DashboardView, Sort};
use super::dashboard_layout::{Areas, areas, bar_label};
use super::dashboard_strings as ds;
use crate::domain::period::PeriodKind;
use crate::store::dashboard::Dashboard;
use crate::tui::strings as s;
use crate::tui::text::{truncate, width};

impl DashboardView {
    /// The filter line.
    fn filter_line(&self) -> Line<'static> {
        let lang = self.lang;
        let p = self.period;
        let mut period = p.label(lang);
        if p.kind != PeriodKind::Custom {
            period = format!("{period}（{} {} {}）", p.from, lang.pick("至", "to"), p.to);
        }
        let village = self
            .village
            .as_ref()
            .map_or_else(|| ds::ALL.get(lang).to_owned(), |(_, n)| n.clone());
        let on = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        let sort_i = Sort::ALL.iter().position(|x| *x == self.sort).unwrap_or(0);
        let mut spans = vec![
            Span::styled(
                format!("{}  ", ds::TITLE.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!("{} ", ds::PERIOD.get(lang))),
            Span::styled(period, on),
            Span::raw(format!("  {} ", ds::VILLAGE.get(lang))),
        ];
        let vstyle = if self.village.is_some() {
            on
        } else {
            Style::new()
        };
        spans.push(Span::styled(village, vstyle));
        if self.sort != Sort::Default {
            spans.push(Span::raw(format!("  {} ", ds::SORT.get(lang))));
            spans.push(Span::styled(ds::SORTS[sort_i].get(lang), on));
        }
        spans.push(Span::styled(
            format!("  {} {}", ds::AS_OF.get(lang), self.today),
            Style::new().fg(Color::DarkGray),
        ));
        Line::from(spans)
    }

    /// The whole scope's figures, flowed over `lines` lines of `width` columns.
    fn figure_lines(&self, d: &Dashboard, width_cols: usize, lines: usize) -> Vec<Line<'static>> {
        let lang = self.lang;
        let red = Style::new().fg(Color::Red);
        // In order of importance: what does not fit on the lines is left out from the end.
        let mut segs: Vec<(String, Style)> = ds::figures(lang, &d.total, d.visit_records)
            .into_iter()
            .map(|(text, late)| (text, if late { red } else { Style::new() }))
            .collect();
        if !d.assumed_years.is_empty() {
            let years: Vec<String> = d.assumed_years.iter().map(i32::to_string).collect();
            segs.push((
                ds::assumed(lang, &years.join("、")),
                Style::new().fg(Color::Yellow),
            ));
        }
        let sep = " · ";
        let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new()];
        let mut used = 0;
        for (text, style) in segs {
            let w = width(&text);
            let need = if used == 0 { w } else { w + width(sep) };
            if used + need > width_cols {
                if out.len() == lines {
                    continue;
                }
                out.push(Vec::new());
                used = 0;
            }
            let line = out.last_mut().expect("a line");
            if used > 0 {
                line.push(Span::styled(sep, Style::new().fg(Color::DarkGray)));
                used += width(sep);
            }
            used += w;
            line.push(Span::styled(truncate(&text, width_cols), style));
        }
        out.into_iter().map(Line::from).collect()
    }

    fn draw_bar(&self, a: &Areas, buf: &mut Buffer) {
        if a.bar.height == 0 {
            return;
        }
        let mut x = a.bar.x;
        for p in a.bar_panes() {
            let label = bar_label(p, self.lang);
            let style = if p == self.pane {
                Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                    .fg(Color::Cyan)
            } else {
                Style::new().fg(Color::DarkGray)
            };
            if x >= a.bar.right() {
                break;
            }
            let room = usize::from(a.bar.right() - x);
            buf.set_stringn(x, a.bar.y, &label, room, style);
            x += u16::try_from(width(&label)).unwrap_or(0) + 1;
        }
    }
}

impl Widget for &DashboardView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.viewport.set(area);
        let lang = self.lang;
        let d = match &self.data {
            Ok(d) => d,
            Err(msg) => {
                let text = format!("{}{msg}", s::LOAD_FAILED.get(lang));
                let p = Paragraph::new(text).style(Style::new().fg(Color::Red));
                return p.wrap(Wrap { trim: true }).render(area, buf);
            }
        };
        let a = areas(area, self.pane, (self.len(0), self.len(1)));
        if a.header.height > 0 {
            self.filter_line()
                .render(Rect::new(area.x, area.y, area.width, 1), buf);
        }
        let lines = usize::from(a.header.height.saturating_sub(1));
        for (k, l) in self
            .figure_lines(d, usize::from(area.width), lines)
            .into_iter()
            .enumerate()
        {
            l.render(Rect::new(area.x, area.y + 1 + k as u16, area.width, 1), buf);
        }
        self.draw_bar(&a, buf);
        if let Some(r) = a.villages {
            self.draw_table(d, false, r, buf);
        }
        if let Some(r) = a.cadres {
            self.draw_table(d, true, r, buf);
        }
        if let Some(r) = a.charts {
            self.draw_charts(d, r, buf);
        }
        if let Some(r) = a.oldest {
            self.draw_oldest(d, r, buf);
        }
    }
}
