//! Tab 7 统计, the dashboard's state: the period and village filters, the figures as loaded
//! (`Store::dashboard`), the focused pane, the sort order and the selection of each table, and
//! what its keys do. Drawing is in `dashboard_draw.rs` and the files it names.

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::dashboard_layout::{Areas, areas};
use super::dashboard_period::{PeriodForm, PeriodSlot};
use crate::domain::VillageId;
use crate::domain::period::Period;
use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::store::dashboard::{Dashboard, DashboardQuery, Figures};
use crate::tui::layer::Layer;
use crate::tui::open::Target;
use crate::tui::widgets::scroll_to_show;

/// The parts of the screen the focus moves between (Tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Villages,
    Cadres,
    Charts,
    Oldest,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Villages, Pane::Cadres, Pane::Charts, Pane::Oldest];

    /// Index of the pane's list in `selected` / `scroll` (charts have none).
    fn list(self) -> Option<usize> {
        match self {
            Pane::Villages => Some(0),
            Pane::Cadres => Some(1),
            Pane::Oldest => Some(2),
            Pane::Charts => None,
        }
    }
}

/// How the village and cadre tables are ordered (`o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Township, then name.
    Default,
    /// Lowest coverage first: who lags behind.
    Coverage,
    /// Most overdue first.
    Overdue,
    /// Lowest closure rate first.
    Closure,
    /// Lowest satisfaction first.
    Satisfaction,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Default,
        Sort::Coverage,
        Sort::Overdue,
        Sort::Closure,
        Sort::Satisfaction,
    ];

    /// The order of `rows` (their figures) under this sort: indices into `rows`. Rows without
    /// a rate (nothing to divide by) come last; ties keep the default order.
    pub fn order(self, rows: &[&Figures]) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..rows.len()).collect();
        let rate = |f: &Figures| match self {
            Sort::Coverage => f.visited_rate(),
            Sort::Closure => f.closure_rate(),
            Sort::Satisfaction => f.satisfaction_rate(),
            Sort::Default | Sort::Overdue => None,
        };
        match self {
            Sort::Default => {}
            Sort::Overdue => idx.sort_by_key(|&i| std::cmp::Reverse(rows[i].overdue_now)),
            _ => idx.sort_by(|&a, &b| {
                let (x, y) = (rate(rows[a]), rate(rows[b]));
                match (x, y) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
        }
        idx
    }
}

/// Tab 7.
pub struct DashboardView {
    pub lang: Lang,
    pub today: NaiveDate,
    pub period: Period,
    /// The village filter and its name.
    pub village: Option<(VillageId, String)>,
    /// Every village in table order, for `v` / `V`.
    pub village_list: Vec<(VillageId, String)>,
    /// The figures, or why they could not be read (in the user's language).
    pub data: Result<Dashboard, String>,
    pub pane: Pane,
    pub sort: Sort,
    /// Row order of the village and cadre tables (indices into the data).
    pub order: [Vec<usize>; 2],
    /// Selected line of the village table, the cadre table and the oldest items.
    pub selected: [usize; 3],
    /// First line shown of each.
    pub scroll: [usize; 3],
    /// The village names carry their township (a county database).
    pub many_townships: bool,
    /// Where the custom period form leaves its answer.
    slot: PeriodSlot,
    /// The body as last drawn: paging and clicks follow the layout on screen. A remembered
    /// layout, not data: drawing reads nothing else.
    pub(super) viewport: Cell<Rect>,
}

impl DashboardView {
    /// This month, all villages.
    pub fn new(store: &Store, lang: Lang, today: NaiveDate) -> DashboardView {
        let mut v = DashboardView {
            lang,
            today,
            period: Period::month(today),
            village: None,
            village_list: Vec::new(),
            data: Err(String::new()),
            pane: Pane::Villages,
            sort: Sort::Default,
            order: [Vec::new(), Vec::new()],
            selected: [0; 3],
            scroll: [0; 3],
            many_townships: false,
            slot: Rc::new(Cell::new(None)),
            viewport: Cell::new(Rect::new(0, 2, 80, 21)),
        };
        match store.dashboard_villages() {
            Ok(list) => {
                let first = list.first().map(|(_, _, t)| t.clone());
                v.many_townships = list.iter().any(|(_, _, t)| Some(t) != first.as_ref());
                v.village_list = list.into_iter().map(|(id, n, _)| (id, n)).collect();
            }
            Err(e) => v.data = Err(e.message(lang)),
        }
        v.reload(store);
        v
    }

    /// The query the figures answer.
    pub fn query(&self) -> DashboardQuery {
        DashboardQuery {
            period: self.period,
            village: self.village.as_ref().map(|(id, _)| *id),
            today: self.today,
        }
    }

    /// Reads the figures again (after a filter change, `r`, or a saved form); takes a period
    /// the custom form left.
    pub fn reload(&mut self, store: &Store) {
        if let Some(p) = self.slot.take() {
            self.period = p;
        }
        self.data = store
            .dashboard(&self.query())
            .map_err(|e| e.message(self.lang));
        self.resort();
    }

    /// Recomputes the table orders and keeps the selections inside the tables.
    fn resort(&mut self) {
        let sort = self.sort;
        if let Ok(d) = &self.data {
            let v: Vec<&Figures> = d.villages.iter().map(|r| &r.figures).collect();
            let c: Vec<&Figures> = d.cadres.iter().map(|r| &r.figures).collect();
            self.order = [sort.order(&v), sort.order(&c)];
        } else {
            self.order = [Vec::new(), Vec::new()];
        }
        for i in 0..3 {
            let n = self.len(i);
            self.selected[i] = self.selected[i].min(n.saturating_sub(1));
            self.scroll[i] = self.scroll[i].min(self.selected[i]);
        }
    }

    /// Lines of list `i` (0 villages, 1 cadres, 2 oldest items).
    pub fn len(&self, i: usize) -> usize {
        match (&self.data, i) {
            (Ok(d), 0) => d.villages.len(),
            (Ok(d), 1) => d.cadres.len(),
            (Ok(d), 2) => d.oldest.len(),
            _ => 0,
        }
    }

    /// The layout of the body as last drawn.
    pub(super) fn areas(&self) -> Areas {
        areas(self.viewport.get(), self.pane, (self.len(0), self.len(1)))
    }

    /// Panes the focus visits (Tab), in order: the charts only when they share the screen
    /// with nothing else.
    fn focusable(&self) -> Vec<Pane> {
        let shown = self.areas();
        Pane::ALL
            .into_iter()
            .filter(|p| *p != Pane::Charts || !shown.wide)
            .collect()
    }

    fn cycle_pane(&mut self, forward: bool) {
        let list = self.focusable();
        let pos = list.iter().position(|p| *p == self.pane).unwrap_or(0);
        let n = list.len();
        let next = if forward { pos + 1 } else { pos + n - 1 };
        self.pane = list[next % n];
    }

    /// Moves the focused list's selection by `delta` lines, clamped, scrolling to show it.
    pub fn move_by(&mut self, delta: i64) {
        let Some(i) = self.pane.list() else {
            return;
        };
        let n = self.len(i);
        if n == 0 {
            return;
        }
        let pos = (self.selected[i] as i64).saturating_add(delta);
        self.selected[i] = pos.clamp(0, n as i64 - 1) as usize;
        self.scroll[i] = scroll_to_show(self.scroll[i], self.selected[i], self.page(self.pane));
    }

    /// Rows of `pane`'s list on screen now (at least 1).
    fn page(&self, pane: Pane) -> usize {
        self.areas()
            .rows(pane)
            .map_or(1, |r| usize::from(r.height).max(1))
    }

    /// A click at `(col, row)` on the screen: a pane bar label focuses its pane, a table line
    /// focuses its table and selects the line.
    pub fn click(&mut self, col: u16, row: u16) {
        let a = self.areas();
        if let Some(p) = a.pane_at_bar(col, row, self.lang) {
            self.pane = p;
            return;
        }
        for p in [Pane::Villages, Pane::Cadres, Pane::Oldest] {
            let (Some(r), Some(i)) = (a.rows(p), p.list()) else {
                continue;
            };
            if col >= r.x && col < r.right() && row >= r.y && row < r.bottom() {
                self.pane = p;
                let line = self.scroll[i] + usize::from(row - r.y);
                if line < self.len(i) {
                    self.selected[i] = line;
                }
                return;
            }
        }
    }

    /// Handles a key of this screen; false if it is not one (the app handles it then).
    pub fn on_key(&mut self, store: &Store, key: KeyEvent) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let page = self.page(self.pane) as i64;
        match key.code {
            KeyCode::Tab => self.cycle_pane(true),
            KeyCode::BackTab => self.cycle_pane(false),
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-page),
            KeyCode::PageDown => self.move_by(page),
            KeyCode::Home => self.move_by(i64::MIN / 2),
            KeyCode::End => self.move_by(i64::MAX / 2),
            KeyCode::Char('p') => {
                self.period = self.period.next(self.today);
                self.reload(store);
            }
            KeyCode::Char('v') => self.cycle_village(store, true),
            KeyCode::Char('V') => self.cycle_village(store, false),
            KeyCode::Char('f') => {
                if self.village.is_some() {
                    self.village = None;
                } else if let Some(r) = self.selected_village() {
                    self.village = Some((r.0, r.1));
                }
                self.selected = [0; 3];
                self.reload(store);
            }
            KeyCode::Char('o') => {
                let pos = Sort::ALL.iter().position(|s| *s == self.sort).unwrap_or(0);
                self.sort = Sort::ALL[(pos + 1) % Sort::ALL.len()];
                self.selected[0] = 0;
                self.selected[1] = 0;
                self.scroll[0] = 0;
                self.scroll[1] = 0;
                self.resort();
            }
            KeyCode::Char('x') => {
                self.period = Period::month(self.today);
                self.village = None;
                self.sort = Sort::Default;
                self.selected = [0; 3];
                self.scroll = [0; 3];
                self.reload(store);
            }
            _ => return false,
        }
        true
    }

    /// `d`: the custom period form, filled in with the current period.
    pub fn period_form(&self) -> Box<dyn Layer> {
        Box::new(PeriodForm::new(self.lang, self.period, self.slot.clone()))
    }

    /// The next (or previous) village after the current filter; past the last, all villages.
    fn cycle_village(&mut self, store: &Store, forward: bool) {
        let list = &self.village_list;
        let cur = self
            .village
            .as_ref()
            .and_then(|(id, _)| list.iter().position(|(v, _)| v == id));
        let next = match (cur, forward) {
            (None, true) => list.first().cloned(),
            (None, false) => list.last().cloned(),
            (Some(i), true) => list.get(i + 1).cloned(),
            (Some(i), false) => i.checked_sub(1).and_then(|i| list.get(i)).cloned(),
        };
        self.village = next;
        self.selected = [0; 3];
        self.scroll = [0; 3];
        self.reload(store);
    }

    /// The village on the selected line of the village table.
    fn selected_village(&self) -> Option<(VillageId, String)> {
        let d = self.data.as_ref().ok()?;
        let i = *self.order[0].get(self.selected[0])?;
        d.villages.get(i).map(|r| (r.id, r.name.clone()))
    }

    /// What Enter opens: a village's or a cadre's items (within the village filter), or the
    /// selected oldest item.
    pub fn target(&self) -> Option<Target> {
        let d = self.data.as_ref().ok()?;
        match self.pane {
            Pane::Villages => Some(Target::Items {
                village: Some(self.selected_village()?.0),
                cadre: None,
            }),
            Pane::Cadres => {
                let i = *self.order[1].get(self.selected[1])?;
                Some(Target::Items {
                    village: self.village.as_ref().map(|(id, _)| *id),
                    cadre: Some(d.cadres.get(i)?.id?),
                })
            }
            Pane::Oldest => Some(Target::Item(d.oldest.get(self.selected[2])?.id)),
            Pane::Charts => None,
        }
    }
}
