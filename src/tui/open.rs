//! What can be opened on top of the tabs (`Target`), how each is built, and how a saved
//! draft is turned back into its form after a crash. The one place that knows every layer.

use crate::domain::{CadreId, HouseholdId, ItemId, Ledger, VillageId, VisitId};
use crate::store::StoreError;
use crate::store::local::Draft;
use crate::tui::layer::{Ctx, Layer};
use crate::tui::screens::conflicts::{self, ConflictsLayer};
use crate::tui::screens::household_detail;
use crate::tui::screens::household_form::{self, HouseholdForm};
use crate::tui::screens::item_detail::ItemDetail;
use crate::tui::screens::item_new::{self, NewItem};
use crate::tui::screens::ledger_layer::LedgerList;
use crate::tui::screens::member_form::{self, MemberForm};
use crate::tui::screens::review::ReviewLayer;
use crate::tui::screens::visit_detail::VisitDetail;
use crate::tui::screens::visit_form::{self, VisitForm};
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
    /// The review queue (核验) of the office and the county, with the override-close audit.
    Review,
    /// The ledger list narrowed to a village's and/or a cadre's items (the dashboard's Enter).
    Items {
        village: Option<VillageId>,
        cadre: Option<CadreId>,
    },
}

/// Builds the layer for `t`; `Ok(None)` when the record no longer exists.
pub fn open(ctx: &mut Ctx<'_>, t: Target) -> Result<Option<Box<dyn Layer>>, StoreError> {
    Ok(match t {
        Target::Conflicts(scope) => Some(Box::new(ConflictsLayer::open(ctx, scope)?)),
        Target::NewVisit(h) => Some(Box::new(VisitForm::open(ctx, h)?)),
        Target::Visit(id) => boxed(VisitDetail::open(ctx, id)?),
        Target::NewItem(ledger) => Some(Box::new(NewItem::open(ctx, ledger)?)),
        Target::Household(id) => household_detail::open(ctx, id)?,
        Target::NewHousehold => Some(Box::new(HouseholdForm::new_household(ctx)?)),
        Target::Item(id) => boxed(ItemDetail::load(ctx, id)?),
        Target::Review => Some(Box::new(ReviewLayer::open(ctx)?)),
        Target::Items { village, cadre } => boxed(LedgerList::open(ctx, village, cadre)?),
    })
}

/// Reopens the form a draft was saved from, with what was typed; `Ok(None)` if the draft's
/// kind is unknown or its record is gone (the draft is then offered for discarding only).
pub fn restore(ctx: &mut Ctx<'_>, d: &Draft) -> Result<Option<Box<dyn Layer>>, StoreError> {
    Ok(match d.kind.as_str() {
        "conflict_merge" => conflicts::restore(ctx, d)?,
        visit_form::DRAFT_KIND => boxed(VisitForm::restore(ctx, &d.body)),
        item_new::DRAFT_KIND => boxed(NewItem::restore(ctx, &d.body)?),
        household_form::KIND_NEW | household_form::KIND_EDIT => {
            boxed(HouseholdForm::restore(ctx, d)?)
        }
        member_form::KIND_NEW | member_form::KIND_EDIT => boxed(MemberForm::restore(ctx, d)?),
        k if k.starts_with("action:") => item_actions::restore(ctx, d)?,
        "item_edit" => item_edit::restore(ctx, d)?,
        _ => None,
    })
}

fn boxed<L: Layer + 'static>(l: Option<L>) -> Option<Box<dyn Layer>> {
    l.map(|l| Box::new(l) as Box<dyn Layer>)
}
