//! Every text a report prints (titles, column headers, sheet names, cell words), in Chinese and
//! English.

use crate::domain::Ledger;
use crate::i18n::Lang;

/// One fixed text in both languages; `.get(lang)` picks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

/// The full name of a ledger as its paper title reads.
pub fn ledger_title(ledger: Ledger) -> T {
    match ledger {
        Ledger::Livelihood => T("民生诉求台账", "Livelihood requests ledger"),
        Ledger::Hardship => T("困难群众台账", "Households in difficulty ledger"),
        Ledger::Stability => T("稳定工作台账", "Stability ledger"),
    }
}

pub const DIARY_TITLE: T = T("民情日志", "Visit diary");
pub const SUMMARY_SHEET: T = T("汇总", "Summary");
pub const SUMMARY_TITLE_ITEMS: T = T("按村、按状态汇总", "Counts by village and status");
pub const SUMMARY_TITLE_VISITS: T = T("按村、按走访形式汇总", "Counts by village and visit kind");

// The line under the title.
pub const PERIOD: T = T("统计期间：", "Period: ");
pub const PERIOD_ALL: T = T("全部", "all");
pub const PERIOD_FROM_TO: T = T("{from} 至 {to}", "{from} to {to}");
pub const PERIOD_FROM: T = T("{from} 起", "from {from}");
pub const PERIOD_TO: T = T("至 {to}", "until {to}");
pub const VILLAGES: T = T("村：", "Villages: ");
pub const VILLAGES_ALL: T = T("全部", "all");
pub const PRINTED: T = T("打印日期：", "Printed: ");
pub const ROWS: T = T("共 {n} 条", "{n} rows");
pub const MASKED_NOTE: T = T("身份证号、电话已打码", "ID numbers and phones masked");
pub const UNMASKED_NOTE: T = T(
    "含完整身份证号、电话，注意保密",
    "contains full ID numbers and phones: keep it confidential",
);
/// `{n}` townships, when a report covers more than one.
pub const TOWNSHIPS: T = T("{n}个乡镇", "{n} townships");
pub const SEP: T = T("　　", "   ");
pub const LIST_SEP: T = T("、", ", ");
pub const FOOTER: T = T("&C第 &P 页，共 &N 页", "&CPage &P of &N");

// Column headers shared by the three ledgers.
pub const COL_SEQ: T = T("序号", "No.");
pub const COL_NUMBER: T = T("编号", "Number");
pub const COL_REGISTERED: T = T("登记日期", "Registered");
pub const COL_TOWNSHIP: T = T("乡镇", "Township");
pub const COL_VILLAGE_GROUP: T = T("村组", "Village/group");
pub const COL_REPORTER: T = T("户主/反映人", "Household head/reporter");
pub const COL_PHONE: T = T("联系电话", "Phone");
pub const COL_CATEGORY: T = T("类别", "Category");
pub const COL_CONTENT: T = T("内容", "Content");
pub const COL_FIRST: T = T("首问责任人", "First responder");
pub const COL_RESPONSIBLE: T = T("责任人", "Responsible");
pub const COL_DEADLINE: T = T("办理时限", "Deadline");
pub const COL_PROGRESS: T = T("办理进展", "Progress");
pub const COL_RESULT: T = T("办理结果", "Result");
pub const COL_RETURN_VISIT: T = T("回访时间", "Return visit");
pub const COL_SATISFACTION: T = T("满意度", "Satisfaction");
pub const COL_CLOSED: T = T("销号时间", "Closed");
pub const COL_STATUS: T = T("状态", "Status");
pub const COL_OVERDUE: T = T("超期情况", "Overdue");

// Each ledger's own columns.
pub const COL_NATURE: T = T("性质", "Nature");
pub const COL_BENEFICIARIES: T = T("受益户数", "Households benefiting");
pub const COL_ID_NUMBER: T = T("身份证号", "ID number");
pub const COL_CAUSES: T = T("致困原因", "Causes");
pub const COL_ASSISTANCE: T = T("帮扶措施", "Assistance");
pub const COL_HELPER: T = T("结对帮扶人", "Paired helper");
pub const COL_REVIEW: T = T("复核周期", "Review cycle");
pub const COL_PEOPLE: T = T("涉及人数", "People involved");
pub const COL_RISK: T = T("风险等级", "Risk level");
pub const COL_LEADER: T = T("包案领导", "Leader in charge");
pub const COL_STABILISATION: T = T("稳控/化解措施", "Stabilisation measures");

// The diary's columns.
pub const COL_DATE: T = T("日期", "Date");
pub const COL_KIND: T = T("走访形式", "Kind");
pub const COL_VILLAGE: T = T("村", "Village");
pub const COL_HOUSEHOLDS: T = T("农户", "Households");
pub const COL_PLACE: T = T("地点", "Place");
pub const COL_CADRES: T = T("走访干部", "Cadres");
pub const COL_HEARD: T = T("诉求与建议", "Heard");
pub const COL_FAMILY: T = T("家庭情况", "Family situation");
pub const COL_FOLLOW_UP: T = T("跟进计划", "Follow-up");
pub const COL_CONFIRMED: T = T("被访人确认", "Confirmed by");
pub const COL_ITEMS: T = T("提出事项", "Items raised");

// Cell words.
pub const ANONYMOUS: T = T("匿名", "anonymous");
pub const CONFIRMED_YES: T = T("已确认", "confirmed");
pub const CONFIRMED_NO: T = T("未确认", "not confirmed");
pub const YUAN: T = T("元", " yuan");
pub const NO_VILLAGE: T = T("（未填村）", "(no village)");
pub const TOTAL: T = T("合计", "Total");
pub const OVERDUE: T = T("超期", "Overdue");
