//! Random input never opens and never panics: random bytes, random edits of a valid bundle
//! both before and after the envelope, and random edits of the operations that the sender
//! re-signs (only the origins' seals can catch those).

use std::sync::OnceLock;

use minqing::sync::bundle::{self, BundleError, Manifest};
use proptest::prelude::*;

use super::{Party, sample_ops};

struct Fixture {
    party: Party,
    file: Vec<u8>,
    plain: Vec<u8>,
    manifest: Manifest,
    section: Vec<u8>,
    seals: Vec<u8>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let party = Party::generate();
        let ops = sample_ops();
        let file = party.seal(&ops);
        let manifest = party.sealed_manifest(&ops);
        let section = bundle::ops_section(&ops).expect("section");
        let seals = party.seals_section(&ops);
        let plain = bundle::seal_plaintext(&manifest, &section, &seals, &party.sender.signing)
            .expect("plaintext");
        Fixture {
            party,
            file,
            plain,
            manifest,
            section,
            seals,
        }
    })
}

/// Up to eight byte writes at any position, then optionally a cut and some appended bytes.
fn edits() -> impl Strategy<
    Value = (
        Vec<(prop::sample::Index, u8)>,
        Option<prop::sample::Index>,
        Vec<u8>,
    ),
> {
    (
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        prop::option::of(any::<prop::sample::Index>()),
        prop::collection::vec(any::<u8>(), 0..3),
    )
}

fn apply(
    base: &[u8],
    (writes, cut, tail): (
        Vec<(prop::sample::Index, u8)>,
        Option<prop::sample::Index>,
        Vec<u8>,
    ),
) -> Vec<u8> {
    let mut out = base.to_vec();
    for (i, b) in writes {
        let at = i.index(out.len());
        out[at] = b;
    }
    if let Some(c) = cut {
        out.truncate(c.index(out.len()));
    }
    out.extend(tail);
    out
}

proptest! {
    #[test]
    fn random_bytes_are_never_a_bundle(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let f = fixture();
        prop_assert!(f.party.open(&bytes).is_err());
        let mut aged = b"age-encryption.org/v1\n".to_vec();
        aged.extend_from_slice(&bytes);
        prop_assert!(f.party.open(&aged).is_err());
        let mut magic = bundle::MAGIC.to_vec();
        magic.extend_from_slice(&bytes);
        prop_assert!(bundle::parse_plaintext(&magic).is_err());
    }

    #[test]
    fn an_edited_bundle_opens_only_if_unchanged(e in edits()) {
        let f = fixture();
        let file = apply(&f.file, e);
        let got = f.party.open(&file);
        if file == f.file {
            prop_assert!(got.is_ok());
        } else {
            prop_assert!(got.is_err());
            prop_assert!(!matches!(got, Err(BundleError::BadSignature | BundleError::Malformed(_))),
                "the envelope catches it first: {:?}", got);
        }
    }

    #[test]
    fn an_edited_plaintext_is_refused_even_inside_a_valid_envelope(e in edits()) {
        let f = fixture();
        let plain = apply(&f.plain, e);
        let got = bundle::parse_plaintext(&plain);
        prop_assert_eq!(got.is_ok(), plain == f.plain, "{:?}", got);
    }

    #[test]
    fn operations_changed_and_re_signed_by_the_sender_never_open_as_anything_new(e in edits()) {
        let f = fixture();
        let section = apply(&f.section, e);
        let mut m = f.manifest.clone();
        m.content_hash = blake3::hash(&section).to_hex().to_string();
        let plain = bundle::seal_plaintext(&m, &section, &f.seals, &f.party.sender.signing)
            .expect("plaintext");
        match bundle::parse_plaintext(&plain) {
            // Only the operations their origins sealed, whatever their order.
            Ok(b) => {
                let mut got = b.ops.clone();
                let mut want = sample_ops();
                got.sort_by_key(|o| (o.origin, o.seq));
                want.sort_by_key(|o| (o.origin, o.seq));
                prop_assert_eq!(got, want);
            }
            Err(e) => prop_assert!(
                matches!(e, BundleError::BadSeal(_) | BundleError::Malformed(_)),
                "{:?}", e
            ),
        }
    }
}
