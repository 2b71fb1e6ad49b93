//! Reports and interop (SPEC §8): ledger and diary reports (the rows of `store::report_rows`
//! turned into the columns township ledgers use and written as XLSX or CSV, safely), and
//! ledgers brought in from Excel/WPS/CSV (`minqing ingest`, the `ingest*` modules).

mod cells;
pub mod csv;
pub mod ingest;
pub mod ingest_events;
pub mod ingest_headers;
pub mod ingest_place;
pub mod ingest_plan;
pub mod ingest_read;
pub mod ingest_row;
pub mod ingest_strings;
pub mod ingest_summary;
pub mod ingest_values;
pub mod ingest_write;
mod item_cols;
mod strings;
mod summary;
mod visit_cols;
mod write;
mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::Ledger;
use crate::i18n::{Lang, Localized};
use crate::store::report_rows::{ReportScope, ReportSize};
use crate::store::{Store, StoreError};
use strings as s;

pub use write::write;

/// What a report lists: one ledger's items, or the visits of the diary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Ledger(Ledger),
    Diary,
}

impl Subject {
    /// Parses `livelihood|hardship|stability|diary` or 民生/困难/稳定/日志.
    pub fn parse(s: &str) -> Option<Subject> {
        match s.trim() {
            "diary" | "日志" | "民情日志" => Some(Subject::Diary),
            other => Ledger::parse(other).map(Subject::Ledger),
        }
    }

    /// The stable code (`livelihood`, …, `diary`).
    pub fn code(self) -> &'static str {
        match self {
            Subject::Ledger(l) => l.code(),
            Subject::Diary => "diary",
        }
    }

    /// The paper title: 民生诉求台账, …, 民情日志.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Subject::Ledger(l) => strings::ledger_title(l).get(lang),
            Subject::Diary => s::DIARY_TITLE.get(lang),
        }
    }

    /// Whether its report can hold ID numbers or phones (the diary holds neither).
    pub fn has_personal_data(self) -> bool {
        matches!(self, Subject::Ledger(_))
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    /// The file name extension (and the code in the access log).
    pub fn ext(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Localized for ReportError {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReportError::Store(e), _) => e.message(lang),
            (ReportError::Xlsx(e), Lang::Zh) => format!("写 Excel 文件失败：{e}"),
            (ReportError::Xlsx(e), Lang::En) => format!("cannot write the Excel file: {e}"),
            (ReportError::Io { path, source }, Lang::Zh) => {
                format!("无法写入 {}：{source}", path.display())
            }
            (ReportError::Io { path, source }, Lang::En) => {
                format!("cannot write {}: {source}", path.display())
            }
        }
    }
}

/// A report to write.
pub struct Request<'a> {
    pub subject: Subject,
    pub format: Format,
    pub scope: ReportScope,
    /// The villages asked for, by name, as the title shows them (empty: all).
    pub village_names: &'a [String],
    pub unmasked: bool,
    /// The print date, and the day overdue is judged on.
    pub today: NaiveDate,
    pub lang: Lang,
}

/// What a report will cover, known before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub size: ReportSize,
    /// The township of the title and file name, or `N个乡镇` for several.
    pub scope_name: String,
}

/// Counts the rows of a report and names its scope; `fallback` names it when no row has a
/// township (an empty report: this device's township).
pub fn plan(
    store: &Store,
    req: &Request<'_>,
    fallback: Option<String>,
) -> Result<Plan, ReportError> {
    let size = match req.subject {
        Subject::Ledger(l) => store.report_item_size(l, &req.scope)?,
        Subject::Diary => store.report_visit_size(&req.scope)?,
    };
    let scope_name = match size.townships.as_slice() {
        [one] => one.clone(),
        [] => fallback.unwrap_or_default(),
        many => s::TOWNSHIPS
            .get(req.lang)
            .replace("{n}", &many.len().to_string()),
    };
    Ok(Plan { size, scope_name })
}

/// The file name used when `--out` is a folder: `两河镇-民生诉求台账-20261124.xlsx`
/// (`两河镇-livelihood-20261124.xlsx` in English).
pub fn default_file_name(req: &Request<'_>, plan: &Plan) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_control() || "/\\:*?\"<>|".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    };
    let mut parts = Vec::new();
    if !plan.scope_name.is_empty() {
        parts.push(clean(&plan.scope_name));
    }
    // English titles have spaces, awkward in a file name; the ledger's code reads as well.
    parts.push(match req.lang {
        Lang::Zh => clean(req.subject.title(req.lang)),
        Lang::En => req.subject.code().to_owned(),
    });
    parts.push(req.today.format("%Y%m%d").to_string());
    format!("{}.{}", parts.join("-"), req.format.ext())
}

/// The temporary file a report is written to before it is renamed to `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    PathBuf::from(tmp)
}
