//! The lists of SPEC §2 (categories, causes, measures, risk levels, visit kinds…) loaded from
//! `assets/catalog.json`, so a county can adjust labels without touching code.

use std::sync::OnceLock;

use serde::Deserialize;

use super::ledger::Ledger;
use crate::i18n::Lang;

/// One entry of a list: a stable code stored in the database and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Entry {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LivelihoodLists {
    pub natures: Vec<Entry>,
    pub categories: Vec<Entry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct HardshipLists {
    pub causes: Vec<Entry>,
    pub measures: Vec<Entry>,
    pub review_cycles: Vec<Entry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct StabilityLists {
    pub categories: Vec<Entry>,
    pub risk_levels: Vec<Entry>,
}

/// Every list the forms and tables choose from.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Catalog {
    pub visit_kinds: Vec<Entry>,
    pub sources: Vec<Entry>,
    pub levels: Vec<Entry>,
    pub satisfaction: Vec<Entry>,
    pub household_tags: Vec<Entry>,
    pub relations: Vec<Entry>,
    pub health: Vec<Entry>,
    pub disability_types: Vec<Entry>,
    pub livelihood: LivelihoodLists,
    pub hardship: HardshipLists,
    pub stability: StabilityLists,
}

impl Catalog {
    /// Parses a catalog.
    pub fn from_json(json: &str) -> Result<Catalog, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The catalog shipped in `assets/`. A broken embedded file (a test guards against it)
    /// gives empty lists rather than a panic; codes then show as they are stored.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::from_json(include_str!("../../assets/catalog.json")).unwrap_or_default()
        })
    }

    /// The category list of a ledger (for hardship: the difficulty causes, whose first cause is
    /// the item's category).
    pub fn categories(&self, ledger: Ledger) -> &[Entry] {
        match ledger {
            Ledger::Livelihood => &self.livelihood.categories,
            Ledger::Hardship => &self.hardship.causes,
            Ledger::Stability => &self.stability.categories,
        }
    }

    /// The label of `code` in `list`, or the code itself when the list does not know it (data
    /// from a county with a longer list stays readable).
    pub fn label<'a>(list: &'a [Entry], code: &'a str, lang: Lang) -> &'a str {
        list.iter()
            .find(|e| e.code == code)
            .map_or(code, |e| e.label(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::from_json(include_str!("../../assets/catalog.json")).expect("catalog parses")
    }

    #[test]
    fn the_shipped_catalog_has_every_list_of_the_spec() {
        let c = catalog();
        assert_eq!(c.livelihood.categories.len(), 16);
        assert_eq!(c.livelihood.natures.len(), 5);
        assert_eq!(c.hardship.causes.len(), 11);
        assert_eq!(c.hardship.measures.len(), 10);
        assert_eq!(c.stability.categories.len(), 12);
        let risks: Vec<&str> = c
            .stability
            .risk_levels
            .iter()
            .map(|e| e.zh.as_str())
            .collect();
        assert_eq!(risks, ["红", "黄", "绿"]);
        assert_eq!(c.visit_kinds.len(), 5);
        assert_eq!(c.satisfaction.len(), 3);
    }

    #[test]
    fn codes_are_unique_within_each_list() {
        let c = catalog();
        for list in [
            &c.visit_kinds,
            &c.sources,
            &c.household_tags,
            &c.livelihood.categories,
            &c.hardship.causes,
            &c.hardship.measures,
            &c.stability.categories,
        ] {
            let mut codes: Vec<&str> = list.iter().map(|e| e.code.as_str()).collect();
            let n = codes.len();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n);
        }
    }

    #[test]
    fn deadline_overrides_name_real_categories() {
        let c = catalog();
        let rules: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/deadlines.json")).expect("json");
        for ledger in Ledger::ALL {
            let Some(cats) = rules["ledgers"][ledger.code()]["categories"].as_object() else {
                continue;
            };
            for code in cats.keys() {
                assert!(
                    c.categories(ledger).iter().any(|e| &e.code == code),
                    "{} override for unknown category {code}",
                    ledger.code()
                );
            }
        }
    }

    #[test]
    fn labels_fall_back_to_the_code() {
        let c = catalog();
        let cats = c.categories(Ledger::Livelihood);
        assert_eq!(Catalog::label(cats, "water", Lang::Zh), "饮水安全");
        assert_eq!(Catalog::label(cats, "water", Lang::En), "Drinking water");
        assert_eq!(
            Catalog::label(cats, "县里新增类别", Lang::Zh),
            "县里新增类别"
        );
        assert_eq!(Catalog::builtin().hardship.causes.len(), 11);
    }
}
