//! UUIDv7 identifier newtypes for every record kind, so ids of different kinds never mix.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh id; UUIDv7 sorts by creation time, which keeps indexes append-friendly.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// A deterministic UUIDv7 from a timestamp and random bytes (demo data, tests).
            pub fn from_parts(unix_ms: u64, random: [u8; 10]) -> Self {
                Self(uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// One SQLite file (本机数据库); new on init, restore or copy.
    ReplicaId,
    /// 乡镇.
    TownshipId,
    /// 村(社区).
    VillageId,
    /// 村民小组.
    GroupId,
    /// 农户.
    HouseholdId,
    /// 家庭成员.
    PersonId,
    /// 干部.
    CadreId,
    /// 走访记录.
    VisitId,
    /// 台账事项.
    ItemId,
    /// 办理进展.
    ProgressId,
);
