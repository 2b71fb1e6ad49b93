//! The store's typed errors and their one-line messages in both languages.

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::WorkflowError;
use crate::i18n::{Lang, Localized};

/// Everything that can go wrong reading or writing the database.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database is locked by another program")]
    Locked,
    #[error("cannot open {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is not a minqing database")]
    NotMinqing { path: PathBuf },
    #[error("schema version {found} is newer than this program ({known})")]
    TooNew { found: i64, known: i64 },
    #[error("invalid operation: {0}")]
    InvalidOp(String),
    #[error("{0} not found")]
    NotFound(String),
    /// Another operation with this origin and sequence number is already held: a device
    /// never reuses one, so the sender is broken or forged (the bundle is quarantined).
    #[error("sequence {0} reused with different content")]
    SequenceReused(String),
    #[error("this database already has an identity")]
    IdentityExists,
    #[error("this database has no identity yet")]
    NoIdentity,
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Locked
            }
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    /// True when the user can fix it (exit code 1), false when data was refused (exit code 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            StoreError::InvalidOp(_) | StoreError::SequenceReused(_)
        )
    }
}

impl Localized for StoreError {
    fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Locked => lang
                .pick(
                    "数据库正被另一个 minqing 窗口使用，请先关闭它再试",
                    "the database is in use by another minqing window; close it and try again",
                )
                .into(),
            StoreError::Open { path, source } => match lang {
                Lang::Zh => format!("无法打开数据库 {}（{source}），请检查路径和权限", path.display()),
                Lang::En => format!(
                    "cannot open the database {} ({source}); check the path and permissions",
                    path.display()
                ),
            },
            StoreError::NotMinqing { path } => match lang {
                Lang::Zh => format!("{} 不是 minqing 数据库，请检查文件", path.display()),
                Lang::En => format!("{} is not a minqing database; check the file", path.display()),
            },
            StoreError::TooNew { found, known } => match lang {
                Lang::Zh => format!(
                    "数据库版本 {found} 比本程序支持的 {known} 新，请升级 minqing"
                ),
                Lang::En => format!(
                    "the database (schema {found}) is newer than this program ({known}); upgrade minqing"
                ),
            },
            StoreError::InvalidOp(what) => match lang {
                Lang::Zh => format!("操作记录无效：{what}"),
                Lang::En => format!("invalid operation: {what}"),
            },
            StoreError::SequenceReused(op) => match lang {
                Lang::Zh => format!(
                    "变更编号 {op} 与本机已有的内容不同（发送方设备异常或文件被篡改），已拒绝，请联系技术人员"
                ),
                Lang::En => format!(
                    "change {op} differs from the one already held (a faulty sender or a forged file); refused, contact support"
                ),
            },
            StoreError::NotFound(what) => match lang {
                Lang::Zh => format!("找不到记录：{what}"),
                Lang::En => format!("record not found: {what}"),
            },
            StoreError::IdentityExists => lang
                .pick(
                    "本数据库已初始化过身份，不能覆盖；如需重新开始请用 --db 指定新文件",
                    "this database already has an identity and it cannot be overwritten; use --db with a new file to start over",
                )
                .into(),
            StoreError::NoIdentity => lang
                .pick(
                    "本数据库还没有身份，请先运行 minqing init",
                    "this database has no identity yet; run minqing init first",
                )
                .into(),
            StoreError::Workflow(e) => e.message(lang),
            StoreError::Sql(e) => match lang {
                Lang::Zh => format!("数据库错误：{e}；请运行 minqing check 检查"),
                Lang::En => format!("database error: {e}; run minqing check"),
            },
            StoreError::Json(e) => match lang {
                Lang::Zh => format!("数据格式错误：{e}"),
                Lang::En => format!("data format error: {e}"),
            },
            StoreError::Io(e) => match lang {
                Lang::Zh => format!("文件读写失败：{e}"),
                Lang::En => format!("file error: {e}"),
            },
        }
    }
}
