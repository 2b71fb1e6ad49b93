//! Operations: the replicated unit of change that the log stores and bundles carry (SPEC §6–7).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::hlc::Hlc;
use super::ids::ReplicaId;

/// The kinds of record an operation can touch, each materialised into one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Township,
    Village,
    Group,
    Cadre,
    Household,
    Person,
    Visit,
    Item,
    Progress,
}

impl EntityKind {
    /// Every kind, parents before children (the order a replay creates them in).
    pub const ALL: [EntityKind; 9] = [
        EntityKind::Township,
        EntityKind::Village,
        EntityKind::Group,
        EntityKind::Cadre,
        EntityKind::Household,
        EntityKind::Person,
        EntityKind::Visit,
        EntityKind::Item,
        EntityKind::Progress,
    ];

    /// The stable code in the log and in bundles.
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Township => "township",
            EntityKind::Village => "village",
            EntityKind::Group => "group",
            EntityKind::Cadre => "cadre",
            EntityKind::Household => "household",
            EntityKind::Person => "person",
            EntityKind::Visit => "visit",
            EntityKind::Item => "item",
            EntityKind::Progress => "progress",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The materialised table that holds this kind.
    pub fn table(self) -> &'static str {
        match self {
            EntityKind::Township => "townships",
            EntityKind::Village => "villages",
            EntityKind::Group => "village_groups",
            EntityKind::Cadre => "cadres",
            EntityKind::Household => "households",
            EntityKind::Person => "persons",
            EntityKind::Visit => "visits",
            EntityKind::Item => "items",
            EntityKind::Progress => "progress",
        }
    }

    /// Progress events are append-only: they are never edited, so they can never conflict.
    pub fn insert_only(self) -> bool {
        self == EntityKind::Progress
    }

    /// Records whose id is derived from their name (townships, villages) or that several
    /// devices may create alike: a repeated create is merged, not refused (store::apply).
    pub fn shared_by_name(self) -> bool {
        matches!(
            self,
            EntityKind::Township | EntityKind::Village | EntityKind::Group
        )
    }
}

/// What an operation does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Creates the record with its initial fields.
    Create,
    /// Sets some fields; `pred` names the values it replaces.
    Set,
    /// Marks the record deleted (a tombstone: the row stays so old bundles cannot resurrect it).
    Delete,
}

impl OpKind {
    /// The stable code in the log.
    pub fn code(self) -> &'static str {
        match self {
            OpKind::Create => "create",
            OpKind::Set => "set",
            OpKind::Delete => "delete",
        }
    }

    /// Parses a stored code.
    pub fn from_code(s: &str) -> Option<OpKind> {
        [OpKind::Create, OpKind::Set, OpKind::Delete]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// An operation's identity: its origin replica and that replica's gapless sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OpId {
    pub origin: ReplicaId,
    pub seq: u64,
}

impl fmt::Display for OpId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.origin, self.seq)
    }
}

/// One replicated change: `(origin, seq, hlc, entity, fields, pred)`.
///
/// An operation may write several fields of one record at once (a saved form is one operation);
/// `pred` then lists, for the fields it writes, the values it replaces. A field's current values
/// are the operations writing it that no other operation writing it lists in `pred`: one value is
/// the normal case, several are a conflict that is kept until someone resolves it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub origin: ReplicaId,
    pub seq: u64,
    pub hlc: Hlc,
    pub entity: EntityKind,
    pub id: Uuid,
    pub kind: OpKind,
    pub fields: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pred: Vec<OpId>,
}

impl Op {
    /// This operation's identity.
    pub fn op_id(&self) -> OpId {
        OpId {
            origin: self.origin,
            seq: self.seq,
        }
    }
}

/// The field every record has for its tombstone.
pub const DELETED_FIELD: &str = "deleted";
