//! One cadre-month of new work for the sync benchmark ([`super::sync`]), written on a device
//! that holds a township: copies of its newest visits and of the items they raised.

use std::collections::HashMap;

use chrono::Datelike;
use minqing::domain::{Action, Item, ItemId, Progress, ProgressId, Visit, VisitId};
use minqing::store::query::ItemFilter;
use minqing::store::{Page, Store};

/// A cadre-month (SPEC §9): about 500 visits, 100 of the items they raise.
const MONTH_VISITS: usize = 500;
const MONTH_ITEMS: usize = 100;

/// What the cadre-month holds.
pub(super) struct Month {
    pub(super) visits: u64,
    pub(super) items: u64,
    pub(super) progress: u64,
    pub(super) ops: u64,
}

/// Items by the visit that raised them.
fn items_by_visit(store: &Store) -> HashMap<VisitId, Vec<(ItemId, Item)>> {
    let mut raised: HashMap<VisitId, Vec<(ItemId, Item)>> = HashMap::new();
    let mut page = Page::first(500);
    loop {
        let p = store.items(&ItemFilter::default(), page).expect("items");
        for row in &p.rows {
            let item = store.get::<Item>(row.id).expect("read").expect("item");
            if let Some(v) = item.source_visit_id {
                raised.entry(v).or_default().push((row.id, item));
            }
        }
        if !p.more {
            return raised;
        }
        page.offset += page.limit;
    }
}

/// Writes one cadre-month on `store` under its own replica id: copies (new ids, same text,
/// households and cadres) of the newest visits in the diary that raised [`MONTH_ITEMS`] items,
/// those items registered again (new numbers) with their progress replayed, and of the newest
/// visits that raised nothing, [`MONTH_VISITS`] − [`MONTH_ITEMS`] of them (so about
/// [`MONTH_VISITS`] visits, a visit raising one item as a rule).
pub(super) fn write_month(store: &mut Store) -> Month {
    let mut raised = items_by_visit(store);
    let mut chosen = Vec::new();
    let (mut items, mut plain) = (0, 0);
    let mut page = Page::first(500);
    'diary: loop {
        let p = store.visits(page).expect("diary");
        for row in &p.rows {
            let n = raised.get(&row.id).map_or(0, Vec::len);
            if (n > 0 && items + n <= MONTH_ITEMS) || (n == 0 && plain < MONTH_VISITS - MONTH_ITEMS)
            {
                items += n;
                plain += usize::from(n == 0);
                chosen.push(row.id);
            }
            if items == MONTH_ITEMS && plain == MONTH_VISITS - MONTH_ITEMS {
                break 'diary;
            }
        }
        if !p.more {
            break;
        }
        page.offset += page.limit;
    }
    type Work = (Visit, Vec<(Item, Vec<Progress>)>);
    let work: Vec<Work> = chosen
        .iter()
        .map(|vid| {
            let visit = store.get::<Visit>(*vid).expect("read").expect("visit");
            let items = raised
                .remove(vid)
                .unwrap_or_default()
                .into_iter()
                .map(|(id, item)| (item, store.progress_of(id).expect("progress")))
                .collect();
            (visit, items)
        })
        .collect();
    let own = |s: &Store| {
        s.version_vector()
            .expect("version vector")
            .get(&s.replica_id())
            .copied()
            .unwrap_or(0)
    };
    let before = own(store);
    let mut month = Month {
        visits: work.len() as u64,
        items: 0,
        progress: 0,
        ops: 0,
    };
    store
        .write(|w| {
            for (visit, items) in &work {
                let vid = VisitId::new();
                w.insert(vid, visit)?;
                for (item, events) in items {
                    let Some(reg) = events.first() else { continue };
                    let mut item = item.clone();
                    let prefix = item.number.rsplitn(3, '-').nth(2).unwrap_or("新");
                    item.number = w.next_item_number(prefix, item.registered_at.year())?;
                    item.source_visit_id = Some(vid);
                    let iid = ItemId::new();
                    w.register_item(iid, ProgressId::new(), &item, reg.by, &reg.by_name)?;
                    month.items += 1;
                    month.progress += 1;
                    for ev in events.iter().filter(|e| e.action != Action::Register) {
                        let ev = Progress {
                            item_id: iid,
                            ..ev.clone()
                        };
                        w.add_progress(ProgressId::new(), &ev)?;
                        month.progress += 1;
                    }
                }
            }
            Ok(())
        })
        .expect("write the month");
    month.ops = own(store) - before;
    month
}
