//! Coverage: what a device with a village scope may claim to hold. A cadre receives only its
//! villages' operations, so its contiguous version vector stops at the first operation of
//! another village; coverage records "everything of my villages up to here", so the office
//! does not send the same operations again and again.

use super::merge::VersionVector;
use super::{Store, StoreError, get_meta, set_meta};

const COVERAGE: &str = "coverage";

/// Pointwise maximum of two vectors.
pub fn join(a: &VersionVector, b: &VersionVector) -> VersionVector {
    let mut out = a.clone();
    for (o, s) in b {
        let e = out.entry(*o).or_insert(0);
        *e = (*e).max(*s);
    }
    out
}

/// True if `a` holds at least what `b` does, origin by origin.
pub fn covers(a: &VersionVector, b: &VersionVector) -> bool {
    b.iter().all(|(o, s)| a.get(o).is_some_and(|t| t >= s))
}

impl Store {
    /// The recorded coverage (empty until a scoped bundle extends it).
    pub fn coverage(&self) -> Result<VersionVector, StoreError> {
        match get_meta(self.conn(), COVERAGE)? {
            Some(s) => Ok(serde_json::from_str(&s)?),
            None => Ok(VersionVector::new()),
        }
    }

    /// Records that everything of this device's villages up to `vv` is held.
    pub fn extend_coverage(&self, vv: &VersionVector) -> Result<(), StoreError> {
        let joined = join(&self.coverage()?, vv);
        set_meta(self.conn(), COVERAGE, &serde_json::to_string(&joined)?)
    }

    /// What this device tells its peers it holds or does not need: its version vector joined
    /// with its coverage. Exports carry it; the peer sends only what lies beyond.
    pub fn ack_vector(&self) -> Result<VersionVector, StoreError> {
        Ok(join(&self.version_vector()?, &self.coverage()?))
    }
}
