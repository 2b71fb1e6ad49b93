//! The import layer of the 同步 tab: pick a `.mqb` file from the folder used last or a USB
//! drive (or type where it is), see what a dry run says it would change, confirm, import.
//! A refused file shows its one-line reason and changes nothing.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::sync::import::{ImportReport, Pending, import, prepare};
use crate::sync::keys::DeviceKeys;
use crate::tui::layer::{Ctx, Layer, Outcome};
use crate::tui::screens::sync_chooser::{Chooser, Chosen};
use crate::tui::screens::sync_places::{
    self as places, BundleFile, ImportSummary, Place, PlaceKind, bundles_in, device_keys, expand,
    remember_folder,
};
use crate::tui::screens::sync_strings as ss;
use crate::tui::strings::T;

/// Where the import is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Choosing a file.
    Pick,
    /// The dry run of this file runs once the frame saying so is drawn.
    Check(PathBuf),
    /// The dry run said this; Enter imports.
    Confirm(PathBuf, Box<ImportReport>),
    /// The import of this file runs once the frame saying so is drawn.
    Import(PathBuf, Box<ImportReport>),
}

/// The file picker, the dry run's report and the import.
pub struct ImportLayer {
    pub lang: Lang,
    keys: DeviceKeys,
    pub places: Vec<Place>,
    pub files: Vec<BundleFile>,
    pub chooser: Chooser,
    pub stage: Stage,
    /// Why the file was refused (in red); nothing was written.
    pub message: Option<String>,
    /// During `Stage::Import`: the step about to run (0 read and check, 1 backup, 2 merge),
    /// shown as the progress bar, and the import checked by step 0.
    pub step: u8,
    pending: Option<Pending>,
}

impl ImportLayer {
    /// The picker over the folder used last and the drives; the one line saying why not if
    /// this device has no keys.
    pub fn open(store: &Store, lang: Lang) -> Result<ImportLayer, String> {
        let keys = device_keys(store, lang)?;
        let places = places::places(store);
        let files = bundles_in(&places);
        Ok(ImportLayer {
            lang,
            keys,
            chooser: Chooser::new(files.len()),
            places,
            files,
            stage: Stage::Pick,
            message: None,
            step: 0,
            pending: None,
        })
    }

    /// The file name shown while checking or importing `path`.
    pub fn name(path: &std::path::Path) -> String {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        )
    }

    fn check(&mut self, path: PathBuf) -> Outcome {
        self.message = None;
        self.stage = Stage::Check(path);
        Outcome::Stay
    }

    /// A typed file is checked; a typed folder joins the places searched.
    fn typed(&mut self, text: &str) -> Outcome {
        let path = expand(text);
        if path.is_file() {
            return self.check(path);
        }
        if !path.is_dir() {
            self.chooser.error = Some(ss::not_found(self.lang, text));
            return Outcome::Stay;
        }
        if !self.places.iter().any(|p| p.path == path) {
            self.places.push(Place {
                kind: PlaceKind::Typed,
                path: path.clone(),
            });
        }
        self.files = bundles_in(&self.places);
        self.chooser.set_len(self.files.len());
        if let Some(n) = self.files.iter().position(|f| f.place.path == path) {
            self.chooser.selected = n;
        } else {
            self.chooser.error = Some(ss::NO_FILES.get(self.lang).to_owned());
        }
        Outcome::Stay
    }

    /// The merge of the checked import (or the whole import, if nothing was checked yet).
    fn finish(
        &mut self,
        store: &mut Store,
        path: &std::path::Path,
    ) -> Result<ImportReport, crate::sync::SyncError> {
        match self.pending.take() {
            Some(p) => p.apply(store),
            None => import(store, &self.keys, path, false),
        }
    }

    fn refused(&mut self, msg: String) -> Option<Outcome> {
        self.message = Some(msg);
        self.stage = Stage::Pick;
        self.pending = None;
        self.step = 0;
        Some(Outcome::Stay)
    }
}

impl Layer for ImportLayer {
    fn on_key(&mut self, _ctx: &mut Ctx<'_>, key: KeyEvent) -> Outcome {
        match &self.stage {
            Stage::Check(_) | Stage::Import(..) => Outcome::Stay,
            Stage::Confirm(path, report) => match key.code {
                KeyCode::Enter | KeyCode::Char('y' | 'Y') => {
                    self.stage = Stage::Import(path.clone(), report.clone());
                    self.step = 0;
                    self.pending = None;
                    Outcome::Stay
                }
                KeyCode::Esc | KeyCode::Char('n' | 'N') => {
                    self.stage = Stage::Pick;
                    Outcome::Stay
                }
                KeyCode::F(_) | KeyCode::Char('?') => Outcome::Pass,
                _ => Outcome::Stay,
            },
            Stage::Pick => match self.chooser.on_key(self.lang, key) {
                Chosen::Nothing => Outcome::Stay,
                Chosen::Pass => Outcome::Pass,
                Chosen::Close => Outcome::Close,
                Chosen::Row(n) => match self.files.get(n) {
                    Some(f) => {
                        let path = f.path.clone();
                        self.check(path)
                    }
                    None => Outcome::Stay,
                },
                Chosen::Typed(t) => self.typed(&t),
            },
        }
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Option<Outcome> {
        let lang = self.lang;
        match std::mem::replace(&mut self.stage, Stage::Pick) {
            Stage::Check(path) => match import(ctx.store, &self.keys, &path, true) {
                Ok(r) => {
                    self.stage = Stage::Confirm(path, Box::new(r));
                    Some(Outcome::Stay)
                }
                Err(e) => self.refused(e.message(lang)),
            },
            Stage::Import(path, report) if self.step == 0 => {
                match prepare(ctx.store, &self.keys, &path, false) {
                    Ok(p) => {
                        self.step = if p.needs_backup() { 1 } else { 2 };
                        self.pending = Some(p);
                        self.stage = Stage::Import(path, report);
                        Some(Outcome::Stay)
                    }
                    Err(e) => self.refused(e.message(lang)),
                }
            }
            Stage::Import(path, report) if self.step == 1 => {
                let backed = match self.pending.as_mut() {
                    Some(p) => p.backup(ctx.store),
                    None => Ok(()),
                };
                match backed {
                    Ok(()) => {
                        self.step = 2;
                        self.stage = Stage::Import(path, report);
                        Some(Outcome::Stay)
                    }
                    Err(e) => self.refused(e.message(lang)),
                }
            }
            Stage::Import(path, _) => match self.finish(ctx.store, &path) {
                Ok(r) => {
                    if let Some(dir) = path.parent() {
                        remember_folder(ctx.store, dir);
                    }
                    places::save_import(
                        ctx.store,
                        &ImportSummary {
                            at: places::now_stamp(),
                            from: r.sender.clone(),
                            ops_new: r.ops_new,
                            conflicts_new: r.conflicts_new,
                            path: path.display().to_string(),
                        },
                    );
                    Some(Outcome::Saved(ss::imported(
                        lang,
                        &r.sender,
                        r.ops_new,
                        r.conflicts_new,
                    )))
                }
                Err(e) => self.refused(e.message(lang)),
            },
            other => {
                self.stage = other;
                None
            }
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        if self.stage != Stage::Pick {
            return None;
        }
        let (_, input) = self.layout(area);
        self.chooser.cursor(ss::TYPED_PLACE.get(self.lang), input)
    }

    fn hint(&self) -> T {
        match self.stage {
            Stage::Pick => ss::HINT_IMPORT,
            Stage::Confirm(..) => ss::HINT_CONFIRM,
            Stage::Check(_) | Stage::Import(..) => ss::HINT_WAIT,
        }
    }

    fn keys(&self) -> Vec<(&'static str, T)> {
        match self.stage {
            Stage::Confirm(..) => ss::KEYS_CONFIRM.to_vec(),
            _ => ss::KEYS_CHOOSER.to_vec(),
        }
    }

    fn on_click(&mut self, _ctx: &mut Ctx<'_>, area: Rect, _col: u16, row: u16) -> Outcome {
        if self.stage == Stage::Pick {
            let (list, input) = self.layout(area);
            self.chooser.click(row, list.y, list.height, input.y);
        }
        Outcome::Stay
    }

    fn on_scroll(&mut self, _ctx: &mut Ctx<'_>, lines: i32) {
        if self.stage == Stage::Pick {
            self.chooser.move_by(lines.signum());
        }
    }
}
