//! Sync on a USB stick (SPEC §7): this device's keys and card, the bundle format, export and
//! import. Uses the store; the TUI and the CLI use this.

pub mod bundle;
pub mod cards;
pub mod export;
pub mod import;
pub mod keys;
pub mod seals;

use std::path::PathBuf;

use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::store::StoreError;

/// Why a sync step failed.
#[derive(Debug, Error)]
pub enum SyncError {
    #[error("keys at {path}: {reason}")]
    Keys { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Bundle(#[from] bundle::BundleError),
    #[error("cannot read {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("the bundle's signer {name} is not a trusted device")]
    NotTrusted { name: String },
    #[error("the bundle needs database schema {found}, this program knows {known}")]
    NewerSchema { found: i64, known: i64 },
    #[error("change {op} reuses a sequence number with other content; quarantined")]
    Quarantined { op: String, kept: Option<PathBuf> },
    #[error("village {0} is not in this database")]
    UnknownVillage(String),
    #[error("{0} did not read back as written")]
    WriteCheck(PathBuf),
    /// The sender worked from an acknowledgement this database no longer reaches: it was
    /// restored from a backup since, and holds less than it told the sender.
    #[error(
        "the bundle from {name} was made for what this database held before it was restored; export to {name} first"
    )]
    StaleBase { name: String },
}

impl SyncError {
    /// True when the bundle or data was refused (exit code 2); false when the user can fix
    /// the command (exit code 1).
    pub fn is_refusal(&self) -> bool {
        match self {
            SyncError::Bundle(_)
            | SyncError::NotTrusted { .. }
            | SyncError::NewerSchema { .. }
            | SyncError::Quarantined { .. }
            | SyncError::StaleBase { .. } => true,
            SyncError::Store(e) => !e.is_user_error(),
            _ => false,
        }
    }
}

impl Localized for SyncError {
    fn message(&self, lang: Lang) -> String {
        match self {
            SyncError::Keys { path, reason } => match lang {
                Lang::Zh => format!("本机密钥文件 {} 无法使用（{reason}）", path.display()),
                Lang::En => format!("the key file {} cannot be used ({reason})", path.display()),
            },
            SyncError::Store(e) => e.message(lang),
            SyncError::Json(e) => format!("{}{e}", lang.pick("格式错误：", "malformed: ")),
            SyncError::Io(e) => format!("{}{e}", lang.pick("文件读写失败：", "file error: ")),
            SyncError::Bundle(e) => e.message(lang),
            SyncError::Read { path, reason } => match lang {
                Lang::Zh => format!("无法读取 {}（{reason}），请检查文件和 U 盘", path.display()),
                Lang::En => format!(
                    "cannot read {} ({reason}); check the file and the stick",
                    path.display()
                ),
            },
            SyncError::NotTrusted { name } => match lang {
                Lang::Zh => format!(
                    "这个同步包由「{name}」签名，但该设备不在本机的信任列表中；请先核对指纹并用 minqing peer add 添加对方名片"
                ),
                Lang::En => format!(
                    "this bundle is signed by \"{name}\", a device this one does not trust; compare fingerprints and add its card with minqing peer add"
                ),
            },
            SyncError::NewerSchema { found, known } => match lang {
                Lang::Zh => format!(
                    "这个同步包来自更新版本的 minqing（数据版本 {found}，本程序 {known}），请先升级本机的 minqing"
                ),
                Lang::En => format!(
                    "this bundle comes from a newer minqing (data version {found}, this program {known}); upgrade minqing first"
                ),
            },
            SyncError::Quarantined { op, kept } => {
                let kept = kept
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                match lang {
                    Lang::Zh => format!(
                        "同步包中的变更 {op} 与本机已有记录编号相同但内容不同（发送方设备异常或文件被篡改），整包已拒绝并隔离到 {kept}，请联系技术人员"
                    ),
                    Lang::En => format!(
                        "change {op} in this bundle reuses a number held here with other content (a faulty sender or a forged file); the bundle was refused and kept at {kept}; contact support"
                    ),
                }
            }
            SyncError::UnknownVillage(v) => match lang {
                Lang::Zh => format!("本库中没有名为「{v}」的村，请检查 --village"),
                Lang::En => {
                    format!("there is no village \"{v}\" in this database; check --village")
                }
            },
            SyncError::StaleBase { name } => match lang {
                Lang::Zh => format!(
                    "「{name}」的同步包是按本机恢复备份之前的数据做的（本机现在的数据比那时少），整包未导入；请先给「{name}」导出一个同步包，再导入对方之后发来的新包"
                ),
                Lang::En => format!(
                    "the bundle from \"{name}\" was made for what this database held before it was restored from a backup; nothing was imported: export a bundle to \"{name}\" first, then import the next one it sends"
                ),
            },
            SyncError::WriteCheck(p) => match lang {
                Lang::Zh => format!(
                    "写入 {} 后读回的内容不一致，U 盘可能有问题，请换一个位置重新导出",
                    p.display()
                ),
                Lang::En => format!(
                    "{} did not read back as written; the stick may be failing, export again elsewhere",
                    p.display()
                ),
            },
        }
    }
}
