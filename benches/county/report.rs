//! The report budget (SPEC §9, issue 5): the county livelihood ledger as XLSX in under 10 s,
//! through `minqing::report` (what `minqing report` runs: count, stream the rows, write the
//! workbook to a temporary file, rename), into a temporary folder. Rows without a budget: the
//! same as CSV, the hardship ledger (its ID numbers), and the diary of one township and of the
//! whole county.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minqing::domain::Ledger;
use minqing::i18n::Lang;
use minqing::report::{Format, Request, Subject, plan, write};
use minqing::store::report_rows::ReportScope;
use minqing::store::{Store, StoreError};

use super::{Row, mb, median, runs_of};

/// Writes one report into `dir` and says how many rows and bytes it had.
fn once(store: &Store, req: &Request<'_>, dir: &Path) -> (u64, u64) {
    let p = plan(store, req, None).expect("plan");
    let path = dir.join(minqing::report::default_file_name(req, &p));
    let rows = write(store, req, &p, &path, &mut |_| {}).expect("write");
    assert_eq!(rows, p.size.rows, "every counted row is written");
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    std::fs::remove_file(&path).expect("remove the report");
    (rows, bytes)
}

/// Median of `n` runs (no warm-up: the first run is what a user waits for, and the database
/// pages are as warm as after the benchmark's earlier rows).
fn timed(n: usize, store: &Store, req: &Request<'_>, dir: &Path) -> (Duration, u64, u64) {
    let mut runs = Vec::new();
    let mut last = (0, 0);
    for _ in 0..n {
        let t = Instant::now();
        last = once(store, req, dir);
        runs.push(t.elapsed());
    }
    runs.sort();
    (median(&runs), last.0, last.1)
}

pub fn rows(db: &Path, tmp: &Path, today: NaiveDate) -> Vec<Row> {
    let store = Store::open(db).expect("open");
    let dir = tempfile::tempdir_in(tmp).expect("temp dir");
    let req = |subject, format, scope: ReportScope| Request {
        subject,
        format,
        scope,
        village_names: &[],
        unmasked: false,
        today,
        lang: Lang::Zh,
    };
    let all = ReportScope::default;
    let mut out = Vec::new();
    // The rows alone, streamed from SQLite and dropped: what any report of the ledger costs
    // before a cell is written.
    let stream = || {
        let mut n = 0u64;
        store
            .report_items(Ledger::Livelihood, &all(), |_| {
                n += 1;
                Ok::<(), StoreError>(())
            })
            .expect("rows");
        n
    };
    let n = stream();
    out.push(Row::time(
        format!("report: livelihood rows streamed from SQLite, no file ({n} rows)"),
        None,
        median(&runs_of(3, stream)),
    ));
    let cases = [
        (
            "livelihood ledger, whole database, XLSX",
            Subject::Ledger(Ledger::Livelihood),
            Format::Xlsx,
            Some(Duration::from_secs(10)),
            3,
        ),
        (
            "livelihood ledger, whole database, CSV",
            Subject::Ledger(Ledger::Livelihood),
            Format::Csv,
            None,
            3,
        ),
        (
            "hardship ledger, whole database, XLSX",
            Subject::Ledger(Ledger::Hardship),
            Format::Xlsx,
            None,
            1,
        ),
    ];
    for (what, subject, format, budget, n) in cases {
        let (t, rows, bytes) = timed(n, &store, &req(subject, format, all()), dir.path());
        out.push(Row::time(
            format!("report: {what} ({rows} rows, {})", mb(bytes)),
            budget,
            t,
        ));
    }
    // The diary of the demo user's township: its villages.
    let own = store.identity().expect("identity").map(|me| me.township_id);
    let villages = store
        .villages()
        .expect("villages")
        .into_iter()
        .filter(|(_, v)| Some(v.township_id) == own)
        .map(|(id, _)| id)
        .collect::<Vec<_>>();
    let township = ReportScope {
        villages,
        ..ReportScope::default()
    };
    for (what, scope) in [("one township", township), ("whole database", all())] {
        let (t, rows, bytes) = timed(
            1,
            &store,
            &req(Subject::Diary, Format::Xlsx, scope),
            dir.path(),
        );
        out.push(Row::time(
            format!("report: diary, {what}, XLSX ({rows} rows, {})", mb(bytes)),
            None,
            t,
        ));
    }
    out
}
