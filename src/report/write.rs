//! Writing one report: the title block, the rows streamed from the store into the XLSX or CSV
//! sink with the summary counted on the way, then the summary sheet; through a temporary file.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use super::cells::{Cell, CellCtx, Shape};
use super::item_cols::{ItemLine, is_overdue, item_columns, item_urgency};
use super::strings::{self as s, T};
use super::summary::Summary;
use super::visit_cols::visit_columns;
use super::xlsx::{SheetHead, XlsxSink};
use super::{Format, Plan, ReportError, Request, Subject, csv, temp_path};
use crate::domain::ItemStatus;
use crate::domain::catalog::Catalog;
use crate::i18n::Lang;
use crate::store::Store;

/// The line under the title: period, villages, row count, masking, print date.
fn subtitle(req: &Request<'_>, plan: &Plan) -> String {
    let lang = req.lang;
    let t = |t: T| t.get(lang);
    let period = match (req.scope.from, req.scope.to) {
        (None, None) => t(s::PERIOD_ALL).to_owned(),
        (Some(f), Some(to)) => t(s::PERIOD_FROM_TO)
            .replace("{from}", &f.to_string())
            .replace("{to}", &to.to_string()),
        (Some(f), None) => t(s::PERIOD_FROM).replace("{from}", &f.to_string()),
        (None, Some(to)) => t(s::PERIOD_TO).replace("{to}", &to.to_string()),
    };
    let villages = if req.village_names.is_empty() {
        t(s::VILLAGES_ALL).to_owned()
    } else {
        req.village_names.join(t(s::LIST_SEP))
    };
    let mut parts = vec![
        format!("{}{period}", t(s::PERIOD)),
        format!("{}{villages}", t(s::VILLAGES)),
        t(s::ROWS).replace("{n}", &plan.size.rows.to_string()),
    ];
    if req.subject.has_personal_data() {
        parts.push(
            t(if req.unmasked {
                s::UNMASKED_NOTE
            } else {
                s::MASKED_NOTE
            })
            .to_owned(),
        );
    }
    parts.push(format!("{}{}", t(s::PRINTED), req.today));
    parts.join(t(s::SEP))
}

/// The title: `两河镇民生诉求台账`.
fn title(req: &Request<'_>, plan: &Plan) -> String {
    let name = req.subject.title(req.lang);
    match (req.lang, plan.scope_name.as_str()) {
        (_, "") => name.to_owned(),
        (Lang::Zh, scope) => format!("{scope}{name}"),
        (Lang::En, scope) => format!("{name}, {scope}"),
    }
}

/// Where rows go: an XLSX workbook or a CSV file.
enum Sink {
    Xlsx(Box<XlsxSink>),
    Csv(csv::CsvSink<BufWriter<File>>),
}

impl Sink {
    fn row(&mut self, cells: &[Cell], hot: bool, tmp: &Path) -> Result<(), ReportError> {
        match self {
            Sink::Xlsx(x) => Ok(x.row(cells, hot)?),
            Sink::Csv(c) => c.row(cells).map_err(|e| io(tmp, e)),
        }
    }
}

fn io(path: &Path, source: std::io::Error) -> ReportError {
    ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the report to `path` (through a temporary file renamed at the end, so a failure
/// leaves no half file under that name); `progress` hears the rows written so far. Returns
/// how many rows were written.
pub fn write(
    store: &Store,
    req: &Request<'_>,
    plan: &Plan,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ReportError> {
    let tmp = temp_path(path);
    let result = write_to(store, req, plan, &tmp, progress).and_then(|rows| {
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .and_then(|()| fs::rename(&tmp, path))
            .map_err(|e| io(path, e))?;
        Ok(rows)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_to(
    store: &Store,
    req: &Request<'_>,
    plan: &Plan,
    tmp: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ReportError> {
    let lang = req.lang;
    let several = plan.size.townships.len() > 1;
    let cx = CellCtx {
        lang,
        unmasked: req.unmasked,
        catalog: Catalog::builtin(),
    };
    let (columns, mut summary): (Vec<(String, Shape)>, Summary) = match req.subject {
        Subject::Ledger(l) => (
            item_columns(l, several)
                .into_iter()
                .map(|c| (c.header().get(lang).to_owned(), c.shape()))
                .collect(),
            Summary::new(
                ItemStatus::ALL
                    .iter()
                    .map(|st| st.label(lang).to_owned())
                    .collect(),
                true,
            ),
        ),
        Subject::Diary => (
            visit_columns(several)
                .into_iter()
                .map(|c| (c.header().get(lang).to_owned(), c.shape()))
                .collect(),
            Summary::new(
                cx.catalog
                    .visit_kinds
                    .iter()
                    .map(|k| k.label(lang).to_owned())
                    .collect(),
                false,
            ),
        ),
    };
    let sheet_name = req.subject.title(lang);
    let title = title(req, plan);
    let subtitle = subtitle(req, plan);
    let mut sink = match req.format {
        Format::Xlsx => Sink::Xlsx(Box::new(XlsxSink::new(
            &SheetHead {
                name: sheet_name,
                title: &title,
                subtitle: &subtitle,
                columns: &columns,
            },
            lang,
            s::FOOTER.get(lang),
        )?)),
        Format::Csv => {
            let file = File::create(tmp).map_err(|e| io(tmp, e))?;
            let headers: Vec<String> = columns.iter().map(|(h, _)| h.clone()).collect();
            Sink::Csv(csv::CsvSink::new(BufWriter::new(file), &headers).map_err(|e| io(tmp, e))?)
        }
    };
    let mut seq = 0u64;
    let mut cells = Vec::with_capacity(columns.len());
    match req.subject {
        Subject::Ledger(ledger) => {
            let cols = item_columns(ledger, several);
            store.report_items(ledger, &req.scope, |row| {
                seq += 1;
                let urgency = item_urgency(&row, req.today);
                let hot = is_overdue(row.status, urgency);
                let line = ItemLine {
                    ledger,
                    seq,
                    row: &row,
                    urgency,
                };
                cells.clear();
                cells.extend(cols.iter().map(|c| c.cell(&line, &cx)));
                summary.add(
                    row.township.as_deref(),
                    row.village.as_deref(),
                    row.status.label(lang),
                    hot,
                );
                sink.row(&cells, hot, tmp)?;
                if seq.is_multiple_of(512) {
                    progress(seq);
                }
                Ok::<(), ReportError>(())
            })?;
        }
        Subject::Diary => {
            let cols = visit_columns(several);
            store.report_visits(&req.scope, |row| {
                seq += 1;
                cells.clear();
                cells.extend(cols.iter().map(|c| c.cell(seq, &row, &cx)));
                summary.add(
                    row.township.as_deref(),
                    row.village.as_deref(),
                    &cx.label(&cx.catalog.visit_kinds, &row.kind),
                    false,
                );
                sink.row(&cells, false, tmp)?;
                if seq.is_multiple_of(512) {
                    progress(seq);
                }
                Ok::<(), ReportError>(())
            })?;
        }
    }
    progress(seq);
    match sink {
        Sink::Xlsx(x) => {
            let (head, rows) = summary.table(lang, several);
            let shapes: Vec<(String, Shape)> = head
                .into_iter()
                .enumerate()
                .map(|(i, h)| {
                    let shape = if i < usize::from(several) + 1 {
                        Shape::Short
                    } else {
                        Shape::Int
                    };
                    (h, shape)
                })
                .collect();
            let summary_title = format!(
                "{title}{}{}",
                lang.pick("：", ": "),
                match req.subject {
                    Subject::Ledger(_) => s::SUMMARY_TITLE_ITEMS.get(lang),
                    Subject::Diary => s::SUMMARY_TITLE_VISITS.get(lang),
                }
            );
            x.finish(
                &SheetHead {
                    name: s::SUMMARY_SHEET.get(lang),
                    title: &summary_title,
                    subtitle: &subtitle,
                    columns: &shapes,
                },
                &rows,
                tmp,
            )?;
        }
        Sink::Csv(c) => {
            c.finish().map_err(|e| io(tmp, e))?;
        }
    }
    Ok(seq)
}
