//! The seals section as written: the documented seal line byte for byte, the manifest's count
//! and hash of it, and every malformed seal line refused.

use minqing::domain::Op;
use minqing::sync::bundle::{self, BundleError, Manifest};
use serde_json::{Value, json};

use super::seals::{
    edit_line, hashes, malformed, manifest_for, seal_line, seals_for_section, with_seals,
};
use super::{Party, replica, sample_ops};

#[test]
fn the_crate_writes_seals_exactly_as_documented() {
    let p = Party::generate();
    let ops = sample_ops();
    let section = bundle::ops_section(&ops).expect("section");
    let ours = p.seals_section(&ops);
    assert_eq!(ours, seals_for_section(&p, &section));
    assert_eq!(
        ours.iter().filter(|&&b| b == b'\n').count(),
        2,
        "one per origin"
    );
    let b = with_seals(&p, &ops, &ours).expect("opens");
    assert_eq!(b.ops, ops);
    assert_eq!(b.seals, p.seals(&ops));
    let s = &b.seals[1];
    assert_eq!((s.origin, s.from, s.to), (replica(2), 7, 8));
    assert_eq!(s.sign_key, p.other.signing.verifying_key().to_bytes());
    assert_eq!(s.hashes, hashes(&ops)[2..]);
}

#[test]
fn the_manifest_must_describe_the_seals_section() {
    let p = Party::generate();
    let ops = sample_ops();
    let section = bundle::ops_section(&ops).expect("section");
    let seals = p.seals_section(&ops);
    let good = manifest_for(&p, &ops, &section, &seals);
    let open = |m: &Manifest| p.open(&p.raw(m, &section, &seals));
    open(&good).expect("opens");
    let mut count = good.clone();
    count.seal_count = 3;
    assert!(malformed(open(&count)).contains("seals"));
    let mut hash = good.clone();
    hash.seals_hash = blake3::hash(b"other").to_hex().to_string();
    assert!(malformed(open(&hash)).contains("seals hash"));
    let mut none = good.clone();
    none.seals_hash = String::new();
    malformed(open(&none));
    // A manifest without the seal fields (as format 1 wrote it) is not a format 2 manifest.
    let mut v = serde_json::to_value(&good).expect("value");
    v.as_object_mut().expect("object").remove("seals_hash");
    let plain = super::plaintext::plain(2, &v, &section, &seals, &p.sender.signing);
    assert!(malformed(bundle::parse_plaintext(&plain)).contains("manifest"));
}

#[test]
fn malformed_seal_lines_are_refused() {
    let p = Party::generate();
    let ops = sample_ops();
    let h = hashes(&ops);
    let own = seal_line(replica(1), 1, &h[..2], &p.sender.signing);
    let after_own = |tail: &[u8]| {
        let mut s = own.clone();
        s.extend_from_slice(tail);
        with_seals(&p, &ops, &s)
    };
    // The relayed origin's honest seal line, re-serialised (keys in another order) and edited.
    let line = |edit: &dyn Fn(&mut Value)| {
        let mut l = edit_line(&p, 1, edit);
        let first = l.iter().position(|&b| b == b'\n').expect("line end");
        l.drain(..=first);
        l
    };
    // Unedited it opens: what the cases below change is what is refused.
    assert_ne!(
        line(&|_| {}),
        seal_line(replica(2), 7, &h[2..], &p.other.signing)
    );
    after_own(&line(&|_| {})).expect("opens");

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not json", b"seal\n".to_vec()),
        ("blank line", b"\n".to_vec()),
        ("unknown field", line(&|v| v["note"] = json!("x"))),
        (
            "missing field",
            line(&|v| {
                v.as_object_mut().expect("object").remove("sig");
            }),
        ),
        ("odd hashes", line(&|v| v["hashes"] = json!("abc"))),
        (
            "non-hex hashes",
            line(&|v| v["hashes"] = json!("zz".repeat(64))),
        ),
        ("short key", line(&|v| v["sign_key"] = json!("abcd"))),
        ("short sig", line(&|v| v["sig"] = json!("abcd"))),
        ("from 0", line(&|v| v["from"] = json!(0))),
        ("to before from", line(&|v| v["to"] = json!(6))),
        ("more numbers than hashes", line(&|v| v["to"] = json!(9))),
        ("more hashes than numbers", line(&|v| v["to"] = json!(7))),
        ("no line end", {
            let mut l = line(&|_| {});
            l.pop();
            l
        }),
    ];
    for (what, tail) in cases {
        let r = after_own(&tail);
        assert!(matches!(r, Err(BundleError::Malformed(_))), "{what}: {r:?}");
    }

    // At most 512 numbers in one seal, whatever the signature says.
    let many: Vec<Op> = (1..=513)
        .map(|seq| Op {
            seq,
            ..ops[0].clone()
        })
        .collect();
    let mh = hashes(&many);
    let too_long = seal_line(replica(1), 1, &mh, &p.sender.signing);
    assert!(malformed(with_seals(&p, &many, &too_long)).contains("range"));
    let mut split = seal_line(replica(1), 1, &mh[..512], &p.sender.signing);
    split.extend(seal_line(replica(1), 513, &mh[512..], &p.sender.signing));
    assert_eq!(with_seals(&p, &many, &split).expect("opens").ops.len(), 513);
    assert_eq!(
        split,
        bundle::seals_section(&p.seals(&many)).expect("section")
    );
}
