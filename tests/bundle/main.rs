//! The sync bundle format (docs/SYNC_FORMAT.md): round trips, every refusal, origin seals,
//! random input and the pinned golden files.

mod envelope;
mod golden;
mod plaintext;
mod props;
mod seal_lines;
mod seals;
mod versions;

use ed25519_dalek::SigningKey;
use minqing::domain::card::{CARD_FORMAT, Card};
use minqing::domain::op::{EntityKind, OpId, OpKind};
use minqing::domain::seal::OpSeal;
use minqing::domain::{Hlc, Op, ReplicaId};
use minqing::store::{SCHEMA_VERSION, VersionVector};
use minqing::sync::bundle::{self, Bundle, BundleError, Manifest, Sender};
use minqing::sync::keys::{DeviceKeys, hex};
use minqing::sync::seals::seal_ops;
use serde_json::json;
use uuid::Uuid;

/// A public card for `keys`.
pub fn card_of(keys: &DeviceKeys, name: &str) -> Card {
    Card {
        format: CARD_FORMAT.into(),
        name: name.into(),
        role: "cadre".into(),
        township: "两河镇".into(),
        villages: vec!["白虎村".into()],
        sign_key: hex(keys.signing.verifying_key().as_bytes()),
        age_recipient: keys.age.to_public().to_string(),
    }
}

pub fn replica(n: u8) -> ReplicaId {
    ReplicaId::from_parts(1_764_000_000_000 + u64::from(n), [n; 10])
}

fn id(n: u8) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(1_764_000_000_000, &[n; 10]).into_uuid()
}

/// A few realistic operations from two origins: a household created and then edited (a saved
/// form is one operation writing several fields), a visit, and a progress event.
pub fn sample_ops() -> Vec<Op> {
    let (a, b) = (replica(1), replica(2));
    let obj = |v: serde_json::Value| v.as_object().cloned().expect("object");
    vec![
        Op {
            origin: a,
            seq: 1,
            hlc: Hlc::from_ms(1_764_000_000_000),
            entity: EntityKind::Household,
            id: id(10),
            kind: OpKind::Create,
            fields: obj(
                json!({"village_id": id(1).to_string(), "head_name": "王凯", "phone": "13800001111"}),
            ),
            pred: vec![],
        },
        Op {
            origin: a,
            seq: 2,
            hlc: Hlc::from_ms(1_764_000_060_000),
            entity: EntityKind::Household,
            id: id(10),
            kind: OpKind::Set,
            fields: obj(json!({"phone": "13900002222", "address": "白虎村三组 12 号"})),
            pred: vec![OpId { origin: a, seq: 1 }],
        },
        Op {
            origin: b,
            seq: 7,
            hlc: Hlc::from_ms(1_764_000_120_000).tick(0),
            entity: EntityKind::Visit,
            id: id(11),
            kind: OpKind::Create,
            fields: obj(json!({"household_ids": [id(10).to_string()], "note": "反映道路积水"})),
            pred: vec![],
        },
        Op {
            origin: b,
            seq: 8,
            hlc: Hlc::from_ms(1_764_000_180_000),
            entity: EntityKind::Progress,
            id: id(12),
            kind: OpKind::Create,
            fields: obj(json!({"item_id": id(13).to_string(), "action": "交办"})),
            pred: vec![],
        },
    ]
}

/// The origin seals of `ops` as their devices make them: `replica(1)` is the sender's own
/// replica, so its operations are sealed with the sender's key; every other origin's with
/// `other` (the device that wrote them, whose operations the sender passes on).
pub fn seals_of(ops: &[Op], sender: &SigningKey, other: &SigningKey) -> Vec<OpSeal> {
    let (own, relayed): (Vec<Op>, Vec<Op>) =
        ops.iter().cloned().partition(|op| op.origin == replica(1));
    let mut out = seal_ops(&own, sender).expect("seal own");
    out.extend(seal_ops(&relayed, other).expect("seal relayed"));
    out
}

/// A manifest from `sender` (whose replica is `replica(1)`) for `seal` to complete.
pub fn manifest_from(sender: &Card) -> Manifest {
    let vv: VersionVector = [(replica(1), 2), (replica(2), 8)].into_iter().collect();
    Manifest::new(
        SCHEMA_VERSION,
        "2026-11-24T15:30:00+08:00".into(),
        Sender::from_card(sender, replica(1)),
        vv,
        Some(vec!["白虎村".into()]),
    )
}

/// Four devices: the sender, two recipients, and the device that wrote `replica(2)`'s
/// operations (which the sender relays).
pub struct Party {
    pub sender: DeviceKeys,
    pub office: DeviceKeys,
    pub county: DeviceKeys,
    pub other: DeviceKeys,
}

impl Party {
    /// Fresh random keys for all four.
    pub fn generate() -> Party {
        Party {
            sender: DeviceKeys::generate(),
            office: DeviceKeys::generate(),
            county: DeviceKeys::generate(),
            other: DeviceKeys::generate(),
        }
    }

    /// The origin seals of `ops` (see [`seals_of`]).
    pub fn seals(&self, ops: &[Op]) -> Vec<OpSeal> {
        seals_of(ops, &self.sender.signing, &self.other.signing)
    }

    /// The seals section of `ops`' origin seals.
    pub fn seals_section(&self, ops: &[Op]) -> Vec<u8> {
        bundle::seals_section(&self.seals(ops)).expect("seals section")
    }

    /// A sealed bundle of `ops` for the office and the county.
    pub fn seal(&self, ops: &[Op]) -> Vec<u8> {
        let to = [
            card_of(&self.office, "乡镇办"),
            card_of(&self.county, "县里"),
        ];
        bundle::seal(
            manifest_from(&card_of(&self.sender, "汪晓艳")),
            ops,
            &self.seals(ops),
            &self.sender,
            &to,
        )
        .expect("seal")
    }

    /// The manifest `seal` writes, complete, to tamper with.
    pub fn sealed_manifest(&self, ops: &[Op]) -> Manifest {
        self.open(&self.seal(ops)).expect("open").manifest
    }

    /// Signs `manifest` + `ops` + `seals` (as given, nothing filled in) and encrypts it for
    /// the office.
    pub fn raw(&self, manifest: &Manifest, ops: &[u8], seals: &[u8]) -> Vec<u8> {
        let plain =
            bundle::seal_plaintext(manifest, ops, seals, &self.sender.signing).expect("plaintext");
        self.envelope(&plain)
    }

    /// Any plaintext, encrypted for the office.
    pub fn envelope(&self, plain: &[u8]) -> Vec<u8> {
        bundle::encrypt(plain, &[card_of(&self.office, "乡镇办")]).expect("encrypt")
    }

    pub fn open(&self, bytes: &[u8]) -> Result<Bundle, BundleError> {
        bundle::open(bytes, &self.office)
    }
}
