//! The demo township: realistic, deterministic data written through the operation log.

mod generate;
mod items;
mod people;
mod situation;
mod village;
pub mod vocab;

pub use generate::{DemoParams, DemoSummary, generate};
