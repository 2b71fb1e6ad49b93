//! Ingest places: the village a row's 村组 cell names (青山村, 青山, 青山村三组, 青山村/3组),
//! among the database's villages, and the group (村民小组) after it.

use std::collections::HashMap;

use super::ingest_headers::normalize_header;
use crate::domain::{GroupId, Township, TownshipId, Village, VillageId};

/// Suffixes a village's name may be written without.
const SUFFIXES: [&str; 4] = ["村委会", "居委会", "社区", "村"];

/// What a village text names.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceMatch {
    /// One village, and what followed its name (a group, maybe).
    One(VillageId, String),
    None,
    /// Several villages of that name, in these townships.
    Many(Vec<String>),
}

/// The villages and townships of the database.
pub struct Places {
    villages: Vec<(VillageId, Village)>,
    /// Each village's normalised name and its name without 村/社区 (same order as `villages`).
    names: Vec<(String, String)>,
    townships: HashMap<TownshipId, Township>,
    /// This device's township: it wins when a name is found in several.
    mine: Option<TownshipId>,
}

fn base(name: &str) -> &str {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s).filter(|b| b.chars().count() >= 2))
        .unwrap_or(name)
}

impl Places {
    pub fn new(
        villages: Vec<(VillageId, Village)>,
        townships: Vec<(crate::domain::TownshipId, Township)>,
        mine: Option<TownshipId>,
    ) -> Places {
        let names = villages
            .iter()
            .map(|(_, v)| {
                let full = normalize_header(&v.name);
                let short = base(&full).to_owned();
                (full, short)
            })
            .collect();
        Places {
            villages,
            names,
            townships: townships.into_iter().collect(),
            mine,
        }
    }

    /// The village's name.
    pub fn name(&self, v: VillageId) -> &str {
        self.villages
            .iter()
            .find(|(id, _)| *id == v)
            .map_or("", |(_, x)| x.name.as_str())
    }

    /// The prefix of item numbers in the village's township (its short name), or `MQ`.
    pub fn prefix(&self, v: VillageId) -> String {
        self.villages
            .iter()
            .find(|(id, _)| *id == v)
            .and_then(|(_, x)| self.townships.get(&x.township_id))
            .map_or_else(|| "MQ".to_owned(), |t| t.short_name.clone())
    }

    /// The village a text names: its full name, its name without 村/社区, either followed by
    /// more (a group); the longest name that fits wins.
    pub fn find(&self, text: &str) -> PlaceMatch {
        let t = normalize_header(text);
        let mut best: Vec<(usize, VillageId, String)> = Vec::new();
        for ((id, _), (full, short)) in self.villages.iter().zip(&self.names) {
            let hit = [full.as_str(), short.as_str()]
                .into_iter()
                .find_map(|n| t.strip_prefix(n).map(|rest| (n.chars().count(), rest)));
            let Some((len, rest)) = hit else { continue };
            // 青山 must not match 青山湾村: what follows a short name is a group or nothing.
            if len == short.chars().count()
                && short != full
                && !rest.is_empty()
                && SUFFIXES.iter().all(|s| !rest.starts_with(s))
                && !rest.ends_with(['组', '社'])
            {
                continue;
            }
            let rest = SUFFIXES
                .iter()
                .find_map(|s| {
                    rest.strip_prefix(s)
                        .filter(|_| len == short.chars().count())
                })
                .unwrap_or(rest);
            let rest = rest
                .trim_start_matches(['/', '-', '·', '、', '_'])
                .to_owned();
            match best.first() {
                Some((l, _, _)) if *l > len => {}
                Some((l, _, _)) if *l == len => best.push((len, *id, rest)),
                _ => best = vec![(len, *id, rest)],
            }
        }
        match best.as_slice() {
            [] => PlaceMatch::None,
            [(_, id, rest)] => PlaceMatch::One(*id, rest.clone()),
            many => {
                let township = |id: &VillageId| {
                    self.villages
                        .iter()
                        .find(|(v, _)| v == id)
                        .map(|(_, v)| v.township_id)
                };
                let mine: Vec<_> = many
                    .iter()
                    .filter(|(_, id, _)| self.mine.is_some() && township(id) == self.mine)
                    .collect();
                if let [(_, id, rest)] = mine.as_slice() {
                    return PlaceMatch::One(*id, rest.clone());
                }
                PlaceMatch::Many(
                    many.iter()
                        .filter_map(|(_, id, _)| township(id))
                        .filter_map(|t| self.townships.get(&t).map(|t| t.name.clone()))
                        .collect(),
                )
            }
        }
    }
}

/// Whether a text is a village's name by its ending (村, 社区, 居委会, 村委会).
pub fn names_a_village(text: &str) -> bool {
    let t = normalize_header(text);
    SUFFIXES.iter().any(|s| t.ends_with(s))
}

/// The group a text names among a village's groups: its exact name, or the name with 组
/// added (三 → 三组).
pub fn find_group(groups: &[(GroupId, String)], text: &str) -> Option<GroupId> {
    let t = normalize_header(text);
    if t.is_empty() {
        return None;
    }
    groups
        .iter()
        .find(|(_, name)| {
            let n = normalize_header(name);
            n == t || n == format!("{t}组")
        })
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> (Places, [VillageId; 4]) {
        let (t1, t2) = (TownshipId::new(), TownshipId::new());
        let ids = [(); 4].map(|_| VillageId::new());
        let village = |t, name: &str| Village {
            township_id: t,
            name: name.into(),
            code: None,
        };
        let township = |name: &str| Township {
            name: name.into(),
            short_name: name.trim_end_matches('镇').into(),
            code: None,
        };
        let p = Places::new(
            vec![
                (ids[0], village(t1, "青山村")),
                (ids[1], village(t1, "青山湾村")),
                (ids[2], village(t1, "白沙社区")),
                (ids[3], village(t2, "青山村")),
            ],
            vec![(t1, township("两河镇")), (t2, township("石门镇"))],
            Some(t1),
        );
        (p, ids)
    }

    #[test]
    fn village_names_with_and_without_suffix_and_with_a_group() {
        let (p, ids) = places();
        let one = |id: VillageId, rest: &str| PlaceMatch::One(id, rest.into());
        assert_eq!(
            p.find("青山村"),
            one(ids[0], ""),
            "this device's township wins"
        );
        assert_eq!(p.find("青山"), one(ids[0], ""));
        assert_eq!(p.find("青山村三组"), one(ids[0], "三组"));
        assert_eq!(p.find("青山三组"), one(ids[0], "三组"));
        assert_eq!(p.find("青山村/3组"), one(ids[0], "3组"));
        assert_eq!(p.find("青山湾村"), one(ids[1], ""), "the longer name wins");
        assert_eq!(p.find("青山湾"), one(ids[1], ""));
        assert_eq!(p.find("白沙"), one(ids[2], ""));
        assert_eq!(p.find(" 白沙社区 "), one(ids[2], ""));
        assert_eq!(p.find("红旗村"), PlaceMatch::None);
        assert_eq!(p.prefix(ids[3]), "石门");
        let elsewhere = Places::new(p.villages.clone(), Vec::new(), None);
        assert_eq!(elsewhere.find("青山村"), PlaceMatch::Many(Vec::new()));
    }

    #[test]
    fn groups_by_name_with_or_without_zu() {
        let g = [
            (GroupId::new(), "三组".to_owned()),
            (GroupId::new(), "十组".to_owned()),
        ];
        assert_eq!(find_group(&g, "三组"), Some(g[0].0));
        assert_eq!(find_group(&g, "十"), Some(g[1].0));
        assert_eq!(find_group(&g, "五组"), None);
        assert_eq!(find_group(&g, ""), None);
    }
}
