//! The 农户 (Households) list's state: households by village and name, a page at a time, with
//! a village filter cycled by `v`. Drawing is in `households_draw.rs`.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::diary::{PAGE, PagedList};
use crate::domain::VillageId;
use crate::i18n::{Lang, Localized};
use crate::store::query::HouseholdRow;
use ratatui::layout::{Position, Rect};

use crate::store::{Page, Paged, Store, StoreError};
use crate::tui::widgets::search::SearchBox;

/// The 农户 list.
#[derive(Debug, Clone)]
pub struct HouseholdsView {
    pub lang: Lang,
    /// Every village (id, name) by name, for the filter.
    pub villages: Vec<(VillageId, String)>,
    /// Index into `villages` of the village shown, or `None` for all.
    pub village: Option<usize>,
    pub list: PagedList<HouseholdRow>,
    /// The `/` search: the household picker's terms (name, pinyin initials such as `wk`,
    /// phone tail, village).
    pub search: SearchBox,
}

/// A page of households of `village`, narrowed by the picker query when there is one.
fn households(
    store: &Store,
    village: Option<VillageId>,
    query: &str,
    page: Page,
) -> Result<Paged<HouseholdRow>, StoreError> {
    if query.is_empty() {
        store.households(village, page)
    } else {
        store.pick_households(query, village, page)
    }
}

impl HouseholdsView {
    /// Loads the villages and the first page of all households.
    pub fn new(store: &Store, lang: Lang) -> HouseholdsView {
        let mut v = HouseholdsView {
            lang,
            villages: Vec::new(),
            village: None,
            list: PagedList::default(),
            search: SearchBox::default(),
        };
        v.reload(store);
        v
    }

    /// The village filter in effect.
    pub fn village_id(&self) -> Option<VillageId> {
        self.village.and_then(|i| self.villages.get(i)).map(|v| v.0)
    }

    /// The name of the village shown, or `None` for all.
    pub fn village_name(&self) -> Option<&str> {
        self.village
            .and_then(|i| self.villages.get(i))
            .map(|v| v.1.as_str())
    }

    /// Reads the villages and the first page again, keeping the filter (by id) and the
    /// selection where they can.
    pub fn reload(&mut self, store: &Store) {
        let keep = self.village_id();
        match store.villages() {
            Ok(vs) => {
                self.villages = vs.into_iter().map(|(id, v)| (id, v.name)).collect();
            }
            Err(e) => {
                self.villages.clear();
                self.village = None;
                self.list.rows.clear();
                self.list.more = false;
                self.list.error = Some(e.message(self.lang));
                return;
            }
        }
        self.village = keep.and_then(|id| self.villages.iter().position(|v| v.0 == id));
        self.load_first(store);
    }

    /// Reads the first page for the current village filter and search.
    fn load_first(&mut self, store: &Store) {
        let first = households(
            store,
            self.village_id(),
            &self.search.query,
            Page::first(PAGE),
        );
        self.list.reset(self.lang, first);
    }

    /// Moves the selection by `delta` lines, loading the next page at the "more" line.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let (village, q) = (self.village_id(), self.search.query.clone());
        self.list
            .move_by(self.lang, delta, |p| households(store, village, &q, p));
    }

    /// Selects list line `line` (a click below the header), if it exists.
    pub fn select_line(&mut self, store: &Store, line: usize) {
        let (village, q) = (self.village_id(), self.search.query.clone());
        self.list
            .select_line(self.lang, line, |p| households(store, village, &q, p));
    }

    /// Keeps the selected line inside a list of `height` lines.
    pub fn ensure_visible(&mut self, height: usize) {
        self.list.ensure_visible(height);
    }

    /// The selected household, if a household (not the "more" line) is selected.
    pub fn selected(&self) -> Option<&HouseholdRow> {
        self.list.rows.get(self.list.selected)
    }

    /// The next village filter: all → each village in name order → all; back to the top.
    pub fn cycle_village(&mut self, store: &Store) {
        self.village = match self.village {
            None if !self.villages.is_empty() => Some(0),
            Some(i) if i + 1 < self.villages.len() => Some(i + 1),
            _ => None,
        };
        self.list.to_top();
        self.load_first(store);
    }

    /// Where the terminal cursor goes (the search field's caret) when drawn in `area`.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        self.search.cursor(Rect::new(area.x, area.y, area.width, 1))
    }

    /// The screen's own keys (`v`: village filter); true if the key was used. Only key
    /// presses count.
    pub fn on_key(&mut self, store: &Store, key: KeyEvent) -> bool {
        // While the search field is open every key belongs to it; it searches as you type.
        if let Some(changed) = self.search.on_key(key) {
            if changed {
                self.list.to_top();
                self.load_first(store);
            }
            return true;
        }
        if key.kind != KeyEventKind::Press
            || key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match key.code {
            KeyCode::Char('v') => {
                self.cycle_village(store);
                true
            }
            KeyCode::Char('/') => {
                self.search.open();
                true
            }
            _ => false,
        }
    }
}
