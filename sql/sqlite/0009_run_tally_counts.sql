-- backupctl schema, version 9 (SQLite): run_tally counts the runs that reached each status, as a
-- Prometheus counter must (it never goes down but when its process restarts): a run counts once
-- for each status it enters, and nothing that deletes runs (prune, remove --purge) takes it back.
DROP TRIGGER run_tally_update;
DROP TRIGGER run_tally_delete;

CREATE TRIGGER run_tally_update AFTER UPDATE OF node, status ON run
WHEN OLD.node <> NEW.node OR OLD.status <> NEW.status
BEGIN
    INSERT INTO run_tally (node, status, n) VALUES (NEW.node, NEW.status, 1)
        ON CONFLICT (node, status) DO UPDATE SET n = n + 1;
END;
