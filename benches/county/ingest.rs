//! The ingest budget (SPEC §9, issue 5): a 5,000-row ledger brought in with `minqing ingest`'s
//! own code (`report::ingest::ingest`: read, find the header, validate, resolve villages,
//! households and items already there, one write transaction) in under 3 s.
//!
//! A township database (the demo at 10,000 households, seed 2017) is generated once in the
//! temporary folder; every timed run ingests into a fresh copy of it (the copy is not timed).
//! The ledger is generated too, as an XLSX (rust_xlsxwriter: a title row above the header,
//! dates as date cells) and as the same rows in a GBK CSV: 5,000 rows over the database's
//! villages, a third of them from household heads the database has (found by name), the rest
//! from new residents (a household each, one in four with an ID number), every status from
//! 已挂号 to 已销号, each row with its own content.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use minqing::demo::{DemoParams, generate};
use minqing::domain::Ledger;
use minqing::domain::catalog::Catalog;
use minqing::domain::validate::id_check_char;
use minqing::i18n::Lang;
use minqing::report::ingest::{IngestReport, Options, ingest};
use minqing::store::{Page, Store};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::{Row, median};

/// Rows in the generated ledger.
const ROWS: usize = 5_000;
/// Households of the township database ingested into.
const HOUSEHOLDS: u32 = 10_000;
const BUDGET: Duration = Duration::from_secs(3);

const HEADERS: [&str; 12] = [
    "序号",
    "村组",
    "户主姓名",
    "联系电话",
    "身份证号",
    "诉求类别",
    "反映问题",
    "登记时间",
    "责任人",
    "办理结果",
    "满意度",
    "状态",
];

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN: &str = "建国秀英德明桂兰海燕志强丽华春生玉梅文军红霞永福淑珍";
const PROBLEMS: [&str; 8] = [
    "自来水压力不足，高峰时段断水",
    "通组道路雨后塌方，车辆无法通行",
    "入户电线老化，经常跳闸",
    "房屋墙体开裂，担心雨季安全",
    "医保报销比例不清楚，希望解释",
    "孩子上学路远，希望协调校车",
    "灌溉水渠堵塞，影响春耕",
    "垃圾清运不及时，气味较大",
];
/// (状态, 责任人, 办理结果, 满意度) cycled over the rows.
const STATES: [(&str, &str, &str, &str); 6] = [
    ("", "", "", ""),
    ("已交办", "村委会", "", ""),
    ("办理中", "镇水利站", "", ""),
    ("已办结", "镇农业服务中心", "已现场处理", ""),
    ("已销号", "村委会", "已解决", "满意"),
    ("暂缓", "", "政策暂不支持，已解释", ""),
];

/// One generated row, as text (the XLSX writes the date as a date cell).
struct LedgerRow {
    cells: [String; 12],
    date: NaiveDate,
}

fn ledger_rows(store: &Store) -> Vec<LedgerRow> {
    let villages = store.villages().expect("villages");
    let heads = store
        .households(
            None,
            Page {
                offset: 0,
                limit: 4_000,
            },
        )
        .expect("households")
        .rows;
    let cats = Catalog::builtin().categories(Ledger::Livelihood);
    let pick = |s: &str, i: usize| s.chars().nth(i % s.chars().count()).unwrap_or('王');
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    (0..ROWS)
        .map(|i| {
            let (village, name) = if i % 3 == 0 {
                let h = &heads[(i * 7) % heads.len()];
                (h.village.clone(), h.head_name.clone())
            } else {
                let v = &villages[i % villages.len()].1.name;
                let name = format!(
                    "{}{}{}",
                    pick(SURNAMES, i / 3),
                    pick(GIVEN, i / 7),
                    pick(GIVEN, i / 11 + 3)
                );
                (v.clone(), name)
            };
            let id = if i % 3 != 0 && i % 4 == 1 {
                let first17 = format!(
                    "510521{:04}{:02}{:02}{:03}",
                    1950 + i % 50,
                    1 + i % 12,
                    1 + i % 28,
                    i % 1000
                );
                let check = id_check_char(&first17).expect("17 digits");
                format!("{first17}{check}")
            } else {
                String::new()
            };
            let (status, who, result, satisfaction) = STATES[i % STATES.len()];
            let date = start + Days::new((i % 300) as u64);
            LedgerRow {
                cells: [
                    (i + 1).to_string(),
                    village,
                    name,
                    format!("139{:08}", 10_000_000 + i),
                    id,
                    cats[i % cats.len()].zh.clone(),
                    format!("{}（台账第{}条）", PROBLEMS[i % PROBLEMS.len()], i + 1),
                    date.to_string(),
                    who.into(),
                    result.into(),
                    satisfaction.into(),
                    status.into(),
                ],
                date,
            }
        })
        .collect()
}

fn write_xlsx(path: &Path, rows: &[LedgerRow]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("民生诉求台账").expect("name");
    sheet
        .write_string(0, 0, "两河镇民生诉求台账")
        .expect("title");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, text) in row.cells.iter().enumerate() {
            if c == 7 {
                let d = row.date;
                let cell = ExcelDateTime::from_ymd(
                    chrono::Datelike::year(&d) as u16,
                    chrono::Datelike::month(&d) as u8,
                    chrono::Datelike::day(&d) as u8,
                )
                .expect("date");
                sheet
                    .write_datetime_with_format(r, c as u16, cell, &date)
                    .expect("cell");
            } else if !text.is_empty() {
                sheet.write_string(r, c as u16, text).expect("cell");
            }
        }
    }
    book.save(path).expect("save");
}

fn write_gbk_csv(path: &Path, rows: &[LedgerRow]) {
    let mut text = HEADERS.join(",");
    text.push_str("\r\n");
    for row in rows {
        text.push_str(&row.cells.join(","));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "GBK has every character");
    fs::write(path, bytes).expect("write csv");
}

fn options(file: &Path, dry_run: bool, today: NaiveDate) -> Options {
    Options {
        ledger: Ledger::Livelihood,
        village: None,
        dry_run,
        today,
        lang: Lang::Zh,
        file_name: file.display().to_string(),
    }
}

/// Ingests `file` into a fresh copy of `db`; the time of the ingest alone (reading the file
/// included), and its report.
fn timed(db: &Path, file: &Path, dry_run: bool, today: NaiveDate) -> (Duration, IngestReport) {
    let copy = db.with_file_name("ingest-copy.db");
    let _ = fs::remove_file(&copy);
    fs::copy(db, &copy).expect("copy");
    let mut store = Store::open(&copy).expect("open copy");
    let t = Instant::now();
    let bytes = fs::read(file).expect("read ledger");
    let report = ingest(&mut store, &bytes, &options(file, dry_run, today)).expect("ingest");
    let took = t.elapsed();
    drop(store);
    (took, report)
}

fn summary(r: &IngestReport) -> String {
    let c = r.counts();
    format!(
        "{} items and {} households created, {} already there, {} refused",
        c.created, c.new_households, c.existing, c.refused
    )
}

/// The ingest rows of the table; everything is written under `tmp` and removed with it.
pub fn rows(tmp: &Path, today: NaiveDate) -> Vec<Row> {
    let dir = tmp.join("ingest");
    fs::create_dir_all(&dir).expect("dir");
    let db: PathBuf = dir.join("township.db");
    let mut store = Store::open(&db).expect("open");
    generate(
        &mut store,
        &DemoParams {
            households: HOUSEHOLDS,
            seed: 2017,
            today,
        },
        &mut |_, _| {},
    )
    .expect("generate");
    let ledger = ledger_rows(&store);
    drop(store);
    let xlsx = dir.join("ledger.xlsx");
    let csv = dir.join("ledger-gbk.csv");
    write_xlsx(&xlsx, &ledger);
    write_gbk_csv(&csv, &ledger);
    let mut out = Vec::new();
    for (what, file) in [("XLSX", &xlsx), ("GBK CSV", &csv)] {
        let runs: Vec<(Duration, IngestReport)> =
            (0..3).map(|_| timed(&db, file, false, today)).collect();
        let c = runs[0].1.counts();
        assert_eq!(
            (c.created, c.refused),
            (ROWS, 0),
            "every generated row is imported"
        );
        let mut times: Vec<Duration> = runs.iter().map(|(t, _)| *t).collect();
        times.sort();
        out.push(Row::time(
            format!(
                "ingest a {ROWS}-row {what} ledger into a {HOUSEHOLDS}-household database ({})",
                summary(&runs[0].1)
            ),
            Some(BUDGET),
            median(&times),
        ));
    }
    let (dry, _) = timed(&db, &xlsx, true, today);
    out.push(Row::time(
        format!("ingest --dry-run of the {ROWS}-row XLSX (same work, rolled back)"),
        None,
        dry,
    ));
    // Re-ingest: into a copy that holds the ledger already.
    let copy = dir.join("ingest-copy.db");
    let _ = timed(&db, &xlsx, false, today);
    let mut store = Store::open(&copy).expect("open");
    let t = Instant::now();
    let bytes = fs::read(&xlsx).expect("read");
    let again = ingest(&mut store, &bytes, &options(&xlsx, false, today)).expect("ingest");
    out.push(Row::time(
        format!("ingest the same XLSX again ({})", summary(&again)),
        None,
        t.elapsed(),
    ));
    drop(store);
    let _ = fs::remove_dir_all(&dir);
    out
}
