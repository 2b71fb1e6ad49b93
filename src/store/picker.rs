//! The pickers of the visit form: find a household by the head's name, pinyin initials
//! (`wk` → 王凯), the last digits of a phone, or the village, as a cadre types; and the cadres
//! present by name or initials.

use rusqlite::types::Value as Sql;

use super::query::{HOUSEHOLD_SELECT, HouseholdRow, Page, Paged, household_row, paged};
use super::{Store, StoreError};
use crate::domain::initials::{initials, looks_like_initials};
use crate::domain::validate::normalize_text;
use crate::domain::{CadreId, VillageId};

/// Shortest digit run taken as a phone tail; shorter ones (a house number) match the address.
const PHONE_TAIL_MIN: usize = 3;

impl Store {
    /// Households matching every whitespace-separated term of `query`, optionally within one
    /// village, by village and name. A term of ASCII letters is a prefix of the head's pinyin
    /// initials; a run of 3+ digits is the end of the phone; anything else appears in the
    /// head's name, the village's name or the address. An empty query lists the households.
    pub fn pick_households(
        &self,
        query: &str,
        village: Option<VillageId>,
        page: Page,
    ) -> Result<Paged<HouseholdRow>, StoreError> {
        let mut sql = format!("{HOUSEHOLD_SELECT} WHERE h.deleted = 0");
        let mut args = Vec::new();
        if let Some(v) = village {
            sql.push_str(" AND h.village_id = ?");
            args.push(Sql::Text(v.to_string()));
        }
        for term in normalize_text(query).split_whitespace() {
            if looks_like_initials(term) {
                // A prefix range on the initials index: "wk" ≤ x < "wk{" ('{' follows 'z').
                let lower = term.to_ascii_lowercase();
                sql.push_str(" AND h.initials >= ? AND h.initials < ?");
                args.push(Sql::Text(lower.clone()));
                args.push(Sql::Text(format!("{lower}{{")));
            } else if term.len() >= PHONE_TAIL_MIN && term.chars().all(|c| c.is_ascii_digit()) {
                sql.push_str(" AND h.phone LIKE ?");
                args.push(Sql::Text(format!("%{term}")));
            } else {
                sql.push_str(
                    " AND (instr(h.head_name, ?) > 0 OR instr(v.name, ?) > 0
                      OR instr(coalesce(h.address, ''), ?) > 0)",
                );
                args.extend((0..3).map(|_| Sql::Text(term.to_string())));
            }
        }
        // Initials first: close to the pinyin order a cadre expects (UTF-8 order is not).
        sql.push_str(" ORDER BY v.name, h.initials, h.head_name, h.id");
        paged(self, &sql, args, page, household_row)
    }
}

/// One cadre as the visit form's 参加干部 picker offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct CadreRow {
    pub id: CadreId,
    pub name: String,
    pub unit: Option<String>,
}

impl Store {
    /// Cadres matching every whitespace-separated term of `query`, by name: a term of ASCII
    /// letters is a prefix of the name's pinyin initials (`wxy` → 汪晓艳), anything else appears
    /// in the name or the unit. At most `limit` rows. A township has tens of cadres, so the
    /// initials are computed here rather than stored.
    pub fn pick_cadres(&self, query: &str, limit: usize) -> Result<Vec<CadreRow>, StoreError> {
        let mut sql = String::from("SELECT id, name, unit FROM cadres WHERE deleted = 0");
        let mut args = Vec::new();
        let mut prefixes = Vec::new();
        for term in normalize_text(query).split_whitespace() {
            if looks_like_initials(term) {
                prefixes.push(term.to_ascii_lowercase());
            } else {
                sql.push_str(" AND (instr(name, ?) > 0 OR instr(coalesce(unit, ''), ?) > 0)");
                args.extend((0..2).map(|_| Sql::Text(term.to_string())));
            }
        }
        sql.push_str(" ORDER BY name, id");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        let mut out = Vec::new();
        while out.len() < limit
            && let Some(r) = rows.next()?
        {
            let name: String = r.get(1)?;
            let ini = initials(&name);
            if !prefixes.iter().all(|p| ini.starts_with(p.as_str())) {
                continue;
            }
            let id: String = r.get(0)?;
            let Ok(id) = id.parse() else { continue };
            out.push(CadreRow {
                id,
                name,
                unit: r.get(2)?,
            });
        }
        Ok(out)
    }
}
