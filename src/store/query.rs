//! Paged read queries for lists and detail views; nothing loads a whole table.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value as Sql;
use rusqlite::{Row, params_from_iter};
use serde::Serialize;
use serde_json::Value;

use super::value::from_sql;
use super::{Store, StoreError};
use super::{apply, read};
use crate::domain::{
    CadreId, EntityKind, Hlc, HouseholdId, ItemId, ItemState, ItemStatus, Ledger, Level, OpId,
    Progress, Record, Township, TownshipId, Village, VillageId, VisitId,
};

/// Which slice of a list to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

impl Page {
    /// The first `limit` rows.
    pub fn first(limit: u64) -> Page {
        Page { offset: 0, limit }
    }
}

/// One page of rows and whether more follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub more: bool,
}

/// Filters of a ledger screen; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    pub ledger: Option<Ledger>,
    pub village: Option<VillageId>,
    pub category: Option<String>,
    pub status: Option<ItemStatus>,
    pub level: Option<Level>,
    /// Only open items whose deadline is before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only the items this cadre is responsible for (the dashboard's per-cadre figures).
    pub cadre: Option<CadreId>,
}

/// The order of every ledger list: open items by deadline, closed ones after them. It is the
/// order of the index `items_ledger_order` (migration 0002), so a page is read, not sorted.
const ITEM_ORDER: &str = "ORDER BY i.status = 'closed', i.due_date, i.number";
/// The same order when the filter leaves only open or only one status: the first key is then
/// the same for every row, and leaving it out lets `items_ledger_status_order` serve the order.
const ITEM_ORDER_ONE_STATUS: &str = "ORDER BY i.due_date, i.number";

impl ItemFilter {
    /// The filter as ` AND …` clauses on `items i` and their arguments.
    pub(super) fn sql(&self) -> (String, Vec<Sql>) {
        let mut sql = String::new();
        let mut args = Vec::new();
        let mut add = |clause: &str, v: Sql| {
            sql.push_str(clause);
            args.push(v);
        };
        if let Some(l) = self.ledger {
            // With a village, its few items are found by `items_village` and sorted; the unary
            // `+` keeps the planner from walking the whole ledger in index order instead
            // (county scale: 49 ms → 0.2 ms). The same for a cadre's items, found by the
            // indexes on `responsible_person` and `registered_by` (county: 360 ms → 2 ms).
            let clause = if self.village.is_some() || self.cadre.is_some() {
                " AND +i.ledger = ?"
            } else {
                " AND i.ledger = ?"
            };
            add(clause, Sql::Text(l.code().into()));
        }
        if let Some(v) = self.village {
            add(" AND i.village_id = ?", Sql::Text(v.to_string()));
        }
        if let Some(c) = &self.category {
            add(" AND i.category = ?", Sql::Text(c.clone()));
        }
        if let Some(s) = self.status {
            add(" AND i.status = ?", Sql::Text(s.code().into()));
        }
        if let Some(l) = self.level {
            add(" AND i.current_level = ?", Sql::Text(l.code().into()));
        }
        if let Some(d) = self.overdue_on {
            // Written as the indexed expression, so the open part of the index is searched.
            add(
                " AND (i.status = 'closed') = 0 AND i.due_date < ?",
                Sql::Text(d.to_string()),
            );
        }
        if let Some(c) = self.cadre {
            sql.push_str(super::dashboard_sql::CADRE_FILTER);
            args.extend(std::iter::repeat_n(Sql::Text(c.to_string()), 5));
        }
        (sql, args)
    }

    /// The `ORDER BY` for this filter (see [`ITEM_ORDER`]).
    pub(super) fn order(&self) -> &'static str {
        if self.status.is_some() || self.overdue_on.is_some() {
            ITEM_ORDER_ONE_STATUS
        } else {
            ITEM_ORDER
        }
    }
}

/// One line of a ledger table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    pub id: ItemId,
    pub ledger: Ledger,
    pub number: String,
    pub title: String,
    pub category: String,
    pub village: Option<String>,
    pub reporter: Option<String>,
    pub reporter_phone: Option<String>,
    pub status: ItemStatus,
    pub level: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub responsible: Option<String>,
    pub registered_at: NaiveDateTime,
}

/// One line of the diary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitRow {
    pub id: VisitId,
    pub date: NaiveDate,
    pub kind: String,
    pub place: Option<String>,
    pub household: Option<String>,
    pub heard: String,
}

/// One line of the household list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HouseholdRow {
    pub id: HouseholdId,
    pub head_name: String,
    pub village: String,
    pub group: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
}

/// A field with more than one current value, or a record deleted while someone edited it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub entity: EntityKind,
    pub entity_id: String,
    pub field: String,
    /// The competing values, winner (highest HLC, origin) first.
    pub values: Vec<(OpId, Hlc, Value)>,
}

/// (entity, entity_id, field) of every unresolved conflict.
/// Two concurrent deletes agree, so `deleted` only conflicts with an unseen edit.
pub(super) const CONFLICT_KEYS: &str = "SELECT entity, entity_id, field FROM field_heads
    WHERE field <> 'deleted' GROUP BY entity_id, field HAVING count(*) > 1
    UNION ALL
    SELECT DISTINCT h.entity, h.entity_id, 'deleted' FROM field_heads d
    JOIN field_heads h ON h.entity_id = d.entity_id AND h.field <> 'deleted'
    WHERE d.field = 'deleted' AND d.value = 'true' AND NOT EXISTS (
        SELECT 1 FROM superseded s WHERE s.entity_id = h.entity_id AND s.field = '*'
        AND s.origin = h.origin AND s.seq = h.seq)";

/// [`CONFLICT_KEYS`] for one record, searched by its id (an index lookup, not a scan).
const CONFLICTS_OF: &str = "SELECT field FROM field_heads
    WHERE entity_id = ?1 AND field <> 'deleted' GROUP BY field HAVING count(*) > 1
    UNION ALL
    SELECT DISTINCT 'deleted' FROM field_heads d
    JOIN field_heads h ON h.entity_id = d.entity_id AND h.field <> 'deleted'
    WHERE d.entity_id = ?1 AND d.field = 'deleted' AND d.value = 'true' AND NOT EXISTS (
        SELECT 1 FROM superseded s WHERE s.entity_id = h.entity_id AND s.field = '*'
        AND s.origin = h.origin AND s.seq = h.seq)
    ORDER BY 1";

/// The conflicted fields of one record.
pub(super) fn conflicted_fields(
    conn: &rusqlite::Connection,
    entity_id: &str,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(CONFLICTS_OF)?;
    let rows = stmt
        .query_map([entity_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn parse<T: std::str::FromStr>(s: String) -> rusqlite::Result<T> {
    s.parse().map_err(|_| rusqlite::Error::InvalidColumnName(s))
}

pub(super) const ITEM_SELECT: &str = "SELECT i.id, i.ledger, i.number, i.title, i.category,
    v.name, i.reporter, i.reporter_phone, i.status, i.current_level, i.due_date,
    coalesce(i.responsible_person, i.responsible_unit), i.registered_at
    FROM items i LEFT JOIN villages v ON v.id = i.village_id";

pub(super) fn item_row(r: &Row<'_>) -> rusqlite::Result<ItemRow> {
    let json = |i: usize| -> rusqlite::Result<Value> { Ok(Value::String(r.get(i)?)) };
    Ok(ItemRow {
        id: parse(r.get(0)?)?,
        ledger: serde_json::from_value(json(1)?).map_err(|_| rusqlite::Error::InvalidQuery)?,
        number: r.get(2)?,
        title: r.get(3)?,
        category: r.get(4)?,
        village: r.get(5)?,
        reporter: r.get(6)?,
        reporter_phone: r.get(7)?,
        status: ItemStatus::from_code(&r.get::<_, String>(8)?).unwrap_or(ItemStatus::Registered),
        level: r.get(9)?,
        due_date: r.get::<_, Option<String>>(10)?.map(parse).transpose()?,
        responsible: r.get(11)?,
        registered_at: parse(r.get(12)?)?,
    })
}

pub(super) const VISIT_SELECT: &str = "SELECT v.id, v.date, v.kind, v.place,
    (SELECT h.head_name FROM visit_households vh JOIN households h ON h.id = vh.household_id
      WHERE vh.visit_id = v.id LIMIT 1), v.heard FROM visits v";

pub(super) fn visit_row(r: &Row<'_>) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: parse(r.get(0)?)?,
        date: parse(r.get(1)?)?,
        kind: r.get(2)?,
        place: r.get(3)?,
        household: r.get(4)?,
        heard: r.get(5)?,
    })
}

pub(super) const HOUSEHOLD_SELECT: &str =
    "SELECT h.id, h.head_name, v.name, g.name, h.phone, h.tags
    FROM households h JOIN villages v ON v.id = h.village_id
    LEFT JOIN village_groups g ON g.id = h.group_id";

pub(super) fn household_row(r: &Row<'_>) -> rusqlite::Result<HouseholdRow> {
    Ok(HouseholdRow {
        id: parse(r.get(0)?)?,
        head_name: r.get(1)?,
        village: r.get(2)?,
        group: r.get(3)?,
        phone: r.get(4)?,
        tags: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
    })
}

/// Runs a list query for one page, reading one extra row to know whether more follow.
pub(super) fn paged<T>(
    store: &Store,
    sql: &str,
    mut args: Vec<Sql>,
    page: Page,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Paged<T>, StoreError> {
    let sql = format!("{sql} LIMIT ? OFFSET ?");
    args.push(Sql::Integer(page.limit.saturating_add(1) as i64));
    args.push(Sql::Integer(page.offset as i64));
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let mut rows = stmt
        .query_map(params_from_iter(args), map)?
        .collect::<Result<Vec<T>, _>>()?;
    let more = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    Ok(Paged { rows, more })
}

impl Store {
    /// One record by id.
    pub fn get<R: Record>(&self, id: R::Id) -> Result<Option<R>, StoreError> {
        let uuid: uuid::Uuid = id.into();
        read::get(self.conn(), &uuid.to_string())
    }

    /// A ledger table: open items by deadline (most urgent first), closed ones after them.
    pub fn items(&self, f: &ItemFilter, page: Page) -> Result<Paged<ItemRow>, StoreError> {
        let (clauses, args) = f.sql();
        let sql = format!("{ITEM_SELECT} WHERE i.deleted = 0{clauses} {}", f.order());
        paged(self, &sql, args, page, item_row)
    }

    /// The diary, newest first.
    pub fn visits(&self, page: Page) -> Result<Paged<VisitRow>, StoreError> {
        let sql = format!("{VISIT_SELECT} WHERE v.deleted = 0 ORDER BY v.date DESC, v.id DESC");
        paged(self, &sql, Vec::new(), page, visit_row)
    }

    /// Every visit to one household, newest first.
    pub fn visits_of(&self, h: HouseholdId, page: Page) -> Result<Paged<VisitRow>, StoreError> {
        let sql = format!(
            "{VISIT_SELECT} JOIN visit_households x ON x.visit_id = v.id
             WHERE x.household_id = ? AND v.deleted = 0 ORDER BY v.date DESC, v.id DESC"
        );
        paged(self, &sql, vec![Sql::Text(h.to_string())], page, visit_row)
    }

    /// Households, optionally of one village, by name.
    pub fn households(
        &self,
        village: Option<VillageId>,
        page: Page,
    ) -> Result<Paged<HouseholdRow>, StoreError> {
        let (clause, args) = match village {
            Some(v) => (" AND h.village_id = ?", vec![Sql::Text(v.to_string())]),
            None => ("", Vec::new()),
        };
        let sql =
            format!("{HOUSEHOLD_SELECT} WHERE h.deleted = 0{clause} ORDER BY v.name, h.head_name");
        paged(self, &sql, args, page, household_row)
    }

    /// An item's progress timeline in causal order.
    pub fn progress_of(&self, item: ItemId) -> Result<Vec<Progress>, StoreError> {
        apply::progress_events(self.conn(), &item.to_string())
    }

    /// An item's workflow state (status, allowed actions…), or `None` if unknown here.
    pub fn item_state(&self, item: ItemId) -> Result<Option<ItemState>, StoreError> {
        apply::item_state(self.conn(), &item.to_string())
    }

    /// All townships by name.
    pub fn townships(&self) -> Result<Vec<(TownshipId, Township)>, StoreError> {
        self.all("townships", "name")
    }

    /// All villages by name.
    pub fn villages(&self) -> Result<Vec<(VillageId, Village)>, StoreError> {
        self.all("villages", "name")
    }

    fn all<I: std::str::FromStr, R: Record>(
        &self,
        table: &str,
        order: &str,
    ) -> Result<Vec<(I, R)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id FROM {table} WHERE deleted = 0 ORDER BY {order}"
        ))?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let (Ok(typed), Some(rec)) = (id.parse::<I>(), read::get::<R>(self.conn(), &id)?) {
                out.push((typed, rec));
            }
        }
        Ok(out)
    }

    /// Unresolved conflicts: fields with several current values, and deleted records that
    /// someone edited without having seen the delete.
    pub fn conflicts(&self, page: Page) -> Result<Paged<Conflict>, StoreError> {
        let sql = format!("{CONFLICT_KEYS} ORDER BY 2, 3");
        let keys = paged(self, &sql, Vec::new(), page, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut rows = Vec::with_capacity(keys.rows.len());
        for (entity, entity_id, field) in keys.rows {
            let Some(entity) = EntityKind::from_code(&entity) else {
                continue;
            };
            let values = self.field_values(&entity_id, &field)?;
            rows.push(Conflict {
                entity,
                entity_id,
                field,
                values,
            });
        }
        Ok(Paged {
            rows,
            more: keys.more,
        })
    }

    /// The fields of one record that are in conflict (several current values, or `deleted`
    /// for a delete/edit conflict), so a detail screen can mark them.
    pub fn conflicted_fields(&self, entity_id: &str) -> Result<Vec<String>, StoreError> {
        conflicted_fields(self.conn(), entity_id)
    }

    /// The current values of one field, winner first (empty: the create's value stands).
    pub fn field_values(
        &self,
        entity_id: &str,
        field: &str,
    ) -> Result<Vec<(OpId, Hlc, Value)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT origin, seq, hlc, value FROM field_heads WHERE entity_id = ?1 AND field = ?2
             ORDER BY hlc DESC, origin DESC",
        )?;
        let rows = stmt
            .query_map([entity_id, field], |r| {
                Ok((
                    OpId {
                        origin: parse(r.get(0)?)?,
                        seq: r.get::<_, i64>(1)? as u64,
                    },
                    Hlc::from_i64(r.get(2)?),
                    from_sql("value", r.get_ref(3)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .map(|(op, hlc, v)| {
                let v = match v {
                    Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::String(s)),
                    other => other,
                };
                (op, hlc, v)
            })
            .collect())
    }
}
