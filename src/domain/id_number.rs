//! Resident identity numbers (GB 11643-1999): the MOD 11-2 check character, the birth date
//! inside, and a validated `IdNumber` type.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::mask::mask_id_number;
use super::validate::{EARLIEST_ID_BIRTH, FieldError, FieldErrorKind, err, fold_width};

/// A resident identity number (GB 11643-1999), validated: 18 ASCII characters, the check
/// character an uppercase `X` or a digit, with a real birth date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber {
    number: String,
    birth: NaiveDate,
}

impl IdNumber {
    /// The full 18-character number.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// The birth date encoded in characters 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// The 17th digit is the sequence number's last digit: odd for men, even for women.
    pub fn is_female(&self) -> bool {
        self.number
            .as_bytes()
            .get(16)
            .is_some_and(|d| (d - b'0').is_multiple_of(2))
    }

    /// The administrative division code of the place of first registration (first 6 digits).
    pub fn region(&self) -> &str {
        // All 18 characters are ASCII by construction, so byte 6 is a character boundary.
        self.number.get(..6).unwrap_or_default()
    }

    /// The number as lists and reports show it, see [`mask_id_number`].
    pub fn masked(&self) -> String {
        mask_id_number(&self.number)
    }
}

impl TryFrom<String> for IdNumber {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, FieldError> {
        parse_id_number("id_number", &s)
    }
}

impl From<IdNumber> for String {
    fn from(id: IdNumber) -> String {
        id.number
    }
}

/// The MOD 11-2 check character for the first 17 digits of an ID number, or `None` unless
/// given exactly 17 ASCII digits. The demo generator uses it to make valid numbers.
pub fn id_check_char(first17: &str) -> Option<char> {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 17 {
        return None;
    }
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    CHECK.get((sum % 11) as usize).copied()
}

/// Parses an ID number. Surrounding and inner spaces (numbers copied from printed forms are
/// often grouped 6-8-4), full-width characters and a lowercase `x` are accepted. The birth
/// date is not compared with today: that needs a clock and is the caller's business.
pub fn parse_id_number(field: &'static str, s: &str) -> Result<IdNumber, FieldError> {
    let number: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let chars: Vec<char> = number.chars().collect();
    match chars.len() {
        0 => return err(field, FieldErrorKind::Required),
        18 => {}
        got => return err(field, FieldErrorKind::IdNumberLength { got }),
    }
    let (body, last) = (&chars[..17], chars[17]);
    if !body.iter().all(char::is_ascii_digit) || !(last.is_ascii_digit() || last == 'X') {
        return err(field, FieldErrorKind::IdNumberCharacters);
    }
    let digits = |r: std::ops::Range<usize>| -> u32 {
        body[r]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0, |n, d| n * 10 + d)
    };
    let year = i32::try_from(digits(6..10)).unwrap_or(0);
    let birth = NaiveDate::from_ymd_opt(year, digits(10..12), digits(12..14))
        .filter(|d| *d >= EARLIEST_ID_BIRTH);
    let Some(birth) = birth else {
        return err(field, FieldErrorKind::IdNumberBirthDate);
    };
    let first17: String = body.iter().collect();
    match id_check_char(&first17) {
        Some(expected) if expected != last => {
            err(field, FieldErrorKind::IdNumberCheck { expected })
        }
        Some(_) => Ok(IdNumber { number, birth }),
        None => err(field, FieldErrorKind::IdNumberCharacters),
    }
}
