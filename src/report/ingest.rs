//! `minqing ingest`: an existing Excel/WPS/CSV ledger brought into the database. The file is
//! read ([`super::ingest_read`]), its header row found ([`super::ingest_headers`]), every row
//! validated ([`super::ingest_row`]) and resolved against the database (village, household,
//! items already there: [`super::ingest_plan`]), then all good rows are written in one
//! transaction through the operation log ([`super::ingest_write`]); `--dry-run` runs the same
//! transaction and rolls it back.

use chrono::NaiveDate;
use thiserror::Error;

use super::ingest_headers::{Column, Field, Synonyms, find_header};
use super::ingest_plan::{Planned, plan};
use super::ingest_read::{ReadError, SourceFormat, read};
use super::ingest_row::{Note, Problem};
use crate::domain::{ItemStatus, Ledger};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct Options {
    pub ledger: Ledger,
    /// `--village`: every row belongs to this village.
    pub village: Option<String>,
    pub dry_run: bool,
    pub today: NaiveDate,
    /// The language of the notes written into the database (the import note, placeholders).
    pub lang: Lang,
    /// The file's name as the import note records it.
    pub file_name: String,
}

/// Why nothing could be imported from a file.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error(transparent)]
    Read(#[from] ReadError),
    /// No row among the first ten names at least two known columns.
    #[error("no header row")]
    NoHeader,
    /// The header row lacks columns every row of this ledger needs.
    #[error("missing columns {0:?}")]
    MissingColumns(Vec<Field>),
    /// `--village` names no village of the database.
    #[error("unknown village {0}")]
    UnknownVillage(String),
    /// `--village` names villages of several townships.
    #[error("ambiguous village {0}")]
    AmbiguousVillage(String, Vec<String>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How an imported item's household was found.
#[derive(Debug, Clone, PartialEq)]
pub enum HouseholdLink {
    /// No reporter, an anonymous one, or several households of that name.
    None,
    /// A household the database had (its head's name).
    Existing(String),
    /// A household created by this row.
    New(String),
    /// A household created by an earlier row of this file (its row number).
    NewEarlier(String, u32),
}

/// Why a row was passed over without being a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// The header repeated (printed ledgers repeat it on every page).
    RepeatedHeader,
    /// 合计, 填表人, 审核人… below the data.
    Footer,
}

/// What happened to one row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Created {
        number: String,
        household: HouseholdLink,
        status: ItemStatus,
        notes: Vec<Note>,
    },
    /// The database already holds this item (same 编号, or same reporter, content and day).
    Exists {
        number: String,
    },
    /// An earlier row of this file is the same item.
    Duplicate {
        of_row: u32,
    },
    Skipped(Skip),
    Refused(Vec<Problem>),
}

/// One reported row: its number as the spreadsheet shows it (1-based, header rows counted).
#[derive(Debug, Clone, PartialEq)]
pub struct RowReport {
    pub row: u32,
    pub outcome: Outcome,
}

/// Everything `ingest` did or would do.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestReport {
    pub format: SourceFormat,
    pub sheet: Option<String>,
    /// The spreadsheet row number of the (last) header row.
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub ignored: Vec<String>,
    pub rows: Vec<RowReport>,
    pub dry_run: bool,
}

/// The summary counts of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub new_households: usize,
    pub existing: usize,
    pub duplicates: usize,
    pub skipped: usize,
    pub refused: usize,
}

impl IngestReport {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            match &r.outcome {
                Outcome::Created { household, .. } => {
                    c.created += 1;
                    if matches!(household, HouseholdLink::New(_)) {
                        c.new_households += 1;
                    }
                }
                Outcome::Exists { .. } => c.existing += 1,
                Outcome::Duplicate { .. } => c.duplicates += 1,
                Outcome::Skipped(_) => c.skipped += 1,
                Outcome::Refused(_) => c.refused += 1,
            }
        }
        c
    }
}

/// The columns a ledger cannot do without (`village` only without `--village`). Hardship
/// needs a content or a category column.
fn missing_columns(cols: &[Column], ledger: Ledger, village_given: bool) -> Vec<Field> {
    let has = |f: Field| cols.iter().any(|c| c.field == f);
    let mut needed = match ledger {
        Ledger::Livelihood => vec![Field::Reporter, Field::Content],
        Ledger::Hardship => vec![Field::Reporter],
        Ledger::Stability => vec![Field::Content],
    };
    if !village_given {
        needed.push(Field::Village);
    }
    let mut missing: Vec<Field> = needed.into_iter().filter(|f| !has(*f)).collect();
    if ledger == Ledger::Hardship && !has(Field::Content) && !has(Field::Category) {
        missing.push(Field::Content);
    }
    missing
}

/// Reads `bytes` as a ledger and imports its good rows into `store` (or, with `dry_run`, goes
/// through the same transaction and rolls it back).
pub fn ingest(
    store: &mut Store,
    bytes: &[u8],
    opts: &Options,
) -> Result<IngestReport, IngestError> {
    let syn = Synonyms::builtin();
    let sheet = read(bytes, syn)?;
    let head: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .take(super::ingest_headers::HEADER_SCAN_ROWS + 1)
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    let header = find_header(syn, &head).ok_or(IngestError::NoHeader)?;
    let missing = missing_columns(&header.columns, opts.ledger, opts.village.is_some());
    if !missing.is_empty() {
        return Err(IngestError::MissingColumns(missing));
    }
    let planned = plan(store, syn, &sheet, &header, opts)?;
    let numbers = if planned.items.is_empty() {
        Vec::new()
    } else if opts.dry_run {
        store.write_and_discard(|w| super::ingest_write::write(w, &planned, opts))?
    } else {
        store.write(|w| super::ingest_write::write(w, &planned, opts))?
    };
    Ok(IngestReport {
        format: sheet.format,
        sheet: sheet.name.clone(),
        header_row: sheet.first_row + header.row as u32,
        columns: header.columns.clone(),
        ignored: header.ignored.clone(),
        rows: finish(planned, numbers),
        dry_run: opts.dry_run,
    })
}

/// Every row's outcome, the planned items with the numbers the transaction gave them.
fn finish(planned: Planned, numbers: Vec<String>) -> Vec<RowReport> {
    let mut rows = planned.others;
    for (item, number) in planned.items.into_iter().zip(numbers) {
        rows.push(RowReport {
            row: item.row,
            outcome: Outcome::Created {
                number,
                household: item.link,
                status: item.status,
                notes: item.parsed.notes,
            },
        });
    }
    rows.sort_by_key(|r| r.row);
    rows
}
