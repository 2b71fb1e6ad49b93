//! The records of SPEC §2 as plain types; their serde field names are the table column names.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::ids::{CadreId, GroupId, HouseholdId, ItemId, PersonId, TownshipId, VillageId, VisitId};
use super::ledger::Ledger;

/// 乡镇.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Township {
    pub name: String,
    /// The prefix of item numbers, e.g. 两河 in `两河-2026-0042`.
    pub short_name: String,
    /// 12-digit 统计用区划代码, when known.
    #[serde(default)]
    pub code: Option<String>,
}

/// 村(社区).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Village {
    pub township_id: TownshipId,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
}

/// 村民小组.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub village_id: VillageId,
    pub name: String,
}

/// 干部.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cadre {
    #[serde(default)]
    pub township_id: Option<TownshipId>,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// cadre / office / county, or a post such as 包村干部.
    pub role: String,
    /// The villages this cadre covers (包村).
    #[serde(default)]
    pub village_ids: Vec<VillageId>,
}

/// 农户/住户.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Household {
    pub village_id: VillageId,
    #[serde(default)]
    pub group_id: Option<GroupId>,
    pub head_name: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Codes from `assets/catalog.json` → `household_tags` (低保户, 空巢老人…).
    #[serde(default)]
    pub tags: Vec<String>,
    /// 挂钩/包户干部.
    #[serde(default)]
    pub cadre_id: Option<CadreId>,
    #[serde(default)]
    pub note: Option<String>,
}

/// 家庭成员.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub household_id: HouseholdId,
    pub name: String,
    /// Relation to the head, a code from `relations`.
    pub relation: String,
    /// "m" or "f".
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub health: Option<String>,
    #[serde(default)]
    pub disability_type: Option<String>,
    /// 残疾等级 1–4.
    #[serde(default)]
    pub disability_grade: Option<u8>,
    #[serde(default)]
    pub note: Option<String>,
}

/// 走访记录: one entry of the 民情日志.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub date: NaiveDate,
    /// A code from `visit_kinds` (入户走访, 院坝会…).
    pub kind: String,
    #[serde(default)]
    pub village_id: Option<VillageId>,
    #[serde(default)]
    pub household_ids: Vec<HouseholdId>,
    /// Where a meeting or desk visit took place, when not at a household.
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub cadre_ids: Vec<CadreId>,
    /// 诉求与建议: what was heard.
    pub heard: String,
    #[serde(default)]
    pub family_situation: Option<String>,
    #[serde(default)]
    pub follow_up: Option<String>,
    /// 被访人确认: who confirmed, and whether they did.
    #[serde(default)]
    pub confirmed_by: Option<String>,
    #[serde(default)]
    pub confirmed: Option<bool>,
    #[serde(default)]
    pub recorded_by: Option<CadreId>,
    pub recorded_at: NaiveDateTime,
}

/// One assistance measure given to a household in difficulty, with its amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assistance {
    /// A code from `hardship.measures`.
    pub measure: String,
    /// Amount in fen (分), so sums stay exact.
    #[serde(default)]
    pub amount_fen: Option<i64>,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// The fields only one ledger has, tagged by the ledger's code in the `ledger` column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "ledger", rename_all = "snake_case")]
pub enum LedgerFields {
    Livelihood {
        /// 咨询/求助/投诉/举报/建议.
        #[serde(default)]
        nature: Option<String>,
        /// 受益户数.
        #[serde(default)]
        beneficiaries: Option<u32>,
    },
    Hardship {
        #[serde(default)]
        causes: Vec<String>,
        #[serde(default)]
        assistance: Vec<Assistance>,
        /// 结对帮扶人.
        #[serde(default)]
        helper: Option<String>,
        #[serde(default)]
        review_cycle: Option<String>,
    },
    Stability {
        /// 涉及人数.
        #[serde(default)]
        people_involved: Option<u32>,
        /// red / yellow / green.
        #[serde(default)]
        risk_level: Option<String>,
        /// 包案领导.
        #[serde(default)]
        leader: Option<String>,
        /// 稳控/化解措施.
        #[serde(default)]
        stabilisation: Option<String>,
    },
}

impl LedgerFields {
    /// Which ledger these fields belong to.
    pub fn ledger(&self) -> Ledger {
        match self {
            LedgerFields::Livelihood { .. } => Ledger::Livelihood,
            LedgerFields::Hardship { .. } => Ledger::Hardship,
            LedgerFields::Stability { .. } => Ledger::Stability,
        }
    }
}

/// 台账事项: one registered matter. Its status and handling fields are derived from progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    #[serde(flatten)]
    pub ledger_fields: LedgerFields,
    /// 编号, e.g. `两河-2026-0042`; may be renumbered on merge, the id never changes.
    pub number: String,
    pub title: String,
    pub content: String,
    /// A code from the ledger's category list in `assets/catalog.json`.
    pub category: String,
    #[serde(default)]
    pub village_id: Option<VillageId>,
    #[serde(default)]
    pub group_id: Option<GroupId>,
    #[serde(default)]
    pub household_id: Option<HouseholdId>,
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// 反映人; `None` with `anonymous` for 匿名.
    #[serde(default)]
    pub reporter: Option<String>,
    #[serde(default)]
    pub reporter_phone: Option<String>,
    #[serde(default)]
    pub anonymous: bool,
    /// A code from `sources` (走访, 来访, 12345转办…).
    pub source: String,
    #[serde(default)]
    pub source_visit_id: Option<VisitId>,
    pub registered_at: NaiveDateTime,
    /// 首问责任人.
    #[serde(default)]
    pub registered_by: Option<CadreId>,
    /// The level it was registered at (村/镇/县); escalation raises the current level.
    pub level: Level,
    /// 办理时限 at registration; a 交办 may set a new one.
    pub deadline: NaiveDate,
    /// 解决措施.
    #[serde(default)]
    pub measures: Option<String>,
}

impl Item {
    /// The ledger this item is in.
    pub fn ledger(&self) -> Ledger {
        self.ledger_fields.ledger()
    }
}

/// 村/镇/县: who handles a matter (分级负责).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Village,
    Township,
    County,
}

impl Level {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Level::Village => "village",
            Level::Township => "township",
            Level::County => "county",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<Level> {
        [Level::Village, Level::Township, Level::County]
            .into_iter()
            .find(|l| l.code() == s)
    }
}

/// 满意度 from a return visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    Satisfied,
    Basically,
    Unsatisfied,
}

impl Satisfaction {
    /// 满意 and 基本满意 allow closing; 不满意 reopens.
    pub fn allows_closing(self) -> bool {
        self != Satisfaction::Unsatisfied
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Basically => "basically",
            Satisfaction::Unsatisfied => "unsatisfied",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<Satisfaction> {
        [
            Satisfaction::Satisfied,
            Satisfaction::Basically,
            Satisfaction::Unsatisfied,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }
}

/// 办理进展: one append-only event on an item (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub item_id: ItemId,
    #[serde(flatten)]
    pub action: super::workflow::Action,
    pub at: NaiveDateTime,
    #[serde(default)]
    pub by: Option<CadreId>,
    /// The name as shown in the timeline, kept even if the cadre record is unknown here.
    pub by_name: String,
    #[serde(default)]
    pub note: String,
}
