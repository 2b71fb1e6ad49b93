//! A ledger list opened over another screen with filters preset (the dashboard's Enter on a
//! village or a cadre): the ledger table of `ledger.rs` narrowed to that village and/or that
//! cadre's items, one ledger at a time (Tab switches), Enter opens an item, Esc goes back.

use std::cell::Cell;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::dashboard_strings as ds;
use super::ledger::{HEADER_LINES, LedgerView};
use crate::domain::{Cadre, CadreId, Ledger, Village, VillageId};
use crate::store::query::ItemFilter;
use crate::store::{Page, StoreError};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{Target, open};
use crate::tui::strings::T;

/// The filters the list opened with, restored by `x`.
#[derive(Debug, Clone)]
struct Preset {
    village: Option<(VillageId, String)>,
    cadre: Option<(CadreId, String)>,
}

/// The layer.
pub struct LedgerList {
    pub view: LedgerView,
    preset: Preset,
    /// The table's height as last drawn, so the selection scrolls into view as on a tab.
    rows: Cell<u16>,
}

impl LedgerList {
    /// The list of `village`'s and/or `cadre`'s items, on the first ledger that has any;
    /// `None` if the village or cadre is not here.
    pub fn open(
        ctx: &Ctx<'_>,
        village: Option<VillageId>,
        cadre: Option<CadreId>,
    ) -> Result<Option<LedgerList>, StoreError> {
        let village = match village {
            Some(id) => match ctx.store.get::<Village>(id)? {
                Some(v) => Some((id, v.name)),
                None => return Ok(None),
            },
            None => None,
        };
        let cadre = match cadre {
            Some(id) => match ctx.store.get::<Cadre>(id)? {
                Some(c) => Some((id, c.name)),
                None => return Ok(None),
            },
            None => None,
        };
        let preset = Preset { village, cadre };
        let filter = |ledger| ItemFilter {
            ledger: Some(ledger),
            village: preset.village.as_ref().map(|(id, _)| *id),
            cadre: preset.cadre.as_ref().map(|(id, _)| *id),
            ..ItemFilter::default()
        };
        let mut first = Ledger::Livelihood;
        for l in Ledger::ALL {
            if !ctx.store.items(&filter(l), Page::first(1))?.rows.is_empty() {
                first = l;
                break;
            }
        }
        let mut view = LedgerView::new(ctx.store, ctx.lang, ctx.today, first);
        apply(&mut view, &preset);
        view.reload(ctx.store);
        Ok(Some(LedgerList {
            view,
            preset,
            rows: Cell::new(10),
        }))
    }

    /// The title line: whose items, the three ledgers with the current one marked.
    fn title_line(&self) -> Line<'static> {
        let lang = self.view.lang;
        let who: Vec<String> = [
            self.preset.cadre.as_ref().map(|(_, n)| n.clone()),
            self.preset.village.as_ref().map(|(_, n)| n.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut spans = vec![Span::styled(
            format!("{} · {}  ", who.join(" · "), ds::LIST_TITLE.get(lang)),
            Style::new().add_modifier(Modifier::BOLD),
        )];
        for l in Ledger::ALL {
            let style = if l == self.view.ledger {
                Style::new()
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                    .fg(Color::Cyan)
            } else {
                Style::new().fg(Color::DarkGray)
            };
            spans.push(Span::styled(format!(" {} ", l.label(lang)), style));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            format!(" {}", ds::LIST_SWITCH.get(lang)),
            Style::new().fg(Color::DarkGray),
        ));
        Line::from(spans)
    }

    fn switch(&mut self, ctx: &Ctx<'_>, forward: bool) {
        let all = Ledger::ALL;
        let pos = all.iter().position(|l| *l == self.view.ledger).unwrap_or(0);
        let next = (if forward {
            pos + 1
        } else {
            pos + all.len() - 1
        }) % all.len();
        self.view.ledger = all[next];
        // A category belongs to one ledger; the other filters carry over.
        self.view.filter.category = None;
        self.view.reload(ctx.store);
    }
}

/// Sets the preset filters on `view` (its other filters untouched).
fn apply(view: &mut LedgerView, p: &Preset) {
    view.filter.village = p.village.as_ref().map(|(id, _)| *id);
    view.village_name = p.village.as_ref().map(|(_, n)| n.clone());
    view.filter.cadre = p.cadre.as_ref().map(|(id, _)| *id);
    view.cadre_name = p.cadre.as_ref().map(|(_, n)| n.clone());
}

impl Layer for LedgerList {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        let searching = self.view.search.is_active();
        if !searching {
            match key.code {
                KeyCode::Esc => return Outcome::Close,
                KeyCode::Tab => self.switch(ctx, true),
                KeyCode::BackTab => self.switch(ctx, false),
                KeyCode::Enter => {
                    let Some(row) = self.view.selected_row() else {
                        return Outcome::Stay;
                    };
                    return match open(ctx, Target::Item(row.item.id)) {
                        Ok(Some(layer)) => Outcome::Open(layer),
                        _ => Outcome::Stay,
                    };
                }
                KeyCode::Char('x') => {
                    self.view.filter = ItemFilter::default();
                    self.view.search.clear();
                    apply(&mut self.view, &self.preset);
                    self.view.reload(ctx.store);
                }
                _ => {
                    if !self.view.on_key(ctx.store, key) {
                        return Outcome::Pass;
                    }
                }
            }
        } else if !self.view.on_key(ctx.store, key) {
            return Outcome::Pass;
        }
        self.view.ensure_visible(usize::from(self.rows.get()));
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        self.title_line()
            .render(Rect::new(area.x, area.y, area.width, 1), buf);
        let below = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
        self.rows.set(below.height.saturating_sub(HEADER_LINES));
        self.view.render(below, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        let below = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(1),
        );
        self.view.cursor(below)
    }

    fn hint(&self) -> T {
        ds::LIST_HINT
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        ds::LIST_HELP.to_vec()
    }

    fn on_scroll(&mut self, ctx: &mut Ctx<'_>, lines: i32) {
        self.view.move_by(ctx.store, i64::from(lines));
        self.view.ensure_visible(usize::from(self.rows.get()));
    }

    fn on_click(&mut self, ctx: &mut Ctx<'_>, area: Rect, _col: u16, row: u16) -> Outcome {
        let top = area.y + 1 + HEADER_LINES;
        if row >= top {
            let line = self.view.scroll + usize::from(row - top);
            self.view.select_line(ctx.store, line);
        }
        Outcome::Stay
    }

    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        let keep = self.view.selected;
        self.view.reload(ctx.store);
        self.view.move_by(ctx.store, keep as i64);
    }
}
