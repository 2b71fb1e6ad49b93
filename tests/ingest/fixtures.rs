//! The ingest fixtures in `tests/fixtures/ingest/`, as they were made: run
//! `cargo test --test ingest -- --ignored regenerate_fixtures` to write them again. The
//! committed files are what the tests read, so a change here shows up as a diff to review.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

/// 王秀英's ID number (valid; she is in the test database already).
pub const WANG_ID: &str = "510521195803120025";
/// 赵德明's ID number (valid; he is new).
pub const ZHAO_ID: &str = "510521197506150032";

/// A township ledger as offices keep it: a title row and a "填报单位" row above the header,
/// synonyms for most headers, dates as date cells, text and a bare serial number, a blank row
/// and a totals row below the data.
pub fn livelihood_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("民生诉求台账").expect("name");
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    sheet
        .merge_range(0, 0, 0, 14, "两河镇民生诉求台账（2026年）", &title)
        .expect("title");
    sheet
        .write_string(1, 0, "填报单位：青山村委会　　填报日期：2026年11月20日")
        .expect("unit");
    let headers = [
        "序号",
        "村组",
        "户主姓名",
        "联系电话",
        "身份证号",
        "诉求类别",
        "反映问题",
        "登记时间",
        "办理时限",
        "责任人",
        "办理结果",
        "满意度",
        "销号时间",
        "状态",
        "照片",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let day = |y: u16, m: u8, d: u8| ExcelDateTime::from_ymd(y, m, d).expect("date");
    // Row 4: 王秀英 (existing, found by ID number), closed after a satisfied return visit.
    let r = 3;
    sheet.write_number(r, 0, 1).expect("cell");
    sheet.write_string(r, 1, "青山村三组").expect("cell");
    sheet.write_string(r, 2, "王秀英").expect("cell");
    sheet.write_number(r, 3, 13_812_345_678.0).expect("cell");
    sheet.write_string(r, 4, WANG_ID).expect("cell");
    sheet.write_string(r, 5, "饮水安全").expect("cell");
    sheet
        .write_string(r, 6, "家门口自来水管破裂，已停水三天")
        .expect("cell");
    sheet
        .write_datetime_with_format(r, 7, day(2026, 3, 5), &date)
        .expect("cell");
    sheet
        .write_datetime_with_format(r, 8, day(2026, 3, 19), &date)
        .expect("cell");
    sheet.write_string(r, 9, "李明").expect("cell");
    sheet
        .write_string(r, 10, "已更换水管，恢复供水")
        .expect("cell");
    sheet.write_string(r, 11, "满意").expect("cell");
    sheet
        .write_datetime_with_format(r, 12, day(2026, 3, 12), &date)
        .expect("cell");
    sheet.write_string(r, 13, "已销号").expect("cell");
    sheet.write_string(r, 14, "见附件").expect("cell");
    // Row 5: 赵德明 (new household, with his ID number), in progress, a time limit in days.
    let r = 4;
    sheet.write_number(r, 0, 2).expect("cell");
    sheet.write_string(r, 1, "青山村").expect("cell");
    sheet.write_string(r, 2, "赵德明").expect("cell");
    sheet.write_string(r, 3, "139-0000-2222").expect("cell");
    sheet.write_string(r, 4, ZHAO_ID).expect("cell");
    sheet.write_string(r, 5, "道路").expect("cell");
    sheet.write_string(r, 6, "村道塌方需修复").expect("cell");
    sheet.write_string(r, 7, "2026/4/8").expect("cell");
    sheet.write_string(r, 8, "15个工作日").expect("cell");
    sheet.write_string(r, 13, "办理中").expect("cell");
    // Row 6: 李建国 (existing, found by name), a bare serial date (46101 = 2026-03-20).
    let r = 5;
    sheet.write_number(r, 0, 3).expect("cell");
    sheet.write_string(r, 1, "石桥村").expect("cell");
    sheet.write_string(r, 2, "李建国").expect("cell");
    sheet.write_string(r, 5, "用电").expect("cell");
    sheet.write_string(r, 6, "线路老化经常跳闸").expect("cell");
    sheet.write_number(r, 7, 46_101.0).expect("cell");
    // Row 7: 孙丽 (new household), an unknown category, 已交办 without a responsible person.
    let r = 6;
    sheet.write_number(r, 0, 4).expect("cell");
    sheet.write_string(r, 1, "白沙社区").expect("cell");
    sheet.write_string(r, 2, "孙丽").expect("cell");
    sheet.write_string(r, 5, "邻里关系").expect("cell");
    sheet
        .write_string(r, 6, "楼上住户夜间噪音扰民")
        .expect("cell");
    sheet.write_string(r, 7, "2026年5月6日").expect("cell");
    sheet.write_string(r, 13, "已交办").expect("cell");
    // Row 8: 赵德明 again (the household row 5 creates), village written without 村.
    let r = 7;
    sheet.write_number(r, 0, 5).expect("cell");
    sheet.write_string(r, 1, "青山").expect("cell");
    sheet.write_string(r, 2, "赵德明").expect("cell");
    sheet.write_string(r, 5, "道路交通").expect("cell");
    sheet.write_string(r, 6, "村道路灯不亮").expect("cell");
    sheet.write_string(r, 7, "2026.6.1").expect("cell");
    // Row 9 is blank; row 10 the totals.
    sheet.write_string(9, 0, "合计").expect("cell");
    sheet.write_string(9, 1, "5 件").expect("cell");
    book.save(path).expect("save xlsx");
}

/// A hardship ledger exported by WPS as CSV in GBK, CRLF line ends, no BOM.
pub const HARDSHIP_CSV: &str = "编号,村,户主,手机,致贫原因,困难情况,反映日期,帮扶措施,结对帮扶人,办理状态\r\n\
K-01,石桥村,钱大山,13700003333,因病、因残,\"妻子重病长期住院，本人肢体残疾\",2026-02-10,申请临时救助,王芳,帮扶中\r\n\
K-02,石桥村,周桂兰,,因灾,\"房屋被暴雨冲毁一间，暂住亲戚家\",2026/7/2,危房改造,王芳,暂缓\r\n\
K-03,白沙社区,吴海,13600004444,缺劳力,,2026-09-15,,,\r\n";

pub fn hardship_gbk(path: &Path) {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(HARDSHIP_CSV);
    assert!(!unmappable, "every character has a GBK code");
    std::fs::write(path, bytes).expect("write csv");
}

/// Bad rows, one reason each (row 11 has two), UTF-8 with BOM as Excel saves "CSV UTF-8".
pub const BAD_ROWS_CSV: &str = "\u{feff}反映人,联系电话,身份证号,村组,诉求内容,登记日期,办理时限,状态,满意度\n\
陈红,13511112222,,青山村,低保申请进度查询,2026-10-08,,,\n\
,13511113333,,青山村,路灯坏了,2026-10-09,,,\n\
刘强,1351111,,石桥村,水渠堵塞,2026-10-10,,,\n\
何平,,51052119800101123X,青山村,医保报销比例咨询,2026-10-11,,,\n\
马兰,,,红旗村,宅基地纠纷,2026-10-12,,,\n\
林涛,,,石桥村,就业培训报名,2026-13-45,,,\n\
许静,,,石桥村,养老保险补缴,2027-01-05,,,\n\
郑凯,,,青山村,自来水水压低,2026-10-15,,处理一下,\n\
王芳,,510521195803120025,青山村,危房改造申请,2026-10-16,,,\n\
,12345,,石桥村,垃圾清运不及时,2026-10-17,,,\n\
黄伟,,,石桥村,灌溉水渠渗漏,2026-10-18,,已销号,不满意\n\
陈红,13511112222,,青山村,低保申请进度查询,2026-10-08,,,\n";

/// A stability ledger in UTF-8 without BOM, its village column named 所属村.
pub const STABILITY_CSV: &str = "序号,所属村,当事人,矛盾纠纷内容,矛盾类别,涉及人数,风险等级,包案领导,受理日期,状态\n\
1,白沙社区,匿名,\"小区业主与物业因停车收费发生争执，\n可能聚集\",物业纠纷,30人,黄,张书记,2026-08-20,已上报县\n\
2,石桥村,,两户因宅基地边界争执,邻里纠纷,2人,绿,,2026-09-01,化解中\n";

/// The smallest PNG (a 1×1 image), renamed `.xlsx` by the tests.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// Meeting minutes saved as CSV: text, but no ledger header.
pub const NOTES_CSV: &str = "青山村两委会议纪要\n时间：2026年10月9日\n议题：冬季防火\n";

/// Writes every fixture into `dir`.
pub fn write_all(dir: &Path) {
    std::fs::create_dir_all(dir).expect("dir");
    livelihood_xlsx(&dir.join("livelihood.xlsx"));
    hardship_gbk(&dir.join("hardship_gbk.csv"));
    std::fs::write(dir.join("bad_rows.csv"), BAD_ROWS_CSV).expect("write");
    std::fs::write(dir.join("stability.csv"), STABILITY_CSV).expect("write");
    std::fs::write(dir.join("photo.xlsx"), PNG).expect("write");
    std::fs::write(dir.join("minutes.csv"), NOTES_CSV).expect("write");
    std::fs::write(dir.join("empty.csv"), b"").expect("write");
}
