//! The screens behind tabs 2–8 (diary, the three ledgers, households, stats, sync), created
//! the first time their tab is shown, and the per-tab dispatch `App` and the drawing use.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use crate::domain::Ledger;
use crate::i18n::Lang;
use crate::store::Store;
use crate::tui::open::Target;
use crate::tui::screens::dashboard::DashboardView;
use crate::tui::screens::diary::{self, DiaryView};
use crate::tui::screens::households::HouseholdsView;
use crate::tui::screens::ledger::{self, LedgerView};
use crate::tui::screens::sync_tab::SyncTab;
use crate::tui::screens::{dashboard_strings, ledger_strings, lists_strings, sync_strings};
use crate::tui::strings::{self as s, T};

/// Tab indices (0 is 今日).
pub const TAB_DIARY: usize = 1;
pub const TAB_HOUSEHOLDS: usize = 5;
pub const TAB_STATS: usize = 6;
pub const TAB_SYNC: usize = 7;

/// The ledger shown on tab `tab`, if it is a ledger tab (3 民生, 4 困难, 5 稳定).
fn ledger_of(tab: usize) -> Option<(usize, Ledger)> {
    match tab {
        2 => Some((0, Ledger::Livelihood)),
        3 => Some((1, Ledger::Hardship)),
        4 => Some((2, Ledger::Stability)),
        _ => None,
    }
}

/// The list screens, each `None` until its tab is first shown (opening the app stays fast).
#[derive(Default)]
pub struct Views {
    pub diary: Option<DiaryView>,
    pub ledgers: [Option<LedgerView>; 3],
    pub households: Option<HouseholdsView>,
    pub stats: Option<DashboardView>,
    pub sync: Option<SyncTab>,
}

impl Views {
    /// Shows `tab`: creates its view the first time, reloads it afterwards (fresh data).
    pub fn show(&mut self, store: &Store, lang: Lang, today: NaiveDate, tab: usize) {
        if let Some((i, l)) = ledger_of(tab) {
            match &mut self.ledgers[i] {
                Some(v) => v.reload(store),
                None => self.ledgers[i] = Some(LedgerView::new(store, lang, today, l)),
            }
        } else if tab == TAB_DIARY {
            match &mut self.diary {
                Some(v) => v.reload(store),
                None => self.diary = Some(DiaryView::new(store, lang, today)),
            }
        } else if tab == TAB_HOUSEHOLDS {
            match &mut self.households {
                Some(v) => v.reload(store),
                None => self.households = Some(HouseholdsView::new(store, lang)),
            }
        } else if tab == TAB_STATS {
            match &mut self.stats {
                Some(v) => v.reload(store),
                None => self.stats = Some(DashboardView::new(store, lang, today)),
            }
        } else if tab == TAB_SYNC {
            match &mut self.sync {
                Some(v) => v.reload(store),
                None => self.sync = Some(SyncTab::new(store, lang)),
            }
        }
    }

    /// Re-reads the current tab's data (`r`).
    pub fn reload(&mut self, store: &Store, tab: usize) {
        if let Some((i, _)) = ledger_of(tab) {
            if let Some(v) = &mut self.ledgers[i] {
                v.reload(store);
            }
        } else if tab == TAB_DIARY {
            if let Some(v) = &mut self.diary {
                v.reload(store);
            }
        } else if tab == TAB_HOUSEHOLDS
            && let Some(v) = &mut self.households
        {
            v.reload(store);
        } else if tab == TAB_STATS
            && let Some(v) = &mut self.stats
        {
            v.reload(store);
        } else if tab == TAB_SYNC
            && let Some(v) = &mut self.sync
        {
            v.reload(store);
        }
    }

    /// Gives a key to the current screen first (filters such as `v`, `o`); true if it used it.
    pub fn on_key(&mut self, store: &Store, tab: usize, key: KeyEvent) -> bool {
        if let Some((i, _)) = ledger_of(tab) {
            return self.ledgers[i]
                .as_mut()
                .is_some_and(|v| v.on_key(store, key));
        }
        match tab {
            TAB_DIARY => self.diary.as_mut().is_some_and(|v| v.on_key(store, key)),
            TAB_HOUSEHOLDS => self
                .households
                .as_mut()
                .is_some_and(|v| v.on_key(store, key)),
            TAB_STATS => self.stats.as_mut().is_some_and(|v| v.on_key(store, key)),
            _ => false,
        }
    }

    /// Moves the current screen's selection by `delta` rows.
    pub fn move_by(&mut self, store: &Store, tab: usize, delta: i64) {
        if let Some((i, _)) = ledger_of(tab) {
            if let Some(v) = &mut self.ledgers[i] {
                v.move_by(store, delta);
            }
        } else if tab == TAB_DIARY {
            if let Some(v) = &mut self.diary {
                v.move_by(store, delta);
            }
        } else if tab == TAB_HOUSEHOLDS
            && let Some(v) = &mut self.households
        {
            v.move_by(store, delta);
        } else if tab == TAB_SYNC
            && let Some(v) = &mut self.sync
        {
            v.move_by(delta);
        } else if tab == TAB_STATS
            && let Some(v) = &mut self.stats
        {
            v.move_by(delta);
        }
    }

    /// What Enter opens on tab `tab` (the selected row), and what `n` creates there.
    pub fn target(&self, tab: usize, new: bool) -> Option<Target> {
        if let Some((i, ledger)) = ledger_of(tab) {
            if new {
                return Some(Target::NewItem(ledger));
            }
            return Some(Target::Item(
                self.ledgers[i].as_ref()?.selected_row()?.item.id,
            ));
        }
        match (tab, new) {
            (0 | TAB_DIARY, true) => Some(Target::NewVisit(None)),
            (TAB_DIARY, false) => Some(Target::Visit(self.diary.as_ref()?.selected()?.id)),
            (TAB_HOUSEHOLDS, true) => Some(Target::NewHousehold),
            (TAB_SYNC, false) => Some(Target::Conflicts(None)),
            (TAB_STATS, false) => self.stats.as_ref()?.target(),
            (TAB_HOUSEHOLDS, false) => {
                Some(Target::Household(self.households.as_ref()?.selected()?.id))
            }
            _ => None,
        }
    }

    /// Lines above the current screen's list (title, filters, column heads).
    pub fn header_lines(tab: usize) -> u16 {
        if ledger_of(tab).is_some() {
            ledger::HEADER_LINES
        } else {
            diary::HEADER_LINES
        }
    }

    /// Keeps the selection on screen for a body `body_height` rows high.
    pub fn ensure_visible(&mut self, tab: usize, body_height: u16) {
        let h = usize::from(body_height.saturating_sub(Self::header_lines(tab)));
        if let Some((i, _)) = ledger_of(tab) {
            if let Some(v) = &mut self.ledgers[i] {
                v.ensure_visible(h);
            }
        } else if tab == TAB_DIARY {
            if let Some(v) = &mut self.diary {
                v.ensure_visible(h);
            }
        } else if tab == TAB_HOUSEHOLDS
            && let Some(v) = &mut self.households
        {
            v.ensure_visible(h);
        }
    }

    /// Selects the list line shown at `offset` rows below the column heads (a mouse click).
    pub fn click(&mut self, store: &Store, tab: usize, offset: usize) {
        if let Some((i, _)) = ledger_of(tab) {
            if let Some(v) = &mut self.ledgers[i] {
                let line = v.scroll + offset;
                v.select_line(store, line);
            }
        } else if tab == TAB_DIARY {
            if let Some(v) = &mut self.diary {
                let line = v.list.scroll + offset;
                v.select_line(store, line);
            }
        } else if tab == TAB_HOUSEHOLDS
            && let Some(v) = &mut self.households
        {
            let line = v.list.scroll + offset;
            v.select_line(store, line);
        }
    }

    /// Draws the current screen; false if this tab has no screen yet.
    pub fn render(&self, tab: usize, area: Rect, buf: &mut Buffer) -> bool {
        if let Some((i, _)) = ledger_of(tab) {
            self.ledgers[i]
                .as_ref()
                .map(|v| v.render(area, buf))
                .is_some()
        } else if tab == TAB_DIARY {
            self.diary.as_ref().map(|v| v.render(area, buf)).is_some()
        } else if tab == TAB_HOUSEHOLDS {
            self.households
                .as_ref()
                .map(|v| v.render(area, buf))
                .is_some()
        } else if tab == TAB_STATS {
            self.stats.as_ref().map(|v| v.render(area, buf)).is_some()
        } else if tab == TAB_SYNC {
            self.sync.as_ref().map(|v| v.render(area, buf)).is_some()
        } else {
            false
        }
    }

    /// Where the terminal cursor goes on tab `tab` drawn in `body`: the caret of an open text
    /// field (so a pinyin IME's candidate window opens there), or `None`.
    pub fn cursor(&self, tab: usize, body: Rect) -> Option<Position> {
        match tab {
            TAB_DIARY => self.diary.as_ref()?.cursor(body),
            TAB_HOUSEHOLDS => self.households.as_ref()?.cursor(body),
            _ => {
                let (i, _) = ledger_of(tab)?;
                self.ledgers[i].as_ref()?.cursor(body)
            }
        }
    }

    /// The bottom bar of tab `tab` (tabs without a screen get the general one).
    pub fn hint(tab: usize) -> T {
        if ledger_of(tab).is_some() {
            ledger_strings::hint()
        } else if tab == TAB_DIARY {
            lists_strings::HINT_DIARY
        } else if tab == TAB_HOUSEHOLDS {
            lists_strings::HINT_HOUSEHOLDS
        } else if tab == TAB_STATS {
            dashboard_strings::HINT
        } else if tab == TAB_SYNC {
            sync_strings::HINT_TAB
        } else {
            s::HINT_OTHER
        }
    }

    /// Every key of tab `tab`, for the `?` overlay.
    pub fn keys(tab: usize) -> Vec<(&'static str, T)> {
        if ledger_of(tab).is_some() {
            let mut k = vec![s::KEY_TABS];
            k.extend_from_slice(ledger_strings::HELP_LEDGER);
            k.extend([s::KEY_REFRESH, s::KEY_MOUSE, s::KEY_HELP, s::KEY_QUIT]);
            k
        } else if tab == TAB_DIARY {
            lists_strings::HELP_DIARY.to_vec()
        } else if tab == TAB_HOUSEHOLDS {
            lists_strings::HELP_HOUSEHOLDS.to_vec()
        } else if tab == TAB_SYNC {
            sync_strings::HELP_TAB.to_vec()
        } else if tab == TAB_STATS {
            dashboard_strings::HELP.to_vec()
        } else {
            vec![
                s::KEY_TABS,
                s::KEY_REFRESH,
                s::KEY_MOUSE,
                s::KEY_HELP,
                s::KEY_QUIT,
            ]
        }
    }
}
