//! The signed plaintext inside the envelope: the documented layout, the signature, the section
//! hashes, the lengths, and the operations against the manifest's count and ranges.

use ed25519_dalek::{Signer, SigningKey};
use minqing::domain::Op;
use minqing::sync::bundle::{self, BundleError, Manifest, Range, parse_plaintext};
use minqing::sync::keys::hex;
use serde_json::{Value, json};

use super::seals::seals_for_section;
use super::{Party, replica, sample_ops};

/// The three lengths of a plaintext, given apart from the bytes so they can lie.
#[derive(Clone, Copy)]
pub struct Lens {
    pub manifest: u32,
    pub ops: u64,
    pub seals: u64,
}

pub fn lens(manifest: &[u8], ops: &[u8], seals: &[u8]) -> Lens {
    Lens {
        manifest: manifest.len() as u32,
        ops: ops.len() as u64,
        seals: seals.len() as u64,
    }
}

/// The format 2 layout exactly as docs/SYNC_FORMAT.md describes it, written independently of
/// the crate: the signature covers the domain, the header and the manifest only.
pub fn layout(
    format: u16,
    manifest: &[u8],
    ops: &[u8],
    seals: &[u8],
    n: Lens,
    key: &SigningKey,
) -> Vec<u8> {
    let mut out = b"MQBUNDLE".to_vec();
    out.extend_from_slice(&format.to_le_bytes());
    out.extend_from_slice(&n.manifest.to_le_bytes());
    out.extend_from_slice(manifest);
    let mut signed = b"minqing bundle signature v2\0".to_vec();
    signed.extend_from_slice(&out);
    out.extend_from_slice(&key.sign(&signed).to_bytes());
    out.extend_from_slice(&n.ops.to_le_bytes());
    out.extend_from_slice(ops);
    out.extend_from_slice(&n.seals.to_le_bytes());
    out.extend_from_slice(seals);
    out
}

/// A plaintext with honest lengths for `manifest` (any JSON, written as given) and the two
/// sections.
pub fn plain(format: u16, manifest: &Value, ops: &[u8], seals: &[u8], key: &SigningKey) -> Vec<u8> {
    let m = serde_json::to_vec(manifest).expect("json");
    layout(format, &m, ops, seals, lens(&m, ops, seals), key)
}

pub fn section(ops: &[Op]) -> Vec<u8> {
    bundle::ops_section(ops).expect("section")
}

pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

pub fn value(m: &Manifest) -> Value {
    serde_json::to_value(m).expect("value")
}

pub fn malformed(r: Result<bundle::Bundle, BundleError>) -> String {
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
    let seals = seals_for_section(&p, &s);
    assert_eq!(m.content_hash, hash(&s));
    assert_eq!(m.seals_hash, hash(&seals));
    assert_eq!(m.seal_count, 2);
    let ours = bundle::seal_plaintext(&m, &s, &p.seals_section(&ops), &p.sender.signing)
        .expect("plaintext");
    let json = serde_json::to_vec(&m).expect("json");
    let theirs = layout(
        2,
        &json,
        &s,
        &seals,
        lens(&json, &s, &seals),
        &p.sender.signing,
    );
    assert_eq!(ours, theirs);
    assert_eq!(&ours[..8], b"MQBUNDLE");
    assert_eq!(&ours[8..10], &[2, 0]);
    // What `seal` puts in the envelope is that same plaintext.
    let file = p.seal(&ops);
    assert_eq!(age::decrypt(&p.office.age, &file).expect("decrypts"), ours);
    let b = parse_plaintext(&ours).expect("parses");
    assert_eq!(b.ops, ops);
    assert_eq!(b.manifest, m);
    assert_eq!(b.seals, p.seals(&ops));
}

#[test]
fn a_signature_by_anyone_but_the_named_sender_is_refused() {
    let p = Party::generate();
    let ops = sample_ops();
    let s = section(&ops);
    let seals = p.seals_section(&ops);
    let mut m = p.sealed_manifest(&ops);
    m.sender.sign_key = hex(p.county.signing.verifying_key().as_bytes());
    assert_eq!(
        p.open(&p.raw(&m, &s, &seals)),
        Err(BundleError::BadSignature)
    );

    // Any signed byte changed after signing (format, manifest) or the signature itself.
    let good = p.sealed_manifest(&ops);
    let plaintext = bundle::seal_plaintext(&good, &s, &seals, &p.sender.signing).expect("plain");
    let m_len = serde_json::to_vec(&good).expect("json").len();
    let name_at = 14 + m_len - 40;
    for i in [9, name_at, 14 + m_len + 3, 14 + m_len + 63] {
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

    // The sections are bound through the signed manifest's hashes: a changed byte in either
    // no longer matches its hash, and a manifest carrying the new hash is not the one signed.
    let ops_at = 14 + m_len + 64 + 8;
    let mut op = plaintext.clone();
    op[ops_at + 5] ^= 0x01;
    assert!(malformed(parse_plaintext(&op)).contains("content hash"));
    let mut seal = plaintext.clone();
    let last = seal.len() - 5;
    seal[last] ^= 0x01;
    assert!(malformed(parse_plaintext(&seal)).contains("seals hash"));

    let mut changed = ops.clone();
    changed[2].fields.insert("note".into(), json!("改过的"));
    let s2 = section(&changed);
    let mut m2 = good.clone();
    m2.content_hash = hash(&s2);
    let mut forged = bundle::seal_plaintext(&m2, &s2, &seals, &p.sender.signing).expect("plain");
    assert_eq!(serde_json::to_vec(&m2).expect("json").len(), m_len);
    forged[14 + m_len..14 + m_len + 64].copy_from_slice(&plaintext[14 + m_len..14 + m_len + 64]);
    assert_eq!(parse_plaintext(&forged), Err(BundleError::BadSignature));
}

#[test]
fn the_manifest_must_describe_the_operations_exactly() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let seals = p.seals_section(&ops);
    let m = value(&p.sealed_manifest(&ops));
    let (a, b) = (replica(1), replica(2));
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = m.clone();
        edit(&mut v);
        parse_plaintext(&plain(2, &v, &s, &seals, key))
    };
    let range = |o, from, to| {
        serde_json::to_value(Range {
            origin: o,
            from,
            to,
        })
        .expect("r")
    };

    assert!(with(&|_| {}).is_ok());
    assert!(malformed(with(&|v| v["content_hash"] = json!(hash(b"other")))).contains("hash"));
    assert!(malformed(with(&|v| v["seals_hash"] = json!(hash(b"other")))).contains("seals hash"));
    assert!(malformed(with(&|v| v["seal_count"] = json!(1))).contains("seals"));
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
    assert!(malformed(parse_plaintext(&plain(2, &v, &s2, &seals, key))).contains("twice"));
}

#[test]
fn operations_a_reader_does_not_fully_understand_are_refused() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let m = value(&p.sealed_manifest(&ops));
    let line = |op: &Op| serde_json::to_value(op).expect("op");
    // Each section sealed as written (JSON with its keys in another order than the crate's):
    // what an origin signs is the line as the bundle carries it.
    let sealed = |s: &[u8]| {
        let seals = seals_for_section(&p, s);
        let mut v = m.clone();
        v["content_hash"] = json!(hash(s));
        v["seals_hash"] = json!(hash(&seals));
        v["seal_count"] = json!(seals.iter().filter(|&&b| b == b'\n').count());
        parse_plaintext(&plain(2, &v, s, &seals, key))
    };
    let run = |lines: Vec<Value>, tail: &[u8]| {
        let mut s = Vec::new();
        for l in &lines {
            s.extend_from_slice(&serde_json::to_vec(l).expect("line"));
            s.push(b'\n');
        }
        s.extend_from_slice(tail);
        sealed(&s)
    };
    let all = || ops.iter().map(line).collect::<Vec<_>>();
    let reordered: Vec<u8> = all()
        .iter()
        .flat_map(|l| [serde_json::to_vec(l).expect("line"), b"\n".to_vec()].concat())
        .collect();
    assert_ne!(reordered, section(&ops), "the keys are in another order");
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
    assert!(malformed(sealed(&s)).contains("line end"));
    malformed(run(all(), b"\n"));
}

#[test]
fn lengths_are_checked_against_the_bytes_that_remain() {
    let p = Party::generate();
    let key = &p.sender.signing;
    let ops = sample_ops();
    let s = section(&ops);
    let seals = p.seals_section(&ops);
    let m = serde_json::to_vec(&p.sealed_manifest(&ops)).expect("json");
    let n = lens(&m, &s, &seals);
    let ok = layout(2, &m, &s, &seals, n, key);
    assert!(parse_plaintext(&ok).is_ok());

    // Bogus lengths: nothing is allocated from them, the reader just refuses.
    let lying = [
        Lens {
            manifest: u32::MAX,
            ..n
        },
        Lens { ops: u64::MAX, ..n },
        Lens {
            ops: n.ops + 1,
            ..n
        },
        Lens {
            ops: n.ops - 1,
            ..n
        },
        Lens {
            seals: u64::MAX,
            ..n
        },
        Lens {
            seals: n.seals + 1,
            ..n
        },
        Lens {
            seals: n.seals - 1,
            ..n
        },
    ];
    for l in lying {
        malformed(parse_plaintext(&layout(2, &m, &s, &seals, l, key)));
    }
    let mut trailing = ok.clone();
    trailing.extend_from_slice(b"extra");
    assert!(malformed(parse_plaintext(&trailing)).contains("after the seals"));
    let seals_at = 14 + m.len() + 64 + 8 + s.len();
    for cut in [
        9,
        12,
        14,
        14 + m.len(),
        14 + m.len() + 64,
        14 + m.len() + 70,
        seals_at,
        seals_at + 4,
        seals_at + 8,
        ok.len() - 1,
    ] {
        assert!(
            matches!(parse_plaintext(&ok[..cut]), Err(BundleError::Malformed(_))),
            "cut at {cut}"
        );
    }
    assert_eq!(parse_plaintext(b"MQBUNDL"), Err(BundleError::NotABundle));
    assert_eq!(
        parse_plaintext(b"mqbundle\x02\x00"),
        Err(BundleError::NotABundle)
    );
}
