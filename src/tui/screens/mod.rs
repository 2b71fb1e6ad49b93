//! The screens behind the tabs and the layers opened over them (details, forms, the conflict
//! review).

pub mod conflicts;
mod conflicts_draw;
pub mod conflicts_strings;
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
pub mod item_form;
pub mod item_form_strings;
pub mod item_new;
pub mod ledger;
mod ledger_draw;
pub mod ledger_strings;
pub mod lists_strings;
pub mod member_form;
pub mod overview;
pub mod pickers;
pub mod today;
mod today_draw;
pub mod visit_detail;
mod visit_detail_draw;
pub mod visit_form;
mod visit_save;
pub mod visit_strings;
