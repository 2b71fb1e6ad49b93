//! The `/` search of a list screen: closed, or open with its text field; the query stays
//! applied after Enter and is cleared by Esc. Shared by the ledger, diary and household lists.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::input::{InputEvent, TextInput};
use crate::tui::text::truncate;

/// What stands before the field.
const PROMPT: &str = "/ ";
const PROMPT_COLS: u16 = 2;
/// The field's width: 14 Chinese characters.
const FIELD_COLS: u16 = 28;

/// A list's search: the applied query and, while typing, the field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchBox {
    /// The query the list is narrowed by (empty: none).
    pub query: String,
    field: Option<TextInput>,
}

impl SearchBox {
    /// Opens the field on the current query (`/`).
    pub fn open(&mut self) {
        self.field = Some(TextInput::new(&self.query));
    }

    /// The field is open: every key goes to it.
    pub fn is_open(&self) -> bool {
        self.field.is_some()
    }

    /// Open, or a query is applied: the search line is shown.
    pub fn is_active(&self) -> bool {
        self.is_open() || !self.query.is_empty()
    }

    /// Forgets the query (`x`); true if there was one.
    pub fn clear(&mut self) -> bool {
        self.field = None;
        !std::mem::take(&mut self.query).is_empty()
    }

    /// While the field is open, takes the key and says whether the query changed (the list
    /// then reloads: it searches as you type). `None` when the field is closed.
    pub fn on_key(&mut self, key: KeyEvent) -> Option<bool> {
        let event = self.field.as_mut()?.handle(key);
        Some(match event {
            InputEvent::Edited => {
                self.query = self
                    .field
                    .as_ref()
                    .map(TextInput::value)
                    .unwrap_or_default();
                true
            }
            InputEvent::Submit => {
                self.field = None;
                false
            }
            InputEvent::Cancel => self.clear(),
            InputEvent::Moved | InputEvent::Ignored => false,
        })
    }

    fn field_area(line: Rect) -> Rect {
        let w = line.width.saturating_sub(PROMPT_COLS).min(FIELD_COLS);
        Rect::new(line.x + PROMPT_COLS, line.y, w, 1)
    }

    /// Draws the prompt and the field (or the applied query) at the start of `line`; returns
    /// the columns it took, so the caller can put its count after it.
    pub fn draw(&self, line: Rect, buf: &mut Buffer) -> u16 {
        let cyan = Style::new().fg(Color::Cyan);
        buf.set_string(line.x, line.y, PROMPT, cyan);
        let field = Self::field_area(line);
        match &self.field {
            Some(input) => input.draw(field, buf, cyan.add_modifier(Modifier::UNDERLINED)),
            None => {
                let q = truncate(&self.query, usize::from(field.width));
                buf.set_string(field.x, field.y, q, cyan);
            }
        }
        PROMPT_COLS + field.width + 1
    }

    /// The caret of the open field when drawn on `line` (where the terminal cursor goes).
    pub fn cursor(&self, line: Rect) -> Option<Position> {
        self.field
            .as_ref()
            .map(|i| i.cursor(Self::field_area(line)))
    }
}
