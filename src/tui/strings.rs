//! Every user-visible string of the terminal UI, in Chinese and English, in one place (SPEC §4).

use crate::i18n::Lang;
use crate::store::today::TodayCounts;

/// One fixed text in both languages; `.get(lang)` picks one.
#[derive(Debug, Clone, Copy)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.0,
            Lang::En => self.1,
        }
    }
}

/// Tab names, in tab order (the number key is the position + 1).
pub const TABS: [T; 8] = [
    T("今日", "Today"),
    T("民情日志", "Diary"),
    T("民生", "Livelihood"),
    T("困难", "Hardship"),
    T("稳定", "Stability"),
    T("农户", "Households"),
    T("统计", "Stats"),
    T("同步", "Sync"),
];

pub const APP_TITLE: T = T("民情日志", "minqing");
pub const TOO_SMALL: T = T(
    "窗口太小，请放大到至少 80×24",
    "Window too small: enlarge it to at least 80×24",
);
/// Shown on tabs whose screen is not built yet; honest about it rather than pretending.
pub const NOT_YET: T = T(
    "此页面将在后续版本提供；统计数字目前可用命令 minqing stats 查看。",
    "This screen comes in a later version; for now, minqing stats prints the figures.",
);
pub const NO_IDENTITY: T = T(
    "本机尚未设置使用人：请先运行 minqing init（或用 minqing demo 试用演示数据）。",
    "This device has no user yet: run minqing init first (or try minqing demo).",
);
pub const LOAD_FAILED: T = T("读取数据失败：", "Could not read the data: ");

// 今日 sections.
pub const SEC_URGENT: T = T("我的超期和临期事项", "My overdue and due-soon items");
pub const SEC_AWAITING: T = T("待回访", "Awaiting return visit");
pub const SEC_NOT_VISITED: T = T("30天未走访的包户", "My households not visited in 30 days");
pub const NONE: T = T("（无）", "(none)");
pub const MORE: T = T(
    "… 还有更多（选中此行加载）",
    "… more (select this line to load)",
);
pub const NEVER_VISITED: T = T("从未走访", "never visited");
pub const LAST_VISIT: T = T("上次走访 ", "last visit ");
pub const REPLIED: T = T("已办结", "answered");

// Key hints (bottom bar) and the help overlay.
pub const HINT_TODAY: T = T(
    "1-8 切换  ↑↓ 选择  Enter 打开  n 新走访  c 冲突  r 刷新  ? 帮助  q 退出",
    "1-8 tabs ↑↓ select Enter open n new visit c conflicts r reload ? help q quit",
);
pub const KEY_OPEN: (&str, T) = (
    "Enter",
    T("打开所选事项或农户", "open the selected item or household"),
);
pub const KEY_NEW_VISIT: (&str, T) = ("n", T("新建走访记录", "record a new visit"));
pub const KEY_TODAY_CONFLICTS: (&str, T) =
    ("c", T("查看并处理冲突", "review and resolve conflicts"));
pub const HINT_OTHER: T = T("1-8 切换  ? 帮助  q 退出", "1-8 tabs  ? help  q quit");
pub const HELP_TITLE: T = T(" 按键说明（? 或 Esc 关闭） ", " Keys (? or Esc closes) ");
pub const KEY_TABS: (&str, T) = ("1 … 8", T("切换页面", "switch tab"));
pub const KEY_MOVE: (&str, T) = ("↑ ↓  k j", T("上下移动选择", "move the selection"));
pub const KEY_PAGE: (&str, T) = ("PgUp PgDn", T("翻页", "page up / down"));
pub const KEY_ENDS: (&str, T) = ("Home End", T("到第一行 / 最后一行", "first / last line"));
pub const KEY_REFRESH: (&str, T) = ("r", T("刷新数据", "reload the data"));
pub const KEY_HELP: (&str, T) = ("?  F1", T("显示 / 关闭本帮助", "show / hide this help"));
pub const KEY_QUIT: (&str, T) = ("q  Ctrl+C", T("退出", "quit"));
pub const KEY_MOUSE: (&str, T) = (
    "鼠标 mouse",
    T(
        "点击页签或行选中，滚轮滚动",
        "click a tab or line to select it, wheel scrolls",
    ),
);

/// The 今日 header counts of SPEC §4 screen 1, one part per number; the screen joins them
/// with " · " and wraps between parts, never inside one.
pub fn counts_parts(lang: Lang, c: &TodayCounts) -> Vec<String> {
    let labels: [(T, u64); 6] = [
        (T("超期", "overdue"), c.overdue),
        (T("临期", "due soon"), c.due_soon),
        (T("待回访", "to revisit"), c.awaiting_return_visit),
        (T("30天未走访", "unvisited 30d"), c.not_visited_30_days),
        (T("冲突", "conflicts"), c.conflicts),
        (T("未导出变更", "unexported changes"), c.unexported),
    ];
    labels
        .iter()
        .map(|(t, n)| format!("{} {n}", t.get(lang)))
        .collect()
}

/// "王秀英 · 2026-11-24": whose day the 今日 screen shows.
pub fn whoami(name: &str, today: chrono::NaiveDate) -> String {
    format!("{name} · {today}")
}

/// After `whoami` once bundles were exchanged: "上次同步 2026-11-20 10:00".
pub const LAST_EXCHANGE: T = T("上次同步 ", "last sync ");

/// A section title with how many rows it has (and "+" if more follow).
pub fn section(lang: Lang, title: T, shown: usize, more: bool) -> String {
    let plus = if more { "+" } else { "" };
    match lang {
        Lang::Zh => format!("{}（{shown}{plus}）", title.get(lang)),
        Lang::En => format!("{} ({shown}{plus})", title.get(lang)),
    }
}

/// Enter on something deleted meanwhile (e.g. by an import).
pub const GONE: T = T("该记录已不存在", "That record no longer exists");
/// A tab key while a form has unsaved text.
pub const FORM_OPEN: T = T(
    "表单尚未保存：Ctrl+S 保存，Esc 取消",
    "A form is not saved: Ctrl+S to save, Esc to cancel",
);
/// A draft whose form cannot be reopened (its record was deleted).
pub const DRAFT_GONE: T = T(
    "无法恢复此草稿（相关记录已不存在），可按 d 丢弃",
    "This draft cannot be reopened (its record is gone); press d to discard it",
);
pub const QUIT_UNSAVED: T = T(
    "有未保存的表单。y 退出（草稿保留，下次启动可恢复）   其他键 返回",
    "A form is not saved.  y quit (the draft is kept for next start)   any other key: back",
);
pub const DRAFT_FOUND: T = T("发现上次未保存的表单", "A form was left unsaved last time");
pub const DRAFT_KEYS: T = T(
    "Enter 恢复   d 丢弃   Esc 以后再说",
    "Enter restore   d discard   Esc later",
);
