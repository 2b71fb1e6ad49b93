//! The 民情日志 (Diary) list's state: visits newest first, loaded a page at a time, and the
//! selection over them. Also the paged-list state shared with the 农户 list. Drawing is in
//! `diary_draw.rs`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};

use crate::i18n::{Lang, Localized};
use crate::store::query::VisitRow;
use crate::store::{Page, Paged, Store, StoreError};
use crate::tui::widgets::scroll_to_show;
use crate::tui::widgets::search::SearchBox;

/// Rows fetched per "more" step, as on 今日.
pub const PAGE: u64 = 50;

/// Lines above the scrolling list: the title/count line and the column headings.
pub const HEADER_LINES: u16 = 2;

/// A list loaded page by page: the rows so far, whether more follow, the selection and the
/// first line shown. Line `rows.len()` is the "more" line when `more` is set; selecting it
/// loads the next page in its place.
#[derive(Debug, Clone)]
pub struct PagedList<R> {
    pub rows: Vec<R>,
    pub more: bool,
    /// Index of the selected line (a row, or the "more" line).
    pub selected: usize,
    /// First list line shown.
    pub scroll: usize,
    /// Loading failed; the message is already in the user's language.
    pub error: Option<String>,
}

impl<R> Default for PagedList<R> {
    fn default() -> Self {
        PagedList {
            rows: Vec::new(),
            more: false,
            selected: 0,
            scroll: 0,
            error: None,
        }
    }
}

impl<R> PagedList<R> {
    /// Puts the selection and the view back on the first line (a new search or filter).
    pub fn to_top(&mut self) {
        self.selected = 0;
        self.scroll = 0;
    }

    /// Lines of the list: the rows plus the "more" line.
    pub fn len(&self) -> usize {
        self.rows.len() + usize::from(self.more)
    }

    /// True when there is no line at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True if line `i` is the "more" line.
    pub fn is_more(&self, i: usize) -> bool {
        self.more && i == self.rows.len()
    }

    /// Replaces the content with a first page (or an error), keeping the selection in range.
    pub fn reset(&mut self, lang: Lang, first: Result<Paged<R>, StoreError>) {
        match first {
            Ok(p) => {
                self.rows = p.rows;
                self.more = p.more;
                self.error = None;
            }
            Err(e) => {
                self.rows.clear();
                self.more = false;
                self.error = Some(e.message(lang));
            }
        }
        self.clamp();
    }

    /// Moves the selection by `delta` lines, clamped; reaching the "more" line loads the next
    /// page through `fetch` (given the page to read).
    pub fn move_by(
        &mut self,
        lang: Lang,
        delta: i64,
        fetch: impl FnOnce(Page) -> Result<Paged<R>, StoreError>,
    ) {
        if self.is_empty() {
            return;
        }
        let last = self.len() as i64 - 1;
        self.selected = (self.selected as i64).saturating_add(delta).clamp(0, last) as usize;
        self.load_more_if_selected(lang, fetch);
    }

    /// Selects list line `line` (a click), if it exists.
    pub fn select_line(
        &mut self,
        lang: Lang,
        line: usize,
        fetch: impl FnOnce(Page) -> Result<Paged<R>, StoreError>,
    ) {
        if line < self.len() {
            self.selected = line;
            self.load_more_if_selected(lang, fetch);
        }
    }

    /// Keeps the selected line inside a list of `height` lines.
    pub fn ensure_visible(&mut self, height: usize) {
        self.scroll = scroll_to_show(self.scroll, self.selected, height);
    }

    /// The first line to draw in a list of `height` lines: the stored scroll, clamped so a
    /// stale one never hides the selection (drawing stays pure).
    pub fn scroll_for(&self, height: usize) -> usize {
        scroll_to_show(self.scroll, self.selected, height)
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.len().saturating_sub(1));
        self.scroll = self.scroll.min(self.selected);
    }

    fn load_more_if_selected(
        &mut self,
        lang: Lang,
        fetch: impl FnOnce(Page) -> Result<Paged<R>, StoreError>,
    ) {
        if !self.is_more(self.selected) {
            return;
        }
        let page = Page {
            offset: self.rows.len() as u64,
            limit: PAGE,
        };
        match fetch(page) {
            Ok(p) => {
                self.rows.extend(p.rows);
                self.more = p.more;
            }
            Err(e) => self.error = Some(e.message(lang)),
        }
        self.clamp();
    }
}

/// The 民情日志 list.
#[derive(Debug, Clone)]
pub struct DiaryView {
    pub lang: Lang,
    /// Dates of this year show as MM-DD.
    pub today: NaiveDate,
    pub list: PagedList<VisitRow>,
    /// The `/` full-text search of the notes.
    pub search: SearchBox,
}

/// A page of the diary, narrowed by `query` when there is one.
fn visits(store: &Store, query: &str, page: Page) -> Result<Paged<VisitRow>, StoreError> {
    if query.is_empty() {
        store.visits(page)
    } else {
        store.search_visits(query, page)
    }
}

impl DiaryView {
    /// Loads the first page.
    pub fn new(store: &Store, lang: Lang, today: NaiveDate) -> DiaryView {
        let mut v = DiaryView {
            lang,
            today,
            list: PagedList::default(),
            search: SearchBox::default(),
        };
        v.reload(store);
        v
    }

    /// Reads the first page again (e.g. after a visit was recorded), keeping the selection
    /// where it can.
    pub fn reload(&mut self, store: &Store) {
        let first = visits(store, &self.search.query, Page::first(PAGE));
        self.list.reset(self.lang, first);
    }

    /// Moves the selection by `delta` lines, loading the next page at the "more" line.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let q = self.search.query.clone();
        self.list
            .move_by(self.lang, delta, |p| visits(store, &q, p));
    }

    /// Selects list line `line` (a click below the header), if it exists.
    pub fn select_line(&mut self, store: &Store, line: usize) {
        let q = self.search.query.clone();
        self.list
            .select_line(self.lang, line, |p| visits(store, &q, p));
    }

    /// `/` opens the search; while it is open every key goes to it and the list follows as
    /// you type. True if the key was used.
    pub fn on_key(&mut self, store: &Store, key: KeyEvent) -> bool {
        if let Some(changed) = self.search.on_key(key) {
            if changed {
                self.list.to_top();
                self.reload(store);
            }
            return true;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if key.kind == KeyEventKind::Press && plain && key.code == KeyCode::Char('/') {
            self.search.open();
            return true;
        }
        false
    }

    /// Where the terminal cursor goes (the search field's caret) when drawn in `area`.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        self.search.cursor(Rect::new(area.x, area.y, area.width, 1))
    }

    /// Keeps the selected line inside a list of `height` lines.
    pub fn ensure_visible(&mut self, height: usize) {
        self.list.ensure_visible(height);
    }

    /// The selected visit, if a visit (not the "more" line) is selected.
    pub fn selected(&self) -> Option<&VisitRow> {
        self.list.rows.get(self.list.selected)
    }
}
