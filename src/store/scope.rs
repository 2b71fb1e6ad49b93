//! Village scope of exports (SPEC §7, minimum necessary): an office sends a cadre only the
//! records of the villages the cadre covers, plus the shared records every device needs
//! (township, villages, groups, cadres).

use std::collections::HashSet;

use rusqlite::types::Value as Sql;

use super::merge::VersionVector;
use super::{Store, StoreError};
use crate::domain::{EntityKind, Op, VillageId};

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
        Ok(ops
            .into_iter()
            .filter(|op| shared(op.entity) || mine.contains(&op.id.to_string()))
            .collect())
    }
}
