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

/// The id of the township named `name` on every device: `init` on a cadre's laptop and on the
/// office's computer both create 两河镇, and must create the same record, not two of them.
pub fn township_id_for(name: &str) -> TownshipId {
    TownshipId(named_uuid(&["township", name]))
}

/// The id of village `village` of township `township` on every device (see `township_id_for`).
pub fn village_id_for(township: &str, village: &str) -> VillageId {
    VillageId(named_uuid(&["village", township, village]))
}

/// A UUIDv8 from the blake3 digest of NFC, trimmed names, each ended by a NUL so that
/// ("ab", "c") and ("a", "bc") differ.
fn named_uuid(parts: &[&str]) -> Uuid {
    use unicode_normalization::UnicodeNormalization;
    let mut h = blake3::Hasher::new();
    h.update(b"minqing named record v1\0");
    for p in parts {
        h.update(p.trim().nfc().collect::<String>().as_bytes());
        h.update(b"\0");
    }
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&h.finalize().as_bytes()[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_ids_depend_on_the_normalised_names_only() {
        assert_eq!(township_id_for("两河镇"), township_id_for(" 两河镇 "));
        assert_ne!(township_id_for("两河镇"), township_id_for("三河镇"));
        assert_eq!(
            village_id_for("两河镇", "白虎村"),
            village_id_for("两河镇", "白虎村")
        );
        assert_ne!(
            village_id_for("两河镇", "白虎村"),
            village_id_for("三河镇", "白虎村")
        );
        // A decomposed character is the same name as its composed form.
        assert_eq!(township_id_for("e\u{301}镇"), township_id_for("\u{e9}镇"));
        assert_eq!(township_id_for("两河镇").0.get_version_num(), 8);
    }
}
