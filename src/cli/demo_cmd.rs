//! `minqing demo`: write a demo database (to `--out`, or to a fresh temporary folder), with
//! device keys for its cadre and an enrolled township office device with its own database.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::commands::write_identity;
use super::peers_cmd::now_stamp;
use super::{Context, Failure, Role};
use crate::demo::{DemoParams, generate};
use crate::domain::Township;
use crate::i18n::{Lang, Localized};
use crate::store::{Store, StoreError};
use crate::sync::SyncError;
use crate::sync::cards::own_card;
use crate::sync::keys::{DeviceKeys, key_path};

/// A fresh folder under the system temp dir, so the demo never touches the user's real data.
fn temp_demo_path() -> Result<PathBuf, std::io::Error> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dir = std::env::temp_dir().join(format!("minqing-demo-{stamp}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join("minqing.db"))
}

/// Where the demo's township office device keeps its keys and card: `<stem>-office/` beside
/// the demo database, so several demos can share one folder.
fn office_dir(db: &Path) -> PathBuf {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("minqing");
    db.with_file_name(format!("{stem}-office"))
}

/// Gives the demo cadre its device keys and sets up a township office device in `office`: its
/// own database (`office.db`, role office, the same township), keys and card, the two devices
/// trusting each other, so export and import work both ways without setup. Returns the
/// office's fingerprint.
fn provision(store: &Store, db: &Path, office: &Path, lang: Lang) -> Result<String, Failure> {
    let sync = |e: SyncError| match e {
        SyncError::Store(e) => Failure::store(&e, lang),
        e => Failure::User(e.message(lang)),
    };
    let me = store
        .identity()
        .map_err(|e| Failure::store(&e, lang))?
        .ok_or_else(|| Failure::store(&StoreError::NoIdentity, lang))?;
    let cadre_keys = DeviceKeys::generate();
    cadre_keys.save(&key_path(db)).map_err(sync)?;
    let township = store
        .get::<Township>(me.township_id)
        .map_err(|e| Failure::store(&e, lang))?
        .map(|t| t.name)
        .unwrap_or_default();
    std::fs::create_dir_all(office).map_err(|e| Failure::User(e.to_string()))?;
    let office_db = office.join("office.db");
    let keys = DeviceKeys::generate();
    keys.save(&key_path(&office_db)).map_err(sync)?;
    let mut office_store = Store::open(&office_db).map_err(|e| Failure::store(&e, lang))?;
    let name = format!("{township}党政办");
    write_identity(&mut office_store, Role::Office, &name, &township, &[], lang)?;
    let card = own_card(&office_store, &keys).map_err(sync)?;
    let json = serde_json::to_string_pretty(&card).map_err(|e| Failure::User(e.to_string()))?;
    std::fs::write(office.join("office.card.json"), format!("{json}\n"))
        .map_err(|e| Failure::User(e.to_string()))?;
    store
        .add_peer(&card, &now_stamp())
        .map_err(|e| Failure::store(&e, lang))?;
    let cadre_card = own_card(store, &cadre_keys).map_err(sync)?;
    office_store
        .add_peer(&cadre_card, &now_stamp())
        .map_err(|e| Failure::store(&e, lang))?;
    Ok(card.fingerprint())
}

pub fn run(ctx: &Context, out: Option<PathBuf>, households: u32, seed: u64) -> Result<(), Failure> {
    let lang = ctx.lang;
    // Without --out on a terminal, the demo opens the TUI on what it wrote; piped, or with
    // --out, it only writes and says where.
    let open_tui = out.is_none() && std::io::stdout().is_terminal();
    let path = match out {
        Some(p) => p,
        None => temp_demo_path().map_err(|e| Failure::User(e.to_string()))?,
    };
    let office = office_dir(&path);
    // The database, its key file and the office folder are all new, or nothing is written.
    if let Some(p) = [path.clone(), key_path(&path), office.clone()]
        .into_iter()
        .find(|p| p.exists())
    {
        return Err(Failure::User(match lang {
            Lang::Zh => format!("{} 已存在，演示数据不会覆盖它；请换一个文件名", p.display()),
            Lang::En => format!(
                "{} already exists and the demo never overwrites a file; choose another name",
                p.display()
            ),
        }));
    }
    let mut store = Store::open(&path).map_err(|e| Failure::store(&e, lang))?;
    // Hidden when stderr is not a terminal, so piped output stays clean.
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(lang.pick("生成演示数据（按村）", "generating demo data (by village)"));
    let params = DemoParams {
        households,
        seed,
        today: ctx.today,
    };
    let summary = generate(&mut store, &params, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .map_err(|e| Failure::store(&e, lang));
    bar.finish_and_clear();
    let provisioned =
        summary.and_then(|s| provision(&store, &path, &office, lang).map(|fp| (s, fp)));
    let (summary, office_fingerprint) = match provisioned {
        Ok(done) => done,
        Err(f) => {
            drop(store);
            let _ = std::fs::remove_file(&path);
            let _ = std::fs::remove_file(key_path(&path));
            let _ = std::fs::remove_dir_all(&office);
            return Err(f);
        }
    };
    let s = &summary;
    let counts = [
        (s.townships, "个乡镇", "townships"),
        (s.villages, "个村", "villages"),
        (s.households, "户", "households"),
        (s.persons, "人", "persons"),
        (s.visits, "条走访", "visits"),
        (s.items, "件台账事项", "ledger items"),
        (s.progress, "条办理进展", "progress events"),
    ]
    .map(|(n, zh, en)| match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En => format!("{n} {en}"),
    });
    println!(
        "{}{}",
        lang.pick("演示数据：", "demo data: "),
        counts.join(lang.pick("、", ", "))
    );
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "镇党政办设备已设为信任设备，指纹 {office_fingerprint}；它的数据库、密钥和名片在 {}（试导入：minqing --db {} import 同步包）",
                office.display(),
                office.join("office.db").display()
            ),
            Lang::En => format!(
                "the township office device is trusted, fingerprint {office_fingerprint}; its database, keys and card are in {} (try an import: minqing --db {} import BUNDLE)",
                office.display(),
                office.join("office.db").display()
            ),
        }
    );
    if open_tui {
        crate::tui::run(store, lang, ctx.today).map_err(|e| Failure::User(e.message(lang)))?;
    }
    println!(
        "{}{}",
        lang.pick("已写入演示数据库：", "demo database written to "),
        path.display()
    );
    Ok(())
}
