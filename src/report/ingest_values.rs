//! Ingest cell values: dates in the forms spreadsheets hold them (Excel serial numbers,
//! 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, with or without a time), 办理时限 as a date or
//! as a number of (working) days, and catalog labels (categories, natures, sources) back to
//! their codes.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::ingest_headers::normalize_header;
use super::ingest_read::Cell;
use crate::domain::Ledger;
use crate::domain::catalog::{Catalog, Entry};
use crate::domain::validate::parse_date;

/// The Excel serial numbers read as dates when a date column holds a bare number: 1955–2119.
const SERIAL_DAYS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// Excel's day 0 (serial 1 = 1900-01-01, counting its 1900 leap-year bug).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// An Excel serial date-time (days since 1899-12-30, the fraction is the time of day).
pub fn from_serial(n: f64) -> Option<NaiveDateTime> {
    if !SERIAL_DAYS.contains(&n) {
        return None;
    }
    let days = n.floor();
    let secs = ((n - days) * 86_400.0).round() as i64;
    let date = excel_epoch().checked_add_signed(Duration::days(days as i64))?;
    Some(date.and_time(NaiveTime::MIN) + Duration::seconds(secs))
}

/// `9:30`, `09:30:15`, `9时30分`.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s
        .replace(['时', '点'], ":")
        .replace('分', ":")
        .replace('秒', "");
    let mut parts = s.trim_end_matches(':').split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next().map_or(Some(0), |p| p.trim().parse().ok())?;
    let sec: u32 = parts
        .next()
        .map_or(Some(0), |p| p.trim().split('.').next()?.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

/// Text after a date that says "by" (`2026年3月20日前`).
fn strip_before(s: &str) -> &str {
    ["之前", "以前", "前"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix))
        .unwrap_or(s)
        .trim()
}

/// A date (and maybe a time) from a cell; `Ok(None)` for an empty cell, `Err(())` for one that
/// holds something else. Midnight stands for "no time given".
#[allow(clippy::result_unit_err)]
pub fn date_time_of(cell: &Cell) -> Result<Option<NaiveDateTime>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(n) => {
            text_date_time(&format!("{}", *n as i64))
        }
        Cell::Number(n) => from_serial(*n).map(Some).ok_or(()),
        Cell::Text(s) => text_date_time(s),
    }
}

fn text_date_time(s: &str) -> Result<Option<NaiveDateTime>, ()> {
    let s = strip_before(s.trim());
    if s.is_empty() {
        return Ok(None);
    }
    // A serial number that reached a CSV file as text (an unformatted date column).
    if let Ok(n) = s.parse::<f64>()
        && s.len() <= 10
        && !(s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()))
    {
        return from_serial(n).map(Some).ok_or(());
    }
    let (date, time) = match s.find(|c: char| c.is_whitespace() || c == 'T') {
        Some(i) => (&s[..i], s[i..].trim_start_matches('T').trim()),
        None => match s.find('日') {
            // 2026年3月5日9时30分
            Some(i) if i + '日'.len_utf8() < s.len() => {
                (&s[..i + '日'.len_utf8()], s[i + '日'.len_utf8()..].trim())
            }
            _ => (s, ""),
        },
    };
    let date = parse_date("date", date).map_err(|_| ())?;
    let time = if time.is_empty() {
        NaiveTime::MIN
    } else {
        parse_time(time).ok_or(())?
    };
    Ok(Some(date.and_time(time)))
}

/// What a 办理时限 cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineSpec {
    Date(NaiveDate),
    /// `15个工作日`, or a bare number (time limits are counted in working days).
    WorkingDays(u32),
    /// `7天`, `30日`: calendar days.
    Days(u32),
}

/// 一…九十九 in Chinese numerals (时限 are written 十五个工作日 too).
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c == '两' { '二' } else { c })
        .collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).map(|n| n as u32),
        ['十', d] => digit(*d).map(|n| 10 + n as u32),
        [t, '十'] => digit(*t).map(|n| n as u32 * 10),
        [t, '十', d] => Some(digit(*t)? as u32 * 10 + digit(*d)? as u32),
        _ => None,
    }
}

fn count_of(s: &str) -> Option<u32> {
    let s = s.trim();
    s.parse().ok().or_else(|| chinese_number(s))
}

/// The deadline a cell gives; `Ok(None)` when empty.
#[allow(clippy::result_unit_err)]
pub fn deadline_of(cell: &Cell) -> Result<Option<DeadlineSpec>, ()> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (0.0..=365.0).contains(n) => {
            return Ok(Some(DeadlineSpec::WorkingDays(*n as u32)));
        }
        Cell::Text(s) => {
            let t = normalize_header(s);
            let t = strip_before(&t);
            for suffix in ["个工作日", "工作日"] {
                if let Some(n) = t.strip_suffix(suffix).and_then(count_of) {
                    return Ok(Some(DeadlineSpec::WorkingDays(n)));
                }
            }
            for suffix in ["天", "日"] {
                if let Some(n) = t.strip_suffix(suffix).and_then(count_of) {
                    return Ok(Some(DeadlineSpec::Days(n)));
                }
            }
            if let Some(n) = t.parse::<u32>().ok().filter(|n| *n <= 365) {
                return Ok(Some(DeadlineSpec::WorkingDays(n)));
            }
        }
        _ => {}
    }
    Ok(date_time_of(cell)?.map(|d| DeadlineSpec::Date(d.date())))
}

/// How a label matched a catalog list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Code(String),
    Unknown(String),
    Empty,
}

/// The entry a label names: its Chinese label, a part of it between `/` (住房 for 住房/危房改造),
/// its code or English label, else the only entry whose label starts with it (道路 → 道路交通).
pub fn match_label(list: &[Entry], text: &str) -> Label {
    let t = normalize_header(text);
    if t.is_empty() {
        return Label::Empty;
    }
    let exact = list.iter().find(|e| {
        let zh = normalize_header(&e.zh);
        zh == t
            || e.code == t
            || normalize_header(&e.en) == t
            || zh.split('/').any(|part| part == t)
    });
    if let Some(e) = exact {
        return Label::Code(e.code.clone());
    }
    let prefixed: Vec<&Entry> = list
        .iter()
        .filter(|e| t.chars().count() >= 2 && normalize_header(&e.zh).starts_with(&t))
        .collect();
    match prefixed.as_slice() {
        [one] => Label::Code(one.code.clone()),
        _ => Label::Unknown(text.trim().to_owned()),
    }
}

/// The category of a ledger's row (for hardship, the causes: several may be listed,
/// separated by 、 , ; or spaces; the first is the item's category).
pub fn categories(ledger: Ledger, text: &str) -> Vec<Label> {
    let list = Catalog::builtin().categories(ledger);
    if ledger != Ledger::Hardship {
        return vec![match_label(list, text)];
    }
    let parts: Vec<Label> = text
        .split(['、', ',', '，', ';', '；', ' ', '\u{3000}'])
        .filter(|p| !p.trim().is_empty())
        .map(|p| match_label(list, p))
        .collect();
    if parts.is_empty() {
        vec![Label::Empty]
    } else {
        parts
    }
}

/// The source (来源) code a label names: `12345` anywhere means the hotline.
pub fn source(text: &str) -> Label {
    if text.contains("12345") {
        return Label::Code("hotline_12345".into());
    }
    match normalize_header(text).as_str() {
        "入户走访" | "走访" | "下访" => Label::Code("visit".into()),
        "上访" | "来信来访" | "信访" => Label::Code("walk_in".into()),
        "来电" | "电话反映" => Label::Code("phone".into()),
        _ => match_label(&Catalog::builtin().sources, text),
    }
}

#[cfg(test)]
#[path = "ingest_values_tests.rs"]
mod tests;
