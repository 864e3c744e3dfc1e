-- backupctl schema, version 2 (PostgreSQL): what a slave has pushed to its master, and the
-- master's record of a silent node. rev counts a row's changes; pushed = 1 once that revision is on
-- the master.

ALTER TABLE connection ADD COLUMN rev BIGINT NOT NULL DEFAULT 1, ADD COLUMN pushed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE strategy ADD COLUMN rev BIGINT NOT NULL DEFAULT 1, ADD COLUMN pushed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE run ADD COLUMN rev BIGINT NOT NULL DEFAULT 1, ADD COLUMN pushed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE log ADD COLUMN pushed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE error ADD COLUMN pushed SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE node ADD COLUMN silence_reported TIMESTAMPTZ;

CREATE INDEX run_pushed_idx ON run (pushed, node);
CREATE INDEX log_pushed_idx ON log (pushed, node);
CREATE INDEX error_pushed_idx ON error (pushed, node);
