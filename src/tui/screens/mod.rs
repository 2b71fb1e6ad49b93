//! The screens behind the tabs. Only 今日 exists in this slice; the others are drawn by
//! `ui.rs` as a one-line note until their screens land here (next engineer: replace them).

pub mod diary;
mod diary_draw;
pub mod household_detail;
mod household_detail_draw;
mod household_detail_keys;
mod household_fields;
pub mod household_form;
mod household_members_draw;
pub mod household_strings;
pub mod households;
mod households_draw;
pub mod ledger;
mod ledger_draw;
pub mod ledger_strings;
pub mod lists_strings;
pub mod member_form;
pub mod today;
mod today_draw;
