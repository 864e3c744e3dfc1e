-- backupctl schema, version 10 (PostgreSQL): the rows a push has still to send, indexed in the order it
-- sends them (node, then the row's key), so that each batch reads its next rows from the index
-- instead of gathering and sorting the whole backlog again: a push costs the same per row at 10,000
-- and at 100,000 rows waiting.
DROP INDEX run_unpushed_idx;
DROP INDEX log_unpushed_idx;
DROP INDEX error_unpushed_idx;
CREATE INDEX run_unpushed_idx ON run (node, run_id) WHERE pushed = 0;
CREATE INDEX log_unpushed_idx ON log (node, run_id) WHERE pushed = 0;
CREATE INDEX error_unpushed_idx ON error (node, error_id) WHERE pushed = 0;
