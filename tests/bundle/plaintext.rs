//! The signed plaintext inside the envelope: the documented layout, the version gate, the
//! signature, the hash, and the operations against the manifest's count and ranges.

use ed25519_dalek::{Signer, SigningKey};
use minqing::domain::Op;
use minqing::sync::bundle::{self, BundleError, Manifest, Range, parse_plaintext};
use minqing::sync::keys::hex;
use serde_json::{Value, json};

use super::{Party, replica, sample_ops};

/// The layout exactly as docs/SYNC_FORMAT.md describes it, written independently of the crate,
/// with the two lengths given separately so they can lie.
fn layout(
    format: u16,
    manifest_len: u32,
    manifest: &[u8],
    ops_len: u64,
    ops: &[u8],
    key: &SigningKey,
) -> Vec<u8> {
    let mut head = b"MQBUNDLE".to_vec();
    head.extend_from_slice(&format.to_le_bytes());
    head.extend_from_slice(&manifest_len.to_le_bytes());
    head.extend_from_slice(manifest);
    let mut signed = b"minqing bundle signature v1\0".to_vec();
    signed.extend_from_slice(&head);
    signed.extend_from_slice(&ops_len.to_le_bytes());
    signed.extend_from_slice(ops);
    let mut out = head;
    out.extend_from_slice(&key.sign(&signed).to_bytes());
    out.extend_from_slice(&ops_len.to_le_bytes());
    out.extend_from_slice(ops);
    out
}

/// A correct plaintext for `manifest` (any JSON) and `ops`.
fn plain(format: u16, manifest: &Value, ops: &[u8], key: &SigningKey) -> Vec<u8> {
    let m = serde_json::to_vec(manifest).expect("json");
    layout(format, m.len() as u32, &m, ops.len() as u64, ops, key)
}

fn section(ops: &[Op]) -> Vec<u8> {
    bundle::ops_section(ops).expect("section")
}

fn hash(ops: &[u8]) -> String {
    blake3::hash(ops).to_hex().to_string()
}

fn value(m: &Manifest) -> Value {
    serde_json::to_value(m).expect("value")
}

fn malformed(r: Result<bundle::Bundle, BundleError>) -> String {
    match r {
        Err(BundleError::Malformed(why)) => why,
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn the_crate_writes_exactly_the_documented_layout() {
    let p = Party::generate();
    let ops = sample_ops();
    let m = p.sealed_manifest(&ops);
    let s = section(&ops);
    let ours = bundle::seal_plaintext(&m, &s, &p.sender.signing).expect("plaintext");
    let json = serde_json::to_vec(&m).expect("json");
    let theirs = layout(
        1,
        json.len() as u32,
        &json,
        s.len() as u64,
        &s,
        &p.sender.signing,
    );
    assert_eq!(ours, theirs);
    assert_eq!(&ours[..8], b"MQBUNDLE");
    assert_eq!(&ours[8..10], &[1, 0]);
    let b = parse_plaintext(&ours).expect("parses");
    assert_eq!(b.ops, ops);
    assert_eq!(b.manifest, m);
}

#[test]
fn a_signature_by_anyone_but_the_named_sender_is_refused() {
    let p = Party::generate();
    let ops = sample_ops();
    let s = section(&ops);
    let mut m = p.sealed_manifest(&ops);
    m.sender.sign_key = hex(p.county.signing.verifying_key().as_bytes());
    assert_eq!(p.open(&p.raw(&m, &s)), Err(BundleError::BadSignature));

    // Any signed byte changed after signing: manifest, lengths, operations, signature.
    let good = p.sealed_manifest(&ops);
    let plaintext = bundle::seal_plaintext(&good, &s, &p.sender.signing).expect("plaintext");
    let m_len = serde_json::to_vec(&good).expect("json").len();
    let name_at = 14 + m_len - 40;
    for i in [
        9,
        name_at,
        14 + m_len + 3,
        14 + m_len + 63,
        plaintext.len() - 2,
    ] {
        let mut bad = plaintext.clone();
        bad[i] ^= 0x01;
        let got = parse_plaintext(&bad);
        assert!(
            matches!(
                got,
                Err(BundleError::BadSignature | BundleError::Malformed(_))
            ),
            "byte {i}: {got:?}"
        );
    }
    let mut sig = plaintext.clone();
    sig[14 + m_len + 10] ^= 0x80;
    assert_eq!(parse_plaintext(&sig), Err(BundleError::BadSignature));
    let mut op = plaintext.clone();
    let last = op.len() - 5;
    op[last] ^= 0x01;
    assert_eq!(parse_plaintext(&op), Err(BundleError::BadSignature));
}

#[test]
fn a_bundle_for_a_newer_reader_is_refused_as_newer() {
    let p = Party::generate();
    let ops = sample_ops();
    let s = section(&ops);
    let mut m = p.sealed_manifest(&ops);
    m.format_version = 2;
    m.min_reader_version = 2;
    assert_eq!(
        p.open(&p.raw(&m, &s)),
        Err(BundleError::NewerFormat {
            found: 2,
            supported: 1
        })
    );
    // A far newer format whose manifest this program cannot even read.
    let garbage = layout(9, 3, b"\x00\x01\x02", 0, b"", &p.sender.signing);
    assert_eq!(
        parse_plaintext(&garbage),
        Err(BundleError::NewerFormat {
            found: 9,
            supported: 1
        })
    );
}

#[test]
fn a_newer_bundle_readable_by_this_version_opens_and_unknown_manifest_fields_are_ignored() {
    let p = Party::generate();
    let ops = sample_ops();
    let s = section(&ops);
    let m = p.sealed_manifest(&ops);
    let mut v = value(&m);
    v["format_version"] = json!(2);
    v["min_reader_version"] = json!(1);
    v["compression"] = json!({"kind": "none"});
    let b = parse_plaintext(&plain(2, &v, &s, &p.sender.signing)).expect("opens");
    assert_eq!(b.ops, ops);
    assert_eq!(b.manifest.format_version, 2);

    // The header and the manifest must agree, and the versions must make sense.
    assert!(malformed(parse_plaintext(&plain(1, &v, &s, &p.sender.signing))).contains("format"));
    v["format_version"] = json!(1);
    v["min_reader_version"] = json!(0);
    malformed(parse_plaintext(&plain(1, &v, &s, &p.sender.signing)));
    v["min_reader_version"] = json!(3);
    malformed(parse_plaintext(&plain(1, &v, &s, &p.sender.signing)));
}

#[test]
fn the_manifest_must_describe_the_operations_exactly() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let m = value(&p.sealed_manifest(&ops));
    let (a, b) = (replica(1), replica(2));
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = m.clone();
        edit(&mut v);
        parse_plaintext(&plain(1, &v, &s, key))
    };
    let range = |o, from, to| {
        serde_json::to_value(Range {
            origin: o,
            from,
            to,
        })
        .expect("r")
    };

    assert!(malformed(with(&|v| v["content_hash"] = json!(hash(b"other")))).contains("hash"));
    assert!(malformed(with(&|v| v["op_count"] = json!(5))).contains("operations"));
    let outside = with(&|v| v["ranges"] = json!([range(a, 1, 2), range(b, 7, 7), range(b, 9, 9)]));
    assert!(malformed(outside).contains("outside"));
    let short = with(&|v| v["ranges"] = json!([range(a, 1, 2), range(b, 7, 7)]));
    assert!(malformed(short).contains("ranges"));
    let overlap = with(&|v| v["ranges"] = json!([range(a, 1, 2), range(a, 2, 2), range(b, 7, 7)]));
    assert!(malformed(overlap).contains("overlap"));
    malformed(with(&|v| {
        v["ranges"] = json!([range(a, 0, 1), range(b, 7, 8)])
    }));
    malformed(with(&|v| {
        v["ranges"] = json!([range(a, 2, 1), range(b, 7, 8)])
    }));
    malformed(with(&|v| v["sender"]["replica_id"] = json!("not-a-uuid")));
    malformed(with(&|v| v["sender"]["sign_key"] = json!("abcd")));
    malformed(with(&|v| v["created_at"] = json!("yesterday")));
    malformed(with(&|v| v["ranges"] = json!("all")));

    // The same operation twice, with ranges and a count that would otherwise fit.
    let twice = [
        ops[0].clone(),
        ops[0].clone(),
        ops[2].clone(),
        ops[3].clone(),
    ];
    let s2 = section(&twice);
    let mut v = m.clone();
    v["content_hash"] = json!(hash(&s2));
    assert!(malformed(parse_plaintext(&plain(1, &v, &s2, key))).contains("twice"));
}

#[test]
fn operations_a_reader_does_not_fully_understand_are_refused() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let m = value(&p.sealed_manifest(&ops));
    let line = |op: &Op| serde_json::to_value(op).expect("op");
    let run = |lines: Vec<Value>, tail: &[u8]| {
        let mut s = Vec::new();
        for l in &lines {
            s.extend_from_slice(&serde_json::to_vec(l).expect("line"));
            s.push(b'\n');
        }
        s.extend_from_slice(tail);
        let mut v = m.clone();
        v["content_hash"] = json!(hash(&s));
        parse_plaintext(&plain(1, &v, &s, key))
    };
    let all = || ops.iter().map(line).collect::<Vec<_>>();
    assert_eq!(run(all(), b"").expect("valid").ops, ops);

    let mut unknown_field = all();
    unknown_field[1]["signature"] = json!("x");
    assert!(malformed(run(unknown_field, b"")).contains("line 2"));
    let mut unknown_entity = all();
    unknown_entity[2]["entity"] = json!("livestock");
    assert!(malformed(run(unknown_entity, b"")).contains("line 3"));
    let mut unknown_kind = all();
    unknown_kind[0]["kind"] = json!("merge");
    malformed(run(unknown_kind, b""));
    let mut unknown_pred_field = all();
    unknown_pred_field[1]["pred"][0]["hlc"] = json!(1);
    malformed(run(unknown_pred_field, b""));
    let mut not_object = all();
    not_object[0]["fields"] = json!([1, 2]);
    malformed(run(not_object, b""));

    // Line structure: no final line end, a blank line.
    let mut s = section(&ops);
    s.pop();
    let mut v = m.clone();
    v["content_hash"] = json!(hash(&s));
    assert!(malformed(parse_plaintext(&plain(1, &v, &s, key))).contains("line end"));
    malformed(run(all(), b"\n"));
}

#[test]
fn lengths_are_checked_against_the_bytes_that_remain() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let m = serde_json::to_vec(&p.sealed_manifest(&ops)).expect("json");
    let n = m.len() as u32;
    let ok = layout(1, n, &m, s.len() as u64, &s, key);
    assert!(parse_plaintext(&ok).is_ok());

    // Bogus lengths: nothing is allocated from them, the reader just refuses.
    malformed(parse_plaintext(&layout(
        1,
        u32::MAX,
        &m,
        s.len() as u64,
        &s,
        key,
    )));
    malformed(parse_plaintext(&layout(1, n, &m, u64::MAX, &s, key)));
    malformed(parse_plaintext(&layout(
        1,
        n,
        &m,
        s.len() as u64 + 1,
        &s,
        key,
    )));
    let mut trailing = ok.clone();
    trailing.extend_from_slice(b"extra");
    assert!(malformed(parse_plaintext(&trailing)).contains("after"));
    for cut in [9, 12, 14, 14 + m.len(), 14 + m.len() + 64, ok.len() - 1] {
        assert!(
            matches!(parse_plaintext(&ok[..cut]), Err(BundleError::Malformed(_))),
            "cut at {cut}"
        );
    }
    assert_eq!(parse_plaintext(b"MQBUNDL"), Err(BundleError::NotABundle));
    assert_eq!(
        parse_plaintext(b"mqbundle\x01\x00"),
        Err(BundleError::NotABundle)
    );
}
