//! Drawing the export and import layers: the places or files to choose from, the typed-path
//! field, the dry run's report awaiting confirmation, and what is under way or went wrong.
//! Layout is computed once per layer so drawing, the cursor and clicks agree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Clear, Gauge, Widget};

use crate::tui::screens::sync_chooser::{Chooser, tail};
use crate::tui::screens::sync_export::ExportLayer;
use crate::tui::screens::sync_import::{ImportLayer, Stage};
use crate::tui::screens::sync_places::size_label;
use crate::tui::screens::sync_strings as ss;
use crate::tui::text::{cell, truncate};

const PLACE_W: usize = 18;
const NAME_W: usize = 34;
const SIZE_W: usize = 10;
const TIME_W: usize = 16;

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn grey() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// One line at `(area.x + 1, y)`, cut to the area, if `y` is inside it.
fn put(buf: &mut Buffer, area: Rect, y: u16, s: &str, st: Style) {
    if y >= area.y && y < area.bottom() {
        let w = usize::from(area.width.saturating_sub(2));
        buf.set_stringn(area.x + 1, y, truncate(s, w), w, st);
    }
}

/// The list `len` rows long starting `top` rows down, and the field line(s) `gap` rows under
/// it, keeping `below` rows free under the field.
fn split(area: Rect, top: u16, len: usize, gap: u16, below: u16) -> (Rect, Rect) {
    let room = area.height.saturating_sub(top + gap + 2 + below);
    let h = u16::try_from(len).unwrap_or(u16::MAX).min(room);
    let list = Rect::new(area.x + 1, area.y + top, area.width.saturating_sub(2), h);
    let input = Rect::new(
        list.x,
        list.bottom() + gap,
        list.width,
        2.min(area.bottom().saturating_sub(list.bottom() + gap)),
    );
    (list, input)
}

/// The rows of `chooser` shown in `list`, each drawn by `line` (its text) with the selected
/// one marked.
fn draw_rows(
    chooser: &Chooser,
    list: Rect,
    buf: &mut Buffer,
    line: impl Fn(usize, usize) -> String,
) {
    let first = chooser.first_shown(list.height);
    let w = usize::from(list.width).saturating_sub(2);
    for (k, n) in (first..chooser.len)
        .take(usize::from(list.height))
        .enumerate()
    {
        let y = list.y + u16::try_from(k).unwrap_or(0);
        let sel = n == chooser.selected;
        let (marker, st) = if sel {
            (
                "▶ ",
                Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                    .fg(Color::Cyan),
            )
        } else {
            ("  ", Style::new())
        };
        buf.set_stringn(list.x, y, marker, 2, st);
        buf.set_stringn(list.x + 2, y, cell(&line(n, w), w), w, st);
    }
}

/// A red refusal or a yellow "under way" line.
fn draw_message(buf: &mut Buffer, area: Rect, y: u16, error: Option<&str>, busy: Option<&str>) {
    if let Some(m) = error {
        put(buf, area, y, &format!("✗ {m}"), Style::new().fg(Color::Red));
    } else if let Some(b) = busy {
        let st = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        put(buf, area, y, b, st);
    }
}

impl ExportLayer {
    /// The places list and the typed-folder field.
    pub(super) fn layout(&self, area: Rect) -> (Rect, Rect) {
        split(area, 5, self.places.len().max(1), 0, 2)
    }

    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        Clear.render(area, buf);
        put(buf, area, area.y, ss::EXPORT_TITLE.get(lang), bold());
        let card = &self.peer.card;
        let to = format!(
            "{}{} · {}{}",
            ss::TO.get(lang),
            ss::named(lang, &card.name, &card.role),
            ss::FINGERPRINT.get(lang),
            self.peer.fingerprint
        );
        put(buf, area, area.y + 1, &to, Style::new());
        put(buf, area, area.y + 2, ss::WHAT.get(lang), grey());
        put(buf, area, area.y + 4, ss::WHERE.get(lang), bold());
        let (list, input) = self.layout(area);
        if self.places.is_empty() {
            put(buf, area, list.y, ss::NO_PLACES.get(lang), grey());
        }
        draw_rows(&self.chooser, list, buf, |n, w| {
            let p = &self.places[n];
            let path = p.path.display().to_string();
            let label = cell(p.kind.label(lang), PLACE_W);
            format!("{label}{}", tail(&path, w.saturating_sub(PLACE_W)))
        });
        let label = ss::TYPED_FOLDER.get(lang);
        self.chooser.draw_input(label, input, buf);
        let busy = self.writing.as_ref().map(|d| {
            let d = d.display().to_string();
            ss::writing(lang, &tail(&d, 40))
        });
        let y = input.y + 3;
        draw_message(buf, area, y, self.message.as_deref(), busy.as_deref());
    }
}

impl ImportLayer {
    /// The files list and the typed-place field.
    pub(super) fn layout(&self, area: Rect) -> (Rect, Rect) {
        split(area, 3, self.files.len(), 1, 2)
    }

    pub(super) fn draw(&self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        match &self.stage {
            Stage::Confirm(path, report) | Stage::Import(path, report) => {
                self.draw_report(path, report, area, buf)
            }
            Stage::Pick | Stage::Check(_) => self.draw_files(area, buf),
        }
    }

    fn draw_files(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        put(buf, area, area.y, ss::IMPORT_TITLE.get(lang), bold());
        if self.files.is_empty() {
            put(buf, area, area.y + 1, ss::NO_FILES.get(lang), grey());
        } else {
            put(
                buf,
                area,
                area.y + 1,
                &ss::found(lang, self.files.len()),
                Style::new(),
            );
            let where_w = usize::from(area.width)
                .saturating_sub(4 + NAME_W + SIZE_W + TIME_W)
                .max(8);
            let cols = ss::COLS.map(|c| c.get(lang));
            let head = format!(
                "  {}{}{}{}",
                cell(cols[0], NAME_W),
                cell(cols[1], where_w),
                cell(cols[2], SIZE_W),
                cols[3]
            );
            put(buf, area, area.y + 2, &head, grey());
        }
        let (list, input) = self.layout(area);
        let where_w = usize::from(list.width)
            .saturating_sub(2 + NAME_W + SIZE_W + TIME_W)
            .max(8);
        draw_rows(&self.chooser, list, buf, |n, _| {
            let f = &self.files[n];
            let folder = f.place.path.display().to_string();
            let time = f
                .modified
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            format!(
                "{}{}{}{time}",
                cell(&f.name, NAME_W),
                cell(&tail(&folder, where_w.saturating_sub(2)), where_w),
                cell(&size_label(f.size), SIZE_W),
            )
        });
        self.chooser
            .draw_input(ss::TYPED_PLACE.get(lang), input, buf);
        let busy = match &self.stage {
            Stage::Check(p) => Some(ss::checking(lang, &Self::name(p))),
            _ => None,
        };
        let y = input.y + 3;
        draw_message(buf, area, y, self.message.as_deref(), busy.as_deref());
    }

    fn draw_report(
        &self,
        path: &std::path::Path,
        r: &crate::sync::import::ImportReport,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let lang = self.lang;
        let name = Self::name(path);
        let title = format!("{}：{name}", ss::IMPORT_TITLE.get(lang));
        put(buf, area, area.y, &title, bold());
        let full = path.display().to_string();
        let w = usize::from(area.width.saturating_sub(2));
        put(buf, area, area.y + 1, &tail(&full, w), grey());
        put(buf, area, area.y + 3, ss::DRY_RUN.get(lang), bold());
        let sender = ss::sender(lang, &r.sender, &r.sender_fingerprint);
        put(buf, area, area.y + 4, &format!("  {sender}"), Style::new());
        let counts = ss::counts(
            lang,
            r.ops_new,
            r.ops_known,
            r.records_changed,
            r.conflicts_new,
        );
        let st = if r.conflicts_new > 0 {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, area, area.y + 5, &format!("  {counts}"), st);
        if r.ops_new == 0 {
            let line = format!("  {}", ss::NOTHING_NEW.get(lang));
            put(buf, area, area.y + 6, &line, Style::new().fg(Color::Yellow));
        }
        put(buf, area, area.y + 8, ss::SAFE.get(lang), grey());
        let y = area.y + 10;
        match self.stage {
            Stage::Import(..) => {
                draw_message(buf, area, y, None, Some(&ss::importing(lang, &name)));
                let step = usize::from(self.step.min(2));
                let bar = Rect::new(area.x + 2, y + 1, area.width.saturating_sub(4).min(60), 1);
                if bar.y < area.bottom() {
                    Gauge::default()
                        .gauge_style(Style::new().fg(Color::Cyan).bg(Color::DarkGray))
                        .ratio(step as f64 / 3.0)
                        .label(ss::IMPORT_STEPS[step].get(lang))
                        .render(bar, buf);
                }
            }
            _ => {
                let st = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
                put(buf, area, y, ss::CONFIRM_Q.get(lang), st);
            }
        }
    }
}
