//! The reporting periods of the dashboard (this month, this quarter, this year, a custom span)
//! and the statistics over them that need the working-day calendar (median days to close).

use chrono::{Datelike, Days, NaiveDate};

use super::calendar::Calendar;
use crate::i18n::Lang;

/// Which period the user picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Custom,
}

/// A span of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The last day of month `m` of year `y`.
fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl Period {
    /// The calendar month `today` is in.
    pub fn month(today: NaiveDate) -> Period {
        let (y, m) = (today.year(), today.month());
        Period {
            kind: PeriodKind::Month,
            from: ymd(y, m, 1),
            to: month_end(y, m),
        }
    }

    /// The calendar quarter (Jan–Mar, Apr–Jun, …) `today` is in.
    pub fn quarter(today: NaiveDate) -> Period {
        let first = (today.month0() / 3) * 3 + 1;
        Period {
            kind: PeriodKind::Quarter,
            from: ymd(today.year(), first, 1),
            to: month_end(today.year(), first + 2),
        }
    }

    /// The calendar year `today` is in.
    pub fn year(today: NaiveDate) -> Period {
        Period {
            kind: PeriodKind::Year,
            from: ymd(today.year(), 1, 1),
            to: ymd(today.year(), 12, 31),
        }
    }

    /// A span the user typed; `None` if it ends before it starts.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period {
            kind: PeriodKind::Custom,
            from,
            to,
        })
    }

    /// The next of month → quarter → year → month (a custom period goes back to the month).
    pub fn next(self, today: NaiveDate) -> Period {
        match self.kind {
            PeriodKind::Month => Period::quarter(today),
            PeriodKind::Quarter => Period::year(today),
            PeriodKind::Year | PeriodKind::Custom => Period::month(today),
        }
    }

    /// The day after the last one: datetimes of the period are `>= from` and `< end_next`.
    pub fn end_next(self) -> NaiveDate {
        self.to.checked_add_days(Days::new(1)).unwrap_or(self.to)
    }

    /// The period cut along calendar months, for the dashboard's per-household visit summary
    /// (one row per household and year, visits counted by month): the whole months it covers,
    /// year by year, and the days before and after them.
    pub fn month_split(self) -> MonthSplit {
        let end = self.end_next();
        let first = if self.from.day() == 1 {
            self.from
        } else {
            month_end(self.from.year(), self.from.month())
                .checked_add_days(Days::new(1))
                .unwrap_or(end)
        };
        let last = if self.to == month_end(self.to.year(), self.to.month()) {
            self.to
        } else {
            ymd(self.to.year(), self.to.month(), 1)
                .pred_opt()
                .unwrap_or(self.from)
        };
        if first > last {
            return MonthSplit {
                years: Vec::new(),
                before: (self.from, end),
                after: (end, end),
            };
        }
        let years = (first.year()..=last.year())
            .map(|y| {
                let a = if y == first.year() { first.month() } else { 1 };
                let b = if y == last.year() { last.month() } else { 12 };
                (y, a, b)
            })
            .collect();
        let after = last.checked_add_days(Days::new(1)).unwrap_or(end);
        MonthSplit {
            years,
            before: (self.from, first),
            after: (after, end),
        }
    }

    /// "2026年11月", "2026年第4季度", "2026年", "2026-10-01 至 2026-10-31".
    pub fn label(self, lang: Lang) -> String {
        let y = self.from.year();
        match (self.kind, lang) {
            (PeriodKind::Month, Lang::Zh) => format!("本月 {y}年{}月", self.from.month()),
            (PeriodKind::Month, Lang::En) => format!("this month {}", self.from.format("%Y-%m")),
            (PeriodKind::Quarter, Lang::Zh) => {
                format!("本季度 {y}年第{}季度", self.from.month0() / 3 + 1)
            }
            (PeriodKind::Quarter, Lang::En) => {
                format!("this quarter {y} Q{}", self.from.month0() / 3 + 1)
            }
            (PeriodKind::Year, Lang::Zh) => format!("本年度 {y}年"),
            (PeriodKind::Year, Lang::En) => format!("this year {y}"),
            (PeriodKind::Custom, Lang::Zh) => format!("{} 至 {}", self.from, self.to),
            (PeriodKind::Custom, Lang::En) => format!("{} to {}", self.from, self.to),
        }
    }
}

/// A period cut along months ([`Period::month_split`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSplit {
    /// The whole months covered, as (year, first month, last month) for each calendar year
    /// that has one, in order.
    pub years: Vec<(i32, u32, u32)>,
    /// The days before the whole months, as `[from, until)`; the whole period if it covers no
    /// whole month. Empty when `from == until`.
    pub before: (NaiveDate, NaiveDate),
    /// The days after the whole months, as `[from, until)`.
    pub after: (NaiveDate, NaiveDate),
}

/// The Monday of the week `d` is in (weeks run Monday to Sunday, as Chinese offices count).
pub fn week_start(d: NaiveDate) -> NaiveDate {
    let back = u64::from(d.weekday().num_days_from_monday());
    d.checked_sub_days(Days::new(back)).unwrap_or(d)
}

/// Working days from registration to closing: the working days after the registration day up
/// to and including the closing day, the same count as deadlines use (a matter registered on
/// Friday and closed on Monday took 1 working day; closed the same day, 0).
pub fn working_days_to_close(cal: &Calendar, registered: NaiveDate, closed: NaiveDate) -> i64 {
    cal.working_days_between(registered, closed).max(0)
}

/// The median of `values` (the mean of the two middle ones for an even count); `None` if
/// empty. Sorts in place.
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let mid = values[n / 2] as f64;
    Some(if n % 2 == 1 {
        mid
    } else {
        (values[n / 2 - 1] as f64 + mid) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_quarter_and_year_contain_today() {
        let t = d(2026, 11, 24);
        assert_eq!(
            (Period::month(t).from, Period::month(t).to),
            (d(2026, 11, 1), d(2026, 11, 30))
        );
        assert_eq!(
            (Period::quarter(t).from, Period::quarter(t).to),
            (d(2026, 10, 1), d(2026, 12, 31))
        );
        assert_eq!(
            (Period::year(t).from, Period::year(t).to),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        let feb = Period::month(d(2028, 2, 10));
        assert_eq!(feb.to, d(2028, 2, 29), "leap year");
        let q1 = Period::quarter(d(2026, 3, 31));
        assert_eq!((q1.from, q1.to), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(Period::month(t).end_next(), d(2026, 12, 1));
    }

    #[test]
    fn custom_refuses_a_reversed_span_and_next_cycles() {
        assert!(Period::custom(d(2026, 10, 8), d(2026, 10, 7)).is_none());
        let c = Period::custom(d(2026, 10, 7), d(2026, 10, 7)).unwrap();
        let t = d(2026, 11, 24);
        assert_eq!(c.next(t).kind, PeriodKind::Month);
        assert_eq!(Period::month(t).next(t).kind, PeriodKind::Quarter);
        assert_eq!(Period::quarter(t).next(t).kind, PeriodKind::Year);
        assert_eq!(Period::year(t).next(t).kind, PeriodKind::Month);
        assert_eq!(Period::quarter(t).label(Lang::Zh), "本季度 2026年第4季度");
    }

    #[test]
    fn weeks_start_on_monday_and_medians_are_middle_values() {
        assert_eq!(week_start(d(2026, 11, 24)), d(2026, 11, 23));
        assert_eq!(week_start(d(2026, 11, 29)), d(2026, 11, 23), "Sunday");
        assert_eq!(week_start(d(2026, 11, 23)), d(2026, 11, 23));
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 10]), Some(3.5));
    }

    #[test]
    fn days_to_close_skip_weekends_and_national_day() {
        let cal = Calendar::builtin();
        // Friday 2026-11-20 → Monday 2026-11-23: one working day.
        assert_eq!(
            working_days_to_close(cal, d(2026, 11, 20), d(2026, 11, 23)),
            1
        );
        // 国庆 2026: 10-01..10-07 off; 2026-09-30 (Wed) → 2026-10-08 (Thu) is one working day.
        assert_eq!(
            working_days_to_close(cal, d(2026, 9, 30), d(2026, 10, 8)),
            1
        );
        assert_eq!(
            working_days_to_close(cal, d(2026, 9, 30), d(2026, 9, 30)),
            0
        );
        // Saturday 2026-10-10 is a 调休 working day: Thu 10-08 → Mon 10-12 is 3 (9, 10, 12).
        assert_eq!(
            working_days_to_close(cal, d(2026, 10, 8), d(2026, 10, 12)),
            3
        );
    }

    #[test]
    fn month_split_cuts_whole_months_and_the_days_around_them() {
        let t = d(2026, 11, 24);
        let split = |from, to| Period::custom(from, to).expect("period").month_split();
        for p in [Period::month(t), Period::quarter(t), Period::year(t)] {
            let s = p.month_split();
            assert_eq!(s.years, vec![(2026, p.from.month(), p.to.month())]);
            assert_eq!(s.before, (p.from, p.from));
            assert_eq!(s.after, (p.end_next(), p.end_next()));
        }
        // 3-15..9-14: April to August whole, 3-15..3-31 before, 9-01..9-14 after.
        let s = split(d(2026, 3, 15), d(2026, 9, 14));
        assert_eq!(s.years, vec![(2026, 4, 8)]);
        assert_eq!(s.before, (d(2026, 3, 15), d(2026, 4, 1)));
        assert_eq!(s.after, (d(2026, 9, 1), d(2026, 9, 15)));
        // Within one month, or across two without a whole one: all of it is "before".
        for (from, to) in [
            (d(2026, 11, 5), d(2026, 11, 20)),
            (d(2026, 1, 20), d(2026, 2, 10)),
            (d(2026, 12, 2), d(2026, 12, 31)),
            (d(2025, 12, 10), d(2026, 1, 30)),
        ] {
            let s = split(from, to);
            assert_eq!(s.years, vec![]);
            assert_eq!(s.before, (from, to.succ_opt().unwrap()));
            assert_eq!(s.after.0, s.after.1);
        }
        // February's end in a common year; December's end runs into the next year.
        let s = split(d(2026, 2, 1), d(2026, 2, 28));
        assert_eq!((s.years, s.after.0), (vec![(2026, 2, 2)], d(2026, 3, 1)));
        let s = split(d(2026, 11, 10), d(2026, 12, 31));
        assert_eq!(s.years, vec![(2026, 12, 12)]);
        assert_eq!(s.before, (d(2026, 11, 10), d(2026, 12, 1)));
        assert_eq!(s.after, (d(2027, 1, 1), d(2027, 1, 1)));
        // Across years: the last twelve months, and a span of several years.
        let s = split(d(2025, 12, 1), d(2026, 11, 30));
        assert_eq!(s.years, vec![(2025, 12, 12), (2026, 1, 11)]);
        let s = split(d(2024, 6, 30), d(2026, 2, 3));
        assert_eq!(s.years, vec![(2024, 7, 12), (2025, 1, 12), (2026, 1, 1)]);
        assert_eq!(s.before, (d(2024, 6, 30), d(2024, 7, 1)));
        assert_eq!(s.after, (d(2026, 2, 1), d(2026, 2, 4)));
    }
}
