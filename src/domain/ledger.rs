//! The three ledgers (三本台账) and the item statuses of the 挂号 → 销号 workflow.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// One of the three ledgers an item is registered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ledger {
    /// 民生诉求台账.
    Livelihood,
    /// 困难群众台账.
    Hardship,
    /// 稳定工作台账 (涉稳信息台账).
    Stability,
}

impl Ledger {
    /// All ledgers, in the order the UI shows them.
    pub const ALL: [Ledger; 3] = [Ledger::Livelihood, Ledger::Hardship, Ledger::Stability];

    /// The stable code used in the database, JSON and assets.
    pub fn code(self) -> &'static str {
        match self {
            Ledger::Livelihood => "livelihood",
            Ledger::Hardship => "hardship",
            Ledger::Stability => "stability",
        }
    }

    /// Parses a code or a Chinese short name (民生/困难/稳定), as the CLI accepts both.
    pub fn parse(s: &str) -> Option<Ledger> {
        match s.trim() {
            "livelihood" | "民生" | "民生诉求" => Some(Ledger::Livelihood),
            "hardship" | "困难" | "困难群众" => Some(Ledger::Hardship),
            "stability" | "稳定" | "稳定工作" => Some(Ledger::Stability),
            _ => None,
        }
    }

    /// The short name shown in tabs and tables.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Ledger::Livelihood => lang.pick("民生", "Livelihood"),
            Ledger::Hardship => lang.pick("困难", "Hardship"),
            Ledger::Stability => lang.pick("稳定", "Stability"),
        }
    }
}

/// The workflow status of an item, derived from its progress events (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// 已挂号.
    Registered,
    /// 已交办.
    Assigned,
    /// 办理中.
    InProgress,
    /// 已办结(待回访).
    Answered,
    /// 已销号.
    Closed,
    /// 已上报.
    Escalated,
    /// 暂缓(政策限制).
    Deferred,
    /// 重办.
    Reopened,
}

impl ItemStatus {
    /// All statuses in workflow order (the keys of `stats --json` → `by_status`).
    pub const ALL: [ItemStatus; 8] = [
        ItemStatus::Registered,
        ItemStatus::Assigned,
        ItemStatus::InProgress,
        ItemStatus::Answered,
        ItemStatus::Closed,
        ItemStatus::Escalated,
        ItemStatus::Deferred,
        ItemStatus::Reopened,
    ];

    /// The stable code used in the database and JSON.
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Registered => "registered",
            ItemStatus::Assigned => "assigned",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Answered => "answered",
            ItemStatus::Closed => "closed",
            ItemStatus::Escalated => "escalated",
            ItemStatus::Deferred => "deferred",
            ItemStatus::Reopened => "reopened",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|st| st.code() == s)
    }

    /// Closed is the only state that is not "open" (overdue only counts open items).
    pub fn is_open(self) -> bool {
        self != ItemStatus::Closed
    }

    /// The label shown in tables and timelines.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ItemStatus::Registered => lang.pick("已挂号", "Registered"),
            ItemStatus::Assigned => lang.pick("已交办", "Assigned"),
            ItemStatus::InProgress => lang.pick("办理中", "In progress"),
            ItemStatus::Answered => lang.pick("已办结", "Answered"),
            ItemStatus::Closed => lang.pick("已销号", "Closed"),
            ItemStatus::Escalated => lang.pick("已上报", "Escalated"),
            ItemStatus::Deferred => lang.pick("暂缓", "Deferred"),
            ItemStatus::Reopened => lang.pick("重办", "Reopened"),
        }
    }
}
