//! `export` (a bundle for a trusted device, written safely, its path on the last line) and
//! `import` (checked whole before anything is written; `--dry-run`, `--json`).

use std::path::Path;

use super::peers_cmd::{find, own_keys, sync_failure};
use super::{Context, Failure};
use crate::i18n::{Lang, Localized};
use crate::store::Store;
use crate::store::peers::Peer;
use crate::sync::SyncError;
use crate::sync::cards::own_card;
use crate::sync::export::{ExportRequest, export as export_bundle};
use crate::sync::import::import as import_bundle;

fn refusal(e: &SyncError, lang: Lang) -> Failure {
    if e.is_refusal() {
        Failure::Refused(e.message(lang))
    } else {
        sync_failure(e, lang)
    }
}

/// The recipient: `--to` (id or name), else the only office a cadre trusts, else the only
/// trusted device.
fn recipient(store: &Store, to: Option<&str>, lang: Lang) -> Result<Peer, Failure> {
    if let Some(key) = to {
        return find(store, key, lang);
    }
    let peers = store.peers().map_err(|e| Failure::store(&e, lang))?;
    let offices: Vec<&Peer> = peers.iter().filter(|p| p.card.role == "office").collect();
    match (offices.as_slice(), peers.as_slice()) {
        ([one], _) => Ok((*one).clone()),
        (_, [one]) => Ok(one.clone()),
        (_, []) => Err(Failure::User(
            lang.pick(
                "还没有信任的设备，无处可发：先用 minqing peer add 添加对方的名片",
                "no trusted device to send to: add the other side's card with minqing peer add",
            )
            .into(),
        )),
        _ => Err(Failure::User(
            lang.pick(
                "信任的设备不止一台，请用 --to 指定（ID 或名称，见 minqing peer list）",
                "more than one trusted device: choose one with --to (id or name, see minqing peer list)",
            )
            .into(),
        )),
    }
}

pub fn export(
    ctx: &Context,
    out: &Path,
    to: Option<&str>,
    full: bool,
    villages: &[String],
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = Store::open(&ctx.db).map_err(|e| Failure::store(&e, lang))?;
    let keys = own_keys(ctx)?;
    let me = own_card(&store, &keys).map_err(|e| sync_failure(&e, lang))?;
    let peer = recipient(&store, to, lang)?;
    let to = [peer];
    let done = export_bundle(
        &store,
        &keys,
        &me,
        &ExportRequest {
            to: &to,
            full,
            villages,
            out,
        },
    )
    .map_err(|e| refusal(&e, lang))?;
    let scope = done
        .villages
        .as_ref()
        .map(|v| v.join("、"))
        .unwrap_or_else(|| lang.pick("全部", "all").to_owned());
    let who = &to[0].card.name;
    match lang {
        Lang::Zh => println!(
            "已导出给「{who}」：{} 条变更（范围：{scope}），已加密并签名，写入后已读回核对",
            done.ops
        ),
        Lang::En => println!(
            "exported for \"{who}\": {} changes (scope: {scope}), encrypted, signed, written and read back",
            done.ops
        ),
    }
    println!("{}", done.path.display());
    Ok(())
}

pub fn import(ctx: &Context, file: &Path, dry_run: bool, json: bool) -> Result<(), Failure> {
    let lang = ctx.lang;
    let mut store = Store::open(&ctx.db).map_err(|e| Failure::store(&e, lang))?;
    let keys = own_keys(ctx)?;
    let r = import_bundle(&mut store, &keys, file, dry_run).map_err(|e| refusal(&e, lang))?;
    if json {
        let v = serde_json::to_string_pretty(&r).map_err(|e| Failure::User(e.to_string()))?;
        println!("{v}");
        return Ok(());
    }
    let head = match (lang, dry_run) {
        (Lang::Zh, true) => "试导入（未写入任何数据）",
        (Lang::Zh, false) => "已导入",
        (Lang::En, true) => "dry run (nothing written)",
        (Lang::En, false) => "imported",
    };
    match lang {
        Lang::Zh => println!(
            "{head}：来自「{}」（指纹 {}）；新变更 {} 条，已有 {} 条；涉及记录 {} 条；新冲突 {} 处",
            r.sender,
            r.sender_fingerprint,
            r.ops_new,
            r.ops_known,
            r.records_changed,
            r.conflicts_new
        ),
        Lang::En => println!(
            "{head}: from \"{}\" (fingerprint {}); {} new changes, {} already here; {} records changed; {} new conflicts",
            r.sender,
            r.sender_fingerprint,
            r.ops_new,
            r.ops_known,
            r.records_changed,
            r.conflicts_new
        ),
    }
    if let Some(b) = &r.backup {
        println!(
            "{}{}",
            lang.pick("导入前的备份：", "backup taken first: "),
            b.display()
        );
    }
    Ok(())
}
