//! Village scope of exports (SPEC §7, minimum necessary): an office sends a cadre only the
//! records of the villages the cadre covers, plus the shared records every device needs
//! (township, villages, groups, cadres).

use std::collections::HashSet;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};

use super::check::{OP_COLUMNS, op_from_row};
use super::merge::VersionVector;
use super::{Store, StoreError};
use crate::domain::op::OpKind;
use crate::domain::{EntityKind, Op, ReplicaId, VillageId};

/// Kinds every device receives whatever its villages.
fn shared(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Township | EntityKind::Village | EntityKind::Group | EntityKind::Cadre
    )
}

impl Store {
    /// The ids of the records that belong to `villages`: households, their members, visits,
    /// items and the items' progress, by each record's current village.
    pub fn records_in_villages(
        &self,
        villages: &[VillageId],
    ) -> Result<HashSet<String>, StoreError> {
        let marks = vec!["?"; villages.len()].join(", ");
        let args: Vec<Sql> = villages.iter().map(|v| Sql::Text(v.to_string())).collect();
        let queries = [
            format!("SELECT id FROM households WHERE village_id IN ({marks})"),
            format!(
                "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id
                 WHERE h.village_id IN ({marks})"
            ),
            format!("SELECT id FROM visits WHERE village_id IN ({marks})"),
            format!("SELECT id FROM items WHERE village_id IN ({marks})"),
            format!(
                "SELECT g.id FROM progress g JOIN items i ON i.id = g.item_id
                 WHERE i.village_id IN ({marks})"
            ),
        ];
        let mut out = HashSet::new();
        for sql in queries {
            let mut stmt = self.conn().prepare(&sql)?;
            let ids = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                r.get::<_, String>(0)
            })?;
            for id in ids {
                out.insert(id?);
            }
        }
        Ok(out)
    }

    /// What an export to a device covering `villages` carries: the operations it lacks (past
    /// `known`) that are shared or belong to those villages; `None` means every village.
    ///
    /// Records whose village changed need more than their new operations: a household moved
    /// into these villages goes with its whole history and its members' (the device's coverage
    /// never included it), the move of a household out of them goes too (so their cadres see
    /// it leave), and a record pointing at a household outside them brings that household's
    /// history along (so it has a row to land on).
    pub fn ops_for(
        &self,
        known: &VersionVector,
        villages: Option<&[VillageId]>,
    ) -> Result<Vec<Op>, StoreError> {
        let ops = self.ops_after(known)?;
        let Some(villages) = villages else {
            return Ok(ops);
        };
        let mine = self.records_in_villages(villages)?;
        let scope: HashSet<String> = villages.iter().map(ToString::to_string).collect();
        let mut out = Vec::with_capacity(ops.len());
        let mut whole: HashSet<String> = HashSet::new();
        for op in ops {
            let id = op.id.to_string();
            if shared(op.entity) || mine.contains(&id) {
                if is_move(&op) {
                    whole.insert(id);
                }
                if let Some(h) = household_ref(&op).filter(|h| !mine.contains(*h)) {
                    whole.insert(h.to_owned());
                }
                out.push(op);
            } else if is_move(&op) && self.moved_from(&op)?.iter().any(|v| scope.contains(v)) {
                out.push(op);
            }
        }
        if !whole.is_empty() {
            let mut held: HashSet<(ReplicaId, u64)> =
                out.iter().map(|o| (o.origin, o.seq)).collect();
            for op in self.histories(&whole)? {
                if held.insert((op.origin, op.seq)) {
                    out.push(op);
                }
            }
            out.sort_by_key(|o| (o.hlc, o.origin, o.seq));
        }
        Ok(out)
    }

    /// The villages a household move replaced: the `village_id` of the operations it lists
    /// as predecessors, or of the household's create when it lists none (a field never set
    /// since the create holds the create's value, and an edit then names no predecessor).
    fn moved_from(&self, op: &Op) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT fields FROM ops WHERE origin = ?1 AND seq = ?2")?;
        let mut before = Vec::new();
        for p in &op.pred {
            let fields: Option<String> = stmt
                .query_row(params![p.origin.to_string(), p.seq as i64], |r| r.get(0))
                .optional()?;
            before.extend(fields);
        }
        if before.is_empty() {
            // No index by record: one pass over the log, for a move (rare) only.
            let mut create = self.conn().prepare_cached(
                "SELECT fields FROM ops WHERE entity = 'household' AND entity_id = ?1
                   AND kind = 'create'",
            )?;
            let rows = create.query_map([op.id.to_string()], |r| r.get::<_, String>(0))?;
            for f in rows {
                before.push(f?);
            }
        }
        let mut out = Vec::new();
        for f in before {
            let v: serde_json::Value = serde_json::from_str(&f)?;
            if let Some(s) = v.get("village_id").and_then(serde_json::Value::as_str) {
                out.push(s.to_owned());
            }
        }
        Ok(out)
    }

    /// Every operation of the households `ids` and of their members. One pass over the log
    /// (there is no index by record): only exports that meet a moved or outside household pay it.
    fn histories(&self, ids: &HashSet<String>) -> Result<Vec<Op>, StoreError> {
        let mut all: Vec<String> = ids.iter().cloned().collect();
        let marks = vec!["?"; ids.len()].join(", ");
        let members: Vec<String> = self
            .conn()
            .prepare(&format!(
                "SELECT id FROM persons WHERE household_id IN ({marks})"
            ))?
            .query_map(rusqlite::params_from_iter(ids.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        all.extend(members);
        let marks = vec!["?"; all.len()].join(", ");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {OP_COLUMNS} FROM ops WHERE entity IN ('household', 'person')
               AND entity_id IN ({marks})"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(all.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(op_from_row(r)?);
        }
        Ok(out)
    }
}

/// A household operation that changes its village.
fn is_move(op: &Op) -> bool {
    op.entity == EntityKind::Household
        && op.kind == OpKind::Set
        && op.fields.contains_key("village_id")
}

/// The household a record points at (items and members; a visit's links have no constraint).
fn household_ref(op: &Op) -> Option<&str> {
    match op.entity {
        EntityKind::Item | EntityKind::Person => op
            .fields
            .get("household_id")
            .and_then(serde_json::Value::as_str),
        _ => None,
    }
}
