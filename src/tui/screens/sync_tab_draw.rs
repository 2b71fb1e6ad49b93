//! Drawing tab 8 同步: the device lines, the last export and import, the trusted devices
//! with the chosen one marked, and the changes held per device.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

use crate::tui::screens::sync_chooser::tail;
use crate::tui::screens::sync_strings::{self as ss, role_label};
use crate::tui::screens::sync_tab::SyncTab;
use crate::tui::text::{cell, truncate};

fn put(buf: &mut Buffer, area: Rect, y: u16, s: &str, st: Style) {
    if y < area.bottom() {
        let w = usize::from(area.width.saturating_sub(2));
        buf.set_stringn(area.x + 1, y, truncate(s, w), w, st);
    }
}

/// "2026-11-24 10:10:00" (or with a `T`) to the minute.
fn minute(t: &str) -> String {
    t.replace('T', " ").chars().take(16).collect()
}

/// "11-24 10:10": a peer's exchanges in its row, where 80 columns leave no room for the year.
fn short(t: &Option<String>) -> String {
    t.as_deref().map_or_else(
        || "—".to_owned(),
        |t| t.replace('T', " ").chars().skip(5).take(11).collect(),
    )
}

/// The last 8 hex digits of a replica id: its first ones are a time stamp (UUID v7), the
/// same for devices set up within a minute of each other.
fn short_id(id: &str) -> String {
    let hex: Vec<char> = id.chars().filter(char::is_ascii_hexdigit).collect();
    hex[hex.len().saturating_sub(8)..].iter().collect()
}

impl SyncTab {
    /// The lines above the trusted devices; returns the next free row.
    fn draw_head(&self, area: Rect, buf: &mut Buffer) -> u16 {
        let lang = self.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut y = area.y;
        put(buf, area, y, ss::TITLE.get(lang), bold);
        y += 1;
        if let Some(e) = &self.error {
            put(buf, area, y, e, Style::new().fg(Color::Red));
            y += 1;
        }
        let me = match &self.me {
            Some(m) => ss::named(lang, &m.name, &m.role),
            None => ss::NO_IDENTITY.get(lang).to_owned(),
        };
        let short_id = short_id(&self.replica);
        let mut device = format!(
            "{}{me} · {}{short_id}",
            ss::ME.get(lang),
            ss::DEVICE.get(lang)
        );
        if let Some(fp) = &self.fingerprint {
            device.push_str(&format!(" · {}{fp}", ss::FINGERPRINT.get(lang)));
        }
        put(buf, area, y, &device, Style::new());
        let unexp = format!("{}{}", ss::UNEXPORTED.get(lang), self.unexported);
        let st = if self.unexported > 0 {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, area, y + 1, &unexp, st);
        let conf = format!(
            "{}{}{}",
            ss::CONFLICTS.get(lang),
            self.conflicts,
            ss::CONFLICT_KEY.get(lang)
        );
        let st = if self.conflicts > 0 {
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, area, y + 2, &conf, st);
        let last = match &self.last_exchange {
            Some(t) => format!("{}{}", ss::LAST_AT.get(lang), minute(t)),
            None => ss::LAST_NONE.get(lang).to_owned(),
        };
        put(buf, area, y + 3, &last, Style::new());
        y += 4;
        let w = usize::from(area.width.saturating_sub(6));
        let grey = Style::new().fg(Color::DarkGray);
        match &self.last_export {
            Some(s) => {
                let line = ss::last_export(lang, &s.at, s.ops, &s.to);
                put(buf, area, y, &line, Style::new());
                put(buf, area, y + 1, &format!("  → {}", tail(&s.path, w)), grey);
                y += 2;
            }
            None => {
                put(buf, area, y, ss::NO_EXPORT_YET.get(lang), grey);
                y += 1;
            }
        }
        match &self.last_import {
            Some(s) => {
                let line = ss::last_import(lang, &s.at, &s.from, s.ops_new, s.conflicts_new);
                put(buf, area, y, &line, Style::new());
                put(buf, area, y + 1, &format!("  ← {}", tail(&s.path, w)), grey);
                y += 2;
            }
            None => {
                put(buf, area, y, ss::NO_IMPORT_YET.get(lang), grey);
                y += 1;
            }
        }
        y + 1
    }
}

impl Widget for &SyncTab {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut y = self.draw_head(area, buf);
        let title = format!(
            "{} · {}",
            ss::peers_title(lang, self.peers.len()),
            ss::PEERS_KEYS.get(lang)
        );
        put(buf, area, y, &title, bold);
        y += 1;
        if self.peers.is_empty() {
            let st = Style::new().fg(Color::DarkGray);
            put(buf, area, y, ss::NO_PEERS.get(lang), st);
            y += 1;
        }
        for (i, p) in self.peers.iter().enumerate() {
            let sel = i == self.selected;
            let line = format!(
                "{}{}{}{}  {}{}  {}{}",
                if sel { "▶ " } else { "  " },
                cell(&p.card.name, 14),
                cell(role_label(&p.card.role).get(lang), 12),
                p.fingerprint,
                ss::IN.get(lang),
                short(&p.last_import_at),
                ss::OUT.get(lang),
                short(&p.last_export_at)
            );
            let st = if sel {
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            put(buf, area, y, &line, st);
            y += 1;
        }
        y += 1;
        let ops = format!(
            "{}{} · {}{}",
            ss::OPS.get(lang),
            self.ops,
            ss::DEVICES.get(lang),
            self.vector.len()
        );
        put(buf, area, y, &ops, bold);
        y += 1;
        for (origin, seq) in &self.vector {
            let o = origin.to_string();
            let mine = if o == self.replica {
                ss::THIS.get(lang)
            } else {
                ""
            };
            let line = format!(
                "  {}{}{mine}  {}{seq}",
                ss::DEVICE.get(lang),
                cell(&short_id(&o), 10),
                ss::UPTO.get(lang)
            );
            put(buf, area, y, &line, Style::new());
            y += 1;
        }
        put(
            buf,
            area,
            y + 1,
            ss::NOTE.get(lang),
            Style::new().fg(Color::DarkGray),
        );
    }
}
