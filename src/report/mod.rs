//! Reports and interop (SPEC §8): ledgers brought in from Excel/WPS/CSV (`minqing ingest`).
pub mod ingest;
pub mod ingest_events;
pub mod ingest_headers;
pub mod ingest_place;
pub mod ingest_plan;
pub mod ingest_read;
pub mod ingest_row;
pub mod ingest_strings;
pub mod ingest_summary;
pub mod ingest_values;
pub mod ingest_write;
