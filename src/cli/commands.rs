//! `init` (identity and device keys), `stats`, `check`, `backup` and `restore`.

use std::path::{Path, PathBuf};

use chrono::Local;
use unicode_width::UnicodeWidthStr;

use super::{Context, Failure, Role};
use crate::domain::validate::require;
use crate::domain::{
    Cadre, CadreId, ItemStatus, Ledger, Township, Village, township_id_for, village_id_for,
};
use crate::i18n::{Lang, Localized};
use crate::store::backup::{default_backup_path, restore as restore_file};
use crate::store::{Identity, Store};
use crate::sync::keys::{DeviceKeys, key_path};

/// Opens the database for a command that needs one to exist already.
pub fn open_existing(ctx: &Context) -> Result<Store, Failure> {
    if !ctx.db.is_file() {
        let p = ctx.db.display();
        return Err(Failure::User(match ctx.lang {
            Lang::Zh => format!(
                "数据库 {p} 不存在；请先运行 minqing init 或 minqing demo --out，或用 --db 指定文件"
            ),
            Lang::En => format!(
                "the database {p} does not exist; run minqing init or minqing demo --out first, or pick a file with --db"
            ),
        }));
    }
    Store::open(&ctx.db).map_err(|e| Failure::store(&e, ctx.lang))
}

/// The prefix of item numbers: the township's name without 镇/乡/街道.
pub fn short_name(township: &str) -> String {
    ["街道办事处", "街道", "镇", "乡"]
        .iter()
        .find_map(|s| township.strip_suffix(s).filter(|r| !r.is_empty()))
        .unwrap_or(township)
        .to_string()
}

pub fn init(
    ctx: &Context,
    role: Role,
    name: &str,
    township: &str,
    villages: &[String],
) -> Result<(), Failure> {
    let lang = ctx.lang;
    // On the command line the "field" is a flag: name it, since there is no form to point at.
    let field = |e: crate::domain::validate::FieldError| {
        Failure::User(format!("--{}: {}", e.field, e.message(lang)))
    };
    let name = require("name", name).map_err(field)?;
    let township = require("township", township).map_err(field)?;
    let villages = villages
        .iter()
        .map(|v| require("village", v).map_err(field))
        .collect::<Result<Vec<_>, _>>()?;
    let keys_at = key_path(&ctx.db);
    // A key file without a database is checked first, so the refusal creates no database.
    if !ctx.db.is_file() && keys_at.exists() {
        return Err(keys_without_identity(ctx, &keys_at));
    }
    let mut store = Store::open(&ctx.db).map_err(|e| Failure::store(&e, lang))?;
    if let Some(me) = store.identity().map_err(|e| Failure::store(&e, lang))? {
        // A database set up before devices had keys (or whose key file was lost): the
        // identity stays, only the missing keys are made. Peers must add the new card.
        if !keys_at.exists() {
            DeviceKeys::generate()
                .save(&keys_at)
                .map_err(|e| Failure::User(e.message(lang)))?;
            println!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "本数据库已有身份（{}），只生成了缺少的本机密钥：{}（仅本人可读）；请用 minqing card --out 文件 生成名片，交给对方重新添加",
                        me.name,
                        keys_at.display()
                    ),
                    Lang::En => format!(
                        "this database already has an identity ({}); only the missing device keys were created: {} (owner-only); write your card with minqing card --out FILE and have your peers add it again",
                        me.name,
                        keys_at.display()
                    ),
                }
            );
            return Ok(());
        }
        return Err(Failure::store(
            &crate::store::StoreError::IdentityExists,
            lang,
        ));
    }
    if keys_at.exists() {
        return Err(keys_without_identity(ctx, &keys_at));
    }
    // Keys first: if they cannot be written, the database gets no identity and init can be
    // run again; if the identity then fails, the keys just made are removed.
    DeviceKeys::generate()
        .save(&keys_at)
        .map_err(|e| Failure::User(e.message(lang)))?;
    let written = write_identity(&mut store, role, &name, &township, &villages, lang);
    if written.is_err() {
        let _ = std::fs::remove_file(&keys_at);
    }
    written?;
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已初始化：{name}（{}），{township}；数据库 {}",
                role_label(role, lang),
                ctx.db.display()
            ),
            Lang::En => format!(
                "initialised: {name} ({}), {township}; database {}",
                role_label(role, lang),
                ctx.db.display()
            ),
        }
    );
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "本机密钥已生成：{}（仅本人可读，切勿拷给别人）；用 minqing card --out 文件 生成名片",
                keys_at.display()
            ),
            Lang::En => format!(
                "device keys created: {} (owner-only; never copy it to anyone); write your card with minqing card --out FILE",
                keys_at.display()
            ),
        }
    );
    Ok(())
}

fn keys_without_identity(ctx: &Context, keys: &Path) -> Failure {
    let (k, db) = (keys.display(), ctx.db.display());
    Failure::User(match ctx.lang {
        Lang::Zh => format!(
            "密钥文件 {k} 已存在，但数据库 {db} 还没有身份；密钥从不覆盖：请移走该文件，或用 --db 指定另一个数据库"
        ),
        Lang::En => format!(
            "the key file {k} already exists but the database {db} has no identity; keys are never overwritten: move that file away or pick another database with --db"
        ),
    })
}

/// The township, villages, cadre record and identity of a new device, in one go.
pub(super) fn write_identity(
    store: &mut Store,
    role: Role,
    name: &str,
    township: &str,
    villages: &[String],
    lang: Lang,
) -> Result<(), Failure> {
    let existing_townships = store.townships().map_err(|e| Failure::store(&e, lang))?;
    let existing_villages = store.villages().map_err(|e| Failure::store(&e, lang))?;
    let cadre_id = CadreId::new();
    let township_id = store
        .write(|w| {
            let tid = match existing_townships.iter().find(|(_, t)| t.name == township) {
                Some((id, _)) => *id,
                None => {
                    let id = township_id_for(township);
                    w.insert(
                        id,
                        &Township {
                            name: township.to_owned(),
                            short_name: short_name(township),
                            code: None,
                        },
                    )?;
                    id
                }
            };
            let mut village_ids = Vec::new();
            for v in villages {
                let found = existing_villages
                    .iter()
                    .find(|(_, x)| &x.name == v && x.township_id == tid);
                let vid = match found {
                    Some((id, _)) => *id,
                    None => {
                        let id = village_id_for(township, v);
                        w.insert(
                            id,
                            &Village {
                                township_id: tid,
                                name: v.clone(),
                                code: None,
                            },
                        )?;
                        id
                    }
                };
                village_ids.push(vid);
            }
            w.insert(
                cadre_id,
                &Cadre {
                    township_id: Some(tid),
                    name: name.to_owned(),
                    phone: None,
                    unit: None,
                    role: role.code().into(),
                    village_ids,
                },
            )?;
            Ok(tid)
        })
        .map_err(|e| Failure::store(&e, lang))?;
    store
        .set_identity(&Identity {
            role: role.code().into(),
            name: name.to_owned(),
            township_id,
            cadre_id,
            created_at: Local::now()
                .naive_local()
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        })
        .map_err(|e| Failure::store(&e, lang))?;
    Ok(())
}

pub(super) fn role_label(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Cadre => lang.pick("干部", "cadre"),
        Role::Office => lang.pick("镇办公室", "township office"),
        Role::County => lang.pick("县", "county"),
    }
}

/// Left-aligns `s` to `w` display columns (CJK characters are two columns wide).
pub(super) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

pub fn stats(ctx: &Context, json: bool) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    let s = store
        .stats(ctx.today)
        .map_err(|e| Failure::store(&e, lang))?;
    if json {
        let text = serde_json::to_string_pretty(&s).map_err(|e| Failure::User(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    let l = |zh, en| lang.pick(zh, en);
    println!("{} {}", l("数据库", "Database"), ctx.db.display());
    println!("{} {}", l("本机编号", "Replica"), s.replica_id);
    println!(
        "{} {} · {} {} · {} {} · {} {} · {} {} · {} {} · {} {} · {} {}",
        l("乡镇", "townships"),
        s.townships,
        l("村", "villages"),
        s.villages,
        l("干部", "cadres"),
        s.cadres,
        l("农户", "households"),
        s.households,
        l("人口", "persons"),
        s.persons,
        l("走访", "visits"),
        s.visits,
        l("操作", "operations"),
        s.ops,
        l("冲突", "conflicts"),
        s.conflicts
    );
    let mut header = pad(l("台账", "Ledger"), 12);
    for h in [
        l("合计", "Total"),
        l("未销号", "Open"),
        l("超期", "Overdue"),
    ] {
        header.push_str(&pad(h, 9));
    }
    for st in ItemStatus::ALL {
        header.push_str(&pad(st.label(lang), 13));
    }
    println!("{}", header.trim_end());
    for ledger in Ledger::ALL {
        let Some(ls) = s.items.get(ledger.code()) else {
            continue;
        };
        let mut line = pad(ledger.label(lang), 12);
        for n in [ls.total, ls.open, ls.overdue] {
            line.push_str(&pad(&n.to_string(), 9));
        }
        for st in ItemStatus::ALL {
            let n = ls.by_status.get(st.code()).copied().unwrap_or(0);
            line.push_str(&pad(&n.to_string(), 13));
        }
        println!("{}", line.trim_end());
    }
    Ok(())
}

pub fn check(ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    let report = store
        .check()
        .map_err(|e| Failure::Refused(e.message(lang)))?;
    if report.ok() {
        println!(
            "{}",
            match lang {
                Lang::Zh => format!("检查通过：{} 条操作回放结果与数据表完全一致", report.ops),
                Lang::En => format!(
                    "check passed: replaying {} operations gives exactly the tables",
                    report.ops
                ),
            }
        );
        return Ok(());
    }
    for p in &report.integrity {
        eprintln!("{} {p}", lang.pick("完整性：", "integrity:"));
    }
    for m in &report.mismatches {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("不一致：表 {} 记录 {}（{}）", m.table, m.key, m.detail),
                Lang::En => format!(
                    "mismatch: table {} record {} ({})",
                    m.table, m.key, m.detail
                ),
            }
        );
    }
    let first = report.mismatches.first();
    Err(Failure::Refused(match (lang, first) {
        (Lang::Zh, Some(m)) => format!(
            "检查未通过：表 {} 中记录 {} 与操作日志回放不一致；请从备份恢复（minqing restore）",
            m.table, m.key
        ),
        (Lang::En, Some(m)) => format!(
            "check failed: table {} record {} differs from the replayed log; restore a backup (minqing restore)",
            m.table, m.key
        ),
        (Lang::Zh, None) => {
            "检查未通过：数据库完整性有问题；请从备份恢复（minqing restore）".into()
        }
        (Lang::En, None) => {
            "check failed: the database has integrity problems; restore a backup (minqing restore)"
                .into()
        }
    }))
}

fn stamp() -> String {
    Local::now().format("%Y%m%d-%H%M%S").to_string()
}

pub fn backup(ctx: &Context, out: Option<PathBuf>) -> Result<(), Failure> {
    let store = open_existing(ctx)?;
    let out = out.unwrap_or_else(|| default_backup_path(&ctx.db, &stamp()));
    store
        .backup_to(&out)
        .map_err(|e| Failure::store(&e, ctx.lang))?;
    println!(
        "{}",
        match ctx.lang {
            Lang::Zh => format!("已备份到 {}", out.display()),
            Lang::En => format!("backed up to {}", out.display()),
        }
    );
    Ok(())
}

pub fn restore(ctx: &Context, file: &Path) -> Result<(), Failure> {
    let lang = ctx.lang;
    let safety = default_backup_path(&ctx.db, &format!("before-restore-{}", stamp()));
    let done = restore_file(&ctx.db, file, &safety).map_err(|e| Failure::store(&e, lang))?;
    match lang {
        Lang::Zh => {
            println!("已从 {} 恢复到 {}", file.display(), ctx.db.display());
            if let Some(s) = &done.safety_copy {
                println!("原数据库已另存为 {}", s.display());
            }
            println!(
                "本机编号已更新为 {}（避免与原设备冲突）",
                done.new_replica_id
            );
        }
        Lang::En => {
            println!("restored {} into {}", file.display(), ctx.db.display());
            if let Some(s) = &done.safety_copy {
                println!("the previous database was kept as {}", s.display());
            }
            println!(
                "new replica id {} (so it never clashes with the original device)",
                done.new_replica_id
            );
        }
    }
    Ok(())
}
