//! Ingest planning: every data row validated, then resolved against the database through
//! Store reads — its village and group, whether the item is already there (same 编号, or same
//! reporter, content and day; or an earlier row of the file), its deadline and history, and
//! its household (found by ID number or by head name in the village, else created once). The
//! result is what the one write transaction does.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::ingest::{HouseholdLink, IngestError, Options, Outcome, RowReport, Skip};
use super::ingest_events::{Step, check, escalation_level, steps};
use super::ingest_headers::{HeaderMap, MIN_HEADER_FIELDS, Synonyms, score};
use super::ingest_place::{PlaceMatch, Places, find_group};
use super::ingest_read::{Cell, Sheet};
use super::ingest_row::{ParsedRow, Problem, parse_row};
use super::ingest_values::DeadlineSpec;
use crate::domain::calendar::Calendar;
use crate::domain::deadline::{DeadlineRules, deadline_for};
use crate::domain::{
    CadreId, GroupId, Household, HouseholdId, ItemStatus, Level, Person, PersonId, VillageId,
};
use crate::i18n::Localized;
use crate::store::ingest::PersonById;
use crate::store::{Store, StoreError};

/// Words a row below the data starts with (totals, signatures).
const FOOTERS: [&str; 12] = [
    "合计",
    "小计",
    "总计",
    "填表人",
    "制表人",
    "填报人",
    "审核人",
    "负责人",
    "填报单位",
    "填表日期",
    "制表日期",
    "注:",
];

/// What a reporter cell says when the resident would not give a name.
const ANONYMOUS: [&str; 4] = ["匿名", "匿名反映", "不愿透露姓名", "不具名"];

/// Where an item's household comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HouseholdPlan {
    None,
    Existing(HouseholdId),
    /// Index into [`Planned::households`].
    New(usize),
}

/// A household (and its head) this import creates.
#[derive(Debug, Clone, PartialEq)]
pub struct NewHousehold {
    pub id: HouseholdId,
    pub head_id: PersonId,
    pub household: Household,
    pub head: Person,
}

/// A row that will become an item.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedItem {
    pub row: u32,
    pub parsed: ParsedRow,
    pub village: VillageId,
    pub group: Option<GroupId>,
    pub household: HouseholdPlan,
    pub link: HouseholdLink,
    pub person: Option<PersonId>,
    pub anonymous: bool,
    pub prefix: String,
    pub deadline: NaiveDate,
    pub steps: Vec<Step>,
    pub status: ItemStatus,
    pub registered_by: Option<CadreId>,
}

/// The whole plan: items to write, households to create, and every other row's outcome.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Planned {
    pub items: Vec<PlannedItem>,
    pub households: Vec<NewHousehold>,
    pub others: Vec<RowReport>,
    /// The importing user (this device's identity): who the events are by.
    pub me: Option<(CadreId, String)>,
}

fn is_footer(cells: &[Cell]) -> bool {
    let filled: Vec<String> = cells
        .iter()
        .filter(|c| !c.is_blank())
        .map(|c| super::ingest_headers::normalize_header(&c.text()))
        .collect();
    filled.len() <= 3
        && filled
            .first()
            .is_some_and(|f| FOOTERS.iter().any(|w| f.starts_with(w)))
}

/// (reporter, content) → (registration day, 编号) of the items that have them.
type ItemsByKey = HashMap<(String, String), Vec<(String, String)>>;

/// The database reads a plan needs, cached per run.
struct Resolver<'a> {
    store: &'a Store,
    opts: &'a Options,
    places: Places,
    forced: Option<VillageId>,
    persons: HashMap<String, PersonById>,
    groups: HashMap<VillageId, Vec<(GroupId, String)>>,
    /// The ledger's items of each village looked at, by (reporter, content).
    items: HashMap<VillageId, ItemsByKey>,
    cadres: HashMap<String, Option<CadreId>>,
    /// (village, reporter, content, day) → the first row of the file with it.
    seen: HashMap<(VillageId, String, String, Option<NaiveDate>), u32>,
    new_by_name: HashMap<(VillageId, String), (usize, u32)>,
    new_by_id: HashMap<String, (usize, u32)>,
    planned: Planned,
}

pub fn plan(
    store: &Store,
    syn: &Synonyms,
    sheet: &Sheet,
    header: &HeaderMap,
    opts: &Options,
) -> Result<Planned, IngestError> {
    let me = store.identity()?;
    let places = Places::new(
        store.villages()?,
        store.townships()?,
        me.as_ref().map(|m| m.township_id),
    );
    let forced = match &opts.village {
        None => None,
        Some(v) => match places.find(v) {
            PlaceMatch::One(id, rest) if rest.is_empty() => Some(id),
            PlaceMatch::Many(t) => return Err(IngestError::AmbiguousVillage(v.clone(), t)),
            _ => return Err(IngestError::UnknownVillage(v.clone())),
        },
    };
    let mut others = Vec::new();
    let mut parsed = Vec::new();
    for (i, cells) in sheet.rows.iter().enumerate().skip(header.row + 1) {
        let row = sheet.first_row + i as u32;
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        let texts: Vec<String> = cells.iter().map(Cell::text).collect();
        let skip = if score(syn, &texts) >= MIN_HEADER_FIELDS {
            Some(Skip::RepeatedHeader)
        } else {
            is_footer(cells).then_some(Skip::Footer)
        };
        match skip {
            Some(s) => others.push(RowReport {
                row,
                outcome: Outcome::Skipped(s),
            }),
            None => parsed.push((row, parse_row(syn, header, opts.ledger, cells, opts.today))),
        }
    }
    let ids: Vec<String> = parsed
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok()?.id_number.as_ref())
        .map(|id| id.as_str().to_owned())
        .collect();
    let persons = store
        .persons_by_id_numbers(&ids)?
        .into_iter()
        .map(|p| (p.id_number.clone(), p))
        .collect();
    let mut r = Resolver {
        store,
        opts,
        places,
        forced,
        persons,
        groups: HashMap::new(),
        items: HashMap::new(),
        cadres: HashMap::new(),
        seen: HashMap::new(),
        new_by_name: HashMap::new(),
        new_by_id: HashMap::new(),
        planned: Planned {
            others,
            me: me.map(|m| (m.cadre_id, m.name)),
            ..Planned::default()
        },
    };
    for (row, result) in parsed {
        let outcome = match result {
            Ok(p) => r.resolve(row, p)?,
            Err(problems) => Some(Outcome::Refused(problems)),
        };
        if let Some(outcome) = outcome {
            r.planned.others.push(RowReport { row, outcome });
        }
    }
    Ok(r.planned)
}

impl Resolver<'_> {
    /// Plans one valid row; `Some(outcome)` when it will not become an item.
    fn resolve(&mut self, row: u32, mut p: ParsedRow) -> Result<Option<Outcome>, StoreError> {
        let (village, rest) = match self.village(&p) {
            Ok(v) => v,
            Err(problem) => return Ok(Some(Outcome::Refused(vec![problem]))),
        };
        let group_text = p.group.clone().unwrap_or(rest);
        let group = self.group(village, &group_text)?;
        let anonymous = p
            .reporter
            .as_deref()
            .is_some_and(|r| ANONYMOUS.contains(&r));
        if anonymous {
            p.reporter = None;
        }
        if let Some(n) = &p.number
            && self.store.item_number_taken(n)?
        {
            return Ok(Some(Outcome::Exists { number: n.clone() }));
        }
        let reporter = p.reporter.clone().unwrap_or_default();
        let day = p.dated.then(|| p.registered_at.date());
        let ledger = self.opts.ledger;
        if let Some(number) = self.existing(village, &reporter, &p.content, day)? {
            return Ok(Some(Outcome::Exists { number }));
        }
        let key = (village, reporter, p.content.clone(), day);
        if let Some(first) = self.seen.get(&key) {
            return Ok(Some(Outcome::Duplicate { of_row: *first }));
        }
        let reg = p.registered_at.date();
        let cal = Calendar::builtin();
        let deadline = match p.deadline {
            Some(DeadlineSpec::Date(d)) => d,
            Some(DeadlineSpec::WorkingDays(n)) => cal.add_working_days(reg, n),
            Some(DeadlineSpec::Days(n)) => reg + chrono::Days::new(u64::from(n)),
            None => deadline_for(cal, DeadlineRules::builtin(), reg, ledger, &p.category),
        };
        let to = escalation_level(p.status_text.as_deref());
        let history = steps(&p, deadline, to, self.opts.lang);
        let status = match check(Level::Village, deadline, &history) {
            Ok(status) => status,
            Err(e) => {
                let problem = Problem::Workflow(e.message(self.opts.lang));
                return Ok(Some(Outcome::Refused(vec![problem])));
            }
        };
        let (household, link, person) = match self.household(row, village, group, &mut p)? {
            Ok(found) => found,
            Err(problem) => return Ok(Some(Outcome::Refused(vec![problem]))),
        };
        self.seen.insert(key, row);
        let registered_by = match p.first_responder.clone() {
            Some(name) => self.cadre(&name)?,
            None => None,
        };
        self.planned.items.push(PlannedItem {
            row,
            status,
            parsed: p,
            village,
            group,
            household,
            link,
            person,
            anonymous,
            prefix: self.places.prefix(village),
            deadline,
            steps: history,
            registered_by,
        });
        Ok(None)
    }

    /// The row's village: `--village` (the cell may then hold a group, or the same village),
    /// else the 村组 cell.
    fn village(&self, p: &ParsedRow) -> Result<(VillageId, String), Problem> {
        let text = p.village.clone().unwrap_or_default();
        if let Some(forced) = self.forced {
            return match self.places.find(&text) {
                PlaceMatch::One(id, rest) if id == forced => Ok((forced, rest)),
                PlaceMatch::One(_, _) => Err(Problem::VillageMismatch {
                    cell: text,
                    given: self.places.name(forced).to_owned(),
                }),
                // A name of another village (青山村, 白沙社区) is not a group of this one.
                _ if super::ingest_place::names_a_village(&text) => Err(Problem::VillageMismatch {
                    cell: text,
                    given: self.places.name(forced).to_owned(),
                }),
                PlaceMatch::None | PlaceMatch::Many(_) => Ok((forced, text)),
            };
        }
        if text.is_empty() {
            return Err(Problem::Missing(
                super::ingest_headers::Synonyms::builtin()
                    .label(super::ingest_headers::Field::Village)
                    .to_owned(),
            ));
        }
        match self.places.find(&text) {
            PlaceMatch::One(id, rest) => Ok((id, rest)),
            PlaceMatch::None => Err(Problem::UnknownVillage(text)),
            PlaceMatch::Many(townships) => Err(Problem::AmbiguousVillage {
                name: text,
                townships,
            }),
        }
    }

    fn group(&mut self, village: VillageId, text: &str) -> Result<Option<GroupId>, StoreError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        if !self.groups.contains_key(&village) {
            let g = self.store.groups_of(village)?;
            self.groups.insert(village, g);
        }
        Ok(self.groups.get(&village).and_then(|g| find_group(g, text)))
    }

    /// The 编号 of an item of the ledger in `village` with this reporter and content,
    /// registered on `day` (any day when `None`); the village's items are read once.
    fn existing(
        &mut self,
        village: VillageId,
        reporter: &str,
        content: &str,
        day: Option<NaiveDate>,
    ) -> Result<Option<String>, StoreError> {
        if !self.items.contains_key(&village) {
            let mut by_key: ItemsByKey = HashMap::new();
            for k in self.store.item_keys(self.opts.ledger, village)? {
                by_key
                    .entry((k.reporter, k.content))
                    .or_default()
                    .push((k.day, k.number));
            }
            self.items.insert(village, by_key);
        }
        let found = self
            .items
            .get(&village)
            .and_then(|m| m.get(&(reporter.to_owned(), content.to_owned())))
            .and_then(|list| {
                list.iter()
                    .find(|(d, _)| day.is_none_or(|day| *d == day.to_string()))
            })
            .map(|(_, number)| number.clone());
        Ok(found)
    }

    /// A cadre of exactly this name, if there is exactly one.
    fn cadre(&mut self, name: &str) -> Result<Option<CadreId>, StoreError> {
        if let Some(c) = self.cadres.get(name) {
            return Ok(*c);
        }
        let rows = self.store.pick_cadres(name, 20)?;
        let exact: Vec<CadreId> = rows
            .iter()
            .filter(|c| c.name == name)
            .map(|c| c.id)
            .collect();
        let found = match exact.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        self.cadres.insert(name.to_owned(), found);
        Ok(found)
    }
}

/// The year an item's number is counted in.
pub fn number_year(p: &ParsedRow) -> i32 {
    p.registered_at.year()
}

#[path = "ingest_household.rs"]
mod household;
