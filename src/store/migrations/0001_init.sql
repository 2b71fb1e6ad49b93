-- 0001: the operation log, replica bookkeeping, and the materialised tables it replays into.
-- Never edit once landed; add 0002_… instead.

-- Local, not replicated -------------------------------------------------------------------
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- This device's user (init / demo). Keys arrive with sync.
CREATE TABLE identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    township_id TEXT NOT NULL,
    cadre_id    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- origin → highest contiguous seq held here.
CREATE TABLE version_vector (
    origin  TEXT PRIMARY KEY,
    max_seq INTEGER NOT NULL
) WITHOUT ROWID;

-- The source of truth -----------------------------------------------------------------------
CREATE TABLE ops (
    origin    TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    fields    TEXT    NOT NULL,
    pred      TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (origin, seq)
) WITHOUT ROWID;

-- Multi-value field state, derived from the log --------------------------------------------
-- Current values written by set/delete operations; a field with no row here still holds the
-- value its create operation gave it. More than one row for (entity_id, field) = a conflict.
CREATE TABLE field_heads (
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    hlc       INTEGER NOT NULL,
    value     TEXT,
    PRIMARY KEY (entity_id, field, origin, seq)
) WITHOUT ROWID;

-- (entity, field, op) pairs some later operation replaced; field '*' = seen by a delete.
CREATE TABLE superseded (
    entity_id TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    origin    TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (entity_id, field, origin, seq)
) WITHOUT ROWID;

-- Materialised records ----
-- Tables without a search index are WITHOUT ROWID: one B-tree per table instead of a rowid
-- table plus an index on the text id. visits, items and households keep a rowid, the key of
-- their search index.
-- Foreign keys are DEFERRABLE so a bundle's records may arrive in any order within one
-- transaction; SQLite then looks up children when a parent is inserted, so every foreign-key
-- column below has an index.-------------------------------------------------------------------
CREATE TABLE townships (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL,
    code       TEXT,
    deleted    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE villages (
    id          TEXT PRIMARY KEY,
    township_id TEXT NOT NULL REFERENCES townships(id) DEFERRABLE INITIALLY DEFERRED,
    name        TEXT NOT NULL,
    code        TEXT,
    deleted     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX villages_township ON villages(township_id);

CREATE TABLE village_groups (
    id         TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id) DEFERRABLE INITIALLY DEFERRED,
    name       TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX village_groups_village ON village_groups(village_id);

CREATE TABLE cadres (
    id          TEXT PRIMARY KEY,
    township_id TEXT REFERENCES townships(id) DEFERRABLE INITIALLY DEFERRED,
    name        TEXT NOT NULL,
    phone       TEXT,
    unit        TEXT,
    role        TEXT NOT NULL,
    village_ids TEXT NOT NULL DEFAULT '[]',
    deleted     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX cadres_township ON cadres(township_id);

CREATE TABLE households (
    id         TEXT PRIMARY KEY,
    village_id TEXT NOT NULL REFERENCES villages(id) DEFERRABLE INITIALLY DEFERRED,
    group_id   TEXT REFERENCES village_groups(id) DEFERRABLE INITIALLY DEFERRED,
    head_name  TEXT NOT NULL,
    address    TEXT,
    phone      TEXT,
    tags       TEXT NOT NULL DEFAULT '[]',
    cadre_id   TEXT REFERENCES cadres(id) DEFERRABLE INITIALLY DEFERRED,
    note       TEXT,
    deleted    INTEGER NOT NULL DEFAULT 0,
    -- derived: pinyin initials of head_name (王凯 → wk) for the household picker
    initials   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX households_village ON households(village_id, head_name);
CREATE INDEX households_initials ON households(initials);
CREATE INDEX households_cadre ON households(cadre_id);
CREATE INDEX households_group ON households(group_id);

CREATE TABLE persons (
    id               TEXT PRIMARY KEY,
    household_id     TEXT NOT NULL REFERENCES households(id) DEFERRABLE INITIALLY DEFERRED,
    name             TEXT NOT NULL,
    relation         TEXT NOT NULL,
    sex              TEXT,
    birth_date       TEXT,
    id_number        TEXT,
    phone            TEXT,
    health           TEXT,
    disability_type  TEXT,
    disability_grade INTEGER,
    note             TEXT,
    deleted          INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX persons_household ON persons(household_id);

CREATE TABLE visits (
    id               TEXT PRIMARY KEY,
    date             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    village_id       TEXT REFERENCES villages(id) DEFERRABLE INITIALLY DEFERRED,
    household_ids    TEXT NOT NULL DEFAULT '[]',
    place            TEXT,
    cadre_ids        TEXT NOT NULL DEFAULT '[]',
    heard            TEXT NOT NULL,
    family_situation TEXT,
    follow_up        TEXT,
    confirmed_by     TEXT,
    confirmed        INTEGER,
    recorded_by      TEXT,
    recorded_at      TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX visits_date ON visits(date DESC, id);
CREATE INDEX visits_village ON visits(village_id);

-- Derived from visits.household_ids, so a household's visits are one index lookup away.
CREATE TABLE visit_households (
    visit_id     TEXT NOT NULL REFERENCES visits(id) DEFERRABLE INITIALLY DEFERRED,
    household_id TEXT NOT NULL,
    PRIMARY KEY (household_id, visit_id)
) WITHOUT ROWID;
CREATE INDEX visit_households_visit ON visit_households(visit_id);

CREATE TABLE items (
    id                 TEXT PRIMARY KEY,
    ledger             TEXT NOT NULL,
    number             TEXT NOT NULL,
    title              TEXT NOT NULL,
    content            TEXT NOT NULL,
    category           TEXT NOT NULL,
    village_id         TEXT REFERENCES villages(id) DEFERRABLE INITIALLY DEFERRED,
    group_id           TEXT,
    household_id       TEXT REFERENCES households(id) DEFERRABLE INITIALLY DEFERRED,
    person_id          TEXT,
    reporter           TEXT,
    reporter_phone     TEXT,
    anonymous          INTEGER NOT NULL DEFAULT 0,
    source             TEXT NOT NULL,
    source_visit_id    TEXT,
    registered_at      TEXT NOT NULL,
    registered_by      TEXT,
    level              TEXT NOT NULL,
    deadline           TEXT NOT NULL,
    measures           TEXT,
    nature             TEXT,
    beneficiaries      INTEGER,
    causes             TEXT,
    assistance         TEXT,
    helper             TEXT,
    review_cycle       TEXT,
    people_involved    INTEGER,
    risk_level         TEXT,
    leader             TEXT,
    stabilisation      TEXT,
    deleted            INTEGER NOT NULL DEFAULT 0,
    -- derived from progress (ItemState); never written by an operation
    status             TEXT NOT NULL DEFAULT 'registered',
    current_level      TEXT,
    responsible_unit   TEXT,
    responsible_person TEXT,
    due_date           TEXT,
    result             TEXT,
    replied_on         TEXT,
    return_visit_on    TEXT,
    satisfaction       TEXT,
    closed_at          TEXT,
    closed_by          TEXT
);
CREATE INDEX items_ledger_due ON items(ledger, due_date);
CREATE INDEX items_ledger_status ON items(ledger, status);
CREATE INDEX items_number ON items(number);
CREATE INDEX items_village ON items(village_id);
CREATE INDEX items_household ON items(household_id);
CREATE INDEX items_visit ON items(source_visit_id);
-- "my items" on the 今日 screen: registered by me, or assigned to me by name
CREATE INDEX items_registered_by ON items(registered_by);
CREATE INDEX items_responsible_person ON items(responsible_person);

CREATE TABLE progress (
    id              TEXT PRIMARY KEY,
    item_id         TEXT NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED,
    kind            TEXT NOT NULL,
    at              TEXT NOT NULL,
    by              TEXT,
    by_name         TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    unit            TEXT,
    person          TEXT,
    deadline        TEXT,
    result          TEXT,
    satisfaction    TEXT,
    reason          TEXT,
    level           TEXT,
    deleted         INTEGER NOT NULL DEFAULT 0,
    -- the HLC of the operation that created it: the causal order of the timeline
    hlc             INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX progress_item ON progress(item_id, hlc);

-- Full-text search (trigram) over the materialised tables: a local index the store updates at the
-- end of each transaction for the records it touched (no triggers: a trigger makes every
-- statement open a savepoint, and FTS5 flushes its pending terms at each one). Contentless with
-- delete support, so a record is re-indexed by rowid without keeping a second copy of the text.
CREATE VIRTUAL TABLE items_fts USING fts5(
    number, title, content, reporter,
    content='', contentless_delete=1, tokenize='trigram'
);
CREATE VIRTUAL TABLE visits_fts USING fts5(
    heard, family_situation, follow_up, place,
    content='', contentless_delete=1, tokenize='trigram'
);
CREATE VIRTUAL TABLE households_fts USING fts5(
    head_name, address, phone,
    content='', contentless_delete=1, tokenize='trigram'
);
-- Pending terms are flushed as a new segment when this buffer fills; the 1 MiB default made the
-- county demo spend a tenth of its time merging small segments.
INSERT INTO items_fts(items_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO visits_fts(visits_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO households_fts(households_fts, rank) VALUES ('hashsize', 16777216);
