//! `card` (write this device's public card) and `peer add | list | remove` (the devices this
//! one trusts), with the fingerprint people read aloud to each other.

use std::fs;
use std::path::Path;

use chrono::Local;
use unicode_width::UnicodeWidthStr;

use super::commands::{open_existing, pad, role_label};
use super::{Context, Failure, Role};
use crate::domain::card::Card;
use crate::i18n::{Lang, Localized};
use crate::store::peers::Peer;
use crate::store::{Store, StoreError};
use crate::sync::SyncError;
use crate::sync::cards::{is_own, own_card, validate_card};
use crate::sync::keys::{DeviceKeys, key_path};

/// The time stamps stored on peers: local time to the second.
pub(super) fn now_stamp() -> String {
    Local::now()
        .naive_local()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

pub(super) fn sync_failure(e: &SyncError, lang: Lang) -> Failure {
    match e {
        SyncError::Store(s) => Failure::store(s, lang),
        other => Failure::User(other.message(lang)),
    }
}

/// A role code in words; an unknown code is shown as it is.
fn role_words(code: &str, lang: Lang) -> String {
    Role::from_code(code).map_or_else(|| code.to_owned(), |r| role_label(r, lang).to_owned())
}

/// This device's keys, or a line saying where they should have been.
pub(super) fn own_keys(ctx: &Context) -> Result<DeviceKeys, Failure> {
    let path = key_path(&ctx.db);
    if !path.exists() {
        let (k, db) = (path.display(), ctx.db.display());
        return Err(Failure::User(match ctx.lang {
            Lang::Zh => format!(
                "找不到本机密钥文件 {k}；密钥在 minqing init 时生成并放在数据库旁，请确认 --db 指向初始化过的数据库 {db}"
            ),
            Lang::En => format!(
                "no key file {k}; keys are created by minqing init beside the database, so check that --db ({db}) is the initialised database"
            ),
        }));
    }
    DeviceKeys::load(&path).map_err(|e| sync_failure(&e, ctx.lang))
}

pub fn card(ctx: &Context, out: &Path) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    if store
        .identity()
        .map_err(|e| Failure::store(&e, lang))?
        .is_none()
    {
        return Err(Failure::store(&StoreError::NoIdentity, lang));
    }
    let keys = own_keys(ctx)?;
    let card = own_card(&store, &keys).map_err(|e| sync_failure(&e, lang))?;
    // Rewriting an old card is fine; any other file is someone's data and is kept.
    let replaces_other = out.exists()
        && fs::read_to_string(out)
            .ok()
            .and_then(|t| serde_json::from_str::<Card>(&t).ok())
            .is_none();
    if replaces_other {
        let p = out.display();
        return Err(Failure::User(match lang {
            Lang::Zh => format!("{p} 已存在且不是名片，不会覆盖它；请换一个文件名"),
            Lang::En => {
                format!("{p} exists and is not a card, so it is kept; choose another file name")
            }
        }));
    }
    let json = serde_json::to_string_pretty(&card).map_err(|e| Failure::User(e.to_string()))?;
    fs::write(out, format!("{json}\n")).map_err(|e| {
        Failure::User(match lang {
            Lang::Zh => format!("无法写入 {}（{e}），请检查路径和权限", out.display()),
            Lang::En => format!(
                "cannot write {} ({e}); check the path and permissions",
                out.display()
            ),
        })
    })?;
    let role = role_words(&card.role, lang);
    match lang {
        Lang::Zh => {
            println!(
                "已写入本机名片：{}（{}，{role}，{}）",
                out.display(),
                card.name,
                card.township
            );
            println!("指纹（请读给对方核对）：{}", card.fingerprint());
        }
        Lang::En => {
            println!(
                "card written to {} ({}, {role}, {})",
                out.display(),
                card.name,
                card.township
            );
            println!(
                "fingerprint (read it to the other person): {}",
                card.fingerprint()
            );
        }
    }
    Ok(())
}

/// Reads and checks a card file; every problem is one line naming the file.
fn read_card(path: &Path, lang: Lang) -> Result<Card, Failure> {
    let p = path.display();
    let text = fs::read_to_string(path).map_err(|e| {
        Failure::User(match lang {
            Lang::Zh => format!("读不到名片文件 {p}（{e}），请检查路径"),
            Lang::En => format!("cannot read the card file {p} ({e}); check the path"),
        })
    })?;
    let card: Card = serde_json::from_str(&text).map_err(|e| {
        Failure::User(match lang {
            Lang::Zh => format!(
                "{p} 不是 minqing 名片（{e}）；请用对方 minqing card --out 生成的文件"
            ),
            Lang::En => format!(
                "{p} is not a minqing card ({e}); use the file the other side wrote with minqing card --out"
            ),
        })
    })?;
    validate_card(&card).map_err(|fault| {
        let why = fault.message(lang);
        Failure::User(match lang {
            Lang::Zh => format!("名片 {p} 不能使用：{why}；请让对方重新生成名片"),
            Lang::En => format!("the card {p} cannot be used: {why}; ask for a new card"),
        })
    })?;
    Ok(card)
}

pub fn add(ctx: &Context, file: &Path) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    let card = read_card(file, lang)?;
    // Without keys this device has no card of its own to confuse with.
    if key_path(&ctx.db).exists() && is_own(&card, &own_keys(ctx)?) {
        return Err(Failure::User(
            lang.pick(
                "这是本机自己的名片，不需要添加；请添加对方设备的名片",
                "this is this device's own card; add the other device's card instead",
            )
            .into(),
        ));
    }
    let st = |e: StoreError| Failure::store(&e, lang);
    if let Some(old) = store.peer_by_sign_key(&card.sign_key).map_err(st)?
        && old.id != card.id()
    {
        let (name, id) = (&old.card.name, &old.id);
        return Err(Failure::User(match lang {
            Lang::Zh => format!(
                "已信任一台使用同一签名密钥的设备“{name}”（ID {id}），但加密公钥不同；如对方确实换了名片，请先运行 minqing peer remove {id}"
            ),
            Lang::En => format!(
                "a trusted device '{name}' (id {id}) has the same signing key but another encryption key; if its card really changed, run minqing peer remove {id} first"
            ),
        }));
    }
    let known = store.peer(&card.id()).map_err(st)?.is_some();
    let peer = store.add_peer(&card, &now_stamp()).map_err(st)?;
    let who = describe(&peer, lang);
    match lang {
        Lang::Zh => {
            let verb = if known {
                "已在信任列表中，名片已更新"
            } else {
                "已添加信任设备"
            };
            println!("{verb}：{who}");
            println!("请与对方核对指纹：{}", peer.fingerprint);
        }
        Lang::En => {
            let verb = if known {
                "already trusted, card updated"
            } else {
                "trusted device added"
            };
            println!("{verb}: {who}");
            println!(
                "compare the fingerprint with the other person: {}",
                peer.fingerprint
            );
        }
    }
    Ok(())
}

/// "汪晓艳（干部，两河镇），ID 1a2b3c4d5e6f" — who a peer is, in one phrase.
fn describe(p: &Peer, lang: Lang) -> String {
    let role = role_words(&p.card.role, lang);
    let (name, town, id) = (&p.card.name, &p.card.township, &p.id);
    match lang {
        Lang::Zh => format!("{name}（{role}，{town}），ID {id}"),
        Lang::En => format!("{name} ({role}, {town}), id {id}"),
    }
}

fn when(at: Option<&String>) -> String {
    at.map_or_else(
        || "-".to_owned(),
        |s| s.replacen('T', " ", 1).chars().take(16).collect(),
    )
}

pub fn list(ctx: &Context, json: bool) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    let peers = store.peers().map_err(|e| Failure::store(&e, lang))?;
    if json {
        let rows: Vec<serde_json::Value> = peers
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id,
                    "name": p.card.name,
                    "role": p.card.role,
                    "township": p.card.township,
                    "villages": p.card.villages,
                    "fingerprint": p.fingerprint,
                    "added_at": p.added_at,
                    "last_import_at": p.last_import_at,
                    "last_export_at": p.last_export_at,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::User(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    if peers.is_empty() {
        println!(
            "{}",
            lang.pick(
                "还没有信任的设备；用 minqing peer add 名片文件 添加",
                "no trusted devices yet; add one with minqing peer add CARD_FILE",
            )
        );
        return Ok(());
    }
    let l = |zh, en| lang.pick(zh, en).to_owned();
    let header = vec![
        l("名称", "Name"),
        l("角色", "Role"),
        l("乡镇", "Township"),
        l("村", "Villages"),
        l("指纹", "Fingerprint"),
        l("ID", "Id"),
        l("最近导入", "Last import"),
        l("最近导出", "Last export"),
    ];
    let mut rows = vec![header];
    for p in &peers {
        let villages = if p.card.villages.is_empty() {
            "-".to_owned()
        } else {
            p.card.villages.join(lang.pick("、", ", "))
        };
        rows.push(vec![
            p.card.name.clone(),
            role_words(&p.card.role, lang),
            p.card.township.clone(),
            villages,
            p.fingerprint.clone(),
            p.id.clone(),
            when(p.last_import_at.as_ref()),
            when(p.last_export_at.as_ref()),
        ]);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0) + 2)
        .collect();
    for r in &rows {
        let line: String = r.iter().zip(&widths).map(|(s, w)| pad(s, *w)).collect();
        println!("{}", line.trim_end());
    }
    Ok(())
}

/// The peer `key` names: its id, else the only peer with that name.
pub(super) fn find(store: &Store, key: &str, lang: Lang) -> Result<Peer, Failure> {
    let peers = store.peers().map_err(|e| Failure::store(&e, lang))?;
    if let Some(p) = peers.iter().find(|p| p.id.eq_ignore_ascii_case(key)) {
        return Ok(p.clone());
    }
    let named: Vec<&Peer> = peers.iter().filter(|p| p.card.name == key).collect();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Failure::User(match lang {
            Lang::Zh => format!("没有 ID 或名称为“{key}”的信任设备；用 minqing peer list 查看"),
            Lang::En => {
                format!("no trusted device has the id or name '{key}'; see minqing peer list")
            }
        })),
        many => {
            let ids: Vec<&str> = many.iter().map(|p| p.id.as_str()).collect();
            Err(Failure::User(match lang {
                Lang::Zh => format!(
                    "有 {} 台信任设备都叫“{key}”，请用 ID 指定：{}",
                    many.len(),
                    ids.join("、")
                ),
                Lang::En => format!(
                    "{} trusted devices are called '{key}'; give the id: {}",
                    many.len(),
                    ids.join(", ")
                ),
            }))
        }
    }
}

pub fn remove(ctx: &Context, key: &str) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = open_existing(ctx)?;
    let peer = find(&store, key, lang)?;
    store
        .remove_peer(&peer.id)
        .map_err(|e| Failure::store(&e, lang))?;
    let who = describe(&peer, lang);
    println!(
        "{}",
        match lang {
            Lang::Zh => format!("已移除信任设备：{who}；今后不再接受它的数据包"),
            Lang::En => format!("removed trusted device {who}; its bundles are no longer accepted"),
        }
    );
    Ok(())
}
