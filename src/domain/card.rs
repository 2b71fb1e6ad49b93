//! A device's public card: who it is and its two public keys (ed25519 to verify its bundles,
//! age X25519 to encrypt bundles to it), with a short fingerprint people read aloud to compare.

use serde::{Deserialize, Serialize};

/// The `format` field of a card file.
pub const CARD_FORMAT: &str = "minqing-card/1";

/// What `minqing card` writes and `minqing peer add` reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub format: String,
    pub name: String,
    /// `cadre`, `office` or `county`.
    pub role: String,
    pub township: String,
    #[serde(default)]
    pub villages: Vec<String>,
    /// The ed25519 verifying key, 32 bytes as 64 hex digits.
    pub sign_key: String,
    /// The age X25519 recipient, `age1…`.
    pub age_recipient: String,
}

impl Card {
    /// Sixteen digits in four groups ("3819-2047-5521-0934"), derived from both public keys:
    /// digits are what two people compare most reliably over the phone in Chinese.
    pub fn fingerprint(&self) -> String {
        let d = self.digest();
        let n = u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
        let s = format!("{:016}", n % 10_000_000_000_000_000);
        format!("{}-{}-{}-{}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
    }

    /// A short id to type in `--to` and `peer remove`: 12 hex digits of the same digest.
    pub fn id(&self) -> String {
        self.digest()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn digest(&self) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        h.update(b"minqing card fingerprint\0");
        h.update(self.sign_key.as_bytes());
        h.update(b"\0");
        h.update(self.age_recipient.as_bytes());
        *h.finalize().as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(sign: &str) -> Card {
        Card {
            format: CARD_FORMAT.into(),
            name: "汪晓艳".into(),
            role: "cadre".into(),
            township: "两河镇".into(),
            villages: vec!["白虎村".into()],
            sign_key: sign.into(),
            age_recipient: "age1example".into(),
        }
    }

    #[test]
    fn fingerprint_is_sixteen_digits_and_follows_the_keys_only() {
        let a = card(&"ab".repeat(32));
        let f = a.fingerprint();
        assert_eq!(f.len(), 19);
        assert!(f.chars().all(|c| c.is_ascii_digit() || c == '-'));
        let renamed = Card {
            name: "别人".into(),
            ..a.clone()
        };
        assert_eq!(
            renamed.fingerprint(),
            f,
            "the name is not part of the identity"
        );
        assert_ne!(card(&"cd".repeat(32)).fingerprint(), f);
        assert_eq!(a.id().len(), 12);
    }
}
