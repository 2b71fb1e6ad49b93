//! The export layer of the 同步 tab: choose where the bundle for a trusted device goes (the
//! folder used last, a USB drive found on this computer, or a typed folder), then write it.

use std::path::{Path, PathBuf};

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::store::peers::Peer;
use crate::sync::cards::own_card;
use crate::sync::export::{ExportRequest, export};
use crate::sync::keys::DeviceKeys;
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::screens::sync_chooser::{Chooser, Chosen};
use crate::tui::screens::sync_places::{
    self as places, ExportSummary, Place, device_keys, expand, remember_folder,
};
use crate::tui::screens::sync_strings as ss;
use crate::tui::strings::T;

/// Choosing a folder, then writing the bundle there.
pub struct ExportLayer {
    pub lang: Lang,
    keys: DeviceKeys,
    /// The receiving device, as chosen on the tab.
    pub peer: Peer,
    pub places: Vec<Place>,
    pub chooser: Chooser,
    /// The folder to write to once the frame saying so is drawn.
    pub writing: Option<PathBuf>,
    /// Why the last attempt failed (nothing was written).
    pub message: Option<String>,
}

impl ExportLayer {
    /// The layer for exporting to `peer`; the one line saying why not if this device has no
    /// keys.
    pub fn open(store: &Store, lang: Lang, peer: Peer) -> Result<ExportLayer, String> {
        let keys = device_keys(store, lang)?;
        let places = places::places(store);
        Ok(ExportLayer {
            lang,
            keys,
            peer,
            chooser: Chooser::new(places.len()),
            places,
            writing: None,
            message: None,
        })
    }

    fn start(&mut self, dir: PathBuf) -> Outcome {
        self.message = None;
        self.writing = Some(dir);
        Outcome::Stay
    }

    /// Writes the bundle into `dir`: on success the folder is remembered and the layer closes
    /// with the path in the status line; a failure stays here in red, nothing written.
    fn export_to(&mut self, store: &Store, dir: &Path) -> Outcome {
        let lang = self.lang;
        let result = (|| {
            let me = own_card(store, &self.keys)?;
            // Fresh from the store: what the peer acknowledged may have changed since the tab
            // was drawn.
            let peer = store
                .peer(&self.peer.id)?
                .unwrap_or_else(|| self.peer.clone());
            let to = [peer];
            export(
                store,
                &self.keys,
                &me,
                &ExportRequest {
                    to: &to,
                    full: false,
                    villages: &[],
                    out: dir,
                },
            )
        })();
        match result {
            Ok(done) => {
                remember_folder(store, dir);
                let path = done.path.display().to_string();
                places::save_export(
                    store,
                    &ExportSummary {
                        at: places::now_stamp(),
                        to: self.peer.card.name.clone(),
                        ops: done.ops,
                        path: path.clone(),
                    },
                );
                Outcome::Saved(ss::exported(lang, done.ops, &self.peer.card.name, &path))
            }
            Err(e) => {
                self.message = Some(e.message(lang));
                Outcome::Stay
            }
        }
    }
}

impl Layer for ExportLayer {
    fn on_key(&mut self, _ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        if self.writing.is_some() {
            return Outcome::Stay;
        }
        match self.chooser.on_key(self.lang, key) {
            Chosen::Nothing => Outcome::Stay,
            Chosen::Pass => Outcome::Pass,
            Chosen::Close => Outcome::Close,
            Chosen::Row(n) => match self.places.get(n) {
                Some(p) => {
                    let dir = p.path.clone();
                    self.start(dir)
                }
                None => Outcome::Stay,
            },
            Chosen::Typed(t) => {
                let dir = expand(&t);
                if dir.is_dir() {
                    self.start(dir)
                } else {
                    self.chooser.error = Some(ss::not_a_folder(self.lang, &t));
                    Outcome::Stay
                }
            }
        }
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Option<Outcome> {
        let dir = self.writing.take()?;
        Some(self.export_to(ctx.store, &dir))
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        let (_, input) = self.layout(area);
        self.chooser
            .cursor(ss::TYPED_FOLDER.get(self.lang), input)
            .filter(|_| self.writing.is_none())
    }

    fn hint(&self) -> T {
        if self.writing.is_some() {
            ss::HINT_WAIT
        } else {
            ss::HINT_EXPORT
        }
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        ss::KEYS_CHOOSER.to_vec()
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, _col: u16, row: u16) -> Outcome {
        let (list, input) = self.layout(area);
        self.chooser.click(row, list.y, list.height, input.y);
        Outcome::Stay
    }

    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, lines: i32) {
        self.chooser.move_by(lines.signum());
    }
}
