//! Ingest households: the household an item belongs to — the person with the row's ID
//! number, else the one household of that head name in the village (or the one of them with
//! the row's phone), else a new household with its head, created once for the whole file.

use super::{HouseholdPlan, NewHousehold, Resolver};
use crate::domain::{GroupId, Household, HouseholdId, Person, PersonId, VillageId};
use crate::report::ingest::HouseholdLink;
use crate::report::ingest_row::{Note, ParsedRow, Problem};
use crate::store::StoreError;

type Found = (HouseholdPlan, HouseholdLink, Option<PersonId>);

impl Resolver<'_> {
    /// The household of the row's reporter: the person with its ID number, else the one
    /// household of that head name in the village (or the one of them with its phone), else a
    /// new one — created once, whichever later row names it again.
    pub(super) fn household(
        &mut self,
        row: u32,
        village: VillageId,
        group: Option<GroupId>,
        p: &mut ParsedRow,
    ) -> Result<Result<Found, Problem>, StoreError> {
        let id = p.id_number.as_ref().map(|i| i.as_str().to_owned());
        if let Some(id) = &id {
            if let Some(found) = self.persons.get(id) {
                if let Some(r) = p.reporter.as_ref().filter(|r| **r != found.name) {
                    return Ok(Err(Problem::IdOfOther {
                        id_owner: found.name.clone(),
                        reporter: r.clone(),
                    }));
                }
                let link = HouseholdLink::Existing(found.name.clone());
                return Ok(Ok((
                    HouseholdPlan::Existing(found.household),
                    link,
                    Some(found.person),
                )));
            }
            if let Some((idx, first)) = self.new_by_id.get(id) {
                return Ok(Ok(self.earlier(*idx, *first)));
            }
        }
        let Some(name) = p.reporter.clone() else {
            return Ok(Ok((HouseholdPlan::None, HouseholdLink::None, None)));
        };
        if let Some((idx, first)) = self.new_by_name.get(&(village, name.clone())) {
            return Ok(Ok(self.earlier(*idx, *first)));
        }
        let mut named = self.store.households_named(village, &name)?;
        if named.len() > 1 && p.phone.is_some() {
            named.retain(|(_, phone)| phone.is_some() && *phone == p.phone);
        }
        match named.as_slice() {
            [(h, _)] => {
                let link = HouseholdLink::Existing(name);
                return Ok(Ok((HouseholdPlan::Existing(*h), link, None)));
            }
            [] => {}
            _ => {
                let count = self.store.households_named(village, &name)?.len();
                p.notes.push(Note::HouseholdAmbiguous { name, count });
                return Ok(Ok((HouseholdPlan::None, HouseholdLink::None, None)));
            }
        }
        let hid = HouseholdId::new();
        let head_id = PersonId::new();
        let idn = p.id_number.clone();
        let new = NewHousehold {
            id: hid,
            head_id,
            household: Household {
                village_id: village,
                group_id: group,
                head_name: name.clone(),
                address: p.address.clone(),
                phone: p.phone.clone(),
                tags: Vec::new(),
                cadre_id: None,
                note: None,
            },
            head: Person {
                household_id: hid,
                name: name.clone(),
                relation: "head".into(),
                sex: idn
                    .as_ref()
                    .map(|i| if i.is_female() { "f" } else { "m" }.to_owned()),
                birth_date: idn.as_ref().map(|i| i.birth_date()),
                id_number: idn.map(String::from),
                phone: p.phone.clone(),
                health: None,
                disability_type: None,
                disability_grade: None,
                note: None,
            },
        };
        let idx = self.planned.households.len();
        self.planned.households.push(new);
        self.new_by_name.insert((village, name.clone()), (idx, row));
        if let Some(id) = id {
            self.new_by_id.insert(id, (idx, row));
        }
        Ok(Ok((
            HouseholdPlan::New(idx),
            HouseholdLink::New(name),
            Some(head_id),
        )))
    }

    fn earlier(&self, idx: usize, first: u32) -> Found {
        let h = &self.planned.households[idx];
        (
            HouseholdPlan::New(idx),
            HouseholdLink::NewEarlier(h.household.head_name.clone(), first),
            Some(h.head_id),
        )
    }
}
