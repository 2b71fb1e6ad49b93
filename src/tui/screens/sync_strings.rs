//! Strings of the 同步 tab and its export and import layers, in Chinese and English.

use crate::i18n::Lang;
use crate::tui::strings::{self as s, T};

pub const TITLE: T = T("同步", "Sync");
pub const ME: T = T("本机：", "Me: ");
pub const NO_IDENTITY: T = T(
    "（未初始化，请运行 minqing init）",
    "(not set up: run minqing init)",
);
pub const DEVICE: T = T("设备 ", "device ");
pub const FINGERPRINT: T = T("指纹 ", "fingerprint ");
pub const THIS: T = T("（本机）", " (this one)");
pub const UPTO: T = T("已有变更至第 ", "changes up to #");
pub const UNEXPORTED: T = T("未导出的本机变更：", "Local changes not yet exported: ");
pub const CONFLICTS: T = T("未解决的冲突：", "Unresolved conflicts: ");
pub const CONFLICT_KEY: T = T("（c 查看并处理）", " (c to review)");
pub const LAST_AT: T = T("最后一次交换：", "Last exchange: ");
pub const LAST_NONE: T = T("最后一次交换：尚无", "Last exchange: none yet");
pub const NO_EXPORT_YET: T = T("上次导出：尚无", "Last export: none yet");
pub const NO_IMPORT_YET: T = T("上次导入：尚无", "Last import: none yet");
pub const PEERS: T = T("信任的设备", "Trusted devices");
pub const PEERS_KEYS: T = T(
    "↑↓ 选择 · e 导出给所选设备 · i 导入",
    "↑↓ select · e export to it · i import",
);
pub const NO_PEERS: T = T(
    "  还没有信任的设备：用 minqing peer add 名片文件 添加，并与对方核对指纹",
    "  No trusted devices yet: add one with minqing peer add CARD-FILE and compare fingerprints",
);
pub const IN: T = T("收 ", "in ");
pub const OUT: T = T("发 ", "out ");
pub const OPS: T = T("本库变更记录：", "Changes held: ");
pub const DEVICES: T = T("来自设备数：", "from devices: ");
pub const NOTE: T = T(
    "导出时只带对方尚未确认收到的变更；丢失 U 盘只需重新导出。",
    "Only changes the other side has not confirmed are sent; a lost stick is a resend.",
);

pub const HINT_TAB: T = T(
    "↑↓ 选设备  e 导出  i 导入  c 冲突  1-8 切换  r 刷新  ? 帮助  q 退出",
    "↑↓ device e export i import c conflicts 1-8 tabs r reload ? help q quit",
);
pub const KEY_PEER: (&str, T) = (
    "↑ ↓  k j",
    T("选择导出的对象（信任的设备）", "choose whom to export to"),
);
pub const KEY_EXPORT: (&str, T) = (
    "e",
    T(
        "导出同步包给所选设备：存到 U 盘或文件夹",
        "export a bundle for that device to a stick or folder",
    ),
);
pub const KEY_IMPORT: (&str, T) = (
    "i",
    T(
        "导入同步包：选文件，先试导入，确认后写入",
        "import a bundle: pick it, see a dry run, then confirm",
    ),
);
pub const KEY_CONFLICTS: (&str, T) = (
    "c  Enter",
    T("查看并处理冲突", "review and resolve conflicts"),
);
pub const HELP_TAB: &[(&str, T)] = &[
    s::KEY_TABS,
    KEY_PEER,
    KEY_EXPORT,
    KEY_IMPORT,
    KEY_CONFLICTS,
    s::KEY_REFRESH,
    s::KEY_MOUSE,
    s::KEY_HELP,
    s::KEY_QUIT,
];

/// "汪晓艳（包村干部）" / "汪晓艳 (cadre)".
pub fn named(lang: Lang, name: &str, role: &str) -> String {
    let r = role_label(role).get(lang);
    match lang {
        Lang::Zh => format!("{name}（{r}）"),
        Lang::En => format!("{name} ({r})"),
    }
}

/// "信任的设备（2）" / "Trusted devices (2)".
pub fn peers_title(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{}（{n}）", PEERS.get(lang)),
        Lang::En => format!("{} ({n})", PEERS.get(lang)),
    }
}

/// A device role (`init --role`) as users say it.
pub fn role_label(role: &str) -> T {
    match role {
        "cadre" => T("包村干部", "cadre"),
        "office" => T("乡镇办公室", "office"),
        "county" => T("县级", "county"),
        _ => T("其他", "other"),
    }
}

// Why `e` or `i` cannot start.
pub const NO_PEER_TO_SEND: T = T(
    "还没有信任的设备，无处可发：先用 minqing peer add 添加对方的名片",
    "No trusted device to send to: add the other side's card with minqing peer add",
);
pub const NO_DB_FILE: T = T(
    "这个数据库不在磁盘上，没有本机密钥，不能导出或导入",
    "This database is not on disk and has no device keys: it cannot export or import",
);

/// The key file beside the database is missing.
pub fn no_keys(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "找不到本机密钥文件 {path}：密钥在 minqing init 时生成并放在数据库旁，请确认打开的是初始化过的数据库"
        ),
        Lang::En => format!(
            "no key file {path}: keys are made by minqing init beside the database; check this is the initialised database"
        ),
    }
}

// Where bundles go and come from.
pub const PLACE_LAST: T = T("上次使用的文件夹", "folder used last");
pub const PLACE_DRIVE: T = T("U 盘", "USB drive");
pub const PLACE_DISK: T = T("磁盘", "drive");
pub const PLACE_TYPED: T = T("输入的位置", "typed");

// The export layer.
pub const EXPORT_TITLE: T = T("导出同步包", "Export a bundle");
pub const TO: T = T("发给：", "For: ");
pub const WHERE: T = T(
    "保存到（↑↓ 选择，Enter 导出）：",
    "Save to (↑↓ choose, Enter exports):",
);
pub const NO_PLACES: T = T(
    "没有找到 U 盘或上次使用的文件夹：请插入 U 盘，或在下面输入文件夹路径",
    "No USB drive and no folder used before: plug in a stick, or type a folder below",
);
pub const WHAT: T = T(
    "内容：对方尚未确认收到的变更，加密并签名，只有对方能打开",
    "Carries what that device has not confirmed, encrypted and signed for it alone",
);
pub const TYPED_FOLDER: T = T("其他文件夹：", "Other folder: ");
pub const EMPTY_PATH: T = T(
    "请先输入路径，或按 ↑ 选择上面的位置",
    "Type a path first, or press ↑ to choose a place above",
);
pub const HINT_EXPORT: T = T(
    "↑↓ 选择  Enter 导出  Tab 输入路径  Esc 返回  F1 帮助",
    "↑↓ choose  Enter export  Tab type a path  Esc back  F1 help",
);
pub const KEYS_CHOOSER: &[(&str, T)] = &[
    ("↑ ↓", T("选择位置或文件", "choose a place or file")),
    (
        "Tab",
        T(
            "到输入框输入路径（再按回到列表）",
            "type a path (again: back to the list)",
        ),
    ),
    (
        "Enter",
        T("用所选的位置或文件", "use the chosen place or file"),
    ),
    ("Esc", T("返回同步页", "back to the sync tab")),
    ("F1", T("显示 / 关闭本帮助", "show / hide this help")),
];

/// A typed folder that is not there.
pub fn not_a_folder(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("找不到文件夹 {path}：请检查路径，或插好 U 盘后再试"),
        Lang::En => format!("no folder {path}: check the path, or plug in the stick and retry"),
    }
}

pub fn writing(lang: Lang, dir: &str) -> String {
    match lang {
        Lang::Zh => format!("正在写入 {dir} …（请勿拔出 U 盘）"),
        Lang::En => format!("Writing to {dir} … (do not pull the stick out)"),
    }
}

/// The status line after an export.
pub fn exported(lang: Lang, ops: u64, to: &str, path: &str) -> String {
    match lang {
        Lang::Zh => format!("已导出 {ops} 条变更给「{to}」：{path}"),
        Lang::En => format!("Exported {ops} changes for \"{to}\": {path}"),
    }
}

// The import layer.
pub const IMPORT_TITLE: T = T("导入同步包", "Import a bundle");
pub const NO_FILES: T = T(
    "没有找到同步包（.mqb）：请插入 U 盘，或在下面输入文件或文件夹路径",
    "No bundle (.mqb) found: plug in a stick, or type a file or folder below",
);
pub const COLS: [T; 4] = [
    T("文件名", "File"),
    T("位置", "Where"),
    T("大小", "Size"),
    T("修改时间", "Modified"),
];
pub const TYPED_PLACE: T = T("其他位置：", "Other place: ");
pub const HINT_IMPORT: T = T(
    "↑↓ 选择  Enter 试导入  Tab 输入路径  Esc 返回  F1 帮助",
    "↑↓ choose  Enter dry run  Tab type a path  Esc back  F1 help",
);
pub const HINT_CONFIRM: T = T(
    "Enter 或 y 确认导入  Esc 或 n 返回",
    "Enter or y: import  Esc or n: back",
);
pub const CONFIRM_Q: T = T(
    "导入这个同步包吗？  Enter 或 y 导入   Esc 或 n 返回",
    "Import this bundle?  Enter or y: import   Esc or n: back",
);
pub const HINT_WAIT: T = T("请稍候…", "Please wait…");
pub const KEYS_CONFIRM: &[(&str, T)] = &[
    ("Enter  y", T("确认导入", "import it")),
    (
        "Esc  n",
        T("不导入，返回文件列表", "do not import; back to the files"),
    ),
];
pub const DRY_RUN: T = T(
    "试导入结果（尚未写入任何数据）：",
    "Dry run (nothing written yet):",
);
pub const NOTHING_NEW: T = T(
    "包中的变更本机都已有；导入只记下对方已收到的进度。",
    "Everything in it is here already; importing only records what the sender holds.",
);
pub const SAFE: T = T(
    "导入前自动备份数据库；整包一次写入，出错则不做任何改动。",
    "The database is backed up first; the bundle is applied whole or not at all.",
);

/// "找到 3 个同步包（最新的在前）".
pub fn found(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("找到 {n} 个同步包（最新的在前）："),
        Lang::En => format!("{n} bundles found (newest first):"),
    }
}

pub fn not_found(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("找不到 {path}：请检查路径，或插好 U 盘后再试"),
        Lang::En => format!("{path} not found: check the path, or plug in the stick and retry"),
    }
}

pub fn checking(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("正在检查 {name} …（只读取，不写入）"),
        Lang::En => format!("Checking {name} … (reading only)"),
    }
}

/// The steps of an import, as the progress bar names them.
pub const IMPORT_STEPS: [T; 3] = [
    T(
        "第 1/3 步：读取、解密并核验同步包",
        "step 1/3: reading, decrypting and checking the bundle",
    ),
    T(
        "第 2/3 步：导入前自动备份数据库",
        "step 2/3: automatic backup of the database",
    ),
    T(
        "第 3/3 步：一次性合并变更",
        "step 3/3: merging the changes in one go",
    ),
];

pub fn importing(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("正在导入 {name} …（整包一次写入，请勿拔出 U 盘）"),
        Lang::En => format!("Importing {name} … (applied whole; do not pull the stick out)"),
    }
}

pub fn sender(lang: Lang, name: &str, fingerprint: &str) -> String {
    match lang {
        Lang::Zh => format!("发送方：{name}（指纹 {fingerprint}）"),
        Lang::En => format!("Sender: {name} (fingerprint {fingerprint})"),
    }
}

/// The numbers of a dry run.
pub fn counts(lang: Lang, new: u64, known: u64, records: u64, conflicts: u64) -> String {
    match lang {
        Lang::Zh => format!(
            "新变更 {new} 条 · 本机已有 {known} 条 · 涉及记录 {records} 条 · 新冲突 {conflicts} 处"
        ),
        Lang::En => format!(
            "{new} new changes · {known} already here · {records} records · {conflicts} new conflicts"
        ),
    }
}

/// The status line after an import.
pub fn imported(lang: Lang, from: &str, new: u64, conflicts: u64) -> String {
    match lang {
        Lang::Zh => format!("已导入「{from}」的同步包：新变更 {new} 条，新冲突 {conflicts} 处"),
        Lang::En => {
            format!(
                "Imported the bundle of \"{from}\": {new} new changes, {conflicts} new conflicts"
            )
        }
    }
}

/// The tab's line about the last export.
pub fn last_export(lang: Lang, at: &str, ops: u64, to: &str) -> String {
    match lang {
        Lang::Zh => format!("上次导出 {at}：{ops} 条变更给「{to}」"),
        Lang::En => format!("Last export {at}: {ops} changes for \"{to}\""),
    }
}

/// The tab's line about the last import.
pub fn last_import(lang: Lang, at: &str, from: &str, new: u64, conflicts: u64) -> String {
    match lang {
        Lang::Zh => {
            format!("上次导入 {at}：来自「{from}」，新变更 {new} 条，新冲突 {conflicts} 处")
        }
        Lang::En => {
            format!(
                "Last import {at}: from \"{from}\", {new} new changes, {conflicts} new conflicts"
            )
        }
    }
}
