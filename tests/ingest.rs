//! `minqing ingest` on real files through the real binary: an XLSX with a title row and
//! synonyms, a GBK CSV, a UTF-8 CSV (here), bad rows, `--dry-run`, re-ingest, files that are
//! not ledgers, `--village` and the documentation of the synonyms (in tests/ingest/rows.rs).

#[path = "ingest/common.rs"]
mod common;
#[path = "ingest/fixtures.rs"]
mod fixtures;
#[path = "ingest/rows.rs"]
mod rows;

use common::*;
use minqing::domain::{ActionKind, Item, ItemStatus, Ledger, LedgerFields, Satisfaction};
use minqing::store::Store;

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
    drop(store);
    let check = minqing(&db.path, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
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
    drop(store);
    let check = minqing(&db.path, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}
