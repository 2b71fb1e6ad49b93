//! A ledger screen's state (民生 / 困难 / 稳定): the active filters, the loaded rows with their
//! urgency, paging and the selection. Drawing it is in `ledger_draw.rs`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::calendar::Calendar;
use crate::domain::catalog::Catalog;
use crate::domain::deadline::{Urgency, urgency};
use crate::domain::{ItemStatus, Ledger, Level};
use crate::i18n::{Lang, Localized};
use crate::store::ledger::LedgerRow;
use crate::store::query::ItemFilter;
use crate::store::{Page, Paged, Store, StoreError};
use crate::tui::widgets::scroll_to_show;
use crate::tui::widgets::search::SearchBox;

/// Rows fetched per page and per "more" step.
pub const PAGE: u64 = 50;

/// Lines above the scrolling table: the filter line, the row count, the column headers.
pub const HEADER_LINES: u16 = 3;

const LEVELS: [Level; 3] = [Level::Village, Level::Township, Level::County];

/// One table line: a row, or the "more" line that loads the next page when selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Row(usize),
    More,
}

/// One ledger table.
#[derive(Debug, Clone)]
pub struct LedgerView {
    pub lang: Lang,
    pub today: NaiveDate,
    pub ledger: Ledger,
    /// The active filters; `ledger` is always set to this screen's ledger.
    pub filter: ItemFilter,
    /// Name of the filtered village, for the filter line.
    pub village_name: Option<String>,
    /// Name of the filtered cadre (`filter.cadre`, set by the dashboard), for the filter line.
    pub cadre_name: Option<String>,
    /// Loaded rows with their urgency (`None`: open without a deadline).
    pub rows: Vec<(LedgerRow, Option<Urgency>)>,
    /// More rows follow the loaded ones.
    pub more: bool,
    /// The last load failed; the message is already in the user's language.
    pub error: Option<String>,
    /// Index into [`LedgerView::entries`].
    pub selected: usize,
    /// First table line shown.
    pub scroll: usize,
    /// Table lines on screen, as last told by [`LedgerView::ensure_visible`] (PgUp/PgDn step).
    pub height: usize,
    /// The `/` full-text search.
    pub search: SearchBox,
}

fn with_urgency(today: NaiveDate, rows: Vec<LedgerRow>) -> Vec<(LedgerRow, Option<Urgency>)> {
    let cal = Calendar::builtin();
    rows.into_iter()
        .map(|r| {
            let open = r.item.status.is_open();
            let urg = match r.item.due_date {
                _ if !open => Some(Urgency::Closed),
                Some(due) => Some(urgency(cal, due, today, true)),
                None => None,
            };
            (r, urg)
        })
        .collect()
}

/// The value after `cur` in `list`, then `None` ("all"), then the first again.
fn cycle<V: Clone + PartialEq>(list: &[V], cur: Option<&V>) -> Option<V> {
    match cur {
        None => list.first().cloned(),
        Some(c) => {
            let pos = list.iter().position(|v| v == c);
            pos.and_then(|p| list.get(p + 1)).cloned()
        }
    }
}

impl LedgerView {
    /// Loads the first page of `ledger`'s table, unfiltered.
    pub fn new(store: &Store, lang: Lang, today: NaiveDate, ledger: Ledger) -> LedgerView {
        let mut v = LedgerView {
            lang,
            today,
            ledger,
            filter: ItemFilter {
                ledger: Some(ledger),
                ..ItemFilter::default()
            },
            village_name: None,
            cadre_name: None,
            rows: Vec::new(),
            more: false,
            error: None,
            selected: 0,
            scroll: 0,
            height: 10,
            search: SearchBox::default(),
        };
        v.reload(store);
        v
    }

    /// Reads the first page again with the current filters; the selection goes to the top.
    pub fn reload(&mut self, store: &Store) {
        self.filter.ledger = Some(self.ledger);
        self.selected = 0;
        self.scroll = 0;
        match self.fetch(store, Page::first(PAGE)) {
            Ok(p) => {
                self.rows = with_urgency(self.today, p.rows);
                self.more = p.more;
                self.error = None;
            }
            Err(e) => {
                self.rows.clear();
                self.more = false;
                self.error = Some(e.message(self.lang));
            }
        }
    }

    /// One page of the table: the filters, and the search when there is one.
    fn fetch(&self, store: &Store, page: Page) -> Result<Paged<LedgerRow>, StoreError> {
        store.ledger_search(&self.filter, &self.search.query, page)
    }

    /// The table's lines, in order.
    pub fn entries(&self) -> Vec<Entry> {
        let mut out: Vec<Entry> = (0..self.rows.len()).map(Entry::Row).collect();
        if self.more {
            out.push(Entry::More);
        }
        out
    }

    /// The selected row, if the selection is on one.
    pub fn selected_row(&self) -> Option<&LedgerRow> {
        self.rows.get(self.selected).map(|(r, _)| r)
    }

    /// Moves the selection by `delta` lines, clamped; reaching "more" loads the next page.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let n = self.entries().len();
        if n == 0 {
            return;
        }
        let pos = (self.selected as i64).saturating_add(delta);
        self.selected = pos.clamp(0, n as i64 - 1) as usize;
        self.load_more_if_selected(store);
    }

    /// Selects table line `line` (a click), if there is one.
    pub fn select_line(&mut self, store: &Store, line: usize) {
        if line < self.entries().len() {
            self.selected = line;
            self.load_more_if_selected(store);
        }
    }

    /// Keeps the selected line inside a table of `height` lines.
    pub fn ensure_visible(&mut self, height: usize) {
        self.height = height.max(1);
        self.scroll = scroll_to_show(self.scroll, self.selected, height);
    }

    /// Handles a key of this screen; false if it is not one (the app handles it then).
    pub fn on_key(&mut self, store: &Store, key: KeyEvent) -> bool {
        // While the search field is open every key belongs to it; it searches as you type.
        if let Some(changed) = self.search.on_key(key) {
            if changed {
                self.reload(store);
            }
            return true;
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let page = self.height.max(1) as i64;
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_by(store, -1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(store, 1),
            KeyCode::PageUp => self.move_by(store, -page),
            KeyCode::PageDown => self.move_by(store, page),
            KeyCode::Home => self.move_by(store, i64::MIN / 2),
            KeyCode::End => self.move_by(store, i64::MAX / 2),
            KeyCode::Char('v') => self.cycle_village(store),
            KeyCode::Char('/') => self.search.open(),
            KeyCode::Char('c') => {
                let codes: Vec<String> = Catalog::builtin()
                    .categories(self.ledger)
                    .iter()
                    .map(|e| e.code.clone())
                    .collect();
                self.filter.category = cycle(&codes, self.filter.category.as_ref());
                self.reload(store);
            }
            KeyCode::Char('s') => {
                self.filter.status = cycle(&ItemStatus::ALL, self.filter.status.as_ref());
                self.reload(store);
            }
            KeyCode::Char('l') => {
                self.filter.level = cycle(&LEVELS, self.filter.level.as_ref());
                self.reload(store);
            }
            KeyCode::Char('o') => {
                self.filter.overdue_on = match self.filter.overdue_on {
                    Some(_) => None,
                    None => Some(self.today),
                };
                self.reload(store);
            }
            KeyCode::Char('x') => {
                self.filter = ItemFilter::default();
                self.village_name = None;
                self.cadre_name = None;
                self.search.clear();
                self.reload(store);
            }
            _ => return false,
        }
        true
    }

    /// True when any filter besides the ledger is set.
    pub fn filtered(&self) -> bool {
        let f = &self.filter;
        f.village.is_some()
            || f.category.is_some()
            || f.status.is_some()
            || f.level.is_some()
            || f.overdue_on.is_some()
            || f.cadre.is_some()
    }

    fn cycle_village(&mut self, store: &Store) {
        match store.villages() {
            Ok(vs) => {
                let ids: Vec<_> = vs.iter().map(|(id, _)| *id).collect();
                self.filter.village = cycle(&ids, self.filter.village.as_ref());
                self.village_name = self.filter.village.and_then(|id| {
                    vs.iter()
                        .find(|(v, _)| *v == id)
                        .map(|(_, v)| v.name.clone())
                });
                self.reload(store);
            }
            Err(e) => self.error = Some(e.message(self.lang)),
        }
    }

    /// The "more" line was reached: fetch the next page in its place.
    fn load_more_if_selected(&mut self, store: &Store) {
        if self.entries().get(self.selected) != Some(&Entry::More) {
            return;
        }
        let page = Page {
            offset: self.rows.len() as u64,
            limit: PAGE,
        };
        match self.fetch(store, page) {
            Ok(p) => {
                self.rows.extend(with_urgency(self.today, p.rows));
                self.more = p.more;
            }
            Err(e) => {
                self.more = false;
                self.error = Some(e.message(self.lang));
            }
        }
        self.selected = self.selected.min(self.entries().len().saturating_sub(1));
    }
}
