//! The real `minqing` binary on real files: demo, stats, check, init, backup/restore, errors.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const TODAY: &str = "2026-11-24";

use common::device::minqing;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn demo(dir: &Path, name: &str, households: &str, seed: &str) -> std::path::PathBuf {
    let db = dir.join(name);
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["--lang", "en", "--today", TODAY, "demo", "--out"])
        .arg(&db)
        .args(["--households", households, "--seed", seed])
        .output()
        .expect("run demo");
    assert!(out.status.success(), "demo failed: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .last()
            .unwrap_or("")
            .contains(&db.display().to_string())
    );
    db
}

fn stats_json(db: &Path) -> Value {
    let out = minqing(db, &["stats", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stats --json is one JSON object")
}

#[test]
fn demo_then_stats_json_counts_match_what_was_generated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["--lang", "en", "--today", TODAY, "demo", "--out"])
        .arg(&db)
        .args(["--households", "400", "--seed", "7"])
        .output()
        .expect("run demo");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let count = |label: &str| -> u64 {
        summary
            .split([',', ':'])
            .find_map(|part| part.trim().strip_suffix(label)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no '{label}' in {summary}"))
    };
    let s = stats_json(&db);
    assert_eq!(s["households"], 400);
    assert_eq!(s["households"], count("households"));
    assert_eq!(s["persons"], count("persons"));
    assert_eq!(s["visits"], count("visits"));
    assert_eq!(s["villages"], count("villages"));
    let items: u64 = ["livelihood", "hardship", "stability"]
        .iter()
        .map(|l| s["items"][l]["total"].as_u64().expect("total"))
        .sum();
    assert_eq!(items, count("ledger items"));
    assert!(s["ops"].as_u64().expect("ops") > items + s["persons"].as_u64().expect("persons"));
    assert_eq!(s["conflicts"], 0);
    assert!(s["replica_id"].as_str().expect("replica id").len() == 36);
    for ledger in ["livelihood", "hardship", "stability"] {
        let l = &s["items"][ledger];
        let by: u64 = l["by_status"]
            .as_object()
            .expect("by_status")
            .values()
            .map(|v| v.as_u64().expect("n"))
            .sum();
        assert_eq!(by, l["total"].as_u64().expect("total"), "{ledger}");
        for key in [
            "registered",
            "assigned",
            "in_progress",
            "answered",
            "closed",
            "escalated",
            "deferred",
            "reopened",
        ] {
            assert!(l["by_status"][key].is_u64(), "{ledger} lacks {key}");
        }
        assert!(l["open"].as_u64() <= l["total"].as_u64());
    }
    let open_overdue: u64 = ["livelihood", "hardship", "stability"]
        .iter()
        .map(|l| s["items"][l]["overdue"].as_u64().expect("overdue"))
        .sum();
    assert!(open_overdue > 0, "a realistic demo has overdue items");
    let due_soon: u64 = ["livelihood", "hardship", "stability"]
        .iter()
        .map(|l| s["items"][l]["due_soon"].as_u64().expect("due_soon"))
        .sum();
    assert!(due_soon > 0, "and items due within 2 working days");
    let closed = s["items"]["livelihood"]["by_status"]["closed"]
        .as_u64()
        .expect("closed");
    assert!(closed > 0, "and closed ones");
}

#[test]
fn check_passes_on_a_demo_and_fails_with_exit_2_after_tampering() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "demo.db", "120", "3");
    let ok = minqing(&db, &["check"]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("检查通过"));

    let id: String = {
        let conn = rusqlite::Connection::open(&db).expect("open raw");
        let id: String = conn
            .query_row("SELECT id FROM items ORDER BY id LIMIT 1", [], |r| r.get(0))
            .expect("an item");
        conn.execute(
            "UPDATE items SET title = '被篡改的标题' WHERE id = ?1",
            [&id],
        )
        .expect("tamper");
        id
    };
    let bad = minqing(&db, &["check"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = text(&bad.stderr);
    assert!(err.contains("items"), "{err}");
    assert!(err.contains(&id), "names the id: {err}");
    let last = err.lines().last().unwrap_or("");
    assert!(last.contains("items") && last.contains(&id), "{last}");
}

#[test]
fn the_demo_is_deterministic_for_a_seed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = demo(dir.path(), "a.db", "150", "42");
    let b = demo(dir.path(), "b.db", "150", "42");
    let c = demo(dir.path(), "c.db", "150", "43");
    let rows = |db: &Path, table: &str| -> Vec<String> {
        let conn = rusqlite::Connection::open(db).expect("open raw");
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .expect("prepare");
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).expect("col")))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    for table in [
        "villages",
        "households",
        "persons",
        "visits",
        "items",
        "progress",
    ] {
        let (ra, rb) = (rows(&a, table), rows(&b, table));
        assert!(!ra.is_empty(), "{table} has rows");
        assert!(ra == rb, "{table} differs for one seed");
    }
    assert!(
        rows(&a, "households") != rows(&c, "households"),
        "another seed, other data"
    );
    assert_ne!(
        stats_json(&a)["replica_id"],
        stats_json(&b)["replica_id"],
        "each database is its own replica"
    );
}

#[test]
fn init_sets_an_identity_once_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("me.db");
    let args = [
        "init",
        "--role",
        "cadre",
        "--name",
        "汪晓艳",
        "--township",
        "两河镇",
        "--village",
        "白虎村",
        "--village",
        "魏河村",
    ];
    let first = minqing(&db, &args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let s = stats_json(&db);
    assert_eq!(
        (
            s["townships"].clone(),
            s["villages"].clone(),
            s["cadres"].clone()
        ),
        (1.into(), 2.into(), 1.into())
    );
    let again = minqing(&db, &args);
    assert_eq!(again.status.code(), Some(1));
    let err = text(&again.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("身份"), "{err}");
    assert!(!err.contains("panicked"));
    assert_eq!(
        stats_json(&db)["ops"],
        s["ops"],
        "nothing written by the refused init"
    );

    // A database whose key file is missing (made before devices had keys, or lost): init
    // makes only the keys, and keeps the identity and every record.
    let keys = minqing::sync::keys::key_path(&db);
    std::fs::remove_file(&keys).expect("remove the keys");
    let repaired = minqing(&db, &args);
    assert!(repaired.status.success(), "{}", text(&repaired.stderr));
    assert!(text(&repaired.stdout).contains("缺少的本机密钥"));
    assert!(keys.is_file(), "the keys are back");
    assert_eq!(stats_json(&db)["ops"], s["ops"], "no record written");
    let card = dir.path().join("me.card");
    let out = minqing(&db, &["card", "--out", card.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(card.is_file());
}

#[test]
fn backup_then_restore_gives_a_new_replica_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path(), "demo.db", "60", "5");
    let before = stats_json(&db);
    let bak = dir.path().join("copy.db");
    let out = minqing(&db, &["backup", "--out", bak.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = minqing(&db, &["restore", bak.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = stats_json(&db);
    assert_ne!(after["replica_id"], before["replica_id"]);
    assert_eq!(after["households"], before["households"]);
    assert_eq!(after["ops"], before["ops"]);
    assert!(minqing(&db, &["check"]).status.success());
    let backups = dir.path().join("backups");
    assert!(
        std::fs::read_dir(&backups)
            .expect("safety copy folder")
            .count()
            == 1,
        "the replaced database was kept"
    );
}

#[test]
fn user_mistakes_get_one_line_in_the_chosen_language_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.db");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["stats"], "不存在"),
        (vec!["--lang", "en", "stats"], "does not exist"),
        (vec!["--lang", "fr", "stats"], "--lang"),
        (
            vec!["--lang", "en", "demo", "--households", "abc"],
            "invalid value",
        ),
        (vec!["frobnicate"], "frobnicate"),
        (
            vec!["--lang", "en", "restore", "/no/such/backup.db"],
            "not a minqing database",
        ),
    ];
    for (args, needle) in cases {
        let out = minqing(&missing, &args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    }
    assert!(
        !missing.exists(),
        "no database was created by a failed command"
    );
    let notdb = dir.path().join("notes.txt");
    std::fs::write(&notdb, "台账".repeat(3000)).expect("write");
    let out = minqing(&notdb, &["stats"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是 minqing 数据库"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_demo_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("precious.db");
    std::fs::write(&db, b"precious").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["demo", "--out"])
        .arg(&db)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&db).expect("read"), b"precious");
}

#[test]
fn demo_without_out_writes_to_a_fresh_temp_folder_and_says_where() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let home_db = tmp.path().join("real").join("minqing.db");
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["--today", TODAY, "demo", "--households", "30"])
        .env("TMPDIR", tmp.path())
        .env("MINQING_DB", &home_db)
        .output()
        .expect("run demo");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let last = stdout.lines().last().expect("a line");
    let path = last
        .split('：')
        .nth(1)
        .expect("path after the colon")
        .trim();
    let path = Path::new(path);
    assert!(path.starts_with(tmp.path()), "{last}");
    assert!(path.is_file(), "{last}");
    assert!(
        !home_db.exists(),
        "the user's own database is never touched by the demo"
    );
    assert_eq!(stats_json(path)["households"], 30);
    let folder = path.parent().expect("folder");
    assert!(folder.join("minqing.db.keys").is_file(), "keys beside it");
    assert!(
        folder
            .join("minqing-office")
            .join("office.card.json")
            .is_file()
    );
}

#[test]
fn a_locked_database_gets_one_clear_line_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("busy.db");
    drop(minqing::store::Store::open(&db).expect("an empty minqing database"));
    let holder = rusqlite::Connection::open(&db).expect("open raw");
    holder
        .execute_batch("BEGIN EXCLUSIVE")
        .expect("take the write lock");
    let out = minqing(
        &db,
        &[
            "--lang",
            "en",
            "init",
            "--role",
            "cadre",
            "--name",
            "李强",
            "--township",
            "两河镇",
        ],
    );
    holder.execute_batch("ROLLBACK").expect("release");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("in use by another"), "{err}");
    assert!(
        !dir.path().join("busy.db.keys").exists(),
        "a failed init leaves no keys behind"
    );
}
