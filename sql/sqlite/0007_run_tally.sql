-- backupctl schema, version 7 (SQLite): the runs kept in the store per node and status, kept by
-- triggers as runs are written, changed and deleted, so that Prometheus' backupctl_runs_total reads a
-- few rows instead of counting every run. (SQLite has one writer at a time, so two counts never race;
-- PostgreSQL and Oracle count on their (node, status) index in the server.)

CREATE TABLE run_tally (
    node   TEXT    NOT NULL,
    status TEXT    NOT NULL,
    n      INTEGER NOT NULL CHECK (n >= 0),
    CONSTRAINT run_tally_pk PRIMARY KEY (node, status)
);

INSERT INTO run_tally (node, status, n) SELECT node, status, COUNT(*) FROM run GROUP BY node, status;

CREATE TRIGGER run_tally_insert AFTER INSERT ON run
BEGIN
    INSERT INTO run_tally (node, status, n) VALUES (NEW.node, NEW.status, 1)
        ON CONFLICT (node, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER run_tally_update AFTER UPDATE OF node, status ON run
WHEN OLD.node <> NEW.node OR OLD.status <> NEW.status
BEGIN
    UPDATE run_tally SET n = n - 1 WHERE node = OLD.node AND status = OLD.status;
    INSERT INTO run_tally (node, status, n) VALUES (NEW.node, NEW.status, 1)
        ON CONFLICT (node, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER run_tally_delete AFTER DELETE ON run
BEGIN
    UPDATE run_tally SET n = n - 1 WHERE node = OLD.node AND status = OLD.status;
END;

-- Runs of one status, newest first (`logs --status failed`), read from an index instead of walking
-- every run back through the scheduled_for index.
CREATE INDEX run_status_idx ON run (status, scheduled_for);
