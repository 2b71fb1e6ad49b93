//! What an import reports: new and known operations, the records they changed, and the
//! conflicts they brought.

mod common;

use common::{fields, township};
use minqing::domain::Household;
use minqing::store::Store;
use serde_json::json;

#[test]
fn the_report_counts_records_changed_and_new_conflicts_and_a_repeat_changes_nothing() {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    let f = township(&mut a);
    let all = a.ops_after(&Default::default()).expect("ops");
    let first = b.apply_remote(&all).expect("b receives");
    assert_eq!(first.ops_new, all.len() as u64);
    assert_eq!(first.conflicts_new, 0);
    assert!(
        first.records_changed >= 5,
        "township, village, group, cadre, household…"
    );

    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13811110000"))])))
        .expect("a edits");
    b.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13922220000"))])))
        .expect("b edits");
    let from_a = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    let r = b.apply_remote(&from_a).expect("merge");
    assert_eq!(
        (r.ops_new, r.ops_known, r.records_changed, r.conflicts_new),
        (1, 0, 1, 1)
    );
    let again = b.apply_remote(&from_a).expect("again");
    assert_eq!(
        (
            again.ops_new,
            again.ops_known,
            again.records_changed,
            again.conflicts_new
        ),
        (0, 1, 0, 0),
        "importing twice changes nothing"
    );
}
