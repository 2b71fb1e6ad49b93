-- 0005: indexes for the 统计 dashboard (tab 7), so that its figures for a whole county are
-- aggregates over small covering indexes instead of scans of the big tables (measured at county
-- scale in docs/PERFORMANCE.md, "Dashboard"). Only live rows are indexed: every dashboard query
-- says `deleted = 0`. Local derived data only: nothing here is replicated.

-- The period's visits with the households they list: coverage and household-visits read the
-- index alone (date range, then the JSON list), never the visits' text.
CREATE INDEX visits_dashboard ON visits(date, household_ids) WHERE deleted = 0;

-- Households per (village, assigned cadre), counted in index order; and a household's village
-- and cadre by its id for each household visited.
CREATE INDEX households_dashboard ON households(village_id, cadre_id) WHERE deleted = 0;
CREATE INDEX households_dashboard_id ON households(id, village_id, cadre_id) WHERE deleted = 0;

-- Every item figure (per village, registrar and 责任人, which give the responsible cadre) from
-- one covering index; with a village filter, one range of it.
CREATE INDEX items_dashboard ON items(
    village_id, registered_by, responsible_person, status, due_date, registered_at, closed_at,
    ledger, category) WHERE deleted = 0;

-- The open items registered longest ago, in order, without sorting the ledgers.
CREATE INDEX items_open_age ON items(registered_at, number) WHERE deleted = 0 AND status <> 'closed';

-- Return visits by day, with their satisfaction.
CREATE INDEX progress_return_visits ON progress(at, item_id, satisfaction)
    WHERE kind = 'return_visit' AND deleted = 0;
