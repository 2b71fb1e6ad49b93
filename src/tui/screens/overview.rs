//! Tabs 7 统计 and 8 同步 as far as they exist before the dashboard and sync issues: the
//! database in numbers, and what this device holds and has not yet exported, with the
//! conflict review one key away.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::domain::{ItemStatus, Ledger};
use crate::i18n::{Lang, Localized};
use crate::store::merge::VersionVector;
use crate::store::peers::Peer;
use crate::store::stats::Stats;
use crate::store::{Identity, Store};
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

/// Tab 8: this device, unexported changes, the devices whose changes are here, conflicts.
pub struct SyncView {
    pub lang: Lang,
    pub me: Option<Identity>,
    pub replica: String,
    pub unexported: u64,
    pub ops: u64,
    pub conflicts: u64,
    pub vector: VersionVector,
    /// Trusted devices with their fingerprints and last exchanges.
    pub peers: Vec<Peer>,
    pub error: Option<String>,
}

impl SyncView {
    pub fn new(store: &Store, lang: Lang) -> SyncView {
        let mut v = SyncView {
            lang,
            me: None,
            replica: store.replica_id().to_string(),
            unexported: 0,
            ops: 0,
            conflicts: 0,
            vector: VersionVector::new(),
            peers: Vec::new(),
            error: None,
        };
        let loaded = (|| {
            v.me = store.identity()?;
            v.unexported = store.unexported_count()?;
            v.ops = store.op_count()?;
            v.conflicts = store.conflict_count()?;
            v.vector = store.version_vector()?;
            v.peers = store.peers()?;
            Ok::<(), crate::store::StoreError>(())
        })();
        v.error = loaded.err().map(|e| e.message(lang));
        v
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

impl Widget for &SyncView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        put(buf, area, area.y, ls::SYNC_TITLE.get(lang), bold);
        if let Some(e) = &self.error {
            put(buf, area, area.y + 1, e, Style::new().fg(Color::Red));
        }
        let me = match &self.me {
            Some(m) => format!("{}（{}）", m.name, ls::role_label(&m.role).get(lang)),
            None => ls::SYNC_NO_IDENTITY.get(lang).to_owned(),
        };
        let short: String = self.replica.chars().take(8).collect();
        let device = format!(
            "{}{me} · {}{short}",
            ls::SYNC_ME.get(lang),
            ls::SYNC_DEVICE.get(lang)
        );
        put(buf, area, area.y + 2, &device, Style::new());
        let unexp = format!("{}{}", ls::SYNC_UNEXPORTED.get(lang), self.unexported);
        let st = if self.unexported > 0 {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, area, area.y + 3, &unexp, st);
        let last = self
            .peers
            .iter()
            .flat_map(|p| [p.last_import_at.as_deref(), p.last_export_at.as_deref()])
            .flatten()
            .max();
        let last = match last {
            Some(t) => format!("{}{}", ls::SYNC_LAST_AT.get(lang), t.replace('T', " ")),
            None => ls::SYNC_LAST.get(lang).to_owned(),
        };
        put(buf, area, area.y + 4, &last, Style::new());
        let conf = format!(
            "{}{}   {}",
            ls::SYNC_CONFLICTS.get(lang),
            self.conflicts,
            ls::SYNC_CONFLICT_KEY.get(lang)
        );
        let st = if self.conflicts > 0 {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, area, area.y + 5, &conf, st);
        let mut y = area.y + 7;
        let title = format!("{}（{}）", ls::SYNC_PEERS.get(lang), self.peers.len());
        put(buf, area, y, &title, bold);
        y += 1;
        if self.peers.is_empty() {
            put(
                buf,
                area,
                y,
                ls::SYNC_NO_PEERS.get(lang),
                Style::new().fg(Color::DarkGray),
            );
            y += 1;
        }
        for p in &self.peers {
            let seen = |t: &Option<String>| {
                t.as_deref()
                    .map_or_else(|| "—".to_owned(), |t| t.replace('T', " "))
            };
            let line = format!(
                "  {}{}{}  {}{}  {}{}",
                cell(&p.card.name, 16),
                cell(ls::role_label(&p.card.role).get(lang), 12),
                p.fingerprint,
                ls::SYNC_IMPORTED.get(lang),
                seen(&p.last_import_at),
                ls::SYNC_EXPORTED.get(lang),
                seen(&p.last_export_at)
            );
            put(buf, area, y, &line, Style::new());
            y += 1;
        }
        y += 1;
        let ops = format!(
            "{}{} · {}{}",
            ls::SYNC_OPS.get(lang),
            self.ops,
            ls::SYNC_DEVICES.get(lang),
            self.vector.len()
        );
        put(buf, area, y, &ops, bold);
        y += 1;
        for (origin, seq) in &self.vector {
            let o = origin.to_string();
            let mine = if o == self.replica {
                ls::SYNC_THIS.get(lang)
            } else {
                ""
            };
            let line = format!(
                "  {}{}{mine}  {}{seq}",
                ls::SYNC_DEVICE.get(lang),
                cell(&o.chars().take(8).collect::<String>(), 10),
                ls::SYNC_UPTO.get(lang)
            );
            put(buf, area, y, &line, Style::new());
            y += 1;
        }
        y += 1;
        put(
            buf,
            area,
            y,
            ls::SYNC_LATER.get(lang),
            Style::new().fg(Color::DarkGray),
        );
    }
}
