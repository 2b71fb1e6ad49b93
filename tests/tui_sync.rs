//! The 同步 tab end to end: two devices set up by the real binary (`init`, `card`, `peer add`),
//! a bundle exported through the cadre's tab (typed folder, then the remembered one), imported
//! through the office's file picker after a dry run, and a refused file that changes nothing.

mod common;

use common::device::{init_device, minqing_ok};

use std::path::{Path, PathBuf};

use common::tui::{key, render, today, type_text};
use crossterm::event::KeyCode;
use minqing::domain::Household;
use minqing::i18n::Lang;
use minqing::store::{Page, Store};
use minqing::tui::screens::sync_places::{DRIVES, LAST_FOLDER};
use minqing::tui::{Action, App};

/// A device set up as a user would: `init`, then its card written beside the database.
struct Device {
    db: PathBuf,
    card: PathBuf,
}

impl Device {
    fn new(dir: &Path, folder: &str, role: &str, name: &str, villages: &[&str]) -> Device {
        let db = init_device(dir, folder, role, name, villages);
        let card = db.with_file_name("card.json");
        minqing_ok(&db, &["card", "--out", card.to_str().expect("utf-8")]);
        Device { db, card }
    }

    /// `peer add` of `other`'s card.
    fn trust(&self, other: &Device) {
        minqing_ok(
            &self.db,
            &["peer", "add", other.card.to_str().expect("utf-8")],
        );
    }
}

/// A cadre and the township office that trust each other.
fn pair(dir: &Path) -> (Device, Device) {
    let cadre = Device::new(dir, "cadre", "cadre", "汪晓艳", &["白虎村"]);
    let office = Device::new(dir, "office", "office", "两河镇党政办", &[]);
    cadre.trust(&office);
    office.trust(&cadre);
    (cadre, office)
}

/// The app on `db` at `w`×`h` with these settings; no drive is ever detected (`DRIVES` empty),
/// so what the test machine has mounted cannot change what is shown.
fn app(db: &Path, w: u16, h: u16, settings: &[(&str, &str)]) -> App {
    let store = Store::open(db).expect("open");
    store.set_setting(DRIVES, "").expect("setting");
    for (k, v) in settings {
        store.set_setting(k, v).expect("setting");
    }
    let mut app = App::new(store, Lang::Zh, today());
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    app
}

/// What the event loop does after a key: draw a frame, then run the work the frame announced.
fn work(app: &mut App) -> String {
    let (w, h) = app.size;
    let announced = render(&*app, w, h);
    while app.work() {}
    announced
}

/// `s` with every regex metacharacter escaped.
fn escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// Snapshot filters for what is random (temp folders, replica ids, fingerprints) or the time
/// of the run (time stamps, file names, sizes).
fn filters(dir: &Path) -> Vec<(String, String)> {
    vec![
        (escape(&dir.display().to_string()), "[dir]".into()),
        (r"设备 [0-9a-f]{8}".into(), "设备 [id]".into()),
        (r"\d{4}-\d{4}-\d{4}-\d{4}".into(), "[fingerprint]".into()),
        (r"\d{8}-\d{4}\.mqb".into(), "[stamp].mqb".into()),
        (r"\d{8}-\d*…".into(), "[stamp]…".into()),
        (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}".into(), "[time]".into()),
        (r"\d{2}-\d{2} \d{2}:\d{2}".into(), "[time]".into()),
        (r"\d+(\.\d)? (B|KB|MB) *".into(), "[size] ".into()),
    ]
}

macro_rules! snap {
    ($dir:expr, $name:expr, $screen:expr) => {{
        let f = filters($dir);
        let f: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        insta::with_settings!({ filters => f }, {
            insta::assert_snapshot!($name, $screen);
        });
    }};
}

fn resize(app: &mut App, w: u16, h: u16) {
    app.update(Action::Resize {
        width: w,
        height: h,
    });
}

#[test]
fn a_bundle_exported_on_the_tab_is_imported_through_the_offices_picker() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, office) = pair(dir.path());
    let stick = dir.path().join("U盘");
    std::fs::create_dir_all(&stick).expect("stick");
    let mut store = Store::open(&cadre.db).expect("open");
    let village = store.villages().expect("villages")[0].0;
    store
        .write(|w| {
            w.insert(
                minqing::domain::HouseholdId::new(),
                &Household {
                    village_id: village,
                    group_id: None,
                    head_name: "王凯".into(),
                    address: None,
                    phone: None,
                    tags: Vec::new(),
                    cadre_id: None,
                    note: None,
                },
            )
        })
        .expect("household");
    drop(store);

    // The cadre: nothing found, so the typed folder field has the focus.
    let mut a = app(&cadre.db, 80, 24, &[]);
    key(&mut a, KeyCode::Char('8'));
    key(&mut a, KeyCode::Char('e'));
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("发给：两河镇党政办（乡镇办公室）"),
        "{screen}"
    );
    assert!(screen.contains("没有找到 U 盘"), "{screen}");
    type_text(&mut a, &dir.path().join("没有").display().to_string());
    key(&mut a, KeyCode::Enter);
    let screen = render(&a, 80, 24);
    assert!(
        screen.contains("✗ 找不到文件夹"),
        "a wrong folder: {screen}"
    );
    assert!(a.layers.len() == 1 && !a.work(), "nothing to write");
    common::tui::ctrl(&mut a, 'u');
    type_text(&mut a, &stick.display().to_string());
    key(&mut a, KeyCode::Enter);
    let announced = work(&mut a);
    assert!(announced.contains("正在写入"), "{announced}");
    assert!(a.layers.is_empty(), "closed after writing");
    let status = a.status.clone().unwrap_or_default();
    assert!(status.starts_with("已导出"), "{status}");
    let bundles: Vec<PathBuf> = std::fs::read_dir(&stick)
        .expect("stick")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(bundles.len(), 1, "{bundles:?}");
    assert!(status.contains(&*bundles[0].to_string_lossy()), "{status}");
    assert_eq!(
        a.store().setting(LAST_FOLDER).expect("setting").as_deref(),
        Some(&*stick.to_string_lossy()),
        "the folder is remembered"
    );
    snap!(dir.path(), "sync_tab_80x24", render(&a, 80, 24));
    resize(&mut a, 120, 40);
    snap!(dir.path(), "sync_tab_120x40", render(&a, 120, 40));

    // Next time the remembered folder comes first.
    key(&mut a, KeyCode::Char('e'));
    snap!(dir.path(), "export_chooser_120x40", render(&a, 120, 40));
    resize(&mut a, 80, 24);
    snap!(dir.path(), "export_chooser_80x24", render(&a, 80, 24));
    key(&mut a, KeyCode::Esc);
    assert!(a.layers.is_empty());
    key(&mut a, KeyCode::Char('1'));
    let today_screen = render(&a, 80, 24);
    assert!(today_screen.contains("上次同步 "), "{today_screen}");
    drop(a);

    // The office: the picker lists the bundle in the folder it used last.
    let folder = stick.to_string_lossy().into_owned();
    let mut o = app(&office.db, 80, 24, &[(LAST_FOLDER, &folder)]);
    key(&mut o, KeyCode::Char('8'));
    key(&mut o, KeyCode::Char('i'));
    snap!(dir.path(), "import_picker_80x24", render(&o, 80, 24));
    resize(&mut o, 120, 40);
    snap!(dir.path(), "import_picker_120x40", render(&o, 120, 40));
    key(&mut o, KeyCode::Enter);
    let announced = work(&mut o);
    assert!(announced.contains("正在检查"), "{announced}");
    let confirm = render(&o, 120, 40);
    assert!(confirm.contains("发送方：汪晓艳"), "{confirm}");
    snap!(dir.path(), "import_confirm_120x40", confirm);
    resize(&mut o, 80, 24);
    snap!(dir.path(), "import_confirm_80x24", render(&o, 80, 24));
    assert!(
        o.store().peers().expect("peers")[0]
            .last_import_at
            .is_none(),
        "the dry run wrote nothing"
    );
    key(&mut o, KeyCode::Enter);
    // The progress bar moves one step per frame: check, backup, merge.
    let mut frames = Vec::new();
    for _ in 0..3 {
        frames.push(render(&o, 80, 24));
        if !o.work() {
            break;
        }
    }
    assert!(frames[0].contains("正在导入"), "{}", frames[0]);
    for (frame, step) in frames.iter().zip(["第 1/3 步", "第 2/3 步", "第 3/3 步"]) {
        assert!(frame.contains(step), "{step}: {frame}");
    }
    assert_eq!(frames.len(), 3);
    while o.work() {}
    assert!(o.layers.is_empty(), "closed after importing");
    let status = o.status.clone().unwrap_or_default();
    assert!(status.starts_with("已导入「汪晓艳」的同步包"), "{status}");

    let held = o.store();
    let households = held.households(None, Page::first(10)).expect("households");
    assert!(
        households.rows.iter().any(|h| h.head_name == "王凯"),
        "the cadre's household arrived"
    );
    let cadre_store = Store::open(&cadre.db).expect("cadre");
    let theirs = cadre_store.replica_id();
    let own = cadre_store.own_op_count().expect("count");
    assert_eq!(
        held.version_vector().expect("vv").get(&theirs),
        Some(&own),
        "every change of the cadre is held"
    );
    let tab = render(&o, 80, 24);
    assert!(tab.contains("上次导入"), "the summary stays: {tab}");
    assert!(tab.contains("来自「汪晓艳」"), "{tab}");
}

#[test]
fn a_refused_file_shows_why_in_red_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let (_cadre, office) = pair(dir.path());
    let stick = dir.path().join("U盘");
    std::fs::create_dir_all(&stick).expect("stick");
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(stick.join("x.mqb"), junk).expect("junk");
    let before = {
        let s = Store::open(&office.db).expect("open");
        (s.op_count().expect("ops"), s.version_vector().expect("vv"))
    };
    let folder = stick.to_string_lossy().into_owned();
    let mut o = app(&office.db, 80, 24, &[(LAST_FOLDER, &folder)]);
    key(&mut o, KeyCode::Char('8'));
    key(&mut o, KeyCode::Char('i'));
    key(&mut o, KeyCode::Enter);
    work(&mut o);
    let screen = render(&o, 80, 24);
    assert!(
        screen.contains("✗ 这个文件不是民情日志的同步包"),
        "the refusal: {screen}"
    );
    assert_eq!(o.layers.len(), 1, "the picker stays open");
    let s = o.store();
    assert_eq!(
        (s.op_count().expect("ops"), s.version_vector().expect("vv")),
        before
    );
    assert!(s.peers().expect("peers")[0].last_import_at.is_none());
    assert!(
        !office.db.with_file_name("backups").exists(),
        "no backup was even taken"
    );
    // Esc goes back to the tab, which shows no import.
    key(&mut o, KeyCode::Esc);
    assert!(render(&o, 80, 24).contains("上次导入：尚无"));
}

#[test]
fn up_and_down_choose_whom_to_export_to_the_office_first() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, _office) = pair(dir.path());
    let colleague = Device::new(dir.path(), "colleague", "cadre", "艾青", &["白虎村"]);
    cadre.trust(&colleague);
    let mut a = app(&cadre.db, 80, 24, &[]);
    key(&mut a, KeyCode::Char('8'));
    key(&mut a, KeyCode::Char('e'));
    assert!(
        render(&a, 80, 24).contains("发给：两河镇党政办"),
        "the office"
    );
    key(&mut a, KeyCode::Esc);
    // Peers are listed by name (code point order): 两河镇党政办, then 艾青.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Char('e'));
    assert!(render(&a, 80, 24).contains("发给：艾青（包村干部）"));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('r'));
    key(&mut a, KeyCode::Char('e'));
    assert!(
        render(&a, 80, 24).contains("发给：艾青"),
        "the choice survives a reload"
    );
}

#[test]
fn without_keys_or_peers_the_keys_say_what_to_do() {
    let mut a = App::new(common::tui::demo_store(5), Lang::Zh, today());
    key(&mut a, KeyCode::Char('8'));
    key(&mut a, KeyCode::Char('e'));
    assert!(a.layers.is_empty());
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains("peer add"), "{status}");
    key(&mut a, KeyCode::Char('i'));
    let status = a.status.clone().unwrap_or_default();
    assert!(
        status.contains("不在磁盘上"),
        "an in-memory store: {status}"
    );
    key(&mut a, KeyCode::Char('?'));
    let help = render(&a, 80, 24);
    assert!(help.contains("导出同步包给所选设备"), "{help}");
}

#[test]
fn the_tab_and_its_layers_speak_english_too() {
    let dir = tempfile::tempdir().expect("dir");
    let (cadre, _office) = pair(dir.path());
    let store = Store::open(&cadre.db).expect("open");
    store.set_setting(DRIVES, "").expect("setting");
    let mut a = App::new(store, Lang::En, today());
    key(&mut a, KeyCode::Char('8'));
    let tab = render(&a, 80, 24);
    assert!(tab.contains("Trusted devices (1)"), "{tab}");
    assert!(tab.contains("e export"), "the hint bar: {tab}");
    key(&mut a, KeyCode::Char('e'));
    let layer = render(&a, 80, 24);
    assert!(layer.contains("Export a bundle"), "{layer}");
    assert!(layer.contains("No USB drive"), "{layer}");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('i'));
    assert!(render(&a, 80, 24).contains("No bundle (.mqb) found"));
}
