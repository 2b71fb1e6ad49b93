//! The application state and `App::update`, the one place where actions change it and where
//! data is (re)loaded from the store. Drawing it lives in `ui.rs` and has no side effects.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::store::local::Draft;
use crate::store::{Identity, Store};
use crate::tui::action::Action;
use crate::tui::layer::Layer;
use crate::tui::open::Target;
use crate::tui::screens::review;
use crate::tui::screens::today::{HEADER_LINES, TodayView};
use crate::tui::strings::TABS;
use crate::tui::ui::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::views::{TAB_STATS, TAB_SYNC, Views};

mod layers;

/// The tab of the 今日 screen.
pub const TAB_TODAY: usize = 0;

/// The whole state of the running UI.
pub struct App {
    store: Store,
    pub lang: Lang,
    pub today: NaiveDate,
    /// Index into [`TABS`].
    pub tab: usize,
    /// The `?` overlay is open.
    pub help: bool,
    quit: bool,
    /// Terminal size as last reported (columns, rows); mouse clicks are mapped with it.
    pub size: (u16, u16),
    pub today_view: TodayView,
    /// Tabs 2–6, created when first shown.
    pub views: Views,
    /// Screens opened over the tabs (details, forms); the last one is on top.
    pub layers: Vec<Box<dyn Layer>>,
    /// A question that takes every key until answered.
    pub prompt: Option<Prompt>,
    /// Drafts left from the last run, offered back while no layer is open.
    pub pending_drafts: Vec<Draft>,
    /// A one-line message for the hint bar ("已保存"), cleared by the next key.
    pub status: Option<String>,
    me: Option<Identity>,
    /// Keys typed into forms since their drafts were last written.
    draft_keys: u32,
    /// `today` is the real date and moves on at midnight (not with the demo's fixed `--today`).
    pub follow_clock: bool,
    /// What each draft slot last held on disk (`None`: deleted), so idle ticks write nothing new.
    draft_cache: std::collections::BTreeMap<String, Option<String>>,
    /// Something was saved in a layer since the layers (and the tab) below it last read their
    /// data: each one reloads as it comes back to the top, so closing an item's detail after a
    /// 销号 shows the new status in the list under it and the new figures on 统计.
    stale_below: bool,
}

/// A question the app asks before going on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Quit with a form open and unsaved (its draft is kept).
    Quit,
    /// A form was left open last time: restore it?
    Draft,
}

/// Keys typed between two draft writes at most; a pause in typing writes at once (`tick`).
const DRAFT_EVERY_KEYS: u32 = 8;

impl App {
    /// Opens on 今日 with its data loaded, assuming an 80×24 terminal until told otherwise.
    pub fn new(store: Store, lang: Lang, today: NaiveDate) -> App {
        let today_view = TodayView::new(&store, lang, today);
        let me = store.identity().ok().flatten();
        let pending_drafts = store.drafts().unwrap_or_default();
        let prompt = (!pending_drafts.is_empty()).then_some(Prompt::Draft);
        App {
            store,
            lang,
            today,
            tab: TAB_TODAY,
            help: false,
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
            today_view,
            views: Views::default(),
            layers: Vec::new(),
            prompt,
            pending_drafts,
            status: None,
            me,
            draft_keys: 0,
            draft_cache: Default::default(),
            follow_clock: false,
            stale_below: false,
        }
    }

    /// True if this device's user verifies and closes items (office, county): 今日 then
    /// offers the review queue.
    pub fn reviews(&self) -> bool {
        review::reviews(self.me.as_ref())
    }

    /// The store (for callers that keep working with it after the UI).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where the real terminal cursor goes now (the caret of an open text field), if anywhere.
    pub fn cursor(&self) -> Option<ratatui::layout::Position> {
        if self.help || self.prompt.is_some() || ui::too_small(self.size) {
            return None;
        }
        if let Some(top) = self.layers.last() {
            return top.cursor(ui::body_rect(self.size));
        }
        if self.tab == TAB_TODAY {
            return None;
        }
        self.views.cursor(self.tab, ui::body_rect(self.size))
    }

    /// Moves to `date` if the app follows the clock and the day changed (a laptop left open
    /// overnight): 今日 and the lists count days left from the new day, and new records are
    /// dated by it.
    pub fn roll_date(&mut self, date: NaiveDate) {
        if !self.follow_clock || date == self.today {
            return;
        }
        self.today = date;
        self.today_view = TodayView::new(&self.store, self.lang, date);
        self.views = Views::default();
        if self.tab != TAB_TODAY {
            self.views.show(&self.store, self.lang, date, self.tab);
        }
        self.keep_visible();
    }

    /// True once the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Lines of the 今日 list that fit on screen now.
    fn list_height(&self) -> usize {
        usize::from(ui::body_rect(self.size).height.saturating_sub(HEADER_LINES))
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !self.layers.is_empty() && self.layer_action(action) {
            return;
        }
        match action {
            Action::Quit if self.layers.iter().any(|l| l.unsaved()) => {
                self.prompt = Some(Prompt::Quit);
            }
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.size = (width, height),
            Action::Help => self.help = !self.help,
            Action::Back => self.help = false,
            // While the overlay is open the screen under it stays as it is.
            _ if self.help => {}
            Action::SwitchTab(n) if n < TABS.len() => {
                if n == TAB_TODAY && self.tab != TAB_TODAY {
                    // Coming back to 今日 shows fresh numbers.
                    self.today_view.reload(&self.store);
                } else if n != self.tab {
                    self.views.show(&self.store, self.lang, self.today, n);
                }
                self.tab = n;
            }
            Action::SwitchTab(_) => {}
            Action::Refresh => {
                if self.tab == TAB_TODAY {
                    self.today_view.reload(&self.store);
                } else {
                    self.views.reload(&self.store, self.tab);
                }
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.list_height() as i64)),
            Action::PageDown => self.move_by(self.list_height() as i64),
            Action::Home => self.move_by(i64::MIN / 2),
            Action::End => self.move_by(i64::MAX / 2),
            Action::Scroll(n) => self.move_by(i64::from(n)),
            Action::Click { col, row } => self.click(col, row),
        }
        self.keep_visible();
    }

    /// Offers a key to the open layer or the current screen before it becomes a global
    /// action (filters such as `v` or `o` on a ledger, typing in a form); true if it was used.
    /// Only key presses count.
    pub fn on_key(&mut self, key: crossterm::event::KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
        if key.kind != KeyEventKind::Press {
            return false;
        }
        if self.prompt.is_some() {
            self.answer_prompt(key);
            return true;
        }
        self.status = None;
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        // Ctrl+C quits from anywhere, even with a text field open (asking if a form is unsaved);
        // F1 shows the keys where `?` would be typed into a field.
        if self.help || ctrl_c || key.code == KeyCode::F(1) {
            return false;
        }
        if !self.layers.is_empty() {
            return self.layer_key(key);
        }
        // 同步: `e` exports to the chosen device, `i` imports.
        if self.tab == TAB_SYNC
            && let Some(v) = &self.views.sync
            && let Some(opened) = v.on_key(&self.store, key)
        {
            match opened {
                Ok(layer) => self.layers.push(layer),
                Err(msg) => self.status = Some(msg),
            }
            return true;
        }
        // 统计: `d` asks for a custom period.
        if self.tab == TAB_STATS
            && key.code == KeyCode::Char('d')
            && key.modifiers.is_empty()
            && let Some(v) = &self.views.stats
        {
            self.layers.push(v.period_form());
            return true;
        }
        let used = if self.tab == TAB_TODAY {
            false
        } else {
            self.views.on_key(&self.store, self.tab, key)
        };
        if used {
            self.keep_visible();
            return true;
        }
        let target = match key.code {
            KeyCode::Enter if self.tab == TAB_TODAY => self.today_view.target(),
            KeyCode::Enter => self.views.target(self.tab, false),
            KeyCode::Char('n') => Views::target(&self.views, self.tab, true),
            // 今日 shows the conflict count and 同步 lists them: `c` opens the review.
            KeyCode::Char('c') if self.tab == TAB_TODAY || self.tab == TAB_SYNC => {
                Some(Target::Conflicts(None))
            }
            // The office and the county: `r` on 今日 opens the review queue (核验) instead of
            // reloading (coming back to 今日 reloads it anyway).
            KeyCode::Char('r') if self.tab == TAB_TODAY && self.reviews() => Some(Target::Review),
            // On 统计, where supervisors look at what waits for verification, `h` (核): `r`
            // stays the reload of the figures there.
            KeyCode::Char('h') if self.tab == TAB_STATS && self.reviews() => Some(Target::Review),
            _ => None,
        };
        match target {
            Some(t) => {
                self.open(t);
                true
            }
            None => false,
        }
    }

    fn keep_visible(&mut self) {
        if self.tab == TAB_TODAY {
            let h = self.list_height();
            self.today_view.ensure_visible(h);
        } else {
            let body = ui::body_rect(self.size).height;
            self.views.ensure_visible(self.tab, body);
        }
    }

    fn move_by(&mut self, delta: i64) {
        if self.tab == TAB_TODAY {
            self.today_view.move_by(&self.store, delta);
        } else {
            self.views.move_by(&self.store, self.tab, delta);
        }
    }

    /// A click on the tab bar switches tab; on a list line of 今日 selects it.
    fn click(&mut self, col: u16, row: u16) {
        if ui::too_small(self.size) {
            return;
        }
        if row == 0 {
            if let Some(n) = ui::tab_at(self.lang, col) {
                self.update(Action::SwitchTab(n));
            }
            return;
        }
        let body = ui::body_rect(self.size);
        if self.tab == TAB_STATS {
            if let Some(v) = &mut self.views.stats {
                v.click(col, row);
            }
            return;
        }
        let header = if self.tab == TAB_TODAY {
            HEADER_LINES
        } else {
            Views::header_lines(self.tab)
        };
        let top = body.y + header;
        if row < top || row >= body.y + body.height {
            return;
        }
        let offset = usize::from(row - top);
        if self.tab == TAB_TODAY {
            let line = self.today_view.scroll + offset;
            self.today_view.select_line(&self.store, line);
        } else {
            self.views.click(&self.store, self.tab, offset);
        }
    }
}
