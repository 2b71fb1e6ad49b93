//! The screens behind the tabs. Only 今日 exists in this slice; the others are drawn by
//! `ui.rs` as a one-line note until their screens land here (next engineer: replace them).

pub mod diary;
mod diary_draw;
pub mod households;
mod households_draw;
mod item_action_save;
pub mod item_actions;
pub mod item_detail;
mod item_detail_draw;
mod item_detail_fields;
pub mod item_edit;
mod item_edit_apply;
pub mod item_strings;
pub mod ledger;
mod ledger_draw;
pub mod ledger_strings;
pub mod lists_strings;
pub mod today;
mod today_draw;
pub mod wrap;
