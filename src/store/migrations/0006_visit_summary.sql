-- 0006: a per-household summary of visit dates for the 统计 dashboard's coverage (households
-- visited, household-visits), so that a whole year at county scale reads one small row per
-- household instead of every visit of the year, and an index for its return visits
-- (docs/PERFORMANCE.md, "Dashboard"). Local derived data only, kept by the triggers below on
-- every write, merge, delete and undelete; nothing here is replicated, and `minqing check`
-- compares the summary with a rebuild. Bulk writes (demo generation, check's replay) set the
-- triggers aside (their text kept under the meta key `visit_summary_paused`) and rebuild the
-- summary in one pass after; a store opened with the key still there (this migration, or a bulk
-- write cut short) puts them back and rebuilds it first (`store::visit_summary`).

-- An item's village, registrar and 责任人 by its id, for each item with return visits in the
-- period (the dashboard's satisfaction figures), without reading the items' text.
CREATE INDEX items_dashboard_id ON items(id, village_id, registered_by, responsible_person)
    WHERE deleted = 0;

-- Each live household's (village, assigned cadre) pair, numbered, so that the summary's index
-- holds a small integer instead of two ids: the dashboard groups by it and names it from here.
-- A pair no household has any more stays (harmless: it counts nothing).
CREATE TABLE dashboard_cells (
    cell       INTEGER PRIMARY KEY,
    village_id TEXT,
    cadre_id   TEXT
);
CREATE INDEX dashboard_cells_pair ON dashboard_cells(village_id, cadre_id);

-- One row per household and calendar year with live visits listing it: `ck` is how many of them
-- fall in January to month k (so months a..b hold c_b - c_(a-1), and c12 is the year's total).
-- `cell` is the household's pair while it is live and here; NULL otherwise (not counted). A
-- visit counts once for every time its household list names the household, as the dashboard's
-- query over the visits does.
CREATE TABLE visit_summary (
    household_id TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    cell         INTEGER,
    c1 INTEGER NOT NULL DEFAULT 0,
    c2 INTEGER NOT NULL DEFAULT 0,
    c3 INTEGER NOT NULL DEFAULT 0,
    c4 INTEGER NOT NULL DEFAULT 0,
    c5 INTEGER NOT NULL DEFAULT 0,
    c6 INTEGER NOT NULL DEFAULT 0,
    c7 INTEGER NOT NULL DEFAULT 0,
    c8 INTEGER NOT NULL DEFAULT 0,
    c9 INTEGER NOT NULL DEFAULT 0,
    c10 INTEGER NOT NULL DEFAULT 0,
    c11 INTEGER NOT NULL DEFAULT 0,
    c12 INTEGER NOT NULL DEFAULT 0,
    UNIQUE (household_id, year)
);
CREATE INDEX visit_summary_dashboard
    ON visit_summary(year, cell, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
    WHERE cell IS NOT NULL;

-- Filled by `store::visit_summary` when the store is next opened (this key says so, with no
-- trigger set aside), from the visits and households as they are: the rebuild that follows
-- bulk writes.
INSERT INTO meta (key, value) VALUES ('visit_summary_paused', '');

-- A visit's households, date and deletion: its old contribution out, its new one in.
CREATE TRIGGER visit_summary_visit_insert AFTER INSERT ON visits
BEGIN
    INSERT INTO visit_summary
    (household_id, year, cell, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
    SELECT j.value, CAST(substr(NEW.date, 1, 4) AS INTEGER),
        (SELECT dc.cell FROM households h JOIN dashboard_cells dc
            ON dc.village_id IS h.village_id AND dc.cadre_id IS h.cadre_id
            WHERE h.id = j.value AND h.deleted = 0),
        x.m <= 1,
        x.m <= 2,
        x.m <= 3,
        x.m <= 4,
        x.m <= 5,
        x.m <= 6,
        x.m <= 7,
        x.m <= 8,
        x.m <= 9,
        x.m <= 10,
        x.m <= 11,
        x.m <= 12
    FROM json_each(NEW.household_ids) j,
        (SELECT CAST(substr(NEW.date, 6, 2) AS INTEGER) AS m) x
    WHERE NEW.deleted = 0
    ON CONFLICT (household_id, year) DO UPDATE SET
        c1 = c1 + excluded.c1,
        c2 = c2 + excluded.c2,
        c3 = c3 + excluded.c3,
        c4 = c4 + excluded.c4,
        c5 = c5 + excluded.c5,
        c6 = c6 + excluded.c6,
        c7 = c7 + excluded.c7,
        c8 = c8 + excluded.c8,
        c9 = c9 + excluded.c9,
        c10 = c10 + excluded.c10,
        c11 = c11 + excluded.c11,
        c12 = c12 + excluded.c12;
END;

CREATE TRIGGER visit_summary_visit_update AFTER UPDATE OF date, household_ids, deleted ON visits
BEGIN
    UPDATE visit_summary SET
        c1 = c1 - d.n * (x.m <= 1),
        c2 = c2 - d.n * (x.m <= 2),
        c3 = c3 - d.n * (x.m <= 3),
        c4 = c4 - d.n * (x.m <= 4),
        c5 = c5 - d.n * (x.m <= 5),
        c6 = c6 - d.n * (x.m <= 6),
        c7 = c7 - d.n * (x.m <= 7),
        c8 = c8 - d.n * (x.m <= 8),
        c9 = c9 - d.n * (x.m <= 9),
        c10 = c10 - d.n * (x.m <= 10),
        c11 = c11 - d.n * (x.m <= 11),
        c12 = c12 - d.n * (x.m <= 12)
    FROM (SELECT value AS hid, count(*) AS n FROM json_each(OLD.household_ids) GROUP BY value) d,
        (SELECT CAST(substr(OLD.date, 6, 2) AS INTEGER) AS m) x
    WHERE OLD.deleted = 0 AND visit_summary.household_id = d.hid
        AND visit_summary.year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
    DELETE FROM visit_summary
    WHERE OLD.deleted = 0 AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND c12 <= 0
        AND household_id IN (SELECT value FROM json_each(OLD.household_ids));
    INSERT INTO visit_summary
    (household_id, year, cell, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12)
    SELECT j.value, CAST(substr(NEW.date, 1, 4) AS INTEGER),
        (SELECT dc.cell FROM households h JOIN dashboard_cells dc
            ON dc.village_id IS h.village_id AND dc.cadre_id IS h.cadre_id
            WHERE h.id = j.value AND h.deleted = 0),
        x.m <= 1,
        x.m <= 2,
        x.m <= 3,
        x.m <= 4,
        x.m <= 5,
        x.m <= 6,
        x.m <= 7,
        x.m <= 8,
        x.m <= 9,
        x.m <= 10,
        x.m <= 11,
        x.m <= 12
    FROM json_each(NEW.household_ids) j,
        (SELECT CAST(substr(NEW.date, 6, 2) AS INTEGER) AS m) x
    WHERE NEW.deleted = 0
    ON CONFLICT (household_id, year) DO UPDATE SET
        c1 = c1 + excluded.c1,
        c2 = c2 + excluded.c2,
        c3 = c3 + excluded.c3,
        c4 = c4 + excluded.c4,
        c5 = c5 + excluded.c5,
        c6 = c6 + excluded.c6,
        c7 = c7 + excluded.c7,
        c8 = c8 + excluded.c8,
        c9 = c9 + excluded.c9,
        c10 = c10 + excluded.c10,
        c11 = c11 + excluded.c11,
        c12 = c12 + excluded.c12;
END;

CREATE TRIGGER visit_summary_visit_delete AFTER DELETE ON visits
BEGIN
    UPDATE visit_summary SET
        c1 = c1 - d.n * (x.m <= 1),
        c2 = c2 - d.n * (x.m <= 2),
        c3 = c3 - d.n * (x.m <= 3),
        c4 = c4 - d.n * (x.m <= 4),
        c5 = c5 - d.n * (x.m <= 5),
        c6 = c6 - d.n * (x.m <= 6),
        c7 = c7 - d.n * (x.m <= 7),
        c8 = c8 - d.n * (x.m <= 8),
        c9 = c9 - d.n * (x.m <= 9),
        c10 = c10 - d.n * (x.m <= 10),
        c11 = c11 - d.n * (x.m <= 11),
        c12 = c12 - d.n * (x.m <= 12)
    FROM (SELECT value AS hid, count(*) AS n FROM json_each(OLD.household_ids) GROUP BY value) d,
        (SELECT CAST(substr(OLD.date, 6, 2) AS INTEGER) AS m) x
    WHERE OLD.deleted = 0 AND visit_summary.household_id = d.hid
        AND visit_summary.year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
    DELETE FROM visit_summary
    WHERE OLD.deleted = 0 AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND c12 <= 0
        AND household_id IN (SELECT value FROM json_each(OLD.household_ids));
END;

-- A household's village, cadre or deletion: its rows move to its new pair. A household that
-- arrives after visits listing it (a merge can bring them in either order) takes its rows over.
CREATE TRIGGER visit_summary_household_insert AFTER INSERT ON households
BEGIN
    INSERT INTO dashboard_cells (village_id, cadre_id) SELECT NEW.village_id, NEW.cadre_id
    WHERE NEW.deleted = 0 AND NOT EXISTS (SELECT 1 FROM dashboard_cells
        WHERE village_id IS NEW.village_id AND cadre_id IS NEW.cadre_id);
    UPDATE visit_summary SET cell = (SELECT cell FROM dashboard_cells
        WHERE NEW.deleted = 0 AND village_id IS NEW.village_id AND cadre_id IS NEW.cadre_id)
    WHERE household_id = NEW.id;
END;

CREATE TRIGGER visit_summary_household_update AFTER UPDATE OF village_id, cadre_id, deleted
    ON households
BEGIN
    INSERT INTO dashboard_cells (village_id, cadre_id) SELECT NEW.village_id, NEW.cadre_id
    WHERE NEW.deleted = 0 AND NOT EXISTS (SELECT 1 FROM dashboard_cells
        WHERE village_id IS NEW.village_id AND cadre_id IS NEW.cadre_id);
    UPDATE visit_summary SET cell = (SELECT cell FROM dashboard_cells
        WHERE NEW.deleted = 0 AND village_id IS NEW.village_id AND cadre_id IS NEW.cadre_id)
    WHERE household_id = NEW.id;
END;

CREATE TRIGGER visit_summary_household_delete AFTER DELETE ON households
BEGIN
    UPDATE visit_summary SET cell = NULL WHERE household_id = OLD.id;
END;
