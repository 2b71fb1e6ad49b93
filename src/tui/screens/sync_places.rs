//! Where bundles go and come from: the folder used last, the removable drives mounted on this
//! computer and the `.mqb` files in them; this device's keys; and the summaries of the last
//! export and import, kept in this device's settings so the 同步 tab shows them after a restart.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::sync::keys::{DeviceKeys, key_path};
use crate::tui::screens::sync_strings as ss;

/// The folder a bundle was last written to or read from.
pub const LAST_FOLDER: &str = "sync.last_folder";
/// Folders that count as removable drives, one per line, instead of looking for mounted ones
/// (for computers whose sticks mount elsewhere, e.g. under /mnt; empty: none).
pub const DRIVES: &str = "sync.drives";
const LAST_EXPORT: &str = "sync.last_export";
const LAST_IMPORT: &str = "sync.last_import";

/// What kind of place a folder is, for its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// The folder used last.
    Last,
    /// A mounted USB stick or card.
    Drive,
    /// A Windows drive letter (D: to Z:).
    Disk,
    /// Typed by the user.
    Typed,
}

impl PlaceKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PlaceKind::Last => ss::PLACE_LAST.get(lang),
            PlaceKind::Drive => ss::PLACE_DRIVE.get(lang),
            PlaceKind::Disk => ss::PLACE_DISK.get(lang),
            PlaceKind::Typed => ss::PLACE_TYPED.get(lang),
        }
    }
}

/// A folder a bundle may go to or come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    pub path: PathBuf,
}

/// The folder used last (if it still exists) first, then the drives; each folder once.
pub fn places(store: &Store) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    if let Ok(Some(last)) = store.setting(LAST_FOLDER) {
        let path = PathBuf::from(last);
        if path.is_dir() {
            out.push(Place {
                kind: PlaceKind::Last,
                path,
            });
        }
    }
    let drives = match store.setting(DRIVES) {
        Ok(Some(list)) => list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| (PlaceKind::Drive, PathBuf::from(l)))
            .filter(|(_, p)| p.is_dir())
            .collect(),
        _ => detect_drives(),
    };
    for (kind, path) in drives {
        if !out.iter().any(|p| p.path == path) {
            out.push(Place { kind, path });
        }
    }
    out
}

/// Removable drives mounted now: `/media/*`, `/media/*/*`, `/run/media/*/*` (Linux),
/// `/Volumes/*` (macOS), drive letters D: to Z: (Windows).
fn detect_drives() -> Vec<(PlaceKind, PathBuf)> {
    let mut out = Vec::new();
    if cfg!(windows) {
        for letter in b'D'..=b'Z' {
            let root = PathBuf::from(format!("{}:\\", char::from(letter)));
            if root.exists() {
                out.push((PlaceKind::Disk, root));
            }
        }
        return out;
    }
    let roots: &[(&str, usize)] = if cfg!(target_os = "macos") {
        &[("/Volumes", 0)]
    } else {
        &[("/media", 1), ("/run/media", 1)]
    };
    for (root, depth) in roots {
        mounted_under(Path::new(root), *depth, &is_mount_point, &mut out);
    }
    out
}

/// Subfolders of `dir` that are mount points, looking `depth` levels further down into those
/// that are not (`/media/<user>/<stick>`). Links are skipped (macOS links its system disk
/// into /Volumes).
fn mounted_under(
    dir: &Path,
    depth: usize,
    is_mount: &dyn Fn(&Path, &Path) -> bool,
    out: &mut Vec<(PlaceKind, PathBuf)>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut children: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    children.sort();
    for child in children {
        if is_mount(dir, &child) {
            out.push((PlaceKind::Drive, child));
        } else if depth > 0 {
            mounted_under(&child, depth - 1, is_mount, out);
        }
    }
}

/// A folder on another file system than its parent is where a drive is mounted.
#[cfg(unix)]
fn is_mount_point(parent: &Path, child: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(parent), std::fs::metadata(child)) {
        (Ok(p), Ok(c)) => p.dev() != c.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_parent: &Path, _child: &Path) -> bool {
    false
}

/// `~/…` with the home folder put in; other text as typed.
pub fn expand(typed: &str) -> PathBuf {
    let typed = typed.trim();
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    let rest = typed
        .strip_prefix("~/")
        .or_else(|| typed.strip_prefix("~\\"))
        .or((typed == "~").then_some(""));
    match (rest, home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(typed),
    }
}

/// A bundle file found in a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    pub path: PathBuf,
    pub name: String,
    pub place: Place,
    pub size: u64,
    pub modified: Option<DateTime<Local>>,
}

/// The `.mqb` files directly in each of `places`, newest first.
pub fn bundles_in(places: &[Place]) -> Vec<BundleFile> {
    let mut out: Vec<BundleFile> = Vec::new();
    for place in places {
        let Ok(entries) = std::fs::read_dir(&place.path) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let is_bundle = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("mqb"));
            let Ok(meta) = e.metadata() else { continue };
            if !is_bundle || !meta.is_file() || out.iter().any(|b| b.path == path) {
                continue;
            }
            out.push(BundleFile {
                name: e.file_name().to_string_lossy().into_owned(),
                place: place.clone(),
                size: meta.len(),
                modified: meta.modified().ok().map(DateTime::<Local>::from),
                path,
            });
        }
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
    out
}

/// "812 B", "12.4 KB", "3.1 MB".
pub fn size_label(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// This device's keys, or the one line saying why there are none.
pub fn device_keys(store: &Store, lang: Lang) -> Result<DeviceKeys, String> {
    let db = store
        .path()
        .ok_or_else(|| ss::NO_DB_FILE.get(lang).to_owned())?;
    let path = key_path(db);
    if !path.exists() {
        return Err(ss::no_keys(lang, &path.display().to_string()));
    }
    DeviceKeys::load(&path).map_err(|e| e.message(lang))
}

/// Remembers `folder` as the place of the next export or import.
pub fn remember_folder(store: &Store, folder: &Path) {
    // Only a convenience: failing to remember it must not turn a done export into an error.
    let _ = store.set_setting(LAST_FOLDER, &folder.to_string_lossy());
}

/// What the last export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    pub at: String,
    pub to: String,
    pub ops: u64,
    pub path: String,
}

/// What the last import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub at: String,
    pub from: String,
    pub ops_new: u64,
    pub conflicts_new: u64,
    pub path: String,
}

/// Now, as the summaries show it.
pub fn now_stamp() -> String {
    Local::now().format("%Y-%m-%d %H:%M").to_string()
}

fn load<T: for<'de> Deserialize<'de>>(store: &Store, key: &str) -> Option<T> {
    serde_json::from_str(&store.setting(key).ok()??).ok()
}

fn save<T: Serialize>(store: &Store, key: &str, v: &T) {
    // Like the folder: the summary is a convenience, the exchange itself is done.
    if let Ok(json) = serde_json::to_string(v) {
        let _ = store.set_setting(key, &json);
    }
}

pub fn last_export(store: &Store) -> Option<ExportSummary> {
    load(store, LAST_EXPORT)
}

pub fn last_import(store: &Store) -> Option<ImportSummary> {
    load(store, LAST_IMPORT)
}

pub fn save_export(store: &Store, s: &ExportSummary) {
    save(store, LAST_EXPORT, s);
}

pub fn save_import(store: &Store, s: &ImportSummary) {
    save(store, LAST_IMPORT, s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drives_are_mount_points_under_the_roots_one_level_down_at_most() {
        let dir = tempfile::tempdir().unwrap();
        let media = dir.path();
        for d in ["KINGSTON", "wang/SANDISK", "wang/docs", "wang/docs/deep"] {
            std::fs::create_dir_all(media.join(d)).unwrap();
        }
        let mounts = ["KINGSTON", "SANDISK", "deep"];
        let is_mount = |_: &Path, c: &Path| {
            c.file_name()
                .is_some_and(|n| mounts.contains(&&*n.to_string_lossy()))
        };
        let mut out = Vec::new();
        mounted_under(media, 1, &is_mount, &mut out);
        let found: Vec<PathBuf> = out.into_iter().map(|(_, p)| p).collect();
        assert_eq!(
            found,
            vec![media.join("KINGSTON"), media.join("wang/SANDISK")],
            "too deep is not looked at"
        );
    }

    #[test]
    fn bundles_are_listed_newest_first_and_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("old.mqb"), b"1").unwrap();
        std::fs::write(a.join("notes.txt"), b"1").unwrap();
        std::fs::write(b.join("NEW.MQB"), b"12345").unwrap();
        let old = std::fs::File::options()
            .write(true)
            .open(a.join("old.mqb"))
            .unwrap();
        old.set_modified(std::time::SystemTime::UNIX_EPOCH).unwrap();
        let place = |path: &Path| Place {
            kind: PlaceKind::Drive,
            path: path.to_path_buf(),
        };
        let found = bundles_in(&[place(&a), place(&b), place(&a)]);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["NEW.MQB", "old.mqb"]);
        assert_eq!(found[0].size, 5);
    }

    #[test]
    fn the_drives_setting_replaces_detection_and_the_last_folder_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let stick = dir.path().join("stick");
        std::fs::create_dir_all(&stick).unwrap();
        let store = Store::open_in_memory().unwrap();
        store
            .set_setting(DRIVES, &format!("{}\n/no/such/drive\n", stick.display()))
            .unwrap();
        store
            .set_setting(LAST_FOLDER, &dir.path().to_string_lossy())
            .unwrap();
        let p = places(&store);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].kind, p[0].path.as_path()),
            (PlaceKind::Last, dir.path())
        );
        assert_eq!(
            (p[1].kind, p[1].path.as_path()),
            (PlaceKind::Drive, &*stick)
        );
        store
            .set_setting(LAST_FOLDER, &stick.to_string_lossy())
            .unwrap();
        assert_eq!(places(&store).len(), 1, "one folder is listed once");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(812), "812 B");
        assert_eq!(size_label(12_700), "12.4 KB");
        assert_eq!(size_label(3_250_000), "3.1 MB");
    }
}
