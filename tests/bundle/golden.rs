//! The pinned bundles in `tests/golden/`: this program must keep opening the format 2 one and
//! writing the same plaintext bytes for the same content, so a format change is deliberate; the
//! format 1 one (no origin seals) is refused as older.
//!
//! Regenerate `v2.mqb` and `v2_expected.json` (only with a format change, together with
//! docs/SYNC_FORMAT.md):
//! `MINQING_REGENERATE_GOLDEN=1 cargo test --test bundle -- --ignored regenerate_golden_v2`
//! The keys there (`v1_sender.keys`, `v1_recipient.keys`, and the fixed seed below for the
//! relayed origin) are test fixtures made for these files, not anyone's real keys.

use std::fs;
use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use minqing::domain::seal::OpSeal;
use minqing::domain::{Op, ReplicaId};
use minqing::sync::bundle::{self, BundleError, Manifest};
use minqing::sync::keys::{DeviceKeys, hex, unhex};
use minqing::sync::seals::verify;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{card_of, manifest_from, sample_ops, seals_of};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

const RECIPIENT: &str = "v1_recipient.keys";
const SENDER: &str = "v1_sender.keys";
const V1: &str = "v1.mqb";
const V1_EXPECTED: &str = "v1_expected.json";
const V2: &str = "v2.mqb";
const V2_EXPECTED: &str = "v2_expected.json";
/// The signing key of the device that wrote `replica(2)`'s sample operations, which the
/// golden sender relays: fixed, so its seal (ed25519 is deterministic) is pinned too.
const OTHER_SEED: [u8; 32] = [0x42; 32];

fn keys(file: &str) -> DeviceKeys {
    DeviceKeys::load(&dir().join(file)).expect("golden keys")
}

/// A seal as `v2_expected.json` spells it: the fields of a seal line.
#[derive(Serialize, Deserialize)]
struct PinnedSeal {
    origin: ReplicaId,
    from: u64,
    to: u64,
    sign_key: String,
    hashes: String,
    sig: String,
}

impl PinnedSeal {
    fn of(s: &OpSeal) -> PinnedSeal {
        PinnedSeal {
            origin: s.origin,
            from: s.from,
            to: s.to,
            sign_key: hex(&s.sign_key),
            hashes: s.hashes.iter().map(|h| hex(h)).collect(),
            sig: hex(&s.sig),
        }
    }

    fn seal(&self) -> OpSeal {
        let hashes = (0..self.hashes.len() / 64)
            .map(|i| unhex::<32>(&self.hashes[64 * i..64 * (i + 1)]).expect("hash"))
            .collect();
        OpSeal {
            origin: self.origin,
            from: self.from,
            to: self.to,
            sign_key: unhex(&self.sign_key).expect("key"),
            hashes,
            sig: unhex(&self.sig).expect("sig"),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Expected {
    manifest: Manifest,
    ops: Vec<Op>,
    seals: Vec<PinnedSeal>,
}

fn expected() -> Expected {
    let text = fs::read_to_string(dir().join(V2_EXPECTED)).expect("expected json");
    serde_json::from_str(&text).expect("expected parses")
}

#[test]
fn the_golden_v2_bundle_opens_to_the_pinned_content() {
    let file = fs::read(dir().join(V2)).expect("golden bundle");
    let b = bundle::open(&file, &keys(RECIPIENT)).expect("golden bundle opens");
    let want = expected();
    assert_eq!(b.manifest, want.manifest);
    assert_eq!(b.ops, want.ops);
    let seals: Vec<OpSeal> = want.seals.iter().map(PinnedSeal::seal).collect();
    assert_eq!(b.seals, seals);
    assert_eq!(b.manifest.format_version, 2);
    assert_eq!(b.ops.len(), 4);
    assert_eq!(b.seals.len(), 2);
    assert!(b.seals.iter().all(verify));
    // The pinned seals are what the two origins' keys make of the pinned operations.
    let sender = keys(SENDER);
    let other = SigningKey::from_bytes(&OTHER_SEED);
    assert_eq!(seals_of(&b.ops, &sender.signing, &other), seals);
}

#[test]
fn this_program_writes_the_golden_v2_plaintext_byte_for_byte() {
    let file = fs::read(dir().join(V2)).expect("golden bundle");
    let plain = age::decrypt(&keys(RECIPIENT).age, &file).expect("decrypts");
    let want = expected();
    let section = bundle::ops_section(&want.ops).expect("section");
    let seals: Vec<OpSeal> = want.seals.iter().map(PinnedSeal::seal).collect();
    let seals = bundle::seals_section(&seals).expect("seals section");
    // ed25519 signatures are deterministic, so the same content gives the same bytes.
    let ours = bundle::seal_plaintext(&want.manifest, &section, &seals, &keys(SENDER).signing)
        .expect("plain");
    assert_eq!(ours, plain, "the plaintext layout or serialisation changed");
}

#[test]
fn the_golden_v1_bundle_is_refused_as_older() {
    let recipient = keys(RECIPIENT);
    let file = fs::read(dir().join(V1)).expect("golden v1 bundle");
    assert_eq!(
        bundle::open(&file, &recipient),
        Err(BundleError::OlderFormat {
            found: 1,
            supported: 2
        })
    );
    // It is the genuine format 1 file: its header and manifest are the pinned ones.
    let plain = age::decrypt(&recipient.age, &file).expect("decrypts");
    assert_eq!(&plain[..10], b"MQBUNDLE\x01\x00");
    let m_len = u32::from_le_bytes(plain[10..14].try_into().expect("u32")) as usize;
    let manifest: Value = serde_json::from_slice(&plain[14..14 + m_len]).expect("manifest");
    let text = fs::read_to_string(dir().join(V1_EXPECTED)).expect("v1 expected");
    let pinned: Value = serde_json::from_str(&text).expect("v1 expected parses");
    assert_eq!(manifest, pinned["manifest"]);
}

#[test]
#[ignore = "writes tests/golden; run by hand only for a deliberate format change"]
fn regenerate_golden_v2() {
    if std::env::var_os("MINQING_REGENERATE_GOLDEN").is_none() {
        return;
    }
    let d = dir();
    let sender = keys(SENDER);
    let recipient = keys(RECIPIENT);
    let ops = sample_ops();
    let seals = seals_of(&ops, &sender.signing, &SigningKey::from_bytes(&OTHER_SEED));
    let to = [card_of(&recipient, "两河镇办公室")];
    let file = bundle::seal(
        manifest_from(&card_of(&sender, "汪晓艳")),
        &ops,
        &seals,
        &sender,
        &to,
    )
    .expect("seal");
    fs::write(d.join(V2), &file).expect("write bundle");
    let opened = bundle::open(&file, &recipient).expect("open");
    let json = serde_json::to_string_pretty(&Expected {
        manifest: opened.manifest,
        ops: opened.ops,
        seals: opened.seals.iter().map(PinnedSeal::of).collect(),
    })
    .expect("json");
    fs::write(d.join(V2_EXPECTED), json + "\n").expect("write expected");
}
