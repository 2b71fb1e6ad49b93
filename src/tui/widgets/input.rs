//! A single-line text field for forms and search: edits by character (never by byte), measures
//! in display columns (a Chinese character is two wide), scrolls sideways to keep the caret in
//! view, and reports where the real terminal cursor goes so a pinyin IME's candidate window
//! opens at the caret.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    /// The text changed.
    Edited,
    /// Only the caret moved.
    Moved,
    /// Enter: the form moves to the next field or the search runs.
    Submit,
    /// Esc: the caller decides (close, ask before discarding).
    Cancel,
    /// Not a key for this field (Tab, F-keys, a release event…).
    Ignored,
}

/// The field's text and caret.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Caret position, in characters from the start (0..=len).
    caret: usize,
}

fn cols(c: char) -> usize {
    c.width().unwrap_or(0)
}

impl TextInput {
    /// A field holding `text`, caret at the end.
    pub fn new(text: &str) -> TextInput {
        let chars: Vec<char> = text.nfc().collect();
        let caret = chars.len();
        TextInput { chars, caret }
    }

    /// The text in NFC, as it is stored: the same Chinese typed through different IMEs (or
    /// pasted with combining marks) compares equal.
    pub fn value(&self) -> String {
        self.chars.iter().collect::<String>().nfc().collect()
    }

    /// The caret, in characters.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Display columns before the caret.
    pub fn caret_columns(&self) -> usize {
        self.chars[..self.caret].iter().map(|c| cols(*c)).sum()
    }

    /// Applies one key. Only presses count: Windows terminals also send releases, which would
    /// otherwise type every character twice.
    pub fn handle(&mut self, key: KeyEvent) -> InputEvent {
        if key.kind != KeyEventKind::Press {
            return InputEvent::Ignored;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => InputEvent::Submit,
            KeyCode::Esc => InputEvent::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.chars.clear();
                self.caret = 0;
                InputEvent::Edited
            }
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
                InputEvent::Ignored
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.chars.insert(self.caret, c);
                self.caret += 1;
                InputEvent::Edited
            }
            KeyCode::Backspace if self.caret > 0 => {
                self.caret -= 1;
                self.chars.remove(self.caret);
                InputEvent::Edited
            }
            KeyCode::Delete if self.caret < self.chars.len() => {
                self.chars.remove(self.caret);
                InputEvent::Edited
            }
            KeyCode::Left if self.caret > 0 => {
                self.caret -= 1;
                InputEvent::Moved
            }
            KeyCode::Right if self.caret < self.chars.len() => {
                self.caret += 1;
                InputEvent::Moved
            }
            KeyCode::Home => {
                self.caret = 0;
                InputEvent::Moved
            }
            KeyCode::End => {
                self.caret = self.chars.len();
                InputEvent::Moved
            }
            KeyCode::Backspace | KeyCode::Delete | KeyCode::Left | KeyCode::Right => {
                InputEvent::Moved
            }
            _ => InputEvent::Ignored,
        }
    }

    /// The first character shown when the field is `width` columns wide: the text scrolls so
    /// the caret (and one column after it) stays visible.
    fn first_shown(&self, width: usize) -> usize {
        let mut start = 0;
        let room = width.saturating_sub(1);
        while start < self.caret
            && self.chars[start..self.caret]
                .iter()
                .map(|c| cols(*c))
                .sum::<usize>()
                > room
        {
            start += 1;
        }
        start
    }

    /// Where the terminal cursor goes when the field is drawn in `area`.
    pub fn cursor(&self, area: Rect) -> Position {
        let start = self.first_shown(usize::from(area.width));
        let before: usize = self.chars[start..self.caret].iter().map(|c| cols(*c)).sum();
        let x = area
            .x
            .saturating_add(u16::try_from(before).unwrap_or(u16::MAX));
        Position::new(x.min(area.right().saturating_sub(1)), area.y)
    }

    /// Draws the visible part of the text on the first row of `area`; a wide character that
    /// would be cut at the right edge is left out rather than split.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, style: Style) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let width = usize::from(area.width);
        let start = self.first_shown(width);
        let mut shown = String::new();
        let mut used = 0;
        for c in &self.chars[start..] {
            if used + cols(*c) > width {
                break;
            }
            used += cols(*c);
            shown.push(*c);
        }
        buf.set_style(Rect::new(area.x, area.y, area.width, 1), style);
        buf.set_string(area.x, area.y, shown, style);
    }
}

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
