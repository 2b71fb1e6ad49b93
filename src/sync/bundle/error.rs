//! Every way sealing or opening a bundle can fail, each with a one-line zh/en message, and how
//! the age crate's decryption errors map onto them.

use std::io;

use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// Why a bundle could not be opened (or sealed). Opening checks everything before returning,
/// so any of these means nothing from the file may be applied.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not an age file at all, or an age file whose content is not a minqing bundle.
    #[error("not a minqing bundle")]
    NotABundle,
    /// An age file encrypted for other keys than this device's.
    #[error("not encrypted for this device")]
    NotForMe,
    /// A byte changed somewhere (also what a cut inside the encrypted payload looks like: age
    /// cannot tell a shortened last chunk from a damaged one).
    #[error("corrupted")]
    Corrupted,
    /// The file ends early: inside the age header, or exactly on an encrypted chunk boundary.
    #[error("truncated")]
    Truncated,
    /// Written by a newer program that this one cannot read.
    #[error("bundle format {found}, this program reads up to {supported}")]
    NewerFormat { found: u16, supported: u16 },
    /// Written by an older program, in a format this one no longer reads.
    #[error("bundle format {found} is older than this program reads ({supported})")]
    OlderFormat { found: u16, supported: u16 },
    /// The signature does not verify with the sender key the manifest names.
    #[error("bad signature")]
    BadSignature,
    /// An operation lacks its origin device's seal, or a seal does not verify or does not
    /// match the operation: it was changed after its origin wrote it.
    #[error("bad origin seal: {0}")]
    BadSeal(String),
    /// Decrypted and (if the signature was reached) signed, but not well formed.
    #[error("malformed bundle: {0}")]
    Malformed(String),
    /// Sealing: no recipient was given.
    #[error("no recipients")]
    NoRecipients,
    /// Sealing: a recipient's card holds an unusable age key.
    #[error("bad age recipient in the card of {name} ({card_id})")]
    BadRecipient { name: String, card_id: String },
    /// Sealing: the operations given cannot form a bundle (a bug in the caller).
    #[error("cannot seal: {0}")]
    Unsealable(String),
}

impl Localized for BundleError {
    fn message(&self, lang: Lang) -> String {
        match self {
            BundleError::NotABundle => lang
                .pick(
                    "这个文件不是民情日志的同步包，请确认选对了文件（扩展名 .mqb）",
                    "this file is not a minqing sync bundle; check that you picked the right file (.mqb)",
                )
                .into(),
            BundleError::NotForMe => lang
                .pick(
                    "这个同步包不是发给本机的，请让对方导出时选择本机（对方须先添加本机的名片）",
                    "this bundle was not encrypted for this device; ask the sender to export it for this device (they need this device's card first)",
                )
                .into(),
            BundleError::Corrupted => lang
                .pick(
                    "这个文件已损坏或不完整（可能 U 盘拔出太早），请重新复制或让对方重新导出",
                    "this file is corrupted or incomplete (perhaps the USB stick was removed too early); copy it again or ask the sender to export again",
                )
                .into(),
            BundleError::Truncated => lang
                .pick(
                    "这个文件不完整（可能复制没有完成），请重新复制或让对方重新导出",
                    "this file is incomplete (perhaps the copy did not finish); copy it again or ask the sender to export again",
                )
                .into(),
            BundleError::NewerFormat { found, supported } => match lang {
                Lang::Zh => format!(
                    "这个同步包由较新版本的民情日志生成（格式 {found}，本程序只能读到 {supported}），请先升级本机的民情日志"
                ),
                Lang::En => format!(
                    "this bundle was made by a newer minqing (format {found}, this program reads up to {supported}); upgrade minqing on this computer first"
                ),
            },
            BundleError::OlderFormat { found, supported } => match lang {
                Lang::Zh => format!(
                    "这个同步包由旧版本的民情日志生成（格式 {found}，本程序读取格式 {supported}），请对方升级民情日志后重新导出"
                ),
                Lang::En => format!(
                    "this bundle was made by an older minqing (format {found}, this program reads {supported}); ask the sender to upgrade minqing and export again"
                ),
            },
            BundleError::BadSeal(detail) => match lang {
                Lang::Zh => format!(
                    "同步包中有变更与其原始设备的签名不符（{detail}），可能在转交途中被改动，已拒绝；请让对方重新导出并报告维护人员"
                ),
                Lang::En => format!(
                    "a change in this bundle does not match its original device's signature ({detail}); it may have been altered on the way; refused, ask the sender to export again and report it"
                ),
            },
            BundleError::BadSignature => lang
                .pick(
                    "这个同步包的签名不对，可能被改动过，已拒绝；请让对方重新导出",
                    "this bundle's signature does not match, it may have been altered; refused, ask the sender to export again",
                )
                .into(),
            BundleError::Malformed(detail) => match lang {
                Lang::Zh => format!(
                    "这个同步包的内容不合格式（{detail}），已拒绝；请让对方重新导出，仍不行请报告维护人员"
                ),
                Lang::En => format!(
                    "this bundle is malformed ({detail}); refused, ask the sender to export again and report it if it persists"
                ),
            },
            BundleError::NoRecipients => lang
                .pick(
                    "没有选择接收方，请用 --to 指定至少一个已添加的对方",
                    "no recipient chosen; name at least one added peer with --to",
                )
                .into(),
            BundleError::BadRecipient { name, card_id } => match lang {
                Lang::Zh => format!(
                    "{name}（{card_id}）的名片中的加密公钥无效，请删除后重新添加对方的名片"
                ),
                Lang::En => format!(
                    "the card of {name} ({card_id}) holds an invalid encryption key; remove it and add their card again"
                ),
            },
            BundleError::Unsealable(detail) => match lang {
                Lang::Zh => format!("无法生成同步包（{detail}），请把这条信息报告给维护人员"),
                Lang::En => format!("cannot build the bundle ({detail}); please report this"),
            },
        }
    }
}

/// Maps an age header/recipient error. `looks_age` says whether the file starts like an age
/// file: a broken header of an age file is damage, anything else is simply not a bundle.
pub(super) fn from_decrypt(e: age::DecryptError, looks_age: bool) -> BundleError {
    use age::DecryptError as D;
    match e {
        D::InvalidHeader | D::UnknownFormat if !looks_age => BundleError::NotABundle,
        D::InvalidHeader | D::UnknownFormat => BundleError::Corrupted,
        D::InvalidMac | D::DecryptionFailed | D::KeyDecryptionFailed => BundleError::Corrupted,
        // A passphrase-encrypted or otherwise foreign age file is not for this device either.
        D::NoMatchingKeys | D::ExcessiveWork { .. } => BundleError::NotForMe,
        D::Io(io) => from_io(&io),
        #[allow(unreachable_patterns)]
        _ => BundleError::NotForMe,
    }
}

/// Maps an error reading the decrypted stream: age reports a missing last chunk as an early
/// end of file and every authentication failure as invalid data.
pub(super) fn from_io(e: &io::Error) -> BundleError {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        _ => BundleError::Corrupted,
    }
}
