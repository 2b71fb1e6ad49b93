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
