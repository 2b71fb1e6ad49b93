//! The age envelope: who can open a bundle, and what a damaged or cut file is reported as.

use minqing::i18n::{Lang, Localized};
use minqing::sync::SyncError;
use minqing::sync::bundle::{self, BundleError};
use minqing::sync::keys::DeviceKeys;
use minqing::sync::seals::seal_ops;

use super::{Party, card_of, manifest_from, sample_ops};

/// Where the age header ends (after the `--- <mac>` line) and the payload nonce begins.
fn header_end(file: &[u8]) -> usize {
    let mac = file
        .windows(5)
        .position(|w| w == b"\n--- ")
        .expect("age mac line");
    mac + 1
        + file[mac + 1..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("end of mac line")
        + 1
}

#[test]
fn both_recipients_open_the_same_bundle_and_a_third_device_cannot() {
    let p = Party::generate();
    let ops = sample_ops();
    let file = p.seal(&ops);
    assert!(file.starts_with(b"age-encryption.org/v1\n"), "binary age");
    let office = p.open(&file).expect("office opens");
    let county = bundle::open(&file, &p.county).expect("county opens");
    assert_eq!(office, county);
    assert_eq!(office.ops, ops);
    assert_eq!(
        office.seals,
        p.seals(&ops),
        "the origin seals travel unchanged"
    );

    let m = &office.manifest;
    assert_eq!(m.format_version, bundle::FORMAT_VERSION);
    assert_eq!(m.min_reader_version, bundle::MIN_READER_VERSION);
    assert_eq!(m.op_count, 4);
    let sender = card_of(&p.sender, "汪晓艳");
    assert_eq!(m.sender.sign_key, sender.sign_key);
    assert_eq!(m.sender.card_id, sender.id());
    assert_eq!(
        m.recipients,
        vec![
            card_of(&p.office, "乡镇办").id(),
            card_of(&p.county, "县里").id()
        ]
    );
    let ranges: Vec<_> = m.ranges.iter().map(|r| (r.origin, r.from, r.to)).collect();
    assert_eq!(
        ranges,
        vec![(super::replica(1), 1, 2), (super::replica(2), 7, 8)]
    );
    let mut expected = manifest_from(&sender);
    expected.recipients = m.recipients.clone();
    expected.ranges = m.ranges.clone();
    expected.op_count = 4;
    expected.content_hash = m.content_hash.clone();
    expected.seal_count = 2;
    expected.seals_hash = m.seals_hash.clone();
    assert_eq!(m, &expected, "everything else is kept as given");

    let stranger = DeviceKeys::generate();
    assert_eq!(bundle::open(&file, &stranger), Err(BundleError::NotForMe));
}

#[test]
fn an_empty_bundle_round_trips() {
    let p = Party::generate();
    let b = p.open(&p.seal(&[])).expect("open");
    assert!(b.ops.is_empty());
    assert!(b.seals.is_empty());
    assert!(b.manifest.ranges.is_empty());
    assert_eq!(b.manifest.op_count, 0);
    assert_eq!(b.manifest.seal_count, 0);
    assert_eq!(
        b.manifest.seals_hash,
        blake3::hash(b"").to_hex().to_string()
    );
}

#[test]
fn sealing_needs_usable_recipients_and_distinct_operations() {
    let p = Party::generate();
    let m = manifest_from(&card_of(&p.sender, "汪晓艳"));
    assert_eq!(
        bundle::seal(m.clone(), &[], &[], &p.sender, &[]),
        Err(BundleError::NoRecipients)
    );
    let mut bad = card_of(&p.office, "乡镇办");
    bad.age_recipient = "age1notakey".into();
    assert!(matches!(
        bundle::seal(m.clone(), &[], &[], &p.sender, &[bad]),
        Err(BundleError::BadRecipient { name, .. }) if name == "乡镇办"
    ));
    let ops = sample_ops();
    let twice = [ops[0].clone(), ops[0].clone()];
    let to = [card_of(&p.office, "乡镇办")];
    assert!(matches!(
        bundle::seal(m.clone(), &twice, &p.seals(&ops), &p.sender, &to),
        Err(BundleError::Unsealable(_))
    ));
    // Every operation needs its origin's seal, and the sender's own its key.
    for seals in [
        p.seals(&ops[..2]),
        seal_ops(&ops, &p.other.signing).expect("seals"),
    ] {
        assert!(matches!(
            bundle::seal(m.clone(), &ops, &seals, &p.sender, &to),
            Err(BundleError::Unsealable(_))
        ));
    }
    assert!(bundle::seal(m, &ops, &p.seals(&ops), &p.sender, &to).is_ok());
}

#[test]
fn a_flipped_byte_anywhere_is_refused_and_after_the_header_is_corruption() {
    let p = Party::generate();
    let file = p.seal(&sample_ops());
    let payload = header_end(&file);
    for i in 0..file.len() {
        let mut bad = file.clone();
        bad[i] ^= 0x01;
        let got = p.open(&bad);
        assert!(got.is_err(), "flip at {i} accepted");
        if i >= payload {
            // The nonce, the middle, the last byte: all authenticated by age.
            assert_eq!(got, Err(BundleError::Corrupted), "flip at {i}");
        } else if i < "age-encryption.org/".len() {
            assert_eq!(got, Err(BundleError::NotABundle), "flip at {i}");
        } else {
            // Inside the header: a damaged recipient stanza cannot be told from one for
            // another key, so NotForMe is possible there too.
            assert!(
                matches!(got, Err(BundleError::Corrupted | BundleError::NotForMe)),
                "flip at {i}: {got:?}"
            );
        }
    }
    // The header's MAC line protects the header itself.
    let mut bad = file.clone();
    bad[payload - 3] ^= 0x01;
    assert_eq!(p.open(&bad), Err(BundleError::Corrupted));
}

#[test]
fn every_cut_is_refused_as_truncated_or_corrupted() {
    let p = Party::generate();
    let file = p.seal(&sample_ops());
    let payload = header_end(&file) + 16;
    for cut in 0..file.len() {
        let got = p.open(&file[..cut]);
        if cut <= payload {
            // Inside the header or the nonce, or no payload at all.
            assert_eq!(got, Err(BundleError::Truncated), "cut at {cut}");
        } else {
            // age cannot tell a shortened last chunk from a damaged one.
            assert_eq!(got, Err(BundleError::Corrupted), "cut at {cut}");
        }
    }
}

#[test]
fn a_cut_on_a_chunk_boundary_of_a_large_bundle_is_truncated() {
    let p = Party::generate();
    let mut ops = Vec::new();
    for seq in 1..=1500 {
        let mut op = sample_ops()[0].clone();
        op.seq = seq;
        ops.push(op);
    }
    let file = p.seal(&ops);
    let payload = header_end(&file) + 16;
    const CHUNK: usize = 64 * 1024 + 16;
    assert!(file.len() > payload + 2 * CHUNK, "three chunks at least");
    let opened = p.open(&file).expect("open");
    assert_eq!(opened.ops.len(), 1500);
    let spans: Vec<_> = opened.seals.iter().map(|s| (s.from, s.to)).collect();
    assert_eq!(
        spans,
        vec![(1, 512), (513, 1024), (1025, 1500)],
        "512 at most"
    );
    assert_eq!(
        p.open(&file[..payload + CHUNK]),
        Err(BundleError::Truncated)
    );
    assert_eq!(
        p.open(&file[..payload + 2 * CHUNK]),
        Err(BundleError::Truncated)
    );
    assert_eq!(
        p.open(&file[..payload + CHUNK + 100]),
        Err(BundleError::Corrupted)
    );
}

#[test]
fn files_that_are_not_bundles_say_so() {
    let p = Party::generate();
    let mut x: u32 = 0x9e37_79b9;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    assert_eq!(p.open(&noise), Err(BundleError::NotABundle));
    assert_eq!(
        p.open("姓名,电话\n王凯,138\n".as_bytes()),
        Err(BundleError::NotABundle)
    );
    // A genuine age file for this device whose content is something else.
    assert_eq!(
        p.open(&p.envelope(b"PK\x03\x04 a zip file")),
        Err(BundleError::NotABundle)
    );
    assert_eq!(p.open(&p.envelope(b"")), Err(BundleError::NotABundle));
}

#[test]
fn every_refusal_has_one_line_in_each_language() {
    let all = [
        BundleError::NotABundle,
        BundleError::NotForMe,
        BundleError::Corrupted,
        BundleError::Truncated,
        BundleError::NewerFormat {
            found: 3,
            supported: 2,
        },
        BundleError::OlderFormat {
            found: 1,
            supported: 2,
        },
        BundleError::BadSignature,
        BundleError::BadSeal("operation x has no seal of its origin".into()),
        BundleError::Malformed("x".into()),
        BundleError::NoRecipients,
        BundleError::BadRecipient {
            name: "Wang Kai".into(),
            card_id: "0123456789ab".into(),
        },
        BundleError::Unsealable("x".into()),
    ];
    for e in all {
        let zh = e.message(Lang::Zh);
        let en = e.message(Lang::En);
        assert!(!zh.contains('\n') && !en.contains('\n'));
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        assert!(en.is_ascii(), "{en}");
        assert_eq!(SyncError::from(e.clone()).message(Lang::Zh), zh);
    }
    assert!(
        BundleError::NewerFormat {
            found: 3,
            supported: 2
        }
        .message(Lang::Zh)
        .contains("升级")
    );
    // An older bundle asks the sender, not this device, to upgrade.
    let older = BundleError::OlderFormat {
        found: 1,
        supported: 2,
    };
    assert!(older.message(Lang::Zh).contains("请对方升级"));
    assert!(
        older
            .message(Lang::En)
            .contains("ask the sender to upgrade")
    );
}
