//! Widgets shared by the screens and forms.
pub mod input;
pub mod search;
