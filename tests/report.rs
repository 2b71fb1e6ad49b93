//! `minqing report` through the real binary: XLSX read back with calamine (title, header, one
//! row per item, masking, the summary sheet, highlighting and page setup), CSV (BOM, quoting),
//! the diary, filters, the access log, who may export the stability ledger, and refusals.

mod common;
#[path = "report/csv_diary.rs"]
mod csv_diary;
#[path = "report/fixture.rs"]
mod fixture;
#[path = "report/refusals.rs"]
mod refusals;
#[path = "report/xml.rs"]
mod xml;

use std::path::Path;

use fixture::*;
use minqing::store::Store;
use xml::{between, fill_of, part};

pub const LIVELIHOOD_HEADER: [&str; 20] = [
    "序号",
    "编号",
    "登记日期",
    "村组",
    "户主/反映人",
    "联系电话",
    "类别",
    "内容",
    "首问责任人",
    "责任人",
    "办理时限",
    "办理进展",
    "办理结果",
    "回访时间",
    "满意度",
    "销号时间",
    "状态",
    "超期情况",
    "性质",
    "受益户数",
];

/// The 编号 column (B) of the data rows (from row 4).
pub fn numbers(rows: &[Vec<String>]) -> Vec<String> {
    rows[3..].iter().map(|r| r[1].clone()).collect()
}

fn all_text(path: &Path) -> String {
    sheet_names(path)
        .iter()
        .flat_map(|s| sheet(path, s))
        .flatten()
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn livelihood_xlsx_has_the_title_the_header_and_one_masked_row_per_item() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let path = report(
        &env,
        &["--ledger", "livelihood", "--format", "xlsx", "--out", out],
    );
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("两河镇-民生诉求台账-20261124.xlsx")
    );
    assert_eq!(sheet_names(&path), ["民生诉求台账", "汇总"]);
    let rows = sheet(&path, "民生诉求台账");
    assert_eq!(rows[0][0], "两河镇民生诉求台账");
    assert_eq!(
        rows[1][0],
        "统计期间：全部　　村：全部　　共 4 条　　身份证号、电话已打码　　打印日期：2026-11-24"
    );
    assert_eq!(rows[2], LIVELIHOOD_HEADER);
    // One row per livelihood item, in registration order.
    assert_eq!(
        numbers(&rows),
        [
            "两河-2026-0001",
            "两河-2026-0003",
            "两河-2026-0004",
            "两河-2026-0002"
        ]
    );
    let closed = &rows[3];
    let expect_closed = [
        "1",
        "两河-2026-0001",
        "2026-03-02",
        "白虎村",
        "王凯",
        "138****5678",
        "饮水安全",
        "赤石组饮水管道破裂\n王凯反映赤石组主供水管道去年冬天冻裂，二十多户吃水要到两里外挑",
        "汪晓艳",
        "刘强（镇水务站）",
        "2026-03-16",
        "2026-03-05 进展：已派人查看现场",
        "已更换主管道，恢复供水",
        "2026-03-11",
        "满意",
        "2026-03-12",
        "已销号",
        "",
        "求助",
        "23",
    ];
    assert_eq!(closed, &expect_closed);
    let anonymous = &rows[4];
    assert_eq!((anonymous[4].as_str(), anonymous[5].as_str()), ("匿名", ""));
    assert_eq!(anonymous[16], "已挂号");
    assert_eq!(
        anonymous[8], "周敏",
        "首问责任人 from the registering event"
    );
    let li = &rows[5];
    assert_eq!(
        (li[3].as_str(), li[4].as_str(), li[5].as_str()),
        ("赤石村", "李秀英", "139****4321")
    );
    // Deadline 11-16 (Monday), today 11-24 (Tuesday): 17, 18, 19, 20, 23, 24 November.
    let overdue = &rows[6];
    assert_eq!(overdue[8], "汪晓艳", "首问责任人: the cadre record first");
    assert_eq!(overdue[9], "镇供电所");
    assert_eq!(overdue[16], "已交办");
    assert_eq!(overdue[17], "超期6个工作日");
    let everything = all_text(&path);
    assert!(!everything.contains(WANG_PHONE) && !everything.contains(LI_PHONE));
}

#[test]
fn the_summary_sheet_counts_items_by_village_and_status() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let path = report(&env, &["--ledger", "民生", "--out", out]);
    let rows = sheet(&path, "汇总");
    assert_eq!(rows[0][0], "两河镇民生诉求台账：按村、按状态汇总");
    let header = [
        "村",
        "合计",
        "已挂号",
        "已交办",
        "办理中",
        "已办结",
        "已销号",
        "已上报",
        "暂缓",
        "重办",
        "超期",
    ];
    assert_eq!(rows[2], header);
    // 白虎村: 0001 closed, 0002 assigned and overdue; 赤石村: 0003 and 0004 registered.
    assert_eq!(
        rows[3],
        ["白虎村", "2", "0", "1", "0", "0", "1", "0", "0", "0", "1"]
    );
    assert_eq!(
        rows[4],
        ["赤石村", "2", "2", "0", "0", "0", "0", "0", "0", "0", "0"]
    );
    assert_eq!(
        rows[5],
        ["合计", "4", "2", "1", "0", "0", "1", "0", "0", "0", "1"]
    );
    assert_eq!(rows.len(), 6);
}

#[test]
fn overdue_rows_are_highlighted_and_the_sheet_is_set_up_for_printing() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let path = report(&env, &["--ledger", "livelihood", "--out", out]);
    // Rows 4–7 hold 0001, 0003, 0004 and 0002 (the overdue one).
    assert_eq!(fill_of(&path, "A7"), "FFFFC7CE");
    assert_eq!(fill_of(&path, "T7"), "FFFFC7CE");
    for r in ["A4", "A5", "A6"] {
        assert_eq!(fill_of(&path, r), "", "{r} is not highlighted");
    }
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"3\"") && sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("<mergeCell ref=\"A1:T1\"/>"));
    let book = part(&path, "xl/workbook.xml");
    assert!(book.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">民生诉求台账!$3:$3</definedName>"));
    // Widths in Excel character units: 编号 (B) fits "两河-2026-0001" (14 columns) plus a
    // margin; 内容 (H) holds Chinese text far wider than 40 columns and stops at the cap.
    let width = |col: u32| -> f64 {
        let tag = format!("<col min=\"{col}\" max=\"");
        let rest = between(&sheet, &tag, "/>");
        between(rest, "width=\"", "\"").parse().expect("width")
    };
    assert!((16.0..17.0).contains(&width(2)), "编号 width {}", width(2));
    assert!((42.0..43.0).contains(&width(8)), "内容 width {}", width(8));
    // Long text wraps.
    let wrap_style: usize = between(&sheet, "<c r=\"H4\" s=\"", "\"")
        .parse()
        .expect("style");
    let styles = part(&path, "xl/styles.xml");
    let xf = between(&styles, "<cellXfs", "</cellXfs>")
        .split("<xf ")
        .nth(wrap_style + 1)
        .expect("xf");
    assert!(xf.contains("wrapText=\"1\""), "{xf}");
}

#[test]
fn unmasked_prints_in_full_and_writes_one_access_log_row() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let masked = report(&env, &["--ledger", "困难", "--out", out]);
    let rows = sheet(&masked, "困难群众台账");
    let h = &rows[2];
    let col = |name: &str| h.iter().position(|c| c == name).expect(name);
    assert_eq!(
        rows.len(),
        4,
        "title, line, header and the one hardship item"
    );
    let r = &rows[3];
    assert_eq!(r[col("户主/反映人")], "王凯");
    assert_eq!(r[col("联系电话")], "138****5678");
    assert_eq!(r[col("身份证号")], "110105********002X");
    assert_eq!(r[col("类别")], "因病");
    assert_eq!(r[col("致困原因")], "因病、因残");
    assert_eq!(r[col("帮扶措施")], "低保 1200元（2026-04-10）");
    assert_eq!(r[col("结对帮扶人")], "张敏");
    assert_eq!(r[col("复核周期")], "每季度");
    let log = |db: &Path| {
        Store::open(db)
            .expect("open")
            .access_log(None)
            .expect("log")
    };
    assert!(log(&env.db).is_empty(), "a masked report reveals nothing");

    std::fs::remove_file(&masked).expect("remove");
    let full = report(&env, &["--ledger", "hardship", "--out", out, "--unmasked"]);
    let rows = sheet(&full, "困难群众台账");
    assert_eq!(rows[3][col("联系电话")], WANG_PHONE);
    assert_eq!(rows[3][col("身份证号")], WANG_ID);
    assert!(rows[1][0].contains("含完整身份证号、电话"));
    let entries = log(&env.db);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.entity, "report");
    assert_eq!(e.field, "id_number,phone");
    assert_eq!(e.via, "report:hardship:xlsx");
    assert_eq!(e.cadre_name, "汪晓艳");
    assert!(e.cadre_id.is_some());
    assert_eq!(e.entity_id, full.display().to_string());
    assert!(e.at.starts_with("20"), "a timestamp: {}", e.at);
}

#[test]
fn village_and_date_filters_choose_the_rows() {
    let env = env("office");
    let cases: [(&[&str], &[&str], &str); 4] = [
        (
            &[
                "--village",
                "白虎村",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
            ],
            &["两河-2026-0001"],
            "统计期间：2026-03-01 至 2026-03-31　　村：白虎村　　共 1 条",
        ),
        (
            &["--village", "赤石村"],
            &["两河-2026-0003", "两河-2026-0004"],
            "村：赤石村",
        ),
        // Both ends are included: 0004 was registered on 5-06 at 10:00.
        (
            &["--from", "2026/3/5", "--to", "2026年5月6日"],
            &["两河-2026-0003", "两河-2026-0004"],
            "统计期间：2026-03-05 至 2026-05-06",
        ),
        (
            &[
                "--village",
                "赤石村",
                "--village",
                "白虎村",
                "--from",
                "2026-05-07",
            ],
            &["两河-2026-0002"],
            "统计期间：2026-05-07 起　　村：赤石村、白虎村",
        ),
    ];
    for (i, (args, want, line)) in cases.into_iter().enumerate() {
        let file = env.out.join(format!("{i}.xlsx"));
        let mut all = vec![
            "--ledger",
            "livelihood",
            "--out",
            file.to_str().expect("utf-8"),
        ];
        all.extend_from_slice(args);
        let path = report(&env, &all);
        assert_eq!(path, file);
        let rows = sheet(&path, "民生诉求台账");
        assert_eq!(numbers(&rows), want, "{args:?}");
        assert!(rows[1][0].contains(line), "{}", rows[1][0]);
    }
}

#[test]
fn an_english_report_has_english_titles_headers_labels_and_file_name() {
    let env = env("office");
    let out = env.out.to_str().expect("utf-8");
    let o = minqing(
        &env.db,
        &["--lang", "en", "report", "--ledger", "民生", "--out", out],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    assert!(stdout.starts_with("exported the Livelihood requests ledger of 两河镇: 4 rows"));
    let path = env.out.join("两河镇-livelihood-20261124.xlsx");
    assert_eq!(stdout.lines().last(), Some(path.to_str().expect("utf-8")));
    assert_eq!(
        sheet_names(&path),
        ["Livelihood requests ledger", "Summary"]
    );
    let rows = sheet(&path, "Livelihood requests ledger");
    assert_eq!(rows[0][0], "Livelihood requests ledger, 两河镇");
    assert!(rows[1][0].starts_with("Period: all   Villages: all   4 rows"));
    assert_eq!(rows[2][..3], ["No.", "Number", "Registered"]);
    assert_eq!(rows[3][6], "Drinking water");
    assert_eq!(rows[3][16], "Closed");
    assert_eq!(rows[6][17], "6 working days overdue");
}
