//! The user's language choice and the helper that picks a string in it.
//!
//! Chinese is the default; every user-visible message is written in both languages next to
//! the error or screen that produces it, chosen through [`Lang`].

use serde::{Deserialize, Serialize};

/// The language of every user-visible message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English (`--lang en`).
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A message that can be shown to the user in either language.
pub trait Localized {
    /// The whole message, one line, in `lang`.
    fn message(&self, lang: Lang) -> String;
}
