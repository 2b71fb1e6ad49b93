//! The strings of the 民情日志 and 农户 lists, in Chinese and English (kept next to
//! `strings.rs` so every user-visible text stays in one kind of place).

use crate::i18n::Lang;
use crate::tui::strings::{self as s, T};

pub const DIARY_TITLE: T = T("民情日志", "Diary");
pub const HOUSEHOLDS_TITLE: T = T("农户", "Households");
pub const NO_VISITS: T = T("还没有走访记录。", "No visits recorded yet.");
pub const NO_HOUSEHOLDS: T = T("没有农户。", "No households.");
pub const ALL_VILLAGES: T = T("全部村", "all villages");

// Column headings.
pub const COL_DATE: T = T("日期", "Date");
pub const COL_KIND: T = T("方式", "Kind");
pub const COL_WHO: T = T("农户/地点", "Who/where");
pub const COL_HEARD: T = T("民情摘要", "Notes");
pub const COL_HEAD: T = T("户主", "Head");
pub const COL_VILLAGE: T = T("村", "Village");
pub const COL_GROUP: T = T("组", "Group");
pub const COL_PHONE: T = T("电话", "Phone");
pub const COL_TAGS: T = T("标签", "Tags");

// Key hints (bottom bar) and the help overlay.
pub const HINT_DIARY: T = T(
    "1-8 切换  ↑↓ 选择  Enter 查看  n 新走访  / 搜索  r 刷新  ? 帮助  q 退出",
    "1-8 tabs ↑↓ select Enter open n new visit / search r reload ? help q quit",
);
pub const HINT_HOUSEHOLDS: T = T(
    "1-8 切换  ↑↓ 选择  Enter 查看  n 新建农户  / 搜索  v 按村  ? 帮助  q 退出",
    "1-8 tabs ↑↓ select Enter open n new household / search v village ? help q quit",
);
pub const KEY_OPEN_VISIT: (&str, T) = ("Enter", T("查看所选走访记录", "open the selected visit"));
pub const KEY_NEW_VISIT: (&str, T) = ("n", T("新建走访记录", "record a new visit"));
pub const KEY_OPEN_HOUSEHOLD: (&str, T) = (
    "Enter",
    T(
        "查看农户：成员、走访、事项",
        "open the household: members, visits, items",
    ),
);
pub const KEY_NEW_HOUSEHOLD: (&str, T) = ("n", T("新建农户", "add a household"));
/// `/` on the diary: full-text search of the notes.
pub const KEY_SEARCH_NOTES: (&str, T) = (
    "/",
    T(
        "搜索走访记录（边输边搜，1 个字起；回车确定，Esc 清除）",
        "search the notes as you type (from 1 character; Enter keeps, Esc clears)",
    ),
);
/// `/` on the households: the picker's terms.
pub const KEY_SEARCH_HOUSEHOLDS: (&str, T) = (
    "/",
    T(
        "查找农户：姓名、拼音首字母（如 wk）、电话后几位、村名",
        "find: name, pinyin initials (e.g. wk), phone tail, village",
    ),
);
pub const KEY_VILLAGE: (&str, T) = (
    "v",
    T(
        "按村筛选：全部 → 各村 → 全部",
        "village filter: all → each village → all",
    ),
);
pub const KEY_MORE: (&str, T) = (
    "↓ …",
    T(
        "移到「还有更多」行即加载下一页",
        "moving onto the \"more\" line loads the next page",
    ),
);
pub const HELP_DIARY: &[(&str, T)] = &[
    s::KEY_TABS,
    s::KEY_MOVE,
    s::KEY_PAGE,
    s::KEY_ENDS,
    KEY_MORE,
    KEY_OPEN_VISIT,
    KEY_NEW_VISIT,
    KEY_SEARCH_NOTES,
    s::KEY_REFRESH,
    s::KEY_MOUSE,
    s::KEY_HELP,
    s::KEY_QUIT,
];
pub const HELP_HOUSEHOLDS: &[(&str, T)] = &[
    s::KEY_TABS,
    s::KEY_MOVE,
    s::KEY_PAGE,
    s::KEY_ENDS,
    KEY_MORE,
    KEY_OPEN_HOUSEHOLD,
    KEY_NEW_HOUSEHOLD,
    KEY_SEARCH_HOUSEHOLDS,
    KEY_VILLAGE,
    s::KEY_REFRESH,
    s::KEY_MOUSE,
    s::KEY_HELP,
    s::KEY_QUIT,
];

/// The title/count line: "民情日志 · 第 1–19 条 / 已载 50 条，还有更多".
/// `first..=last` are the 1-based rows on screen, `loaded` the rows read so far.
pub fn count_line(
    lang: Lang,
    title: &str,
    first: usize,
    last: usize,
    loaded: usize,
    more: bool,
) -> String {
    match lang {
        Lang::Zh => {
            let tail = if more {
                "，还有更多"
            } else {
                "，已全部显示"
            };
            format!("{title} · 第 {first}–{last} 条 / 已载 {loaded} 条{tail}")
        }
        Lang::En => {
            let tail = if more { ", more follow" } else { ", all shown" };
            format!("{title} · rows {first}–{last} of {loaded} loaded{tail}")
        }
    }
}
