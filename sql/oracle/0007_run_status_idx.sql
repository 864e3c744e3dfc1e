-- backupctl schema, version 7 (Oracle): runs of one status, newest first (`logs --status failed`),
-- read from an index instead of walking every run back through the scheduled_for index.
-- (SQLite and PostgreSQL also keep each strategy's latest runs and the run counts in version 7;
-- Oracle reads those from the run_latest_idx and (node, status) indexes.)

CREATE INDEX run_status_idx ON run (status, scheduled_for)/*TABLESPACE*/;
