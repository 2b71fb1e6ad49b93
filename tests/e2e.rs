//! End to end: the real binary in a pseudo-terminal, on a database in a temporary folder, used
//! the way a cadre uses it; afterwards the database is opened through the library and checked.

mod pty;

use std::process::Command;

use minqing::domain::{ActionKind, Household, Item, ItemStatus, Person, Visit};
use minqing::store::{Page, Store};
use pty::{CTRL_S, ENTER, ESC, TAB, Tty};

fn minqing(db: &std::path::Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run minqing");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh database with this device set up for one village.
fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("minqing.db");
    minqing(
        &db,
        &[
            "init",
            "--role",
            "cadre",
            "--name",
            "汪晓艳",
            "--township",
            "两河镇",
            "--village",
            "白虎村",
        ],
    );
    (dir, db)
}

const CTRL_R: &str = "\x12";

#[test]
fn a_cadres_day_household_visit_item_through_to_closing() {
    let (_dir, db) = fresh();
    let mut t = Tty::spawn(&db, &[], 100, 30);
    t.wait_for("今日");

    // A household, with the head's ID number and phone.
    t.send("6");
    t.wait_for("农户");
    t.send("n");
    t.wait_for("户主");
    t.type_text("王凯");
    t.send(ENTER);
    t.type_text("11010519491231002X");
    t.send(ENTER);
    t.type_text("13800138000");
    t.send(CTRL_S);
    t.wait_for("已建立农户：王凯");

    // A visit to it, found by pinyin initials, with Chinese notes and a matter raised.
    t.send("2");
    t.send("n");
    t.wait_for("新建走访记录");
    t.type_text("wk");
    t.wait_for("138****8000");
    t.send(ENTER);
    for _ in 0..3 {
        t.send(TAB);
    }
    t.type_text("村里道路坑洼，雨天出行困难。");
    t.send(ENTER);
    t.type_text("群众希望尽快修缮。");
    t.send(CTRL_R);
    t.wait_for("登记到台账");
    t.send(TAB);
    t.send(TAB);
    t.type_text("白虎村村道破损需修缮");
    t.send(CTRL_S);
    t.wait_for("将登记");
    t.send(CTRL_S);
    t.wait_for("已保存走访记录，登记 两河-");

    // The item on the livelihood ledger: assign, answer, a satisfied return visit, close.
    t.send("3");
    t.wait_for("白虎村村道破损需修缮");
    t.send(ENTER);
    t.wait_for("a 交办");
    t.send("a");
    t.type_text("镇交通办");
    t.send(CTRL_S);
    t.wait_for("已交办");
    t.send("b");
    t.type_text("已安排施工队修缮，道路恢复通行");
    t.send(CTRL_S);
    t.wait_for("已办结，待回访");
    t.send("f");
    t.wait_for("满意");
    t.send(CTRL_S);
    t.wait_for("已回访");
    t.send("x");
    t.send(CTRL_S);
    t.wait_for("已销号");
    t.send(ESC);
    t.send("q");
    assert!(t.wait_exit(), "quit with exit code 0");
    drop(t);

    // Everything is in the database, linked, and the log replays to the same tables.
    let store = Store::open(&db).expect("reopen");
    let households = store
        .households(None, Page::first(10))
        .expect("households")
        .rows;
    assert_eq!(households.len(), 1);
    let hid = households[0].id;
    let h = store
        .get::<Household>(hid)
        .expect("get")
        .expect("household");
    assert_eq!(
        (h.head_name.as_str(), h.phone.as_deref()),
        ("王凯", Some("13800138000"))
    );
    let people: Vec<Person> = store
        .persons_of(hid)
        .expect("members")
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].id_number.as_deref(), Some("11010519491231002X"));

    let visits = store.visits_of(hid, Page::first(10)).expect("visits").rows;
    assert_eq!(visits.len(), 1);
    let v = store
        .get::<Visit>(visits[0].id)
        .expect("get")
        .expect("visit");
    assert_eq!(v.heard, "村里道路坑洼，雨天出行困难。\n群众希望尽快修缮。");
    assert_eq!(v.household_ids, vec![hid]);

    let items = store
        .items(&Default::default(), Page::first(10))
        .expect("items")
        .rows;
    assert_eq!(items.len(), 1);
    let item = store.get::<Item>(items[0].id).expect("get").expect("item");
    assert_eq!(item.title, "白虎村村道破损需修缮");
    assert_eq!(item.source_visit_id, Some(visits[0].id));
    assert_eq!(item.household_id, Some(hid));
    assert_eq!(items[0].status, ItemStatus::Closed);
    let kinds: Vec<ActionKind> = store
        .progress_of(items[0].id)
        .expect("progress")
        .iter()
        .map(|p| p.action.kind())
        .collect();
    assert_eq!(
        kinds,
        [
            ActionKind::Register,
            ActionKind::Assign,
            ActionKind::Answer,
            ActionKind::ReturnVisit,
            ActionKind::Close
        ]
    );
    assert!(store.check().expect("check").ok());
}

#[test]
fn a_form_typed_into_before_the_terminal_died_is_offered_back() {
    let (_dir, db) = fresh();
    let mut t = Tty::spawn(&db, &[], 100, 30);
    t.wait_for("今日");
    t.send("n");
    t.wait_for("新建走访记录");
    for _ in 0..3 {
        t.send(TAB);
    }
    t.type_text("张大爷反映自来水压力不足");
    // A pause in typing writes the draft; then the terminal is killed without warning.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(t);

    let mut t = Tty::spawn(&db, &[], 100, 30);
    t.wait_for("发现上次未保存的表单");
    t.send(ENTER);
    let screen = t.wait_for("张大爷反映自来水压力不足");
    assert!(screen.contains("新建走访记录"), "{screen}");
    // No household and no place: refused, the message beside 地点, the notes still there.
    t.send(CTRL_S);
    let screen = t.wait_for("✗ 此项必填");
    assert!(screen.contains("张大爷反映自来水压力不足"), "{screen}");
    // The focus went to the bad field: type the place and save, which clears the draft.
    t.type_text("村委会");
    t.send(CTRL_S);
    t.wait_for("已保存走访记录");
    t.send("q");
    assert!(t.wait_exit());
    let store = Store::open(&db).expect("reopen");
    assert!(store.drafts().expect("drafts").is_empty());
    assert_eq!(store.visits(Page::first(5)).expect("visits").rows.len(), 1);
}

#[test]
fn the_tabs_open_and_q_quits_cleanly() {
    let (_dir, db) = fresh();
    let mut t = Tty::spawn(&db, &[], 100, 30);
    t.wait_for("今日");
    t.send("8");
    t.wait_for("未导出的本机变更");
    t.send("q");
    assert!(t.wait_exit(), "quit with exit code 0");
    let store = Store::open(&db).expect("reopen");
    assert!(store.check().expect("check").ok());
}
