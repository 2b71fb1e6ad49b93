//! Pure domain types, validation, workflow and the working-day calendar; no I/O.
pub mod calendar;
pub mod card;
pub mod catalog;
pub mod deadline;
pub mod hlc;
pub mod id_number;
pub mod ids;
pub mod initials;
pub mod ledger;
pub mod mask;
pub mod model;
pub mod op;
pub mod period;
pub mod record;
pub mod seal;
pub mod validate;
pub mod workflow;

pub use hlc::Hlc;
pub use ids::*;
pub use ledger::{ItemStatus, Ledger};
pub use model::*;
pub use op::{DELETED_FIELD, EntityKind, Op, OpId, OpKind};
pub use record::Record;
pub use workflow::{Action, ActionKind, ItemState, WorkflowError};
