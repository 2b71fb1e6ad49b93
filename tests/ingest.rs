//! `minqing ingest` on real files through the real binary: an XLSX with a title row and
//! synonyms, a GBK CSV, a UTF-8 CSV, bad rows (each reported with its row number and reason),
//! `--dry-run` (the database file unchanged byte for byte), re-ingest (nothing new), files that
//! are not ledgers (refused with one line, exit 2), and `check` afterwards.

#[path = "ingest/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{NaiveDate, NaiveDateTime};
use minqing::domain::{
    ActionKind, Group, GroupId, Household, HouseholdId, Item, ItemStatus, Ledger, LedgerFields,
    Person, PersonId, Satisfaction, VillageId,
};
use minqing::store::Page;
use minqing::store::Store;
use minqing::store::query::{ItemFilter, ItemRow};

const TODAY: &str = "2026-11-24";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name)
}

fn minqing(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minqing"))
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .env_remove("MINQING_DB")
        .output()
        .expect("run minqing")
}

fn ingest(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["ingest", file.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    minqing(db, &args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn at9(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(9, 0, 0).expect("time")
}

/// Ids of the records the test database starts with.
struct Db {
    path: PathBuf,
    qingshan: VillageId,
    shiqiao: VillageId,
    group3: GroupId,
    wang: HouseholdId,
    wang_person: PersonId,
    li: HouseholdId,
    _dir: tempfile::TempDir,
}

fn household(v: VillageId, name: &str, phone: Option<&str>) -> Household {
    Household {
        village_id: v,
        group_id: None,
        head_name: name.into(),
        address: None,
        phone: phone.map(Into::into),
        tags: Vec::new(),
        cadre_id: None,
        note: None,
    }
}

fn head(h: HouseholdId, name: &str, id: Option<&str>) -> Person {
    Person {
        household_id: h,
        name: name.into(),
        relation: "head".into(),
        sex: None,
        birth_date: None,
        id_number: id.map(Into::into),
        phone: None,
        health: None,
        disability_type: None,
        disability_grade: None,
        note: None,
    }
}

/// An office database of 两河镇 (青山村 with its 三组, 石桥村, 白沙社区) holding 王秀英 (with her
/// ID number) in 青山村, 李建国 in 石桥村 and two households headed by 张伟 in 白沙社区.
fn setup() -> Db {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("office.db");
    let out = minqing(
        &path,
        &[
            "init",
            "--role",
            "office",
            "--name",
            "张主任",
            "--township",
            "两河镇",
            "--village",
            "青山村",
            "--village",
            "石桥村",
            "--village",
            "白沙社区",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut store = Store::open(&path).expect("open");
    let villages = store.villages().expect("villages");
    let v = |n: &str| {
        villages
            .iter()
            .find(|(_, x)| x.name == n)
            .map(|(id, _)| *id)
            .expect("village")
    };
    let (qingshan, shiqiao, baisha) = (v("青山村"), v("石桥村"), v("白沙社区"));
    let (group3, wang, wang_person, li) = (
        GroupId::new(),
        HouseholdId::new(),
        PersonId::new(),
        HouseholdId::new(),
    );
    store
        .write(|w| {
            w.insert(
                group3,
                &Group {
                    village_id: qingshan,
                    name: "三组".into(),
                },
            )?;
            w.insert(wang, &household(qingshan, "王秀英", None))?;
            w.insert(wang_person, &head(wang, "王秀英", Some(fixtures::WANG_ID)))?;
            w.insert(li, &household(shiqiao, "李建国", Some("13900001111")))?;
            w.insert(PersonId::new(), &head(li, "李建国", None))?;
            for _ in 0..2 {
                let h = HouseholdId::new();
                w.insert(h, &household(baisha, "张伟", None))?;
                w.insert(PersonId::new(), &head(h, "张伟", None))?;
            }
            Ok(())
        })
        .expect("write");
    Db {
        path,
        qingshan,
        shiqiao,
        group3,
        wang,
        wang_person,
        li,
        _dir: dir,
    }
}

fn items(store: &Store, ledger: Ledger) -> Vec<ItemRow> {
    let f = ItemFilter {
        ledger: Some(ledger),
        ..ItemFilter::default()
    };
    store.items(&f, Page::first(100)).expect("items").rows
}

fn item_of(store: &Store, rows: &[ItemRow], reporter: &str, title_part: &str) -> (Item, ItemRow) {
    let row = rows
        .iter()
        .find(|r| r.reporter.as_deref() == Some(reporter) && r.title.contains(title_part))
        .unwrap_or_else(|| panic!("no item of {reporter} about {title_part}"))
        .clone();
    (store.get::<Item>(row.id).expect("get").expect("item"), row)
}

fn kinds(store: &Store, row: &ItemRow) -> Vec<ActionKind> {
    store
        .progress_of(row.id)
        .expect("progress")
        .iter()
        .map(|p| p.action.kind())
        .collect()
}

fn households_named(store: &Store, v: VillageId, name: &str) -> Vec<HouseholdId> {
    store
        .households_named(v, name)
        .expect("households")
        .into_iter()
        .map(|(h, _)| h)
        .collect()
}

fn lines(out: &Output) -> Vec<String> {
    text(&out.stdout).lines().map(str::to_owned).collect()
}

fn line_of(out: &Output, row: u32) -> String {
    let prefix = format!("第 {row} 行：");
    lines(out)
        .into_iter()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for row {row} in\n{}", text(&out.stdout)))
}

#[test]
fn xlsx_with_title_rows_and_synonyms_creates_items_and_households() {
    let db = setup();
    let out = ingest(&db.path, &fixture("livelihood.xlsx"), &["--ledger", "民生"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with(
            "读取 livelihood.xlsx：Excel/WPS 工作簿，工作表“民生诉求台账”，表头在第 3 行"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("序号→编号"), "{stdout}");
    assert!(stdout.contains("户主姓名→反映人"), "{stdout}");
    assert!(stdout.contains("反映问题→诉求内容"), "{stdout}");
    assert!(stdout.contains("未识别的列（不导入）：照片"), "{stdout}");
    assert!(line_of(&out, 4).contains("新建事项 两河-2026-0001（已销号）；关联已有农户 王秀英"));
    assert!(line_of(&out, 5).contains("新建事项 两河-2026-0002（办理中）；新建农户 赵德明"));
    assert!(line_of(&out, 6).contains("新建事项 两河-2026-0003（已挂号）；关联已有农户 李建国"));
    let sun = line_of(&out, 7);
    assert!(sun.contains("（已交办）；新建农户 孙丽"), "{sun}");
    assert!(sun.contains("类别“邻里关系”未识别，记为其他"), "{sun}");
    assert!(line_of(&out, 8).contains("农户 赵德明（第 5 行新建）"));
    assert!(line_of(&out, 10).contains("表尾"));
    assert!(!stdout.contains("第 9 行"), "a blank row is not reported");
    assert!(
        stdout.trim_end().ends_with(
            "合计：新建事项 5 件、新建农户 2 户，已有 0 行，重复 0 行，跳过 1 行，拒绝 0 行；已在一个事务中写入"
        ),
        "{stdout}"
    );

    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Livelihood);
    assert_eq!(rows.len(), 5);
    // 王秀英: found by ID number, group 三组, phone typed as a number, closed after a visit.
    let (wang, row) = item_of(&store, &rows, "王秀英", "自来水管破裂");
    assert_eq!(wang.household_id, Some(db.wang));
    assert_eq!(wang.person_id, Some(db.wang_person));
    assert_eq!(wang.village_id, Some(db.qingshan));
    assert_eq!(wang.group_id, Some(db.group3));
    assert_eq!(wang.reporter_phone.as_deref(), Some("13812345678"));
    assert_eq!(wang.category, "water");
    assert_eq!(wang.registered_at, at9(2026, 3, 5));
    assert_eq!(wang.deadline, d(2026, 3, 19));
    assert_eq!(wang.content, "家门口自来水管破裂，已停水三天");
    assert_eq!(wang.title, "家门口自来水管破裂");
    assert_eq!(row.status, ItemStatus::Closed);
    assert_eq!(
        kinds(&store, &row),
        [
            ActionKind::Register,
            ActionKind::Assign,
            ActionKind::Answer,
            ActionKind::ReturnVisit,
            ActionKind::Close
        ]
    );
    let state = store.item_state(row.id).expect("state").expect("state");
    assert_eq!(state.responsible_person.as_deref(), Some("李明"));
    assert_eq!(state.result.as_deref(), Some("已更换水管，恢复供水"));
    assert_eq!(state.satisfaction, Some(Satisfaction::Satisfied));
    assert_eq!(state.closed_at, Some(at9(2026, 3, 12)));
    let register = &store.progress_of(row.id).expect("progress")[0];
    assert_eq!(
        register.note,
        "导入旧台账 livelihood.xlsx 第 4 行；原编号 1"
    );
    // 赵德明: a new household with his ID number on the head; 15 working days from Wed 8 April
    // (no holiday after 清明) is Wed 29 April.
    let (zhao, row) = item_of(&store, &rows, "赵德明", "塌方");
    let zhao_households = households_named(&store, db.qingshan, "赵德明");
    assert_eq!(zhao_households.len(), 1, "created once for two rows");
    assert_eq!(zhao.household_id, Some(zhao_households[0]));
    assert_eq!(zhao.reporter_phone.as_deref(), Some("13900002222"));
    assert_eq!(zhao.category, "roads");
    assert_eq!(zhao.registered_at, at9(2026, 4, 8));
    assert_eq!(zhao.deadline, d(2026, 4, 29));
    assert_eq!(row.status, ItemStatus::InProgress);
    let members = store.persons_of(zhao_households[0]).expect("persons");
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].1.id_number.as_deref(), Some(fixtures::ZHAO_ID));
    assert_eq!(members[0].1.sex.as_deref(), Some("m"));
    assert_eq!(members[0].1.birth_date, Some(d(1975, 6, 15)));
    let (zhao2, _) = item_of(&store, &rows, "赵德明", "路灯");
    assert_eq!(zhao2.household_id, zhao.household_id);
    assert_eq!(zhao2.registered_at, at9(2026, 6, 1));
    // 李建国: found by name; serial 46101 is Fri 20 March; 10 working days → Fri 3 April.
    let (li, row) = item_of(&store, &rows, "李建国", "跳闸");
    assert_eq!(li.household_id, Some(db.li));
    assert_eq!(li.village_id, Some(db.shiqiao));
    assert_eq!(li.category, "power");
    assert_eq!(li.registered_at, at9(2026, 3, 20));
    assert_eq!(li.deadline, d(2026, 4, 3));
    assert_eq!(row.status, ItemStatus::Registered);
    assert_eq!(kinds(&store, &row), [ActionKind::Register]);
    // 孙丽: 其他, assigned to the placeholder unit.
    let (sun, row) = item_of(&store, &rows, "孙丽", "噪音");
    assert_eq!(sun.category, "other");
    assert_eq!(sun.registered_at, at9(2026, 5, 6));
    assert_eq!(row.status, ItemStatus::Assigned);
    let state = store.item_state(row.id).expect("state").expect("state");
    assert_eq!(state.responsible_unit.as_deref(), Some("原台账未载明"));
    match &sun.ledger_fields {
        LedgerFields::Livelihood { nature, .. } => assert_eq!(nature, &None),
        other => panic!("{other:?}"),
    }
    drop(store);
    let check = minqing(&db.path, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn gbk_csv_hardship_ledger_is_decoded_and_imported() {
    let db = setup();
    let out = ingest(
        &db.path,
        &fixture("hardship_gbk.csv"),
        &["--ledger", "hardship"],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with("读取 hardship_gbk.csv：CSV（GBK 编码），表头在第 1 行"),
        "{stdout}"
    );
    assert!(stdout.contains("致贫原因→类别"), "{stdout}");
    assert!(line_of(&out, 2).contains("（办理中）；新建农户 钱大山"));
    assert!(line_of(&out, 3).contains("（暂缓）；新建农户 周桂兰"));
    assert!(line_of(&out, 4).contains("（已挂号）；新建农户 吴海"));
    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Hardship);
    assert_eq!(rows.len(), 3);
    let (qian, row) = item_of(&store, &rows, "钱大山", "妻子重病");
    assert_eq!(qian.content, "妻子重病长期住院，本人肢体残疾");
    assert_eq!(qian.category, "illness");
    assert_eq!(qian.measures.as_deref(), Some("申请临时救助"));
    match &qian.ledger_fields {
        LedgerFields::Hardship { causes, helper, .. } => {
            assert_eq!(causes, &["illness", "disability"]);
            assert_eq!(helper.as_deref(), Some("王芳"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(row.status, ItemStatus::InProgress);
    // 因灾 has a 3-working-day limit: from Thu 2 July → Tue 7 July.
    let (zhou, row) = item_of(&store, &rows, "周桂兰", "暴雨");
    assert_eq!(zhou.category, "disaster");
    assert_eq!(zhou.deadline, d(2026, 7, 7));
    assert_eq!(row.status, ItemStatus::Deferred);
    // No content: the difficulty type stands for it.
    let (wu, _) = item_of(&store, &rows, "吴海", "缺劳力");
    assert_eq!(wu.content, "缺劳力");
    assert_eq!(wu.category, "no_labour");
}

#[test]
fn utf8_csv_stability_ledger_anonymous_and_escalated() {
    let db = setup();
    let out = ingest(&db.path, &fixture("stability.csv"), &["--ledger", "稳定"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("CSV（UTF-8 编码），表头在第 1 行"),
        "{stdout}"
    );
    let first = line_of(&out, 2);
    assert!(first.contains("（已上报）"), "{first}");
    assert!(!first.contains("农户"), "anonymous: no household: {first}");
    assert!(first.contains("类别“物业纠纷”未识别，记为其他"), "{first}");
    assert!(line_of(&out, 3).contains("（办理中）"));
    let store = Store::open(&db.path).expect("open");
    let rows = items(&store, Ledger::Stability);
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r.title.contains("停车收费"))
        .expect("item");
    let item = store.get::<Item>(row.id).expect("get").expect("item");
    assert!(item.anonymous);
    assert_eq!(item.reporter, None);
    assert_eq!(item.household_id, None);
    assert_eq!(item.content, "小区业主与物业因停车收费发生争执，\n可能聚集");
    match &item.ledger_fields {
        LedgerFields::Stability {
            people_involved,
            risk_level,
            leader,
            ..
        } => {
            assert_eq!(*people_involved, Some(30));
            assert_eq!(risk_level.as_deref(), Some("yellow"));
            assert_eq!(leader.as_deref(), Some("张书记"));
        }
        other => panic!("{other:?}"),
    }
    let state = store.item_state(row.id).expect("state").expect("state");
    assert_eq!(state.status, ItemStatus::Escalated);
    assert_eq!(state.level, minqing::domain::Level::County);
    let other = rows
        .iter()
        .find(|r| r.title.contains("宅基地"))
        .expect("item");
    assert_eq!(other.category, "neighbour_dispute");
    assert_eq!(other.reporter, None);
}

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
