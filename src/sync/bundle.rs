//! The sync bundle file (`.mqb`, docs/SYNC_FORMAT.md): sealing operations for some peers into
//! one signed, encrypted file, and opening one with every check done before anything is returned.

mod error;
mod read;
mod sealed;
mod write;

use std::io::Read;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

pub use error::BundleError;
#[doc(hidden)]
pub use read::{Opened, parse_plaintext, parse_plaintext_with};
#[doc(hidden)]
pub use sealed::seals_section;
#[doc(hidden)]
pub use write::{encrypt, ops_section, ranges_of, seal_plaintext};

use super::keys::{DeviceKeys, hex};
use crate::domain::card::Card;
use crate::domain::seal::OpSeal;
use crate::domain::{Op, ReplicaId};
use crate::store::VersionVector;

/// The first eight bytes of every bundle's plaintext.
pub const MAGIC: &[u8; 8] = b"MQBUNDLE";
/// The format this program writes.
pub const FORMAT_VERSION: u16 = 2;
/// The oldest reader that can read what this program writes.
pub const MIN_READER_VERSION: u16 = 2;
/// Prefixed to the signed bytes so a bundle signature can never be replayed as another message.
pub const SIGNATURE_DOMAIN: &[u8] = b"minqing bundle signature v2\0";
/// The file extension, without the dot.
pub const EXTENSION: &str = "mqb";

/// Who sealed the bundle. The receiver trusts it only after finding `sign_key` among its peers.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Sender {
    /// `Card::id()` of the sender's card.
    pub card_id: String,
    pub name: String,
    pub township: String,
    /// The sender database's replica id (a UUID); `open` checks that it parses.
    pub replica_id: String,
    /// The ed25519 verifying key, 64 hex digits; the signature is checked against it.
    pub sign_key: String,
}

impl Sender {
    /// The sender described by this device's own card and replica.
    pub fn from_card(card: &Card, replica: ReplicaId) -> Sender {
        Sender {
            card_id: card.id(),
            name: card.name.clone(),
            township: card.township.clone(),
            replica_id: replica.to_string(),
            sign_key: card.sign_key.clone(),
        }
    }

    /// The replica id; always `Some` in a bundle `open` returned.
    pub fn replica(&self) -> Option<ReplicaId> {
        self.replica_id.parse().ok()
    }
}

/// The sequence numbers `from..=to` of one origin, all of them in the bundle.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Range {
    pub origin: ReplicaId,
    pub from: u64,
    pub to: u64,
}

/// What the bundle holds and who made it; JSON in the plaintext, covered by the signature.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Manifest {
    pub format_version: u16,
    pub min_reader_version: u16,
    /// The sender's `store::SCHEMA_VERSION` (informational; see SYNC_FORMAT.md).
    pub schema_version: i64,
    /// Local time with its offset, RFC 3339 ("2026-11-24T15:30:00+08:00").
    pub created_at: String,
    pub sender: Sender,
    /// `Card::id()` of each recipient.
    pub recipients: Vec<String>,
    /// The sender's whole vector; the receiver records it as what the sender has.
    pub version_vector: VersionVector,
    /// Exactly the `(origin, seq)` the bundle holds, as inclusive runs.
    pub ranges: Vec<Range>,
    pub op_count: u64,
    /// blake3 of the operations section, lower-case hex.
    pub content_hash: String,
    /// Number of origin seals in the seals section.
    pub seal_count: u64,
    /// blake3 of the seals section, lower-case hex.
    pub seals_hash: String,
    /// The villages the bundle is scoped to; `None` = everything the sender has.
    #[serde(default)]
    pub villages: Option<Vec<String>>,
    /// What the sender took the recipient to hold (its acknowledgement) when choosing what to
    /// send; absent for a full export. With it, a recipient that holds at least that much
    /// knows it now holds everything of its villages up to `version_vector` (see
    /// SYNC_FORMAT.md, "Coverage").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<VersionVector>,
}

impl Manifest {
    /// A manifest for `seal` to complete (versions, recipients, ranges, count and hash are
    /// filled in when sealing).
    pub fn new(
        schema_version: i64,
        created_at: String,
        sender: Sender,
        version_vector: VersionVector,
        villages: Option<Vec<String>>,
    ) -> Manifest {
        Manifest {
            format_version: FORMAT_VERSION,
            min_reader_version: MIN_READER_VERSION,
            schema_version,
            created_at,
            sender,
            recipients: Vec::new(),
            version_vector,
            ranges: Vec::new(),
            op_count: 0,
            content_hash: String::new(),
            seal_count: 0,
            seals_hash: String::new(),
            villages,
            base: None,
        }
    }
}

/// An opened bundle: signature, hashes, counts, ranges and origin seals all checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub manifest: Manifest,
    pub ops: Vec<Op>,
    /// The origin seals covering `ops` (to keep and pass on).
    pub seals: Vec<OpSeal>,
}

/// Seals `ops` for `recipients`: fills in the manifest's derived fields (format versions,
/// `sender.sign_key` from `keys`, recipients, ranges, op count, content hash, seal count and
/// hash), signs with this device's key and encrypts to every recipient's age key. `seals` are
/// the origin seals of `ops` (`sync::seals`); every operation must be covered by one, as a
/// reader checks. Returns the bytes of the `.mqb` file.
pub fn seal(
    mut manifest: Manifest,
    ops: &[Op],
    seals: &[OpSeal],
    keys: &DeviceKeys,
    recipients: &[Card],
) -> Result<Vec<u8>, BundleError> {
    let section = ops_section(ops)?;
    let hashed = section
        .split(|&b| b == b'\n')
        .zip(ops)
        .map(|(line, op)| (op.op_id(), crate::domain::seal::op_hash(line)))
        .collect::<Vec<_>>();
    let me = keys.signing.verifying_key().to_bytes();
    let sender = manifest
        .sender
        .replica()
        .unwrap_or(ReplicaId(uuid::Uuid::nil()));
    sealed::check_coverage(&hashed, seals, sender, &me)
        .map_err(|e| BundleError::Unsealable(e.to_string()))?;
    let seals_bytes = seals_section(seals)?;
    manifest.format_version = FORMAT_VERSION;
    manifest.min_reader_version = MIN_READER_VERSION;
    manifest.sender.sign_key = hex(keys.signing.verifying_key().as_bytes());
    manifest.recipients = recipients.iter().map(Card::id).collect();
    manifest.ranges = ranges_of(ops)?;
    manifest.op_count = ops.len() as u64;
    manifest.content_hash = blake3::hash(&section).to_hex().to_string();
    manifest.seal_count = seals.len() as u64;
    manifest.seals_hash = blake3::hash(&seals_bytes).to_hex().to_string();
    let plaintext = seal_plaintext(&manifest, &section, &seals_bytes, &keys.signing)?;
    encrypt(&plaintext, recipients)
}

/// Decrypts with this device's age key and checks everything: magic, format version, lengths,
/// manifest, signature (against `manifest.sender.sign_key`; the caller then checks that key
/// belongs to a trusted peer), content hash, each operation, the count and the ranges.
pub fn open(bytes: &[u8], keys: &DeviceKeys) -> Result<Bundle, BundleError> {
    open_with(bytes, keys, |_, _| Ok::<bool, BundleError>(false)).map(|o| o.bundle)
}

/// [`open`], letting the caller skip parsing operations it already holds (a re-import):
/// see [`parse_plaintext_with`].
pub fn open_with<E: From<BundleError>>(
    bytes: &[u8],
    keys: &DeviceKeys,
    held: impl FnOnce(&Manifest, &[OpSeal]) -> Result<bool, E>,
) -> Result<Opened, E> {
    let plaintext = decrypt(bytes, keys)?;
    parse_plaintext_with(&plaintext, held)
}

fn decrypt(bytes: &[u8], keys: &DeviceKeys) -> Result<Vec<u8>, BundleError> {
    let looks_age = bytes.starts_with(b"age-encryption.org/");
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|e| error::from_decrypt(e, looks_age))?;
    let identity: &dyn age::Identity = &keys.age;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| error::from_decrypt(e, true))?;
    let mut plaintext = Vec::new();
    reader
        .read_to_end(&mut plaintext)
        .map_err(|e| error::from_io(&e))?;
    Ok(plaintext)
}

/// `<township>-<sender>-<yyyymmdd-hhmm>.mqb`, each name made safe for every file system
/// (Windows included): reserved and control characters and spaces become `_`, no leading or
/// trailing dot, at most 32 characters.
pub fn file_name(township: &str, sender: &str, at: NaiveDateTime) -> String {
    format!(
        "{}-{}-{}.{EXTENSION}",
        safe_part(township),
        safe_part(sender),
        at.format("%Y%m%d-%H%M")
    )
}

fn safe_part(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(32)
        .collect();
    let trimmed = mapped.trim_matches('.');
    if trimmed.is_empty() {
        "_".into()
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn file_names_are_safe_on_every_file_system() {
        let t = at("2026-11-24 15:30");
        assert_eq!(
            file_name("两河镇", "汪晓艳", t),
            "两河镇-汪晓艳-20261124-1530.mqb"
        );
        assert_eq!(
            file_name("a/b\\c:d", "x y*?\"<>|\n", t),
            "a_b_c_d-x_y_______-20261124-1530.mqb"
        );
        assert_eq!(file_name("..", "", t), "_-_-20261124-1530.mqb");
        assert_eq!(
            file_name(".hidden.", "ok", t),
            "hidden-ok-20261124-1530.mqb"
        );
        let long = "长".repeat(100);
        let name = file_name(&long, "a", t);
        assert_eq!(name.chars().filter(|&c| c == '长').count(), 32);
    }
}
