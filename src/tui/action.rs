//! What the user asked for, independent of how: key and mouse events become [`Action`]s here,
//! and `App::update` is the only place that acts on them.

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Lines the mouse wheel scrolls per notch.
pub const WHEEL_LINES: i32 = 3;

/// One user intention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Show tab `n` (0-based; the key is `n + 1`).
    SwitchTab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Reload the current screen's data from the store.
    Refresh,
    /// Toggle the key overlay.
    Help,
    /// Close an overlay (Esc); does nothing when none is open.
    Back,
    Quit,
    /// Left click at a terminal cell.
    Click {
        col: u16,
        row: u16,
    },
    /// Wheel: positive scrolls down, by lines.
    Scroll(i32),
    /// The terminal now has this size.
    Resize {
        width: u16,
        height: u16,
    },
}

/// The action of a key, if any. Only `Press` counts: Windows also reports `Release` (and
/// `Repeat`) events, and acting on those would switch tabs or move the selection twice.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(c @ '1'..='8') => Action::SwitchTab(c as usize - '1' as usize),
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Char('r') => Action::Refresh,
        KeyCode::Char('?') | KeyCode::F(1) => Action::Help,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}

/// The action of a mouse event: left click selects, the wheel scrolls; the rest is ignored.
pub fn action_for_mouse(m: MouseEvent) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            col: m.column,
            row: m.row,
        }),
        MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_LINES)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_LINES)),
        _ => None,
    }
}
