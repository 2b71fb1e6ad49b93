//! Making and checking origin seals (docs/SYNC_FORMAT.md, "Seals"): this device signs the
//! hashes of its own operations when it first exports them; relayed operations keep the seals
//! of the device that made them.

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use super::SyncError;
use super::bundle::BundleError;
use super::keys::DeviceKeys;
use crate::domain::seal::{MAX_SEAL_OPS, OpSeal, op_hash};
use crate::domain::{Op, ReplicaId};
use crate::store::Store;

/// The JSON line of `op` as a bundle carries it; its hash is what a seal signs.
pub fn op_line(op: &Op) -> Result<Vec<u8>, BundleError> {
    serde_json::to_vec(op).map_err(|e| BundleError::Unsealable(e.to_string()))
}

/// Signs the hashes of `origin`'s operations `from..` with `key`.
pub fn sign(origin: ReplicaId, from: u64, hashes: Vec<[u8; 32]>, key: &SigningKey) -> OpSeal {
    let to = from + hashes.len().saturating_sub(1) as u64;
    let sig = key.sign(&OpSeal::message(origin, from, to, &hashes));
    OpSeal {
        origin,
        from,
        to,
        sign_key: key.verifying_key().to_bytes(),
        hashes,
        sig: sig.to_bytes(),
    }
}

/// True if the seal is well formed and its signature verifies under its own key.
pub fn verify(seal: &OpSeal) -> bool {
    if !seal.is_well_formed() {
        return false;
    }
    let Ok(key) = VerifyingKey::from_bytes(&seal.sign_key) else {
        return false;
    };
    let msg = OpSeal::message(seal.origin, seal.from, seal.to, &seal.hashes);
    key.verify_strict(&msg, &Signature::from_bytes(&seal.sig))
        .is_ok()
}

/// Seals `ops` (any origins) with `key`: one seal per contiguous run of an origin, at most
/// [`MAX_SEAL_OPS`] each. For tests and benchmarks that play the origin device themselves.
pub fn seal_ops(ops: &[Op], key: &SigningKey) -> Result<Vec<OpSeal>, BundleError> {
    let mut by_origin: BTreeMap<ReplicaId, Vec<&Op>> = BTreeMap::new();
    for op in ops {
        by_origin.entry(op.origin).or_default().push(op);
    }
    let mut out = Vec::new();
    for (origin, mut list) in by_origin {
        list.sort_by_key(|o| o.seq);
        let mut run: Vec<&Op> = Vec::new();
        for op in list {
            let breaks =
                run.last().is_some_and(|l| l.seq + 1 != op.seq) || run.len() as u64 == MAX_SEAL_OPS;
            if breaks {
                out.push(seal_run(origin, &run, key)?);
                run.clear();
            }
            run.push(op);
        }
        if !run.is_empty() {
            out.push(seal_run(origin, &run, key)?);
        }
    }
    Ok(out)
}

fn seal_run(origin: ReplicaId, run: &[&Op], key: &SigningKey) -> Result<OpSeal, BundleError> {
    let hashes = run
        .iter()
        .map(|op| op_line(op).map(|l| op_hash(&l)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(sign(origin, run[0].seq, hashes, key))
}

/// Seals this device's own operations that no seal covers yet (all of them, the first time),
/// under its current replica id and those it had before a restore: done before every export,
/// so each of its operations leaves it with its signature.
pub fn seal_own(store: &Store, keys: &DeviceKeys) -> Result<u64, SyncError> {
    let held = store.version_vector()?;
    let mut made = Vec::new();
    let mut count = 0;
    for me in store.own_replicas()? {
        let top = held.get(&me).copied().unwrap_or(0);
        let mut from = store.last_sealed(me)? + 1;
        while from <= top {
            let to = (from + MAX_SEAL_OPS - 1).min(top);
            let ops = store.ops_of_origin(me, from, to)?;
            if ops.len() as u64 != to - from + 1 {
                return Err(SyncError::Bundle(BundleError::Unsealable(format!(
                    "operations {me}:{from}-{to} are not all held"
                ))));
            }
            let refs: Vec<&Op> = ops.iter().collect();
            made.push(seal_run(me, &refs, &keys.signing)?);
            count += ops.len() as u64;
            from = to + 1;
        }
    }
    store.insert_seals(&made)?;
    Ok(count)
}

/// The seals a bundle holding `ops` needs, from those held here.
pub fn seals_for(store: &Store, ops: &[Op]) -> Result<Vec<OpSeal>, SyncError> {
    let runs: Vec<(ReplicaId, u64, u64)> = super::bundle::ranges_of(ops)?
        .into_iter()
        .map(|r| (r.origin, r.from, r.to))
        .collect();
    Ok(store.seals_for_runs(&runs)?)
}
