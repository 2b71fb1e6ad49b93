//! minqing: the library behind the `minqing` binary (domain, store, demo data, CLI).
pub mod cli;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod report;
pub mod store;
pub mod sync;
pub mod tui;
