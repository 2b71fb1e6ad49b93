//! The ledger screens (民生 / 困难 / 稳定) alone: TestBackend snapshots with Chinese demo data
//! and the behaviour of their filter, selection and paging keys.

mod common;

use common::tui::{self, demo_store, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use minqing::domain::{ItemStatus, Ledger};
use minqing::i18n::Lang;
use minqing::store::Store;
use minqing::tui::screens::ledger::{HEADER_LINES, LedgerView, PAGE};

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn press(v: &mut LedgerView, store: &Store, c: char) {
    assert!(v.on_key(store, key(KeyCode::Char(c))), "key {c} used");
}

/// The view alone as plain text, scrolled as App would for that height.
fn render(v: &mut LedgerView, w: u16, h: u16) -> String {
    v.ensure_visible(usize::from(h.saturating_sub(HEADER_LINES)));
    tui::render(&*v, w, h)
}

fn view(store: &Store, lang: Lang, ledger: Ledger) -> LedgerView {
    LedgerView::new(store, lang, today(), ledger)
}

#[test]
fn snapshots() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    insta::assert_snapshot!("livelihood_80x22", render(&mut v, 80, 22));
    insta::assert_snapshot!("livelihood_120x38", render(&mut v, 120, 38));
    let mut v = view(&store, Lang::Zh, Ledger::Hardship);
    insta::assert_snapshot!("hardship_80x22", render(&mut v, 80, 22));
    insta::assert_snapshot!("hardship_120x38", render(&mut v, 120, 38));
    let mut v = view(&store, Lang::Zh, Ledger::Stability);
    insta::assert_snapshot!("stability_80x22", render(&mut v, 80, 22));
    insta::assert_snapshot!("stability_120x38", render(&mut v, 120, 38));
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    press(&mut v, &store, 'o');
    insta::assert_snapshot!("livelihood_overdue_120x38", render(&mut v, 120, 38));
    let mut v = view(&store, Lang::En, Ledger::Stability);
    insta::assert_snapshot!("stability_english_80x22", render(&mut v, 80, 22));
    insta::assert_snapshot!("stability_english_120x38", render(&mut v, 120, 38));
}

#[test]
fn overdue_only_shows_open_items_past_their_deadline() {
    let store = demo_store(400);
    for ledger in Ledger::ALL {
        let mut v = view(&store, Lang::Zh, ledger);
        let all = v.rows.len();
        press(&mut v, &store, 'o');
        assert!(v.filter.overdue_on.is_some());
        assert!(v.rows.len() <= all);
        for (r, u) in &v.rows {
            assert!(r.item.due_date.expect("due") < today(), "{}", r.item.number);
            assert_ne!(r.item.status, ItemStatus::Closed);
            assert!(u.expect("urgency").is_overdue());
        }
        press(&mut v, &store, 'o');
        assert!(v.filter.overdue_on.is_none());
        assert_eq!(v.rows.len(), all);
    }
}

#[test]
fn status_filter_cycles_through_every_status() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    let mut seen_rows = 0;
    for st in ItemStatus::ALL {
        press(&mut v, &store, 's');
        assert_eq!(v.filter.status, Some(st));
        assert_eq!(v.selected, 0);
        assert!(v.rows.iter().all(|(r, _)| r.item.status == st));
        seen_rows += v.rows.len();
    }
    assert!(seen_rows > 0, "the demo has items in some status");
    press(&mut v, &store, 's');
    assert_eq!(v.filter.status, None);
}

#[test]
fn village_filter_narrows_and_x_restores() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    let before: Vec<String> = v.rows.iter().map(|(r, _)| r.item.number.clone()).collect();
    press(&mut v, &store, 'v');
    let name = v.village_name.clone().expect("a village");
    assert!(v.filter.village.is_some());
    assert!(
        v.rows
            .iter()
            .all(|(r, _)| r.item.village.as_deref() == Some(name.as_str()))
    );
    press(&mut v, &store, 'v');
    assert_ne!(v.village_name.as_deref(), Some(name.as_str()));
    press(&mut v, &store, 'c');
    press(&mut v, &store, 'l');
    press(&mut v, &store, 'o');
    assert!(v.filtered());
    let text = render(&mut v, 80, 22);
    assert!(text.contains("仅超期"), "{text}");
    press(&mut v, &store, 'x');
    assert!(!v.filtered());
    assert_eq!(v.filter.ledger, Some(Ledger::Livelihood));
    let after: Vec<String> = v.rows.iter().map(|(r, _)| r.item.number.clone()).collect();
    assert_eq!(before, after);
}

#[test]
fn down_moves_and_stops_at_the_end() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Stability);
    press(&mut v, &store, 'o');
    assert!(!v.more, "overdue stability items fit one page");
    let n = v.rows.len();
    assert!(n >= 2, "some overdue items: {n}");
    assert!(v.on_key(&store, key(KeyCode::Down)));
    assert_eq!(v.selected, 1);
    for _ in 0..n + 5 {
        v.on_key(&store, key(KeyCode::Down));
    }
    assert_eq!(v.selected, n - 1);
    v.on_key(&store, key(KeyCode::Home));
    assert_eq!(v.selected, 0);
    v.on_key(&store, key(KeyCode::Up));
    assert_eq!(v.selected, 0);
    assert!(!v.on_key(&store, key(KeyCode::Char('z'))));
}

#[test]
fn the_more_line_loads_the_next_page() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    assert_eq!(v.rows.len() as u64, PAGE);
    assert!(
        v.more,
        "the demo has more than one page of livelihood items"
    );
    let first: Vec<String> = v.rows.iter().map(|(r, _)| r.item.number.clone()).collect();
    v.on_key(&store, key(KeyCode::End));
    assert!(v.rows.len() as u64 > PAGE);
    assert_eq!(v.selected, PAGE as usize, "selection on the first new row");
    let numbers: Vec<String> = v.rows.iter().map(|(r, _)| r.item.number.clone()).collect();
    assert_eq!(&numbers[..first.len()], &first[..]);
    let mut dedup = numbers.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), numbers.len(), "no row twice");
    let text = render(&mut v, 80, 22);
    assert!(
        text.contains(&format!("第 1–{} 条", v.rows.len())),
        "{text}"
    );
}

#[test]
fn ledger_query_matches_items() {
    use minqing::store::Page;
    use minqing::store::query::ItemFilter;
    let store = demo_store(400);
    for ledger in Ledger::ALL {
        let f = ItemFilter {
            ledger: Some(ledger),
            ..ItemFilter::default()
        };
        let a = store.items(&f, Page::first(80)).expect("items");
        let b = store
            .ledger_items(&f, Page::first(80))
            .expect("ledger items");
        assert_eq!(a.more, b.more);
        let b_items: Vec<_> = b.rows.into_iter().map(|r| r.item).collect();
        assert_eq!(a.rows, b_items);
    }
}

fn type_text(v: &mut LedgerView, store: &Store, text: &str) {
    for c in text.chars() {
        assert!(
            v.on_key(store, key(KeyCode::Char(c))),
            "{c} goes to the field"
        );
    }
}

/// Whether the item's number, title, content or reporter contain `q`.
fn item_contains(store: &Store, id: minqing::domain::ItemId, q: &str) -> bool {
    let item: minqing::domain::Item = store.get(id).expect("get").expect("item");
    [
        item.number,
        item.title,
        item.content,
        item.reporter.unwrap_or_default(),
    ]
    .iter()
    .any(|t| t.contains(q))
}

#[test]
fn slash_searches_as_you_type_and_esc_clears() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    let all: Vec<_> = v.rows.iter().map(|(r, _)| r.item.id).collect();
    assert!(v.on_key(&store, key(KeyCode::Char('/'))));
    type_text(&mut v, &store, "水");
    let one: Vec<_> = v.rows.iter().map(|(r, _)| r.item.id).collect();
    assert!(!one.is_empty(), "a 1-character query finds items");
    assert!(one.iter().all(|id| item_contains(&store, *id, "水")));
    type_text(&mut v, &store, "管");
    assert_eq!(v.search.query, "水管");
    assert!(v.rows.len() <= one.len(), "a longer query narrows");
    assert!(
        v.rows
            .iter()
            .all(|(r, _)| item_contains(&store, r.item.id, "水管"))
    );
    // While the field is open, letters are text, not filter keys.
    type_text(&mut v, &store, "o");
    assert_eq!(v.search.query, "水管o");
    assert!(v.filter.overdue_on.is_none());
    assert!(v.on_key(&store, key(KeyCode::Backspace)));
    assert!(v.on_key(&store, key(KeyCode::Enter)));
    assert!(!v.search.is_open(), "Enter closes the field");
    assert_eq!(v.search.query, "水管", "and keeps the search");
    assert!(v.on_key(&store, key(KeyCode::Char('/'))));
    assert!(v.on_key(&store, key(KeyCode::Esc)));
    assert_eq!(v.search.query, "");
    let back: Vec<_> = v.rows.iter().map(|(r, _)| r.item.id).collect();
    assert_eq!(back, all, "Esc restores the unsearched table");
}

#[test]
fn search_combines_with_filters() {
    let store = demo_store(400);
    let mut v = view(&store, Lang::Zh, Ledger::Livelihood);
    press(&mut v, &store, 'o');
    assert!(v.on_key(&store, key(KeyCode::Char('/'))));
    type_text(&mut v, &store, "村");
    assert!(!v.rows.is_empty());
    for (r, _) in &v.rows {
        assert!(r.item.status.is_open() && r.item.due_date < Some(today()));
        assert!(item_contains(&store, r.item.id, "村"));
    }
}

#[test]
fn the_terminal_cursor_sits_at_the_caret_of_the_search_field() {
    use minqing::tui::{Action, App};
    let mut app = App::new(demo_store(300), Lang::Zh, today());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app.update(Action::SwitchTab(2));
    assert_eq!(app.cursor(), None, "no field open, no cursor");
    assert!(app.on_key(key(KeyCode::Char('/'))));
    for c in "饮水".chars() {
        assert!(app.on_key(key(KeyCode::Char(c))));
    }
    let body = minqing::tui::ui::body_rect((100, 30));
    // "/ " is 2 columns, 饮水 is 4 (2 characters, 6 bytes): the caret is at column 6.
    assert_eq!(
        app.cursor(),
        Some(ratatui::layout::Position::new(body.x + 6, body.y + 1))
    );
    assert_eq!(
        app.tab, 2,
        "digits and letters went to the field, not to the tabs"
    );
}

#[test]
fn ctrl_c_still_quits_while_the_search_field_is_open() {
    use minqing::tui::{Action, App, action_for};
    let mut app = App::new(demo_store(300), Lang::Zh, today());
    app.update(Action::SwitchTab(2));
    assert!(app.on_key(key(KeyCode::Char('/'))));
    assert!(
        app.on_key(key(KeyCode::Char('q'))),
        "q is text in the field"
    );
    assert!(!app.should_quit());
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(!app.on_key(ctrl_c), "the field does not swallow Ctrl+C");
    app.update(action_for(ctrl_c).expect("an action"));
    assert!(app.should_quit());
}
