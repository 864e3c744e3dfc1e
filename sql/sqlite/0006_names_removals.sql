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

-- SQLite only: each strategy's latest run ('run', not skipped), latest finished run ('ended') and
-- latest success, kept by triggers as runs are written, so that status reads one row per strategy
-- however long the history: a fresh process on a large embedded store would otherwise read a page per
-- strategy. (SQLite has one writer at a time, so a refresh never races another; PostgreSQL and
-- Oracle keep their indexes warm in the server and read the covering index above.)
CREATE TABLE run_latest (
    node          TEXT NOT NULL,
    strategy_id   TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('run', 'ended', 'success')),
    run_id        TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    status        TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    warnings      TEXT,
    CONSTRAINT run_latest_pk PRIMARY KEY (node, strategy_id, kind)
);
CREATE INDEX run_latest_run_idx ON run_latest (run_id);

-- A run written or changed moves its strategy's rows forward (an upsert that never goes back, or
-- that updates the same run); a run that moves to another strategy or time, stops qualifying for a
-- kind it stood for, or is deleted makes the strategy's rows be read again from run.
CREATE TRIGGER run_latest_insert AFTER INSERT ON run
BEGIN
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'run', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status <> 'skipped'
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'ended', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status NOT IN ('skipped', 'running')
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'success', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status = 'succeeded'
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
END;

CREATE TRIGGER run_latest_update AFTER UPDATE OF status, started_at, finished_at, warnings ON run
WHEN OLD.node = NEW.node AND OLD.strategy_id = NEW.strategy_id AND OLD.scheduled_for = NEW.scheduled_for
BEGIN
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'run', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status <> 'skipped'
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'ended', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status NOT IN ('skipped', 'running')
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT NEW.node, NEW.strategy_id, 'success', NEW.run_id, NEW.scheduled_for, NEW.status, NEW.started_at, NEW.finished_at, NEW.warnings
        WHERE NEW.status = 'succeeded'
        ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
            run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
            started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
        WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
END;

CREATE TRIGGER run_latest_unqualified AFTER UPDATE OF status ON run
WHEN EXISTS (
    SELECT 1 FROM run_latest l WHERE l.run_id = NEW.run_id AND NOT (
        (l.kind = 'run' AND NEW.status <> 'skipped')
        OR (l.kind = 'ended' AND NEW.status NOT IN ('skipped', 'running'))
        OR (l.kind = 'success' AND NEW.status = 'succeeded')))
BEGIN
    DELETE FROM run_latest WHERE node = NEW.node AND strategy_id = NEW.strategy_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'run', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status <> 'skipped'
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'ended', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status NOT IN ('skipped', 'running')
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'success', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status = 'succeeded'
        ORDER BY scheduled_for DESC LIMIT 1;
END;

CREATE TRIGGER run_latest_moved AFTER UPDATE OF node, strategy_id, scheduled_for ON run
WHEN OLD.node <> NEW.node OR OLD.strategy_id <> NEW.strategy_id OR OLD.scheduled_for <> NEW.scheduled_for
BEGIN
    DELETE FROM run_latest WHERE node = OLD.node AND strategy_id = OLD.strategy_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'run', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status <> 'skipped'
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'ended', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status NOT IN ('skipped', 'running')
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'success', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status = 'succeeded'
        ORDER BY scheduled_for DESC LIMIT 1;
    DELETE FROM run_latest WHERE node = NEW.node AND strategy_id = NEW.strategy_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'run', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status <> 'skipped'
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'ended', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status NOT IN ('skipped', 'running')
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'success', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = NEW.node AND strategy_id = NEW.strategy_id AND status = 'succeeded'
        ORDER BY scheduled_for DESC LIMIT 1;
END;

CREATE TRIGGER run_latest_delete AFTER DELETE ON run
WHEN EXISTS (SELECT 1 FROM run_latest WHERE run_id = OLD.run_id)
BEGIN
    DELETE FROM run_latest WHERE node = OLD.node AND strategy_id = OLD.strategy_id;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'run', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status <> 'skipped'
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'ended', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status NOT IN ('skipped', 'running')
        ORDER BY scheduled_for DESC LIMIT 1;
    INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
        SELECT node, strategy_id, 'success', run_id, scheduled_for, status, started_at, finished_at, warnings FROM run
        WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND status = 'succeeded'
        ORDER BY scheduled_for DESC LIMIT 1;
END;

-- What a store upgraded to this version already holds.
INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
    SELECT r.node, r.strategy_id, k.kind, r.run_id, r.scheduled_for, r.status, r.started_at, r.finished_at, r.warnings
    FROM (SELECT DISTINCT node, strategy_id FROM run) s
    JOIN (SELECT 'run' AS kind UNION ALL SELECT 'ended' UNION ALL SELECT 'success') k
    JOIN run r ON r.run_id = (
        SELECT x.run_id FROM run x
        WHERE x.node = s.node AND x.strategy_id = s.strategy_id
          AND CASE k.kind
                WHEN 'run' THEN x.status <> 'skipped'
                WHEN 'ended' THEN x.status NOT IN ('skipped', 'running')
                ELSE x.status = 'succeeded'
              END
        ORDER BY x.scheduled_for DESC LIMIT 1);
