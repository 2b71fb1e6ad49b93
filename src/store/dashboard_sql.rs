//! The dashboard's SQL: every figure is an aggregate (`count`, `sum`, `GROUP BY`) over the
//! covering indexes of migration 0005, grouped by village and by what makes the cadre (a
//! household's assigned cadre; an item's registrar and 责任人, which `dashboard.rs` turns into
//! its responsible cadre). Definitions of each figure are in docs/REPORTS.md ("统计口径").
//!
//! Every query takes the same arguments: `?1` = the period's first day, `?2` = the day after
//! its last (dates and datetimes of the period are `>= ?1 AND < ?2`), `?3` = today, `?4` = the
//! village (only in the village variant, which adds its clause so that the village's index
//! range is read instead of the whole table).

/// ` AND <col> = ?4` when the dashboard shows one village.
fn of_village(col: &str, village: bool) -> String {
    if village {
        format!(" AND {col} = ?4")
    } else {
        String::new()
    }
}

/// Live households per (village, cadre).
pub fn households(village: bool) -> String {
    format!(
        "SELECT village_id, cadre_id, count(*) FROM households WHERE deleted = 0{}
        GROUP BY 1, 2",
        of_village("village_id", village)
    )
}

/// Households visited in the period and their household-visits (户次), per the household's
/// (village, cadre), for one village (`?4`): its few hundred households are looked up, each
/// with its visits (index lookups, whatever the period's length). For all villages
/// `dashboard_visited.rs` reads the visit summary with the queries below instead.
pub const VISITED_IN_VILLAGE: &str = "SELECT village_id, cadre_id, count(*), sum(n) FROM (
        SELECT h.village_id, h.cadre_id, (SELECT count(*) FROM visit_households vh
            JOIN visits v ON v.id = vh.visit_id
            WHERE vh.household_id = h.id AND v.date >= ?1 AND v.date < ?2
                AND v.deleted = 0) AS n
        FROM households h WHERE h.village_id = ?4 AND h.deleted = 0)
    WHERE n > 0 GROUP BY 1, 2";

/// Every (village, cadre) pair the summary counts by, numbered (`dashboard_cells`, 0006).
pub const DASHBOARD_CELLS: &str = "SELECT cell, village_id, cadre_id FROM dashboard_cells";

/// Summary rows per year from `?1` to `?2`, to read the year with most of them first.
pub const SUMMARY_YEARS: &str = "SELECT year, count(*) FROM visit_summary
    WHERE year >= ?1 AND year <= ?2 AND cell IS NOT NULL GROUP BY year";

/// Whole months of one year: (year, first month, last month).
pub type Months = (i32, u32, u32);

/// Visits in the months `m` of the summary row `row`: `c_b - c_(a-1)`, as `ck` counts
/// January to month k.
fn in_months(row: &str, (_, a, b): Months) -> String {
    if a <= 1 {
        format!("{row}.c{b}")
    } else {
        format!("({row}.c{b} - {row}.c{})", a - 1)
    }
}

/// The years of `years` as an SQL list (`2025, 2026`), and the `WHEN <year> THEN <visits in its
/// months>` arms of a `CASE <row>.year` over the summary row `row`.
fn by_year(row: &str, years: &[Months]) -> (String, String) {
    let list: Vec<String> = years.iter().map(|(y, ..)| y.to_string()).collect();
    let cases: Vec<String> = years
        .iter()
        .map(|m| format!("WHEN {} THEN {}", m.0, in_months(row, *m)))
        .collect();
    (list.join(", "), cases.join(" "))
}

/// Whether the household `hid` has no visit in the whole months of `years` (each year its
/// own months), looked up by the summary's key: true when `years` is empty.
fn unseen(hid: &str, years: &[Months]) -> String {
    if years.is_empty() {
        return "1".into();
    }
    let (list, cases) = by_year("o", years);
    format!(
        "NOT EXISTS (SELECT 1 FROM visit_summary o WHERE o.household_id = {hid}
            AND o.year IN ({list}) AND (CASE o.year {cases} END) > 0)"
    )
}

/// Households visited and household-visits in the whole months `m` of one year, per cell, one
/// summary row per household in index order; a household already counted in the years
/// `counted` (read before) is looked up there and not counted again.
pub fn visited_months(m: Months, counted: &[Months]) -> String {
    let n = in_months("s", m);
    format!(
        "SELECT s.cell, sum(CASE WHEN {n} > 0 THEN {} ELSE 0 END), sum({n})
        FROM visit_summary s INDEXED BY visit_summary_dashboard
        WHERE s.year = {} AND s.cell IS NOT NULL GROUP BY s.cell",
        unseen("s.household_id", counted),
        m.0
    )
}

/// The visits the whole-month queries miss or count too many (`?1`..`?4`: two ranges of days
/// to add; `?5`..`?8`: two ranges to take away), per cell: the change in households visited
/// and in household-visits. For each household with such visits, `a` is the visits added, `r`
/// those taken away and `t` what the months `years` counted: from its summary row of the year
/// of the first of those visits (which it has, as that visit is live and of that year, and
/// which also gives its cell), plus its rows of the other years, looked up by key. It was
/// counted once if `t > 0`, and is visited if `t + a - r > 0`.
pub fn visited_edges(years: &[Months]) -> String {
    let own = if years.is_empty() {
        "0".to_string()
    } else {
        format!("(CASE s.year {} ELSE 0 END)", by_year("s", years).1)
    };
    let others = if years.len() < 2 {
        String::new()
    } else {
        let (list, cases) = by_year("o", years);
        format!(
            " + (SELECT total(CASE o.year {cases} END) FROM visit_summary o
                WHERE o.household_id = e.hid AND o.year IN ({list}) AND o.year <> e.y)"
        )
    };
    let range = |add: u8, from: u8| {
        format!(
            "SELECT date, household_ids, {add} AS plus FROM visits
            WHERE deleted = 0 AND date >= ?{from} AND date < ?{}",
            from + 1
        )
    };
    format!(
        "WITH edge(hid, y, a, r) AS MATERIALIZED (
            SELECT j.value, CAST(substr(min(v.date), 1, 4) AS INTEGER), sum(v.plus),
                sum(1 - v.plus)
            FROM ({} UNION ALL {} UNION ALL {} UNION ALL {}) v, json_each(v.household_ids) j
            GROUP BY 1),
        counted(cell, a, r, t) AS MATERIALIZED (
            SELECT s.cell, e.a, e.r, {own}{others} FROM edge e
            CROSS JOIN visit_summary s ON s.household_id = e.hid AND s.year = e.y
            WHERE s.cell IS NOT NULL)
        SELECT cell, sum((t + a - r > 0) - (t > 0)), sum(a - r) FROM counted GROUP BY cell",
        range(1, 1),
        range(1, 3),
        range(0, 5),
        range(0, 7)
    )
}

/// Visit records in the period (every kind, with or without households).
pub fn visit_records(village: bool) -> String {
    format!(
        "SELECT count(*) FROM visits WHERE date >= ?1 AND date < ?2 AND deleted = 0{}",
        of_village("village_id", village)
    )
}

/// Item counts per (village, registrar, 责任人): registered in the period, of those closed
/// now, open now, overdue now (open with a deadline before today), closed in the period.
pub fn items(village: bool) -> String {
    format!(
        "SELECT village_id, registered_by, responsible_person,
            sum(registered_at >= ?1 AND registered_at < ?2),
            sum(registered_at >= ?1 AND registered_at < ?2 AND status = 'closed'),
            sum(status <> 'closed'),
            sum(status <> 'closed' AND due_date < ?3),
            sum(status = 'closed' AND closed_at >= ?1 AND closed_at < ?2)
        FROM items INDEXED BY items_dashboard WHERE deleted = 0{} GROUP BY 1, 2, 3",
        of_village("village_id", village)
    )
}

/// (village, registrar, 责任人, registered day, closed day) of each item closed in the period:
/// only these pairs are read, for the median of working days (the calendar lives in Rust).
pub fn close_days(village: bool) -> String {
    format!(
        "SELECT village_id, registered_by, responsible_person,
            substr(registered_at, 1, 10), substr(closed_at, 1, 10)
        FROM items INDEXED BY items_dashboard
        WHERE deleted = 0 AND status = 'closed' AND closed_at >= ?1 AND closed_at < ?2{}",
        of_village("village_id", village)
    )
}

/// Return visits (回访 events) in the period per (village, registrar, 责任人) of their item:
/// how many, and how many 满意 or 基本满意. For all villages the period's return visits come
/// from `progress_return_visits`, are counted per item and their items looked up once each, in
/// id order, in `items_dashboard_id`; for one village its items' timelines are read.
pub fn return_visits(village: bool) -> &'static str {
    if village {
        "SELECT i.village_id, i.registered_by, i.responsible_person, count(*),
            sum(p.satisfaction IN ('satisfied', 'basically'))
        FROM items i JOIN progress p ON p.item_id = i.id
        WHERE i.village_id = ?4 AND i.deleted = 0 AND p.kind = 'return_visit'
            AND p.deleted = 0 AND p.at >= ?1 AND p.at < ?2
        GROUP BY 1, 2, 3"
    } else {
        "WITH rv(item, n, ok) AS MATERIALIZED (
            SELECT item_id, count(*), sum(satisfaction IN ('satisfied', 'basically'))
            FROM progress INDEXED BY progress_return_visits
            WHERE kind = 'return_visit' AND deleted = 0 AND at >= ?1 AND at < ?2
            GROUP BY item_id)
        SELECT i.village_id, i.registered_by, i.responsible_person, sum(rv.n), sum(rv.ok)
        FROM rv JOIN items i INDEXED BY items_dashboard_id ON i.id = rv.item WHERE i.deleted = 0
        GROUP BY 1, 2, 3"
    }
}

/// The items behind the charts, one row each, in one pass over the items index: those
/// registered in the period (`?1`..`?2`) and those registered or closed in the trend's weeks
/// (`?5`..`?6`). Columns: ledger, category, registered in the period (0/1), registration day,
/// closed now (0/1), closing day. `dashboard_charts.rs` counts them (grouping here sorted
/// every row on four keys).
pub fn chart_items(village: bool) -> String {
    format!(
        "SELECT ledger, category, registered_at >= ?1 AND registered_at < ?2,
            substr(registered_at, 1, 10), status = 'closed', substr(closed_at, 1, 10)
        FROM items INDEXED BY items_dashboard
        WHERE deleted = 0{} AND (registered_at >= ?1 AND registered_at < ?2
            OR registered_at >= ?5 AND registered_at < ?6
            OR status = 'closed' AND closed_at >= ?5 AND closed_at < ?6)",
        of_village("village_id", village)
    )
}

/// The `limit` open items registered longest ago.
pub fn oldest_open(select: &str, village: bool, limit: usize) -> String {
    format!(
        "{select} WHERE i.deleted = 0 AND i.status <> 'closed'{}
        ORDER BY i.registered_at, i.number LIMIT {limit}",
        of_village("i.village_id", village)
    )
}

/// Live villages with their township's short name, township by township.
pub fn villages(village: bool) -> String {
    format!(
        "SELECT v.id, v.name, t.short_name FROM villages v
        LEFT JOIN townships t ON t.id = v.township_id
        WHERE v.deleted = 0{} ORDER BY t.name, v.name, v.id",
        of_village("v.id", village)
    )
}

/// Every cadre: id, name, township's short name, township id and whether deleted (a few
/// hundred at county scale).
pub const CADRES: &str = "SELECT c.id, c.name, t.short_name, c.township_id, c.deleted
    FROM cadres c LEFT JOIN townships t ON t.id = c.township_id";

/// Every village's township (deleted ones too: their items keep their cadre).
pub const VILLAGE_TOWNSHIPS: &str = "SELECT id, township_id FROM villages";

/// The ledger lists' cadre filter (`ItemFilter::cadre`): the items whose responsible cadre
/// (`dashboard::Attribution`) is the cadre `?` (all five placeholders take its id). Written per
/// item so the lists page through a ledger in index order; it must agree with the dashboard
/// item for item (a test compares the two): named as 责任人 and the first live cadre of that
/// name in its township, for an item of that township; or registered by it, with no 责任人
/// naming a live cadre of the item's township.
pub const CADRE_FILTER: &str = " AND ((i.responsible_person = (SELECT c.name FROM cadres c WHERE c.id = ?)
        AND i.village_id IN (SELECT v.id FROM villages v JOIN cadres c ON c.township_id = v.township_id
            WHERE c.id = ?)
        AND ? = (SELECT min(c2.id) FROM cadres c JOIN cadres c2 ON c2.township_id = c.township_id
            AND c2.name = c.name AND c2.deleted = 0 WHERE c.id = ?))
    OR (i.registered_by = ? AND NOT EXISTS (SELECT 1 FROM villages v
        JOIN cadres c ON c.township_id = v.township_id
        WHERE v.id = i.village_id AND c.name = i.responsible_person AND c.deleted = 0)))";
