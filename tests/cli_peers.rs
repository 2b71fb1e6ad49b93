//! The real `minqing` binary on real files: device keys from `init`, `card`, `peer add | list |
//! remove` between two databases, and the keys and office peer a demo comes with.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::device::init_at;
use minqing::domain::card::Card;
use serde_json::Value;

const TODAY: &str = "2026-11-24";

use common::device::minqing;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn keys_of(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".keys");
    PathBuf::from(s)
}

/// Runs a command that must fail with exit 1 and one line on stderr containing `needle`.
fn refused(db: &Path, args: &[&str], needle: &str) {
    let out = minqing(db, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Writes the card of `db` to `out` and returns it with the fingerprint the command printed.
fn card(db: &Path, out: &Path) -> (Card, String) {
    let run = minqing(db, &["card", "--out", out.to_str().expect("utf8")]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout)
        .lines()
        .find_map(|l| l.split('：').nth(1).filter(|f| f.len() == 19))
        .expect("a fingerprint line")
        .to_owned();
    let parsed: Card =
        serde_json::from_str(&std::fs::read_to_string(out).expect("card file")).expect("a card");
    (parsed, printed)
}

fn peers(db: &Path) -> Vec<Value> {
    let out = minqing(db, &["peer", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("peer list --json is JSON");
    v.as_array().expect("an array").clone()
}

#[test]
fn init_creates_a_private_key_file_once_and_a_stray_key_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("me.db");
    init_at(&db, "cadre", "汪晓艳", &["白虎村"]);
    let keys = keys_of(&db);
    assert!(keys.is_file(), "init writes the keys beside the database");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&keys).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner may read the keys");
    }
    let before = std::fs::read(&keys).expect("keys");
    let args = [
        "init",
        "--role",
        "cadre",
        "--name",
        "别人",
        "--township",
        "两河镇",
    ];
    refused(&db, &args, "身份");
    assert_eq!(std::fs::read(&keys).expect("keys"), before, "keys kept");

    // Keys left over from another database: refused, and no database is created for them.
    let other = dir.path().join("other.db");
    std::fs::copy(&keys, keys_of(&other)).expect("copy keys");
    let mut en = vec!["--lang", "en"];
    en.extend(args);
    refused(&other, &en, "already exists");
    assert!(!other.exists(), "the refused init created no database");
}

#[test]
fn card_writes_the_card_with_the_fingerprint_it_prints_and_needs_identity_and_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("me.db");
    init_at(&db, "cadre", "汪晓艳", &["白虎村", "魏河村"]);
    let out = dir.path().join("me.card");
    let (c, printed) = card(&db, &out);
    assert_eq!(printed, c.fingerprint());
    assert_eq!(c.format, "minqing-card/1");
    assert_eq!((c.name.as_str(), c.role.as_str()), ("汪晓艳", "cadre"));
    assert_eq!(c.township, "两河镇");
    assert_eq!(c.villages, ["白虎村", "魏河村"]);
    assert!(c.age_recipient.starts_with("age1"));
    assert!(
        !std::fs::read_to_string(&out)
            .expect("card")
            .contains("SECRET"),
        "no secret key on the card"
    );

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "走访记录").expect("write");
    refused(
        &db,
        &["card", "--out", notes.to_str().expect("utf8")],
        "不是名片",
    );
    assert_eq!(std::fs::read_to_string(&notes).expect("kept"), "走访记录");

    let bare = dir.path().join("bare.db");
    drop(minqing::store::Store::open(&bare).expect("an empty database"));
    let x = dir.path().join("x.card");
    let x = x.to_str().expect("utf8");
    refused(&bare, &["card", "--out", x], "minqing init");
    std::fs::remove_file(keys_of(&db)).expect("remove keys");
    refused(&db, &["--lang", "en", "card", "--out", x], "no key file");
    assert!(!Path::new(x).exists(), "no card without identity and keys");
}

#[test]
fn two_devices_trust_each_other_and_bad_or_own_cards_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("cadre.db"), dir.path().join("office.db"));
    init_at(&a, "cadre", "汪晓艳", &["白虎村"]);
    init_at(&b, "office", "两河镇党政办", &[]);
    let (ca, cb) = (dir.path().join("a.card"), dir.path().join("b.card"));
    let (card_a, fp_a) = card(&a, &ca);
    let (card_b, fp_b) = card(&b, &cb);
    assert_ne!(fp_a, fp_b);

    let add = minqing(&a, &["peer", "add", cb.to_str().expect("utf8")]);
    assert!(add.status.success(), "{}", text(&add.stderr));
    let said = text(&add.stdout);
    assert!(said.contains("两河镇党政办"), "{said}");
    assert!(
        said.contains(&format!("请与对方核对指纹：{fp_b}")),
        "{said}"
    );
    let add = minqing(&b, &["peer", "add", ca.to_str().expect("utf8")]);
    assert!(add.status.success(), "{}", text(&add.stderr));

    let on_a = peers(&a);
    assert_eq!(on_a.len(), 1);
    let p = &on_a[0];
    for key in [
        "id",
        "name",
        "role",
        "fingerprint",
        "township",
        "villages",
        "added_at",
        "last_import_at",
        "last_export_at",
    ] {
        assert!(p.get(key).is_some(), "peer list --json lacks {key}: {p}");
    }
    assert_eq!(p["id"], card_b.id());
    assert_eq!(p["name"], "两河镇党政办");
    assert_eq!(p["role"], "office");
    assert_eq!(p["fingerprint"], fp_b);
    assert_eq!(peers(&b)[0]["fingerprint"], fp_a);
    assert_eq!(peers(&b)[0]["villages"], serde_json::json!(["白虎村"]));
    let table = text(&minqing(&a, &["peer", "list"]).stdout);
    assert!(
        table.contains(&fp_b) && table.contains(&card_b.id()),
        "{table}"
    );

    refused(
        &a,
        &["peer", "add", ca.to_str().expect("utf8")],
        "本机自己的名片",
    );
    let mut broken = card_a.clone();
    broken.sign_key.replace_range(0..4, "zzzz");
    let bad = dir.path().join("broken.card");
    std::fs::write(&bad, serde_json::to_string(&broken).expect("json")).expect("write");
    let c = dir.path().join("third.db");
    init_at(&c, "cadre", "李强", &[]);
    refused(
        &c,
        &["peer", "add", bad.to_str().expect("utf8")],
        "签名公钥",
    );
    let mut wrong_role = card_a.clone();
    wrong_role.role = "boss".into();
    std::fs::write(&bad, serde_json::to_string(&wrong_role).expect("json")).expect("write");
    refused(&c, &["peer", "add", bad.to_str().expect("utf8")], "boss");
    std::fs::write(&bad, "{\"format\":").expect("write");
    refused(
        &c,
        &["peer", "add", bad.to_str().expect("utf8")],
        "不是 minqing 名片",
    );
    assert!(peers(&c).is_empty(), "nothing stored from refused cards");

    refused(&a, &["peer", "remove", "nobody"], "nobody");
    let rm = minqing(&a, &["peer", "remove", &card_b.id()]);
    assert!(rm.status.success(), "{}", text(&rm.stderr));
    assert!(text(&rm.stdout).contains("两河镇党政办"));
    assert!(peers(&a).is_empty());
    let rm = minqing(&b, &["--lang", "en", "peer", "remove", "汪晓艳"]);
    assert!(rm.status.success(), "{}", text(&rm.stderr));
    assert!(text(&rm.stdout).contains("removed"), "{}", text(&rm.stdout));
    assert!(peers(&b).is_empty());
}

#[test]
fn the_demo_comes_with_keys_and_a_trusted_township_office() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["--today", TODAY, "demo", "--out"])
        .arg(&db)
        .args(["--households", "40", "--seed", "3"])
        .output()
        .expect("run demo");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(keys_of(&db).is_file(), "the demo cadre has keys");
    let office = dir.path().join("demo-office");
    let card_file = office.join("office.card.json");
    let office_card: Card =
        serde_json::from_str(&std::fs::read_to_string(&card_file).expect("office card"))
            .expect("a card");
    assert!(office.join("office.db.keys").is_file());
    let list = peers(&db);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["role"], "office");
    assert_eq!(list[0]["id"], office_card.id());
    let summary = text(&out.stdout);
    assert!(summary.contains(&office_card.fingerprint()), "{summary}");
    let (mine, _) = card(&db, &dir.path().join("cadre.card"));
    assert_ne!(mine.id(), office_card.id());
    assert!(!mine.villages.is_empty(), "the demo cadre covers villages");
    // The office's card is a peer already, and the cadre's own card is not accepted.
    refused(
        &db,
        &[
            "peer",
            "add",
            dir.path().join("cadre.card").to_str().expect("utf8"),
        ],
        "本机自己的名片",
    );

    // The office device has its own database that trusts the cadre: the cadre's export goes
    // straight in, and both hold one 两河镇, since every device derives its id from the name.
    let office_db = office.join("office.db");
    assert_eq!(peers(&office_db)[0]["id"], mine.id());
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).expect("stick");
    let sent = minqing(&db, &["export", "--out", stick.to_str().expect("utf8")]);
    assert!(sent.status.success(), "{}", text(&sent.stderr));
    let bundle = text(&sent.stdout).lines().last().expect("path").to_owned();
    let got = minqing(&office_db, &["import", &bundle]);
    assert!(got.status.success(), "{}", text(&got.stderr));
    let stats = |db: &Path| -> serde_json::Value {
        serde_json::from_slice(&minqing(db, &["stats", "--json"]).stdout).expect("stats json")
    };
    let (c, o) = (stats(&db), stats(&office_db));
    assert_eq!(o["households"], c["households"]);
    assert_eq!(o["townships"], c["townships"], "no second township");
    assert_eq!(o["villages"], c["villages"], "no second village");
    // The two creates of 两河镇 differ (the demo's has a division code, init's none): the
    // office's table must still be what replaying its log gives.
    let checked = minqing(&office_db, &["check"]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    let back = minqing(
        &office_db,
        &["export", "--out", stick.to_str().expect("utf8")],
    );
    assert!(back.status.success(), "{}", text(&back.stderr));
    let bundle = text(&back.stdout).lines().last().expect("path").to_owned();
    let got = minqing(&db, &["import", &bundle]);
    assert!(got.status.success(), "{}", text(&got.stderr));
}
