//! The screens behind the tabs and the layers opened over them.

pub mod conflicts;
mod conflicts_draw;
pub mod conflicts_strings;
pub mod diary;
mod diary_draw;
pub mod households;
mod households_draw;
pub mod ledger;
mod ledger_draw;
pub mod ledger_strings;
pub mod lists_strings;
pub mod overview;
pub mod today;
mod today_draw;
