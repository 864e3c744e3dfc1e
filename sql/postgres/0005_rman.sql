-- backupctl schema, version 5 (PostgreSQL): what RMAN needs per connection — the privilege it
-- connects with (SYSBACKUP is Oracle's least-privilege role for backups), the Oracle home whose rman
-- matches the target's version, a recovery catalog (a wallet alias) — and the warnings of each run.

ALTER TABLE connection ADD COLUMN privilege VARCHAR(9) NOT NULL DEFAULT 'sysdba' CHECK (privilege IN ('sysdba', 'sysbackup'));
ALTER TABLE connection ADD COLUMN oracle_home VARCHAR(512);
ALTER TABLE connection ADD COLUMN catalog VARCHAR(200);
ALTER TABLE run ADD COLUMN warnings VARCHAR(4000);
