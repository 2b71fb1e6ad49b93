-- Trusted devices (`minqing peer add`) and what each has acknowledged: local, never replicated.

CREATE TABLE peers (
    -- Card::id(): 12 hex digits of the card's key digest.
    id TEXT PRIMARY KEY NOT NULL,
    -- The whole card as added (JSON), so a re-added card can be compared.
    card TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    sign_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    added_at TEXT NOT NULL,
    -- The peer's version vector from its newest bundle (JSON origin → seq): what it holds, so an
    -- export sends only the rest. Nothing is marked sent on export.
    acked TEXT NOT NULL DEFAULT '{}',
    last_import_at TEXT,
    last_export_at TEXT
) WITHOUT ROWID;
