//! Tab 7 统计 as far as it exists before the dashboard issue: the database in numbers.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::domain::{ItemStatus, Ledger};
use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::store::stats::Stats;
use crate::tui::screens::lists_strings as ls;
use crate::tui::text::{cell, truncate};

/// Tab 7: counts by table, ledger and status.
pub struct StatsView {
    pub lang: Lang,
    pub stats: Result<Stats, String>,
}

impl StatsView {
    pub fn new(store: &Store, lang: Lang, today: NaiveDate) -> StatsView {
        StatsView {
            lang,
            stats: store.stats(today).map_err(|e| e.message(lang)),
        }
    }
}

fn put(buf: &mut Buffer, area: Rect, y: u16, s: &str, st: Style) {
    if y < area.bottom() {
        let w = usize::from(area.width.saturating_sub(2));
        buf.set_stringn(area.x + 1, y, truncate(s, w), w, st);
    }
}

impl Widget for &StatsView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let st = match &self.stats {
            Ok(s) => s,
            Err(e) => return put(buf, area, area.y, e, Style::new().fg(Color::Red)),
        };
        let head = format!("{}{}", ls::STATS_TITLE.get(lang), st.today);
        put(buf, area, area.y, &head, bold);
        let counts = format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            ls::STATS_VILLAGES.get(lang),
            st.villages,
            ls::STATS_HOUSEHOLDS.get(lang),
            st.households,
            ls::STATS_PERSONS.get(lang),
            st.persons,
            ls::STATS_VISITS.get(lang),
            st.visits,
            ls::STATS_CADRES.get(lang),
            st.cadres
        );
        put(buf, area, area.y + 1, &counts, Style::new());
        let cols = ls::STATS_COLUMNS.map(|t| t.get(lang));
        let mut y = area.y + 3;
        let header: String = cols.iter().map(|c| cell(c, 10)).collect();
        put(buf, area, y, &header, Style::new().fg(Color::DarkGray));
        for l in Ledger::ALL {
            y += 1;
            let Some(s) = st.items.get(l.code()) else {
                continue;
            };
            let closed = s
                .by_status
                .get(ItemStatus::Closed.code())
                .copied()
                .unwrap_or(0);
            let line: String = [
                l.label(lang).to_owned(),
                s.total.to_string(),
                s.open.to_string(),
                s.overdue.to_string(),
                s.due_soon.to_string(),
                closed.to_string(),
            ]
            .iter()
            .map(|c| cell(c, 10))
            .collect();
            let style = if s.overdue > 0 {
                Style::new().fg(Color::Red)
            } else {
                Style::new()
            };
            put(buf, area, y, &line, style);
        }
        y += 2;
        put(buf, area, y, ls::STATS_BY_STATUS.get(lang), bold);
        for status in ItemStatus::ALL {
            y += 1;
            let n: u64 = st
                .items
                .values()
                .map(|s| s.by_status.get(status.code()).copied().unwrap_or(0))
                .sum();
            put(
                buf,
                area,
                y,
                &format!("{}{n}", cell(status.label(lang), 12)),
                Style::new(),
            );
        }
        y += 2;
        put(
            buf,
            area,
            y,
            ls::STATS_LATER.get(lang),
            Style::new().fg(Color::DarkGray),
        );
    }
}
