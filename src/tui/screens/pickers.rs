//! What the visit and item forms share: household and cadre suggestions with their labels,
//! picks kept in drafts, the prefix of new item numbers and the time stamped on new records.

use chrono::{Local, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::mask::mask_phone;
use crate::domain::{Cadre, Group, Household, HouseholdId, Township, Village, VillageId};
use crate::store::query::HouseholdRow;
use crate::store::{Identity, Page, Store, StoreError};
use crate::tui::form::{MAX_SUGGESTIONS, Picked};

/// A record's time stamp: the app's "today" (tests and the demo pretend a day) at the
/// wall-clock time.
pub fn now(today: NaiveDate) -> NaiveDateTime {
    today.and_time(Local::now().time())
}

/// A household as a suggestion and a pick: "王凯  白虎村三组  138****5678" (the phone masked,
/// since the picker is seen by whoever stands next to the cadre).
pub fn household_label(
    head: &str,
    village: &str,
    group: Option<&str>,
    phone: Option<&str>,
) -> String {
    let mut s = format!("{head}  {village}{}", group.unwrap_or(""));
    if let Some(p) = phone.filter(|p| !p.trim().is_empty()) {
        s.push_str("  ");
        s.push_str(&mask_phone(p));
    }
    s
}

fn row_pick(r: &HouseholdRow) -> Picked {
    Picked::new(
        r.id.to_string(),
        household_label(
            &r.head_name,
            &r.village,
            r.group.as_deref(),
            r.phone.as_deref(),
        ),
    )
}

/// Suggestions for a household query; an empty query suggests nothing.
pub fn household_suggestions(store: &Store, query: &str) -> Result<Vec<Picked>, StoreError> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let page = Page::first(MAX_SUGGESTIONS as u64);
    Ok(store
        .pick_households(query, None, page)?
        .rows
        .iter()
        .map(row_pick)
        .collect())
}

/// The pick of one household by id (a visit opened from a household), `None` if unknown.
pub fn household_pick(store: &Store, id: HouseholdId) -> Result<Option<Picked>, StoreError> {
    let Some(h) = store.get::<Household>(id)? else {
        return Ok(None);
    };
    let village = store.get::<Village>(h.village_id)?.map(|v| v.name);
    let group = match h.group_id {
        Some(g) => store.get::<Group>(g)?.map(|g| g.name),
        None => None,
    };
    let label = household_label(
        &h.head_name,
        village.as_deref().unwrap_or(""),
        group.as_deref(),
        h.phone.as_deref(),
    );
    Ok(Some(Picked::new(id.to_string(), label)))
}

/// A cadre as a suggestion and a pick: "汪晓艳  镇党政办".
pub fn cadre_label(name: &str, unit: Option<&str>) -> String {
    match unit.filter(|u| !u.trim().is_empty()) {
        Some(u) => format!("{name}  {u}"),
        None => name.to_owned(),
    }
}

/// Suggestions for a cadre query; an empty query suggests nothing.
pub fn cadre_suggestions(store: &Store, query: &str) -> Result<Vec<Picked>, StoreError> {
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    Ok(store
        .pick_cadres(query, MAX_SUGGESTIONS)?
        .into_iter()
        .map(|c| Picked::new(c.id.to_string(), cadre_label(&c.name, c.unit.as_deref())))
        .collect())
}

/// This device's cadre as a pick (the default of 参加干部).
pub fn me_pick(store: &Store, me: Option<&Identity>) -> Result<Option<Picked>, StoreError> {
    let Some(me) = me else { return Ok(None) };
    let unit = store.get::<Cadre>(me.cadre_id)?.and_then(|c| c.unit);
    Ok(Some(Picked::new(
        me.cadre_id.to_string(),
        cadre_label(&me.name, unit.as_deref()),
    )))
}

/// The prefix of a new item's number (两河 in 两河-2026-0042): the township of the item's
/// village, else this device's township, else the only township there is.
pub fn number_prefix(
    store: &Store,
    village: Option<VillageId>,
    me: Option<&Identity>,
) -> Result<String, StoreError> {
    let mut township = match village {
        Some(v) => store.get::<Village>(v)?.map(|v| v.township_id),
        None => None,
    };
    if township.is_none() {
        township = me.map(|m| m.township_id);
    }
    if let Some(t) = township
        && let Some(t) = store.get::<Township>(t)?
    {
        return Ok(t.short_name);
    }
    let all = store.townships()?;
    Ok(match all.as_slice() {
        [(_, t)] => t.short_name.clone(),
        _ => "MQ".to_owned(),
    })
}

/// A pick as a draft keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPick {
    pub id: String,
    pub label: String,
}

pub fn save_picks(p: &[Picked]) -> Vec<SavedPick> {
    p.iter()
        .map(|c| SavedPick {
            id: c.code.clone(),
            label: c.label.clone(),
        })
        .collect()
}

pub fn load_picks(p: &[SavedPick]) -> Vec<Picked> {
    p.iter()
        .map(|s| Picked::new(s.id.clone(), s.label.clone()))
        .collect()
}

/// The ids of picks that parse as `I` (a pick always holds an id we wrote).
pub fn pick_ids<I: std::str::FromStr>(p: &[Picked]) -> Vec<I> {
    p.iter().filter_map(|c| c.code.parse().ok()).collect()
}
