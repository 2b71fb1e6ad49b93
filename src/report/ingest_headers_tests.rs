//! Unit tests of the header table and header-row detection.

use super::*;

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn the_shipped_table_parses_and_names_every_field_once() {
    let syn = Synonyms::from_json(include_str!("../../assets/ingest_headers.json"))
        .expect("ingest_headers.json parses");
    assert_eq!(syn.fields.len(), 33, "every Field has a list");
    let mut all: Vec<String> = syn
        .fields
        .values()
        .flatten()
        .map(|s| normalize_header(s))
        .collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "no header belongs to two fields");
    assert_eq!(syn.status_values.len(), 8, "every status has its words");
    assert_eq!(Synonyms::builtin().label(Field::Reporter), "反映人");
}

#[test]
fn headers_are_normalised_before_comparing() {
    assert_eq!(normalize_header(" 联系电话（手机）\n"), "联系电话(手机)");
    assert_eq!(normalize_header("反 映 人*"), "反映人");
    assert_eq!(normalize_header("姓名："), "姓名");
    assert_eq!(normalize_header("诉求\r\n内容"), "诉求内容");
    let syn = Synonyms::builtin();
    assert_eq!(
        syn.field_of("户主姓名（反映人）"),
        Some((Field::Reporter, 2))
    );
    assert_eq!(syn.field_of("办理时限(工作日)"), Some((Field::Deadline, 0)));
    assert_eq!(syn.field_of("村（社区）"), Some((Field::Village, 1)));
    assert_eq!(syn.field_of("序号"), Some((Field::Number, 6)));
    assert_eq!(syn.field_of("照片"), None);
    assert_eq!(syn.field_of(""), None);
}

#[test]
fn the_header_row_is_found_below_title_rows() {
    let syn = Synonyms::builtin();
    let rows = vec![
        row(&["两河镇民生诉求台账"]),
        row(&["填报单位：青山村", "", "填报日期：2026年11月20日"]),
        row(&["序号", "村组", "户主", "电话", "反映问题", "照片"]),
        row(&["1", "青山村", "王秀英", "13812345678", "停水"]),
    ];
    let h = find_header(syn, &rows).expect("header");
    assert_eq!(h.row, 2);
    let fields: Vec<(Field, usize)> = h.columns.iter().map(|c| (c.field, c.index)).collect();
    assert_eq!(
        fields,
        [
            (Field::Number, 0),
            (Field::Village, 1),
            (Field::Reporter, 2),
            (Field::Phone, 3),
            (Field::Content, 4)
        ]
    );
    assert_eq!(h.ignored, ["照片"]);
    assert_eq!(h.header(Field::Reporter), Some("户主"));
}

#[test]
fn the_earlier_synonym_wins_when_two_columns_name_one_field() {
    let syn = Synonyms::builtin();
    let rows = vec![row(&["序号", "编号", "反映人", "内容"])];
    let h = find_header(syn, &rows).expect("header");
    assert_eq!(h.index(Field::Number), Some(1), "编号 before 序号");
    assert_eq!(h.ignored, ["序号"]);
}

#[test]
fn a_two_row_header_fills_the_columns_of_its_lower_row_from_the_upper() {
    let syn = Synonyms::builtin();
    let rows = vec![
        row(&["序号", "反映人", "诉求内容", "办理情况", "", ""]),
        row(&["", "", "", "办理结果", "销号时间", "状态"]),
        row(&["1", "王秀英", "停水", "已修复", "2026-03-12", "已销号"]),
    ];
    let h = find_header(syn, &rows).expect("header");
    assert_eq!(h.row, 1, "data starts below the lower header row");
    let fields: Vec<Field> = h.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::Number,
            Field::Reporter,
            Field::Content,
            Field::Result,
            Field::ClosedAt,
            Field::Status
        ]
    );
}

#[test]
fn prose_has_no_header_row() {
    let syn = Synonyms::builtin();
    let rows = vec![
        row(&["青山村两委会议纪要"]),
        row(&["时间：2026年10月9日"]),
        row(&["内容"]),
    ];
    assert_eq!(find_header(syn, &rows), None, "one field is not a header");
}

#[test]
fn status_satisfaction_and_flag_words() {
    let syn = Synonyms::builtin();
    assert_eq!(syn.status_of("已销号"), Some(ItemStatus::Closed));
    assert_eq!(syn.status_of(" 办理中 "), Some(ItemStatus::InProgress));
    assert_eq!(syn.status_of("已上报县"), Some(ItemStatus::Escalated));
    assert_eq!(syn.status_of("处理一下"), None);
    assert_eq!(
        syn.satisfaction_of("基本满意"),
        Some(Satisfaction::Basically)
    );
    assert_eq!(
        syn.satisfaction_of("非常满意"),
        Some(Satisfaction::Satisfied)
    );
    assert_eq!(syn.yes_no("√"), Some(true));
    assert_eq!(syn.yes_no("否"), Some(false));
    assert_eq!(syn.yes_no("也许"), None);
    assert_eq!(syn.risk_of("红色"), Some("red"));
    assert_eq!(syn.risk_of("紫"), None);
}
