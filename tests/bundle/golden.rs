//! The pinned version-1 bundle in `tests/golden/`: this program must keep opening it, and must
//! keep writing the same plaintext bytes for the same content, so a format change is deliberate.
//!
//! Regenerate (only with a format change, together with docs/SYNC_FORMAT.md):
//! `MINQING_REGENERATE_GOLDEN=1 cargo test --test bundle -- --ignored regenerate_golden_v1`
//! The keys there are test fixtures made for this file, not anyone's real keys.

use std::fs;
use std::path::PathBuf;

use minqing::domain::Op;
use minqing::sync::bundle::{self, Manifest};
use minqing::sync::keys::DeviceKeys;
use serde::{Deserialize, Serialize};

use super::{card_of, manifest_from, sample_ops};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

const FILE: &str = "v1.mqb";
const RECIPIENT: &str = "v1_recipient.keys";
const SENDER: &str = "v1_sender.keys";
const EXPECTED: &str = "v1_expected.json";

#[derive(Serialize, Deserialize)]
struct Expected {
    manifest: Manifest,
    ops: Vec<Op>,
}

fn expected() -> Expected {
    let text = fs::read_to_string(dir().join(EXPECTED)).expect("expected json");
    serde_json::from_str(&text).expect("expected parses")
}

#[test]
fn the_golden_v1_bundle_opens_to_the_pinned_content() {
    let keys = DeviceKeys::load(&dir().join(RECIPIENT)).expect("recipient keys");
    let file = fs::read(dir().join(FILE)).expect("golden bundle");
    let b = bundle::open(&file, &keys).expect("golden bundle opens");
    let want = expected();
    assert_eq!(b.manifest, want.manifest);
    assert_eq!(b.ops, want.ops);
    assert_eq!(b.manifest.format_version, 1);
    assert_eq!(b.ops.len(), 4);
}

#[test]
fn this_program_writes_the_golden_plaintext_byte_for_byte() {
    let keys = DeviceKeys::load(&dir().join(RECIPIENT)).expect("recipient keys");
    let sender = DeviceKeys::load(&dir().join(SENDER)).expect("sender keys");
    let file = fs::read(dir().join(FILE)).expect("golden bundle");
    let plain = age::decrypt(&keys.age, &file).expect("decrypts");
    let want = expected();
    let section = bundle::ops_section(&want.ops).expect("section");
    // ed25519 signatures are deterministic, so the same content gives the same bytes.
    let ours = bundle::seal_plaintext(&want.manifest, &section, &sender.signing).expect("plain");
    assert_eq!(ours, plain, "the plaintext layout or serialisation changed");
}

#[test]
#[ignore = "writes tests/golden; run by hand only for a deliberate format change"]
fn regenerate_golden_v1() {
    if std::env::var_os("MINQING_REGENERATE_GOLDEN").is_none() {
        return;
    }
    let d = dir();
    fs::create_dir_all(&d).expect("dir");
    for f in [FILE, RECIPIENT, SENDER, EXPECTED] {
        let _ = fs::remove_file(d.join(f));
    }
    let sender = DeviceKeys::generate();
    let recipient = DeviceKeys::generate();
    sender.save(&d.join(SENDER)).expect("save sender");
    recipient.save(&d.join(RECIPIENT)).expect("save recipient");
    let ops = sample_ops();
    let to = [card_of(&recipient, "两河镇办公室")];
    let file = bundle::seal(
        manifest_from(&card_of(&sender, "汪晓艳")),
        &ops,
        &sender,
        &to,
    )
    .expect("seal");
    fs::write(d.join(FILE), &file).expect("write bundle");
    let opened = bundle::open(&file, &recipient).expect("open");
    let json = serde_json::to_string_pretty(&Expected {
        manifest: opened.manifest,
        ops: opened.ops,
    })
    .expect("json");
    fs::write(d.join(EXPECTED), json + "\n").expect("write expected");
}
