//! CSV (BOM, columns, quoting) and the diary report.

use crate::LIVELIHOOD_HEADER;
use crate::fixture::*;

#[test]
fn csv_has_a_bom_the_same_columns_and_round_trips_commas_quotes_and_line_breaks() {
    let env = env("office");
    let file = env.out.join("民生.csv");
    // The format comes from the file name when --format is not given.
    let path = report(
        &env,
        &["--ledger", "民生", "--out", file.to_str().expect("utf-8")],
    );
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM first");
    let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
    let rows = parse_csv(text);
    assert_eq!(rows[0], LIVELIHOOD_HEADER);
    assert_eq!(rows.len(), 5, "the header and four items");
    let li = rows
        .iter()
        .find(|r| r[1] == "两河-2026-0004")
        .expect("0004");
    assert_eq!(li[7], format!("村口老桥开裂\n{TRICKY}"));
    assert_eq!(li[5], "139****4321");
    assert!(!text.contains(LI_PHONE) && !text.contains(WANG_PHONE));
    assert_eq!(rows[1][2], "2026-03-02", "dates as yyyy-mm-dd");
    assert!(text.ends_with("\r\n"));
}

#[test]
fn text_that_starts_like_a_formula_stays_text_in_csv_and_xlsx() {
    let env = env("office");
    let formula = "=HYPERLINK(\"http://example.com\",\"点此领取补贴\")";
    let mut store = minqing::store::Store::open(&env.db).expect("open");
    let row = store
        .items(
            &minqing::store::query::ItemFilter::default(),
            minqing::store::Page::first(50),
        )
        .expect("items")
        .rows
        .into_iter()
        .find(|r| r.number == "两河-2026-0004")
        .expect("0004");
    store
        .write(|w| {
            let mut f = serde_json::Map::new();
            f.insert("title".into(), serde_json::json!(formula));
            w.update::<minqing::domain::Item>(row.id, f)
        })
        .expect("edit");
    drop(store);
    let out = env.out.to_str().expect("utf-8");
    let csv = report(&env, &["--ledger", "民生", "--format", "csv", "--out", out]);
    let text = std::fs::read_to_string(&csv).expect("read");
    let rows = parse_csv(text.trim_start_matches('\u{feff}'));
    let li = rows.iter().find(|r| r[1] == "两河-2026-0004").expect("row");
    // 内容 is the title, then the content. A leading apostrophe: Excel and WPS show the text
    // instead of running it.
    assert_eq!(li[7], format!("'{formula}\n{TRICKY}"));
    // XLSX holds it as a string cell, never as a formula.
    let xlsx = report(
        &env,
        &["--ledger", "民生", "--format", "xlsx", "--out", out],
    );
    let rows = sheet(&xlsx, "民生诉求台账");
    let li = rows.iter().find(|r| r[1] == "两河-2026-0004").expect("row");
    assert_eq!(li[7], format!("{formula}\n{TRICKY}"));
    assert!(!crate::xml::part(&xlsx, "xl/worksheets/sheet1.xml").contains("<f>"));
}

#[test]
fn the_diary_report_lists_visits_with_households_cadres_notes_and_items_raised() {
    let env = env("cadre");
    let out = env.out.to_str().expect("utf-8");
    let path = report(&env, &["--ledger", "日志", "--out", out]);
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("两河镇-民情日志-20261124.xlsx")
    );
    let rows = sheet(&path, "民情日志");
    assert_eq!(rows[0][0], "两河镇民情日志");
    assert_eq!(
        rows[2],
        [
            "序号",
            "日期",
            "走访形式",
            "村",
            "农户",
            "地点",
            "走访干部",
            "诉求与建议",
            "家庭情况",
            "跟进计划",
            "被访人确认",
            "提出事项"
        ]
    );
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[3],
        [
            "1",
            "2026-03-02",
            "入户走访",
            "白虎村",
            "王凯",
            "",
            "汪晓艳",
            "入户走访王凯家，反映赤石组饮水管道冻裂，全组吃水困难，盼尽快维修",
            "老两口在家，儿子外出务工",
            "报镇水务站，三日内查看现场",
            "王凯（已确认）",
            "两河-2026-0001、两河-2026-0002",
        ]
    );
    assert_eq!(
        rows[4],
        [
            "2",
            "2026-05-06",
            "院坝会",
            "赤石村",
            "",
            "赤石村委会",
            "汪晓艳",
            "院坝会上群众反映村口老桥开裂",
            "",
            "报镇交通办",
            "",
            "两河-2026-0004",
        ]
    );
    let summary = sheet(&path, "汇总");
    assert_eq!(summary[2][..4], ["村", "合计", "入户走访", "院坝会"]);
    assert_eq!(summary[3][..4], ["白虎村", "1", "1", "0"]);
    assert_eq!(summary[4][..4], ["赤石村", "1", "0", "1"]);
    // Dates filter visits by their own date.
    let later = env.out.join("later.csv");
    let path = report(
        &env,
        &[
            "--ledger",
            "diary",
            "--from",
            "2026-05-01",
            "--out",
            later.to_str().expect("utf-8"),
        ],
    );
    let csv =
        parse_csv(std::str::from_utf8(&std::fs::read(path).expect("read")[3..]).expect("utf-8"));
    assert_eq!(csv.len(), 2);
    assert_eq!(csv[1][1], "2026-05-06");
}
