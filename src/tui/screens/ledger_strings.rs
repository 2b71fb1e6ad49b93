//! The strings of the three ledger screens (民生 / 困难 / 稳定), Chinese and English.

use crate::i18n::Lang;
use crate::tui::strings::T;

// Column headers.
pub const COL_NUMBER: T = T("编号", "No.");
pub const COL_VILLAGE: T = T("村", "Village");
pub const COL_REPORTER: T = T("反映人", "Reporter");
pub const COL_PHONE: T = T("电话", "Phone");
pub const COL_CATEGORY: T = T("类别", "Category");
pub const COL_TITLE: T = T("标题", "Title");
pub const COL_STATUS: T = T("状态", "Status");
pub const COL_DUE: T = T("时限", "Deadline");
pub const COL_NATURE: T = T("性质", "Nature");
pub const COL_BENEFICIARIES: T = T("受益户数", "Households");
pub const COL_CAUSES: T = T("困难原因", "Causes");
pub const COL_RISK: T = T("风险", "Risk");
pub const COL_PEOPLE: T = T("涉及人数", "People");

// The filter line.
pub const FILTER: T = T("筛选", "Filters");
pub const F_VILLAGE: T = T("村", "village");
pub const F_CATEGORY: T = T("类别", "category");
pub const F_STATUS: T = T("状态", "status");
pub const F_LEVEL: T = T("层级", "level");
pub const F_CADRE: T = T("责任人", "cadre");
pub const F_OVERDUE: T = T("仅超期", "overdue only");
pub const ANY: T = T("全部", "all");

pub const NO_ROWS: T = T("没有符合筛选条件的事项", "No items match the filters");

/// "第 1–50 条，后面还有" / "rows 1–50, more follow".
pub fn rows_shown(lang: Lang, first: usize, last: usize, more: bool) -> String {
    match (lang, more) {
        (Lang::Zh, true) => format!("第 {first}–{last} 条，后面还有"),
        (Lang::Zh, false) => format!("第 {first}–{last} 条，已到末尾"),
        (Lang::En, true) => format!("rows {first}–{last}, more follow"),
        (Lang::En, false) => format!("rows {first}–{last}, end of list"),
    }
}

/// The bottom bar on a ledger screen.
pub const HINT_LEDGER: T = T(
    "Enter 查看 n 登记 / 搜索 v 村 c 类别 s 状态 l 层级 o 超期 x 清除 ? 帮助 q 退出",
    "Enter open n new / find v village c category s status l level o overdue x reset",
);

/// The bottom bar on a ledger screen.
pub const fn hint() -> T {
    HINT_LEDGER
}

/// The ledger keys for the `?` overlay (the app adds its own: tabs, help, quit).
pub const HELP_LEDGER: &[(&str, T)] = &[
    ("↑ ↓  k j", T("上下移动选择", "move the selection")),
    ("PgUp PgDn", T("翻页", "page up / down")),
    ("Home End", T("到第一行 / 最后一行", "first / last line")),
    (
        "Enter",
        T(
            "查看事项：全部信息、办理记录、交办/办结/回访/销号等操作",
            "open the item: fields, timeline, assign/answer/return visit/close…",
        ),
    ),
    (
        "n",
        T(
            "登记新事项（来访、电话、转办等）",
            "register a new item (walk-in, phone, referral…)",
        ),
    ),
    (
        "/",
        T(
            "全文搜索（边输边搜，1 个字起；回车确定，Esc 清除）",
            "full-text search as you type (from 1 character; Enter keeps, Esc clears)",
        ),
    ),
    ("v", T("按村筛选（依次切换）", "filter by village (cycles)")),
    (
        "c",
        T("按类别筛选（依次切换）", "filter by category (cycles)"),
    ),
    (
        "s",
        T("按状态筛选（依次切换）", "filter by status (cycles)"),
    ),
    (
        "l",
        T(
            "按层级筛选：村/镇/县",
            "filter by level: village/township/county",
        ),
    ),
    (
        "o",
        T("只看超期事项（开/关）", "overdue items only (on/off)"),
    ),
    ("x", T("清除全部筛选", "clear every filter")),
];
