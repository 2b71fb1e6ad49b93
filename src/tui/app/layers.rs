//! The layer stack of `App`: opening details and forms, giving them keys, acting on what they
//! report, the questions the app asks (quit with a form open, restore a draft), and keeping
//! the drafts of open forms on disk.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, DRAFT_EVERY_KEYS, Prompt, TAB_TODAY};
use crate::i18n::Localized;
use crate::store::local::Draft;
use crate::tui::action::Action;
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::open::{self, Target};
use crate::tui::strings as s;
use crate::tui::ui;

/// Runs `$body` with `$ctx` borrowing the store and identity while `$self.layers` stays free.
macro_rules! with_ctx {
    ($self:ident, $ctx:ident, $body:expr) => {{
        let mut $ctx = Ctx {
            store: &mut $self.store,
            lang: $self.lang,
            today: $self.today,
            me: $self.me.as_ref(),
        };
        $body
    }};
}

impl App {
    /// Opens `t` over the current screen.
    pub fn open(&mut self, t: Target) {
        let opened = with_ctx!(self, ctx, open::open(&mut ctx, t));
        match opened {
            Ok(Some(layer)) => self.layers.push(layer),
            Ok(None) => self.status = Some(s::GONE.get(self.lang).to_owned()),
            Err(e) => self.status = Some(e.message(self.lang)),
        }
    }

    /// A key for the top layer; false if the layer passed it on as a global key.
    pub(super) fn layer_key(&mut self, key: KeyEvent) -> bool {
        let Some(top) = self.layers.last_mut() else {
            return false;
        };
        let outcome = with_ctx!(self, ctx, top.on_key(&mut ctx, key));
        let used = self.act(outcome);
        if used {
            self.draft_keys += 1;
            if self.draft_keys >= DRAFT_EVERY_KEYS {
                self.tick();
            }
        }
        used
    }

    /// Runs the work the top layer has waiting ([`Layer::work`]); true if there was some (the
    /// screen changed and is drawn again at once). The event loop calls it after each frame.
    pub fn work(&mut self) -> bool {
        let Some(top) = self.layers.last_mut() else {
            return false;
        };
        match with_ctx!(self, ctx, top.work(&mut ctx)) {
            Some(outcome) => {
                self.act(outcome);
                true
            }
            None => false,
        }
    }

    /// Global actions while a layer is open; true if handled here.
    pub(super) fn layer_action(&mut self, action: Action) -> bool {
        match action {
            Action::SwitchTab(_) | Action::Refresh => {
                if self.layers.iter().any(|l| l.unsaved()) {
                    self.status = Some(s::FORM_OPEN.get(self.lang).to_owned());
                    return true;
                }
                self.close_all();
                false
            }
            Action::Back => {
                if self.help {
                    return false;
                }
                self.pop(false);
                true
            }
            Action::Click { col, row } if row > 0 && !ui::too_small(self.size) => {
                let body = ui::body_rect(self.size);
                let Some(top) = self.layers.last_mut() else {
                    return false;
                };
                let outcome = with_ctx!(self, ctx, top.on_click(&mut ctx, body, col, row));
                self.act(outcome);
                true
            }
            Action::Scroll(n) => {
                if let Some(top) = self.layers.last_mut() {
                    with_ctx!(self, ctx, top.on_scroll(&mut ctx, n));
                }
                true
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => true,
            Action::Home | Action::End => true,
            _ => false,
        }
    }

    /// Acts on what the top layer reported; false for `Pass`.
    fn act(&mut self, outcome: Outcome) -> bool {
        match outcome {
            Outcome::Pass => return false,
            Outcome::Stay => {}
            Outcome::Close => self.pop(false),
            Outcome::Saved(msg) => {
                self.pop(true);
                self.status = Some(msg);
            }
            Outcome::Open(layer) => {
                self.tick();
                self.layers.push(layer);
            }
        }
        true
    }

    /// Closes the top layer (its draft goes: it was saved or deliberately left) and refreshes
    /// what is under it when something was saved, in it or in a layer closed before.
    fn pop(&mut self, saved: bool) {
        if let Some(layer) = self.layers.pop()
            && let Some(slot) = layer.draft_slot()
        {
            let _ = self.store.delete_draft(&slot);
            self.draft_cache.remove(&slot);
        }
        self.stale_below |= saved;
        if self.stale_below {
            self.reload_below();
            if self.layers.is_empty() {
                self.stale_below = false;
            }
        }
        if self.layers.is_empty() && !self.pending_drafts.is_empty() {
            self.prompt = Some(Prompt::Draft);
        }
    }

    fn reload_below(&mut self) {
        if let Some(top) = self.layers.last_mut() {
            with_ctx!(self, ctx, top.reload(&mut ctx));
        } else if self.tab == TAB_TODAY {
            self.today_view.reload(&self.store);
        } else {
            self.views.reload(&self.store, self.tab);
        }
    }

    /// Closes every layer (none holds unsaved text) and refreshes the tab.
    fn close_all(&mut self) {
        // Only the tab is read again, once, at the end.
        self.stale_below = false;
        while !self.layers.is_empty() {
            self.pop(false);
        }
        self.reload_below();
    }

    /// Writes the drafts of open forms with unsaved text (and forgets those whose text was
    /// undone). Called every few keys and when typing pauses, so a crash or a killed terminal
    /// loses at most the last few keys.
    pub fn tick(&mut self) {
        self.roll_date(chrono::Local::now().date_naive());
        self.draft_keys = 0;
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
        for layer in &self.layers {
            let Some(slot) = layer.draft_slot() else {
                continue;
            };
            let draft = layer.draft().filter(|_| layer.unsaved());
            let body = draft.as_ref().map(|d| d.body.clone());
            if self.draft_cache.get(&slot) == Some(&body) {
                continue;
            }
            let result = match draft {
                Some(d) => self.store.save_draft(&Draft {
                    saved_at: now.clone(),
                    ..d
                }),
                None => self.store.delete_draft(&slot),
            };
            match result {
                Ok(()) => {
                    self.draft_cache.insert(slot, body);
                }
                Err(e) => self.status = Some(e.message(self.lang)),
            }
        }
    }

    /// The draft offered now, if the app is asking about one.
    pub fn offered_draft(&self) -> Option<&Draft> {
        match self.prompt {
            Some(Prompt::Draft) => self.pending_drafts.first(),
            _ => None,
        }
    }

    /// A key while a question is asked.
    pub(super) fn answer_prompt(&mut self, key: KeyEvent) {
        match (self.prompt.clone(), key.code) {
            (Some(Prompt::Quit), KeyCode::Char('y' | 'Y')) => {
                self.tick();
                self.quit = true;
            }
            (Some(Prompt::Quit), _) => self.prompt = None,
            (Some(Prompt::Draft), KeyCode::Enter) => {
                self.prompt = None;
                let d = self.pending_drafts.remove(0);
                let restored = with_ctx!(self, ctx, open::restore(&mut ctx, &d));
                match restored {
                    Ok(Some(layer)) => self.layers.push(layer),
                    Ok(None) => {
                        self.status = Some(s::DRAFT_GONE.get(self.lang).to_owned());
                        self.pending_drafts.insert(0, d);
                        self.prompt = Some(Prompt::Draft);
                    }
                    Err(e) => self.status = Some(e.message(self.lang)),
                }
            }
            (Some(Prompt::Draft), KeyCode::Char('d' | 'D')) => {
                let d = self.pending_drafts.remove(0);
                if let Err(e) = self.store.delete_draft(&d.slot) {
                    self.status = Some(e.message(self.lang));
                }
                if self.pending_drafts.is_empty() {
                    self.prompt = None;
                }
            }
            (Some(Prompt::Draft), KeyCode::Esc) => {
                // Later: the drafts stay on disk and are offered at the next start.
                self.pending_drafts.clear();
                self.prompt = None;
            }
            _ => {}
        }
    }

    /// The top layer, if any (for drawing).
    pub fn top(&self) -> Option<&dyn Layer> {
        self.layers.last().map(|l| &**l)
    }
}
