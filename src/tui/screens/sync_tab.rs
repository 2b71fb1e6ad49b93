//! Tab 8 同步: this device and its fingerprint, what it has not exported, the last exchange,
//! the last export and import, the trusted devices (↑↓ chooses whom `e` exports to; `i`
//! imports), and the conflict review one key away. Drawing it is in `sync_tab_draw.rs`.

use crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::{Lang, Localized};
use crate::store::merge::VersionVector;
use crate::store::peers::Peer;
use crate::store::{Identity, Store};
use crate::sync::cards::own_card;
use crate::tui::layer::Layer;
use crate::tui::screens::sync_export::ExportLayer;
use crate::tui::screens::sync_import::ImportLayer;
use crate::tui::screens::sync_places::{self as places, ExportSummary, ImportSummary};
use crate::tui::screens::sync_strings as ss;

/// What the 同步 tab shows, as loaded.
pub struct SyncTab {
    pub lang: Lang,
    pub me: Option<Identity>,
    pub replica: String,
    /// This device's card fingerprint (to read out to the other side); `None` without keys.
    pub fingerprint: Option<String>,
    pub unexported: u64,
    pub ops: u64,
    pub conflicts: u64,
    pub vector: VersionVector,
    /// Trusted devices with their fingerprints and last exchanges.
    pub peers: Vec<Peer>,
    /// The peer `e` exports to.
    pub selected: usize,
    pub last_exchange: Option<String>,
    pub last_export: Option<ExportSummary>,
    pub last_import: Option<ImportSummary>,
    pub error: Option<String>,
}

/// The peer an export goes to unless the user chooses: the only office, else the first.
fn default_peer(peers: &[Peer]) -> usize {
    let offices: Vec<usize> = (0..peers.len())
        .filter(|&i| peers[i].card.role == "office")
        .collect();
    match offices.as_slice() {
        [one] => *one,
        _ => 0,
    }
}

impl SyncTab {
    pub fn new(store: &Store, lang: Lang) -> SyncTab {
        let mut v = SyncTab {
            lang,
            me: None,
            replica: store.replica_id().to_string(),
            fingerprint: None,
            unexported: 0,
            ops: 0,
            conflicts: 0,
            vector: VersionVector::new(),
            peers: Vec::new(),
            selected: 0,
            last_exchange: None,
            last_export: None,
            last_import: None,
            error: None,
        };
        v.reload(store);
        v.selected = default_peer(&v.peers);
        v
    }

    /// Reads everything again; the chosen peer stays chosen.
    pub fn reload(&mut self, store: &Store) {
        let chosen = self.selected_peer().map(|p| p.id.clone());
        let loaded = (|| {
            self.me = store.identity()?;
            self.unexported = store.unexported_count()?;
            self.ops = store.op_count()?;
            self.conflicts = store.conflict_count()?;
            self.vector = store.version_vector()?;
            self.peers = store.peers()?;
            self.last_exchange = store.last_exchange()?;
            Ok::<(), crate::store::StoreError>(())
        })();
        self.error = loaded.err().map(|e| e.message(self.lang));
        self.fingerprint = places::device_keys(store, self.lang)
            .ok()
            .and_then(|k| own_card(store, &k).ok())
            .map(|c| c.fingerprint());
        self.last_export = places::last_export(store);
        self.last_import = places::last_import(store);
        if let Some(id) = chosen
            && let Some(i) = self.peers.iter().position(|p| p.id == id)
        {
            self.selected = i;
        }
        self.selected = self.selected.min(self.peers.len().saturating_sub(1));
    }

    pub fn selected_peer(&self) -> Option<&Peer> {
        self.peers.get(self.selected)
    }

    pub fn move_by(&mut self, delta: i64) {
        let last = i64::try_from(self.peers.len()).unwrap_or(0) - 1;
        let to = (i64::try_from(self.selected).unwrap_or(0)).saturating_add(delta);
        self.selected = usize::try_from(to.min(last).max(0)).unwrap_or(0);
    }

    /// `e` and `i`: the layer to open, or the one line saying why it cannot open; `None` for
    /// other keys.
    pub fn on_key(&self, store: &Store, key: KeyEvent) -> Option<Result<Box<dyn Layer>, String>> {
        let lang = self.lang;
        match key.code {
            KeyCode::Char('e') => Some(match self.selected_peer() {
                None => Err(ss::NO_PEER_TO_SEND.get(lang).to_owned()),
                Some(p) => {
                    ExportLayer::open(store, lang, p.clone()).map(|l| Box::new(l) as Box<dyn Layer>)
                }
            }),
            KeyCode::Char('i') => {
                Some(ImportLayer::open(store, lang).map(|l| Box::new(l) as Box<dyn Layer>))
            }
            _ => None,
        }
    }
}
