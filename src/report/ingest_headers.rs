//! Ingest header mapping: the synonym table of `assets/ingest_headers.json`, header-cell
//! normalisation, finding the header row among the first rows of a sheet, and which column
//! holds which field.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::domain::{ItemStatus, Satisfaction};

/// How many rows from the top are searched for the header row (title rows sit above it).
pub const HEADER_SCAN_ROWS: usize = 10;

/// A header row must name at least this many different fields.
pub const MIN_HEADER_FIELDS: usize = 2;

/// A field of a ledger row that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Number,
    Village,
    Group,
    Reporter,
    Phone,
    IdNumber,
    Address,
    Content,
    Title,
    Category,
    Nature,
    Source,
    RegisteredAt,
    Deadline,
    FirstResponder,
    ResponsiblePerson,
    ResponsibleUnit,
    Progress,
    Measures,
    Result,
    AnsweredAt,
    ReturnVisitAt,
    Satisfaction,
    ClosedAt,
    Status,
    ClosedFlag,
    Beneficiaries,
    Helper,
    PeopleInvolved,
    RiskLevel,
    Leader,
    Stabilisation,
    Note,
}

/// The synonym table as shipped.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Synonyms {
    pub fields: BTreeMap<Field, Vec<String>>,
    pub status_values: BTreeMap<ItemStatus, Vec<String>>,
    pub satisfaction_values: BTreeMap<SatisfactionKey, Vec<String>>,
    pub yes_values: Vec<String>,
    pub no_values: Vec<String>,
    pub risk_values: BTreeMap<String, Vec<String>>,
    /// Normalised header → (field, rank), built on first use: every data row is checked for
    /// being a repeated header, so lookups must not normalise the whole table each time.
    #[serde(skip)]
    index: OnceLock<HashMap<String, (Field, usize)>>,
}

/// [`Satisfaction`] as a map key (it has no ordering of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionKey {
    Satisfied,
    Basically,
    Unsatisfied,
}

impl From<SatisfactionKey> for Satisfaction {
    fn from(k: SatisfactionKey) -> Satisfaction {
        match k {
            SatisfactionKey::Satisfied => Satisfaction::Satisfied,
            SatisfactionKey::Basically => Satisfaction::Basically,
            SatisfactionKey::Unsatisfied => Satisfaction::Unsatisfied,
        }
    }
}

impl Synonyms {
    /// Parses the `ingest_headers.json` format.
    pub fn from_json(json: &str) -> Result<Synonyms, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The table shipped in `assets/`; a broken embedded file (a test guards against it) gives
    /// an empty table, so every file is then refused as "no header row" rather than a panic.
    pub fn builtin() -> &'static Synonyms {
        static TABLE: OnceLock<Synonyms> = OnceLock::new();
        TABLE.get_or_init(|| {
            Synonyms::from_json(include_str!("../../assets/ingest_headers.json"))
                .unwrap_or_default()
        })
    }

    /// The first synonym of a field: how messages name it.
    pub fn label(&self, field: Field) -> &str {
        self.fields
            .get(&field)
            .and_then(|s| s.first())
            .map_or("?", String::as_str)
    }

    /// The field a header cell names and the rank of the synonym it matched (0 = the first).
    pub fn field_of(&self, header: &str) -> Option<(Field, usize)> {
        let h = normalize_header(header);
        if h.is_empty() {
            return None;
        }
        self.lookup(&h).or_else(|| {
            let short = strip_paren_suffix(&h);
            (short != h && !short.is_empty())
                .then(|| self.lookup(short))
                .flatten()
        })
    }

    fn lookup(&self, h: &str) -> Option<(Field, usize)> {
        let index = self.index.get_or_init(|| {
            let mut m = HashMap::new();
            for (f, syns) in &self.fields {
                for (rank, s) in syns.iter().enumerate() {
                    m.entry(normalize_header(s)).or_insert((*f, rank));
                }
            }
            m
        });
        index.get(h).copied()
    }

    /// The status a value of the 状态 column names.
    pub fn status_of(&self, value: &str) -> Option<ItemStatus> {
        let v = normalize_header(value);
        self.status_values
            .iter()
            .find(|(_, vals)| vals.iter().any(|s| normalize_header(s) == v))
            .map(|(st, _)| *st)
    }

    /// The satisfaction a value of the 满意度 column names.
    pub fn satisfaction_of(&self, value: &str) -> Option<Satisfaction> {
        let v = normalize_header(value);
        self.satisfaction_values
            .iter()
            .find(|(_, vals)| vals.iter().any(|s| normalize_header(s) == v))
            .map(|(k, _)| (*k).into())
    }

    /// `Some(true)` for 是/√, `Some(false)` for 否/×, `None` for anything else.
    pub fn yes_no(&self, value: &str) -> Option<bool> {
        let v = normalize_header(value);
        let any = |list: &[String]| list.iter().any(|s| normalize_header(s) == v);
        if any(&self.yes_values) {
            Some(true)
        } else if any(&self.no_values) {
            Some(false)
        } else {
            None
        }
    }

    /// The risk-level code (red/yellow/green) a value names.
    pub fn risk_of(&self, value: &str) -> Option<&str> {
        let v = normalize_header(value);
        self.risk_values
            .iter()
            .find(|(_, vals)| vals.iter().any(|s| normalize_header(s) == v))
            .map(|(code, _)| code.as_str())
    }
}

/// A header cell as compared: NFC, full-width ASCII (parentheses, colons, letters) folded to
/// half-width, every space and line break removed, a trailing `*` or `:` (required markers,
/// "姓名：") dropped, ASCII letters lower-cased.
pub fn normalize_header(s: &str) -> String {
    let folded: String = s
        .nfc()
        .filter_map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            '\u{3000}' | '\u{feff}' | '\u{200b}' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    folded
        .trim_end_matches(['*', ':'])
        .trim_start_matches('*')
        .to_lowercase()
}

/// `户主姓名(反映人)` → `户主姓名`: a parenthesised note at the end of a header.
fn strip_paren_suffix(h: &str) -> &str {
    match h.strip_suffix(')').and_then(|rest| rest.rfind('(')) {
        Some(open) => &h[..open],
        None => h,
    }
}

/// One recognised column: its field, its index in the row and the header as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub field: Field,
    pub index: usize,
    pub header: String,
}

/// The header row found in a sheet and what its columns hold.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    /// Index (0-based, in the rows given) of the last header row; data starts below it.
    pub row: usize,
    pub columns: Vec<Column>,
    /// Non-empty headers that name no known field (not imported).
    pub ignored: Vec<String>,
}

impl HeaderMap {
    /// The column holding `field`, if any.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.index)
    }

    /// The header the sheet uses for `field`, if it has that column.
    pub fn header(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.header.as_str())
    }
}

/// How many different fields a row's cells name.
pub fn score(syn: &Synonyms, cells: &[String]) -> usize {
    let mut fields: Vec<Field> = cells
        .iter()
        .filter_map(|c| syn.field_of(c).map(|(f, _)| f))
        .collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

/// Finds the header row among the first [`HEADER_SCAN_ROWS`] rows (the one naming the most
/// fields; the first on a tie) and maps its columns. A second header row right below it (the
/// lower half of a two-row header with merged cells) fills the columns the first left empty.
/// `None` when no row names at least [`MIN_HEADER_FIELDS`] fields.
pub fn find_header(syn: &Synonyms, rows: &[Vec<String>]) -> Option<HeaderMap> {
    let (best, best_score) = rows
        .iter()
        .take(HEADER_SCAN_ROWS)
        .enumerate()
        .map(|(i, r)| (i, score(syn, r)))
        .fold((0, 0), |acc, x| if x.1 > acc.1 { x } else { acc });
    if best_score < MIN_HEADER_FIELDS {
        return None;
    }
    let mut header_rows = vec![best];
    if rows
        .get(best + 1)
        .is_some_and(|r| score(syn, r) >= MIN_HEADER_FIELDS)
    {
        header_rows.push(best + 1);
    }
    // (field, rank, column, header text) for every recognised cell.
    let mut found: Vec<(Field, usize, usize, String)> = Vec::new();
    let mut ignored = Vec::new();
    let width = header_rows
        .iter()
        .map(|&r| rows[r].len())
        .max()
        .unwrap_or(0);
    for col in 0..width {
        // The lowest header row's text wins for a column (the upper one is a merged group title).
        let text = header_rows
            .iter()
            .rev()
            .filter_map(|&r| rows[r].get(col))
            .find(|t| !t.trim().is_empty());
        let Some(text) = text else { continue };
        match syn.field_of(text) {
            Some((field, rank)) => found.push((field, rank, col, text.trim().to_owned())),
            None => ignored.push(text.trim().to_owned()),
        }
    }
    found.sort_by_key(|(f, rank, col, _)| (*f, *rank, *col));
    let mut columns: Vec<Column> = Vec::new();
    for (field, _, index, header) in found {
        if columns.iter().any(|c| c.field == field) {
            ignored.push(header);
        } else {
            columns.push(Column {
                field,
                index,
                header,
            });
        }
    }
    columns.sort_by_key(|c| c.index);
    Some(HeaderMap {
        row: *header_rows.last().unwrap_or(&best),
        columns,
        ignored,
    })
}

#[cfg(test)]
#[path = "ingest_headers_tests.rs"]
mod tests;
