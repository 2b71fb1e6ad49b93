//! Tests of the text field: character editing, display columns, the cursor position.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typed(text: &str) -> TextInput {
    let mut f = TextInput::default();
    for c in text.chars() {
        assert_eq!(f.handle(key(KeyCode::Char(c))), InputEvent::Edited);
    }
    f
}

fn row(buf: &Buffer, area: Rect) -> String {
    let mut s = String::new();
    let mut x = area.x;
    while x < area.right() {
        let sym = buf[(x, area.y)].symbol();
        s.push_str(sym);
        x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap_or(1);
    }
    s.trim_end().to_string()
}

#[test]
fn the_cursor_sits_after_the_last_cjk_character_in_display_columns() {
    let f = typed("王凯家饮水");
    let area = Rect::new(10, 5, 40, 1);
    // 5 characters, 15 bytes, 10 columns: the cursor goes to column 10 + 10.
    assert_eq!(f.cursor(area), Position::new(20, 5));
    let mixed = typed("ab王凯3");
    assert_eq!(mixed.cursor(area), Position::new(10 + 7, 5));
}

#[test]
fn editing_is_by_character_not_byte() {
    let mut f = typed("饮水管道");
    f.handle(key(KeyCode::Left));
    f.handle(key(KeyCode::Backspace));
    assert_eq!(f.value(), "饮水道");
    assert_eq!(f.caret(), 2);
    assert_eq!(f.caret_columns(), 4);
    f.handle(key(KeyCode::Char('渠')));
    assert_eq!(f.value(), "饮水渠道");
    f.handle(key(KeyCode::Home));
    f.handle(key(KeyCode::Delete));
    assert_eq!(f.value(), "水渠道");
    f.handle(key(KeyCode::End));
    assert_eq!(f.caret(), 3);
}

#[test]
fn only_presses_count() {
    let mut f = TextInput::default();
    let mut release = key(KeyCode::Char('王'));
    release.kind = KeyEventKind::Release;
    assert_eq!(f.handle(release), InputEvent::Ignored);
    assert_eq!(f.value(), "");
}

#[test]
fn enter_submits_and_esc_cancels_without_touching_the_text() {
    let mut f = typed("李强");
    assert_eq!(f.handle(key(KeyCode::Enter)), InputEvent::Submit);
    assert_eq!(f.handle(key(KeyCode::Esc)), InputEvent::Cancel);
    assert_eq!(f.value(), "李强");
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(f.handle(ctrl_u), InputEvent::Edited);
    assert_eq!(f.value(), "");
}

#[test]
fn text_is_nfc() {
    // "é" typed as e + combining acute comes out composed.
    let f = typed("Cafe\u{301}");
    assert_eq!(f.value(), "Caf\u{e9}");
    assert_eq!(TextInput::new("Cafe\u{301}").value(), "Caf\u{e9}");
}

#[test]
fn long_text_scrolls_to_keep_the_caret_visible_and_never_splits_a_character() {
    let f = typed("赤石组主供水管道去年冬天冻裂二十多户吃水困难");
    let area = Rect::new(0, 0, 11, 1);
    let cur = f.cursor(area);
    assert!(cur.x < 11, "cursor inside the field: {cur:?}");
    let mut buf = Buffer::empty(area);
    f.draw(area, &mut buf, Style::new());
    let shown = row(&buf, area);
    assert!(shown.ends_with("吃水困难"), "{shown}");
    // Odd width: the last cell stays empty rather than showing half a character.
    assert!(unicode_width::UnicodeWidthStr::width(shown.as_str()) <= 10);
    // Back at the start the beginning shows.
    let mut g = f.clone();
    g.handle(key(KeyCode::Home));
    assert_eq!(g.cursor(area), Position::new(0, 0));
    let mut buf = Buffer::empty(area);
    g.draw(area, &mut buf, Style::new());
    assert!(
        row(&buf, area).starts_with("赤石组主供"),
        "{}",
        row(&buf, area)
    );
}
