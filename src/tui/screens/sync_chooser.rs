//! What the export and import layers share: a list of places or files to choose from with a
//! text field under it for typing a path, and the keys that move between them.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use crate::i18n::Lang;
use crate::tui::screens::sync_strings as ss;
use crate::tui::text::{truncate, width};
use crate::tui::widgets::input::{InputEvent, TextInput};
use crate::tui::widgets::scroll_to_show;

/// The list's selection and the typed path.
pub struct Chooser {
    /// Rows in the list.
    pub len: usize,
    /// A row of the list, or `len` for the text field.
    pub selected: usize,
    pub input: TextInput,
    /// What is wrong with the typed path, drawn in red under it.
    pub error: Option<String>,
}

/// What a key asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// Handled here.
    Nothing,
    /// Enter on row `n`.
    Row(usize),
    /// Enter on the text field (not empty).
    Typed(String),
    /// Esc.
    Close,
    /// Not a key for the chooser (a tab number, `?`, `q`).
    Pass,
}

impl Chooser {
    /// Starts on the first row, or in the text field when the list is empty.
    pub fn new(len: usize) -> Chooser {
        Chooser {
            len,
            selected: 0,
            input: TextInput::default(),
            error: None,
        }
    }

    /// The text field has the focus.
    pub fn typing(&self) -> bool {
        self.selected >= self.len
    }

    /// The list has `len` rows now; the selection stays where it was if it can.
    pub fn set_len(&mut self, len: usize) {
        let was_typing = self.typing();
        self.len = len;
        if was_typing || self.selected > len {
            self.selected = len;
        }
    }

    pub fn move_by(&mut self, delta: i32) {
        let to = i64::try_from(self.selected).unwrap_or(0) + i64::from(delta);
        self.selected = usize::try_from(to.max(0)).unwrap_or(0).min(self.len);
    }

    pub fn on_key(&mut self, lang: Lang, key: KeyEvent) -> Chosen {
        let typing = self.typing();
        match key.code {
            KeyCode::Esc => Chosen::Close,
            KeyCode::Up => {
                self.move_by(-1);
                Chosen::Nothing
            }
            KeyCode::Down => {
                self.move_by(1);
                Chosen::Nothing
            }
            KeyCode::Tab | KeyCode::BackTab => {
                self.selected = if typing { 0 } else { self.len };
                Chosen::Nothing
            }
            KeyCode::Enter if typing => {
                let v = self.input.value().trim().to_owned();
                if v.is_empty() {
                    self.error = Some(ss::EMPTY_PATH.get(lang).to_owned());
                    return Chosen::Nothing;
                }
                Chosen::Typed(v)
            }
            KeyCode::Enter => Chosen::Row(self.selected),
            KeyCode::F(_) => Chosen::Pass,
            _ if typing => {
                if self.input.handle(key) == InputEvent::Edited {
                    self.error = None;
                }
                Chosen::Nothing
            }
            KeyCode::Char('k') => {
                self.move_by(-1);
                Chosen::Nothing
            }
            KeyCode::Char('j') => {
                self.move_by(1);
                Chosen::Nothing
            }
            KeyCode::Home | KeyCode::PageUp => {
                self.selected = 0;
                Chosen::Nothing
            }
            KeyCode::End | KeyCode::PageDown => {
                self.selected = self.len.saturating_sub(1);
                Chosen::Nothing
            }
            _ => Chosen::Pass,
        }
    }

    /// The first row shown in a list `height` rows high (drawing and clicks agree on it).
    pub fn first_shown(&self, height: u16) -> usize {
        scroll_to_show(0, self.selected.min(self.len), usize::from(height))
    }

    /// A click on row `row` of the screen, where the list starts at `list_y` with `height`
    /// rows and the field is on `input_y`.
    pub fn click(&mut self, row: u16, list_y: u16, height: u16, input_y: u16) {
        if row == input_y {
            self.selected = self.len;
        } else if row >= list_y && row < list_y + height {
            let n = self.first_shown(height) + usize::from(row - list_y);
            if n < self.len {
                self.selected = n;
            }
        }
    }

    /// Draws the field line: `label`, then the typed text on a field background.
    pub fn draw_input(&self, label: &str, area: Rect, buf: &mut Buffer) {
        let r = self.input_rect(label, area);
        let focused = self.typing();
        let st = if focused {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let marker = if focused { "▶ " } else { "  " };
        buf.set_stringn(area.x, area.y, format!("{marker}{label}"), 40, st);
        let bg = if focused {
            Style::new().bg(Color::Rgb(40, 40, 60))
        } else {
            Style::new().bg(Color::Rgb(30, 30, 30))
        };
        buf.set_style(r, bg);
        self.input.draw(r, buf, bg);
        if let Some(e) = &self.error
            && area.height > 1
        {
            let w = usize::from(r.width);
            let msg = truncate(&format!("✗ {e}"), w);
            buf.set_stringn(r.x, area.y + 1, msg, w, Style::new().fg(Color::Red));
        }
    }

    /// The text field of a field line drawn in `area` after `label`.
    pub fn input_rect(&self, label: &str, area: Rect) -> Rect {
        let lw = u16::try_from(width(label) + 2).unwrap_or(20);
        Rect::new(
            area.x + lw,
            area.y,
            area.width.saturating_sub(lw + 1),
            1.min(area.height),
        )
    }

    /// The caret of the field when it has the focus.
    pub fn cursor(&self, label: &str, area: Rect) -> Option<Position> {
        self.typing()
            .then(|| self.input.cursor(self.input_rect(label, area)))
    }
}

/// The end of a long path when it does not fit in `cols` columns: whole folder names from the
/// end ("…/两河镇/U盘"), since the names that tell places apart are there; only a last name
/// too long by itself is cut inside.
pub fn tail(path: &str, cols: usize) -> String {
    if width(path) <= cols {
        return path.to_owned();
    }
    let sep = |c: char| c == '/' || c == '\\';
    let mut start = None;
    for (i, c) in path.char_indices().rev() {
        if sep(c) {
            if width(&path[i..]) + 1 > cols {
                break;
            }
            start = Some(i);
        }
    }
    if let Some(i) = start {
        return format!("…{}", &path[i..]);
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in path.chars().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: &mut Chooser, code: KeyCode) -> Chosen {
        c.on_key(Lang::Zh, KeyEvent::from(code))
    }

    #[test]
    fn down_from_the_last_row_types_and_enter_gives_the_path() {
        let mut c = Chooser::new(2);
        assert_eq!(press(&mut c, KeyCode::Enter), Chosen::Row(0));
        press(&mut c, KeyCode::Down);
        press(&mut c, KeyCode::Down);
        assert!(c.typing());
        assert_eq!(press(&mut c, KeyCode::Char('q')), Chosen::Nothing, "typed");
        assert_eq!(press(&mut c, KeyCode::Enter), Chosen::Typed("q".into()));
        press(&mut c, KeyCode::Up);
        assert_eq!(
            press(&mut c, KeyCode::Char('q')),
            Chosen::Pass,
            "a global key"
        );
    }

    #[test]
    fn enter_on_an_empty_field_says_what_to_do() {
        let mut c = Chooser::new(0);
        assert!(c.typing());
        assert_eq!(press(&mut c, KeyCode::Enter), Chosen::Nothing);
        assert!(c.error.is_some());
        press(&mut c, KeyCode::Char('/'));
        assert_eq!(c.error, None, "typing clears it");
    }

    #[test]
    fn a_long_path_keeps_its_end() {
        assert_eq!(tail("/media/wang/KINGSTON", 16), "…/wang/KINGSTON");
        assert_eq!(tail("/media/wang/KINGSTON", 12), "…/KINGSTON");
        assert_eq!(
            tail("/media/wang/KINGSTON", 8),
            "…INGSTON",
            "a name too long by itself"
        );
        assert_eq!(
            tail("/媒体/王凯的U盘", 9),
            "…凯的U盘",
            "a wide character is not halved"
        );
        assert_eq!(tail("/a", 9), "/a");
    }
}
