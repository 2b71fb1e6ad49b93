//! The screens behind the tabs. Only 今日 exists in this slice; the others are drawn by
//! `ui.rs` as a one-line note until their screens land here (next engineer: replace them).

pub mod today;
mod today_draw;
