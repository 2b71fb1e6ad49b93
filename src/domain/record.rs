//! Ties each record type to its entity kind and id type, so writes cannot mix them up.

use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::ids::*;
use super::model::*;
use super::op::EntityKind;

/// A record type stored through the operation log.
pub trait Record: Serialize + DeserializeOwned {
    /// Which table and log entity it is.
    const KIND: EntityKind;
    /// Its typed id.
    type Id: Copy + Into<Uuid>;
}

macro_rules! record {
    ($($ty:ty => $kind:ident, $id:ty;)*) => {$(
        impl Record for $ty {
            const KIND: EntityKind = EntityKind::$kind;
            type Id = $id;
        }
        impl From<$id> for Uuid {
            fn from(id: $id) -> Uuid {
                id.0
            }
        }
    )*};
}

record! {
    Township => Township, TownshipId;
    Village => Village, VillageId;
    Group => Group, GroupId;
    Cadre => Cadre, CadreId;
    Household => Household, HouseholdId;
    Person => Person, PersonId;
    Visit => Visit, VisitId;
    Item => Item, ItemId;
    Progress => Progress, ProgressId;
}
