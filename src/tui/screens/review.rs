//! The review queue layer (核验) of the township office and the county: the answered items
//! waiting for verification and, switched to with Tab, the items closed by override (audit);
//! paging, selection, Enter to the item, and the actions 销号 / 重办 / 上报 / 回访 taken straight
//! from the list through the item detail's own action forms (same fields, same workflow checks,
//! same saving). Other roles see the lists read-only. Drawing is in `review_draw.rs`.

use std::cell::Cell;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::item_actions::ActionForm;
use super::review_strings as rs;
use crate::domain::{ActionKind, ItemId};
use crate::i18n::{Lang, Localized};
use crate::store::review::{Counted, OverrideRow, ReviewRow};
use crate::store::{Identity, Page, Store, StoreError};
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{self, Target};
use crate::tui::strings::{self as s, T};
use crate::tui::widgets::scroll_to_show;

/// Rows read per page.
pub const PAGE: u64 = 100;

/// Lines above the list: the two list names, the column heads.
pub const HEADER_LINES: u16 = 2;
/// Lines under the list: a rule, the selected item (two lines), the message.
pub const FOOTER_LINES: u16 = 4;

/// The actions offered on the list, with the item detail's keys.
pub const ACTIONS: [(char, ActionKind); 4] = [
    ('x', ActionKind::Close),
    ('o', ActionKind::Reopen),
    ('u', ActionKind::Escalate),
    ('f', ActionKind::ReturnVisit),
];

/// True for the roles that verify and close items: the township office and the county.
pub fn reviews(me: Option<&Identity>) -> bool {
    me.is_some_and(|m| matches!(m.role.as_str(), "office" | "county"))
}

/// Which of the two lists is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// 待核验: answered items.
    Queue,
    /// 强制销号: items closed by override, for audit.
    Audit,
}

/// One list as loaded so far, with its selection.
#[derive(Debug, Clone)]
pub struct Rows<R> {
    pub rows: Vec<R>,
    pub more: bool,
    pub total: u64,
    pub selected: usize,
    /// First row shown.
    pub scroll: usize,
}

impl<R> Rows<R> {
    fn new(c: Counted<R>) -> Rows<R> {
        Rows {
            rows: c.page.rows,
            more: c.page.more,
            total: c.total,
            selected: 0,
            scroll: 0,
        }
    }

    fn empty() -> Rows<R> {
        Rows {
            rows: Vec::new(),
            more: false,
            total: 0,
            selected: 0,
            scroll: 0,
        }
    }

    /// Replaces the rows, keeping the selection on the same line number where it can.
    fn replace(&mut self, fresh: Rows<R>) {
        let (selected, scroll) = (self.selected, self.scroll);
        *self = fresh;
        self.selected = selected.min(self.rows.len().saturating_sub(1));
        self.scroll = scroll.min(self.selected);
    }
}

/// The review layer.
pub struct ReviewLayer {
    pub lang: Lang,
    pub today: NaiveDate,
    pub list: List,
    /// Office and county act from the list; anyone else only looks.
    pub can_act: bool,
    pub queue: Rows<ReviewRow>,
    pub audit: Rows<OverrideRow>,
    /// The audit list is read (again) once the frame showing the queue is on screen: it looks
    /// at every close event, which at county scale takes about a tenth of a second.
    pub audit_pending: bool,
    /// Why the last key did nothing (a refused action, a read-only list), or a load error.
    pub message: Option<String>,
    /// Something may have been saved from here: leaving refreshes the screen underneath.
    changed: bool,
    /// An item's detail was opened from here, and whatever was done there is read back at the
    /// next key (a layer closing without saving does not reload the one below).
    stale: bool,
    /// List rows on screen as last drawn, so paging steps by what is visible. A remembered
    /// layout, not data: drawing reads nothing else.
    pub(super) viewport: Cell<u16>,
}

/// The first `rows` rows of the queue (at least a page), so a reload keeps what was scrolled to.
fn load_queue(store: &Store, today: NaiveDate, rows: usize) -> Result<Rows<ReviewRow>, StoreError> {
    let page = Page::first(PAGE.max(rows as u64));
    Ok(Rows::new(store.review_queue(today, page)?))
}

fn load_audit(store: &Store, rows: usize) -> Result<Rows<OverrideRow>, StoreError> {
    Ok(Rows::new(
        store.override_closes(Page::first(PAGE.max(rows as u64)))?,
    ))
}

impl ReviewLayer {
    /// Reads the first page of the queue; the audit list follows after the first frame.
    pub fn open(ctx: &Ctx<'_>) -> Result<ReviewLayer, StoreError> {
        Ok(ReviewLayer {
            lang: ctx.lang,
            today: ctx.today,
            list: List::Queue,
            can_act: reviews(ctx.me),
            queue: load_queue(ctx.store, ctx.today, 0)?,
            audit: Rows::empty(),
            audit_pending: true,
            message: None,
            changed: false,
            stale: false,
            viewport: Cell::new(0),
        })
    }

    /// The shown list's length and selection.
    fn cursor(&self) -> (usize, usize) {
        match self.list {
            List::Queue => (self.queue.rows.len(), self.queue.selected),
            List::Audit => (self.audit.rows.len(), self.audit.selected),
        }
    }

    /// The item on the selected line of the shown list.
    pub fn selected_item(&self) -> Option<ItemId> {
        match self.list {
            List::Queue => self.queue.rows.get(self.queue.selected).map(|r| r.item.id),
            List::Audit => self.audit.rows.get(self.audit.selected).map(|r| r.item.id),
        }
    }

    /// Reads the queue again, keeping the selection where it can; the audit list follows
    /// after the next frame.
    fn refresh(&mut self, store: &Store) {
        match load_queue(store, self.today, self.queue.rows.len()) {
            Ok(q) => self.queue.replace(q),
            Err(e) => self.message = Some(e.message(self.lang)),
        }
        self.audit_pending = true;
        self.keep_visible();
    }

    /// Reads the audit list if it is waiting to be read.
    pub fn load_audit(&mut self, store: &Store) -> bool {
        if !std::mem::take(&mut self.audit_pending) {
            return false;
        }
        match load_audit(store, self.audit.rows.len()) {
            Ok(a) => self.audit.replace(a),
            Err(e) => self.message = Some(e.message(self.lang)),
        }
        self.keep_visible();
        true
    }

    /// Moves the selection by `delta` rows, reading the next page when the last row is reached.
    pub fn move_by(&mut self, store: &Store, delta: i64) {
        let (len, sel) = self.cursor();
        if len == 0 {
            return;
        }
        let to = (sel as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize;
        match self.list {
            List::Queue => self.queue.selected = to,
            List::Audit => self.audit.selected = to,
        }
        if to + 1 == len {
            self.load_more(store);
        }
        self.keep_visible();
    }

    fn load_more(&mut self, store: &Store) {
        let res = match self.list {
            List::Queue if self.queue.more => {
                let page = Page {
                    offset: self.queue.rows.len() as u64,
                    limit: PAGE,
                };
                store.review_queue(self.today, page).map(|c| {
                    self.queue.rows.extend(c.page.rows);
                    self.queue.more = c.page.more;
                })
            }
            List::Audit if self.audit.more => {
                let page = Page {
                    offset: self.audit.rows.len() as u64,
                    limit: PAGE,
                };
                store.override_closes(page).map(|c| {
                    self.audit.rows.extend(c.page.rows);
                    self.audit.more = c.page.more;
                })
            }
            _ => Ok(()),
        };
        if let Err(e) = res {
            self.message = Some(e.message(self.lang));
        }
    }

    /// List rows on screen (before the first frame: those of an 80×24 terminal).
    fn height(&self) -> u16 {
        match self.viewport.get() {
            0 => 15,
            h => h,
        }
    }

    fn keep_visible(&mut self) {
        let h = usize::from(self.height());
        self.queue.scroll = scroll_to_show(self.queue.scroll, self.queue.selected, h);
        self.audit.scroll = scroll_to_show(self.audit.scroll, self.audit.selected, h);
    }

    /// The other list (the audit read now if a key came before the frame that reads it).
    fn switch(&mut self, store: &Store) {
        self.list = match self.list {
            List::Queue => List::Audit,
            List::Audit => List::Queue,
        };
        if self.list == List::Audit {
            self.load_audit(store);
        }
    }

    fn say(&mut self, t: T) -> Outcome {
        self.message = Some(t.get(self.lang).to_owned());
        Outcome::Stay
    }

    /// An action key: the item detail's form for it, or why not (read-only role, nothing
    /// selected, or the workflow's refusal in the item's current status).
    fn action(&mut self, ctx: &mut Ctx<'_>, kind: ActionKind) -> Outcome {
        if !self.can_act {
            return self.say(rs::READ_ONLY);
        }
        let Some(id) = self.selected_item() else {
            return Outcome::Stay;
        };
        match ActionForm::load(ctx, id, kind) {
            Ok(Some(Ok(form))) => Outcome::Open(Box::new(form)),
            Ok(Some(Err(refused))) => {
                self.message = Some(refused.message(self.lang));
                Outcome::Stay
            }
            Ok(None) => self.say(s::GONE),
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    fn open_item(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let Some(id) = self.selected_item() else {
            return Outcome::Stay;
        };
        match open::open(ctx, Target::Item(id)) {
            Ok(Some(layer)) => {
                self.stale = true;
                Outcome::Open(layer)
            }
            Ok(None) => self.say(s::GONE),
            Err(e) => {
                self.message = Some(e.message(self.lang));
                Outcome::Stay
            }
        }
    }

    /// Esc: back, refreshing the screen underneath (今日's count) if anything was done here.
    fn leave(&self) -> Outcome {
        if self.changed {
            let msg = rs::left_message(self.lang, self.queue.total);
            Outcome::Saved(msg)
        } else {
            Outcome::Close
        }
    }

    /// The list line at terminal row `row` of `area`, if it shows one.
    fn line_at(&self, area: Rect, row: u16) -> Option<usize> {
        let top = area.y + HEADER_LINES;
        let bottom = area.bottom().saturating_sub(FOOTER_LINES);
        if row < top || row >= bottom {
            return None;
        }
        let scroll = match self.list {
            List::Queue => self.queue.scroll,
            List::Audit => self.audit.scroll,
        };
        Some(scroll + usize::from(row - top))
    }
}

impl Layer for ReviewLayer {
    fn on_key(&mut self, ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Outcome::Pass;
        }
        if std::mem::take(&mut self.stale) {
            self.changed = true;
            self.refresh(ctx.store);
        }
        self.message = None;
        let page = i64::from(self.height().max(2) - 1);
        match key.code {
            KeyCode::Esc => return self.leave(),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right => {
                self.switch(ctx.store);
            }
            KeyCode::Up | KeyCode::Char('k') => self.move_by(ctx.store, -1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(ctx.store, 1),
            KeyCode::PageUp => self.move_by(ctx.store, -page),
            KeyCode::PageDown => self.move_by(ctx.store, page),
            KeyCode::Home => self.move_by(ctx.store, i64::MIN / 2),
            KeyCode::End => self.move_by(ctx.store, i64::MAX / 2),
            KeyCode::Enter => return self.open_item(ctx),
            KeyCode::Char('r') => self.refresh(ctx.store),
            KeyCode::Char(c) => {
                return match ACTIONS.iter().find(|(k, _)| *k == c) {
                    Some((_, kind)) => self.action(ctx, *kind),
                    None => Outcome::Pass,
                };
            }
            _ => return Outcome::Pass,
        }
        Outcome::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn hint(&self) -> T {
        if self.can_act {
            rs::HINT
        } else {
            rs::HINT_READ_ONLY
        }
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        let mut k = rs::KEYS.to_vec();
        k.push(s::KEY_QUIT);
        k
    }

    fn on_click(&mut self, ctx: &mut Ctx<'_>, area: Rect, _col: u16, row: u16) -> Outcome {
        self.message = None;
        if row == area.y {
            self.switch(ctx.store);
        } else if let Some(line) = self.line_at(area, row) {
            let (len, sel) = self.cursor();
            if line < len {
                self.move_by(ctx.store, line as i64 - sel as i64);
            }
        }
        Outcome::Stay
    }

    fn on_scroll(&mut self, ctx: &mut Ctx<'_>, lines: i32) {
        self.move_by(ctx.store, i64::from(lines));
    }

    /// The audit list, once the frame showing the queue is on screen.
    fn work(&mut self, ctx: &mut Ctx<'_>) -> Option<Outcome> {
        self.load_audit(ctx.store).then_some(Outcome::Stay)
    }

    /// An action form opened from here saved: read the lists again.
    fn reload(&mut self, ctx: &mut Ctx<'_>) {
        self.changed = true;
        self.stale = false;
        self.refresh(ctx.store);
    }
}
