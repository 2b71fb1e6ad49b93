//! `report`: checks every argument before anything is written (dates, villages, who may export
//! the stability ledger, where the file goes), records an unmasked report in the access log,
//! writes the file with a progress bar on a terminal, and prints its path on the last line.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::ReportFormat;
use super::commands::open_existing;
use super::{Context, Failure};
use crate::domain::validate::parse_date;
use crate::domain::{Ledger, Township, VillageId};
use crate::i18n::{Lang, Localized};
use crate::report::{self, Format, Plan, Request, Subject};
use crate::store::local::AccessEntry;
use crate::store::report_rows::ReportScope;
use crate::store::{Identity, Store};

/// Below this many rows a report is quick enough to need no progress bar.
const BAR_FROM_ROWS: u64 = 2_000;

/// The parsed `report` flags.
pub struct Args {
    pub subject: Subject,
    pub format: Option<ReportFormat>,
    pub out: PathBuf,
    pub villages: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub unmasked: bool,
}

fn refused(lang: Lang, zh: String, en: String) -> Failure {
    Failure::Refused(match lang {
        Lang::Zh => zh,
        Lang::En => en,
    })
}

/// `--from`/`--to` as a day, or one line saying what is wrong with it.
fn day(flag: &str, value: Option<&str>, lang: Lang) -> Result<Option<NaiveDate>, Failure> {
    let Some(v) = value else { return Ok(None) };
    parse_date("date", v).map(Some).map_err(|e| {
        let why = e.message(lang);
        refused(
            lang,
            format!("{flag} 的日期“{v}”无效：{why}"),
            format!("invalid date '{v}' for {flag}: {why}"),
        )
    })
}

/// The ids of the named villages (every village of a name shared by several); an unknown name
/// is refused, with the villages whose names contain it as suggestions.
fn village_ids(store: &Store, names: &[String], lang: Lang) -> Result<Vec<VillageId>, Failure> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let known = store.villages().map_err(|e| Failure::store(&e, lang))?;
    let mut ids = Vec::new();
    for name in names {
        let name = name.trim();
        let found: Vec<VillageId> = known
            .iter()
            .filter(|(_, v)| v.name == name)
            .map(|(id, _)| *id)
            .collect();
        if found.is_empty() {
            let near: Vec<&str> = known
                .iter()
                .map(|(_, v)| v.name.as_str())
                .filter(|n| !name.is_empty() && n.contains(name))
                .take(5)
                .collect();
            let (zh_hint, en_hint) = if near.is_empty() {
                (String::new(), String::new())
            } else {
                (
                    format!("；是不是：{}？", near.join("、")),
                    format!("; did you mean: {}?", near.join(", ")),
                )
            };
            return Err(refused(
                lang,
                format!("本数据库里没有名为“{name}”的村{zh_hint}"),
                format!("no village named '{name}' in this database{en_hint}"),
            ));
        }
        ids.extend(found);
    }
    ids.sort_by_key(|id| id.to_string());
    ids.dedup();
    Ok(ids)
}

/// The stability ledger (涉稳信息) leaves only from the township office or the county.
fn may_export(subject: Subject, me: Option<&Identity>, lang: Lang) -> Result<(), Failure> {
    if subject != Subject::Ledger(Ledger::Stability) {
        return Ok(());
    }
    match me.map(|m| m.role.as_str()) {
        Some("office" | "county") => Ok(()),
        _ => Err(refused(
            lang,
            "稳定工作台账只能在镇党政办或县级设备上导出，本机不能导出".into(),
            "the stability ledger can only be exported on an office or county device, not on this one"
                .into(),
        )),
    }
}

/// The format: `--format`, else the `--out` file's extension, else XLSX.
fn format_of(flag: Option<ReportFormat>, out: &Path) -> Format {
    match flag {
        Some(ReportFormat::Xlsx) => Format::Xlsx,
        Some(ReportFormat::Csv) => Format::Csv,
        None => {
            let csv = !out.is_dir()
                && out
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            if csv { Format::Csv } else { Format::Xlsx }
        }
    }
}

/// The file to write: `out` itself, or the default name inside `out` when it is a folder. A
/// file in a folder that does not exist is refused.
fn target(out: &Path, req: &Request<'_>, plan: &Plan, lang: Lang) -> Result<PathBuf, Failure> {
    if out.is_dir() {
        return Ok(out.join(report::default_file_name(req, plan)));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent.filter(|d| !d.is_dir()) {
        let d = dir.display();
        return Err(Failure::User(match lang {
            Lang::Zh => format!("文件夹 {d} 不存在；请先建好它，或换一个 --out 位置"),
            Lang::En => format!("the folder {d} does not exist; create it or choose another --out"),
        }));
    }
    Ok(out.to_path_buf())
}

/// The name of this device's township, for the title of a report with no rows.
fn own_township(store: &Store, me: Option<&Identity>) -> Option<String> {
    let me = me?;
    store
        .get::<Township>(me.township_id)
        .ok()
        .flatten()
        .map(|t| t.name)
}

/// Records, before the file is written, that this device's user exported personal data in full.
fn log_unmasked(
    store: &Store,
    me: Option<&Identity>,
    req: &Request<'_>,
    path: &Path,
) -> Result<(), Failure> {
    let fields = match req.subject {
        Subject::Ledger(Ledger::Hardship) => "id_number,phone",
        _ => "phone",
    };
    let entry = AccessEntry {
        at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        cadre_id: me.map(|m| m.cadre_id.to_string()),
        cadre_name: me.map_or_else(|| "?".to_owned(), |m| m.name.clone()),
        entity: "report".into(),
        // The whole path, so the log still says which file it was after the folder changes.
        entity_id: std::path::absolute(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
        field: fields.into(),
        via: format!("report:{}:{}", req.subject.code(), req.format.ext()),
    };
    store
        .log_access(&entry)
        .map_err(|e| Failure::store(&e, req.lang))
}

fn progress_bar(total: u64, lang: Lang) -> ProgressBar {
    if total < BAR_FROM_ROWS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(lang.pick("写报表", "writing the report"));
    bar
}

pub fn run(ctx: &Context, a: &Args) -> Result<(), Failure> {
    let lang = ctx.lang;
    let from = day("--from", a.from.as_deref(), lang)?;
    let to = day("--to", a.to.as_deref(), lang)?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(refused(
            lang,
            format!("--from {f} 晚于 --to {t}，请对调或改正"),
            format!("--from {f} is after --to {t}; swap or correct them"),
        ));
    }
    let store = open_existing(ctx)?;
    let me = store.identity().map_err(|e| Failure::store(&e, lang))?;
    may_export(a.subject, me.as_ref(), lang)?;
    let villages = village_ids(&store, &a.villages, lang)?;
    let names: Vec<String> = a.villages.iter().map(|v| v.trim().to_owned()).collect();
    let req = Request {
        subject: a.subject,
        format: format_of(a.format, &a.out),
        scope: ReportScope { villages, from, to },
        village_names: &names,
        unmasked: a.unmasked,
        today: ctx.today,
        lang,
    };
    let plan = report::plan(&store, &req, own_township(&store, me.as_ref()))
        .map_err(|e| Failure::User(e.message(lang)))?;
    let path = target(&a.out, &req, &plan, lang)?;
    if a.unmasked && a.subject.has_personal_data() {
        log_unmasked(&store, me.as_ref(), &req, &path)?;
    }
    let bar = progress_bar(plan.size.rows, lang);
    let written = report::write(&store, &req, &plan, &path, &mut |n| bar.set_position(n));
    bar.finish_and_clear();
    let rows = written.map_err(|e| Failure::User(e.message(lang)))?;
    let title = req.subject.title(lang);
    let masking = match (a.subject.has_personal_data(), a.unmasked, lang) {
        (false, _, _) => "",
        (true, false, Lang::Zh) => "，身份证号和电话已打码",
        (true, false, Lang::En) => ", ID numbers and phones masked",
        (true, true, Lang::Zh) => "，含完整身份证号和电话（已记入访问日志）",
        (true, true, Lang::En) => ", with full ID numbers and phones (recorded in the access log)",
    };
    match lang {
        Lang::Zh => println!("已导出{}{title}：共 {rows} 条{masking}", plan.scope_name),
        Lang::En => println!(
            "exported the {title} of {}: {rows} rows{masking}",
            plan.scope_name
        ),
    }
    println!("{}", path.display());
    Ok(())
}
