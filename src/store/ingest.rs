//! Reads behind `minqing ingest` (households by head name, persons by ID number, items already
//! registered) and the dry run's transaction that is always rolled back.

use rusqlite::OptionalExtension;

use super::{Store, StoreError, Writer};
use crate::domain::{HouseholdId, Ledger, PersonId, VillageId};

/// A person found by ID number: the ID, the person, their household and name.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonById {
    pub id_number: String,
    pub person: PersonId,
    pub household: HouseholdId,
    pub name: String,
}

/// What identifies an item for ingest (see [`Store::item_keys`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemKey {
    pub reporter: String,
    pub content: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub number: String,
}

impl Store {
    /// The live households of a village whose head has exactly this name, with their phones
    /// (one index lookup: `households_village` is on village and head name).
    pub fn households_named(
        &self,
        village: VillageId,
        head_name: &str,
    ) -> Result<Vec<(HouseholdId, Option<String>)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, phone FROM households
             WHERE village_id = ?1 AND head_name = ?2 AND deleted = 0 ORDER BY id",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![village.to_string(), head_name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, phone)| Some((id.parse().ok()?, phone)))
            .collect())
    }

    /// The live persons (of live households) holding any of these ID numbers, in one pass over
    /// the persons table (ID numbers have no index: nothing else searches by them).
    pub fn persons_by_id_numbers(&self, ids: &[String]) -> Result<Vec<PersonById>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(ids)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id_number, p.id, p.household_id, p.name FROM persons p
             JOIN households h ON h.id = p.household_id
             WHERE p.deleted = 0 AND h.deleted = 0 AND p.id_number IS NOT NULL
               AND p.id_number IN (SELECT value FROM json_each(?1))
             ORDER BY p.id",
        )?;
        let rows = stmt
            .query_map([list], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id_number, p, h, name)| {
                Some(PersonById {
                    id_number,
                    person: p.parse().ok()?,
                    household: h.parse().ok()?,
                    name,
                })
            })
            .collect())
    }

    /// Whether a live item has this 编号.
    pub fn item_number_taken(&self, number: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("SELECT 1 FROM items WHERE number = ?1 AND deleted = 0 LIMIT 1")?
            .query_row([number], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The live items of `ledger` in `village` as ingest compares rows with them: reporter
    /// (`""` = none), content, registration day and 编号. One index range (`items_village`)
    /// per village, read once per import instead of one scan per row.
    pub fn item_keys(
        &self,
        ledger: Ledger,
        village: VillageId,
    ) -> Result<Vec<ItemKey>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT coalesce(reporter, ''), content, substr(registered_at, 1, 10), number
             FROM items WHERE village_id = ?1 AND ledger = ?2 AND deleted = 0 ORDER BY number",
        )?;
        let rows = stmt
            .query_map(rusqlite::params![village.to_string(), ledger.code()], |r| {
                Ok(ItemKey {
                    reporter: r.get(0)?,
                    content: r.get(1)?,
                    day: r.get(2)?,
                    number: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Runs `f` as [`Store::write`] does, then rolls everything back: a dry run that goes
    /// through exactly the code of the real one (numbers, workflow checks) and leaves the
    /// database as it was.
    pub fn write_and_discard<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.transact(false, f)
    }
}
