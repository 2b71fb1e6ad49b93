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
#[path = "calendar_tests.rs"]
mod tests;
