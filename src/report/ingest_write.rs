//! Ingest writing: inside one transaction, the new households (with their heads), then each
//! planned item — numbered with the store's numbering, registered (挂号) with a note naming
//! the file and row, and brought to its status by its progress events.

use std::collections::HashMap;

use super::ingest::Options;
use super::ingest_plan::{HouseholdPlan, Planned, PlannedItem, number_year};
use super::ingest_strings as s;
use crate::domain::{
    Action, Assistance, HouseholdId, Item, ItemId, Ledger, LedgerFields, Level, Progress,
    ProgressId,
};
use crate::store::{StoreError, Writer};

/// Writes the plan; returns the 编号 of each planned item, in order.
pub fn write(
    w: &mut Writer<'_>,
    plan: &Planned,
    opts: &Options,
) -> Result<Vec<String>, StoreError> {
    let mut created: Vec<Option<HouseholdId>> = vec![None; plan.households.len()];
    let (me, my_name) = match &plan.me {
        Some((id, name)) => (Some(*id), name.clone()),
        None => (None, s::IMPORTER.get(opts.lang).to_owned()),
    };
    let mut numbers = Vec::with_capacity(plan.items.len());
    let mut numbers_of = Numbering::default();
    for item in &plan.items {
        let household = match item.household {
            HouseholdPlan::None => None,
            HouseholdPlan::Existing(h) => Some(h),
            HouseholdPlan::New(idx) => {
                if created[idx].is_none() {
                    let new = &plan.households[idx];
                    w.insert(new.id, &new.household)?;
                    w.insert(new.head_id, &new.head)?;
                    created[idx] = Some(new.id);
                }
                created[idx]
            }
        };
        let number = numbers_of.next(w, &item.prefix, number_year(&item.parsed))?;
        let id = ItemId::new();
        w.insert(id, &record(item, &number, household, opts.ledger))?;
        let p = &item.parsed;
        let register = Progress {
            item_id: id,
            action: Action::Register,
            at: p.registered_at,
            by: item.registered_by.or(me),
            by_name: p.first_responder.clone().unwrap_or_else(|| my_name.clone()),
            note: s::import_note(
                opts.lang,
                &opts.file_name,
                item.row,
                p.number.as_deref(),
                p.note.as_deref(),
            ),
        };
        w.add_progress(ProgressId::new(), &register)?;
        for step in &item.steps {
            let event = Progress {
                item_id: id,
                action: step.action.clone(),
                at: step.at,
                by: me,
                by_name: my_name.clone(),
                note: step.note.clone(),
            };
            w.add_progress(ProgressId::new(), &event)?;
        }
        numbers.push(number);
    }
    Ok(numbers)
}

/// Item numbers within the transaction: the store's numbering gives the first free 编号 of a
/// prefix and year once; the following ones count on from it (nothing else writes in this
/// transaction), instead of searching the numbers again for every row.
#[derive(Default)]
struct Numbering {
    next: HashMap<(String, i32), (String, u32)>,
}

impl Numbering {
    fn next(&mut self, w: &Writer<'_>, prefix: &str, year: i32) -> Result<String, StoreError> {
        let key = (prefix.to_owned(), year);
        if let Some((stem, n)) = self.next.get_mut(&key) {
            *n += 1;
            return Ok(format!("{stem}{:04}", *n));
        }
        let first = w.next_item_number(prefix, year)?;
        // `<prefix>-<year>-NNNN`: the digits after the last `-`.
        if let Some((stem, n)) = first
            .rsplit_once('-')
            .and_then(|(stem, n)| Some((format!("{stem}-"), n.parse::<u32>().ok()?)))
        {
            self.next.insert(key, (stem, n));
        }
        Ok(first)
    }
}

/// The item record of a planned row.
fn record(
    item: &PlannedItem,
    number: &str,
    household: Option<HouseholdId>,
    ledger: Ledger,
) -> Item {
    let p = &item.parsed;
    let ledger_fields = match ledger {
        Ledger::Livelihood => LedgerFields::Livelihood {
            nature: p.nature.clone(),
            beneficiaries: p.beneficiaries,
        },
        Ledger::Hardship => LedgerFields::Hardship {
            causes: p.causes.clone(),
            assistance: Vec::<Assistance>::new(),
            helper: p.helper.clone(),
            review_cycle: None,
        },
        Ledger::Stability => LedgerFields::Stability {
            people_involved: p.people_involved,
            risk_level: p.risk_level.clone(),
            leader: p.leader.clone(),
            stabilisation: p.stabilisation.clone(),
        },
    };
    Item {
        ledger_fields,
        number: number.to_owned(),
        title: p.title.clone(),
        content: p.content.clone(),
        category: p.category.clone(),
        village_id: Some(item.village),
        group_id: item.group,
        household_id: household,
        person_id: item.person,
        reporter: p.reporter.clone(),
        reporter_phone: p.phone.clone(),
        anonymous: item.anonymous,
        source: p.source.clone(),
        source_visit_id: None,
        registered_at: p.registered_at,
        registered_by: item.registered_by,
        level: Level::Village,
        deadline: item.deadline,
        measures: p.measures.clone(),
    }
}
