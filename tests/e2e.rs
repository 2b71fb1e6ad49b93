//! End to end: the real binary in a pseudo-terminal, on a database in a temporary folder, used
//! the way a cadre uses it; afterwards the database is opened through the library and checked.

mod pty;

use std::process::Command;

use minqing::store::Store;
use pty::Tty;

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

#[test]
fn the_tabs_open_and_q_quits_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("minqing.db");
    minqing(
        &db,
        &[
            "init",
            "--role",
            "cadre",
            "--name",
            "王凯",
            "--township",
            "两河镇",
            "--village",
            "白虎村",
        ],
    );
    let mut t = Tty::spawn(&db, &[], 100, 30);
    t.wait_for("今日");
    t.send("8");
    t.wait_for("未导出的本机变更");
    t.send("q");
    assert!(t.wait_exit(), "quit with exit code 0");
    let store = Store::open(&db).expect("reopen");
    assert!(store.check().expect("check").ok());
}
