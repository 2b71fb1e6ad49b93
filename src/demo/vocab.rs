//! Demo vocabulary and text: names, places, units and ledger situations from `assets/demo/*.json`.
//!
//! Template choice uses the caller's `fastrand::Rng`, so one seed gives one database. What
//! describes the household's world ({hamlet}, {neighbour}, a situation's own vars) is chosen by a
//! hash of household and situation instead, so an item's title, content and notes agree.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::domain::Ledger;

type Rng = fastrand::Rng;
type Lists = BTreeMap<String, Vec<String>>;
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

/// Who and where a note is about; every template may use these.
#[derive(Debug, Clone, Copy)]
pub struct NoteContext<'a> {
    pub head: &'a str,
    pub village: &'a str,
    pub group: &'a str,
    pub cadre: &'a str,
    pub members: u32,
}

/// An assistance measure a hardship situation typically gets, with its yuan-per-payment range.
#[derive(Debug, Clone, Deserialize)]
pub struct Measure {
    pub code: String,
    pub yuan: (i64, i64),
}

impl Measure {
    /// Rounded like real payments (10 yuan, 100 from 1000 up) so amounts do not look random.
    pub fn draw(&self, rng: &mut Rng) -> i64 {
        let (lo, hi) = (self.yuan.0.min(self.yuan.1), self.yuan.0.max(self.yuan.1));
        let y = rng.i64(lo..=hi);
        let step = if y >= 1000 { 100 } else { 10 };
        (y / step * step).max(lo)
    }
}

/// A realistic kind of matter: its codes and the templates that describe it at every step.
#[derive(Debug, Clone, Deserialize)]
pub struct Situation {
    pub key: String,
    pub ledger: Ledger,
    /// Category code; for hardship the main difficulty cause (`causes[0]`).
    pub category: String,
    pub nature: Option<String>,
    #[serde(default)]
    pub causes: Vec<String>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    pub risk: Option<String>,
    pub people_involved: Option<(u32, u32)>,
    /// 受益户数 for livelihood matters.
    pub beneficiaries: Option<(u32, u32)>,
    /// Relative frequency: broken water pipes are common, illegal fund-raising is rare.
    #[serde(default = "one")]
    pub weight: u32,
    /// Household tag codes that fit the household this happens to.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The situation's own placeholders, e.g. {pipe} → 主管/入户管.
    #[serde(default)]
    vars: Lists,
    /// Template lists: titles, contents, diary, progress, results, replies, stabilisation.
    #[serde(flatten)]
    t: Lists,
}

fn one() -> u32 {
    1
}

impl Situation {
    /// Short title (≤ 30 characters).
    pub fn title(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "titles", ctx, "")
    }

    /// What the resident reported, in their words or as reported speech.
    pub fn content(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "contents", ctx, "")
    }

    /// The 民情日志 entry of the household visit that raised the matter.
    pub fn diary_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "diary", ctx, "")
    }

    pub fn progress_note(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "progress", ctx, "")
    }

    /// 办理结果.
    pub fn result(&self, rng: &mut Rng, ctx: &NoteContext) -> String {
        self.text(rng, "results", ctx, "")
    }

    fn text(&self, rng: &mut Rng, key: &str, ctx: &NoteContext, content: &str) -> String {
        vocab().render(rng, list(&self.t, key), (ctx, Some(self), content))
    }

    fn optional(&self, rng: &mut Rng, key: &str, ctx: &NoteContext) -> Option<String> {
        (!list(&self.t, key).is_empty()).then(|| self.text(rng, key, ctx, ""))
    }

    /// 合理答复, for situations where policy may not allow the request.
    pub fn deferred_reply(&self, rng: &mut Rng, ctx: &NoteContext) -> Option<String> {
        self.optional(rng, "replies", ctx)
    }

    /// 稳控/化解措施 (stability only).
    pub fn stabilisation(&self, rng: &mut Rng, ctx: &NoteContext) -> Option<String> {
        self.optional(rng, "stabilisation", ctx)
    }

    /// The entry for a visit of `kind` (visit_kinds code): at a desk, on the phone or in a
    /// courtyard meeting nobody walked to the house, so the resident's words are framed instead.
    pub fn diary_note_of(&self, rng: &mut Rng, ctx: &NoteContext, kind: &str) -> String {
        let wrappers = list(&vocab().texts.wrappers, kind);
        if wrappers.is_empty() {
            return self.diary_note(rng, ctx);
        }
        let content = self.content(rng, ctx);
        vocab().render(rng, wrappers, (ctx, Some(self), &content))
    }

    /// Up to `n` distinct progress notes in the order the work happens (templates are ordered).
    pub fn progress_steps(&self, rng: &mut Rng, ctx: &NoteContext, n: usize) -> Vec<String> {
        let all = list(&self.t, "progress");
        let (len, mut want) = (all.len(), n.min(all.len()));
        let mut out = Vec::with_capacity(want);
        for (i, tpl) in all.iter().enumerate() {
            if want > 0 && rng.usize(..len - i) < want {
                out.push(vocab().fill(tpl, (ctx, Some(self), "")));
                want -= 1;
            }
        }
        out
    }
}

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
struct Texts {
    common: Lists,
    situations: Vec<Situation>,
    /// Notes of visits that raised nothing, by visit_kinds code.
    routine: Lists,
    wrappers: Lists,
    family: Lists,
}

/// The loaded vocabulary; get it with [`vocab`].
#[derive(Debug)]
pub struct Vocab {
    names: Names,
    places: Places,
    units: Units,
    texts: Texts,
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

fn list<'a>(lists: &'a Lists, key: &str) -> &'a [String] {
    lists.get(key).map_or(&[], Vec::as_slice)
}

fn pick<'a>(rng: &mut Rng, list: &'a [String]) -> Option<&'a str> {
    (!list.is_empty()).then(|| list[rng.usize(..list.len())].as_str())
}

/// FNV-1a: stable across runs and platforms, unlike std's randomly keyed hasher.
fn fnv(parts: &[&str]) -> u64 {
    let bytes = parts.iter().flat_map(|p| p.bytes().chain([0xff]));
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    bytes.fold(0xcbf2_9ce4_8422_2325, step)
}

/// splitmix64 finaliser, so similar seeds still pick unrelated entries.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The entry of `list` that belongs to this household (and situation) for placeholder `name`.
fn hashed<'a>(
    list: &'a [String],
    ctx: &NoteContext,
    sit: Option<&Situation>,
    name: &str,
) -> &'a str {
    let key = sit.map_or("", |s| s.key.as_str());
    let i = mix(fnv(&[ctx.head, ctx.village, ctx.group, key, name]));
    list.get((i % list.len().max(1) as u64) as usize)
        .map_or("", String::as_str)
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

    fn render(&self, rng: &mut Rng, templates: &[String], env: Env) -> String {
        pick(rng, templates)
            .map(|t| self.fill(t, env))
            .unwrap_or_default()
    }

    /// Replaces `{name}` placeholders; an unknown name is left as is so tests catch it.
    fn fill(&self, tpl: &str, env: Env) -> String {
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
mod tests {
    use super::*;
    use serde_json::Value;

    /// The codes of one catalog list, e.g. `codes("livelihood/categories")`.
    fn codes(path: &str) -> HashSet<String> {
        let cat: Value = serde_json::from_str(include_str!("../../assets/catalog.json")).unwrap();
        let list = cat
            .pointer(&format!("/{path}"))
            .and_then(Value::as_array)
            .unwrap();
        list.iter()
            .map(|c| c["code"].as_str().unwrap().to_string())
            .collect()
    }

    fn ctx<'a>(head: &'a str, village: &'a str) -> NoteContext<'a> {
        let (group, cadre, members) = ("十二组", "李建华", 1 + head.len() as u32 % 6);
        NoteContext {
            head,
            village,
            group,
            cadre,
            members,
        }
    }

    fn all_situations() -> impl Iterator<Item = &'static Situation> {
        Ledger::ALL.into_iter().flat_map(|l| vocab().situations(l))
    }

    /// What is wrong with one situation, checked against the catalog.
    fn problems(s: &Situation) -> Vec<&'static str> {
        let known =
            |path: &str, code: Option<&String>| code.is_some_and(|c| codes(path).contains(c));
        let all_known = |path: &str, list: &[String]| list.iter().all(|c| known(path, Some(c)));
        let lists = ["titles", "contents", "diary", "progress", "results"];
        let mut checks = vec![
            (
                lists.iter().all(|k| !list(&s.t, k).is_empty()),
                "a template list is empty",
            ),
            (all_known("household_tags", &s.tags), "unknown tag"),
        ];
        let measures_ok = s
            .measures
            .iter()
            .all(|m| known("hardship/measures", Some(&m.code)));
        let amounts_ok = s
            .measures
            .iter()
            .all(|m| 0 < m.yuan.0 && m.yuan.0 <= m.yuan.1);
        checks.extend(match s.ledger {
            Ledger::Livelihood => vec![
                (
                    known("livelihood/categories", Some(&s.category)),
                    "unknown category",
                ),
                (
                    known("livelihood/natures", s.nature.as_ref()),
                    "unknown nature",
                ),
                (s.beneficiaries.is_some(), "no beneficiaries"),
            ],
            Ledger::Hardship => vec![
                (
                    s.causes.first() == Some(&s.category),
                    "category is not causes[0]",
                ),
                (all_known("hardship/causes", &s.causes), "unknown cause"),
                (
                    !s.measures.is_empty() && measures_ok && amounts_ok,
                    "bad measure",
                ),
            ],
            Ledger::Stability => vec![
                (
                    known("stability/categories", Some(&s.category)),
                    "unknown category",
                ),
                (
                    known("stability/risk_levels", s.risk.as_ref()),
                    "unknown risk",
                ),
                (s.people_involved.is_some(), "no people_involved"),
                (!list(&s.t, "stabilisation").is_empty(), "no stabilisation"),
            ],
        });
        checks.into_iter().filter(|c| !c.0).map(|c| c.1).collect()
    }

    #[test]
    fn data_parses_and_uses_only_catalog_codes() {
        let (names, _, units, texts) = real_data().expect("embedded demo JSON parses");
        assert!(texts.situations.len() >= 40 && names.surnames.len() >= 100);
        for s in &texts.situations {
            assert_eq!(problems(s), Vec::<&str>::new(), "situation {}", s.key);
        }
        let wanted = [
            "livelihood/categories",
            "hardship/causes",
            "stability/categories",
        ];
        for (ledger, path) in Ledger::ALL.into_iter().zip(wanted) {
            let mine: Vec<_> = texts
                .situations
                .iter()
                .filter(|s| s.ledger == ledger)
                .collect();
            for code in codes(path) {
                let covers = |s: &&Situation| s.category == code || s.causes.contains(&code);
                assert!(mine.iter().any(covers), "no situation for {path} {code}");
                assert!(
                    units.responsible[&ledger].contains_key(&code),
                    "no unit for {code}"
                );
            }
        }
        let kinds = codes("visit_kinds");
        assert!(texts.routine.values().map(Vec::len).sum::<usize>() >= 25);
        assert!(
            texts
                .routine
                .keys()
                .chain(texts.wrappers.keys())
                .all(|k| kinds.contains(k))
        );
        assert!(!units.cadre_units.is_empty());
        let v = vocab();
        assert!(
            Ledger::ALL
                .iter()
                .all(|&l| v.situations(l).iter().all(|s| s.ledger == l))
        );
    }

    fn sample(seed: u64) -> Vec<String> {
        let (v, mut rng) = (vocab(), Rng::with_seed(seed));
        let mut out = v.township_names(&mut rng, 12);
        out.extend(v.village_names(&mut rng, 60));
        for _ in 0..60 {
            let (female, year) = (rng.bool(), rng.i32(1930..2024));
            out.push(v.full_name(&mut rng, female, year));
        }
        let c = ctx("王建国", "水口村");
        for s in all_situations() {
            out.push(s.title(&mut rng, &c) + &s.content(&mut rng, &c));
            out.push(s.diary_note(&mut rng, &c));
        }
        out.extend((0..20).map(|_| v.routine_note(&mut rng, &c)));
        out
    }

    #[test]
    fn same_seed_same_text_different_seed_different_text() {
        assert_eq!(sample(7), sample(7));
        assert_ne!(sample(7), sample(8));
    }

    #[test]
    fn surnames_follow_real_frequency() {
        let (v, mut rng) = (vocab(), Rng::with_seed(1));
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for _ in 0..20_000 {
            *counts.entry(v.surname(&mut rng)).or_default() += 1;
        }
        let mut ranked: Vec<_> = counts.iter().map(|(s, n)| (*n, *s)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let top: HashSet<&str> = ranked[..3].iter().map(|(_, s)| *s).collect();
        assert_eq!(top, HashSet::from(["王", "李", "张"]));
        assert!(counts.get("欧阳").copied().unwrap_or(0) * 100 < counts["王"]);
        assert!(counts.len() > 100);
    }

    #[test]
    fn place_names_are_unique() {
        let (v, mut rng) = (vocab(), Rng::with_seed(3));
        let villages = v.village_names(&mut rng, 600);
        assert_eq!(villages.iter().collect::<HashSet<_>>().len(), 600);
        let cun = villages.iter().filter(|n| n.ends_with('村')).count();
        let shequ = villages.iter().filter(|n| n.ends_with("社区")).count();
        assert!(cun > 500 && cun + shequ == 600);
        let towns = v.township_names(&mut rng, 40);
        assert_eq!(towns.iter().collect::<HashSet<_>>().len(), 40);
        assert!(towns[0] == "两河镇" && towns.iter().all(|n| n.ends_with(['镇', '乡'])));
        let groups = [v.group_name(0), v.group_name(11), v.group_name(12)];
        assert_eq!(groups, ["一组", "十二组", "13组"]);
    }

    #[test]
    fn no_template_leaves_a_placeholder_and_titles_are_short() {
        let (v, mut rng) = (vocab(), Rng::with_seed(5));
        let mut heads: Vec<String> = (0..40)
            .map(|i| v.full_name(&mut rng, true, 1940 + i))
            .collect();
        heads.push("欧阳秀英".into());
        let check = |t: String| assert!(!t.is_empty() && !t.contains(['{', '}']), "{t}");
        let shared = [
            &v.texts.routine,
            &v.texts.family,
            &v.texts.common,
            &v.places.l,
        ];
        let shared: Vec<&String> = shared.iter().flat_map(|m| m.values()).flatten().collect();
        let wrappers: Vec<&String> = v.texts.wrappers.values().flatten().collect();
        for (i, head) in heads.iter().enumerate() {
            let c = ctx(head, ["望江社区", "白虎村"][i % 2]);
            shared.iter().for_each(|t| check(v.fill(t, (&c, None, ""))));
            for s in all_situations() {
                let own = s.t.values().chain(s.vars.values()).flatten();
                let env = (&c, Some(s), "内容。");
                own.chain(wrappers.iter().copied())
                    .for_each(|t| check(v.fill(t, env)));
                for title in list(&s.t, "titles").iter().map(|t| v.fill(t, env)) {
                    assert!(title.chars().count() <= 30, "{title}");
                }
            }
        }
    }

    #[test]
    fn given_names_are_one_or_two_chinese_characters() {
        let (v, mut rng) = (vocab(), Rng::with_seed(9));
        for year in (1925..2026).step_by(2) {
            for i in 0..40 {
                let name = v.given_name(&mut rng, i % 2 == 0, year);
                let han = name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert!(han && (1..=2).contains(&name.chars().count()), "{name}");
            }
        }
    }

    #[test]
    fn one_household_sees_one_consistent_world() {
        let (v, mut rng) = (vocab(), Rng::with_seed(11));
        let c = ctx("黄培荣", "水口村");
        let s = all_situations().find(|s| s.key == "roads_mud").unwrap();
        let world = v.fill("{hamlet}|{len}|{neighbour}", (&c, Some(s), ""));
        let hamlet = world.split('|').next().unwrap();
        for _ in 0..10 {
            assert_eq!(
                v.fill("{hamlet}|{len}|{neighbour}", (&c, Some(s), "")),
                world
            );
            assert!(s.diary_note(&mut rng, &c).contains(hamlet));
        }
        let fill = |t: &String| v.fill(t, (&c, Some(s), ""));
        let all: Vec<String> = list(&s.t, "progress").iter().map(fill).collect();
        let steps = s.progress_steps(&mut rng, &c, 3);
        let pos: Vec<_> = steps
            .iter()
            .filter_map(|n| all.iter().position(|a| a == n))
            .collect();
        assert!(pos.len() == 3 && pos.windows(2).all(|w| w[0] < w[1]));
        let m = Measure {
            code: "dibao".into(),
            yuan: (300, 5000),
        };
        let amounts: Vec<i64> = (0..100).map(|_| m.draw(&mut rng)).collect();
        assert!(
            amounts
                .iter()
                .all(|y| (300..=5000).contains(y) && y % 10 == 0)
        );
    }

    #[test]
    fn fallback_and_empty_vocabularies_do_not_panic() {
        let mut rng = Rng::with_seed(2);
        let tiny = Vocab::build(serde_json::from_str(FALLBACK).expect("fallback parses"));
        assert!(
            Ledger::ALL
                .iter()
                .all(|&l| tiny.pick_situation(&mut rng, l).is_some())
        );
        let c = ctx("王凯", "白虎村");
        for v in [tiny, Vocab::build(Data::default())] {
            let villages = v.village_names(&mut rng, 30);
            assert_eq!(villages.iter().collect::<HashSet<_>>().len(), 30);
            let towns = v.township_names(&mut rng, 5);
            assert!(towns.len() == 5 && towns.iter().all(|t| t.ends_with(['镇', '乡'])));
            assert!(!v.full_name(&mut rng, true, 1960).is_empty());
            assert!(!v.meeting_place(&mut rng, &c).is_empty());
            assert!(!v.unit_for(Ledger::Hardship, "x").is_empty());
            let _ = (v.routine_note(&mut rng, &c), v.family_note(&mut rng, &c));
        }
    }
}
