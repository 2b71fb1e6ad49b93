//! The strings of the item registration form (登记事项), Chinese and English.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::tui::strings::T;

pub const TITLE_SUB: T = T(
    "反映问题 · 登记到台账（随走访一并保存）",
    "Raise a matter · registered when the visit is saved",
);
pub const TITLE_NEW: T = T("登记事项", "Register an item");

// Field labels.
pub const LEDGER: T = T("台账", "Ledger");
pub const CATEGORY: T = T("类别", "Category");
pub const SOURCE: T = T("来源", "Source");
pub const HOUSEHOLD: T = T("农户", "Household");
pub const VILLAGE: T = T("村", "Village");
pub const TITLE: T = T("标题", "Title");
pub const CONTENT: T = T("诉求内容", "Content");
pub const REPORTER: T = T("反映人", "Reporter");
pub const REPORTER_PHONE: T = T("反映人电话", "Reporter phone");
pub const LEVEL: T = T("层级", "Level");
pub const DEADLINE: T = T("办理时限", "Deadline");

pub const NOTE_HOUSEHOLD: T = T(
    "姓名/拼音首字母/电话尾号/村，可不填",
    "name / initials / phone tail / village; optional",
);
pub const NOTE_PHONE: T = T("可不填", "optional");

/// The grey note beside the deadline: what the rules give, so an override is a choice.
pub fn deadline_note(lang: Lang, days: u32, date: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("按{days}个工作日计：{date}"),
        Lang::En => format!("{days} working days: {date}"),
    }
}

/// One line of the visit form's footer for a matter that will be registered.
pub fn raised_line(
    lang: Lang,
    ledger: &str,
    category: &str,
    title: &str,
    due: NaiveDate,
) -> String {
    match lang {
        Lang::Zh => format!("将登记：{ledger}·{category} {title} 时限 {due}"),
        Lang::En => format!("To register: {ledger}·{category} {title} due {due}"),
    }
}

pub const HINT_SUB: T = T(
    "Ctrl+S 加入本次走访  Tab 下一项  ←→ 选择  Esc 返回走访表单",
    "Ctrl+S add to the visit  Tab next  ←→ choose  Esc back to the visit",
);
pub const HINT_NEW: T = T(
    "Ctrl+S 登记  Tab 下一项  ←→ 选择  Esc 取消",
    "Ctrl+S register  Tab next  ←→ choose  Esc cancel",
);
pub const KEY_SAVE_SUB: (&str, T) = (
    "Ctrl+S",
    T(
        "检查并加入本次走访（保存走访时才写入台账）",
        "check it and add it to the visit (written when the visit is saved)",
    ),
);
pub const KEY_SAVE_NEW: (&str, T) = ("Ctrl+S", T("检查并登记（挂号）", "check and register"));
pub const KEY_CHOOSE: (&str, T) = (
    "← → Space",
    T(
        "选择台账、类别、层级；换台账或类别时时限重新计算",
        "choose ledger, category, level; the deadline follows them",
    ),
);
pub const KEY_NEXT: (&str, T) = (
    "Tab Enter",
    T(
        "下一项（内容栏里回车换行）",
        "next field (Enter is a new line in the content)",
    ),
);
pub const KEY_PREV: (&str, T) = ("Shift+Tab", T("上一项", "previous field"));
pub const KEY_PICK: (&str, T) = (
    "↓ ↑ Enter",
    T("在农户候选中选择", "choose among the household suggestions"),
);
pub const KEY_CANCEL_SUB: (&str, T) = (
    "Esc",
    T(
        "放弃这一项，回到走访表单",
        "drop this matter, back to the visit",
    ),
);
pub const KEY_CANCEL: (&str, T) = (
    "Esc",
    T(
        "取消（已输入内容会先询问）",
        "cancel (asks if anything was typed)",
    ),
);

/// After a standalone registration.
pub fn registered(lang: Lang, number: &str) -> String {
    match lang {
        Lang::Zh => format!("已登记 {number}"),
        Lang::En => format!("Registered {number}"),
    }
}

pub const DRAFT_TITLE: T = T("登记事项", "Item");
pub const NOT_FOUND: T = T("没有找到", "nothing found");
