//! The strings of the visit form (走访记录) and the visit detail, Chinese and English.

use crate::i18n::Lang;
use crate::tui::strings::T;

pub const TITLE_NEW: T = T("新建走访记录", "New visit");

// Field labels (the detail screen uses them too).
pub const DATE: T = T("日期", "Date");
pub const KIND: T = T("类型", "Kind");
pub const HOUSEHOLDS: T = T("走访农户", "Households");
pub const PLACE: T = T("地点", "Place");
pub const CADRES: T = T("参加干部", "Cadres present");
pub const HEARD: T = T("走访记录", "Notes");
pub const FAMILY: T = T("家庭情况", "Family situation");
pub const FOLLOW_UP: T = T("后续计划", "Follow-up");
pub const CONFIRMED_BY: T = T("群众确认人", "Confirmed by");
pub const CONFIRMED: T = T("群众已确认", "Confirmed");
pub const VILLAGE: T = T("村", "Village");
pub const RECORDED: T = T("记录人", "Recorded by");

pub const NOTE_DATE: T = T("如 2026-03-05，不晚于今天", "YYYY-MM-DD, not after today");
pub const NOTE_HOUSEHOLDS: T = T("姓名/首字母wk/电话尾号/村", "name/wk/phone tail/village");
pub const NOTE_PLACE: T = T("未选农户时必填", "needed if no household");
pub const NOTE_CADRES: T = T("姓名或拼音首字母", "name or initials");

/// The footer line when nothing is raised yet.
pub const FOOTER_RAISE: T = T(
    "Ctrl+R 反映问题：登记到台账（随走访一并保存）",
    "Ctrl+R raise a matter: register it in a ledger with this visit",
);
/// The footer line under raised matters.
pub const FOOTER_MORE: T = T(
    "Ctrl+R 再登记一项 · Ctrl+D 删去最后一项",
    "Ctrl+R raise another · Ctrl+D drop the last one",
);

pub const HINT_FORM: T = T(
    "Ctrl+S 保存  Ctrl+R 登记事项  Ctrl+D 删末项  Tab 下一项  Esc 取消",
    "Ctrl+S save  Ctrl+R raise  Ctrl+D drop last  Tab next  Esc cancel",
);
pub const KEY_SAVE: (&str, T) = (
    "Ctrl+S",
    T(
        "保存走访记录，同时登记所列事项（任一项有误则都不保存）",
        "save the visit and register the listed matters (all or nothing)",
    ),
);
pub const KEY_RAISE: (&str, T) = (
    "Ctrl+R",
    T(
        "反映问题：登记一项到民生/困难/稳定台账",
        "raise a matter: register an item in a ledger",
    ),
);
pub const KEY_DROP: (&str, T) = (
    "Ctrl+D",
    T("删去最后一项待登记事项", "drop the last matter to register"),
);
pub const KEY_NEXT: (&str, T) = (
    "Tab  Enter",
    T(
        "下一项（记录栏里回车换行，用 Tab 离开）",
        "next field (Enter is a new line in notes; Tab leaves)",
    ),
);
pub const KEY_PREV: (&str, T) = ("Shift+Tab", T("上一项", "previous field"));
pub const KEY_PICK: (&str, T) = (
    "↓ ↑ Enter",
    T(
        "在候选中选择；输入框为空时退格删去最后一个",
        "choose a suggestion; Backspace in an empty box unpicks the last",
    ),
);
pub const KEY_CHOOSE: (&str, T) = (
    "← → Space",
    T("选择类型、勾选确认", "choose kind, tick confirmed"),
);
pub const KEY_CANCEL: (&str, T) = (
    "Esc",
    T(
        "取消（已输入内容会先询问）",
        "cancel (asks if anything was typed)",
    ),
);

/// After the visit is saved.
pub fn saved(lang: Lang, numbers: &[String]) -> String {
    match (lang, numbers.is_empty()) {
        (Lang::Zh, true) => "已保存走访记录".to_owned(),
        (Lang::Zh, false) => format!("已保存走访记录，登记 {}", numbers.join("、")),
        (Lang::En, true) => "Visit saved".to_owned(),
        (Lang::En, false) => format!("Visit saved; registered {}", numbers.join(", ")),
    }
}

pub const DRAFT_TITLE: T = T("走访记录", "Visit");

// The detail screen.
pub const DETAIL_TITLE: T = T("走访记录", "Visit");
/// The heading over the items raised at a visit.
pub fn raised_head(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("由此登记的事项（{n}）"),
        Lang::En => format!("Items raised at this visit ({n})"),
    }
}
pub const NO_RAISED: T = T("（本次走访未登记事项）", "(no items were raised)");
pub const YES_CONFIRMED: T = T("已确认", "confirmed");
pub const NOT_CONFIRMED: T = T("未确认", "not confirmed");
pub const DUE: T = T("时限", "due");
pub const NO_ITEM_SCREEN: T = T(
    "事项详情页面尚未提供",
    "The item screen is not available yet",
);
pub const DETAIL_KEYS: T = T(
    " ↑↓ 选择事项 · Enter 打开 · Esc 返回 ",
    " ↑↓ select item · Enter open · Esc back ",
);
pub const HINT_DETAIL: T = T(
    "↑↓ 选择事项  Enter 打开事项  PgUp/PgDn 滚动  Esc 返回  ? 帮助",
    "↑↓ select item  Enter open item  PgUp/PgDn scroll  Esc back  ? help",
);
pub const KEY_SELECT: (&str, T) = ("↑ ↓  k j", T("选择由此登记的事项", "select a raised item"));
pub const KEY_OPEN: (&str, T) = ("Enter", T("打开所选事项", "open the selected item"));
pub const KEY_SCROLL: (&str, T) = ("PgUp PgDn", T("滚动", "scroll"));
pub const KEY_BACK: (&str, T) = ("Esc", T("返回", "back"));
