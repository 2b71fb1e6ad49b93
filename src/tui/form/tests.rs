//! Form behaviour: focus movement, Ctrl+S and Esc, errors that keep the text, drafts, the
//! caret of CJK text in display columns, and the picker.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::*;
use crate::domain::validate::parse_mobile;
use crate::i18n::Lang;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(form: &mut Form, s: &str) {
    for c in s.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        form.handle(key(code));
    }
}

const NAME: T = T("姓名", "Name");
const PHONE: T = T("电话", "Phone");
const NOTES: T = T("走访记录", "Notes");
const KIND: T = T("类型", "Kind");

fn sample() -> Form {
    Form::new(Lang::Zh, "测试")
        .text("name", NAME, "")
        .required()
        .text("phone", PHONE, "")
        .multi("notes", NOTES, "", 4)
        .select(
            "kind",
            KIND,
            vec![
                Choice::new("home", "入户走访"),
                Choice::new("phone", "电话回访"),
            ],
            None,
            false,
        )
}

/// The buffer as text, one line per row, wide characters once.
fn text_of(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in a.top()..a.bottom() {
        let mut skip = 0;
        for x in a.left()..a.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            skip = crate::tui::text::width(s).saturating_sub(1);
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

#[test]
fn enter_moves_to_the_next_single_line_field_like_a_pasted_line() {
    let mut f = sample();
    typed(&mut f, "王凯\n13800138000\n");
    assert_eq!(f.value("name"), "王凯");
    assert_eq!(f.value("phone"), "13800138000");
    assert_eq!(f.focused(), "notes");
    typed(&mut f, "第一行\n第二行");
    assert_eq!(
        f.value("notes"),
        "第一行\n第二行",
        "Enter is a new line in notes"
    );
    assert_eq!(f.focused(), "notes");
}

#[test]
fn ctrl_s_asks_the_owner_to_save_and_errors_keep_the_text() {
    let mut f = sample();
    typed(&mut f, "王凯\n1380013\n");
    assert_eq!(f.handle(ctrl('s')), FormEvent::Save);
    let err = parse_mobile("phone", &f.value("phone")).expect_err("too short");
    f.show_errors(&[err]);
    assert_eq!(f.focused(), "phone", "focus jumps to the bad field");
    assert_eq!(f.value("phone"), "1380013", "the typed text stays");
    assert_eq!(f.value("name"), "王凯");
    let msg = f
        .field("phone")
        .and_then(|x| x.error.clone())
        .expect("error shown");
    assert!(msg.contains("手机号"), "{msg}");
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 14));
    f.render(buf.area, &mut buf);
    let screen = text_of(&buf);
    assert!(screen.contains("✗ 手机号"), "{screen}");
    // Typing in the field clears its message.
    f.handle(key(KeyCode::Char('8')));
    assert!(f.field("phone").and_then(|x| x.error.clone()).is_none());
}

#[test]
fn esc_asks_before_discarding_typed_text() {
    let mut clean = sample();
    assert_eq!(clean.handle(key(KeyCode::Esc)), FormEvent::Cancel);

    let mut f = sample();
    typed(&mut f, "王");
    assert_eq!(f.handle(key(KeyCode::Esc)), FormEvent::None);
    assert!(f.confirming);
    assert_eq!(f.handle(key(KeyCode::Char('n'))), FormEvent::None);
    assert!(!f.confirming);
    assert_eq!(f.value("name"), "王", "keeping on editing keeps the text");
    f.handle(key(KeyCode::Esc));
    assert_eq!(f.handle(key(KeyCode::Char('y'))), FormEvent::Cancel);
}

#[test]
fn release_events_type_nothing() {
    let mut f = sample();
    let mut k = key(KeyCode::Char('王'));
    k.kind = KeyEventKind::Release;
    assert_eq!(f.handle(k), FormEvent::None);
    assert_eq!(f.value("name"), "");
}

#[test]
fn select_cycles_and_tab_moves_focus_both_ways() {
    let mut f = sample();
    f.focus_on("kind");
    assert_eq!(f.value("kind"), "home");
    f.handle(key(KeyCode::Right));
    assert_eq!(f.value("kind"), "phone");
    f.handle(key(KeyCode::Right));
    assert_eq!(
        f.value("kind"),
        "home",
        "a required choice wraps, never empty"
    );
    f.handle(key(KeyCode::Tab));
    assert_eq!(f.focused(), "name", "Tab wraps round");
    f.handle(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(f.focused(), "kind");
}

#[test]
fn values_restore_into_a_fresh_form_as_a_draft_would() {
    let mut f = sample();
    typed(&mut f, "李强\n\n村口路灯不亮\n已联系电工");
    f.focus_on("kind");
    f.handle(key(KeyCode::Right));
    let saved = f.values();
    let mut g = sample();
    assert!(!g.is_dirty());
    g.restore(&saved);
    assert_eq!(g.values(), saved);
    assert!(g.is_dirty(), "a restored draft is unsaved work");
}

#[test]
fn cursor_sits_after_chinese_text_in_display_columns() {
    let mut f = sample();
    typed(&mut f, "王凯");
    let area = Rect::new(0, 0, 60, 14);
    let mut buf = Buffer::empty(area);
    f.render(area, &mut buf);
    let c = f.cursor(area).expect("a text field has a caret");
    // Border and padding (2) + label column, then two characters of two columns each.
    let value_x = 2 + f.label_width();
    assert_eq!(c, Position::new(value_x + 4, 1));
    // In the notes the caret follows the second line's characters.
    f.focus_on("notes");
    typed(&mut f, "路灯\n不亮了");
    f.render(area, &mut buf);
    let c = f.cursor(area).expect("notes have a caret");
    assert_eq!(c.x, value_x + 6);
    assert_eq!(
        c.y, 4,
        "name row 1, phone row 2, notes from row 3: second line"
    );
}

#[test]
fn picker_picks_suggestions_and_backspace_unpicks() {
    let mut f = Form::new(Lang::Zh, "t").picker("hh", NAME, Vec::new(), true);
    assert_eq!(f.handle(key(KeyCode::Char('w'))), FormEvent::Query("hh"));
    assert_eq!(f.query("hh"), "w");
    f.set_suggestions(
        "hh",
        vec![
            Choice::new("id1", "王凯 两河村"),
            Choice::new("id2", "王强 两河村"),
        ],
    );
    assert_eq!(
        f.handle(key(KeyCode::Esc)),
        FormEvent::None,
        "Esc hides suggestions"
    );
    assert!(!f.confirming && f.field("hh").is_some_and(|x| x.rows() == 1));
    f.set_suggestions(
        "hh",
        vec![
            Choice::new("id1", "王凯 两河村"),
            Choice::new("id2", "王强 两河村"),
        ],
    );
    f.handle(key(KeyCode::Down));
    f.handle(key(KeyCode::Enter));
    assert_eq!(f.value("hh"), "id2");
    assert_eq!(f.query("hh"), "", "the query clears after a pick");
    f.handle(key(KeyCode::Backspace));
    assert_eq!(f.value("hh"), "");
}

#[test]
fn typing_a_letter_in_a_choice_jumps_by_pinyin_initial() {
    let villages = vec![
        Choice::new("v1", "白虎村"),
        Choice::new("v2", "桂桥村"),
        Choice::new("v3", "高岩村"),
        Choice::new("v4", "金坪村"),
    ];
    let mut f = Form::new(Lang::Zh, "t").select("village", KIND, villages, None, false);
    assert_eq!(f.value("village"), "v1");
    f.handle(key(KeyCode::Char('g')));
    assert_eq!(f.value("village"), "v2", "g → 桂桥村");
    f.handle(key(KeyCode::Char('g')));
    assert_eq!(f.value("village"), "v3", "g again → the next one, 高岩村");
    f.handle(key(KeyCode::Char('j')));
    assert_eq!(f.value("village"), "v4");
    f.handle(key(KeyCode::Char('q')));
    assert_eq!(f.value("village"), "v4", "no match keeps the choice");
}

#[test]
fn a_note_on_notes_goes_on_the_line_under_the_box() {
    let f = Form::new(Lang::Zh, "t")
        .multi("notes", NOTES, "", 3)
        .note("未经满意回访，须写明理由")
        .text("name", NAME, "");
    let mut buf = Buffer::empty(Rect::new(0, 0, 60, 10));
    f.render(buf.area, &mut buf);
    let lines: Vec<String> = text_of(&buf).lines().map(str::to_owned).collect();
    assert!(lines[4].contains("未经满意回访"), "{lines:#?}");
    assert!(
        lines[5].contains("姓名"),
        "the next field follows the note: {lines:#?}"
    );
}

#[test]
fn a_click_focuses_a_field_and_a_second_click_on_a_choice_moves_it() {
    let mut f = sample();
    let area = Rect::new(0, 0, 60, 14);
    let mut buf = Buffer::empty(area);
    f.render(area, &mut buf);
    // Rows: border 0, 姓名 1, 电话 2, notes 3–6, 类型 7.
    assert!(f.click(area, 5, 2));
    assert_eq!(f.focused(), "phone");
    assert!(f.click(area, 30, 7));
    assert_eq!(f.focused(), "kind");
    assert_eq!(f.value("kind"), "home", "the first click only focuses");
    f.click(area, 20, 7);
    assert_eq!(
        f.value("kind"),
        "phone",
        "a click on the focused choice moves it"
    );
    assert!(!f.click(area, 5, 12), "below the fields");
}
