//! The row texts of `minqing ingest`, in Chinese and English: each row's line with its
//! reasons or notes, and the notes written into the database (file-level texts are in
//! [`super::ingest_summary`]).

use super::ingest::{HouseholdLink, Outcome, RowReport, Skip};
use super::ingest_row::{DateLimit, Note, Problem};
use crate::domain::ItemStatus;
use crate::i18n::{Lang, Localized};

/// A text in both languages.
#[derive(Clone, Copy)]
pub struct T(pub &'static str, pub &'static str);

impl T {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

/// Written where the old ledger left a required value out (an answer's result, a unit).
pub const UNSTATED: T = T("原台账未载明", "not stated in the old ledger");
pub const IN_PROGRESS_NOTE: T = T(
    "导入时原台账记为办理中",
    "in progress in the old ledger when imported",
);
pub const CLOSED_WITHOUT_VISIT: T = T(
    "导入旧台账：原台账记为已销号，未载明满意回访",
    "imported: closed in the old ledger, no satisfied return visit recorded",
);
/// Who the events are by on a database without an identity.
pub const IMPORTER: T = T("台账导入", "ledger import");

/// The note of an imported item's 挂号 event.
pub fn import_note(
    lang: Lang,
    file: &str,
    row: u32,
    number: Option<&str>,
    note: Option<&str>,
) -> String {
    let mut s = match lang {
        Lang::Zh => format!("导入旧台账 {file} 第 {row} 行"),
        Lang::En => format!("imported from {file}, row {row}"),
    };
    if let Some(n) = number {
        s.push_str(&match lang {
            Lang::Zh => format!("；原编号 {n}"),
            Lang::En => format!("; old number {n}"),
        });
    }
    if let Some(n) = note {
        s.push_str(&match lang {
            Lang::Zh => format!("；备注：{n}"),
            Lang::En => format!("; note: {n}"),
        });
    }
    s
}

fn household(link: &HouseholdLink, lang: Lang) -> String {
    match (link, lang) {
        (HouseholdLink::None, _) => String::new(),
        (HouseholdLink::Existing(n), Lang::Zh) => format!("；关联已有农户 {n}"),
        (HouseholdLink::Existing(n), Lang::En) => format!("; existing household {n}"),
        (HouseholdLink::New(n), Lang::Zh) => format!("；新建农户 {n}"),
        (HouseholdLink::New(n), Lang::En) => format!("; new household {n}"),
        (HouseholdLink::NewEarlier(n, r), Lang::Zh) => format!("；农户 {n}（第 {r} 行新建）"),
        (HouseholdLink::NewEarlier(n, r), Lang::En) => {
            format!("; household {n} (new, row {r})")
        }
    }
}

/// One row's line.
pub fn row_line(r: &RowReport, dry_run: bool, lang: Lang) -> String {
    let head = match lang {
        Lang::Zh => format!("第 {} 行：", r.row),
        Lang::En => format!("row {}: ", r.row),
    };
    let body = match &r.outcome {
        Outcome::Created {
            number,
            household: link,
            status,
            notes,
        } => {
            let verb = match (dry_run, lang) {
                (true, Lang::Zh) => "将新建事项",
                (false, Lang::Zh) => "新建事项",
                (true, Lang::En) => "would create item",
                (false, Lang::En) => "created item",
            };
            let mut s = match lang {
                Lang::Zh => format!("{verb} {number}（{}）", status.label(lang)),
                Lang::En => format!("{verb} {number} ({})", status_label(*status)),
            };
            s.push_str(&household(link, lang));
            for n in notes {
                s.push_str(lang.pick("；", "; "));
                s.push_str(&note(n, lang));
            }
            s
        }
        Outcome::Exists { number } => match lang {
            Lang::Zh => format!("已有事项 {number}，跳过"),
            Lang::En => format!("already there (item {number}), skipped"),
        },
        Outcome::Duplicate { of_row } => match lang {
            Lang::Zh => format!("与第 {of_row} 行重复，跳过"),
            Lang::En => format!("same as row {of_row}, skipped"),
        },
        Outcome::Skipped(Skip::RepeatedHeader) => lang
            .pick("重复的表头，跳过", "repeated header, skipped")
            .into(),
        Outcome::Skipped(Skip::Footer) => lang
            .pick(
                "表尾（合计、签名），跳过",
                "footer (totals, signatures), skipped",
            )
            .into(),
        Outcome::Refused(problems) => {
            let reasons: Vec<String> = problems.iter().map(|p| problem(p, lang)).collect();
            format!(
                "{}{}",
                lang.pick("拒绝——", "refused: "),
                reasons.join(lang.pick("；", "; "))
            )
        }
    };
    head + &body
}

fn status_label(s: ItemStatus) -> String {
    s.label(Lang::En).to_lowercase()
}

/// Why a row was refused.
pub fn problem(p: &Problem, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match p {
        Problem::Missing(h) if zh => format!("缺少必填项“{h}”"),
        Problem::Missing(h) => format!("missing required field '{h}'"),
        Problem::Invalid {
            header,
            value,
            kind,
        } if zh => format!("{header}“{value}”有误：{}", kind.message(lang)),
        Problem::Invalid {
            header,
            value,
            kind,
        } => format!("bad {header} '{value}': {}", kind.message(lang)),
        Problem::BadDate { header, value } if zh => format!(
            "{header}“{value}”不是日期（应如 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日）"
        ),
        Problem::BadDate { header, value } => format!(
            "bad date in {header}: '{value}' (write 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日)"
        ),
        Problem::DateOutOfRange {
            header,
            date,
            limit,
        } => {
            let why = match limit {
                DateLimit::AfterToday => lang.pick("晚于今天", "is after today"),
                DateLimit::TooEarly => lang.pick("早于 2000 年", "is before 2000"),
                DateLimit::BeforeRegistration => {
                    lang.pick("早于登记日期", "is before the registration date")
                }
                DateLimit::DeadlineTooFar => lang.pick(
                    "晚于登记后两年",
                    "is more than two years after registration",
                ),
            };
            match lang {
                Lang::Zh => format!("{header} {date} {why}"),
                Lang::En => format!("{header} {date} {why}"),
            }
        }
        Problem::BadDeadline { header, value } if zh => {
            format!("{header}“{value}”既不是日期也不是天数（如 2026-03-20、15个工作日、7天）")
        }
        Problem::BadDeadline { header, value } => format!(
            "bad {header} '{value}': neither a date nor a number of days (2026-03-20, 15个工作日, 7天)"
        ),
        Problem::UnknownStatus(v) if zh => format!("状态“{v}”无法识别"),
        Problem::UnknownStatus(v) => format!("unknown status '{v}'"),
        Problem::UnknownSatisfaction(v) if zh => {
            format!("满意度“{v}”无法识别（满意、基本满意、不满意）")
        }
        Problem::UnknownSatisfaction(v) => format!(
            "unknown satisfaction '{v}' (满意 satisfied, 基本满意 basically, 不满意 unsatisfied)"
        ),
        Problem::ClosedUnsatisfied if zh => "记为已销号，但满意度为不满意".into(),
        Problem::ClosedUnsatisfied => "closed, but the satisfaction is unsatisfied".into(),
        Problem::ClosedFlagConflict(v) if zh => format!("是否销号为“{v}”，但状态为已销号"),
        Problem::ClosedFlagConflict(v) => format!("closed flag is '{v}' but the status is closed"),
        Problem::UnknownVillage(v) if zh => {
            format!("村“{v}”不在数据库中（先建村，或用 --village 指定）")
        }
        Problem::UnknownVillage(v) => format!(
            "unknown village '{v}' (not in the database; add it, or give one with --village)"
        ),
        Problem::AmbiguousVillage { name, townships } if zh => {
            format!("村名“{name}”在多个乡镇都有（{}）", townships.join("、"))
        }
        Problem::AmbiguousVillage { name, townships } => format!(
            "village '{name}' exists in several townships ({})",
            townships.join(", ")
        ),
        Problem::VillageMismatch { cell, given } if zh => {
            format!("本行村组为“{cell}”，与 --village {given} 不符")
        }
        Problem::VillageMismatch { cell, given } => {
            format!("the row's village '{cell}' is not --village {given}")
        }
        Problem::IdOfOther { id_owner, reporter } if zh => {
            format!("身份证号属于“{id_owner}”，与“{reporter}”不符")
        }
        Problem::IdOfOther { id_owner, reporter } => {
            format!("the ID number belongs to '{id_owner}', not '{reporter}'")
        }
        Problem::Workflow(m) if zh => format!("办理状态不合流程：{m}"),
        Problem::Workflow(m) => format!("the status does not fit the workflow: {m}"),
    }
}

/// A remark on an imported row.
pub fn note(n: &Note, lang: Lang) -> String {
    match (n, lang) {
        (Note::CategoryOther(t), Lang::Zh) => format!("类别“{t}”未识别，记为其他"),
        (Note::CategoryOther(t), Lang::En) => {
            format!("category '{t}' not known, recorded as other")
        }
        (Note::CategoryMissing, _) => lang
            .pick("未填类别，记为其他", "no category, recorded as other")
            .into(),
        (Note::Ignored { header, value }, Lang::Zh) => format!("{header}“{value}”未识别，未导入"),
        (Note::Ignored { header, value }, Lang::En) => {
            format!("{header} '{value}' not recognised, left out")
        }
        (Note::Masked(h), Lang::Zh) => format!("{h}已打码，未导入"),
        (Note::Masked(h), Lang::En) => format!("{h} is masked, left out"),
        (Note::NoDate, _) => lang
            .pick(
                "未填登记日期，按今天登记",
                "no registration date, registered today",
            )
            .into(),
        (Note::HouseholdAmbiguous { name, count }, Lang::Zh) => {
            format!("村里有 {count} 户户主叫{name}，未关联农户")
        }
        (Note::HouseholdAmbiguous { name, count }, Lang::En) => {
            format!("{count} households headed by {name} in the village: linked to none")
        }
    }
}
