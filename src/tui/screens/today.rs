//! The 今日 (Today) screen's state: its data, loaded from the store's 今日 queries by
//! `update`, and the selection over its lines. Drawing it is in `today_draw.rs`.

use chrono::NaiveDate;

use crate::domain::calendar::Calendar;
use crate::domain::deadline::{Urgency, urgency};
use crate::i18n::{Lang, Localized};
use crate::store::query::ItemRow;
use crate::store::today::{NOT_VISITED_DAYS, NotVisited, TodayCounts, UrgentItem};
use crate::store::{Identity, Page, Paged, Store, StoreError};
use crate::tui::open::Target;
use crate::tui::widgets::scroll_to_show;

/// Rows fetched per section and per "more" step: a screenful or two, so the first frame is
/// quick even for a cadre with hundreds of households.
pub const PAGE: u64 = 50;

/// Lines above the scrolling list: who, the counts, a blank line.
pub const HEADER_LINES: u16 = 3;

/// The three lists of the screen, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Urgent,
    Awaiting,
    NotVisited,
}

const SECTIONS: [Section; 3] = [Section::Urgent, Section::Awaiting, Section::NotVisited];

/// One line of the list; the screen is a flat list so selection, paging and clicks are indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Title(Section),
    Empty,
    Blank,
    Urgent(usize),
    Awaiting(usize),
    NotVisited(usize),
    /// More rows of this section exist; selecting the line loads them.
    More(Section),
}

impl Entry {
    /// Lines the selection can rest on.
    pub fn selectable(self) -> bool {
        matches!(
            self,
            Entry::Urgent(_) | Entry::Awaiting(_) | Entry::NotVisited(_) | Entry::More(_)
        )
    }
}

/// Everything the screen shows, as loaded.
#[derive(Debug, Clone)]
pub struct TodayData {
    pub me: Identity,
    pub counts: TodayCounts,
    /// When a bundle last went to or came from a trusted device.
    pub last_exchange: Option<String>,
    /// Each urgent item with its label ("超期3个工作日"), computed once at load.
    pub urgent: Vec<(UrgentItem, Urgency)>,
    pub urgent_more: bool,
    pub awaiting: Paged<ItemRow>,
    pub not_visited: Paged<NotVisited>,
    /// The office and the county: answered items waiting for their verification (待核验).
    pub to_review: Option<u64>,
}

/// What the screen has to show.
#[derive(Debug, Clone)]
pub enum TodayState {
    /// `init` has not been run on this device.
    NoIdentity,
    /// Loading failed; the message is already in the user's language.
    Failed(String),
    Loaded(Box<TodayData>),
}

/// The 今日 screen.
#[derive(Debug, Clone)]
pub struct TodayView {
    pub lang: Lang,
    pub today: NaiveDate,
    pub state: TodayState,
    /// Index into [`TodayView::entries`]; always a selectable line when there is one.
    pub selected: usize,
    /// First list line shown.
    pub scroll: usize,
}

fn with_urgency(today: NaiveDate, rows: Vec<UrgentItem>) -> Vec<(UrgentItem, Urgency)> {
    let cal = Calendar::builtin();
    rows.into_iter()
        .map(|u| {
            let due = u.item.due_date.unwrap_or(today);
            let urg = urgency(cal, due, today, true);
            (u, urg)
        })
        .collect()
}

fn load(store: &Store, today: NaiveDate) -> Result<TodayState, StoreError> {
    let Some(me) = store.identity()? else {
        return Ok(TodayState::NoIdentity);
    };
    let first = Page::first(PAGE);
    let counts = store.today_counts(me.cadre_id, &me.name, today)?;
    let urgent = store.my_urgent_items(me.cadre_id, &me.name, today, first)?;
    let awaiting = store.awaiting_return_visit(me.cadre_id, &me.name, first)?;
    let not_visited = store.households_not_visited(me.cadre_id, today, NOT_VISITED_DAYS, first)?;
    Ok(TodayState::Loaded(Box::new(TodayData {
        counts,
        last_exchange: store.last_exchange()?,
        urgent: with_urgency(today, urgent.rows),
        urgent_more: urgent.more,
        awaiting,
        not_visited,
        to_review: if super::review::reviews(Some(&me)) {
            Some(store.review_count()?)
        } else {
            None
        },
        me,
    })))
}

impl TodayView {
    /// Loads the screen for `today`.
    pub fn new(store: &Store, lang: Lang, today: NaiveDate) -> TodayView {
        let mut v = TodayView {
            lang,
            today,
            state: TodayState::NoIdentity,
            selected: 0,
            scroll: 0,
        };
        v.reload(store);
        v
    }

    /// Reads everything again (first pages), keeping the selection where it can.
    pub fn reload(&mut self, store: &Store) {
        self.state = match load(store, self.today) {
            Ok(st) => st,
            Err(e) => TodayState::Failed(e.message(self.lang)),
        };
        self.settle(1);
    }

    /// The list's lines, in order.
    pub fn entries(&self) -> Vec<Entry> {
        let TodayState::Loaded(d) = &self.state else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, sec) in SECTIONS.into_iter().enumerate() {
            if k > 0 {
                out.push(Entry::Blank);
            }
            out.push(Entry::Title(sec));
            let (n, more) = match sec {
                Section::Urgent => (d.urgent.len(), d.urgent_more),
                Section::Awaiting => (d.awaiting.rows.len(), d.awaiting.more),
                Section::NotVisited => (d.not_visited.rows.len(), d.not_visited.more),
            };
            if n == 0 {
                out.push(Entry::Empty);
            }
            out.extend((0..n).map(|i| match sec {
                Section::Urgent => Entry::Urgent(i),
                Section::Awaiting => Entry::Awaiting(i),
                Section::NotVisited => Entry::NotVisited(i),
            }));
            if more {
                out.push(Entry::More(sec));
            }
        }
        out
    }

    /// Moves the selection by `delta` selectable lines, clamped to the list.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let sel: Vec<usize> = self.selectable();
        if sel.is_empty() {
            return;
        }
        let pos = sel.iter().position(|&i| i >= self.selected).unwrap_or(0);
        let pos = (pos as i64 + delta).clamp(0, sel.len() as i64 - 1) as usize;
        self.selected = sel[pos];
        self.load_more_if_selected(store);
    }

    /// Selects list line `line` (a click), if it is selectable.
    pub fn select_line(&mut self, store: &Store, line: usize) {
        if self.entries().get(line).is_some_and(|e| e.selectable()) {
            self.selected = line;
            self.load_more_if_selected(store);
        }
    }

    /// What Enter opens on the selected line: an item, or a household not visited lately.
    pub fn target(&self) -> Option<Target> {
        let TodayState::Loaded(d) = &self.state else {
            return None;
        };
        match self.entries().get(self.selected)? {
            Entry::Urgent(i) => Some(Target::Item(d.urgent.get(*i)?.0.item.id)),
            Entry::Awaiting(i) => Some(Target::Item(d.awaiting.rows.get(*i)?.id)),
            Entry::NotVisited(i) => {
                Some(Target::Household(d.not_visited.rows.get(*i)?.household.id))
            }
            _ => None,
        }
    }

    /// Keeps the selected line inside a list of `height` lines.
    pub fn ensure_visible(&mut self, height: usize) {
        self.scroll = scroll_to_show(self.scroll, self.selected, height);
        // A title just above the first row stays in view when the top is reached.
        if self.scroll > 0 && self.scroll == self.selected && self.selected <= 1 {
            self.scroll = 0;
        }
    }

    fn selectable(&self) -> Vec<usize> {
        let e = self.entries();
        (0..e.len()).filter(|&i| e[i].selectable()).collect()
    }

    /// Puts the selection on a selectable line at or after the current one (searching in
    /// `dir` first), e.g. after a reload shortened the list.
    fn settle(&mut self, dir: i64) {
        let sel = self.selectable();
        let after = sel.iter().copied().find(|&i| i >= self.selected);
        let before = sel.iter().rev().copied().find(|&i| i <= self.selected);
        self.selected = if dir >= 0 {
            after.or(before)
        } else {
            before.or(after)
        }
        .unwrap_or(0);
    }

    /// The "more" line was reached: fetch the section's next page in its place.
    fn load_more_if_selected(&mut self, store: &Store) {
        let Some(Entry::More(sec)) = self.entries().get(self.selected).copied() else {
            return;
        };
        let today = self.today;
        let TodayState::Loaded(d) = &mut self.state else {
            return;
        };
        let (id, name) = (d.me.cadre_id, d.me.name.clone());
        let res = match sec {
            Section::Urgent => {
                let page = Page {
                    offset: d.urgent.len() as u64,
                    limit: PAGE,
                };
                store.my_urgent_items(id, &name, today, page).map(|p| {
                    d.urgent.extend(with_urgency(today, p.rows));
                    d.urgent_more = p.more;
                })
            }
            Section::Awaiting => {
                let page = Page {
                    offset: d.awaiting.rows.len() as u64,
                    limit: PAGE,
                };
                store.awaiting_return_visit(id, &name, page).map(|p| {
                    d.awaiting.rows.extend(p.rows);
                    d.awaiting.more = p.more;
                })
            }
            Section::NotVisited => {
                let page = Page {
                    offset: d.not_visited.rows.len() as u64,
                    limit: PAGE,
                };
                store
                    .households_not_visited(id, today, NOT_VISITED_DAYS, page)
                    .map(|p| {
                        d.not_visited.rows.extend(p.rows);
                        d.not_visited.more = p.more;
                    })
            }
        };
        if let Err(e) = res {
            self.state = TodayState::Failed(e.message(self.lang));
        }
        self.settle(1);
    }
}
