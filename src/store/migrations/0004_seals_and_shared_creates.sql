-- Origin signatures that travel with relayed operations, and a small index for the repeated
-- creates of townships and villages (their ids are derived from their names).

-- An origin device's signature over the hashes of a run of its own operations (docs/SYNC_FORMAT.md,
-- "Seals"). Made when the origin exports them; received with them and passed on unchanged, so a
-- county can check a cadre's signature on operations that reached it through the office.
CREATE TABLE op_seals (
    origin   TEXT    NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq   INTEGER NOT NULL,
    -- ed25519 verifying key of the origin device, 64 hex digits.
    sign_key TEXT    NOT NULL,
    -- blake3 of each operation's JSON line, 32 bytes each, from_seq first.
    hashes   BLOB    NOT NULL,
    sig      BLOB    NOT NULL,
    PRIMARY KEY (origin, from_seq)
) WITHOUT ROWID;

-- The creates of shared records, looked up when a second device's create of the same township,
-- village or group arrives (store::apply::recreate).
CREATE INDEX ops_shared_creates ON ops (entity_id)
    WHERE entity IN ('township', 'village', 'group');
