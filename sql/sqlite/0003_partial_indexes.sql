-- backupctl schema, version 3 (SQLite): indexes on the few rows the tick and the push look for
-- (running runs, unpushed rows, cron rules), so that their cost stays flat however many runs are kept,
-- whatever statistics ANALYZE gathered.

CREATE INDEX run_running_idx ON run (node) WHERE status = 'running';
CREATE INDEX frequency_cron_rules_idx ON frequency (node) WHERE cron IS NOT NULL;
CREATE INDEX run_unpushed_idx ON run (node) WHERE pushed = 0;
CREATE INDEX log_unpushed_idx ON log (node) WHERE pushed = 0;
CREATE INDEX error_unpushed_idx ON error (node) WHERE pushed = 0;
DROP INDEX run_pushed_idx;
DROP INDEX log_pushed_idx;
DROP INDEX error_pushed_idx;
