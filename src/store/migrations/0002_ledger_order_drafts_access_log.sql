-- Ledger pages in index order, and local-only tables (never replicated, never in a bundle): open-form drafts that survive a crash,
-- and the log of every reveal of a masked ID number or phone (SPEC §4, §8).

CREATE TABLE drafts (
    -- One slot per open form: a new form gets a fresh slot, an edit form the record's.
    slot TEXT PRIMARY KEY NOT NULL,
    -- Which form (visit, household, member, item_edit, action:assign…); the UI restores by it.
    kind TEXT NOT NULL,
    -- A one-line description for the "restore draft?" prompt.
    title TEXT NOT NULL,
    -- JSON: what the form needs to reopen (context) and the typed values.
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    -- Who revealed it: this device's cadre (NULL before `init`) and the name shown.
    cadre_id TEXT,
    cadre_name TEXT NOT NULL,
    -- Which record and which field (id_number, phone…), and through what (tui, report).
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    via TEXT NOT NULL
);
CREATE INDEX access_log_entity ON access_log (entity_id);

-- A ledger page is read in index order instead of sorting the whole ledger (90 ms → 3 ms at
-- county scale): the default order (open first, by deadline) and one status at a time. The
-- second makes items_ledger_status (its prefix) redundant.
CREATE INDEX items_ledger_order ON items(ledger, status = 'closed', due_date, number);
CREATE INDEX items_ledger_status_order ON items(ledger, status, due_date, number);
DROP INDEX items_ledger_status;
