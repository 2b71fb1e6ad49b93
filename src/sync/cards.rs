//! Cards in and out: this device's own card built from the store, and the checks a card from
//! someone else must pass before it is trusted.

use thiserror::Error;

use super::SyncError;
use super::keys::{DeviceKeys, verifying_key};
use crate::domain::card::{CARD_FORMAT, Card};
use crate::domain::{Cadre, Township, Village};
use crate::i18n::{Lang, Localized};
use crate::store::{Store, StoreError};

/// The roles a card may claim (the codes `init --role` stores).
pub const ROLES: [&str; 3] = ["cadre", "office", "county"];

/// This device's public card: its identity, the township's name and the villages the cadre
/// record covers, with the public halves of `keys`.
pub fn own_card(store: &Store, keys: &DeviceKeys) -> Result<Card, SyncError> {
    let me = store.identity()?.ok_or(StoreError::NoIdentity)?;
    let township = store
        .get::<Township>(me.township_id)?
        .map(|t| t.name)
        .unwrap_or_default();
    let mut villages = Vec::new();
    if let Some(cadre) = store.get::<Cadre>(me.cadre_id)? {
        for id in cadre.village_ids {
            if let Some(v) = store.get::<Village>(id)? {
                villages.push(v.name);
            }
        }
    }
    Ok(keys.card(&me, &township, villages))
}

/// What is wrong with a card that cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CardFault {
    #[error("unknown card format {0:?}")]
    Format(String),
    #[error("unknown role {0:?}")]
    Role(String),
    #[error("the signing key is not a valid ed25519 key")]
    SignKey,
    #[error("the encryption key is not a valid age X25519 recipient")]
    AgeRecipient,
}

impl Localized for CardFault {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CardFault::Format(f), Lang::Zh) => {
                format!("名片格式“{f}”不认识（应为 {CARD_FORMAT}），可能需要升级 minqing")
            }
            (CardFault::Format(f), Lang::En) => {
                format!(
                    "unknown card format '{f}' (expected {CARD_FORMAT}); minqing may need an upgrade"
                )
            }
            (CardFault::Role(r), Lang::Zh) => {
                format!("名片上的角色“{r}”无效（应为 cadre、office 或 county）")
            }
            (CardFault::Role(r), Lang::En) => {
                format!("the card's role '{r}' is invalid (cadre, office or county)")
            }
            (CardFault::SignKey, Lang::Zh) => "名片上的签名公钥已损坏".into(),
            (CardFault::SignKey, Lang::En) => "the card's signing key is damaged".into(),
            (CardFault::AgeRecipient, Lang::Zh) => "名片上的加密公钥已损坏".into(),
            (CardFault::AgeRecipient, Lang::En) => "the card's encryption key is damaged".into(),
        }
    }
}

/// Checks that `card` is one this program can trust and use: known format and role, and both
/// keys well formed (a damaged key would only fail later, at the first export or import).
pub fn validate_card(card: &Card) -> Result<(), CardFault> {
    if card.format != CARD_FORMAT {
        return Err(CardFault::Format(card.format.clone()));
    }
    if !ROLES.contains(&card.role.as_str()) {
        return Err(CardFault::Role(card.role.clone()));
    }
    if verifying_key(card).is_none() {
        return Err(CardFault::SignKey);
    }
    if card
        .age_recipient
        .parse::<age::x25519::Recipient>()
        .is_err()
    {
        return Err(CardFault::AgeRecipient);
    }
    Ok(())
}

/// True when `card` carries either of the public keys of `keys` (a device never trusts itself).
pub fn is_own(card: &Card, keys: &DeviceKeys) -> bool {
    let own = super::keys::hex(keys.signing.verifying_key().as_bytes());
    card.sign_key.eq_ignore_ascii_case(&own)
        || card.age_recipient == keys.age.to_public().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CadreId, TownshipId};
    use crate::store::Identity;

    fn card_of(keys: &DeviceKeys) -> Card {
        let me = Identity {
            role: "cadre".into(),
            name: "汪晓艳".into(),
            township_id: TownshipId::new(),
            cadre_id: CadreId::new(),
            created_at: "2026-11-24T09:00:00".into(),
        };
        keys.card(&me, "两河镇", vec!["白虎村".into()])
    }

    #[test]
    fn a_fresh_card_passes_and_each_damage_is_named() {
        let keys = DeviceKeys::generate();
        let good = card_of(&keys);
        assert_eq!(validate_card(&good), Ok(()));
        let bad = |f: fn(&mut Card)| {
            let mut c = good.clone();
            f(&mut c);
            validate_card(&c)
        };
        assert_eq!(
            bad(|c| c.format = "minqing-card/9".into()),
            Err(CardFault::Format("minqing-card/9".into()))
        );
        assert_eq!(
            bad(|c| c.role = "boss".into()),
            Err(CardFault::Role("boss".into()))
        );
        assert_eq!(bad(|c| c.sign_key.truncate(10)), Err(CardFault::SignKey));
        assert_eq!(
            bad(|c| c.age_recipient.push('x')),
            Err(CardFault::AgeRecipient)
        );
    }

    #[test]
    fn own_cards_are_recognised_by_either_key() {
        let keys = DeviceKeys::generate();
        let other = DeviceKeys::generate();
        let mine = card_of(&keys);
        assert!(is_own(&mine, &keys));
        assert!(!is_own(&card_of(&other), &keys));
        let half = Card {
            age_recipient: card_of(&other).age_recipient,
            ..mine.clone()
        };
        assert!(
            is_own(&half, &keys),
            "the same signing key is the same device"
        );
    }
}
