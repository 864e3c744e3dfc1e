-- backupctl schema, version 4 (SQLite): rows a master refused are set aside with pushed = -1 until
-- they change (every change sets pushed = 0 again), and the master records the host that first
-- pushed each node name, so that two hosts cannot push under one name.

ALTER TABLE node ADD COLUMN host TEXT;
CREATE INDEX run_refused_idx ON run (node) WHERE pushed < 0;
CREATE INDEX log_refused_idx ON log (node) WHERE pushed < 0;
CREATE INDEX error_refused_idx ON error (node) WHERE pushed < 0;
