//! Reads behind the household detail and forms: the members of a household, its items, the
//! groups of a village and the cadres who cover it.

use rusqlite::types::Value as Sql;

use super::query::{ITEM_SELECT, ItemRow, Page, Paged, item_row, paged};
use super::{Store, StoreError, read};
use crate::domain::{Cadre, CadreId, GroupId, HouseholdId, Person, PersonId, Record, VillageId};

/// Members read at most for one household; a real household has far fewer, and the cap
/// keeps a corrupt import from loading thousands into one screen.
pub const MAX_MEMBERS: u64 = 200;

impl Store {
    /// Whether a record exists here and is not deleted (`get` also returns tombstones).
    pub fn is_live<R: Record>(&self, id: R::Id) -> Result<bool, StoreError> {
        let uuid: uuid::Uuid = id.into();
        read::live(self.conn(), R::KIND, &uuid.to_string())
    }

    /// The members of a household: the head first, then by relation and birth date.
    pub fn persons_of(&self, h: HouseholdId) -> Result<Vec<(PersonId, Person)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0
             ORDER BY relation <> 'head', coalesce(birth_date, '9999'), id LIMIT ?2",
        )?;
        let ids = stmt
            .query_map(rusqlite::params![h.to_string(), MAX_MEMBERS as i64], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let (Ok(typed), Some(p)) = (id.parse(), read::get::<Person>(self.conn(), &id)?) {
                out.push((typed, p));
            }
        }
        Ok(out)
    }

    /// The items of a household: open ones first, then newest registered first.
    pub fn items_of_household(
        &self,
        h: HouseholdId,
        page: Page,
    ) -> Result<Paged<ItemRow>, StoreError> {
        let sql = format!(
            "{ITEM_SELECT} WHERE i.household_id = ? AND i.deleted = 0
             ORDER BY i.status = 'closed', i.registered_at DESC, i.id DESC"
        );
        paged(self, &sql, vec![Sql::Text(h.to_string())], page, item_row)
    }

    /// The groups (村民小组) of a village in the order they were created (一组, 二组…: the
    /// order of their names as text would put 十组 before 二组).
    pub fn groups_of(&self, v: VillageId) -> Result<Vec<(GroupId, String)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name FROM village_groups WHERE village_id = ?1 AND deleted = 0
             ORDER BY id",
        )?;
        let rows = stmt
            .query_map([v.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, name)| Some((id.parse().ok()?, name)))
            .collect())
    }

    /// The cadres who cover a village (包村干部, village cadres), by name.
    pub fn cadres_of_village(&self, v: VillageId) -> Result<Vec<(CadreId, Cadre)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM cadres WHERE deleted = 0 AND instr(village_ids, ?1) > 0
             ORDER BY name, id",
        )?;
        let ids = stmt
            .query_map([v.to_string()], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let (Ok(typed), Some(c)) = (id.parse(), read::get::<Cadre>(self.conn(), &id)?) {
                out.push((typed, c));
            }
        }
        Ok(out)
    }
}
