//! Which columns of each materialised table an operation may write, read from the live schema.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::StoreError;
use crate::domain::EntityKind;

/// Columns computed from other records, never written by an operation.
const DERIVED: &[(&str, &[&str])] = &[
    (
        "items",
        &[
            "status",
            "current_level",
            "responsible_unit",
            "responsible_person",
            "due_date",
            "result",
            "replied_on",
            "return_visit_on",
            "satisfaction",
            "closed_at",
            "closed_by",
        ],
    ),
    ("progress", &["hlc"]),
    ("households", &["initials"]),
];

/// The writable columns per entity kind.
pub struct Schema {
    writable: HashMap<EntityKind, HashSet<String>>,
}

impl Schema {
    /// Reads the tables' columns once at open.
    pub fn load(conn: &Connection) -> Result<Schema, StoreError> {
        let mut writable = HashMap::new();
        for kind in EntityKind::ALL {
            let table = kind.table();
            let derived: &[&str] = DERIVED
                .iter()
                .find(|(t, _)| *t == table)
                .map_or(&[], |(_, d)| d);
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
            let cols = stmt
                .query_map([], |r| r.get::<_, String>(1))?
                .collect::<Result<HashSet<_>, _>>()?
                .into_iter()
                .filter(|c| c != "id" && !derived.contains(&c.as_str()))
                .collect();
            writable.insert(kind, cols);
        }
        Ok(Schema { writable })
    }

    /// Refuses a field an operation may not write (unknown, derived, or the id).
    pub fn check_field(&self, kind: EntityKind, field: &str) -> Result<(), StoreError> {
        if self.writable.get(&kind).is_some_and(|c| c.contains(field)) {
            Ok(())
        } else {
            Err(StoreError::InvalidOp(format!(
                "{} has no writable field {field}",
                kind.code()
            )))
        }
    }
}
