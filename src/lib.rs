//! minqing: the library behind the `minqing` binary (domain, store, demo data, CLI).
pub mod domain;
pub mod i18n;
pub mod store;
