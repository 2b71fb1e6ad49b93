//! Demo places, cadres, households and family members.

use chrono::{Datelike, NaiveDate};
use fastrand::Rng;

use super::vocab::Vocab;
use crate::domain::validate::id_check_char;
use crate::domain::{Household, Person, VillageId};

/// Household tags with the share of households that carry them.
const TAGS: &[(&str, f64)] = &[
    ("dibao", 0.06),
    ("tekun", 0.01),
    ("tuopin", 0.10),
    ("jiance", 0.03),
    ("disabled", 0.05),
    ("left_behind_child", 0.04),
    ("empty_nest", 0.08),
    ("living_alone", 0.04),
    ("key_person", 0.005),
    ("veteran", 0.02),
    ("migrant", 0.25),
];

/// A full name drawn by surname frequency.
pub fn full_name(v: &Vocab, rng: &mut Rng, female: bool, birth_year: i32) -> String {
    let surname = v.surname(rng).to_string();
    format!("{surname}{}", v.given_name(rng, female, birth_year))
}

/// A mainland mobile number.
pub fn mobile(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] = &[
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "157",
        "158", "159", "177", "180", "181", "182", "183", "187", "188", "189", "199",
    ];
    format!(
        "{}{:08}",
        PREFIXES[rng.usize(..PREFIXES.len())],
        rng.u32(..100_000_000)
    )
}

/// A valid resident ID number for someone born on `birth` in `region` (GB 11643 check char).
pub fn id_number(rng: &mut Rng, region: &str, birth: NaiveDate, female: bool) -> Option<String> {
    let order = rng.u32(0..50) * 2 + u32::from(!female);
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), order);
    id_check_char(&first17).map(|c| format!("{first17}{c}"))
}

fn birth(rng: &mut Rng, year: i32) -> NaiveDate {
    let day = rng.u32(1..=365);
    NaiveDate::from_yo_opt(year, day)
        .unwrap_or_else(|| NaiveDate::from_yo_opt(year, 1).unwrap_or_default())
}

/// One household and its members, drawn together so ages and relations fit.
pub struct DrawnHousehold {
    pub household: Household,
    pub members: Vec<Person>,
}

/// Draws a household in `village`: head, spouse, children, grandchildren or parents.
pub fn household(
    v: &Vocab,
    rng: &mut Rng,
    village: VillageId,
    address: String,
    region: &str,
    today: NaiveDate,
) -> DrawnHousehold {
    let year = today.year();
    let mut tags: Vec<String> = TAGS
        .iter()
        .filter(|(_, p)| rng.f64() < *p)
        .map(|(t, _)| t.to_string())
        .collect();
    let head_female = rng.f64() < 0.12;
    let head_year = year - rng.i32(28..=86);
    let surname = v.surname(rng).to_string();
    let head_name = format!("{surname}{}", v.given_name(rng, head_female, head_year));
    let living_alone = tags.iter().any(|t| t == "living_alone") || rng.f64() < 0.06;
    let mut people: Vec<(String, &str, bool, i32)> =
        vec![(head_name.clone(), "head", head_female, head_year)];
    if !living_alone {
        if rng.f64() < 0.8 {
            let y = head_year + rng.i32(-3..=5);
            people.push((
                full_name(v, rng, !head_female, y),
                "spouse",
                !head_female,
                y,
            ));
        }
        let children = if head_year < year - 60 {
            rng.u32(0..=2)
        } else {
            rng.u32(0..=3)
        };
        for _ in 0..children {
            let female = rng.bool();
            let y = (head_year + rng.i32(22..=32)).min(year - 1);
            let given = v.given_name(rng, female, y);
            let rel = if female { "daughter" } else { "son" };
            people.push((format!("{surname}{given}"), rel, female, y));
            if y < year - 24 && rng.f64() < 0.35 {
                let gy = (y + rng.i32(22..=30)).min(year - 1);
                let gf = rng.bool();
                let g = v.given_name(rng, gf, gy);
                let rel = if gf { "granddaughter" } else { "grandson" };
                people.push((format!("{surname}{g}"), rel, gf, gy));
            }
        }
        if head_year > year - 50 && rng.f64() < 0.3 {
            let y = head_year - rng.i32(22..=30);
            people.push((full_name(v, rng, true, y), "mother", true, y));
        }
    }
    if people.len() == 1 && head_year < year - 60 && !tags.iter().any(|t| t == "living_alone") {
        tags.push("living_alone".into());
    }
    let disabled = tags.iter().any(|t| t == "disabled");
    let phone = (rng.f64() < 0.85).then(|| mobile(rng));
    let members = people
        .into_iter()
        .enumerate()
        .map(|(i, (name, relation, female, y))| {
            let b = birth(rng, y);
            let old = y < year - 65;
            Person {
                household_id: crate::domain::HouseholdId::from_parts(0, [0; 10]),
                name,
                relation: relation.into(),
                sex: Some(if female { "f" } else { "m" }.into()),
                birth_date: Some(b),
                id_number: (rng.f64() < 0.75)
                    .then(|| id_number(rng, region, b, female))
                    .flatten(),
                phone: if i == 0 {
                    phone.clone()
                } else {
                    (y < year - 18 && y > year - 60 && rng.f64() < 0.5).then(|| mobile(rng))
                },
                health: Some(
                    if disabled && i == 0 {
                        "disabled"
                    } else if old && rng.f64() < 0.4 {
                        "chronic"
                    } else if rng.f64() < 0.03 {
                        "serious"
                    } else {
                        "healthy"
                    }
                    .into(),
                ),
                disability_type: (disabled && i == 0).then(|| {
                    ["physical", "visual", "hearing", "intellectual", "mental"][rng.usize(..5)]
                        .into()
                }),
                disability_grade: (disabled && i == 0).then(|| rng.u8(1..=4)),
                note: None,
            }
        })
        .collect();
    DrawnHousehold {
        household: Household {
            village_id: village,
            group_id: None,
            head_name,
            address: Some(address),
            phone,
            tags,
            cadre_id: None,
            note: None,
        },
        members,
    }
}
