//! The 民情日志 and 农户 lists with Chinese demo data: TestBackend snapshots of each widget
//! alone (the body area App gives a screen) and their paging, selection and village filter.

mod common;

use chrono::NaiveDate;
use common::tui::{demo_store, render, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::i18n::Lang;
use minqing::tui::screens::diary::{DiaryView, PAGE};
use minqing::tui::screens::households::HouseholdsView;

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn diary_80x22() {
    let store = demo_store(300);
    let v = DiaryView::new(&store, Lang::Zh, today());
    insta::assert_snapshot!(render(&v, 80, 22));
}

#[test]
fn diary_120x38() {
    let store = demo_store(300);
    let v = DiaryView::new(&store, Lang::Zh, today());
    insta::assert_snapshot!(render(&v, 120, 38));
}

#[test]
fn diary_english_80x22() {
    let store = demo_store(300);
    let v = DiaryView::new(&store, Lang::En, today());
    insta::assert_snapshot!(render(&v, 80, 22));
}

#[test]
fn diary_english_120x38() {
    let store = demo_store(300);
    let v = DiaryView::new(&store, Lang::En, today());
    insta::assert_snapshot!(render(&v, 120, 38));
}

#[test]
fn households_80x22() {
    let store = demo_store(300);
    let v = HouseholdsView::new(&store, Lang::Zh);
    insta::assert_snapshot!(render(&v, 80, 22));
}

#[test]
fn households_120x38() {
    let store = demo_store(300);
    let v = HouseholdsView::new(&store, Lang::Zh);
    insta::assert_snapshot!(render(&v, 120, 38));
}

#[test]
fn households_one_village_80x22() {
    let store = demo_store(300);
    let mut v = HouseholdsView::new(&store, Lang::Zh);
    assert!(v.on_key(&store, press('v')));
    insta::assert_snapshot!(render(&v, 80, 22));
}

#[test]
fn households_one_village_120x38() {
    let store = demo_store(300);
    let mut v = HouseholdsView::new(&store, Lang::Zh);
    assert!(v.on_key(&store, press('v')));
    insta::assert_snapshot!(render(&v, 120, 38));
}

#[test]
fn diary_pages_are_newest_first() {
    let store = demo_store(300);
    let mut v = DiaryView::new(&store, Lang::Zh, today());
    assert_eq!(v.list.rows.len() as u64, PAGE);
    assert!(v.list.more, "the demo has more than one page of visits");
    // Down onto the "more" line loads the second page in its place.
    v.move_by(&store, PAGE as i64);
    assert!(v.list.rows.len() as u64 > PAGE, "second page loaded");
    assert_eq!(v.list.selected as u64, PAGE);
    assert!(
        v.selected().is_some(),
        "a row now stands where the more line was"
    );
    let dates: Vec<NaiveDate> = v.list.rows.iter().map(|r| r.date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "non-increasing dates across both pages"
    );
}

#[test]
fn diary_down_stops_at_last_row() {
    let store = demo_store(300);
    let mut v = DiaryView::new(&store, Lang::Zh, today());
    // Load everything, then keep pressing Down.
    for _ in 0..100 {
        v.move_by(&store, i64::MAX / 2);
        if !v.list.more {
            break;
        }
    }
    assert!(!v.list.more);
    v.move_by(&store, i64::MAX / 2);
    let last = v.list.rows.len() - 1;
    assert_eq!(v.list.selected, last);
    v.move_by(&store, 1);
    assert_eq!(v.list.selected, last);
    v.move_by(&store, i64::MIN / 2);
    assert_eq!(v.list.selected, 0);
    v.move_by(&store, -1);
    assert_eq!(v.list.selected, 0);
}

#[test]
fn v_cycles_the_village_filter() {
    let store = demo_store(300);
    let mut v = HouseholdsView::new(&store, Lang::Zh);
    assert!(v.village_name().is_none());
    let villages = v.villages.len();
    assert!(villages >= 2);
    assert!(v.on_key(&store, press('v')));
    let name = v.village_name().expect("one village").to_owned();
    assert!(!v.list.rows.is_empty());
    // Every row of every page is of that village.
    while v.list.more {
        v.move_by(&store, i64::MAX / 2);
    }
    assert!(v.list.rows.iter().all(|r| r.village == name));
    for _ in 1..villages {
        assert!(v.on_key(&store, press('v')));
        assert!(v.village_name().is_some());
    }
    assert!(v.on_key(&store, press('v')));
    assert!(v.village_name().is_none(), "back to all villages");
    let all: Vec<&str> = v.list.rows.iter().map(|r| r.village.as_str()).collect();
    assert!(all.iter().any(|&x| x != name) || v.list.more);
    assert!(!v.on_key(&store, press('x')));
}

#[test]
fn phones_are_masked() {
    let store = demo_store(300);
    let mut v = HouseholdsView::new(&store, Lang::Zh);
    v.move_by(&store, PAGE as i64);
    let screen = render(&v, 120, 38) + &render(&v, 80, 22);
    let mut checked = 0;
    for r in &v.list.rows {
        let Some(p) = &r.phone else { continue };
        if p.len() == 11 {
            assert!(!screen.contains(p.as_str()), "full phone shown: {p}");
            checked += 1;
        }
    }
    assert!(checked > 0);
    // Every phone on screen is `138****5678`: no run of more than 4 digits shows anywhere,
    // and each run of 4 stars sits between 3 and 4 digits.
    let mut run = 0;
    for c in screen.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run <= 4, "a run of digits on screen:\n{screen}");
    }
    let masked = screen.matches("****").count();
    assert!(masked >= checked.min(20));
    for line in screen.lines() {
        for (i, _) in line.match_indices("****") {
            let before = &line[..i];
            let after = &line[i + 4..];
            assert!(
                before.len() >= 3
                    && before[before.len() - 3..]
                        .bytes()
                        .all(|b| b.is_ascii_digit())
            );
            assert!(after.len() >= 4 && after[..4].bytes().all(|b| b.is_ascii_digit()));
        }
    }
}

fn type_text(on_key: &mut dyn FnMut(KeyEvent) -> bool, text: &str) {
    for c in text.chars() {
        assert!(on_key(press(c)), "{c} goes to the field");
    }
}

#[test]
fn slash_searches_the_diary_notes() {
    let store = demo_store(300);
    let mut v = DiaryView::new(&store, Lang::Zh, today());
    let first = v.list.rows[0].id;
    type_text(&mut |k| v.on_key(&store, k), "/低保");
    assert_eq!(v.search.query, "低保");
    assert!(!v.list.rows.is_empty());
    for r in &v.list.rows {
        let visit: minqing::domain::Visit = store.get(r.id).expect("get").expect("visit");
        let text = [
            visit.heard,
            visit.family_situation.unwrap_or_default(),
            visit.follow_up.unwrap_or_default(),
            visit.place.unwrap_or_default(),
        ]
        .concat();
        assert!(text.contains("低保"), "{text}");
    }
    assert!(v.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert_eq!(v.search.query, "");
    assert_eq!(v.list.rows[0].id, first, "Esc restores the whole diary");
}

#[test]
fn slash_finds_households_by_pinyin_initials_and_phone_tail() {
    use minqing::domain::initials::initials;
    let store = demo_store(300);
    let mut v = HouseholdsView::new(&store, Lang::Zh);
    let head = v.list.rows[0].clone();
    let ini: String = initials(&head.head_name).chars().take(2).collect();
    type_text(&mut |k| v.on_key(&store, k), &format!("/{ini}"));
    assert!(v.list.rows.iter().any(|r| r.id == head.id));
    assert!(
        v.list
            .rows
            .iter()
            .all(|r| initials(&r.head_name).starts_with(&ini))
    );
    // While the field is open, `v` is a letter of the query, not the village filter.
    assert!(v.on_key(&store, press('v')));
    assert!(v.village.is_none());
    assert!(v.on_key(&store, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    let with_phone = v
        .list
        .rows
        .iter()
        .find_map(|r| r.phone.clone())
        .expect("a household with a phone");
    let tail = &with_phone[with_phone.len() - 4..];
    type_text(&mut |k| v.on_key(&store, k), &format!("/{tail}"));
    assert!(!v.list.rows.is_empty());
    assert!(
        v.list
            .rows
            .iter()
            .all(|r| r.phone.as_deref().is_some_and(|p| p.ends_with(tail)))
    );
}
