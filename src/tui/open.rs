//! What can be opened on top of the tabs (`Target`), how each is built, and how a saved
//! draft is turned back into its form after a crash. The one place that knows every layer.

use crate::domain::{HouseholdId, ItemId, Ledger, VisitId};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::layer::{Ctx, Layer};
use crate::tui::screens::conflicts::{self, ConflictsLayer};
use crate::tui::screens::item_new::{self, NewItem};
use crate::tui::screens::visit_detail::VisitDetail;
use crate::tui::screens::visit_form::{self, VisitForm};

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
    Ok(match t {
        Target::Conflicts(scope) => Some(Box::new(ConflictsLayer::open(ctx, scope)?)),
        Target::NewVisit(h) => Some(Box::new(VisitForm::open(ctx, h)?)),
        Target::Visit(id) => VisitDetail::open(ctx, id)?.map(|d| Box::new(d) as Box<dyn Layer>),
        Target::NewItem(ledger) => Some(Box::new(NewItem::open(ctx, ledger)?)),
        _ => None,
    })
}

/// Reopens the form a draft was saved from, with what was typed; `Ok(None)` if the draft's
/// kind is unknown or its record is gone (the draft is then offered for discarding only).
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    Ok(match d.kind.as_str() {
        "conflict_merge" => conflicts::restore(ctx, d)?,
        visit_form::DRAFT_KIND => {
            VisitForm::restore(ctx, &d.body).map(|v| Box::new(v) as Box<dyn Layer>)
        }
        item_new::DRAFT_KIND => {
            NewItem::restore(ctx, &d.body)?.map(|v| Box::new(v) as Box<dyn Layer>)
        }
        _ => None,
    })
}
