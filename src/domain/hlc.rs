//! The hybrid logical clock that orders operations across replicas whose wall clocks disagree.

use serde::{Deserialize, Serialize};

/// 48 bits of Unix milliseconds and a 16-bit counter in one `u64`.
///
/// A plain wall clock would let a laptop with a wrong clock reorder events; the counter keeps every
/// new timestamp above everything this replica has seen, so causality survives clock skew.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Hlc(pub u64);

const COUNTER_BITS: u32 = 16;
const MS_MASK: u64 = (1 << 48) - 1;

impl Hlc {
    /// The timestamp made of `ms` milliseconds and counter 0.
    pub fn from_ms(ms: u64) -> Hlc {
        Hlc((ms & MS_MASK) << COUNTER_BITS)
    }

    /// The wall-clock part.
    pub fn ms(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    /// The next local timestamp: later than `self` and not earlier than the wall clock.
    pub fn tick(self, now_ms: u64) -> Hlc {
        let wall = Hlc::from_ms(now_ms);
        if wall > self {
            wall
        } else {
            Hlc(self.0.saturating_add(1))
        }
    }

    /// Merges a timestamp seen in someone else's operation, so our next tick is after it.
    pub fn observe(self, remote: Hlc) -> Hlc {
        self.max(remote)
    }

    /// As stored in SQLite (INTEGER is signed; 64 bits of HLC fit while ms < 2^47).
    pub fn to_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }

    /// From the stored INTEGER; negative values (never written) read as zero.
    pub fn from_i64(v: i64) -> Hlc {
        Hlc(u64::try_from(v).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_follows_wall_clock_when_it_is_ahead() {
        let h = Hlc::from_ms(1_000).tick(2_000);
        assert_eq!(h, Hlc::from_ms(2_000));
    }

    #[test]
    fn tick_stays_monotonic_when_the_clock_goes_back() {
        let h = Hlc::from_ms(5_000);
        let next = h.tick(1_000);
        assert!(next > h);
        assert_eq!(next.ms(), 5_000);
        assert_eq!(next.0 & 0xffff, 1);
    }

    #[test]
    fn observing_a_later_remote_moves_past_it() {
        let local = Hlc::from_ms(1_000);
        let remote = Hlc::from_ms(9_000).tick(0);
        let next = local.observe(remote).tick(1_000);
        assert!(next > remote);
    }

    #[test]
    fn stored_form_round_trips() {
        let h = Hlc::from_ms(1_764_000_000_000).tick(0);
        assert_eq!(Hlc::from_i64(h.to_i64()), h);
    }
}
