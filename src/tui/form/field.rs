//! One form field: its kind (single line, multi-line notes, choice, yes/no, picker) and the
//! text or selection it holds.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};
use unicode_normalization::UnicodeNormalization;

use crate::domain::initials::initials;
use crate::tui::strings::T;
use crate::tui::widgets::input::{InputEvent, TextInput};

/// A choice's option: the stored code and the label shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

impl Choice {
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            code: code.into(),
            label: label.into(),
        }
    }
}

/// A picked record in a picker field: its id and what is shown.
pub type Picked = Choice;

/// What the field holds.
pub enum FieldKind {
    /// One line of text; Enter moves to the next field.
    Text(TextInput),
    /// Several lines (notes); Enter starts a new line, Tab leaves.
    Multi(Box<TextArea<'static>>, u16),
    /// One of a fixed list, cycled with ←/→ or Space; `None` only if `optional`.
    Select {
        options: Vec<Choice>,
        selected: Option<usize>,
        optional: bool,
    },
    /// Yes / no, toggled with Space.
    Check(bool),
    /// Records found by typing (households, cadres): the typed query, the suggestions the
    /// form's owner found for it, and what was picked so far.
    Picker {
        query: TextInput,
        suggestions: Vec<Picked>,
        highlighted: usize,
        picked: Vec<Picked>,
        multiple: bool,
    },
}

/// One labelled field.
pub struct Field {
    pub key: &'static str,
    pub label: T,
    pub kind: FieldKind,
    /// Shown next to the label with a `*`; the form owner still validates.
    pub required: bool,
    /// A grey hint after the field (format, unit, computed deadline…).
    pub note: Option<String>,
    /// The validation message shown under the field, in the user's language.
    pub error: Option<String>,
}

/// What a key did to one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldEvent {
    /// Value changed.
    Edited,
    /// The picker's query changed: its owner should look up suggestions.
    Query,
    /// Nothing changed but the key was used.
    Used,
    /// Move to the next field (Enter in a single-line field).
    Next,
    /// Not a key for this field.
    Ignored,
}

pub(super) fn textarea(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text
        .nfc()
        .collect::<String>()
        .lines()
        .map(String::from)
        .collect();
    let mut ta = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    ta.set_wrap_mode(WrapMode::Glyph);
    // The real terminal cursor marks the caret (IMEs follow it); no second, drawn one.
    ta.set_cursor_line_style(Style::default());
    ta.set_cursor_style(Style::default());
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}

impl Field {
    /// The value as text: the typed text (NFC), the selected option's code, `"1"`/`""` for a
    /// check, the picked ids joined by `,`.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text(t) => t.value(),
            FieldKind::Multi(ta, _) => ta.lines().join("\n").nfc().collect(),
            FieldKind::Select {
                options, selected, ..
            } => selected
                .and_then(|i| options.get(i))
                .map(|c| c.code.clone())
                .unwrap_or_default(),
            FieldKind::Check(b) => if *b { "1" } else { "" }.to_owned(),
            FieldKind::Picker { picked, .. } => picked
                .iter()
                .map(|p| p.code.as_str())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Puts back a value saved by [`Field::value`] (a draft being restored). A picker gets
    /// its picks back through [`super::Form::set_picked`], since labels are not in the value.
    pub fn set_value(&mut self, v: &str) {
        match &mut self.kind {
            FieldKind::Text(t) => *t = TextInput::new(v),
            FieldKind::Multi(ta, _) => **ta = textarea(v),
            FieldKind::Select {
                options, selected, ..
            } => {
                if let Some(i) = options.iter().position(|c| c.code == v) {
                    *selected = Some(i);
                }
            }
            FieldKind::Check(b) => *b = v == "1",
            FieldKind::Picker { .. } => {}
        }
    }

    /// Single-line fields: Enter moves on. Multi-line ones keep Enter for new lines.
    pub fn is_multiline(&self) -> bool {
        matches!(self.kind, FieldKind::Multi(..))
    }

    /// Rows the field takes on screen (without its error line).
    pub fn rows(&self) -> u16 {
        match &self.kind {
            // A note goes on its own line under the notes box.
            FieldKind::Multi(_, rows) => *rows + u16::from(self.note.is_some()),
            FieldKind::Picker {
                suggestions,
                picked,
                ..
            } => {
                let sugg =
                    u16::try_from(suggestions.len().min(super::MAX_SUGGESTIONS)).unwrap_or(0);
                1 + u16::from(!picked.is_empty()) + sugg
            }
            _ => 1,
        }
    }

    /// Applies a key press.
    pub fn handle(&mut self, key: KeyEvent) -> FieldEvent {
        match &mut self.kind {
            FieldKind::Text(t) => match t.handle(key) {
                InputEvent::Edited => FieldEvent::Edited,
                InputEvent::Moved => FieldEvent::Used,
                InputEvent::Submit => FieldEvent::Next,
                InputEvent::Cancel | InputEvent::Ignored => FieldEvent::Ignored,
            },
            FieldKind::Multi(ta, _) => multi_key(ta, key),
            FieldKind::Select {
                options,
                selected,
                optional,
            } => match key.code {
                KeyCode::Char(c) if c.is_ascii_alphanumeric() && key.modifiers.is_empty() => {
                    jump_to(options, selected, c)
                }
                _ => select_key(options.len(), selected, *optional, key),
            },
            FieldKind::Check(b) => match key.code {
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                    *b = !*b;
                    FieldEvent::Edited
                }
                KeyCode::Enter => FieldEvent::Next,
                _ => FieldEvent::Ignored,
            },
            FieldKind::Picker {
                query,
                suggestions,
                highlighted,
                picked,
                multiple,
            } => picker_key(query, suggestions, highlighted, picked, *multiple, key),
        }
    }
}

fn multi_key(ta: &mut TextArea<'static>, key: KeyEvent) -> FieldEvent {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let before = ta.lines().to_vec();
    match key.code {
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => return FieldEvent::Ignored,
        // The same editing keys as a single-line field: Ctrl+U clears to the line start;
        // Ctrl+Z / Ctrl+Y undo and redo.
        KeyCode::Char('u') if ctrl => {
            ta.delete_line_by_head();
        }
        KeyCode::Char('z') if ctrl => {
            ta.undo();
        }
        KeyCode::Char('y') if ctrl => {
            ta.redo();
        }
        KeyCode::Char('k' | 'j') if ctrl => {
            ta.input(key);
        }
        KeyCode::Char(_) if ctrl => return FieldEvent::Ignored,
        _ => {
            ta.input(key);
        }
    }
    if ta.lines() != before.as_slice() {
        FieldEvent::Edited
    } else {
        FieldEvent::Used
    }
}

/// Typing a letter in a choice jumps to the next option whose label starts with it, in
/// pinyin initials too (`g` → 桂桥村): cycling through 273 villages by arrow is no way to pick
/// one.
fn jump_to(options: &[Choice], selected: &mut Option<usize>, c: char) -> FieldEvent {
    let c = c.to_ascii_lowercase();
    let n = options.len();
    let start = selected.map_or(0, |i| i + 1);
    let hit = (0..n).map(|k| (start + k) % n).find(|&i| {
        let label = &options[i].label;
        let first = label.chars().next().map(|f| f.to_ascii_lowercase());
        first == Some(c) || initials(label).starts_with(c)
    });
    match hit {
        Some(i) => {
            *selected = Some(i);
            FieldEvent::Edited
        }
        None => FieldEvent::Used,
    }
}

fn select_key(
    len: usize,
    selected: &mut Option<usize>,
    optional: bool,
    key: KeyEvent,
) -> FieldEvent {
    if len == 0 {
        return match key.code {
            KeyCode::Enter => FieldEvent::Next,
            _ => FieldEvent::Ignored,
        };
    }
    // The cycle: (none,) 0, 1, …, len-1, back to the start.
    let forward = |s: Option<usize>| match s {
        None => Some(0),
        Some(i) if i + 1 < len => Some(i + 1),
        Some(_) if optional => None,
        Some(_) => Some(0),
    };
    let backward = |s: Option<usize>| match s {
        None => Some(len - 1),
        Some(0) if optional => None,
        Some(0) => Some(len - 1),
        Some(i) => Some(i - 1),
    };
    match key.code {
        KeyCode::Right | KeyCode::Char(' ') => {
            *selected = forward(*selected);
            FieldEvent::Edited
        }
        KeyCode::Left => {
            *selected = backward(*selected);
            FieldEvent::Edited
        }
        KeyCode::Enter => FieldEvent::Next,
        _ => FieldEvent::Ignored,
    }
}

fn picker_key(
    query: &mut TextInput,
    suggestions: &mut Vec<Picked>,
    highlighted: &mut usize,
    picked: &mut Vec<Picked>,
    multiple: bool,
    key: KeyEvent,
) -> FieldEvent {
    match key.code {
        KeyCode::Down if !suggestions.is_empty() => {
            *highlighted = (*highlighted + 1).min(suggestions.len() - 1);
            FieldEvent::Used
        }
        KeyCode::Up if !suggestions.is_empty() && *highlighted > 0 => {
            *highlighted -= 1;
            FieldEvent::Used
        }
        KeyCode::Enter if !suggestions.is_empty() => {
            let choice = suggestions[(*highlighted).min(suggestions.len() - 1)].clone();
            if !multiple {
                picked.clear();
            }
            if !picked.contains(&choice) {
                picked.push(choice);
            }
            suggestions.clear();
            *highlighted = 0;
            *query = TextInput::default();
            FieldEvent::Edited
        }
        KeyCode::Backspace if query.value().is_empty() && !picked.is_empty() => {
            picked.pop();
            FieldEvent::Edited
        }
        _ => match query.handle(key) {
            InputEvent::Edited => {
                *highlighted = 0;
                FieldEvent::Query
            }
            InputEvent::Moved => FieldEvent::Used,
            InputEvent::Submit => FieldEvent::Next,
            InputEvent::Cancel | InputEvent::Ignored => FieldEvent::Ignored,
        },
    }
}
