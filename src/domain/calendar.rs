//! The Chinese working-day calendar: statutory holidays, 调休 make-up days and working-day arithmetic.
//!
//! Data comes from the State Council's yearly notices (`assets/holidays-cn.json`). Years the file
//! does not cover are counted as plain Monday–Friday weeks, and [`Calendar::missing_years`] lets
//! the UI say so instead of silently pretending to know.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// The embedded data, so the app works offline with nothing to install.
const BUILTIN_JSON: &str = include_str!("../../assets/holidays-cn.json");

/// Why holiday data could not be loaded.
#[derive(Debug, Error)]
pub enum CalendarError {
    /// Not JSON, or not the expected shape.
    #[error("malformed holiday data: {0}")]
    Json(#[from] serde_json::Error),
    /// A key under `years` that is not a year number.
    #[error("holiday data: `{0}` is not a year")]
    BadYear(String),
    /// A date that is not a real `YYYY-MM-DD` date.
    #[error("holiday data for {year}: `{value}` is not a valid date")]
    BadDate { year: i32, value: String },
    /// The stated weekday disagrees with the date: a typo in a date is the likeliest cause.
    #[error("holiday data: {date} is not a {stated}")]
    WeekdayMismatch { date: NaiveDate, stated: String },
    /// A day listed both as a holiday and as a make-up working day.
    #[error("holiday data: {0} is listed both as a holiday and as a working day")]
    Conflict(NaiveDate),
}

impl Localized for CalendarError {
    fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Zh, CalendarError::Json(e)) => format!("节假日数据格式错误：{e}"),
            (Lang::Zh, CalendarError::BadYear(y)) => format!("节假日数据：“{y}”不是年份"),
            (Lang::Zh, CalendarError::BadDate { year, value }) => {
                format!("{year} 年节假日数据：“{value}”不是有效日期")
            }
            (Lang::Zh, CalendarError::WeekdayMismatch { date, stated }) => {
                format!("节假日数据：{date} 不是{stated}")
            }
            (Lang::Zh, CalendarError::Conflict(d)) => {
                format!("节假日数据：{d} 同时被列为假日和调休上班日")
            }
        }
    }
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    source_note: String,
    years: BTreeMap<String, RawYear>,
}

#[derive(Deserialize)]
struct RawYear {
    #[serde(default)]
    holidays: Vec<RawHoliday>,
    #[serde(default)]
    workdays: Vec<RawWorkday>,
}

#[derive(Deserialize)]
struct RawHoliday {
    name: String,
    days: Vec<String>,
}

#[derive(Deserialize)]
struct RawWorkday {
    date: String,
    weekday: Option<String>,
}

/// Holidays and make-up working days for the years the data covers.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    source_note: String,
    years: BTreeSet<i32>,
    /// Every listed holiday with its festival name, for display.
    holidays: BTreeMap<NaiveDate, String>,
    /// Only holidays on Monday–Friday: these are the ones that change a weekday count.
    off_weekdays: BTreeSet<NaiveDate>,
    /// Only make-up days on Saturday/Sunday, for the same reason.
    on_weekends: BTreeSet<NaiveDate>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn parse_date(year: i32, value: &str) -> Result<NaiveDate, CalendarError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| CalendarError::BadDate {
        year,
        value: value.to_owned(),
    })
}

/// Accepts 周一…周日 / 星期一…星期日 / 星期天 and English names.
fn weekday_matches(stated: &str, d: NaiveDate) -> bool {
    let s = stated.trim();
    let zh = ["一", "二", "三", "四", "五", "六", "日"];
    let idx = d.weekday().num_days_from_monday() as usize;
    let tail = s.strip_prefix("周").or_else(|| s.strip_prefix("星期"));
    match tail {
        Some(t) => zh.get(idx) == Some(&t) || (idx == 6 && t == "天"),
        None => s.parse::<Weekday>().is_ok_and(|w| w == d.weekday()),
    }
}

/// Signed count of Monday–Friday days in `[0, m)`, where day 0 is a Monday; for `m < 0`
/// it is minus the count in `[m, 0)`, so any interval is a difference of two values.
fn weekday_prefix(m: i64) -> i64 {
    5 * m.div_euclid(7) + m.rem_euclid(7).min(5)
}

/// Day number with Monday ≡ 0 (mod 7); 0001-01-01 (day 1 from CE) is a Monday.
fn day_index(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 1
}

impl Calendar {
    /// Parses the `holidays-cn.json` format; every date is checked, nothing is guessed.
    pub fn from_json(json: &str) -> Result<Calendar, CalendarError> {
        let raw: RawFile = serde_json::from_str(json)?;
        let mut cal = Calendar {
            source_note: raw.source_note,
            ..Calendar::default()
        };
        let mut workdays = BTreeSet::new();
        for (key, year_data) in raw.years {
            let year: i32 = key
                .trim()
                .parse()
                .map_err(|_| CalendarError::BadYear(key.clone()))?;
            cal.years.insert(year);
            for h in year_data.holidays {
                for day in &h.days {
                    let d = parse_date(year, day)?;
                    if !is_weekend(d) {
                        cal.off_weekdays.insert(d);
                    }
                    cal.holidays.insert(d, h.name.clone());
                }
            }
            for w in year_data.workdays {
                let d = parse_date(year, &w.date)?;
                if let Some(stated) = w.weekday.filter(|s| !weekday_matches(s, d)) {
                    return Err(CalendarError::WeekdayMismatch { date: d, stated });
                }
                workdays.insert(d);
            }
        }
        if let Some(d) = workdays.iter().find(|d| cal.holidays.contains_key(d)) {
            return Err(CalendarError::Conflict(*d));
        }
        cal.on_weekends = workdays.into_iter().filter(|d| is_weekend(*d)).collect();
        Ok(cal)
    }

    /// The embedded calendar, parsed once. Broken embedded data degrades to Mon–Fri
    /// (with every year reported missing) rather than taking the app down.
    pub fn builtin() -> &'static Calendar {
        static CAL: OnceLock<Calendar> = OnceLock::new();
        CAL.get_or_init(|| Calendar::from_json(BUILTIN_JSON).unwrap_or_default())
    }

    /// Where the data comes from (the notices it was taken from).
    pub fn source_note(&self) -> &str {
        &self.source_note
    }

    /// The festival a day belongs to, if it is a listed holiday.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.holidays.get(&d).map(String::as_str)
    }

    /// Weekends are off unless they are 调休 make-up days; listed holidays are off.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if is_weekend(d) {
            self.on_weekends.contains(&d)
        } else {
            !self.off_weekdays.contains(&d)
        }
    }

    /// Working days in `(from, to]`, `from <= to`: whole weeks by arithmetic, then the
    /// listed exceptions in range, so cost depends on the data, not on the span.
    fn count_forward(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let plain = weekday_prefix(day_index(to) + 1) - weekday_prefix(day_index(from) + 1);
        let range = (Excluded(from), Included(to));
        let added = self.on_weekends.range(range).count() as i64;
        let removed = self.off_weekdays.range(range).count() as i64;
        plain + added - removed
    }

    /// Working days in `(from, to]`; negated count of `(to, from]` when `to < from`.
    /// `working_days_between(today, deadline)` is therefore the working days left.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to >= from {
            self.count_forward(from, to)
        } else {
            -self.count_forward(to, from)
        }
    }

    /// The `n`-th working day after `start` (`start` itself never counts, `n = 0` is `start`).
    /// Saturates at [`NaiveDate::MAX`] when the answer would lie beyond it.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return start;
        }
        let n = i64::from(n);
        // Each run of 7 days holds at least 5 weekdays, and at most every listed weekday
        // holiday removes one, so the answer lies within this many days.
        let bound = (n + self.off_weekdays.len() as i64) / 5 * 7 + 14;
        let hi_date = u64::try_from(bound)
            .ok()
            .and_then(|b| start.checked_add_days(Days::new(b)))
            .unwrap_or(NaiveDate::MAX);
        if self.count_forward(start, hi_date) < n {
            return NaiveDate::MAX;
        }
        // Smallest day with count == n; count grows by at most one a day, so it is the answer.
        let (mut lo, mut hi) = (0_u64, (hi_date - start).num_days().unsigned_abs());
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let d = start
                .checked_add_days(Days::new(mid))
                .unwrap_or(NaiveDate::MAX);
            if self.count_forward(start, d) >= n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        start
            .checked_add_days(Days::new(hi))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether the data covers `year` at all.
    pub fn has_data_for(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Years touched by the span (either order, both ends included) for which Mon–Fri was assumed.
    pub fn missing_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let (a, b) = (from.min(to).year(), from.max(to).year());
        (a..=b).filter(|y| !self.has_data_for(*y)).collect()
    }
}

/// The warning shown when a computation assumed Mon–Fri; `None` when nothing was assumed.
/// Consecutive years are joined into ranges so a long span stays one short line.
pub fn fallback_warning(years: &[i32], lang: Lang) -> Option<String> {
    let mut sorted = years.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for y in sorted {
        match runs.last_mut() {
            Some((_, end)) if i64::from(*end) + 1 == i64::from(y) => *end = y,
            _ => runs.push((y, y)),
        }
    }
    if runs.is_empty() {
        return None;
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    Some(match lang {
        Lang::Zh => format!("{} 年节假日数据缺失，按周一至周五计算", parts.join("、")),
        Lang::En => format!(
            "No holiday data for {}; counted Monday–Friday as working days",
            parts.join(", ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> &'static Calendar {
        Calendar::builtin()
    }

    /// The day-by-day definitions the fast paths must agree with.
    fn naive_between(c: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let n = a.iter_days().skip(1).take_while(|x| *x <= b);
        sign * n.filter(|x| c.is_working_day(*x)).count() as i64
    }

    fn naive_add(c: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
        let mut cur = start;
        for _ in 0..n {
            cur = cur
                .iter_days()
                .skip(1)
                .find(|x| c.is_working_day(*x))
                .unwrap();
        }
        cur
    }

    #[test]
    fn embedded_data_parses_and_covers_2025_2026_only() {
        // builtin() silently falls back, so check the asset itself parses.
        let parsed = Calendar::from_json(BUILTIN_JSON).unwrap();
        assert!(parsed.source_note().contains("国办发明电〔2025〕7号"));
        assert!(cal().has_data_for(2025) && cal().has_data_for(2026));
        assert!(!cal().has_data_for(2024) && !cal().has_data_for(2027));
        assert_eq!(cal().holiday_name(d(2026, 2, 17)), Some("春节"));
        assert_eq!(cal().holiday_name(d(2026, 2, 24)), None);
    }

    #[test]
    fn spring_festival_2026() {
        for day in 15..=23 {
            assert!(!cal().is_working_day(d(2026, 2, day)), "2026-02-{day}");
        }
        assert!(cal().is_working_day(d(2026, 2, 14)), "Sat make-up day");
        assert!(cal().is_working_day(d(2026, 2, 28)), "Sat make-up day");
        assert!(!cal().is_working_day(d(2026, 3, 1)), "plain Sunday");
        assert_eq!(cal().add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
        assert_eq!(cal().add_working_days(d(2026, 2, 13), 2), d(2026, 2, 24));
        assert_eq!(cal().add_working_days(d(2026, 2, 14), 1), d(2026, 2, 24));
        // Fri 02-13 + 10: 14(Sat), 24–27, 28(Sat), 03-02..05.
        assert_eq!(cal().add_working_days(d(2026, 2, 13), 10), d(2026, 3, 5));
        assert_eq!(
            cal().working_days_between(d(2026, 2, 13), d(2026, 3, 5)),
            10
        );
        assert_eq!(
            cal().working_days_between(d(2026, 2, 14), d(2026, 2, 23)),
            0
        );
    }

    #[test]
    fn national_day_2025() {
        for day in 1..=8 {
            assert!(!cal().is_working_day(d(2025, 10, day)), "2025-10-0{day}");
        }
        assert!(cal().is_working_day(d(2025, 9, 28)), "Sun make-up day");
        assert!(cal().is_working_day(d(2025, 10, 11)), "Sat make-up day");
        assert!(!cal().is_working_day(d(2025, 10, 12)));
        // Tue 09-30 + 1 skips the whole holiday; Thu 10-09 is the first day back.
        assert_eq!(cal().add_working_days(d(2025, 9, 30), 1), d(2025, 10, 9));
        assert_eq!(cal().add_working_days(d(2025, 9, 26), 3), d(2025, 9, 30));
    }

    #[test]
    fn friday_before_national_day_2026() {
        // Fri 09-18 + 10: 20(Sun make-up), 21–24, 28–30, 10-08, 10-09; 09-25..27 is 中秋.
        assert_eq!(d(2026, 9, 18).weekday(), Weekday::Fri);
        assert_eq!(cal().add_working_days(d(2026, 9, 18), 10), d(2026, 10, 9));
        assert!(cal().is_working_day(d(2026, 10, 10)), "Sat make-up day");
    }

    #[test]
    fn missing_years_fall_back_to_monday_to_friday() {
        // 2027-01-01 is a Friday: surely a holiday in reality, but there is no data.
        assert!(cal().is_working_day(d(2027, 1, 1)));
        assert!(!cal().is_working_day(d(2027, 1, 2)));
        assert!(cal().is_working_day(d(2024, 10, 1)));
        assert_eq!(cal().add_working_days(d(2027, 1, 1), 5), d(2027, 1, 8));
        assert_eq!(cal().missing_years(d(2026, 12, 20), d(2027, 1, 10)), [2027]);
        assert_eq!(
            cal().missing_years(d(2027, 1, 10), d(2024, 6, 1)),
            [2024, 2027]
        );
        assert!(
            cal()
                .missing_years(d(2025, 1, 1), d(2026, 12, 31))
                .is_empty()
        );
        let empty = Calendar::default();
        assert_eq!(empty.missing_years(d(2025, 3, 3), d(2025, 3, 3)), [2025]);
        assert!(empty.is_working_day(d(2025, 10, 1)));
    }

    #[test]
    fn fallback_warning_text() {
        assert_eq!(fallback_warning(&[], Lang::Zh), None);
        assert_eq!(
            fallback_warning(&[2027], Lang::Zh).unwrap(),
            "2027 年节假日数据缺失，按周一至周五计算"
        );
        assert_eq!(
            fallback_warning(&[2029, 2024, 2027, 2028], Lang::Zh).unwrap(),
            "2024、2027–2029 年节假日数据缺失，按周一至周五计算"
        );
        let en = fallback_warning(&[2027], Lang::En).unwrap();
        assert!(en.contains("2027") && en.contains("Monday"));
    }

    #[test]
    fn fast_paths_match_day_by_day_over_data_years() {
        let c = cal();
        let mut start = d(2024, 12, 1);
        while start <= d(2027, 1, 31) {
            for n in [0, 1, 2, 3, 5, 7, 10, 15, 23, 40] {
                let end = c.add_working_days(start, n);
                assert_eq!(end, naive_add(c, start, n), "add {start} + {n}");
                assert_eq!(c.working_days_between(start, end), i64::from(n));
                assert_eq!(c.working_days_between(end, start), -i64::from(n));
            }
            for k in (-45..=45).step_by(4) {
                let other = start + chrono::TimeDelta::days(k);
                let want = naive_between(c, start, other);
                assert_eq!(
                    c.working_days_between(start, other),
                    want,
                    "{start}→{other}"
                );
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn weekday_arithmetic_is_aligned_everywhere() {
        let c = Calendar::default();
        for origin in [NaiveDate::MIN, d(-1, 12, 25), d(1, 1, 1), d(1970, 1, 1)] {
            for k in 0..30 {
                let a = origin + chrono::TimeDelta::days(k);
                let b = a + chrono::TimeDelta::days(17);
                assert_eq!(c.working_days_between(a, b), naive_between(&c, a, b), "{a}");
            }
        }
        assert_eq!(d(1, 1, 1).weekday(), Weekday::Mon);
    }

    #[test]
    fn extreme_dates_never_panic() {
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        let c = cal();
        let all = c.working_days_between(min, max);
        assert!(all > 0);
        assert_eq!(c.working_days_between(max, min), -all);
        assert_eq!(c.working_days_between(max, max), 0);
        assert_eq!(c.add_working_days(max, 1), max);
        assert_eq!(c.add_working_days(min, u32::MAX), max);
        assert_eq!(
            c.add_working_days(max - chrono::TimeDelta::days(3), 10),
            max
        );
        let near = c.add_working_days(min, 3);
        assert_eq!(c.working_days_between(min, near), 3);
        // About 68 million working days are left between 2025 and MAX.
        let far = c.add_working_days(d(2025, 1, 1), 50_000_000);
        assert_eq!(c.working_days_between(d(2025, 1, 1), far), 50_000_000);
        assert_eq!(c.add_working_days(d(2025, 1, 1), 100_000_000), max);
        let _ = c.is_working_day(min) || c.is_working_day(max);
    }

    #[test]
    fn bad_data_is_an_error_not_a_panic() {
        let ok = r#"{"years":{"2030":{"holidays":[{"name":"x","days":["2030-01-01"]}]}}}"#;
        let c = Calendar::from_json(ok).unwrap();
        assert!(c.has_data_for(2030) && !c.is_working_day(d(2030, 1, 1)));
        assert!(matches!(
            Calendar::from_json("{ not json"),
            Err(CalendarError::Json(_))
        ));
        assert!(matches!(
            Calendar::from_json(r#"{"years":{"20x5":{}}}"#),
            Err(CalendarError::BadYear(_))
        ));
        let bad_date = r#"{"years":{"2025":{"holidays":[{"name":"x","days":["2025-02-30"]}]}}}"#;
        assert!(matches!(
            Calendar::from_json(bad_date),
            Err(CalendarError::BadDate { year: 2025, .. })
        ));
        let wrong_day =
            r#"{"years":{"2025":{"workdays":[{"date":"2025-09-28","weekday":"周六"}]}}}"#;
        let err = Calendar::from_json(wrong_day).unwrap_err();
        assert!(matches!(err, CalendarError::WeekdayMismatch { .. }));
        assert!(err.message(Lang::Zh).contains("2025-09-28"));
        let conflict = r#"{"years":{"2025":{"holidays":[{"name":"x","days":["2025-09-28"]}],
            "workdays":[{"date":"2025-09-28","weekday":"星期天"}]}}}"#;
        assert!(matches!(
            Calendar::from_json(conflict),
            Err(CalendarError::Conflict(_))
        ));
    }
}
