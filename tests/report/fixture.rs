//! The report tests' township: two villages, six items over the three ledgers with
//! hand-chosen dates and states, two visits; plus running the binary and reading its files.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use minqing::domain::*;
use minqing::store::{Identity, Store};

use crate::common::{at, d, livelihood_item, township};

/// 王凯 (白虎村三组): the household, its head's ID number and his phone.
pub const WANG_PHONE: &str = "13812345678";
pub const WANG_ID: &str = "11010519491231002X";
/// 李秀英 (赤石村).
pub const LI_PHONE: &str = "13987654321";
/// An item text with everything CSV must quote: a comma, quotes and a line break.
pub const TRICKY: &str = "村口\"老桥\"桥面开裂,雨天积水\n请尽快修";

/// The database file and the report folder of one test.
pub struct Env {
    pub _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub out: PathBuf,
}

fn item(
    base: &Item,
    number: &str,
    title: &str,
    village: VillageId,
    registered: (u32, u32),
    deadline: NaiveDate,
) -> Item {
    Item {
        number: number.into(),
        title: title.into(),
        village_id: Some(village),
        registered_at: at(2026, registered.0, registered.1, 10),
        deadline,
        source_visit_id: None,
        ..base.clone()
    }
}

fn event(item: ItemId, action: Action, when: chrono::NaiveDateTime, note: &str) -> Progress {
    Progress {
        item_id: item,
        action,
        at: when,
        by: None,
        by_name: "汪晓艳".into(),
        note: note.into(),
    }
}

/// Builds the township in a new database file whose user has `role`:
/// - 两河-2026-0001 (民生, 白虎村, from the visit of 3-02, registered by 汪晓艳 without a
///   cadre id): assigned, a progress note, answered, return visit satisfied, closed on 3-12;
/// - 两河-2026-0002 (民生, 白虎村, from the same visit, registered by the cadre 汪晓艳 though
///   the event says 值班员): registered 11-02, deadline 11-16, assigned: open and 6 working
///   days overdue on 11-24;
/// - 两河-2026-0003 (民生, 赤石村): anonymous, registered 3-10 by 周敏, deadline 12-15;
/// - 两河-2026-0004 (民生, 赤石村, from the courtyard meeting of 5-06): 李秀英, [`TRICKY`];
/// - 两河-2026-0005 (困难, 白虎村, 王凯's household, no reporter): 因病、因残, 低保 1200元;
/// - 两河-2026-0006 (稳定, 赤石村): red risk, 12 people.
pub fn env(role: &str) -> Env {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("minqing.db");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out folder");
    let mut store = Store::open(&db).expect("open");
    let f = township(&mut store);
    let chishi = VillageId::new();
    let li = HouseholdId::new();
    let meeting = VisitId::new();
    let base = livelihood_item(f.village, f.household, f.visit);
    store
        .write(|w| {
            w.insert(
                chishi,
                &Village {
                    township_id: f.township,
                    name: "赤石村".into(),
                    code: None,
                },
            )?;
            w.insert(
                li,
                &Household {
                    village_id: chishi,
                    group_id: None,
                    head_name: "李秀英".into(),
                    address: None,
                    phone: Some(LI_PHONE.into()),
                    tags: vec![],
                    cadre_id: Some(f.cadre),
                    note: None,
                },
            )?;
            w.insert(
                meeting,
                &Visit {
                    date: d(2026, 5, 6),
                    kind: "courtyard".into(),
                    village_id: Some(chishi),
                    household_ids: vec![],
                    place: Some("赤石村委会".into()),
                    cadre_ids: vec![f.cadre],
                    heard: "院坝会上群众反映村口老桥开裂".into(),
                    family_situation: None,
                    follow_up: Some("报镇交通办".into()),
                    confirmed_by: None,
                    confirmed: None,
                    recorded_by: Some(f.cadre),
                    recorded_at: at(2026, 5, 6, 16),
                },
            )?;
            // 0001: the fixture's item, worked through to closing.
            let one = f.item;
            for (action, day, note) in [
                (
                    Action::Assign {
                        unit: Some("镇水务站".into()),
                        person: Some("刘强".into()),
                        deadline: d(2026, 3, 16),
                    },
                    3,
                    "",
                ),
                (Action::Progress, 5, "已派人查看现场"),
                (
                    Action::Answer {
                        result: "已更换主管道，恢复供水".into(),
                    },
                    9,
                    "",
                ),
                (
                    Action::ReturnVisit {
                        satisfaction: Satisfaction::Satisfied,
                    },
                    11,
                    "电话回访",
                ),
                (Action::Close { reason: None }, 12, ""),
            ] {
                let e = event(one, action, at(2026, 3, day, 9), note);
                w.add_progress(ProgressId::new(), &e)?;
            }
            let two = ItemId::new();
            let mut i2 = item(
                &base,
                "两河-2026-0002",
                "赤石组路灯不亮",
                f.village,
                (11, 2),
                d(2026, 11, 16),
            );
            i2.source_visit_id = Some(f.visit);
            i2.registered_by = Some(f.cadre);
            w.register_item(two, ProgressId::new(), &i2, Some(f.cadre), "值班员")?;
            let assign = Action::Assign {
                unit: Some("镇供电所".into()),
                person: None,
                deadline: d(2026, 11, 16),
            };
            w.add_progress(
                ProgressId::new(),
                &event(two, assign, at(2026, 11, 3, 9), ""),
            )?;
            let mut i3 = item(
                &base,
                "两河-2026-0003",
                "反映村干部优亲厚友",
                chishi,
                (3, 10),
                d(2026, 12, 15),
            );
            i3.household_id = None;
            i3.reporter = None;
            i3.reporter_phone = None;
            i3.anonymous = true;
            w.register_item(ItemId::new(), ProgressId::new(), &i3, None, "周敏")?;
            let mut i4 = item(
                &base,
                "两河-2026-0004",
                "村口老桥开裂",
                chishi,
                (5, 6),
                d(2026, 12, 31),
            );
            i4.household_id = Some(li);
            i4.reporter = Some("李秀英".into());
            i4.reporter_phone = Some(LI_PHONE.into());
            i4.content = TRICKY.into();
            i4.source_visit_id = Some(meeting);
            w.register_item(ItemId::new(), ProgressId::new(), &i4, None, "汪晓艳")?;
            let mut i5 = item(
                &base,
                "两河-2026-0005",
                "王凯老两口因病因残生活困难",
                f.village,
                (4, 1),
                d(2026, 4, 15),
            );
            i5.ledger_fields = LedgerFields::Hardship {
                causes: vec!["illness".into(), "disability".into()],
                assistance: vec![Assistance {
                    measure: "dibao".into(),
                    amount_fen: Some(120_000),
                    date: Some(d(2026, 4, 10)),
                }],
                helper: Some("张敏".into()),
                review_cycle: Some("quarterly".into()),
            };
            i5.category = "illness".into();
            i5.reporter = None;
            i5.reporter_phone = None;
            w.register_item(ItemId::new(), ProgressId::new(), &i5, None, "汪晓艳")?;
            let mut i6 = item(
                &base,
                "两河-2026-0006",
                "赤石村征地补偿分配纠纷",
                chishi,
                (6, 1),
                d(2026, 6, 15),
            );
            i6.ledger_fields = LedgerFields::Stability {
                people_involved: Some(12),
                risk_level: Some("red".into()),
                leader: Some("李强".into()),
                stabilisation: Some("镇村两级逐户沟通".into()),
            };
            i6.category = "land_acquisition".into();
            i6.household_id = None;
            w.register_item(ItemId::new(), ProgressId::new(), &i6, None, "汪晓艳")?;
            Ok(())
        })
        .expect("fixture writes");
    store
        .set_identity(&Identity {
            role: role.into(),
            name: "汪晓艳".into(),
            township_id: f.township,
            cadre_id: f.cadre,
            created_at: "2026-01-01T08:00:00".into(),
        })
        .expect("identity");
    Env { _dir: dir, db, out }
}

pub use crate::common::device::minqing;

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs a report that must succeed; the file named on the last line of its output.
pub fn report(env: &Env, args: &[&str]) -> PathBuf {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = minqing(&env.db, &all);
    assert!(out.status.success(), "report failed: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let last = stdout.lines().last().expect("a last line");
    let path = PathBuf::from(last);
    assert!(path.is_file(), "the last line names the file: {stdout}");
    path
}

/// A cell as text: numbers without ".0", dates as `2026-03-05`.
fn cell(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_default(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Every row of `sheet` in `path` as text, from A1.
pub fn sheet(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("open the workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    assert_eq!(range.start(), Some((0, 0)), "the sheet starts at A1");
    range.rows().map(|r| r.iter().map(cell).collect()).collect()
}

/// The names of the workbook's sheets.
pub fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).expect("open the workbook");
    book.sheet_names()
}

/// The files in the report folder.
pub fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Parses CSV text (RFC 4180: quoted fields with doubled quotes, CRLF records) on its own,
/// not with the code under test.
pub fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the file ends with a line break"
    );
    rows
}
