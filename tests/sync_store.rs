//! The store's side of sync: what an import reports (new and known operations, records
//! changed, new conflicts) and what a village-scoped export selects.

mod common;

use common::{fields, township};
use minqing::domain::{EntityKind, Household, HouseholdId, Person, PersonId, Village, VillageId};
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

#[test]
fn a_village_scoped_selection_holds_the_shared_records_and_only_that_village() {
    let mut a = Store::open_in_memory().expect("a");
    let f = township(&mut a);
    let other = VillageId::new();
    let (h2, p2) = (HouseholdId::new(), PersonId::new());
    a.write(|w| {
        w.insert(
            other,
            &Village {
                township_id: f.township,
                name: "金坪村".into(),
                code: None,
            },
        )?;
        let mut h: Household = household_like(&f);
        h.village_id = other;
        h.group_id = None;
        h.head_name = "李强".into();
        w.insert(h2, &h)?;
        w.insert(
            p2,
            &Person {
                household_id: h2,
                name: "李强".into(),
                relation: "head".into(),
                sex: None,
                birth_date: None,
                id_number: None,
                phone: None,
                health: None,
                disability_type: None,
                disability_grade: None,
                note: None,
            },
        )?;
        Ok(())
    })
    .expect("second village");
    let all = a.ops_for(&Default::default(), None).expect("all");
    let scoped = a
        .ops_for(&Default::default(), Some(&[f.village]))
        .expect("scoped");
    let ids = |ops: &[minqing::domain::Op]| -> Vec<String> {
        ops.iter().map(|o| o.id.to_string()).collect()
    };
    let (all_ids, scoped_ids) = (ids(&all), ids(&scoped));
    for (kind, id) in [
        (EntityKind::Household, h2.to_string()),
        (EntityKind::Person, p2.to_string()),
    ] {
        assert!(all_ids.contains(&id), "{kind:?} is in a full export");
        assert!(
            !scoped_ids.contains(&id),
            "{kind:?} of the other village is left out"
        );
    }
    for id in [
        f.household.to_string(),
        f.item.to_string(),
        f.visit.to_string(),
        other.to_string(),
    ] {
        assert!(
            scoped_ids.contains(&id),
            "{id} belongs to the village or is shared"
        );
    }
    assert!(
        scoped.iter().any(|o| o.entity == EntityKind::Progress),
        "the item's progress"
    );
    // A device holding only the scoped operations is consistent.
    let mut b = Store::open_in_memory().expect("b");
    b.apply_remote(&scoped).expect("scoped import");
    assert!(b.check().expect("check").ok());
    assert_eq!(
        b.households(None, minqing::store::Page::first(10))
            .expect("h")
            .rows
            .len(),
        1
    );
}

fn household_like(f: &common::Fixture) -> Household {
    Household {
        village_id: f.village,
        group_id: Some(f.group),
        head_name: String::new(),
        address: None,
        phone: None,
        tags: Vec::new(),
        cadre_id: Some(f.cadre),
        note: None,
    }
}

#[test]
fn a_dry_run_reports_like_an_import_and_writes_nothing() {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    township(&mut a);
    let ops = a.ops_after(&Default::default()).expect("ops");
    let dry = b.merge_dry_run(&ops).expect("dry run");
    assert_eq!(dry.ops_new, ops.len() as u64);
    assert!(
        b.version_vector().expect("vv").is_empty(),
        "nothing written"
    );
    assert_eq!(b.op_count().expect("ops"), 0);
    let real = b.apply_remote(&ops).expect("import");
    assert_eq!(real, dry);
}

#[test]
fn a_reused_sequence_number_is_found_before_anything_is_written() {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    township(&mut a);
    let mut ops = a.ops_after(&Default::default()).expect("ops");
    assert_eq!(b.precheck(&ops, &[]).expect("check").new, ops.len() as u64);
    b.apply_remote(&ops).expect("import");
    let again = b.precheck(&ops, &[]).expect("check");
    assert_eq!(
        (again.reused, again.new),
        (None, 0),
        "the same content is fine"
    );
    ops[2].fields.insert("name".into(), json!("篡改"));
    let found = b.precheck(&ops, &[]).expect("check").reused;
    assert_eq!(found, Some(ops[2].op_id().to_string()));
}

#[test]
fn marking_an_export_resets_the_unexported_count_and_never_goes_back() {
    let mut a = Store::open_in_memory().expect("a");
    township(&mut a);
    let own = a.unexported_count().expect("count");
    assert!(own > 0);
    a.mark_exported(own).expect("mark");
    assert_eq!(a.unexported_count().expect("count"), 0);
    a.mark_exported(1).expect("an older export");
    assert_eq!(a.unexported_count().expect("count"), 0);
}

#[test]
fn the_benchmarks_raw_bulk_copy_holds_the_same_rows_and_finds_the_same_records() {
    let from = common::tui::demo_store(40);
    let mut to = Store::open_in_memory().expect("to");
    let copied = to.bulk_copy_rows_from(&from).expect("copy");
    let rows = from.replicated_rows().expect("rows");
    let ops = from.ops_after(&Default::default()).expect("ops");
    let vv = from.version_vector().expect("vv");
    // The copy writes the replicated tables; the derived ones (the visit summary) follow from
    // them by the schema's triggers, as they do on an import.
    let derived = rows
        .iter()
        .filter(|r| {
            minqing::store::check::DERIVED
                .iter()
                .any(|(name, ..)| r.starts_with(&format!("{name}|")))
        })
        .count();
    assert!(derived > 0);
    assert_eq!(copied, (rows.len() - derived + ops.len() + vv.len()) as u64);
    assert_eq!(to.replicated_rows().expect("rows"), rows);
    assert_eq!(to.ops_after(&Default::default()).expect("ops"), ops);
    assert_eq!(to.version_vector().expect("vv"), vv);
    let page = minqing::store::Page::first(50);
    let heard = &from.visits(page).expect("diary").rows[0].heard;
    let long: String = heard.chars().take(4).collect();
    assert!(
        !from
            .search_visits(&long, page)
            .expect("search")
            .rows
            .is_empty()
    );
    for q in [long.as_str(), "低保", "王"] {
        let hits = |s: &Store| {
            let v: Vec<_> = s.search_visits(q, page).expect("search").rows;
            let h: Vec<_> = s.search_households(q, page).expect("search").rows;
            (v, h)
        };
        assert_eq!(hits(&to), hits(&from), "search for {q}");
    }
}
