//! Handling deadlines (办理时限) of ledger items and how urgent an open item is.
//!
//! The number of working days comes from `assets/deadlines.json`; the date itself from the
//! [`Calendar`], so a deadline never lands on a holiday and 调休 Saturdays count as workdays.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;
use thiserror::Error;

use crate::domain::Ledger;
use crate::domain::calendar::Calendar;
use crate::i18n::Lang;

/// The embedded rules, so a fresh install has the SPEC §3 time limits.
const BUILTIN_JSON: &str = include_str!("../../assets/deadlines.json");

/// The time limit used when the rules say nothing (and if the embedded rules were broken).
pub const FALLBACK_WORKING_DAYS: u32 = 10;

/// Items with at most this many working days left are "due soon" (临期).
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

/// Why deadline rules could not be loaded.
#[derive(Debug, Error)]
pub enum DeadlineRulesError {
    /// Not JSON, or not the expected shape.
    #[error("malformed deadline rules: {0}")]
    Json(#[from] serde_json::Error),
    /// A ledger code that matches no ledger: a typo would otherwise silently be ignored.
    #[error("deadline rules: unknown ledger `{0}`")]
    UnknownLedger(String),
}

#[derive(Debug, Clone, Default, Deserialize)]
struct LedgerRules {
    default: Option<u32>,
    #[serde(default)]
    categories: BTreeMap<String, u32>,
}

/// Working days allowed from registration to the deadline, by ledger and category.
#[derive(Debug, Clone, Deserialize)]
pub struct DeadlineRules {
    default: u32,
    #[serde(default)]
    ledgers: BTreeMap<String, LedgerRules>,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            default: FALLBACK_WORKING_DAYS,
            ledgers: BTreeMap::new(),
        }
    }
}

impl DeadlineRules {
    /// Parses the `deadlines.json` format; keys starting with `_` (notes) are ignored.
    pub fn from_json(json: &str) -> Result<DeadlineRules, DeadlineRulesError> {
        let rules: DeadlineRules = serde_json::from_str(json)?;
        if let Some(bad) = rules
            .ledgers
            .keys()
            .find(|k| !Ledger::ALL.iter().any(|l| l.code() == k.as_str()))
        {
            return Err(DeadlineRulesError::UnknownLedger(bad.clone()));
        }
        Ok(rules)
    }

    /// The embedded rules, parsed once; broken data degrades to 10 working days everywhere.
    pub fn builtin() -> &'static DeadlineRules {
        static RULES: OnceLock<DeadlineRules> = OnceLock::new();
        RULES.get_or_init(|| DeadlineRules::from_json(BUILTIN_JSON).unwrap_or_default())
    }

    /// Most specific rule wins: ledger+category, then the ledger's default, then the global one.
    pub fn working_days_for(&self, ledger: Ledger, category: &str) -> u32 {
        let Some(l) = self.ledgers.get(ledger.code()) else {
            return self.default;
        };
        l.categories
            .get(category.trim())
            .copied()
            .or(l.default)
            .unwrap_or(self.default)
    }
}

/// The deadline of an item registered on `registered`: the registration day is not counted,
/// so an item registered on a Saturday or a holiday starts counting on the next working day.
pub fn deadline_for(
    cal: &Calendar,
    rules: &DeadlineRules,
    registered: NaiveDate,
    ledger: Ledger,
    category: &str,
) -> NaiveDate {
    cal.add_working_days(registered, rules.working_days_for(ledger, category))
}

/// How pressing an item is today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// 已销号: no deadline pressure any more.
    Closed,
    /// The deadline day is over; `working_days` ≥ 1.
    Overdue { working_days: i64 },
    /// 0 (deadline is today) to [`DUE_SOON_WORKING_DAYS`] working days left.
    DueSoon { working_days_left: i64 },
    /// More than [`DUE_SOON_WORKING_DAYS`] working days left.
    OnTrack { working_days_left: i64 },
}

/// Classifies an item. Overdue is decided by calendar date, not by working days: the moment
/// the deadline day has passed the item is overdue, even if today is a holiday. The count is
/// the working days elapsed since the deadline, but at least 1, because "超期0个工作日" would
/// read to a cadre as "not overdue" — so the day after the deadline shows 超期1个工作日 until
/// the first working day after it ends, then 2, and so on.
pub fn urgency(cal: &Calendar, deadline: NaiveDate, today: NaiveDate, open: bool) -> Urgency {
    if !open {
        return Urgency::Closed;
    }
    let left = cal.working_days_between(today, deadline);
    if today > deadline {
        Urgency::Overdue {
            working_days: left.saturating_neg().max(1),
        }
    } else if left <= DUE_SOON_WORKING_DAYS {
        Urgency::DueSoon {
            working_days_left: left,
        }
    } else {
        Urgency::OnTrack {
            working_days_left: left,
        }
    }
}

impl Urgency {
    /// True only for open items past their deadline.
    pub fn is_overdue(self) -> bool {
        matches!(self, Urgency::Overdue { .. })
    }

    /// True for open items due within [`DUE_SOON_WORKING_DAYS`] working days (today included).
    pub fn is_due_soon(self) -> bool {
        matches!(self, Urgency::DueSoon { .. })
    }

    /// Stable code for JSON output and filters.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Closed => "closed",
            Urgency::Overdue { .. } => "overdue",
            Urgency::DueSoon { .. } => "due_soon",
            Urgency::OnTrack { .. } => "on_track",
        }
    }

    /// Short text for a table cell. With 0 left the deadline is today (deadlines are working
    /// days), and "今日到期" says that more plainly than "剩0个工作日".
    pub fn label(self, lang: Lang) -> String {
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        match (self, lang) {
            (Urgency::Closed, _) => lang.pick("已销号", "closed").to_owned(),
            (Urgency::Overdue { working_days: n }, Lang::Zh) => format!("超期{n}个工作日"),
            (Urgency::Overdue { working_days: n }, Lang::En) => {
                format!("{n} working day{} overdue", plural(n))
            }
            (
                Urgency::DueSoon {
                    working_days_left: 0,
                },
                _,
            ) => lang.pick("今日到期", "due today").to_owned(),
            (
                Urgency::DueSoon {
                    working_days_left: n,
                }
                | Urgency::OnTrack {
                    working_days_left: n,
                },
                Lang::Zh,
            ) => format!("剩{n}个工作日"),
            (
                Urgency::DueSoon {
                    working_days_left: n,
                }
                | Urgency::OnTrack {
                    working_days_left: n,
                },
                Lang::En,
            ) => format!("{n} working day{} left", plural(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules() -> &'static DeadlineRules {
        DeadlineRules::builtin()
    }

    #[test]
    fn builtin_rules_defaults_and_overrides() {
        // builtin() silently falls back, so check the asset itself parses.
        DeadlineRules::from_json(BUILTIN_JSON).unwrap();
        assert_eq!(rules().working_days_for(Ledger::Livelihood, "water"), 10);
        assert_eq!(rules().working_days_for(Ledger::Livelihood, "policy"), 5);
        assert_eq!(rules().working_days_for(Ledger::Hardship, "disaster"), 3);
        assert_eq!(rules().working_days_for(Ledger::Hardship, "policy"), 10);
        assert_eq!(
            rules().working_days_for(Ledger::Stability, "repeat_petition"),
            5
        );
        assert_eq!(
            rules().working_days_for(Ledger::Stability, " mass_finance "),
            5
        );
    }

    #[test]
    fn rule_precedence_and_errors() {
        let r = DeadlineRules::from_json(
            r#"{"default": 7, "ledgers": {"hardship": {"default": 4, "categories": {"x": 1}},
                "stability": {"categories": {"y": 2}}}}"#,
        )
        .unwrap();
        assert_eq!(r.working_days_for(Ledger::Livelihood, "x"), 7);
        assert_eq!(r.working_days_for(Ledger::Hardship, "z"), 4);
        assert_eq!(r.working_days_for(Ledger::Hardship, "x"), 1);
        assert_eq!(r.working_days_for(Ledger::Stability, "z"), 7);
        assert_eq!(r.working_days_for(Ledger::Stability, "y"), 2);
        assert!(matches!(
            DeadlineRules::from_json(r#"{"default": 10, "ledgers": {"livelihod": {}}}"#),
            Err(DeadlineRulesError::UnknownLedger(l)) if l == "livelihod"
        ));
        assert!(matches!(
            DeadlineRules::from_json(r#"{"default": -1}"#),
            Err(DeadlineRulesError::Json(_))
        ));
        assert_eq!(
            DeadlineRules::default().working_days_for(Ledger::Hardship, "disaster"),
            10
        );
    }

    #[test]
    fn deadlines_across_holidays() {
        let cal = Calendar::builtin();
        // Fri before 春节 2026 + 10: 02-14(Sat), 24–27, 28(Sat), 03-02..05.
        let spring = deadline_for(cal, rules(), d(2026, 2, 13), Ledger::Livelihood, "water");
        assert_eq!(spring, d(2026, 3, 5));
        // Fri before 国庆 2026 + 10: 09-20(Sun), 21–24, 28–30, 10-08, 10-09.
        let national = deadline_for(cal, rules(), d(2026, 9, 18), Ledger::Stability, "land");
        assert_eq!(national, d(2026, 10, 9));
        // 3-day disaster relief registered Tue 2025-09-30: 10-09, 10-10, 10-11(Sat).
        let disaster = deadline_for(cal, rules(), d(2025, 9, 30), Ledger::Hardship, "disaster");
        assert_eq!(disaster, d(2025, 10, 11));
        // Registered on a holiday: counting starts on the first working day after it.
        let on_holiday = deadline_for(cal, rules(), d(2025, 10, 3), Ledger::Livelihood, "policy");
        assert_eq!(on_holiday, d(2025, 10, 14));
    }

    #[test]
    fn urgency_boundaries() {
        let cal = Calendar::builtin();
        let due = d(2026, 3, 5); // Thursday
        let u = |today| urgency(cal, due, today, true);
        assert_eq!(
            u(due),
            Urgency::DueSoon {
                working_days_left: 0
            }
        );
        assert_eq!(u(d(2026, 3, 6)), Urgency::Overdue { working_days: 1 });
        assert_eq!(u(d(2026, 3, 8)), Urgency::Overdue { working_days: 1 });
        assert_eq!(u(d(2026, 3, 9)), Urgency::Overdue { working_days: 2 });
        assert_eq!(
            u(d(2026, 3, 3)),
            Urgency::DueSoon {
                working_days_left: 2
            }
        );
        assert_eq!(
            u(d(2026, 3, 2)),
            Urgency::OnTrack {
                working_days_left: 3
            }
        );
        assert_eq!(urgency(cal, due, d(2026, 3, 9), false), Urgency::Closed);
        assert!(u(d(2026, 3, 6)).is_overdue() && !u(d(2026, 3, 6)).is_due_soon());
        assert!(u(due).is_due_soon() && !u(due).is_overdue());
    }

    #[test]
    fn overdue_across_a_holiday_is_at_least_one() {
        let cal = Calendar::builtin();
        let due = d(2026, 9, 30);
        let u = |today| urgency(cal, due, today, true);
        assert_eq!(u(d(2026, 10, 1)), Urgency::Overdue { working_days: 1 });
        assert_eq!(u(d(2026, 10, 7)), Urgency::Overdue { working_days: 1 });
        assert_eq!(u(d(2026, 10, 8)), Urgency::Overdue { working_days: 1 });
        assert_eq!(u(d(2026, 10, 10)), Urgency::Overdue { working_days: 3 });
        // Three working days left even though a whole holiday lies in between.
        assert_eq!(
            u(d(2026, 9, 24)),
            Urgency::OnTrack {
                working_days_left: 3
            }
        );
        let extreme = urgency(cal, NaiveDate::MIN, NaiveDate::MAX, true);
        assert!(extreme.is_overdue());
    }

    #[test]
    fn labels() {
        let over = Urgency::Overdue { working_days: 3 };
        assert_eq!(over.label(Lang::Zh), "超期3个工作日");
        assert_eq!(over.label(Lang::En), "3 working days overdue");
        let soon = Urgency::DueSoon {
            working_days_left: 2,
        };
        assert_eq!(soon.label(Lang::Zh), "剩2个工作日");
        let one = Urgency::DueSoon {
            working_days_left: 1,
        };
        assert_eq!(one.label(Lang::En), "1 working day left");
        let today = Urgency::DueSoon {
            working_days_left: 0,
        };
        assert_eq!(today.label(Lang::Zh), "今日到期");
        assert_eq!(today.label(Lang::En), "due today");
        assert_eq!(
            Urgency::OnTrack {
                working_days_left: 7
            }
            .label(Lang::Zh),
            "剩7个工作日"
        );
        assert_eq!(Urgency::Closed.label(Lang::Zh), "已销号");
        assert_eq!(over.code(), "overdue");
    }
}
