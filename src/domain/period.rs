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
    /// (one row per household and year, visits counted by month): the months read from the
    /// summary, and the days whose visits are added to them or taken away. A month the period
    /// only partly covers is read whole, less the visits of the days it leaves out, when those
    /// are fewer days than it covers (a period ending today leaves out only days to come);
    /// otherwise the visits of the days it covers are added.
    pub fn month_split(self) -> MonthSplit {
        let end = self.end_next();
        let empty = (end, end);
        let (from, to) = (self.from, self.to);
        let start = |d: NaiveDate| ymd(d.year(), d.month(), 1);
        let after_month = |d: NaiveDate| {
            month_end(d.year(), d.month())
                .checked_add_days(Days::new(1))
                .unwrap_or(end)
        };
        let days = |a: NaiveDate, b: NaiveDate| (b - a).num_days();
        let mut split = MonthSplit {
            years: Vec::new(),
            add: [empty, empty],
            remove: [empty, empty],
        };
        // The first and last month read from the summary.
        let (mut first, mut last) = (start(from), start(to));
        if start(from) == start(to) {
            let (covered, month) = (days(from, end), days(start(from), after_month(from)));
            if covered * 2 <= month {
                split.add[0] = (from, end);
                return split;
            }
            split.remove = [(start(from), from), (end, after_month(to))];
        } else {
            if days(start(from), from) >= days(from, after_month(from)) {
                split.add[0] = (from, after_month(from));
                first = after_month(from);
            } else {
                split.remove[0] = (start(from), from);
            }
            if days(end, after_month(to)) >= days(start(to), end) {
                split.add[1] = (start(to), end);
                last = start(to).pred_opt().map_or(first, start);
            } else {
                split.remove[1] = (end, after_month(to));
            }
        }
        if first <= last {
            split.years = (first.year()..=last.year())
                .map(|y| {
                    let a = if y == first.year() { first.month() } else { 1 };
                    let b = if y == last.year() { last.month() } else { 12 };
                    (y, a, b)
                })
                .collect();
        }
        split
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

/// A period cut along months ([`Period::month_split`]). Ranges are `[from, until)`, empty when
/// `from == until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthSplit {
    /// The months read whole, as (year, first month, last month) for each calendar year that
    /// has one, in order.
    pub years: Vec<(i32, u32, u32)>,
    /// Days of the period outside those months: their visits are added.
    pub add: [(NaiveDate, NaiveDate); 2],
    /// Days of those months outside the period: their visits are taken away.
    pub remove: [(NaiveDate, NaiveDate); 2],
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
    fn month_split_reads_whole_months_and_adds_or_removes_the_fewer_days() {
        let t = d(2026, 11, 24);
        let split = |from, to| Period::custom(from, to).expect("period").month_split();
        let none = |p: Period| [(p.end_next(), p.end_next()); 2];
        for p in [Period::month(t), Period::quarter(t), Period::year(t)] {
            let s = p.month_split();
            assert_eq!(s.years, vec![(2026, p.from.month(), p.to.month())]);
            assert_eq!(s.add, none(p));
            assert!(s.remove.iter().all(|(a, b)| a == b), "{s:?}");
        }
        // 3-10..9-14: March read less 3-01..3-09 (9 days, fewer than the 22 it covers);
        // September's 14 days added (fewer than the 16 left out).
        let s = split(d(2026, 3, 10), d(2026, 9, 14));
        assert_eq!(s.years, vec![(2026, 3, 8)]);
        assert_eq!(s.remove[0], (d(2026, 3, 1), d(2026, 3, 10)));
        assert_eq!(s.add[1], (d(2026, 9, 1), d(2026, 9, 15)));
        assert_eq!((s.add[0].0, s.remove[1].0), (s.add[0].1, s.remove[1].1));
        // 3-20..9-24: March's 12 days added, September read less 9-25..9-30.
        let s = split(d(2026, 3, 20), d(2026, 9, 24));
        assert_eq!(s.years, vec![(2026, 4, 9)]);
        assert_eq!(s.add[0], (d(2026, 3, 20), d(2026, 4, 1)));
        assert_eq!(s.remove[1], (d(2026, 9, 25), d(2026, 10, 1)));
        // A year to today: last year's November less its first 24 days, this November less
        // the days to come.
        let s = split(d(2025, 11, 25), t);
        assert_eq!(s.years, vec![(2025, 12, 12), (2026, 1, 11)]);
        assert_eq!(s.add[0], (d(2025, 11, 25), d(2025, 12, 1)));
        assert_eq!(s.remove[1], (d(2026, 11, 25), d(2026, 12, 1)));
        // Inside one month: the days covered when they are at most half of it, else the month
        // less the rest.
        let s = split(d(2026, 11, 5), d(2026, 11, 12));
        assert_eq!(
            (s.years, s.add[0]),
            (vec![], (d(2026, 11, 5), d(2026, 11, 13)))
        );
        let s = split(d(2026, 11, 3), d(2026, 11, 27));
        assert_eq!(s.years, vec![(2026, 11, 11)]);
        assert_eq!(
            s.remove,
            [
                (d(2026, 11, 1), d(2026, 11, 3)),
                (d(2026, 11, 28), d(2026, 12, 1))
            ]
        );
        // Two cut months without a whole one between them; a span of several years.
        let s = split(d(2026, 1, 20), d(2026, 2, 10));
        assert_eq!(s.years, vec![]);
        assert_eq!(
            s.add,
            [
                (d(2026, 1, 20), d(2026, 2, 1)),
                (d(2026, 2, 1), d(2026, 2, 11))
            ]
        );
        let s = split(d(2024, 6, 30), d(2026, 2, 3));
        assert_eq!(s.years, vec![(2024, 7, 12), (2025, 1, 12), (2026, 1, 1)]);
        assert_eq!(
            s.add,
            [
                (d(2024, 6, 30), d(2024, 7, 1)),
                (d(2026, 2, 1), d(2026, 2, 4))
            ]
        );
        // December's end runs into the next year.
        let s = split(d(2026, 12, 1), d(2026, 12, 31));
        assert_eq!(s.years, vec![(2026, 12, 12)]);
    }
}
