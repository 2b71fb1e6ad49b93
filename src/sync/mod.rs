//! Sync on a USB stick (SPEC §7): this device's keys and card, the bundle format, export and
//! import. Uses the store; the TUI and the CLI use this.

pub mod bundle;
pub mod cards;
pub mod keys;

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
        }
    }
}
