-- backupctl schema, version 9: each run keeps the script it ran (the strategy's lines at its
-- start, without the CONNECT lines backupctl adds), so that an edit never rewrites history.
ALTER TABLE run ADD (script CLOB);
