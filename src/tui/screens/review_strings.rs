//! The strings of the review queue (核验) and its audit list, in Chinese and English.

use crate::i18n::Lang;
use crate::tui::strings::T;

pub const QUEUE: T = T("待核验", "To verify");
pub const AUDIT: T = T("强制销号", "Closed by override");
pub const READ_ONLY: T = T(
    "只读：核验、销号由镇党政办或县里办理",
    "read-only: the township office or the county verifies and closes",
);
pub const SWITCH: T = T("Tab 切换", "Tab switches");

/// "待核验 12 件" / "To verify: 12": a list's name with its size.
pub fn count(lang: Lang, t: T, n: u64) -> String {
    match lang {
        Lang::Zh => format!("{} {n} 件", t.get(lang)),
        Lang::En => format!("{}: {n}", t.get(lang)),
    }
}

// Column heads.
pub const COL_NUMBER: T = T("编号", "Number");
pub const COL_TITLE: T = T("事项", "Item");
pub const COL_VILLAGE: T = T("村", "Village");
pub const COL_RESPONSIBLE: T = T("责任人", "Handled by");
pub const COL_ANSWERED: T = T("办结", "Reply");
pub const COL_WAITING: T = T("已等", "Wait");
pub const COL_RETURN_VISIT: T = T("回访", "Return visit");
pub const COL_CLOSED: T = T("销号时间", "Closed");
pub const COL_CLOSED_BY: T = T("销号人", "Closed by");
pub const COL_REASON: T = T("销号理由", "Reason");

/// "17天" / "17 d": days since the answer.
pub fn days(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh => format!("{n}天"),
        Lang::En => format!("{n} d"),
    }
}

pub const NOT_VISITED: T = T("待回访", "not yet");
pub const READING: T = T("正在读取…", "Reading…");
pub const EMPTY_QUEUE: T = T(
    "没有待核验的事项：已办结的事项会出现在这里",
    "Nothing to verify: answered items appear here",
);
pub const EMPTY_AUDIT: T = T(
    "没有强制销号的事项（未经满意回访而凭理由销号的事项列在这里）",
    "No item was closed by override (closed on a reason without a satisfied return visit)",
);

// The pane under the list: the selected item.
pub const D_RESULT: T = T("办理结果：", "Result: ");
pub const D_RETURN_VISIT: T = T("回访：", "Return visit: ");
pub const D_NO_RETURN_VISIT: T = T(
    "尚未回访。销号须先回访群众满意，或写明强制销号理由",
    "not yet. Closing needs a satisfied one, or an override reason",
);
pub const D_REASON: T = T("销号理由：", "Reason: ");
pub const D_CLOSED: T = T("销号：", "Closed: ");
pub const D_NOTE: T = T("备注：", "note: ");

/// The status line after leaving the queue with something done.
pub fn left_message(lang: Lang, queue: u64) -> String {
    match lang {
        Lang::Zh => format!("核验：还有 {queue} 件待核验"),
        Lang::En => format!("Review: {queue} left to verify"),
    }
}

/// On 今日 for the office and the county: "待核验 12 件（r 查看）".
pub fn today_part(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Zh => format!("待核验 {n} 件（r 查看）"),
        Lang::En => format!("to verify {n} (r)"),
    }
}

// Keys.
pub const HINT: T = T(
    "Tab 切换  ↑↓ 选择  Enter 打开  x 销号  o 重办  u 上报  f 回访  r 刷新  Esc 返回",
    "Tab list ↑↓ Enter open x close o send back u escalate f revisit r reload Esc",
);
pub const HINT_READ_ONLY: T = T(
    "Tab 切换  ↑↓ 选择  Enter 打开  r 刷新  Esc 返回  （只读）",
    "Tab list  ↑↓ select  Enter open  r reload  Esc back  (read-only)",
);
pub const KEYS: &[(&str, T)] = &[
    (
        "Tab  ← →",
        T(
            "切换：待核验 / 强制销号（审计）",
            "switch: to verify / closed by override (audit)",
        ),
    ),
    ("↑ ↓  k j", T("选择事项", "select an item")),
    ("PgUp PgDn", T("翻页", "page up / down")),
    ("Home End", T("第一件 / 最后一件", "first / last item")),
    ("Enter", T("打开事项详情", "open the item's detail")),
    (
        "x",
        T(
            "销号：已回访满意可直接销号，否则须写强制销号理由",
            "close: after a satisfied return visit, else on a reason",
        ),
    ),
    (
        "o",
        T(
            "重办：退回责任人重新办理，须写理由（随下次同步包送到干部电脑）",
            "send back with a reason (reaches the cadre in the next bundle)",
        ),
    ),
    (
        "u",
        T(
            "上报：提高层级（村→镇→县）",
            "escalate: village → township → county",
        ),
    ),
    (
        "f",
        T(
            "回访：记录群众满意度",
            "return visit: record the satisfaction",
        ),
    ),
    ("r", T("刷新", "reload")),
    ("Esc", T("返回", "back")),
    ("?  F1", T("显示 / 关闭本帮助", "show / hide this help")),
];

/// 今日's key bar for the office and the county: `r` opens the review queue.
pub const HINT_TODAY: T = T(
    "1-8 切换  ↑↓ 选择  Enter 打开  n 新走访  c 冲突  r 核验  ? 帮助  q 退出",
    "1-8 tabs ↑↓ select Enter open n new visit c conflicts r review ? help q quit",
);
/// On 统计 `r` stays "reload" (the figures); the queue is `h` (核).
pub const KEY_STATS_REVIEW: (&str, T) = ("h", KEY_TODAY_REVIEW.1);
pub const KEY_TODAY_REVIEW: (&str, T) = (
    "r",
    T(
        "核验：待核验事项和强制销号审计",
        "review: items to verify, and the override-close audit",
    ),
);
