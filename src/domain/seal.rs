//! Origin seals: a device's signature over the hashes of a run of its own operations. A seal
//! travels with the operations through every relay, so a county can check that what reached
//! it through the office is what the cadre's laptop wrote (docs/SYNC_FORMAT.md, "Seals").

use super::ReplicaId;

/// Prefixed to the signed bytes so a seal signature can never be taken for another message.
pub const SEAL_DOMAIN: &[u8] = b"minqing op seal v1\0";
/// The most operations one seal covers. A scoped bundle carries every hash of each seal it
/// uses, including those of operations it leaves out, so seals stay small.
pub const MAX_SEAL_OPS: u64 = 512;

/// The origin's signature over the blake3 hashes of its operations `from..=to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpSeal {
    pub origin: ReplicaId,
    pub from: u64,
    pub to: u64,
    /// The origin device's ed25519 verifying key.
    pub sign_key: [u8; 32],
    /// blake3 of each operation's JSON line (as a bundle carries it), `from` first.
    pub hashes: Vec<[u8; 32]>,
    pub sig: [u8; 64],
}

impl OpSeal {
    /// The bytes the origin signs: the domain, the origin's UUID, `from` and `to` (u64 little
    /// endian), then every hash in order.
    pub fn message(origin: ReplicaId, from: u64, to: u64, hashes: &[[u8; 32]]) -> Vec<u8> {
        let mut m = Vec::with_capacity(SEAL_DOMAIN.len() + 32 + 32 * hashes.len());
        m.extend_from_slice(SEAL_DOMAIN);
        m.extend_from_slice(origin.0.as_bytes());
        m.extend_from_slice(&from.to_le_bytes());
        m.extend_from_slice(&to.to_le_bytes());
        for h in hashes {
            m.extend_from_slice(h);
        }
        m
    }

    /// `from ≥ 1`, `from ≤ to`, at most [`MAX_SEAL_OPS`] and one hash per sequence number.
    pub fn is_well_formed(&self) -> bool {
        self.from >= 1
            && self.from <= self.to
            && self.to - self.from < MAX_SEAL_OPS
            && u64::try_from(self.hashes.len()).ok() == (self.to - self.from).checked_add(1)
    }

    /// True if `other` (of the same origin) gives the same key and the same hash for every
    /// sequence number both cover: two such seals describe one history, however split.
    pub fn agrees_with(&self, other: &OpSeal) -> bool {
        self.origin == other.origin
            && self.sign_key == other.sign_key
            && (self.from.max(other.from)..=self.to.min(other.to))
                .all(|seq| self.hash_of(seq) == other.hash_of(seq))
    }

    /// The hash this seal gives for `seq`, if it covers it.
    pub fn hash_of(&self, seq: u64) -> Option<&[u8; 32]> {
        if seq < self.from || seq > self.to {
            return None;
        }
        self.hashes.get(usize::try_from(seq - self.from).ok()?)
    }
}

/// The hash of one operation line (its JSON, without the line end).
pub fn op_hash(line: &[u8]) -> [u8; 32] {
    *blake3::hash(line).as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_gives_the_hash_of_each_sequence_it_covers() {
        let s = OpSeal {
            origin: ReplicaId::from_parts(1, [1; 10]),
            from: 5,
            to: 6,
            sign_key: [0; 32],
            hashes: vec![[5; 32], [6; 32]],
            sig: [0; 64],
        };
        assert!(s.is_well_formed());
        assert_eq!(s.hash_of(5), Some(&[5; 32]));
        assert_eq!(s.hash_of(6), Some(&[6; 32]));
        assert_eq!(s.hash_of(4), None);
        assert_eq!(s.hash_of(7), None);
        assert!(!OpSeal { to: 7, ..s.clone() }.is_well_formed());
        assert!(
            !OpSeal {
                from: 0,
                to: 1,
                ..s
            }
            .is_well_formed()
        );
        let m = OpSeal::message(ReplicaId::from_parts(1, [1; 10]), 5, 6, &[[5; 32], [6; 32]]);
        assert_eq!(m.len(), SEAL_DOMAIN.len() + 16 + 16 + 64);
    }
}
