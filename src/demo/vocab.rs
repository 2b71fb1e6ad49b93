//! Demo vocabulary and text: names, places, units and ledger situations from `assets/demo/*.json`.
//!
//! Template choice uses the caller's `fastrand::Rng`, so one seed gives one database. What
//! describes the household's world ({hamlet}, {neighbour}, a situation's own vars) is chosen by a
//! hash of household and situation instead, so an item's title, content and notes agree.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

pub use super::situation::{Measure, NoteContext, Situation};
use super::situation::{fnv, hashed, mix};
use crate::domain::Ledger;

type Rng = fastrand::Rng;
pub(super) type Lists = BTreeMap<String, Vec<String>>;
type Data = (Names, Places, Units, Texts);
/// What a template is filled for: the household, the situation (if any), and {content}.
type Env<'a> = (&'a NoteContext<'a>, Option<&'a Situation>, &'a str);

/// Used only if the embedded files do not parse (a test keeps them valid): the demo still runs.
const FALLBACK: &str = r#"[{"surnames": [["王", 3], ["李", 2], ["张", 1]]},
 {"first_township": "两河镇", "villages": ["白虎村", "魏河村"], "hamlets": ["大湾"]},
 {"default": "村委会", "cadre_units": ["镇党政办", "村委会"]},
 {"routine": {"household": ["走访{group}{head}家，家中{members}口人，无诉求。"]},
  "situations": [{"key": "l", "ledger": "livelihood", "category": "other", "nature": "help",
   "titles": ["{village}{group}群众诉求"], "contents": ["{head}反映生产生活困难。"]},
  {"key": "h", "ledger": "hardship", "category": "other", "causes": ["other"],
   "measures": [{"code": "temporary_relief", "yuan": [500, 2000]}], "titles": ["{head}家生活困难"]},
  {"key": "s", "ledger": "stability", "category": "other", "risk": "green",
   "people_involved": [1, 3], "titles": ["{group}矛盾纠纷"]}]}]"#;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Names {
    surnames: Vec<(String, u32)>,
    eras: Vec<Era>,
}

/// Given-name style of the people born up to `until`; pools hold whole/first/second/single.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Era {
    until: i32,
    whole_percent: u32,
    single_percent: u32,
    male: Lists,
    female: Lists,
}

/// Scalars plus named lists (townships, villages, hamlets, meeting_places, …).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Places {
    first_township: String,
    xiang_percent: u32,
    community_percent: u32,
    #[serde(flatten)]
    l: Lists,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Units {
    default: String,
    cadre_units: Vec<String>,
    responsible: HashMap<Ledger, HashMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Texts {
    common: Lists,
    situations: Vec<Situation>,
    /// Notes of visits that raised nothing, by visit_kinds code.
    routine: Lists,
    pub(super) wrappers: Lists,
    family: Lists,
}

/// The loaded vocabulary; get it with [`vocab`].
#[derive(Debug)]
pub struct Vocab {
    names: Names,
    places: Places,
    units: Units,
    pub(super) texts: Texts,
    surname_cum: Vec<u32>,
    by_ledger: [Vec<Situation>; 3],
}

/// The embedded vocabulary, parsed once.
pub fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        let data = real_data().or_else(|_| serde_json::from_str(FALLBACK));
        Vocab::build(data.unwrap_or_default())
    })
}

fn real_data() -> Result<Data, serde_json::Error> {
    Ok((
        serde_json::from_str(include_str!("../../assets/demo/names.json"))?,
        serde_json::from_str(include_str!("../../assets/demo/places.json"))?,
        serde_json::from_str(include_str!("../../assets/demo/units.json"))?,
        serde_json::from_str(include_str!("../../assets/demo/situations.json"))?,
    ))
}

/// Index of a ledger in `Ledger::ALL`, without relying on the enum's discriminants.
fn slot(ledger: Ledger) -> usize {
    Ledger::ALL.iter().position(|&l| l == ledger).unwrap_or(0)
}

pub(super) fn list<'a>(lists: &'a Lists, key: &str) -> &'a [String] {
    lists.get(key).map_or(&[], Vec::as_slice)
}

fn pick<'a>(rng: &mut Rng, list: &'a [String]) -> Option<&'a str> {
    (!list.is_empty()).then(|| list[rng.usize(..list.len())].as_str())
}

/// One entry of `first` and one of `second` plus a suffix; empty if they repeat (白白村).
fn compose(rng: &mut Rng, first: &[String], second: &[String], suffix: &str) -> String {
    match (pick(rng, first), pick(rng, second)) {
        (Some(a), Some(b)) if a != b => format!("{a}{b}{suffix}"),
        _ => String::new(),
    }
}

/// Draws until `n` distinct names; numbered names only if the vocabulary is too small.
fn unique(
    rng: &mut Rng,
    n: usize,
    suffix: &str,
    mut draw: impl FnMut(&mut Rng) -> String,
) -> Vec<String> {
    let (mut out, mut seen) = (Vec::with_capacity(n), HashSet::with_capacity(n));
    let mut tries = 0;
    while out.len() < n {
        tries += 1;
        let name = if tries < 100 * n {
            draw(rng)
        } else {
            format!("新{tries}{suffix}")
        };
        if !name.is_empty() && seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

impl Vocab {
    fn build((names, places, units, mut texts): Data) -> Vocab {
        let mut total = 0u32;
        let cum = names.surnames.iter().map(|(_, w)| {
            total = total.saturating_add(*w);
            total
        });
        let surname_cum = cum.collect();
        let mut by_ledger: [Vec<Situation>; 3] = Default::default();
        for s in std::mem::take(&mut texts.situations) {
            by_ledger[slot(s.ledger)].push(s);
        }
        Vocab {
            names,
            places,
            units,
            texts,
            surname_cum,
            by_ledger,
        }
    }

    fn places(&self, key: &str) -> &[String] {
        list(&self.places.l, key)
    }

    fn fixed(&self, rng: &mut Rng, key: &str) -> String {
        pick(rng, self.places(key)).unwrap_or_default().to_string()
    }

    /// Unique township names; the seed reports' 两河镇 always comes first.
    pub fn township_names(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        let p = &self.places;
        let mut first = Some(p.first_township.clone()).filter(|s| !s.is_empty());
        let draw = |rng: &mut Rng| {
            if let Some(f) = first.take() {
                return f;
            }
            if rng.bool() {
                return self.fixed(rng, "townships");
            }
            let suffix = if rng.u32(..100) < p.xiang_percent {
                "乡"
            } else {
                "镇"
            };
            compose(
                rng,
                self.places("township_first"),
                self.places("township_second"),
                suffix,
            )
        };
        unique(rng, n, "镇", draw)
    }

    /// Village names unique within the call: mostly …村, some …社区.
    pub fn village_names(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        let p = &self.places;
        let draw = |rng: &mut Rng| match rng.u32(..100) {
            r if r < p.community_percent => self.fixed(rng, "communities"),
            r if r < p.community_percent + 20 => self.fixed(rng, "villages"),
            _ => compose(
                rng,
                self.places("village_first"),
                self.places("village_second"),
                "村",
            ),
        };
        unique(rng, n, "村", draw)
    }

    /// 0 → 一组, 11 → 十二组, beyond the list "13组".
    pub fn group_name(&self, index: usize) -> String {
        let named = self.places("groups").get(index).cloned();
        named.unwrap_or_else(|| format!("{}组", index + 1))
    }

    /// A surname weighted by its real share of the population.
    pub fn surname(&self, rng: &mut Rng) -> &str {
        let total = self.surname_cum.last().copied().unwrap_or(0);
        let r = rng.u32(..total.max(1));
        let i = self.surname_cum.partition_point(|&c| c <= r);
        self.names.surnames.get(i).map_or("王", |(s, _)| s.as_str())
    }

    /// One or two characters in the style of the person's birth cohort.
    pub fn given_name(&self, rng: &mut Rng, female: bool, birth_year: i32) -> String {
        let eras = &self.names.eras;
        let era = eras.iter().find(|e| birth_year <= e.until).or(eras.last());
        let fallback = if female { "秀英" } else { "建国" };
        let Some(era) = era else {
            return fallback.into();
        };
        let pool = if female { &era.female } else { &era.male };
        let made = match rng.u32(..100).checked_sub(era.whole_percent) {
            None => String::new(),
            Some(r) if r < era.single_percent => {
                pick(rng, list(pool, "single")).unwrap_or_default().into()
            }
            Some(_) => compose(rng, list(pool, "first"), list(pool, "second"), ""),
        };
        let whole = pick(rng, list(pool, "whole")).unwrap_or(fallback);
        if made.is_empty() { whole.into() } else { made }
    }

    /// Surname plus given name.
    pub fn full_name(&self, rng: &mut Rng, female: bool, birth_year: i32) -> String {
        self.surname(rng).to_string() + &self.given_name(rng, female, birth_year)
    }

    pub fn cadre_units(&self) -> &[String] {
        &self.units.cadre_units
    }

    /// The responsible unit for a category code (hardship: a difficulty cause code).
    pub fn unit_for(&self, ledger: Ledger, category: &str) -> &str {
        let u = &self.units;
        let unit = u.responsible.get(&ledger).and_then(|m| m.get(category));
        let default = if u.default.is_empty() {
            "村委会"
        } else {
            &u.default
        };
        unit.map_or(default, String::as_str)
    }

    pub fn situations(&self, ledger: Ledger) -> &[Situation] {
        &self.by_ledger[slot(ledger)]
    }

    /// A situation drawn by `weight`, so common matters are common.
    pub fn pick_situation(&self, rng: &mut Rng, ledger: Ledger) -> Option<&Situation> {
        let all = self.situations(ledger);
        let mut r = rng.u32(..all.iter().map(|s| s.weight).sum::<u32>().max(1));
        for s in all {
            match r.checked_sub(s.weight) {
                None => return Some(s),
                Some(rest) => r = rest,
            }
        }
        all.first()
    }

    /// A note for a visit that raised no matter, of any kind; see [`Vocab::routine_visit`].
    pub fn routine_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.routine_visit(rng, ctx).1
    }

    /// A routine note with the visit_kinds code it was written for.
    pub fn routine_visit(&self, rng: &mut Rng, ctx: &NoteContext) -> (&str, String) {
        let routine = &self.texts.routine;
        let mut i = rng.usize(..routine.values().map(Vec::len).sum::<usize>().max(1));
        for (kind, notes) in routine {
            match notes.get(i) {
                Some(t) => return (kind, self.fill(t, (ctx, None, ""))),
                None => i -= notes.len(),
            }
        }
        ("household", String::new())
    }

    /// A routine note written for a visit of `kind`, so a phone call does not describe a courtyard.
    pub fn routine_note_of(&self, rng: &mut Rng, ctx: &NoteContext, kind: &str) -> String {
        match pick(rng, list(&self.texts.routine, kind)) {
            Some(t) => self.fill(t, (ctx, None, "")),
            None => self.routine_note(rng, ctx),
        }
    }

    /// Where a courtyard meeting was held, e.g. "三组院坝", "村委会议室".
    pub fn meeting_place(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        let t = pick(rng, self.places("meeting_places")).unwrap_or("村委会议室");
        self.fill(t, (ctx, None, ""))
    }

    /// The visit record's 家庭情况 line.
    pub fn family_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        let key = if ctx.members <= 1 { "solo" } else { "many" };
        self.render(rng, list(&self.texts.family, key), (ctx, None, ""))
    }

    /// The visit record's 下一步 line.
    pub fn follow_up(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.render(rng, list(&self.texts.family, "follow_up"), (ctx, None, ""))
    }

    pub(super) fn render(&self, rng: &mut Rng, templates: &[String], env: Env) -> String {
        pick(rng, templates)
            .map(|t| self.fill(t, env))
            .unwrap_or_default()
    }

    /// Replaces `{name}` placeholders; an unknown name is left as is so tests catch it.
    pub(super) fn fill(&self, tpl: &str, env: Env) -> String {
        let mut out = String::with_capacity(tpl.len() + 48);
        self.fill_into(&mut out, tpl, env, true);
        out
    }

    /// `nest` lets a var's value use placeholders itself, one level deep.
    fn fill_into(&self, out: &mut String, tpl: &str, env: Env, nest: bool) {
        let mut rest = tpl;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else {
                break;
            };
            out.push_str(before);
            self.put(out, name, env, nest);
            rest = tail;
        }
        out.push_str(rest);
    }

    fn put(&self, out: &mut String, name: &str, env: Env, nest: bool) {
        let (ctx, sit, content) = env;
        let own = sit
            .and_then(|s| s.vars.get(name))
            .or(self.texts.common.get(name));
        match name {
            "head" => out.push_str(ctx.head),
            "village" => out.push_str(ctx.village),
            "group" => out.push_str(ctx.group),
            "cadre" => out.push_str(ctx.cadre),
            "content" => out.push_str(content),
            "members" => out.push_str(&ctx.members.to_string()),
            "old" => out.extend(["老", self.surname_of(ctx.head)]),
            "unit" => out.push_str(sit.map_or("村委会", |s| self.unit_for(s.ledger, &s.category))),
            "hamlet" => out.push_str(hashed(self.places("hamlets"), ctx, None, name)),
            "neighbour" => {
                let mut r = Rng::with_seed(mix(fnv(&[ctx.head, ctx.village, ctx.group])));
                let (female, year) = (r.bool(), r.i32(1945..=1990));
                out.push_str(&self.full_name(&mut r, female, year));
            }
            _ => match own
                .filter(|l| !l.is_empty())
                .map(|l| hashed(l, ctx, sit, name))
            {
                Some(v) if nest => self.fill_into(out, v, env, false),
                Some(v) => out.push_str(v),
                None => out.extend(["{", name, "}"]),
            },
        }
    }

    /// The surname part of a full name, for 老王-style address; knows compound surnames.
    fn surname_of<'a>(&self, name: &'a str) -> &'a str {
        let mut compound = self.names.surnames.iter().map(|(s, _)| s.as_str());
        let two = compound.find(|s| s.chars().count() > 1 && name.starts_with(s));
        let first = name.char_indices().nth(1).map_or(name, |(i, _)| &name[..i]);
        two.map_or(first, |c| &name[..c.len()])
    }
}

#[cfg(test)]
#[path = "vocab_tests.rs"]
mod tests;
