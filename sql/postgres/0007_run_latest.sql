-- backupctl schema, version 7 (PostgreSQL): each strategy's latest run ('run', not skipped), latest
-- finished run ('ended') and latest success, kept by a trigger as runs are written, so that status,
-- check and the report read three rows per strategy instead of seeking into the run index once per
-- strategy (about 4 buffer visits each, 90 ms for 10,000 strategies at a million runs).
--
-- Safe under concurrent sessions: every write of a row is one INSERT … ON CONFLICT DO UPDATE,
-- which PostgreSQL makes atomic (it inserts, or updates the row a concurrent session inserted,
-- never fails with a unique violation), and which only moves a row forward (a later run, or the
-- same run changed). A run that stood for a kind and stops qualifying, moves or is deleted makes the
-- strategy's rows be read again from run with the same upserts. One run's write touches only its
-- own strategy's rows, always in the order run, ended, success, so a claim or a run's end waits at
-- most for another session's write of the same strategy; it never deadlocks. (PostgreSQL, "INSERT",
-- ON CONFLICT clause: "guaranteed atomic outcome of INSERT or UPDATE … even under high concurrency".)

CREATE TABLE run_latest (
    node          VARCHAR(64)   NOT NULL,
    strategy_id   VARCHAR(25)   NOT NULL,
    kind          VARCHAR(7)    NOT NULL CHECK (kind IN ('run', 'ended', 'success')),
    run_id        VARCHAR(40)   NOT NULL,
    scheduled_for TIMESTAMPTZ   NOT NULL,
    status        VARCHAR(12)   NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    warnings      VARCHAR(4000),
    CONSTRAINT run_latest_pk PRIMARY KEY (node, strategy_id, kind)
) WITH (fillfactor = 70);
-- No other index: a row moving to a later run changes no indexed column, so PostgreSQL can update
-- it in place on its page (a HOT update, for which fillfactor leaves room) and prune the old
-- version there, and the table stays the size of its rows however many runs go by.

-- Whether a run of `status` stands for `kind`.
CREATE FUNCTION run_latest_qualifies(kind TEXT, status TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE kind
        WHEN 'run' THEN status <> 'skipped'
        WHEN 'ended' THEN status NOT IN ('skipped', 'running')
        ELSE status = 'succeeded'
    END
$$;

-- Move a strategy's row of each kind forward to run r, where r qualifies (PL/pgSQL, whose
-- statements keep their plans for the session: a trigger runs it for every run written).
CREATE FUNCTION run_latest_forward(r run) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    k TEXT;
BEGIN
    FOREACH k IN ARRAY ARRAY['run', 'ended', 'success'] LOOP
        IF run_latest_qualifies(k, r.status) THEN
            INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
            VALUES (r.node, r.strategy_id, k, r.run_id, r.scheduled_for, r.status, r.started_at, r.finished_at, r.warnings)
            ON CONFLICT (node, strategy_id, kind) DO UPDATE SET
                run_id = excluded.run_id, scheduled_for = excluded.scheduled_for, status = excluded.status,
                started_at = excluded.started_at, finished_at = excluded.finished_at, warnings = excluded.warnings
            WHERE excluded.scheduled_for > run_latest.scheduled_for OR excluded.run_id = run_latest.run_id;
        END IF;
    END LOOP;
END
$$;

-- Read a strategy's rows again from run (its latest run of each kind).
CREATE FUNCTION run_latest_refresh(p_node TEXT, p_strategy TEXT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    k TEXT;
    r run;
BEGIN
    DELETE FROM run_latest WHERE node = p_node AND strategy_id = p_strategy;
    FOREACH k IN ARRAY ARRAY['run', 'ended', 'success'] LOOP
        SELECT * INTO r FROM run
        WHERE node = p_node AND strategy_id = p_strategy AND run_latest_qualifies(k, status)
        ORDER BY scheduled_for DESC LIMIT 1;
        IF FOUND THEN
            PERFORM run_latest_forward(r);
        END IF;
    END LOOP;
END
$$;

CREATE FUNCTION run_latest_keep() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM run_latest
                   WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND run_id = OLD.run_id) THEN
            PERFORM run_latest_refresh(OLD.node, OLD.strategy_id);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.node <> NEW.node OR OLD.strategy_id <> NEW.strategy_id OR OLD.scheduled_for <> NEW.scheduled_for THEN
            IF EXISTS (SELECT 1 FROM run_latest
                       WHERE node = OLD.node AND strategy_id = OLD.strategy_id AND run_id = OLD.run_id) THEN
                PERFORM run_latest_refresh(OLD.node, OLD.strategy_id);
            END IF;
        ELSIF EXISTS (SELECT 1 FROM run_latest l
                      WHERE l.node = NEW.node AND l.strategy_id = NEW.strategy_id AND l.run_id = NEW.run_id
                      AND NOT run_latest_qualifies(l.kind, NEW.status)) THEN
            PERFORM run_latest_refresh(NEW.node, NEW.strategy_id);
            RETURN NULL;
        END IF;
    END IF;
    PERFORM run_latest_forward(NEW);
    RETURN NULL;
END
$$;

-- Not fired by the writes that change none of these (the pushed flag, the revision).
CREATE TRIGGER run_latest_keep
    AFTER INSERT OR DELETE OR UPDATE OF node, strategy_id, scheduled_for, status, started_at, finished_at, warnings ON run
    FOR EACH ROW EXECUTE FUNCTION run_latest_keep();

-- The rows of the runs already kept.
INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
SELECT DISTINCT ON (r.node, r.strategy_id, k.kind)
    r.node, r.strategy_id, k.kind, r.run_id, r.scheduled_for, r.status, r.started_at, r.finished_at, r.warnings
FROM run r CROSS JOIN (VALUES ('run'), ('ended'), ('success')) AS k (kind)
WHERE run_latest_qualifies(k.kind, r.status)
ORDER BY r.node, r.strategy_id, k.kind, r.scheduled_for DESC;

-- The runs kept per node and status, for Prometheus' backupctl_runs_total, kept by statement-level
-- triggers over the statement's transition tables (PostgreSQL, "CREATE TRIGGER", REFERENCING): one
-- upsert per (node, status) a statement touches, taken in (node, status) order.
CREATE TABLE run_tally (
    node   VARCHAR(64) NOT NULL,
    status VARCHAR(12) NOT NULL,
    n      BIGINT      NOT NULL,
    CONSTRAINT run_tally_pk PRIMARY KEY (node, status)
);

INSERT INTO run_tally (node, status, n) SELECT node, status, COUNT(*) FROM run GROUP BY node, status;

CREATE FUNCTION run_tally_keep() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO run_tally (node, status, n)
        SELECT node, status, COUNT(*) FROM new_rows GROUP BY node, status ORDER BY node, status
        ON CONFLICT (node, status) DO UPDATE SET n = run_tally.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE run_tally t SET n = t.n - d.n
        FROM (SELECT node, status, COUNT(*) AS n FROM old_rows GROUP BY node, status ORDER BY node, status) d
        WHERE t.node = d.node AND t.status = d.status;
    ELSE
        -- Only the runs whose node or status changed move from one count to another.
        WITH moved AS (
            SELECT o.node AS old_node, o.status AS old_status, n.node AS new_node, n.status AS new_status
            FROM old_rows o JOIN new_rows n ON n.run_id = o.run_id
            WHERE o.node <> n.node OR o.status <> n.status
        ), delta AS (
            SELECT node, status, SUM(d) AS d FROM (
                SELECT old_node AS node, old_status AS status, -1 AS d FROM moved
                UNION ALL
                SELECT new_node, new_status, 1 FROM moved) x
            GROUP BY node, status
        )
        INSERT INTO run_tally (node, status, n)
        SELECT node, status, d FROM delta WHERE d <> 0 ORDER BY node, status
        ON CONFLICT (node, status) DO UPDATE SET n = run_tally.n + excluded.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER run_tally_insert AFTER INSERT ON run
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION run_tally_keep();
CREATE TRIGGER run_tally_update AFTER UPDATE ON run
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION run_tally_keep();
CREATE TRIGGER run_tally_delete AFTER DELETE ON run
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION run_tally_keep();

-- The functions find their tables in the schema they were installed in, whatever the search_path
-- of the session whose write fires them (PostgreSQL, "CREATE FUNCTION", Writing SECURITY DEFINER
-- Functions Safely: set search_path to the trusted schema, pg_temp last).
DO $$
DECLARE
    f TEXT;
BEGIN
    FOREACH f IN ARRAY ARRAY['run_latest_qualifies(text, text)', 'run_latest_forward(run)',
                              'run_latest_refresh(text, text)', 'run_latest_keep()', 'run_tally_keep()'] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END
$$;

-- Runs of one status, newest first (`logs --status failed`), read from an index instead of walking
-- every run back through the scheduled_for index.
CREATE INDEX run_status_idx ON run (status, scheduled_for);
