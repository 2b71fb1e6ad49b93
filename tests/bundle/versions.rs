//! The version gate: a bundle for a newer reader is refused as newer, one a newer writer made
//! for this reader opens, and format 1 (no origin seals) is refused as older.

use ed25519_dalek::{Signer, SigningKey};
use minqing::sync::bundle::{BundleError, parse_plaintext};
use serde_json::json;

use super::plaintext::{layout, lens, malformed, plain, section, value};
use super::{Party, sample_ops};

/// The format 1 layout (no seals; the signature covered every byte but its own).
fn layout_v1(manifest: &[u8], ops: &[u8], key: &SigningKey) -> Vec<u8> {
    let mut head = b"MQBUNDLE".to_vec();
    head.extend_from_slice(&1u16.to_le_bytes());
    head.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
    head.extend_from_slice(manifest);
    let mut signed = b"minqing bundle signature v1\0".to_vec();
    signed.extend_from_slice(&head);
    signed.extend_from_slice(&(ops.len() as u64).to_le_bytes());
    signed.extend_from_slice(ops);
    let mut out = head;
    out.extend_from_slice(&key.sign(&signed).to_bytes());
    out.extend_from_slice(&(ops.len() as u64).to_le_bytes());
    out.extend_from_slice(ops);
    out
}

#[test]
fn a_bundle_for_a_newer_reader_is_refused_as_newer() {
    let p = Party::generate();
    let ops = sample_ops();
    let s = section(&ops);
    let seals = p.seals_section(&ops);
    let mut m = p.sealed_manifest(&ops);
    m.format_version = 3;
    m.min_reader_version = 3;
    assert_eq!(
        p.open(&p.raw(&m, &s, &seals)),
        Err(BundleError::NewerFormat {
            found: 3,
            supported: 2
        })
    );
    // A far newer format whose manifest this program cannot even read.
    let garbage = b"\x00\x01\x02";
    let n = lens(garbage, b"", b"");
    assert_eq!(
        parse_plaintext(&layout(9, garbage, b"", b"", n, &p.sender.signing)),
        Err(BundleError::NewerFormat {
            found: 9,
            supported: 2
        })
    );
}

#[test]
fn a_newer_bundle_readable_by_this_version_opens_and_unknown_manifest_fields_are_ignored() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let seals = p.seals_section(&ops);
    let m = p.sealed_manifest(&ops);
    let mut v = value(&m);
    v["format_version"] = json!(3);
    v["min_reader_version"] = json!(2);
    v["compression"] = json!({"kind": "none"});
    let b = parse_plaintext(&plain(3, &v, &s, &seals, key)).expect("opens");
    assert_eq!(b.ops, ops);
    assert_eq!(b.manifest.format_version, 3);

    // The header and the manifest must agree, and the versions must make sense.
    assert!(malformed(parse_plaintext(&plain(2, &v, &s, &seals, key))).contains("format"));
    v["format_version"] = json!(2);
    v["min_reader_version"] = json!(0);
    malformed(parse_plaintext(&plain(2, &v, &s, &seals, key)));
    v["min_reader_version"] = json!(3);
    malformed(parse_plaintext(&plain(2, &v, &s, &seals, key)));
}

#[test]
fn a_format_1_bundle_is_refused_as_older() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let mut v = value(&p.sealed_manifest(&ops));
    v["format_version"] = json!(1);
    v["min_reader_version"] = json!(1);
    let o = v.as_object_mut().expect("object");
    o.remove("seal_count");
    o.remove("seals_hash");
    let older = Err(BundleError::OlderFormat {
        found: 1,
        supported: 2,
    });
    let v1 = layout_v1(&serde_json::to_vec(&v).expect("json"), &s, key);
    assert_eq!(parse_plaintext(&v1), older);
    assert_eq!(p.open(&p.envelope(&v1)), older);
    // Decided from the versions alone, before the rest of the layout is read.
    assert_eq!(
        parse_plaintext(&plain(1, &v, &s, &p.seals_section(&ops), key)),
        older
    );
}
