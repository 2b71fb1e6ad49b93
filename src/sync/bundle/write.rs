//! Building a bundle: the operations section, the ranges it covers, the signed plaintext and the
//! age envelope. The plaintext pieces are public (hidden) so tests can build tampered bundles.

use std::collections::BTreeMap;
use std::io::Write;

use ed25519_dalek::{Signer, SigningKey};

use super::{BundleError, MAGIC, Manifest, Range, SIGNATURE_DOMAIN};
use crate::domain::card::Card;
use crate::domain::{Op, ReplicaId};

/// The operations section: one `Op` as JSON per line, every line ending in `\n`.
pub fn ops_section(ops: &[Op]) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::new();
    for op in ops {
        serde_json::to_writer(&mut out, op).map_err(|e| BundleError::Unsealable(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

/// The inclusive runs of `(origin, seq)` in `ops`, sorted; refuses an operation given twice.
pub fn ranges_of(ops: &[Op]) -> Result<Vec<Range>, BundleError> {
    let mut seqs: BTreeMap<ReplicaId, Vec<u64>> = BTreeMap::new();
    for op in ops {
        seqs.entry(op.origin).or_default().push(op.seq);
    }
    let mut out = Vec::new();
    for (origin, mut list) in seqs {
        list.sort_unstable();
        let mut run: Option<Range> = None;
        for seq in list {
            run = match run {
                Some(r) if seq == r.to => {
                    return Err(BundleError::Unsealable(format!(
                        "operation {origin}:{seq} given twice"
                    )));
                }
                Some(r) if Some(seq) == r.to.checked_add(1) => Some(Range { to: seq, ..r }),
                Some(r) => {
                    out.push(r);
                    Some(Range {
                        origin,
                        from: seq,
                        to: seq,
                    })
                }
                None => Some(Range {
                    origin,
                    from: seq,
                    to: seq,
                }),
            };
        }
        out.extend(run);
    }
    Ok(out)
}

/// The plaintext for `manifest` (written as given, nothing filled in), an operations section
/// and a seals section, signed with `signing`. `seal` is this plus `encrypt`. The signature
/// covers the header and the manifest, which holds the hashes of both sections.
pub fn seal_plaintext(
    manifest: &Manifest,
    ops: &[u8],
    seals: &[u8],
    signing: &SigningKey,
) -> Result<Vec<u8>, BundleError> {
    let json = serde_json::to_vec(manifest).map_err(|e| BundleError::Unsealable(e.to_string()))?;
    let json_len = u32::try_from(json.len())
        .map_err(|_| BundleError::Unsealable("manifest too large".into()))?;
    let mut out = Vec::with_capacity(14 + json.len() + 64 + 16 + ops.len() + seals.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&manifest.format_version.to_le_bytes());
    out.extend_from_slice(&json_len.to_le_bytes());
    out.extend_from_slice(&json);

    let mut signed = Vec::with_capacity(SIGNATURE_DOMAIN.len() + out.len());
    signed.extend_from_slice(SIGNATURE_DOMAIN);
    signed.extend_from_slice(&out);
    let signature = signing.sign(&signed);

    out.extend_from_slice(&signature.to_bytes());
    out.extend_from_slice(&(ops.len() as u64).to_le_bytes());
    out.extend_from_slice(ops);
    out.extend_from_slice(&(seals.len() as u64).to_le_bytes());
    out.extend_from_slice(seals);
    Ok(out)
}

/// Encrypts `plaintext` to every recipient's age X25519 key (binary age format).
pub fn encrypt(plaintext: &[u8], recipients: &[Card]) -> Result<Vec<u8>, BundleError> {
    if recipients.is_empty() {
        return Err(BundleError::NoRecipients);
    }
    let keys = recipients
        .iter()
        .map(|card| {
            card.age_recipient
                .parse::<age::x25519::Recipient>()
                .map_err(|_| BundleError::BadRecipient {
                    name: card.name.clone(),
                    card_id: card.id(),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let encryptor = age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
        .map_err(|e| BundleError::Unsealable(e.to_string()))?;
    let unsealable = |e: std::io::Error| BundleError::Unsealable(e.to_string());
    let mut out = Vec::with_capacity(plaintext.len() + 1024);
    let mut writer = encryptor.wrap_output(&mut out).map_err(unsealable)?;
    writer.write_all(plaintext).map_err(unsealable)?;
    writer.finish().map_err(unsealable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Hlc;
    use crate::domain::op::{EntityKind, OpKind};

    fn op(origin: ReplicaId, seq: u64) -> Op {
        Op {
            origin,
            seq,
            hlc: Hlc::from_ms(seq),
            entity: EntityKind::Visit,
            id: uuid::Uuid::nil(),
            kind: OpKind::Create,
            fields: serde_json::Map::new(),
            pred: vec![],
        }
    }

    #[test]
    fn ranges_are_the_contiguous_runs_per_origin_and_refuse_duplicates() {
        let a = ReplicaId::from_parts(1, [1; 10]);
        let b = ReplicaId::from_parts(2, [2; 10]);
        let ops = [op(a, 3), op(b, 7), op(a, 1), op(a, 2), op(a, 5)];
        let r = ranges_of(&ops).expect("ranges");
        let r: Vec<_> = r.iter().map(|r| (r.origin, r.from, r.to)).collect();
        assert_eq!(r, vec![(a, 1, 3), (a, 5, 5), (b, 7, 7)]);
        assert!(ranges_of(&[]).expect("empty").is_empty());
        assert!(matches!(
            ranges_of(&[op(a, 1), op(a, 1)]),
            Err(BundleError::Unsealable(_))
        ));
    }

    #[test]
    fn every_operation_is_one_line() {
        let a = ReplicaId::from_parts(1, [1; 10]);
        let s = ops_section(&[op(a, 1), op(a, 2)]).expect("section");
        let text = String::from_utf8(s).expect("utf8");
        assert_eq!(text.lines().count(), 2);
        assert!(text.ends_with('\n'));
    }
}
