//! Shared by the TUI tests: a demo database in memory and a widget drawn as plain text.

use chrono::NaiveDate;
use minqing::demo::{DemoParams, generate};
use minqing::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Widget;

/// The day every TUI test pretends it is.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")
}

/// A demo township of `households` households (seed 2017) in memory; it has an identity.
pub fn demo_store(households: u32) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let p = DemoParams {
        households,
        seed: 2017,
        today: today(),
    };
    generate(&mut store, &p, &mut |_, _| {}).expect("demo");
    store
}

/// `widget` drawn at `w`×`h` as plain text, one line per row. A wide character's second cell
/// holds an empty symbol, which is skipped so Chinese reads as it does on screen.
pub fn render(widget: impl Widget, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(widget, f.area()))
        .expect("draw");
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).expect("w");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Sends one key press the way the event loop does: the open layer or screen first, then the
/// global action.
pub fn press(app: &mut minqing::tui::App, key: crossterm::event::KeyEvent) {
    if !app.on_key(key)
        && let Some(a) = minqing::tui::action_for(key)
    {
        app.update(a);
    }
}

/// Presses a plain key.
pub fn key(app: &mut minqing::tui::App, code: crossterm::event::KeyCode) {
    press(app, crossterm::event::KeyEvent::from(code));
}

/// Types `text` character by character (`\n` is Enter), as a pinyin IME or a paste delivers it.
pub fn type_text(app: &mut minqing::tui::App, text: &str) {
    use crossterm::event::KeyCode;
    for c in text.chars() {
        key(
            app,
            if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            },
        );
    }
}

/// Presses Ctrl+`c`.
pub fn ctrl(app: &mut minqing::tui::App, c: char) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    press(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}
