//! The terminal UI (ratatui + crossterm): `run` sets up and restores the terminal, installs the
//! panic hook and pumps events into `App::update`; all behaviour lives in the submodules.

pub mod action;
pub mod app;
pub mod form;
pub mod layer;
pub mod open;
pub mod screens;
pub mod strings;
pub mod text;
pub mod ui;
pub mod views;
pub mod widgets;

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub use action::{Action, action_for, action_for_mouse};
pub use app::App;

use crate::i18n::{Lang, Localized};
use crate::store::Store;

/// Why the UI stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The terminal could not be set up, read or drawn to.
    #[error("terminal: {0}")]
    Io(#[from] io::Error),
}

impl Localized for TuiError {
    fn message(&self, lang: Lang) -> String {
        match self {
            TuiError::Io(e) => format!("{}{e}", lang.pick("终端出错：", "terminal error: ")),
        }
    }
}

/// Runs the UI until the user quits. The terminal is restored on every way out: normal exit,
/// an I/O error, or a panic (whose details go to a crash file rather than a garbled screen).
pub fn run(store: Store, lang: Lang, today: NaiveDate) -> Result<(), TuiError> {
    let mut app = App::new(store, lang, today);
    app.follow_clock = today == chrono::Local::now().date_naive();
    install_panic_hook(lang);
    enter()?;
    let result = event_loop(&mut app);
    let restored = restore();
    // Back to the default hook: ours would otherwise restore a terminal nobody set up.
    drop(std::panic::take_hook());
    result.and(restored.map_err(TuiError::from))
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture) {
        let _ = restore();
        return Err(e);
    }
    Ok(())
}

/// Undoes [`enter`]; safe to call more than once.
fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    raw.and(screen)
}

fn event_loop(app: &mut App) -> Result<(), TuiError> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    while !app.should_quit() {
        terminal.draw(|f| {
            f.render_widget(&*app, f.area());
            // The real cursor at the caret: IMEs open their candidate window there.
            if let Some(p) = app.cursor() {
                f.set_cursor_position(p);
            }
        })?;
        // Slow work (a bundle on a stick) runs once the frame announcing it is on screen.
        if app.work() {
            continue;
        }
        // A pause in typing writes the open forms' drafts.
        if !event::poll(std::time::Duration::from_millis(DRAFT_IDLE_MS))? {
            app.tick();
            continue;
        }
        let action = match event::read()? {
            // The current screen sees a key first (its filters); the rest are global actions.
            Event::Key(k) if app.on_key(k) => None,
            Event::Key(k) => action_for(k),
            Event::Mouse(m) => action_for_mouse(m),
            Event::Resize(width, height) => Some(Action::Resize { width, height }),
            _ => None,
        };
        if let Some(a) = action {
            app.update(a);
        }
    }
    Ok(())
}

/// Milliseconds without a key after which open forms' drafts are written.
const DRAFT_IDLE_MS: u64 = 700;

/// Where a crash report goes: `minqing-crash-<timestamp>.txt` in the temp folder.
fn crash_path() -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    std::env::temp_dir().join(format!("minqing-crash-{stamp}.txt"))
}

/// On a panic: restore the terminal first (so the user gets their shell back), write the
/// details and a backtrace to a crash file, then say where it is.
fn install_panic_hook(lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore();
        let path = crash_path();
        let bt = std::backtrace::Backtrace::force_capture();
        let report = format!(
            "minqing {} crashed\n{info}\n\n{bt}\n",
            env!("CARGO_PKG_VERSION")
        );
        let written = std::fs::File::create(&path).and_then(|mut f| f.write_all(report.as_bytes()));
        let mut err = io::stderr();
        let _ = match written {
            Ok(()) => writeln!(
                err,
                "{}{}",
                lang.pick(
                    "minqing 意外退出，详情已写入：",
                    "minqing crashed; details written to: "
                ),
                path.display()
            ),
            Err(_) => writeln!(err, "{report}"),
        };
    }));
}
