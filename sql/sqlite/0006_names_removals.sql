-- backupctl schema, version 6 (SQLite): a strategy's optional name, shown beside its id, and
-- the longest a strategy may go without a success (status and check judge its last success by it); and the
-- removals of connections and strategies, kept until pushed so that the master drops its copy too
-- (purge = 1: and their history; a strategy's removal names its connection, whose own
-- purge takes the history of the strategies removed from it).

ALTER TABLE strategy ADD COLUMN name TEXT;
ALTER TABLE strategy ADD COLUMN max_age_secs INTEGER CHECK (max_age_secs > 0);

-- The backup pieces RMAN reported written by each run.
ALTER TABLE run ADD COLUMN pieces INTEGER;

-- Each strategy's latest run at or before an instant, read by status, check and the report with one
-- backward step on this index, without touching the table (strategy_id, node, scheduled_for lead, as
-- in the occurrence key; status and run_id make it cover the look-up).
CREATE INDEX run_latest_idx ON run (strategy_id, node, scheduled_for, status, run_id);

CREATE TABLE removal (
    node       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('connection', 'strategy')),
    object_id  TEXT    NOT NULL,
    connection TEXT,
    removed_at TEXT    NOT NULL,
    purge      INTEGER NOT NULL DEFAULT 0 CHECK (purge IN (0, 1)),
    rev        INTEGER NOT NULL DEFAULT 1,
    pushed     INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT removal_pk PRIMARY KEY (node, kind, object_id)
);
