//! `minqing ingest FILE --ledger L [--village V] [--dry-run]`: an old ledger brought in, one
//! line per row, a summary, and exit code 2 when any row was refused or the file is not a
//! ledger.

use std::io::Write;
use std::path::Path;

use super::commands::open_existing;
use super::{Context, Failure};
use crate::domain::Ledger;
use crate::i18n::Lang;
use crate::report::ingest::{IngestError, Options, ingest};
use crate::report::{ingest_strings as s, ingest_summary as sum};

pub fn run(
    ctx: &Context,
    file: &Path,
    ledger: Ledger,
    village: Option<String>,
    dry_run: bool,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(file).map_err(|e| {
        Failure::User(match lang {
            Lang::Zh => format!("读不了 {}：{e}", file.display()),
            Lang::En => format!("cannot read {}: {e}", file.display()),
        })
    })?;
    let mut store = open_existing(ctx)?;
    let opts = Options {
        ledger,
        village,
        dry_run,
        today: ctx.today,
        lang,
        file_name: name.clone(),
    };
    let report = ingest(&mut store, &bytes, &opts).map_err(|e| match &e {
        IngestError::UnknownVillage(_) | IngestError::AmbiguousVillage(..) => {
            Failure::User(sum::error(&e, &name, lang))
        }
        IngestError::Store(se) => Failure::store(se, lang),
        _ => Failure::Refused(sum::error(&e, &name, lang)),
    })?;
    let mut out = std::io::stdout().lock();
    let lines = sum::head_lines(&report, &name, lang)
        .into_iter()
        .chain(report.rows.iter().map(|r| s::row_line(r, dry_run, lang)))
        .chain([sum::summary(&report.counts(), dry_run, lang)]);
    for line in lines {
        writeln!(out, "{line}").map_err(|e| Failure::User(e.to_string()))?;
    }
    let refused = report.counts().refused;
    if refused > 0 {
        return Err(Failure::Refused(match lang {
            Lang::Zh => format!(
                "{refused} 行被拒绝，未导入（原因见上）；改正后可再次导入同一文件，已导入的行不会重复"
            ),
            Lang::En => format!(
                "{refused} rows refused and not imported (reasons above); fix them and ingest the same file again: rows already imported are not repeated"
            ),
        }));
    }
    Ok(())
}
