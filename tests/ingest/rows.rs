//! Ingest refusals and repeats: bad rows with their row numbers and reasons (both languages),
//! `--dry-run`, re-ingest, files that are not ledgers, `--village`, a `minqing report` layout,
//! the committed fixtures and the documentation of every synonym.

use std::path::{Path, PathBuf};
use std::process::Output;

use super::common::*;
use super::fixtures;
use minqing::domain::Ledger;
use minqing::store::Store;

#[test]
fn bad_rows_are_each_reported_with_row_number_and_reason() {
    let db = setup();
    let out = ingest(
        &db.path,
        &fixture("bad_rows.csv"),
        &["--ledger", "livelihood"],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("CSV（UTF-8 编码，带 BOM）"), "{stdout}");
    assert!(line_of(&out, 2).contains("新建事项 两河-2026-0001"));
    let expect = [
        (3, "拒绝——缺少必填项“反映人”"),
        (4, "拒绝——联系电话“1351111”有误：手机号应为 11 位数字"),
        (
            5,
            "拒绝——身份证号“51052119800101123X”有误：身份证号校验位错误，应为 4",
        ),
        (6, "拒绝——村“红旗村”不在数据库中"),
        (7, "拒绝——登记日期“2026-13-45”不是日期"),
        (8, "拒绝——登记日期 2027-01-05 晚于今天"),
        (9, "拒绝——状态“处理一下”无法识别"),
        (10, "拒绝——身份证号属于“王秀英”，与“王芳”不符"),
        (12, "拒绝——记为已销号，但满意度为不满意"),
        (13, "与第 2 行重复，跳过"),
    ];
    for (row, reason) in expect {
        let line = line_of(&out, row);
        assert!(line.contains(reason), "row {row}: {line}");
    }
    let two = line_of(&out, 11);
    assert!(
        two.contains("缺少必填项“反映人”") && two.contains("联系电话“12345”有误"),
        "both reasons: {two}"
    );
    assert!(
        stdout.contains(
            "合计：新建事项 1 件、新建农户 1 户，已有 0 行，重复 1 行，跳过 0 行，拒绝 10 行"
        ),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("10 行被拒绝"),
        "{}",
        text(&out.stderr)
    );
    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Livelihood);
    assert_eq!(rows.len(), 1, "only the good row is written");
    assert_eq!(rows[0].reporter.as_deref(), Some("陈红"));
    assert!(households_named(&store, db.qingshan, "王芳").is_empty());
}

#[test]
fn bad_rows_in_english() {
    let db = setup();
    let out = ingest(
        &db.path,
        &fixture("bad_rows.csv"),
        &["--ledger", "livelihood", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("row 3: refused: missing required field '反映人'"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 6: refused: unknown village '红旗村'"),
        "{stdout}"
    );
    assert!(
        stdout.contains("row 13: same as row 2, skipped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("total: created 1 items and 1 households"),
        "{stdout}"
    );
}

#[test]
fn dry_run_reports_the_same_and_leaves_the_database_file_unchanged() {
    let db = setup();
    let before = std::fs::read(&db.path).expect("read db");
    let dry = ingest(
        &db.path,
        &fixture("livelihood.xlsx"),
        &["--ledger", "民生", "--dry-run"],
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert_eq!(
        std::fs::read(&db.path).expect("read db"),
        before,
        "not one byte changed"
    );
    let dry_out = text(&dry.stdout);
    assert!(line_of(&dry, 4).contains("将新建事项 两河-2026-0001（已销号）"));
    assert!(
        dry_out.contains("合计：将新建事项 5 件、将新建农户 2 户"),
        "{dry_out}"
    );
    assert!(dry_out.contains("试导入，未写入任何数据"), "{dry_out}");
    let store = Store::open(&db.path).expect("open");
    assert!(items(&store, Ledger::Livelihood).is_empty());
    drop(store);
    // The real run then does exactly what the dry run said.
    let real = ingest(&db.path, &fixture("livelihood.xlsx"), &["--ledger", "民生"]);
    assert!(real.status.success());
    let strip = |o: &Output| -> Vec<String> {
        lines(o)
            .iter()
            .filter(|l| l.starts_with('第'))
            .map(|l| l.replace("将新建", "新建"))
            .collect()
    };
    assert_eq!(strip(&dry), strip(&real));
}

#[test]
fn re_ingesting_the_same_file_creates_nothing() {
    let db = setup();
    let first = ingest(&db.path, &fixture("livelihood.xlsx"), &["--ledger", "民生"]);
    assert!(first.status.success());
    let stats = |p: &Path| text(&minqing(p, &["stats", "--json"]).stdout);
    let after_first = stats(&db.path);
    let again = ingest(&db.path, &fixture("livelihood.xlsx"), &["--ledger", "民生"]);
    let out = text(&again.stdout);
    assert!(again.status.success(), "{out}");
    assert!(
        line_of(&again, 4).contains("已有事项 两河-2026-0001，跳过"),
        "{out}"
    );
    assert!(
        line_of(&again, 8).contains("已有事项 两河-2026-0005，跳过"),
        "{out}"
    );
    assert!(
        out.contains("合计：新建事项 0 件、新建农户 0 户，已有 5 行，重复 0 行，跳过 1 行，拒绝 0 行；没有写入"),
        "{out}"
    );
    assert_eq!(stats(&db.path), after_first);
    // The same rows in another format (GBK CSV of a different ledger) are other items; the
    // bad-rows file's one good row, ingested twice, is one item.
    for _ in 0..2 {
        let _ = ingest(&db.path, &fixture("bad_rows.csv"), &["--ledger", "民生"]);
    }
    let store = Store::open(&db.path).expect("open");
    let chen: Vec<_> = items(&store, Ledger::Livelihood)
        .into_iter()
        .filter(|r| r.reporter.as_deref() == Some("陈红"))
        .collect();
    assert_eq!(chen.len(), 1);
}

#[test]
fn files_that_are_not_ledgers_are_refused_with_one_line() {
    let db = setup();
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 this is not really a zip").expect("write");
    let headless = dir.path().join("names.csv");
    std::fs::write(&headless, "姓名,电话\n张三,13800000000\n").expect("write");
    let before = std::fs::read(&db.path).expect("read db");
    let cases: [(PathBuf, &str); 5] = [
        (
            fixture("photo.xlsx"),
            "photo.xlsx 不是台账：既不是 Excel/WPS 表格，也不是 CSV 文本",
        ),
        (fixture("empty.csv"), "empty.csv 是空文件，不是台账"),
        (
            fixture("minutes.csv"),
            "minutes.csv 不是台账：前 10 行中找不到表头",
        ),
        (broken, "broken.xlsx 不是台账：工作簿已损坏或无法读取"),
        (headless, "names.csv 缺少必需的列：“诉求内容”"),
    ];
    for (file, message) in cases {
        let out = ingest(&db.path, &file, &["--ledger", "民生"]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", file.display());
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("minqing: "), "{stderr}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    }
    assert_eq!(std::fs::read(&db.path).expect("read db"), before);
}

#[test]
fn village_option_applies_to_every_row_and_refuses_other_villages() {
    let db = setup();
    let out = ingest(
        &db.path,
        &fixture("stability.csv"),
        &["--ledger", "stability", "--village", "石桥村"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(line_of(&out, 2).contains("本行村组为“白沙社区”，与 --village 石桥村 不符"));
    assert!(line_of(&out, 3).contains("新建事项"));
    let unknown = ingest(
        &db.path,
        &fixture("stability.csv"),
        &["--ledger", "stability", "--village", "红旗村"],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("--village：数据库中没有村“红旗村”"));
    let bad_ledger = ingest(&db.path, &fixture("stability.csv"), &["--ledger", "日志"]);
    assert_eq!(bad_ledger.status.code(), Some(1));
    // With --village the 村组 cell may hold the group; a village name the database lacks is
    // still another village, not a group.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("qingshan.csv");
    std::fs::write(
        &file,
        "反映人,村组,诉求内容,登记日期\n周强,三组,水井干涸,2026-10-01\n吴敏,红旗村,路面积水,2026-10-02\n",
    )
    .expect("write");
    let out = ingest(
        &db.path,
        &file,
        &["--ledger", "民生", "--village", "青山村"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        line_of(&out, 2).contains("新建事项"),
        "{}",
        text(&out.stdout)
    );
    assert!(line_of(&out, 3).contains("本行村组为“红旗村”，与 --village 青山村 不符"));
    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Livelihood);
    let (item, _) = item_of(&store, &rows, "周强", "水井");
    assert_eq!(item.village_id, Some(db.qingshan));
    assert_eq!(item.group_id, Some(db.group3));
}

/// Writes the fixtures again (see tests/ingest/fixtures.rs).
#[test]
#[ignore = "rewrites tests/fixtures/ingest"]
fn regenerate_fixtures() {
    fixtures::write_all(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest"));
}

/// The committed text fixtures are exactly what the generator writes (the XLSX holds a
/// timestamp, so it is checked by the tests that read it).
#[test]
fn committed_text_fixtures_match_the_generator() {
    let dir = tempfile::tempdir().expect("tempdir");
    fixtures::write_all(dir.path());
    for name in [
        "hardship_gbk.csv",
        "bad_rows.csv",
        "stability.csv",
        "photo.xlsx",
        "minutes.csv",
        "empty.csv",
    ] {
        assert_eq!(
            std::fs::read(dir.path().join(name)).expect("generated"),
            std::fs::read(fixture(name)).expect("committed"),
            "{name}"
        );
    }
}

/// A ledger in the layout `minqing report` writes (its headers, 编号 of this database, masked
/// phones and ID numbers): known items are found by number, masked values are left out.
#[test]
fn a_report_in_minqing_layout_is_matched_by_number_and_masked_values_are_left_out() {
    let db = setup();
    let first = ingest(&db.path, &fixture("livelihood.xlsx"), &["--ledger", "民生"]);
    assert!(first.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("两河镇-民生诉求台账-20261124.csv");
    std::fs::write(
        &file,
        "\u{feff}两河镇民生诉求台账\n\
         序号,编号,登记日期,乡镇,村组,户主/反映人,联系电话,身份证号,类别,内容,状态,超期情况\n\
         1,两河-2026-0001,2026-03-05,两河镇,青山村/三组,王秀英,138****5678,510521********0025,饮水安全,别的说法,已销号,\n\
         2,两河-2025-0042,2026-10-20,两河镇,石桥村,李建国,139****1111,,用电,电表箱损坏,已挂号,\n",
    )
    .expect("write");
    let out = ingest(&db.path, &file, &["--ledger", "livelihood"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("表头在第 2 行"), "{stdout}");
    assert!(stdout.contains("户主/反映人→反映人"), "{stdout}");
    assert!(
        stdout.contains("未识别的列（不导入）：乡镇、超期情况"),
        "{stdout}"
    );
    assert!(line_of(&out, 3).contains("已有事项 两河-2026-0001，跳过"));
    let new = line_of(&out, 4);
    assert!(
        new.contains("新建事项 两河-2026-0006（已挂号）；关联已有农户 李建国"),
        "{new}"
    );
    assert!(new.contains("联系电话已打码，未导入"), "{new}");
    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Livelihood);
    let (item, _) = item_of(&store, &rows, "李建国", "电表箱");
    assert_eq!(item.reporter_phone, None);
    assert_eq!(item.household_id, Some(db.li));
}

/// docs/REPORTS.md lists every header synonym and value word of the shipped table, so the
/// office can look up what a header may be called.
#[test]
fn every_synonym_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("docs/REPORTS.md")).expect("docs");
    let section = docs
        .split("## 导入表头 / Ingest headers")
        .nth(1)
        .expect("the ingest section");
    let table: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("assets/ingest_headers.json")).expect("json"),
    )
    .expect("json parses");
    let mut words: Vec<(String, String)> = Vec::new();
    for list in [
        "fields",
        "status_values",
        "satisfaction_values",
        "risk_values",
    ] {
        for (key, values) in table[list].as_object().expect("object") {
            for v in values.as_array().expect("array") {
                words.push((key.clone(), v.as_str().expect("string").to_owned()));
            }
        }
    }
    for list in ["yes_values", "no_values"] {
        for v in table[list].as_array().expect("array") {
            words.push((list.into(), v.as_str().expect("string").to_owned()));
        }
    }
    assert!(words.len() > 250, "{} words", words.len());
    for (key, word) in words {
        assert!(
            section
                .lines()
                .any(|l| l.starts_with('|') && l.split(['|', '、']).any(|c| c.trim() == word)),
            "{key}: '{word}' is not in the table of docs/REPORTS.md"
        );
    }
}
