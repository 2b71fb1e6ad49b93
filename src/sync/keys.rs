//! This device's secret keys: the ed25519 key that signs its bundles and the age X25519
//! identity that decrypts bundles sent to it. Kept in a file beside the database, readable by
//! its owner only (0600), never exported.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::SyncError;
use crate::domain::card::{CARD_FORMAT, Card};
use crate::store::Identity;

/// The secret keys of this device.
pub struct DeviceKeys {
    pub signing: SigningKey,
    pub age: age::x25519::Identity,
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    format: String,
    /// 32 bytes as hex.
    signing_key: String,
    /// `AGE-SECRET-KEY-1…`.
    age_identity: String,
}

const KEY_FORMAT: &str = "minqing-keys/1";

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of a hex string of exactly `N` bytes.
pub fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The verifying key of a card, if its `sign_key` is well formed.
pub fn verifying_key(card: &Card) -> Option<VerifyingKey> {
    VerifyingKey::from_bytes(&unhex::<32>(&card.sign_key)?).ok()
}

/// Where the keys of the database at `db` live: `<db>.keys` beside it.
pub fn key_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".keys");
    db.with_file_name(name)
}

impl DeviceKeys {
    /// New random keys.
    pub fn generate() -> DeviceKeys {
        DeviceKeys {
            signing: SigningKey::generate(&mut rand_core::OsRng),
            age: age::x25519::Identity::generate(),
        }
    }

    /// Writes the keys to `path`, readable by the owner only; refuses to overwrite keys.
    pub fn save(&self, path: &Path) -> Result<(), SyncError> {
        let file = KeyFile {
            format: KEY_FORMAT.into(),
            signing_key: hex(&self.signing.to_bytes()),
            age_identity: self.age.to_string().expose_secret().to_owned(),
        };
        let json = serde_json::to_string_pretty(&file)?;
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(path).map_err(|e| SyncError::Keys {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        f.write_all(json.as_bytes())?;
        f.sync_all()?;
        Ok(())
    }

    /// Reads the keys saved at `path`.
    pub fn load(path: &Path) -> Result<DeviceKeys, SyncError> {
        let bad = |reason: &str| SyncError::Keys {
            path: path.to_path_buf(),
            reason: reason.to_owned(),
        };
        let text = fs::read_to_string(path).map_err(|e| bad(&e.to_string()))?;
        let file: KeyFile = serde_json::from_str(&text).map_err(|e| bad(&e.to_string()))?;
        if file.format != KEY_FORMAT {
            return Err(bad("unknown key file format"));
        }
        let signing = unhex::<32>(&file.signing_key)
            .map(|b| SigningKey::from_bytes(&b))
            .ok_or_else(|| bad("bad signing key"))?;
        let age = file
            .age_identity
            .parse::<age::x25519::Identity>()
            .map_err(|_| bad("bad age identity"))?;
        Ok(DeviceKeys { signing, age })
    }

    /// This device's public card.
    pub fn card(&self, me: &Identity, township: &str, villages: Vec<String>) -> Card {
        Card {
            format: CARD_FORMAT.into(),
            name: me.name.clone(),
            role: me.role.clone(),
            township: township.to_owned(),
            villages,
            sign_key: hex(self.signing.verifying_key().as_bytes()),
            age_recipient: self.age.to_public().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_a_private_file_and_are_never_overwritten() {
        let dir = tempfile::tempdir().expect("dir");
        let path = key_path(&dir.path().join("minqing.db"));
        assert!(path.ends_with("minqing.db.keys"));
        let k = DeviceKeys::generate();
        k.save(&path).expect("save");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let back = DeviceKeys::load(&path).expect("load");
        assert_eq!(back.signing.to_bytes(), k.signing.to_bytes());
        assert_eq!(
            back.age.to_public().to_string(),
            k.age.to_public().to_string()
        );
        assert!(
            DeviceKeys::generate().save(&path).is_err(),
            "existing keys are kept"
        );
    }

    #[test]
    fn hex_round_trips_and_rejects_bad_input() {
        let b = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&b), "0001abff");
        assert_eq!(unhex::<4>("0001abff"), Some(b));
        assert_eq!(unhex::<4>("0001abf"), None);
        assert_eq!(unhex::<4>("0001abfg"), None);
        assert_eq!(unhex::<2>("王王"), None);
    }
}
