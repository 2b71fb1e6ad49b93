//! Store tests on real SQLite: migrations, the log as source of truth, conflicts, search.

mod common;

use common::*;
use minqing::domain::*;
use minqing::store::query::ItemFilter;
use minqing::store::{Page, Store, StoreError};
use serde_json::json;

#[test]
fn migrations_create_the_schema_from_empty_and_reopen_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub").join("minqing.db");
    let replica = {
        let store = Store::open(&path).expect("create");
        store.replica_id()
    };
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.replica_id(), replica, "replica id persists");
    let stats = store.stats(d(2026, 3, 1)).expect("stats");
    assert_eq!((stats.households, stats.ops), (0, 0));
    assert!(store.check().expect("check").ok());
}

#[test]
fn a_file_that_is_not_a_minqing_database_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(200)).expect("write");
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotMinqing { .. })
    ));
}

#[test]
fn every_write_is_logged_and_replay_equals_the_tables() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    store
        .write(|w| {
            w.add_progress(
                ProgressId::new(),
                &event(
                    f.item,
                    Action::Assign {
                        unit: Some("镇水务站".into()),
                        person: Some("李强".into()),
                        deadline: d(2026, 3, 13),
                    },
                    3,
                ),
            )?;
            w.update::<Household>(f.household, fields(&[("phone", json!("13900001111"))]))?;
            Ok(())
        })
        .expect("writes");
    let stats = store.stats(d(2026, 3, 20)).expect("stats");
    // 7 records + item + register event + assign event + one household edit
    assert_eq!(stats.ops, 11);
    assert_eq!(stats.items["livelihood"].by_status["assigned"], 1);
    assert_eq!(
        stats.items["livelihood"].overdue, 1,
        "due 03-13, today 03-20"
    );
    let report = store.check().expect("check");
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.ops, 11);
}

#[test]
fn the_workflow_is_enforced_by_the_store() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let err = store
        .write(|w| {
            w.add_progress(
                ProgressId::new(),
                &event(f.item, Action::Close { reason: None }, 3),
            )
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Workflow(WorkflowError::NotAllowed { .. })
    ));
    // The refused transaction wrote nothing.
    assert_eq!(store.progress_of(f.item).expect("timeline").len(), 1);

    let steps = [
        Action::Assign {
            unit: Some("镇水务站".into()),
            person: None,
            deadline: d(2026, 3, 16),
        },
        Action::Answer {
            result: "更换冻裂管道60米，已恢复供水".into(),
        },
        Action::ReturnVisit {
            satisfaction: Satisfaction::Satisfied,
        },
        Action::Close { reason: None },
    ];
    for (i, a) in steps.into_iter().enumerate() {
        store
            .write(|w| w.add_progress(ProgressId::new(), &event(f.item, a, 3 + i as u32)))
            .expect("allowed step");
    }
    let state = store.item_state(f.item).expect("state").expect("exists");
    assert_eq!(state.status, ItemStatus::Closed);
    assert_eq!(state.satisfaction, Some(Satisfaction::Satisfied));
    let rows = store
        .items(
            &ItemFilter {
                ledger: Some(Ledger::Livelihood),
                ..Default::default()
            },
            Page::first(10),
        )
        .expect("list");
    assert_eq!(rows.rows[0].status, ItemStatus::Closed);
    assert_eq!(rows.rows[0].responsible.as_deref(), Some("镇水务站"));
    assert!(store.check().expect("check").ok());
}

/// Two replicas holding the same household; both edit its phone while apart.
fn two_replicas_with_a_shared_household() -> (Store, Store, Fixture) {
    let mut a = Store::open_in_memory().expect("a");
    let mut b = Store::open_in_memory().expect("b");
    let f = township(&mut a);
    let ops = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    b.apply_remote(&ops).expect("b receives");
    (a, b, f)
}

#[test]
fn concurrent_edits_keep_both_values_and_an_edit_with_both_as_pred_resolves() {
    let (mut a, mut b, f) = two_replicas_with_a_shared_household();
    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13811110000"))])))
        .expect("a edits");
    b.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13922220000"))])))
        .expect("b edits");
    exchange(&mut a, &mut b);

    for store in [&a, &b] {
        let conflicts = store.conflicts(Page::first(10)).expect("conflicts").rows;
        assert_eq!(conflicts.len(), 1, "exactly one conflict");
        assert_eq!(conflicts[0].field, "phone");
        let mut values: Vec<_> = conflicts[0]
            .values
            .iter()
            .map(|(_, _, v)| v.clone())
            .collect();
        values.sort_by_key(|v| v.to_string());
        assert_eq!(values, vec![json!("13811110000"), json!("13922220000")]);
        assert_eq!(store.stats(d(2026, 3, 1)).expect("stats").conflicts, 1);
    }
    // Both replicas display the same winner.
    let pa = a
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists")
        .phone;
    let pb = b
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists")
        .phone;
    assert_eq!(pa, pb);

    // Resolving on one replica lists both values in pred; after exchange, no conflict anywhere.
    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13811110000"))])))
        .expect("resolve");
    exchange(&mut a, &mut b);
    for store in [&a, &b] {
        assert_eq!(store.conflict_count().expect("count"), 0);
        let h = store
            .get::<Household>(f.household)
            .expect("get")
            .expect("exists");
        assert_eq!(h.phone.as_deref(), Some("13811110000"));
        assert!(store.check().expect("check").ok());
    }
}

#[test]
fn sequential_edits_are_not_conflicts_and_merge_is_idempotent() {
    let (mut a, mut b, f) = two_replicas_with_a_shared_household();
    a.write(|w| {
        w.update::<Household>(f.household, fields(&[("address", json!("白虎村三组15号"))]))
    })
    .expect("a edits");
    exchange(&mut a, &mut b);
    b.write(|w| w.update::<Household>(f.household, fields(&[("address", json!("白虎村四组2号"))])))
        .expect("b edits after seeing a's edit");
    let ops = b.ops_after(&a.version_vector().expect("vv")).expect("ops");
    let first = a.apply_remote(&ops).expect("merge");
    let again = a.apply_remote(&ops).expect("merge again");
    assert_eq!((first.ops_new, again.ops_new, again.ops_known), (1, 0, 1));
    assert_eq!(a.conflict_count().expect("count"), 0);
    let h = a
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists");
    assert_eq!(h.address.as_deref(), Some("白虎村四组2号"));
}

#[test]
fn a_delete_concurrent_with_an_edit_is_flagged_and_old_ops_do_not_resurrect() {
    let (mut a, mut b, f) = two_replicas_with_a_shared_household();
    a.write(|w| w.delete::<Household>(f.household))
        .expect("a deletes");
    b.write(|w| w.update::<Household>(f.household, fields(&[("note", json!("已搬到镇上居住"))])))
        .expect("b edits");
    exchange(&mut a, &mut b);
    for store in [&a, &b] {
        let c = store.conflicts(Page::first(10)).expect("conflicts").rows;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].field, "deleted");
        let page = store.households(None, Page::first(10)).expect("list");
        assert!(page.rows.is_empty(), "the tombstone hides the household");
        assert_eq!(store.stats(d(2026, 3, 1)).expect("stats").households, 0);
        assert_eq!(store.stats(d(2026, 3, 1)).expect("stats").persons, 1);
    }
    // Deleted stays deleted: a further edit here is refused, not a new conflict.
    assert!(matches!(
        a.write(|w| w.update::<Household>(f.household, fields(&[("note", json!("再改"))]))),
        Err(StoreError::NotFound(_))
    ));
    // Replaying every old operation again changes nothing.
    let all = a.ops_after(&Default::default()).expect("all ops");
    let report = b.apply_remote(&all).expect("replay old");
    assert_eq!(report.ops_new, 0);
    assert!(
        b.households(None, Page::first(10))
            .expect("list")
            .rows
            .is_empty()
    );
}

#[test]
fn two_concurrent_deletes_are_not_a_conflict() {
    let (mut a, mut b, f) = two_replicas_with_a_shared_household();
    a.write(|w| w.delete::<Household>(f.household))
        .expect("a deletes");
    b.write(|w| w.delete::<Household>(f.household))
        .expect("b deletes");
    exchange(&mut a, &mut b);
    for store in [&a, &b] {
        assert_eq!(store.conflict_count().expect("count"), 0);
        assert!(store.check().expect("check").ok());
    }
}

#[test]
fn a_reused_sequence_number_with_other_content_is_refused_whole() {
    let (a, mut b, _f) = two_replicas_with_a_shared_household();
    let mut ops = a.ops_after(&Default::default()).expect("ops");
    let before = b.stats(d(2026, 3, 1)).expect("stats");
    ops[3].fields.insert("name".into(), json!("篡改"));
    assert!(matches!(
        b.apply_remote(&ops),
        Err(StoreError::SequenceReused(_))
    ));
    assert_eq!(b.stats(d(2026, 3, 1)).expect("stats"), before);
}

#[test]
fn out_of_order_arrival_gives_the_same_tables() {
    let (mut a, mut b, f) = two_replicas_with_a_shared_household();
    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13700000001"))])))
        .expect("edit 1");
    a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13700000002"))])))
        .expect("edit 2");
    let mut ops = a.ops_after(&b.version_vector().expect("vv")).expect("ops");
    ops.reverse();
    let held = b.stats(d(2026, 3, 1)).expect("stats").ops;
    b.apply_remote(&ops[..1]).expect("the later edit first");
    assert_eq!(
        b.stats(d(2026, 3, 1)).expect("stats").ops,
        held + 1,
        "an operation past a gap is counted"
    );
    // seq gap: the version vector must not claim the later op yet
    assert_eq!(
        b.version_vector().expect("vv")[&a.replica_id()],
        a.version_vector().expect("vv")[&a.replica_id()] - 2
    );
    b.apply_remote(&ops[1..]).expect("then the earlier");
    assert_eq!(
        b.version_vector().expect("vv"),
        a.version_vector().expect("vv")
    );
    let h = b
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists");
    assert_eq!(h.phone.as_deref(), Some("13700000002"));
    assert_eq!(b.conflict_count().expect("count"), 0);
    assert!(b.check().expect("check").ok());
}

#[test]
fn text_is_stored_in_nfc() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    // "é" as e + combining acute (NFD) must be stored composed.
    store
        .write(|w| w.update::<Household>(f.household, fields(&[("note", json!("Cafe\u{301} 旁"))])))
        .expect("edit");
    let h = store
        .get::<Household>(f.household)
        .expect("get")
        .expect("exists");
    assert_eq!(h.note.as_deref(), Some("Caf\u{e9} 旁"));
}

#[test]
fn search_finds_chinese_with_long_and_short_queries() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let items = |q: &str| {
        store
            .search_items(Some(Ledger::Livelihood), q, Page::first(10))
            .expect("search")
            .rows
    };
    assert_eq!(items("饮水管道")[0].id, f.item, "4 characters via FTS");
    assert_eq!(items("管道破裂").len(), 1);
    assert_eq!(items("饮水")[0].id, f.item, "2 characters via scan");
    assert_eq!(items("水")[0].id, f.item, "1 character via scan");
    assert!(items("低保户申请").is_empty());
    assert!(items("危房").is_empty());
    assert_eq!(items("两河-2026-0001").len(), 1, "by number");
    assert_eq!(items("王凯 管道").len(), 1, "two terms, one short");
    let visits = store
        .search_visits("外出务工", Page::first(10))
        .expect("visits")
        .rows;
    assert_eq!(visits[0].id, f.visit);
    assert_eq!(visits[0].household.as_deref(), Some("王凯"));
    let hh = store
        .search_households("王", Page::first(10))
        .expect("hh")
        .rows;
    assert_eq!(hh[0].id, f.household);
    assert_eq!(hh[0].village, "白虎村");
    let hh = store
        .search_households("5678", Page::first(10))
        .expect("phone tail")
        .rows;
    assert_eq!(hh.len(), 1);
    // An edit is searchable at once (the index follows the tables).
    store
        .write(|w| w.update::<Item>(f.item, fields(&[("title", json!("赤石组危房改造"))])))
        .expect("edit");
    assert_eq!(
        store
            .search_items(None, "危房", Page::first(10))
            .expect("search")
            .rows
            .len(),
        1
    );
    assert!(store.check().expect("check").ok());
}

#[test]
fn lists_are_paged() {
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    store
        .write(|w| {
            for i in 0..25 {
                w.insert(
                    HouseholdId::new(),
                    &Household {
                        village_id: f.village,
                        group_id: None,
                        head_name: format!("李{}", i),
                        address: None,
                        phone: None,
                        tags: vec![],
                        cadre_id: None,
                        note: None,
                    },
                )?;
            }
            Ok(())
        })
        .expect("writes");
    let p1 = store
        .households(Some(f.village), Page::first(10))
        .expect("p1");
    let p3 = store
        .households(
            Some(f.village),
            Page {
                offset: 20,
                limit: 10,
            },
        )
        .expect("p3");
    assert_eq!((p1.rows.len(), p1.more), (10, true));
    assert_eq!((p3.rows.len(), p3.more), (6, false));
}

#[test]
fn backup_and_restore_give_a_new_replica_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("minqing.db");
    let bak = dir.path().join("bak.db");
    let (old_id, households) = {
        let mut store = Store::open(&db).expect("open");
        township(&mut store);
        // The writes are still in the write-ahead log: the backup must carry them anyway.
        let wal = dir.path().join("minqing.db-wal");
        assert!(std::fs::metadata(&wal).expect("wal").len() > 0);
        store.backup_to(&bak).expect("backup");
        assert!(!dir.path().join("bak.db-wal").exists() && !dir.path().join("bak.db.tmp").exists());
        (
            store.replica_id(),
            store.stats(d(2026, 3, 1)).expect("stats").households,
        )
    };
    let safety = dir.path().join("safety.db");
    let restored = minqing::store::backup::restore(&db, &bak, &safety).expect("restore");
    assert!(safety.is_file());
    let store = Store::open(&db).expect("reopen");
    assert_ne!(store.replica_id(), old_id);
    assert_eq!(restored.new_replica_id, store.replica_id().to_string());
    assert_eq!(
        store.stats(d(2026, 3, 1)).expect("stats").households,
        households
    );
    assert!(store.check().expect("check").ok());
    assert_eq!(
        store
            .search_households("王凯", Page::first(5))
            .expect("search")
            .rows
            .len(),
        1,
        "search works on the restored file"
    );
}

#[test]
fn due_soon_in_stats_follows_the_urgency_rule_across_a_holiday() {
    use minqing::domain::calendar::Calendar;
    use minqing::domain::deadline::urgency;
    let mut store = Store::open_in_memory().expect("store");
    let f = township(&mut store);
    let today = d(2026, 9, 30); // Wednesday before 国庆 (10-01…07 off, 10-10 Sat working)
    let deadlines: Vec<_> = (0..20)
        .map(|i| d(2026, 9, 25) + chrono::Duration::days(i))
        .collect();
    store
        .write(|w| {
            for (i, deadline) in deadlines.iter().enumerate() {
                let mut item = livelihood_item(f.village, f.household, f.visit);
                item.number = format!("两河-2026-{:04}", i + 2);
                item.deadline = *deadline;
                w.register_item(ItemId::new(), ProgressId::new(), &item, None, "汪晓艳")?;
            }
            Ok(())
        })
        .expect("items");
    let cal = Calendar::builtin();
    let mut all = deadlines.clone();
    all.push(d(2026, 3, 16)); // the fixture's own item
    let expected_soon = all
        .iter()
        .filter(|dl| urgency(cal, **dl, today, true).is_due_soon())
        .count() as u64;
    let expected_overdue = all
        .iter()
        .filter(|dl| urgency(cal, **dl, today, true).is_overdue())
        .count() as u64;
    let s = store.stats(today).expect("stats");
    assert_eq!(s.items["livelihood"].due_soon, expected_soon);
    assert_eq!(s.items["livelihood"].overdue, expected_overdue);
    // 09-30 today, then 10-08 and 10-09 are the next working days: 10 deadlines in all.
    assert_eq!(expected_soon, 10);
}

#[test]
fn replicas_holding_the_same_operations_have_identical_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pa, pb) = (dir.path().join("a.db"), dir.path().join("b.db"));
    {
        let mut a = Store::open(&pa).expect("a");
        let mut b = Store::open(&pb).expect("b");
        let f = township(&mut a);
        exchange(&mut a, &mut b);
        // Concurrent edits, a conflict, progress on both sides, a delete.
        a.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13811110000"))])))
            .expect("a edits");
        b.write(|w| w.update::<Household>(f.household, fields(&[("phone", json!("13922220000"))])))
            .expect("b edits");
        b.write(|w| {
            w.add_progress(
                ProgressId::new(),
                &event(
                    f.item,
                    Action::Assign {
                        unit: Some("镇水务站".into()),
                        person: None,
                        deadline: d(2026, 3, 13),
                    },
                    3,
                ),
            )
        })
        .expect("b assigns");
        a.write(|w| w.add_progress(ProgressId::new(), &event(f.item, Action::Progress, 4)))
            .expect("a notes progress");
        a.write(|w| w.delete::<Visit>(f.visit))
            .expect("a deletes the visit");
        exchange(&mut a, &mut b);
    }
    let dump = |p: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(p).expect("raw");
        let mut out = Vec::new();
        for (table, key) in minqing::store::check::REPLICATED {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))
                .expect("prepare");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| match r.get_ref(i).expect("col") {
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            other => format!("{other:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .expect("query");
            for row in rows {
                out.push(format!("{table}: {}", row.expect("row")));
            }
        }
        out
    };
    let (ra, rb) = (dump(&pa), dump(&pb));
    assert!(ra.len() >= 15, "{} rows", ra.len());
    let phone_heads = ra
        .iter()
        .filter(|r| r.starts_with("field_heads") && r.contains("|phone|"))
        .count();
    assert_eq!(phone_heads, 2, "the concurrent phone edits are both kept");
    assert!(ra == rb, "replicated tables differ");
}

#[test]
fn automatic_backups_keep_the_newest_ten_and_leave_manual_ones() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("minqing.db");
    let mut store = Store::open(&db).expect("open");
    township(&mut store);
    let manual = dir
        .path()
        .join("backups")
        .join("minqing-20260101-000000.db");
    store.backup_to(&manual).expect("manual");
    let mut last = None;
    for i in 0..12 {
        last = Some(
            store
                .auto_backup(&format!("20261124-1530{i:02}"))
                .expect("auto"),
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        11,
        "ten automatic and the manual one: {names:?}"
    );
    assert!(names.contains(&"minqing-20260101-000000.db".to_owned()));
    assert!(
        !names
            .iter()
            .any(|n| n.contains("153000") || n.contains("153001"))
    );
    let newest = Store::open(&last.expect("a backup")).expect("backup opens");
    assert!(newest.check().expect("check").ok());
}
