//! Property tests of sync over real bundles (SPEC §7): an office, a county and up to three
//! cadres (each covering one or two of two or three villages) edit concurrently and exchange
//! bundle files along cadres ↔ office ↔ county, with bundles lost, imported twice or out of
//! order, databases restored from backups and clocks jumping backwards. After a clean
//! exchange every device holds exactly its villages' share of everything and agrees with a
//! reference replica.

mod limits;
mod oracle;
mod records;
mod setup;
mod steps;
mod world;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use steps::{run, step};
use world::World;

/// Each cadre's villages: one, or two different ones, of the first `nv`.
fn cadres(picks: &[(usize, usize, bool)], nv: usize) -> Vec<Vec<usize>> {
    picks
        .iter()
        .map(|&(a, b, two)| {
            let mut vs = vec![a % nv];
            if two && b % nv != a % nv {
                vs.push(b % nv);
            }
            vs.sort_unstable();
            vs
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/sync_props.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn bundles_converge_despite_lost_repeated_reordered_bundles_restores_and_clock_jumps(
        nv in 2..=3usize,
        picks in prop::collection::vec((0..3usize, 0..3usize, any::<bool>()), 0..=3),
        history in prop::collection::vec(step(), 10..40),
        conflict in (any::<usize>(), any::<usize>(), any::<usize>(), any::<bool>()),
    ) {
        let mut w = World::new(nv, &cadres(&picks, nv));
        for s in &history {
            run(&mut w, s);
        }
        oracle::commutes(&mut w);
        let (x, y, resolver, by_update) = conflict;
        oracle::conflict_round(&mut w, x, y, resolver, by_update);
        oracle::converged(&w);
        oracle::nothing_to_send(&mut w);
    }
}
