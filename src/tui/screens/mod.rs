//! The screens behind the tabs. Only 今日 exists in this slice; the others are drawn by
//! `ui.rs` as a one-line note until their screens land here (next engineer: replace them).
//! Also the layers opened over them: the visit form, the item registration form and the
//! visit detail.

pub mod diary;
mod diary_draw;
pub mod households;
mod households_draw;
pub mod item_form;
pub mod item_new;
pub mod item_strings;
pub mod ledger;
mod ledger_draw;
pub mod ledger_strings;
pub mod lists_strings;
pub mod pickers;
pub mod today;
mod today_draw;
pub mod visit_detail;
mod visit_detail_draw;
pub mod visit_form;
mod visit_save;
pub mod visit_strings;
