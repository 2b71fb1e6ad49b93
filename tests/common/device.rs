//! Devices set up the way a user sets them up: the real binary's `init` on a database of their
//! own (tests that then exchange bundles through the TUI or the library), and the binary run
//! as a user runs it. Several test crates include this file; each uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the fixtures are written for (`--today`).
pub const TODAY: &str = "2026-11-24";

/// Runs `minqing --db <db> <args>` (never a database named by `MINQING_DB`).
pub fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minqing"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MINQING_DB")
        .output()
        .expect("run minqing")
}

/// Runs `minqing --db <db> --today 2026-11-24 <args>`.
pub fn minqing(db: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    run(db, &all)
}

/// Runs the real binary on `db`; panics with its message if it fails.
pub fn minqing_ok(db: &Path, args: &[&str]) {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `<dir>/<folder>/minqing.db` after `init --role role --name name --township 两河镇
/// --village …`.
pub fn init_device(dir: &Path, folder: &str, role: &str, name: &str, villages: &[&str]) -> PathBuf {
    let db = dir.join(folder).join("minqing.db");
    std::fs::create_dir_all(db.parent().expect("folder")).expect("mkdir");
    init_at(&db, role, name, villages);
    db
}

/// `init --role role --name name --township 两河镇 --village …` on the database `db`.
pub fn init_at(db: &Path, role: &str, name: &str, villages: &[&str]) {
    let mut args = vec![
        "init",
        "--role",
        role,
        "--name",
        name,
        "--township",
        "两河镇",
    ];
    for v in villages {
        args.extend(["--village", v]);
    }
    minqing_ok(db, &args);
}
