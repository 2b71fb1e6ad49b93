//! The strings of tab 7 统计 (the dashboard), of its period form and of the ledger list it
//! opens, Chinese and English.

use super::dashboard_table::{days, pct};
use crate::i18n::Lang;
use crate::store::dashboard::Figures;
use crate::tui::strings::{self as s, T};

pub const TITLE: T = T("统计", "Dashboard");
pub const PERIOD: T = T("期间", "period");
pub const VILLAGE: T = T("村", "village");
pub const ALL: T = T("全部", "all");
pub const AS_OF: T = T("截至", "as of");

/// The panes, in Tab order.
pub const PANES: [T; 4] = [
    T("按村", "Villages"),
    T("按干部", "Cadres"),
    T("图表", "Charts"),
    T("最早未办结", "Oldest open"),
];

// Table columns.
pub const COL_NAME_VILLAGE: T = T("村", "Village");
pub const COL_NAME_CADRE: T = T("干部", "Cadre");
pub const COL_HOUSEHOLDS: T = T("户数", "Homes");
pub const COL_VISITED: T = T("已走访", "Seen");
pub const COL_VISITED_RATE: T = T("覆盖率", "Cover");
pub const COL_HOUSEHOLD_VISITS: T = T("户次", "Visits");
pub const COL_OPENED: T = T("登记", "New");
pub const COL_OPEN: T = T("在办", "Open");
pub const COL_OVERDUE: T = T("超期", "Late");
pub const COL_CLOSED: T = T("销号", "Closed");
pub const COL_CLOSURE: T = T("办结率", "Done");
pub const COL_MEDIAN: T = T("用时", "Days");
pub const COL_SATISFACTION: T = T("满意率", "Satisf");

pub const UNASSIGNED: T = T("（未指定）", "(no cadre)");
pub const UNKNOWN_CADRE: T = T("（未知干部）", "(unknown cadre)");
pub const NO_VILLAGES: T = T("（没有村）", "(no villages)");
pub const NOTHING: T = T("（无）", "(none)");

// Charts.
pub const BY_LEDGER: T = T(
    "按台账 · 期内登记（已销号）",
    "By ledger · registered (closed)",
);
pub const BY_CATEGORY: T = T("按类别 · 期内登记", "By category · registered");
pub const TREND: T = T(
    "近12周 · 每周登记与销号",
    "Last 12 weeks · registered and closed",
);
pub const TREND_REGISTERED: T = T("登记", "new");
pub const TREND_CLOSED: T = T("销号", "closed");
pub const TREND_MAX: T = T("最多", "max");
pub const TREND_THIS_WEEK: T = T("末周", "last");

// Oldest open items.
pub const OLDEST_TITLE: T = T(
    "最早登记、尚未销号的事项",
    "Open items registered longest ago",
);
pub const COL_NUMBER: T = T("编号", "No.");
pub const COL_VILLAGE: T = T("村", "Village");
pub const COL_TITLE: T = T("标题", "Title");
pub const COL_REGISTERED: T = T("登记日期", "Registered");
pub const COL_AGE: T = T("已历时", "Age");
pub const COL_STATUS: T = T("状态", "Status");

/// "3个工作日" / "3 wd".
pub fn working_days(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh => format!("{n}个工作日"),
        Lang::En => format!("{n} wd"),
    }
}

/// The whole scope's figures as segments of the headline, most important first (the screen
/// leaves out from the end what does not fit); `true` marks the overdue count.
pub fn figures(lang: Lang, t: &Figures, records: u64) -> Vec<(String, bool)> {
    let (cover, closure, satisfied) = (
        pct(t.visited_rate()),
        pct(t.closure_rate()),
        pct(t.satisfaction_rate()),
    );
    let median = days(t.median_days);
    let (rv, hv) = (t.return_visits, t.household_visits);
    let texts: [String; 11] = match lang {
        Lang::Zh => [
            format!("农户 {}", t.households),
            format!("已走访 {}（{cover}）", t.visited),
            format!("登记 {}", t.opened),
            format!("在办 {}", t.open_now),
            format!("超期 {}", t.overdue_now),
            format!("销号 {}", t.closed),
            format!("办结率 {closure}"),
            format!("满意率 {satisfied}（回访 {rv}）"),
            format!("用时中位数 {median} 个工作日"),
            format!("走访 {hv} 户次"),
            format!("走访记录 {records} 条"),
        ],
        Lang::En => [
            format!("households {}", t.households),
            format!("visited {} ({cover})", t.visited),
            format!("new {}", t.opened),
            format!("open {}", t.open_now),
            format!("overdue {}", t.overdue_now),
            format!("closed {}", t.closed),
            format!("closure {closure}"),
            format!("satisfied {satisfied} ({rv} return visits)"),
            format!("median {median} working days to close"),
            format!("{hv} household-visits"),
            format!("{records} visit records"),
        ],
    };
    texts
        .into_iter()
        .enumerate()
        .map(|(k, text)| (text, k == 4 && t.overdue_now > 0))
        .collect()
}

/// Shown when closing durations assumed Mon–Fri for years without calendar data.
pub fn assumed(lang: Lang, years: &str) -> String {
    match lang {
        Lang::Zh => format!("注意：{years}年无节假日数据，按周一至周五计算工作日"),
        Lang::En => format!("note: no holiday data for {years}; Mon–Fri assumed"),
    }
}

pub const SORT: T = T("排序", "sort");
/// The sort orders of the tables, in `o` order.
pub const SORTS: [T; 5] = [
    T("默认", "default"),
    T("覆盖率低→高", "coverage ↑"),
    T("超期多→少", "overdue ↓"),
    T("办结率低→高", "closure ↑"),
    T("满意率低→高", "satisfaction ↑"),
];

// The custom period form.
pub const FORM_TITLE: T = T("自定义统计期间", "Custom period");
pub const FORM_FROM: T = T("起始日期", "From");
pub const FORM_TO: T = T("截止日期", "To");
pub const FORM_NOTE: T = T("如 2026-10-01", "e.g. 2026-10-01");
pub const TO_BEFORE_FROM: T = T("截止日期不能早于起始日期", "the end is before the start");

pub const HINT: T = T(
    "Tab 切换 Enter 打开 p 期间 d 自定义 v 村 f 只看此村 o 排序 x 重置 ? 帮助",
    "Tab pane Enter open p period d custom v village f this village o sort x reset ? help",
);
pub const HINT_FORM: T = T(
    "Tab 下一项  Ctrl+S 或在截止日期上回车 确定  Esc 取消",
    "Tab next field  Ctrl+S or Enter on To: apply  Esc cancel",
);

/// The dashboard's keys and the definitions of its figures, for the `?` overlay.
pub const HELP: &[(&str, T)] = &[
    s::KEY_TABS,
    (
        "Tab ⇧Tab",
        T(
            "切换：按村 / 按干部 / 图表 / 最早未办结",
            "next / previous pane",
        ),
    ),
    s::KEY_MOVE,
    s::KEY_PAGE,
    (
        "Enter",
        T(
            "村或干部行：打开其事项清单；事项行：打开事项",
            "village or cadre: its items; item: open it",
        ),
    ),
    (
        "p  d",
        T(
            "期间：本月 → 本季度 → 本年度；d 自定义起止日期",
            "period: month → quarter → year; d: two dates",
        ),
    ),
    (
        "v V",
        T(
            "按村筛选（向后 / 向前切换）",
            "village filter (next / previous)",
        ),
    ),
    ("f", T("只看选中的村", "only the selected village")),
    (
        "o",
        T("表格排序（覆盖率、超期、办结率…）", "sort the tables"),
    ),
    (
        "x",
        T("重置为本月、全部村", "reset to this month, all villages"),
    ),
    s::KEY_REFRESH,
    s::KEY_MOUSE,
    s::KEY_HELP,
    s::KEY_QUIT,
    (
        "覆盖率",
        T(
            "期内走访过的农户 ÷ 农户数（按农户所属村和包户干部）",
            "households visited in the period ÷ households",
        ),
    ),
    (
        "办结率",
        T(
            "期内登记的事项中现已销号的 ÷ 期内登记数",
            "items registered in the period and closed now ÷ registered",
        ),
    ),
    (
        "用时",
        T(
            "期内销号事项从登记到销号的工作日数中位数",
            "median working days, registration → closing",
        ),
    ),
    (
        "满意率",
        T(
            "期内回访中满意+基本满意 ÷ 回访次数",
            "satisfied + basically ÷ return visits in the period",
        ),
    ),
    (
        "干部",
        T(
            "事项按责任人（未交办的按首问责任人）计",
            "items count for the responsible cadre",
        ),
    ),
];

// The ledger list opened from a village or cadre row.
pub const LIST_TITLE: T = T("事项清单", "Items");
pub const LIST_SWITCH: T = T("Tab 切换台账", "Tab: next ledger");
pub const LIST_HINT: T = T(
    "Enter 查看 Tab 台账 / 搜索 c 类别 s 状态 o 超期 x 恢复 Esc 返回统计",
    "Enter open Tab ledger / find c category s status o overdue x restore Esc back",
);
pub const LIST_HELP: &[(&str, T)] = &[
    s::KEY_MOVE,
    s::KEY_PAGE,
    ("Enter", T("查看事项", "open the item")),
    (
        "Tab ⇧Tab",
        T("切换台账：民生 / 困难 / 稳定", "next / previous ledger"),
    ),
    ("/", T("全文搜索", "full-text search")),
    (
        "c s l o",
        T(
            "按类别 / 状态 / 层级 / 超期筛选",
            "category / status / level / overdue",
        ),
    ),
    (
        "x",
        T("恢复为进入时的筛选", "back to the filters it opened with"),
    ),
    ("Esc", T("返回统计", "back to the dashboard")),
    s::KEY_HELP,
];
