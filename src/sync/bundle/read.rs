//! Reading a decrypted bundle: every length checked against the bytes that remain before it is
//! used, the version gate, the signature, the section hashes, each operation line, the count,
//! the ranges and the origin seals. Nothing is returned unless all of it holds.

use std::collections::{BTreeMap, HashSet};

use ed25519_dalek::{Signature, VerifyingKey};
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::sealed::{check_coverage, parse_seals};
use super::{Bundle, BundleError, FORMAT_VERSION, MAGIC, Manifest, Range, SIGNATURE_DOMAIN};
use crate::domain::op::{EntityKind, OpId, OpKind};
use crate::domain::seal::{OpSeal, op_hash};
use crate::domain::{Hlc, Op, ReplicaId};
use crate::sync::keys::unhex;

fn malformed(what: impl Into<String>) -> BundleError {
    BundleError::Malformed(what.into())
}

/// A cursor that never reads (or allocates) past the end of what it was given.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: u64, what: &str) -> Result<&'a [u8], BundleError> {
        if n > self.rest.len() as u64 {
            return Err(malformed(format!("{what} runs past the end")));
        }
        let (head, tail) = self.rest.split_at(n as usize);
        self.rest = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], BundleError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N as u64, what)?);
        Ok(out)
    }
}

/// The two fields every format version keeps, read before the rest of the manifest so a newer
/// bundle is refused as newer rather than as malformed.
#[derive(Deserialize)]
struct Versions {
    format_version: u16,
    min_reader_version: u16,
}

/// Checks a decrypted plaintext completely and returns its contents.
pub fn parse_plaintext(plain: &[u8]) -> Result<Bundle, BundleError> {
    parse_plaintext_with(plain, |_, _| Ok::<bool, BundleError>(false)).map(|o| o.bundle)
}

/// A checked bundle, and whether its operations were parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// With `parsed` false, `ops` is empty: the caller holds every one of them.
    pub bundle: Bundle,
    pub parsed: bool,
}

/// [`parse_plaintext`], except that once the header, signature, section hashes and seals are
/// checked, `held(manifest, seals)` may say that this device already holds every operation
/// the ranges name, each with a seal it holds exactly as received. The operations are then not
/// parsed: it is enough that the lines are exactly those the seals give for those ranges, each
/// once (which also proves each is identical to the one held). Anything else takes the full path.
pub fn parse_plaintext_with<E: From<BundleError>>(
    plain: &[u8],
    held: impl FnOnce(&Manifest, &[OpSeal]) -> Result<bool, E>,
) -> Result<Opened, E> {
    let head = read_head(plain)?;
    if held(&head.manifest, &head.seals)?
        && lines_are_sealed(
            head.ops,
            &head.manifest,
            &head.seals,
            head.sender,
            &head.sender_key,
        )
    {
        return Ok(Opened {
            bundle: Bundle {
                manifest: head.manifest,
                ops: Vec::new(),
                seals: head.seals,
            },
            parsed: false,
        });
    }
    Ok(read_ops(head)?)
}

/// Everything checked before the operations are parsed.
struct Head<'a> {
    manifest: Manifest,
    ops: &'a [u8],
    seals: Vec<OpSeal>,
    sender: ReplicaId,
    sender_key: [u8; 32],
}

/// Header, version gate, manifest, signature, lengths, section hashes and seals.
fn read_head(plain: &[u8]) -> Result<Head<'_>, BundleError> {
    let mut cur = Cursor { rest: plain };
    if plain.len() < MAGIC.len() || &plain[..MAGIC.len()] != MAGIC {
        return Err(BundleError::NotABundle);
    }
    cur.take(MAGIC.len() as u64, "magic")?;
    let format = u16::from_le_bytes(cur.array("format version")?);
    let manifest_len = u32::from_le_bytes(cur.array("manifest length")?);
    let json = cur.take(u64::from(manifest_len), "manifest")?;
    let head_len = plain.len() - cur.rest.len();

    let versions: Versions = match serde_json::from_slice(json) {
        Ok(v) => v,
        Err(_) if format > FORMAT_VERSION => {
            return Err(BundleError::NewerFormat {
                found: format,
                supported: FORMAT_VERSION,
            });
        }
        Err(e) => return Err(malformed(format!("manifest: {e}"))),
    };
    if versions.format_version != format {
        return Err(malformed("format version differs from the manifest's"));
    }
    if versions.min_reader_version == 0 || versions.min_reader_version > format {
        return Err(malformed("min_reader_version"));
    }
    if versions.min_reader_version > FORMAT_VERSION {
        return Err(BundleError::NewerFormat {
            found: format,
            supported: FORMAT_VERSION,
        });
    }
    if format < FORMAT_VERSION {
        return Err(BundleError::OlderFormat {
            found: format,
            supported: FORMAT_VERSION,
        });
    }
    let manifest: Manifest =
        serde_json::from_slice(json).map_err(|e| malformed(format!("manifest: {e}")))?;

    // The signature covers the header and the manifest, which holds the hashes of both
    // sections: checking it costs the same for a bundle of any size.
    let signature = Signature::from_bytes(&cur.array::<64>("signature")?);
    let key = unhex::<32>(&manifest.sender.sign_key)
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .ok_or_else(|| malformed("sender.sign_key"))?;
    let mut signed = Vec::with_capacity(SIGNATURE_DOMAIN.len() + head_len);
    signed.extend_from_slice(SIGNATURE_DOMAIN);
    signed.extend_from_slice(&plain[..head_len]);
    key.verify_strict(&signed, &signature)
        .map_err(|_| BundleError::BadSignature)?;

    let ops_len = u64::from_le_bytes(cur.array::<8>("operations length")?);
    let ops = cur.take(ops_len, "operations")?;
    let seals_len = u64::from_le_bytes(cur.array::<8>("seals length")?);
    let seals = cur.take(seals_len, "seals")?;
    if !cur.rest.is_empty() {
        return Err(malformed("bytes after the seals"));
    }

    check_manifest(&manifest)?;
    if blake3::hash(ops).to_hex().as_str() != manifest.content_hash {
        return Err(malformed("content hash does not match the operations"));
    }
    if blake3::hash(seals).to_hex().as_str() != manifest.seals_hash {
        return Err(malformed("seals hash does not match the seals"));
    }
    let seals = parse_seals(seals)?;
    if seals.len() as u64 != manifest.seal_count {
        return Err(malformed(format!(
            "{} seals, the manifest says {}",
            seals.len(),
            manifest.seal_count
        )));
    }
    let sender = manifest
        .sender
        .replica()
        .ok_or_else(|| malformed("sender.replica_id"))?;
    Ok(Head {
        manifest,
        ops,
        seals,
        sender,
        sender_key: key.to_bytes(),
    })
}

/// The full path: every operation parsed and checked against the ranges and the seals.
fn read_ops(head: Head<'_>) -> Result<Opened, BundleError> {
    let Head {
        manifest,
        ops,
        seals,
        sender,
        sender_key,
    } = head;
    let (ops, hashes) = parse_ops(ops)?;
    if ops.len() as u64 != manifest.op_count {
        return Err(malformed(format!(
            "{} operations, the manifest says {}",
            ops.len(),
            manifest.op_count
        )));
    }
    check_ranges(&manifest.ranges, &ops)?;
    let ids: Vec<(OpId, [u8; 32])> = ops.iter().map(Op::op_id).zip(hashes).collect();
    check_coverage(&ids, &seals, sender, &sender_key)?;
    Ok(Opened {
        bundle: Bundle {
            manifest,
            ops,
            seals,
        },
        parsed: true,
    })
}

/// True if the operations section is exactly one line per `(origin, seq)` of the ranges, each
/// line hashing to what a seal gives for it (seals of the sender's replica under its key).
/// False sends the bundle down the full path, which names what is wrong.
fn lines_are_sealed(
    section: &[u8],
    m: &Manifest,
    seals: &[OpSeal],
    sender: ReplicaId,
    sender_key: &[u8; 32],
) -> bool {
    let mut by_origin: BTreeMap<ReplicaId, Vec<&OpSeal>> = BTreeMap::new();
    for s in seals {
        if s.origin == sender && &s.sign_key != sender_key {
            return false;
        }
        by_origin.entry(s.origin).or_default().push(s);
    }
    for list in by_origin.values_mut() {
        list.sort_by_key(|s| s.from);
    }
    let Ok(count) = usize::try_from(m.op_count) else {
        return false;
    };
    let mut want: HashSet<[u8; 32]> = HashSet::with_capacity(count.min(1 << 24));
    for r in &m.ranges {
        if r.from == 0 || r.from > r.to {
            return false;
        }
        let Some(list) = by_origin.get(&r.origin) else {
            return false;
        };
        for seq in r.from..=r.to {
            let i = list.partition_point(|s| s.from <= seq);
            let hash = list[..i].iter().rev().find_map(|s| s.hash_of(seq));
            match hash {
                Some(h) if want.insert(*h) => {}
                _ => return false,
            }
            if want.len() > count {
                return false;
            }
        }
    }
    if want.len() != count {
        return false;
    }
    if count == 0 {
        return section.is_empty();
    }
    let Some(body) = section.strip_suffix(b"\n") else {
        return false;
    };
    body.split(|&b| b == b'\n')
        .all(|line| want.remove(&op_hash(line)))
        && want.is_empty()
}

fn check_manifest(m: &Manifest) -> Result<(), BundleError> {
    if m.sender.replica_id.parse::<ReplicaId>().is_err() {
        return Err(malformed("sender.replica_id"));
    }
    if chrono::DateTime::parse_from_rfc3339(&m.created_at).is_err() {
        return Err(malformed("created_at"));
    }
    Ok(())
}

/// One operation line; unlike `Op` it refuses fields it does not know, since an operation a
/// reader half understands must not be applied.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireOp {
    origin: ReplicaId,
    seq: u64,
    hlc: Hlc,
    entity: EntityKind,
    id: Uuid,
    kind: OpKind,
    fields: Map<String, Value>,
    #[serde(default)]
    pred: Vec<WireOpId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireOpId {
    origin: ReplicaId,
    seq: u64,
}

/// The operations and the blake3 hash of each line (what an origin seal signs).
fn parse_ops(section: &[u8]) -> Result<(Vec<Op>, Vec<[u8; 32]>), BundleError> {
    let Some(body) = section.strip_suffix(b"\n") else {
        return if section.is_empty() {
            Ok((Vec::new(), Vec::new()))
        } else {
            Err(malformed("the last operation line has no line end"))
        };
    };
    let mut ops = Vec::new();
    let mut hashes = Vec::new();
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let w: WireOp = serde_json::from_slice(line)
            .map_err(|e| malformed(format!("operation line {}: {e}", i + 1)))?;
        hashes.push(op_hash(line));
        ops.push(Op {
            origin: w.origin,
            seq: w.seq,
            hlc: w.hlc,
            entity: w.entity,
            id: w.id,
            kind: w.kind,
            fields: w.fields,
            pred: w
                .pred
                .into_iter()
                .map(|p| OpId {
                    origin: p.origin,
                    seq: p.seq,
                })
                .collect(),
        });
    }
    Ok((ops, hashes))
}

/// The ranges must be well formed and not overlap, and the operations must be exactly the
/// `(origin, seq)` they cover, each once.
fn check_ranges(ranges: &[Range], ops: &[Op]) -> Result<(), BundleError> {
    let mut by_origin: BTreeMap<ReplicaId, Vec<(u64, u64)>> = BTreeMap::new();
    let mut covered: u128 = 0;
    for r in ranges {
        if r.from == 0 || r.from > r.to {
            return Err(malformed(format!("range {}:{}-{}", r.origin, r.from, r.to)));
        }
        covered += u128::from(r.to - r.from) + 1;
        by_origin.entry(r.origin).or_default().push((r.from, r.to));
    }
    for runs in by_origin.values_mut() {
        runs.sort_unstable();
        if runs.windows(2).any(|w| w[0].1 >= w[1].0) {
            return Err(malformed("overlapping ranges"));
        }
    }
    if covered != ops.len() as u128 {
        return Err(malformed("the ranges do not match the operations"));
    }
    let mut seen = HashSet::with_capacity(ops.len());
    for op in ops {
        let inside = by_origin.get(&op.origin).is_some_and(|runs| {
            let i = runs.partition_point(|&(_, to)| to < op.seq);
            runs.get(i).is_some_and(|&(from, _)| from <= op.seq)
        });
        if !inside {
            return Err(malformed(format!(
                "operation {} is outside the ranges",
                op.op_id()
            )));
        }
        if !seen.insert(op.op_id()) {
            return Err(malformed(format!("operation {} appears twice", op.op_id())));
        }
    }
    Ok(())
}
