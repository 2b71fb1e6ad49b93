//! Origin seals: every operation must carry the signature of the device that wrote it, over the
//! hash of its line exactly as the bundle carries it, whoever re-signs the bundle around it.

use std::collections::BTreeMap;

use ed25519_dalek::{Signer, SigningKey};
use minqing::domain::{Op, ReplicaId};
use minqing::sync::bundle::{self, Bundle, BundleError, Manifest};
use minqing::sync::keys::hex;
use minqing::sync::seals::seal_ops;
use serde_json::{Value, json};

use super::{Party, card_of, manifest_from, replica, sample_ops};

fn hx(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One seal line exactly as docs/SYNC_FORMAT.md describes it, written independently of the
/// crate: `key` signs the domain, the origin's 16 UUID bytes, `from` and `to` (u64 LE) and the
/// hashes.
pub fn seal_line(origin: ReplicaId, from: u64, hashes: &[[u8; 32]], key: &SigningKey) -> Vec<u8> {
    let to = from + hashes.len() as u64 - 1;
    let mut msg = b"minqing op seal v1\0".to_vec();
    msg.extend_from_slice(origin.0.as_bytes());
    msg.extend_from_slice(&from.to_le_bytes());
    msg.extend_from_slice(&to.to_le_bytes());
    for h in hashes {
        msg.extend_from_slice(h);
    }
    let line = format!(
        r#"{{"origin":"{origin}","from":{from},"to":{to},"sign_key":"{}","hashes":"{}","sig":"{}"}}"#,
        hx(key.verifying_key().as_bytes()),
        hashes.iter().map(|h| hx(h)).collect::<String>(),
        hx(&key.sign(&msg).to_bytes()),
    );
    let mut out = line.into_bytes();
    out.push(b'\n');
    out
}

/// blake3 of one operation line (without its line end).
pub fn line_hash(line: &[u8]) -> [u8; 32] {
    *blake3::hash(line).as_bytes()
}

/// The seals section for an operations section as it stands, written independently of the
/// crate: every line hashed as written, each origin's contiguous runs (at most 512 operations,
/// origins in UUID order) sealed by its device in `p` (`replica(1)` is the sender's).
pub fn seals_for_section(p: &Party, ops: &[u8]) -> Vec<u8> {
    let mut by_origin: BTreeMap<ReplicaId, BTreeMap<u64, [u8; 32]>> = BTreeMap::new();
    for line in ops.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(line).expect("operation line");
        let origin: ReplicaId = v["origin"].as_str().expect("origin").parse().expect("uuid");
        let seq = v["seq"].as_u64().expect("seq");
        by_origin
            .entry(origin)
            .or_default()
            .insert(seq, line_hash(line));
    }
    let mut out = Vec::new();
    for (origin, seqs) in by_origin {
        let key = if origin == replica(1) {
            &p.sender.signing
        } else {
            &p.other.signing
        };
        let mut run: Vec<(u64, [u8; 32])> = Vec::new();
        let mut flush = |run: &mut Vec<(u64, [u8; 32])>| {
            if let Some(&(from, _)) = run.first() {
                let hashes: Vec<_> = run.iter().map(|&(_, h)| h).collect();
                out.extend(seal_line(origin, from, &hashes, key));
            }
            run.clear();
        };
        for (seq, h) in seqs {
            if run.last().is_some_and(|&(last, _)| last + 1 != seq) || run.len() == 512 {
                flush(&mut run);
            }
            run.push((seq, h));
        }
        flush(&mut run);
    }
    out
}

/// The hash of each operation's line as the crate writes it.
pub fn hashes(ops: &[Op]) -> Vec<[u8; 32]> {
    bundle::ops_section(ops)
        .expect("section")
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(line_hash)
        .collect()
}

/// A complete manifest for exactly these sections, as an honest sender would sign it.
pub fn manifest_for(p: &Party, ops: &[Op], section: &[u8], seals: &[u8]) -> Manifest {
    let mut m = manifest_from(&card_of(&p.sender, "汪晓艳"));
    m.sender.sign_key = hex(p.sender.signing.verifying_key().as_bytes());
    m.recipients = vec![card_of(&p.office, "乡镇办").id()];
    m.ranges = bundle::ranges_of(ops).expect("ranges");
    m.op_count = ops.len() as u64;
    m.content_hash = blake3::hash(section).to_hex().to_string();
    m.seal_count = seals.iter().filter(|&&b| b == b'\n').count() as u64;
    m.seals_hash = blake3::hash(seals).to_hex().to_string();
    m
}

/// `ops` with a seals section the bundle's sender chose, everything else consistent and
/// signed by the sender, opened by the office.
pub fn with_seals(p: &Party, ops: &[Op], seals: &[u8]) -> Result<Bundle, BundleError> {
    let section = bundle::ops_section(ops).expect("section");
    let m = manifest_for(p, ops, &section, seals);
    p.open(&p.raw(&m, &section, seals))
}

pub fn bad_seal(r: Result<Bundle, BundleError>) -> String {
    match r {
        Err(BundleError::BadSeal(why)) => why,
        other => panic!("expected BadSeal, got {other:?}"),
    }
}

pub fn malformed(r: Result<Bundle, BundleError>) -> String {
    match r {
        Err(BundleError::Malformed(why)) => why,
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn an_operation_changed_after_its_origin_sealed_it_is_refused_though_the_sender_re_signs() {
    let p = Party::generate();
    let ops = sample_ops();
    let honest = p.seals_section(&ops);
    // A relayed operation and one of the sender's own, each changed with the origin's seal
    // kept: the manifest's hashes and the bundle signature are all made anew and are valid.
    for (i, field) in [(2, "note"), (0, "head_name")] {
        let mut changed = ops.clone();
        changed[i].fields.insert(field.into(), json!("改过的"));
        let why = bad_seal(with_seals(&p, &changed, &honest));
        assert!(why.contains("differs"), "{why}");
        assert!(
            why.contains(&changed[i].op_id().to_string()),
            "names the operation: {why}"
        );
        // The crate refuses to write such a bundle at all.
        let to = [card_of(&p.office, "乡镇办")];
        let m = manifest_from(&card_of(&p.sender, "汪晓艳"));
        assert!(matches!(
            bundle::seal(m, &changed, &p.seals(&ops), &p.sender, &to),
            Err(BundleError::Unsealable(_))
        ));
    }
    // The same line bytes in another order are the same operations: still sealed.
    let mut reordered = ops.clone();
    reordered.swap(0, 3);
    assert_eq!(
        with_seals(&p, &reordered, &honest).expect("opens").ops,
        reordered
    );
}

#[test]
fn a_relayed_origin_re_sealed_under_another_key_passes_the_reader_and_is_left_to_the_importer() {
    // The reader cannot know a relayed origin's key: the importer refuses a key other than the
    // one it already holds for that origin (tests/sync/relay.rs, "resealed").
    let p = Party::generate();
    let mut ops = sample_ops();
    ops[2].fields.insert("note".into(), json!("改过的"));
    let (own, relayed) = ops.split_at(2);
    let mut seals = seal_ops(own, &p.sender.signing).expect("own");
    seals.extend(seal_ops(relayed, &p.county.signing).expect("re-sealed"));
    let b = with_seals(&p, &ops, &bundle::seals_section(&seals).expect("seals")).expect("opens");
    assert_eq!(
        b.seals[1].sign_key,
        p.county.signing.verifying_key().to_bytes()
    );
}

#[test]
fn an_operation_without_a_seal_of_its_origin_is_refused() {
    let p = Party::generate();
    let ops = sample_ops();
    let h = hashes(&ops);
    let (a, b) = (replica(1), replica(2));
    let own = seal_line(a, 1, &h[..2], &p.sender.signing);
    let why = bad_seal(with_seals(&p, &ops, &own));
    assert!(
        why.contains("no seal") && why.contains(&ops[2].op_id().to_string()),
        "{why}"
    );

    // A seal that stops one short.
    let mut short = own.clone();
    short.extend(seal_line(b, 7, &h[2..3], &p.other.signing));
    let why = bad_seal(with_seals(&p, &ops, &short));
    assert!(why.contains(&ops[3].op_id().to_string()), "{why}");

    // The right hashes, sealed in the name of another origin.
    let mut elsewhere = own.clone();
    elsewhere.extend(seal_line(replica(3), 7, &h[2..], &p.other.signing));
    assert!(bad_seal(with_seals(&p, &ops, &elsewhere)).contains("no seal"));

    // No seals at all.
    assert!(bad_seal(with_seals(&p, &ops, b"")).contains("no seal"));
}

/// The honest seals section with seal line `n` (0-based) edited as JSON.
pub fn edit_line(p: &Party, n: usize, edit: impl Fn(&mut Value)) -> Vec<u8> {
    let honest = p.seals_section(&sample_ops());
    let mut lines: Vec<Value> = honest
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("seal line"))
        .collect();
    edit(&mut lines[n]);
    let mut out = Vec::new();
    for l in &lines {
        out.extend(serde_json::to_vec(l).expect("line"));
        out.push(b'\n');
    }
    out
}

/// `s` with its hex digit at `at` changed to another hex digit.
fn flip_digit(s: &str, at: usize) -> String {
    let mut b = s.as_bytes().to_vec();
    b[at] = if b[at] == b'0' { b'1' } else { b'0' };
    String::from_utf8(b).expect("hex")
}

/// A named edit of one seal line.
type Edit = (&'static str, Box<dyn Fn(&mut Value)>);

#[test]
fn a_seal_whose_signature_or_content_changed_does_not_verify() {
    let p = Party::generate();
    let ops = sample_ops();
    // Unedited, the re-serialised lines still open: the edits below are what is refused.
    with_seals(&p, &ops, &edit_line(&p, 1, |_| {})).expect("opens");
    let stranger = hex(p.county.signing.verifying_key().as_bytes());
    let edits: [Edit; 5] = [
        (
            "first signature digit",
            Box::new(|v| v["sig"] = json!(flip_digit(v["sig"].as_str().expect("sig"), 0))),
        ),
        (
            "last signature digit",
            Box::new(|v| v["sig"] = json!(flip_digit(v["sig"].as_str().expect("sig"), 127))),
        ),
        (
            "a hash digit",
            Box::new(|v| v["hashes"] = json!(flip_digit(v["hashes"].as_str().expect("h"), 70))),
        ),
        (
            "another key",
            Box::new(move |v| v["sign_key"] = json!(stranger.clone())),
        ),
        (
            "another origin",
            Box::new(|v| v["origin"] = json!(replica(3).to_string())),
        ),
    ];
    for (what, edit) in edits {
        for n in [0, 1] {
            let why = bad_seal(with_seals(&p, &ops, &edit_line(&p, n, &edit)));
            assert!(why.contains("does not verify"), "{what}, seal {n}: {why}");
        }
    }
}

#[test]
fn overlapping_seals_must_agree_on_key_and_hashes() {
    let p = Party::generate();
    let ops = sample_ops();
    let honest = p.seals_section(&ops);
    let h = hashes(&ops);
    let b = replica(2);
    let with_extra = |line: Vec<u8>| {
        let mut s = honest.clone();
        s.extend(line);
        with_seals(&p, &ops, &s)
    };
    // The same history split differently agrees.
    let opened = with_extra(seal_line(b, 8, &h[3..], &p.other.signing)).expect("agrees");
    assert_eq!(opened.seals.len(), 3);
    // A second history of 8, validly signed by the same device.
    let why = bad_seal(with_extra(seal_line(b, 8, &[[7; 32]], &p.other.signing)));
    assert!(
        why.contains("differ") && why.contains(&b.to_string()),
        "{why}"
    );
    // The same hash under another key.
    let why = bad_seal(with_extra(seal_line(b, 8, &h[3..], &p.county.signing)));
    assert!(why.contains("two keys"), "{why}");
    // Another key for the same origin even where nothing overlaps.
    let why = bad_seal(with_extra(seal_line(b, 20, &[[3; 32]], &p.county.signing)));
    assert!(
        why.contains("two keys") && why.contains(&b.to_string()),
        "{why}"
    );
    // Agreeing where they overlap, one going further: one history.
    with_extra(seal_line(b, 8, &[h[3], [9; 32]], &p.other.signing)).expect("agrees");
    // Disagreeing on a number no operation in the bundle has is still two histories.
    let mut two = seal_line(b, 9, &[[1; 32]], &p.other.signing);
    two.extend(seal_line(b, 9, &[[2; 32]], &p.other.signing));
    assert!(bad_seal(with_extra(two)).contains("differ on 9"));
}

#[test]
fn the_senders_own_operations_must_carry_the_senders_key() {
    let p = Party::generate();
    let ops = sample_ops();
    let all_other =
        bundle::seals_section(&seal_ops(&ops, &p.other.signing).expect("seals")).expect("section");
    let why = bad_seal(with_seals(&p, &ops, &all_other));
    assert!(why.contains("another key"), "{why}");
    // Even an extra seal under another key, with the honest one present, is refused.
    let mut extra = p.seals_section(&ops);
    extra.extend(seal_line(
        replica(1),
        1,
        &hashes(&ops)[..2],
        &p.county.signing,
    ));
    assert!(bad_seal(with_seals(&p, &ops, &extra)).contains("another key"));
}

#[test]
fn a_seal_may_cover_operations_the_bundle_leaves_out() {
    // A scoped bundle keeps whole seals: the hashes of what it leaves out travel too.
    let p = Party::generate();
    let all = sample_ops();
    let some = vec![all[0].clone(), all[2].clone()];
    let b = with_seals(&p, &some, &p.seals_section(&all)).expect("opens");
    assert_eq!(b.ops, some);
    assert_eq!(b.seals, p.seals(&all));
    assert_eq!((b.seals[1].from, b.seals[1].to), (7, 8));
}

/// A re-import: when the caller says it holds every operation (each under a seal it holds as
/// given), the lines are matched against the seals instead of being parsed — but a changed
/// line still falls through to the full check and is refused.
#[test]
fn a_held_bundle_is_matched_against_its_seals_without_parsing_and_a_changed_line_is_still_refused()
{
    let p = Party::generate();
    let ops = sample_ops();
    let file = p.seal(&ops);
    let held = |_: &Manifest, _: &[minqing::domain::seal::OpSeal]| Ok::<bool, BundleError>(true);
    let fast = bundle::open_with(&file, &p.office, held).expect("opens");
    assert!(!fast.parsed);
    assert!(fast.bundle.ops.is_empty());
    assert_eq!(fast.bundle.manifest.op_count, ops.len() as u64);
    let not_held =
        |_: &Manifest, _: &[minqing::domain::seal::OpSeal]| Ok::<bool, BundleError>(false);
    let full = bundle::open_with(&file, &p.office, not_held).expect("opens");
    assert!(full.parsed);
    assert_eq!(full.bundle.ops, ops);

    // The same honest seals with one operation changed and the bundle re-signed.
    let honest = p.seals_section(&ops);
    let mut changed = ops.clone();
    changed[1].fields.insert("address".into(), json!("改过的"));
    let section = bundle::ops_section(&changed).expect("section");
    let m = manifest_for(&p, &changed, &section, &honest);
    let forged = p.raw(&m, &section, &honest);
    assert!(matches!(
        bundle::open_with(&forged, &p.office, held),
        Err(BundleError::BadSeal(_))
    ));
    // One line twice in place of another: the count matches, the set does not.
    let mut doubled = ops.clone();
    doubled[3] = doubled[2].clone();
    let section = bundle::ops_section(&doubled).expect("section");
    let mut m = manifest_for(&p, &ops, &section, &honest);
    m.content_hash = blake3::hash(&section).to_hex().to_string();
    let forged = p.raw(&m, &section, &honest);
    assert!(bundle::open_with(&forged, &p.office, held).is_err());
}
