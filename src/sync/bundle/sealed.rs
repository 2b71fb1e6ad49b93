//! The seals section of a bundle (JSON lines, one origin seal each) and the check that every
//! operation is covered by a seal of its origin that verifies and gives its line's hash.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::BundleError;
use crate::domain::ReplicaId;
use crate::domain::op::OpId;
use crate::domain::seal::OpSeal;
use crate::sync::keys::{hex, unhex};
use crate::sync::seals::verify;

/// One seal line.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSeal {
    origin: ReplicaId,
    from: u64,
    to: u64,
    sign_key: String,
    /// Every hash, 64 hex digits each, concatenated.
    hashes: String,
    sig: String,
}

/// The seals section: one seal per line, every line ending in `\n`.
pub fn seals_section(seals: &[OpSeal]) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::new();
    for s in seals {
        let w = WireSeal {
            origin: s.origin,
            from: s.from,
            to: s.to,
            sign_key: hex(&s.sign_key),
            hashes: s.hashes.iter().map(|h| hex(h)).collect(),
            sig: hex(&s.sig),
        };
        serde_json::to_writer(&mut out, &w).map_err(|e| BundleError::Unsealable(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

fn bad(what: impl Into<String>) -> BundleError {
    BundleError::BadSeal(what.into())
}

/// Parses the seals section; each seal must be well formed and its signature must verify.
pub fn parse_seals(section: &[u8]) -> Result<Vec<OpSeal>, BundleError> {
    let Some(body) = section.strip_suffix(b"\n") else {
        return if section.is_empty() {
            Ok(Vec::new())
        } else {
            Err(BundleError::Malformed(
                "the last seal line has no line end".into(),
            ))
        };
    };
    body.split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| {
            let line_no = i + 1;
            let w: WireSeal = serde_json::from_slice(line)
                .map_err(|e| BundleError::Malformed(format!("seal line {line_no}: {e}")))?;
            let hashes = w.hashes.as_bytes();
            if !hashes.len().is_multiple_of(64) || !w.hashes.is_ascii() {
                return Err(BundleError::Malformed(format!(
                    "seal line {line_no}: hashes"
                )));
            }
            let hashes = hashes
                .chunks(64)
                .map(|c| std::str::from_utf8(c).ok().and_then(unhex::<32>))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| BundleError::Malformed(format!("seal line {line_no}: hashes")))?;
            let seal = OpSeal {
                origin: w.origin,
                from: w.from,
                to: w.to,
                sign_key: unhex::<32>(&w.sign_key).ok_or_else(|| {
                    BundleError::Malformed(format!("seal line {line_no}: sign_key"))
                })?,
                hashes,
                sig: unhex::<64>(&w.sig)
                    .ok_or_else(|| BundleError::Malformed(format!("seal line {line_no}: sig")))?,
            };
            if !seal.is_well_formed() {
                return Err(BundleError::Malformed(format!(
                    "seal line {line_no}: range"
                )));
            }
            if !verify(&seal) {
                return Err(bad(format!(
                    "seal {}:{}-{} does not verify",
                    seal.origin, seal.from, seal.to
                )));
            }
            Ok(seal)
        })
        .collect()
}

/// Every operation (its id and the hash of its line) must lie in a seal of its origin that
/// gives that hash; seals that overlap must agree; the sender's own operations must be sealed
/// with the sender's key.
pub fn check_coverage(
    ops: &[(OpId, [u8; 32])],
    seals: &[OpSeal],
    sender: ReplicaId,
    sender_key: &[u8; 32],
) -> Result<(), BundleError> {
    // (origin, seq) → (hash, signing key) as the seals give them.
    type Signed<'a> = HashMap<(ReplicaId, u64), (&'a [u8; 32], &'a [u8; 32])>;
    let mut signed: Signed<'_> = HashMap::new();
    let mut keys: HashMap<ReplicaId, &[u8; 32]> = HashMap::new();
    for s in seals {
        if s.origin == sender && &s.sign_key != sender_key {
            return Err(bad(format!(
                "the sender's operations {}-{} are sealed with another key",
                s.from, s.to
            )));
        }
        // One origin, one key: two keys for an origin would let a later, honest seal look
        // like a forgery.
        if *keys.entry(s.origin).or_insert(&s.sign_key) != &s.sign_key {
            return Err(bad(format!("two keys seal the operations of {}", s.origin)));
        }
        for (seq, h) in (s.from..=s.to).zip(&s.hashes) {
            match signed.insert((s.origin, seq), (h, &s.sign_key)) {
                Some(before) if before != (h, &s.sign_key) => {
                    return Err(bad(format!("two seals of {} differ on {seq}", s.origin)));
                }
                _ => {}
            }
        }
    }
    for (id, hash) in ops {
        match signed.get(&(id.origin, id.seq)) {
            None => return Err(bad(format!("operation {id} has no seal of its origin"))),
            Some((h, _)) if *h != hash => {
                return Err(bad(format!(
                    "operation {id} differs from what its origin signed"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
