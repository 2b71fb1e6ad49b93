//! Form-field validation and canonical text normalisation.
//!
//! ID numbers (GB 11643) live in [`super::id_number`] and masking of personal data in
//! [`super::mask`]; both are re-exported here.
//!
//! Every parser takes the caller's stable field key so that a form can show the error next to
//! the field it belongs to. Everything here is pure: no I/O and no clock, so "today" and any
//! other range limit is supplied by the caller.

use chrono::NaiveDate;
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

pub use super::id_number::{IdNumber, id_check_char, parse_id_number};
pub use super::mask::{mask_id_number, mask_name, mask_phone};
use crate::i18n::{Lang, Localized};

/// The earliest date anything in the ledgers may carry: the ID standard and the household
/// registers have no births before it, so an earlier date is a typing mistake.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The earliest birth date an ID number may carry: GB 11643's own example is born in 1880, so
/// the ID check accepts the 19th century while ordinary form dates start at [`EARLIEST_DATE`].
pub const EARLIEST_ID_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(1800, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// A rejected form field: which field (a stable key chosen by the caller) and why.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {}", .kind.message(Lang::En))]
pub struct FieldError {
    /// Stable key of the field, e.g. `"id_number"`, `"phone"`, `"visit_date"`.
    pub field: &'static str,
    /// What is wrong with the value.
    pub kind: FieldErrorKind,
}

/// Why a field value was refused; each variant renders a one-line message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// Empty after normalisation.
    Required,
    /// Longer than the field allows (counted in characters, not bytes).
    TooLong { max_chars: usize },
    /// An ID number that is not 18 characters long (15 is the pre-1999 format).
    IdNumberLength { got: usize },
    /// An ID number whose first 17 are not all digits or whose last is not a digit or X.
    IdNumberCharacters,
    /// The birth date inside an ID number is not a real date or is before 1800.
    IdNumberBirthDate,
    /// The MOD 11-2 check character does not match the first 17 digits.
    IdNumberCheck { expected: char },
    /// Not a mainland mobile number.
    MobileFormat,
    /// Not in any of the accepted date layouts.
    DateFormat,
    /// Well-formed but no such day, e.g. 2026-02-30.
    DateNonexistent,
    /// A real date outside the range the caller allows.
    DateOutOfRange { min: NaiveDate, max: NaiveDate },
    /// Not a number at all.
    NumberFormat,
    /// A decimal where only whole numbers make sense (counts of people or households).
    NotInteger,
    /// A negative count or amount.
    Negative,
    /// An amount with more than two decimals: money is kept in fen.
    TooManyDecimals,
    /// Too large to store.
    NumberTooLarge,
}

impl Localized for FieldErrorKind {
    fn message(&self, lang: Lang) -> String {
        use FieldErrorKind as K;
        let pick = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
        match self {
            K::Required => pick("此项必填", "This field is required"),
            K::TooLong { max_chars: n } => pick(
                &format!("不能超过 {n} 个字"),
                &format!("At most {n} characters"),
            ),
            K::IdNumberLength { got: 15 } => pick(
                "这是 15 位旧身份证号，请改填 18 位新号",
                "This is an old 15-digit ID number; please enter the 18-character one",
            ),
            K::IdNumberLength { got } => pick(
                &format!("身份证号应为 18 位，现为 {got} 位"),
                &format!("ID number must have 18 characters (got {got})"),
            ),
            K::IdNumberCharacters => pick(
                "身份证号前 17 位应为数字，最后一位为数字或 X",
                "ID number must be 17 digits followed by a digit or X",
            ),
            K::IdNumberBirthDate => pick(
                "身份证号中的出生日期不存在或早于 1800 年",
                "The birth date inside the ID number is not a real date or is before 1800",
            ),
            K::IdNumberCheck { expected: c } => pick(
                &format!("身份证号校验位错误，应为 {c}，请核对"),
                &format!("ID number check character is wrong (expected {c}); please check it"),
            ),
            K::MobileFormat => pick(
                "手机号应为 11 位数字，以 13–19 开头",
                "Mobile number must be 11 digits starting with 13–19",
            ),
            K::DateFormat => pick(
                "日期格式应如 2026-03-05、2026/3/5 或 2026年3月5日",
                "Date must look like 2026-03-05, 2026/3/5 or 2026年3月5日",
            ),
            K::DateNonexistent => pick(
                "没有这一天，请核对月和日",
                "No such day; check the month and day",
            ),
            K::DateOutOfRange { min, max } => pick(
                &format!("日期应在 {min} 至 {max} 之间"),
                &format!("Date must be between {min} and {max}"),
            ),
            K::NumberFormat => pick(
                "请输入数字，如 1200 或 1,200.50",
                "Enter a number like 1200 or 1,200.50",
            ),
            K::NotInteger => pick("请输入整数", "Enter a whole number"),
            K::Negative => pick("不能为负数", "Must not be negative"),
            K::TooManyDecimals => pick("金额最多两位小数（到分）", "At most two decimals (fen)"),
            K::NumberTooLarge => pick("数值过大", "Number is too large"),
        }
    }
}

impl Localized for FieldError {
    fn message(&self, lang: Lang) -> String {
        self.kind.message(lang)
    }
}

pub(super) fn err<T>(field: &'static str, kind: FieldErrorKind) -> Result<T, FieldError> {
    Err(FieldError { field, kind })
}

/// Canonical form of stored text: the same words typed on a phone IME, pasted from WeChat or
/// typed on Windows must compare and search equal, so we compose to NFC, turn full-width and
/// no-break spaces into plain ones, drop invisible BOM/zero-width spaces, use `\n` line ends
/// and trim.
pub fn normalize_text(s: &str) -> String {
    let unified: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\u{3000}' | '\u{a0}' => Some(' '),
            '\u{feff}' | '\u{200b}' => None,
            c => Some(c),
        })
        .collect();
    unified.nfc().collect::<String>().trim().to_owned()
}

/// The normalised text, refused when empty.
pub fn require(field: &'static str, s: &str) -> Result<String, FieldError> {
    let text = normalize_text(s);
    if text.is_empty() {
        return err(field, FieldErrorKind::Required);
    }
    Ok(text)
}

/// The normalised text, which may be empty but not longer than `max_chars` characters.
pub fn limit_chars(field: &'static str, s: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = normalize_text(s);
    if text.chars().count() > max_chars {
        return err(field, FieldErrorKind::TooLong { max_chars });
    }
    Ok(text)
}

/// [`require`] and [`limit_chars`] together, the usual rule for a mandatory text field.
pub fn require_within(
    field: &'static str,
    s: &str,
    max_chars: usize,
) -> Result<String, FieldError> {
    limit_chars(field, &require(field, s)?, max_chars)
}

/// Structured fields (IDs, phones, dates, numbers) are often typed with a Chinese IME still
/// in full-width mode, so its digits, letters and punctuation are folded to ASCII first.
pub(super) fn fold_width(s: &str) -> String {
    let fold = |c: char| match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    };
    s.chars().map(fold).collect::<String>().trim().to_owned()
}

/// Parses a mainland mobile number (`1[3-9]` and 9 more digits) as people write it — with
/// spaces or hyphens in groups, or a `+86`/`0086`/`86` prefix — and returns the bare 11
/// digits, the one form stored so that numbers compare equal.
pub fn parse_mobile(field: &'static str, s: &str) -> Result<String, FieldError> {
    let compact: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() {
        return err(field, FieldErrorKind::Required);
    }
    let bare = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("0086"))
        .or_else(|| compact.strip_prefix("86").filter(|rest| rest.len() == 11))
        .unwrap_or(&compact);
    let b = bare.as_bytes();
    let ok = b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1]);
    if !ok {
        return err(field, FieldErrorKind::MobileFormat);
    }
    Ok(bare.to_owned())
}

/// Splits a date into year, month and day text in any accepted layout.
fn split_date(s: &str) -> Option<(&str, &str, &str)> {
    if let Some(rest) = s.strip_suffix('日').or_else(|| s.strip_suffix('号')) {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        return Some((y.trim(), m.trim(), d.trim()));
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some((s.get(..4)?, s.get(4..6)?, s.get(6..)?));
    }
    let sep = ['-', '/', '.'].into_iter().find(|c| s.contains(*c))?;
    let mut parts = s.split(sep);
    let ymd = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some(ymd)
}

/// Parses a date written as `2026-03-05`, `2026-3-5`, `2026/3/5`, `2026.3.5`, `2026年3月5日`
/// or `20260305` (full-width digits too). The year must have four digits; the range is not
/// checked here — see [`check_date_range`].
pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, FieldError> {
    let text = fold_width(s);
    if text.is_empty() {
        return err(field, FieldErrorKind::Required);
    }
    let number = |t: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let parsed = split_date(&text)
        .and_then(|(y, m, d)| Some((number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)));
    let Some((y, m, d)) = parsed else {
        return err(field, FieldErrorKind::DateFormat);
    };
    let year = i32::try_from(y).unwrap_or(0);
    match NaiveDate::from_ymd_opt(year, m, d) {
        Some(date) => Ok(date),
        None => err(field, FieldErrorKind::DateNonexistent),
    }
}

/// Refuses a date outside `min..=max`; the caller supplies the range because only it knows
/// today (e.g. a visit date from [`EARLIEST_DATE`] to today, a deadline up to a year ahead).
pub fn check_date_range(
    field: &'static str,
    date: NaiveDate,
    min: NaiveDate,
    max: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if date < min || date > max {
        return err(field, FieldErrorKind::DateOutOfRange { min, max });
    }
    Ok(date)
}

/// [`parse_date`] then [`check_date_range`].
pub fn parse_date_between(
    field: &'static str,
    s: &str,
    min: NaiveDate,
    max: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    check_date_range(field, parse_date(field, s)?, min, max)
}

/// Reads `1200`, `1,200.50` (commas only in correct groups of three, so a European decimal
/// comma such as `1,5` is refused rather than read as 15) after stripping one unit suffix,
/// into whole digits without commas and fraction digits.
fn parse_decimal(
    field: &'static str,
    s: &str,
    prefixes: &[char],
    units: &[char],
) -> Result<(String, String), FieldError> {
    let text = fold_width(s);
    let text = text.trim_start_matches(prefixes).trim_start();
    let text = text.strip_suffix(units).unwrap_or(text).trim_end();
    if text.is_empty() {
        return err(field, FieldErrorKind::Required);
    }
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let grouped = whole.contains(',');
    let ok = !first.is_empty()
        && all_digits(first)
        && (!grouped || first.len() <= 3)
        && groups.all(|g| g.len() == 3 && all_digits(g))
        && all_digits(fraction)
        && !text.ends_with('.');
    if !ok {
        return err(field, FieldErrorKind::NumberFormat);
    }
    if negative {
        return err(field, FieldErrorKind::Negative);
    }
    Ok((whole.replace(',', ""), fraction.to_owned()))
}

/// Parses a whole count such as 受益户数 or 涉及人数: `30`, `1,200`, or with the unit typed
/// after it (`30户`, `12人`).
pub fn parse_count(field: &'static str, s: &str) -> Result<u32, FieldError> {
    let (whole, fraction) = parse_decimal(field, s, &[], &['人', '户', '名', '个'])?;
    if !fraction.is_empty() {
        return err(field, FieldErrorKind::NotInteger);
    }
    whole.parse().map_err(|_| FieldError {
        field,
        kind: FieldErrorKind::NumberTooLarge,
    })
}

/// Parses an amount in yuan (`1200`, `1,200.50`, `1200元`, `¥1200`) into fen, because money
/// is stored as integers to keep sums exact.
pub fn parse_amount_yuan(field: &'static str, s: &str) -> Result<i64, FieldError> {
    let (whole, fraction) = parse_decimal(field, s, &['¥', '￥'], &['元'])?;
    if fraction.len() > 2 {
        return err(field, FieldErrorKind::TooManyDecimals);
    }
    let fen: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    whole
        .parse::<i64>()
        .ok()
        .and_then(|yuan| yuan.checked_mul(100)?.checked_add(fen))
        .ok_or(FieldError {
            field,
            kind: FieldErrorKind::NumberTooLarge,
        })
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
