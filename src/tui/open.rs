//! What can be opened on top of the tabs (`Target`), how each is built, and how a saved
//! draft is turned back into its form after a crash. The one place that knows every layer.

use crate::domain::{HouseholdId, ItemId, Ledger, VisitId};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::layer::{Ctx, Layer};
use crate::tui::screens::item_detail::ItemDetail;
use crate::tui::screens::{item_actions, item_edit};

/// Something the user asked to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An item's detail: fields, timeline, workflow actions.
    Item(ItemId),
    /// A household's detail: members, visits, items.
    Household(HouseholdId),
    /// One visit as recorded.
    Visit(VisitId),
    /// The visit form, empty (or for one household).
    NewVisit(Option<HouseholdId>),
    /// The household form, empty.
    NewHousehold,
    /// Registering an item outside a visit (来访, 12345转办…).
    NewItem(Ledger),
    /// The conflicts of one record (its entity id), or all of them: pick a value or merge.
    Conflicts(Option<uuid::Uuid>),
}

/// Builds the layer for `t`; `Ok(None)` when the record no longer exists.
pub fn open(ctx: &mut Ctx<'_>, t: Target) -> Result<Option<Box<dyn Layer>>, StoreError> {
    match t {
        Target::Item(id) => Ok(ItemDetail::load(ctx, id)?.map(|d| Box::new(d) as Box<dyn Layer>)),
        _ => Ok(None),
    }
}

/// Reopens the form a draft was saved from, with what was typed; `Ok(None)` if the draft's
/// kind is unknown or its record is gone (the draft is then offered for discarding only).
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    match d.kind.as_str() {
        k if k.starts_with("action:") => item_actions::restore(ctx, d),
        "item_edit" => item_edit::restore(ctx, d),
        _ => Ok(None),
    }
}
