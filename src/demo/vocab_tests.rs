//! Tests of the demo vocabulary: the embedded data, determinism and every template.

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
    let known = |path: &str, code: Option<&String>| code.is_some_and(|c| codes(path).contains(c));
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
