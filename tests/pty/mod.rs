//! Drives the real `minqing` binary in a pseudo-terminal: keys go in as the bytes a terminal
//! sends, the output goes through a vt100 emulator, and tests wait for text on the screen.
// Each test binary uses only some of the keys.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const CTRL_S: &str = "\x13";
pub const CTRL_U: &str = "\x15";
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";

/// How long a screen may take to show what a test waits for.
const WAIT: Duration = Duration::from_secs(20);

/// The binary running in a pseudo-terminal.
pub struct Tty {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn Child + Send + Sync>,
}

impl Tty {
    /// Starts `minqing --db <db> <args…>` in a `cols`×`rows` terminal.
    pub fn spawn(db: &Path, args: &[&str], cols: u16, rows: u16) -> Tty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_minqing"));
        cmd.arg("--db");
        cmd.arg(db);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        let child = pty.slave.spawn_command(cmd).expect("spawn minqing");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Tty {
            _master: pty.master,
            writer,
            screen,
            child,
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Where the terminal cursor is: (row, column).
    pub fn cursor(&self) -> (u16, u16) {
        self.screen
            .lock()
            .expect("screen")
            .screen()
            .cursor_position()
    }

    /// Sends bytes as typed (keys, pasted text, escape sequences).
    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
        // A lone Esc is told apart from an escape sequence by a pause.
        std::thread::sleep(Duration::from_millis(if s == ESC { 150 } else { 40 }));
    }

    /// Types text one character at a time, as an IME commits it.
    pub fn type_text(&mut self, s: &str) {
        for c in s.chars() {
            self.send(&c.to_string());
        }
    }

    /// Waits until the screen contains `needle`; fails the test with the screen otherwise.
    pub fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            assert!(
                start.elapsed() < WAIT,
                "waited {WAIT:?} for {needle:?}; the screen shows:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the program to exit; returns its success.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.success();
            }
            assert!(
                start.elapsed() < WAIT,
                "minqing did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
