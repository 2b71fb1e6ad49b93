//! The strings of the item detail, its action forms and its edit form, in Chinese and English.

use chrono::NaiveDate;

use crate::domain::ActionKind;
use crate::i18n::Lang;
use crate::tui::strings::T;

// Field labels of the detail (short: they sit in a column).
pub const L_STATUS: T = T("状态", "Status");
pub const L_DUE: T = T("时限", "Deadline");
pub const L_DUE_DATE: T = T("到期日", "Due date");
pub const L_LEVEL: T = T("层级", "Level");
pub const L_UNIT: T = T("责任单位", "Unit");
pub const L_PERSON: T = T("责任人", "Person");
pub const L_CATEGORY: T = T("类别", "Category");
pub const L_VILLAGE: T = T("村组", "Village");
pub const L_HOUSEHOLD: T = T("农户", "Household");
pub const L_REPORTER: T = T("反映人", "Reporter");
pub const L_PHONE: T = T("电话", "Phone");
pub const L_SOURCE: T = T("来源", "Source");
pub const L_VISIT: T = T("来源走访", "Visit");
pub const L_REGISTERED: T = T("登记", "Registered");
pub const L_CONTENT: T = T("内容", "Content");
pub const L_MEASURES: T = T("解决措施", "Measures");
pub const L_RESULT: T = T("办理结果", "Result");
pub const L_REPLIED: T = T("答复日期", "Replied on");
pub const L_RETURN_VISIT: T = T("回访", "Return visit");
pub const L_CLOSED: T = T("销号", "Closed");
pub const L_NATURE: T = T("性质", "Nature");
pub const L_BENEFICIARIES: T = T("受益户数", "Households");
pub const L_CAUSES: T = T("困难原因", "Causes");
pub const L_ASSISTANCE: T = T("帮扶措施", "Assistance");
pub const L_HELPER: T = T("结对帮扶", "Helper");
pub const L_REVIEW: T = T("复核周期", "Review");
pub const L_PEOPLE: T = T("涉及人数", "People");
pub const L_RISK: T = T("风险等级", "Risk");
pub const L_LEADER: T = T("包案领导", "Leader");
pub const L_STABILISATION: T = T("稳控措施", "Stabilising");

/// `text` in brackets after a value: full-width in Chinese, " (…)" in English.
pub fn parens(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

pub const ANONYMOUS: T = T("匿名", "anonymous");
pub const PHONE_HIDDEN: T = T("（s 显示）", " (s shows)");
pub const VISIT_OPEN: T = T("（v 查看）", " (v opens)");
pub const HOUSEHOLD_OPEN: T = T("（h 查看）", " (h opens)");
pub const REGISTERED_LEVEL: T = T("登记时", "registered at");
pub const TIMELINE: T = T("办理进展", "Progress");
pub const NO_ACTIONS: T = T(
    "当前状态下没有可办理的操作",
    "No workflow action in this status",
);
pub const SCROLL_MORE: T = T("↓ 还有", "↓ more");
pub const NOTHING: T = T("（无）", "(none)");

// Messages.
pub const NO_PHONE: T = T("没有反映人电话", "There is no reporter phone");
pub const NO_HOUSEHOLD: T = T("该事项没有关联农户", "This item has no household");
pub const NO_VISIT: T = T("该事项没有来源走访", "This item has no source visit");
pub const NOT_AVAILABLE: T = T(
    "无法打开：该页面尚未提供，或记录已不存在",
    "Cannot open it: that screen is not available yet, or the record is gone",
);
pub const NO_CONFLICTS: T = T("该事项没有冲突", "This item has no conflicts");
pub const NO_CHANGES: T = T("没有修改", "Nothing changed");
pub const EDITED: T = T("已保存修改", "Changes saved");

/// "有 2 处冲突：按 m 处理".
pub fn conflicts_line(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("⚠ 有 {n} 处冲突：按 m 处理"),
        Lang::En => format!(
            "⚠ {n} conflicting field{}: press m",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// The timeline heading with its count.
pub fn timeline_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{}（{n} 条）", TIMELINE.get(lang)),
        Lang::En => format!("{} ({n})", TIMELINE.get(lang)),
    }
}

/// Details of a 交办 in the timeline.
pub fn assign_details(
    lang: Lang,
    unit: Option<&str>,
    person: Option<&str>,
    deadline: NaiveDate,
) -> String {
    let mut parts = Vec::new();
    if let Some(u) = unit.filter(|u| !u.is_empty()) {
        parts.push(format!("{}{u}", lang.pick("责任单位 ", "unit ")));
    }
    if let Some(p) = person.filter(|p| !p.is_empty()) {
        parts.push(format!("{}{p}", lang.pick("责任人 ", "person ")));
    }
    parts.push(format!("{}{deadline}", lang.pick("时限 ", "deadline ")));
    parts.join(lang.pick("，", ", "))
}

pub const D_RESULT: T = T("办理结果：", "result: ");
pub const D_SATISFACTION: T = T("满意度：", "satisfaction: ");
pub const D_REASON: T = T("理由：", "reason: ");
pub const D_ESCALATE: T = T("上报至", "escalated to ");
pub const D_DEFER: T = T("暂缓原因：", "reason: ");

// The action forms.
pub const F_UNIT: T = T("责任单位", "Unit");
pub const F_PERSON: T = T("责任人", "Person");
pub const F_DEADLINE: T = T("办理时限", "Deadline");
pub const F_NOTE: T = T("备注", "Note");
pub const F_PROGRESS: T = T("进展情况", "Progress");
pub const F_RESULT: T = T("办理结果", "Result");
pub const F_SATISFACTION: T = T("满意度", "Satisfaction");
pub const F_RETURN_NOTE: T = T("回访情况", "What was said");
pub const F_REASON: T = T("理由", "Reason");
pub const F_CLOSE_REASON: T = T("销号理由", "Reason");
pub const F_DEFER_REASON: T = T("政策原因", "Policy reason");
pub const F_LEVEL: T = T("上报至", "Escalate to");
pub const NOW_STATUS: T = T("当前：", "Now: ");
pub const DUE_ON: T = T("到期 ", "due ");
pub const DEADLINE_NOTE: T = T("如 2026-03-16", "e.g. 2026-03-16");
pub const UNSATISFIED_NOTE: T = T("不满意将转为重办", "unsatisfied reopens the item");
pub const CLOSE_OPTIONAL: T = T(
    "已回访满意，可不填",
    "satisfied return visit: may stay empty",
);
pub const CLOSE_NEEDS_REASON: T = T(
    "未经满意回访，须写明理由",
    "no satisfied return visit: give the reason",
);
pub const DEFERRED_NEEDS_REPLY: T = T(
    "填写向群众作出的合理答复",
    "the explanation given to the resident",
);

/// The action form's title: "交办：两河-2026-0042 赤石组饮水管道破裂".
pub fn action_title(lang: Lang, kind: ActionKind, number: &str, title: &str) -> String {
    format!(
        "{}{}{number} {title}",
        kind.label(lang),
        lang.pick("：", ": ")
    )
}

/// What the status line says after an action was saved.
pub fn saved_message(lang: Lang, kind: ActionKind, reopened: bool) -> String {
    let t = match kind {
        ActionKind::Register => T("已挂号", "Registered"),
        ActionKind::Assign => T("已交办", "Assigned"),
        ActionKind::Progress => T("已记录进展", "Progress recorded"),
        ActionKind::Answer => T("已办结，待回访", "Answered; awaiting the return visit"),
        ActionKind::ReturnVisit if reopened => T(
            "已回访：群众不满意，事项转为重办",
            "Return visit recorded: unsatisfied, the item is reopened",
        ),
        ActionKind::ReturnVisit => T("已回访", "Return visit recorded"),
        ActionKind::Close => T("已销号", "Closed"),
        ActionKind::Reopen => T("已重办", "Reopened"),
        ActionKind::Escalate => T("已上报", "Escalated"),
        ActionKind::Defer => T("已暂缓", "Deferred"),
    };
    t.get(lang).to_owned()
}

// The edit form.
pub const E_TITLE: T = T("标题", "Title");
pub const E_CONTENT: T = T("内容", "Content");
pub const E_CATEGORY: T = T("类别", "Category");
pub const E_REPORTER: T = T("反映人", "Reporter");
pub const E_PHONE: T = T("反映人电话", "Reporter phone");
pub const E_ANONYMOUS: T = T("匿名", "Anonymous");
pub const E_MEASURES: T = T("解决措施", "Measures");
pub const E_NATURE: T = T("诉求性质", "Nature");
pub const E_BENEFICIARIES: T = T("受益户数", "Households");
pub const E_HELPER: T = T("结对帮扶人", "Helper");
pub const E_REVIEW: T = T("复核周期", "Review cycle");
pub const E_PEOPLE: T = T("涉及人数", "People involved");
pub const E_RISK: T = T("风险等级", "Risk level");
pub const E_LEADER: T = T("包案领导", "Leader in charge");
pub const E_STABILISATION: T = T("稳控措施", "Stabilising");
pub const PHONE_NOTE: T = T("11 位手机号", "11-digit mobile");
/// The note of the phone field while the number stays masked.
pub fn phone_kept(lang: Lang, masked: &str) -> String {
    match lang {
        Lang::Zh => format!("原号码 {masked}，留空不改"),
        Lang::En => format!("now {masked}; empty keeps it"),
    }
}
pub const COUNT_NOTE: T = T("整数", "whole number");

/// "编辑：两河-2026-0042".
pub fn edit_title(lang: Lang, number: &str) -> String {
    format!("{}{number}", lang.pick("编辑：", "Edit: "))
}

/// The grey note of a field in conflict: its competing values.
pub fn conflict_note(lang: Lang, values: &[String]) -> String {
    format!(
        "{}{}",
        lang.pick("⚠ 冲突：", "⚠ conflict: "),
        values.join(" | ")
    )
}

/// A conflict note for a multi-line field, shown under the form (it has no note column).
pub fn conflict_footer(lang: Lang, label: &str, values: &[String]) -> String {
    format!("⚠ {label}{}{}", lang.pick("：", ": "), values.join(" | "))
}

pub const YES: T = T("是", "yes");
pub const NO: T = T("否", "no");
pub const EMPTY: T = T("（空）", "(empty)");

// Key hints and the `?` overlay.
pub const HINT_DETAIL: T = T(
    "↑↓ 滚动  h 农户  v 走访  s 显示电话  m 冲突  e 编辑  Esc 返回  ? 帮助",
    "↑↓ scroll h household v visit s show phone m conflicts e edit Esc back ? help",
);

pub const KEYS_DETAIL: &[(&str, T)] = &[
    ("↑↓ PgUp PgDn", T("滚动 / 翻页", "scroll / page")),
    ("Home End", T("到开头 / 结尾", "top / bottom")),
    (
        "a p b f",
        T(
            "交办（责任人、时限）· 进展 · 办结 · 回访",
            "assign (who, deadline) · progress · answer · return visit",
        ),
    ),
    (
        "x o u z",
        T(
            "销号 · 重办 · 上报 · 暂缓（只显示当前可办理的）",
            "close · reopen · escalate · defer (shown when allowed)",
        ),
    ),
    ("e", T("编辑事项内容", "edit the item's fields")),
    (
        "h  v",
        T(
            "打开关联农户 / 来源走访",
            "open the household / the source visit",
        ),
    ),
    (
        "s",
        T(
            "显示 / 隐藏反映人电话（显示记入查阅日志）",
            "show / hide the reporter phone (showing is logged)",
        ),
    ),
    ("m", T("处理冲突", "resolve conflicts")),
    ("r", T("重新读取", "reload")),
    (
        "鼠标 mouse",
        T(
            "点击操作栏执行，滚轮滚动",
            "click the action bar, wheel scrolls",
        ),
    ),
    ("Esc", T("返回", "back")),
    ("?", T("显示 / 关闭本帮助", "show / hide this help")),
];

pub const HINT_FORM: T = T(
    "Ctrl+S 保存  Esc 取消  Tab/Enter 下一项  ←→/空格 选择",
    "Ctrl+S save  Esc cancel  Tab/Enter next  ←→/Space choose",
);

pub const KEYS_FORM: &[(&str, T)] = &[
    ("Ctrl+S", T("保存", "save")),
    (
        "Esc",
        T(
            "取消（有修改时先确认）",
            "cancel (asks if anything was typed)",
        ),
    ),
    ("Tab  Enter", T("下一项", "next field")),
    ("Shift+Tab", T("上一项", "previous field")),
    ("← →  空格", T("切换选项 / 勾选", "change a choice / tick")),
];
