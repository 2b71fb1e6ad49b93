//! The demo township: realistic, deterministic data written through the operation log.

mod generate;
mod items;
mod people;
pub mod vocab;

pub use generate::{DemoParams, DemoSummary, generate};
