-- backupctl schema, version 5 (SQLite): what RMAN needs per connection — the privilege it connects
-- with (SYSBACKUP is Oracle's least-privilege role for backups), the Oracle home whose rman matches
-- the target's version, a recovery catalog (a wallet alias) — and the warnings of each run.

ALTER TABLE connection ADD COLUMN privilege TEXT NOT NULL DEFAULT 'sysdba' CHECK (privilege IN ('sysdba', 'sysbackup'));
ALTER TABLE connection ADD COLUMN oracle_home TEXT;
ALTER TABLE connection ADD COLUMN catalog TEXT;
ALTER TABLE run ADD COLUMN warnings TEXT;
