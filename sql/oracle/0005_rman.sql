-- backupctl schema, version 5 (Oracle): what RMAN needs per connection — the privilege it connects
-- with (SYSBACKUP is Oracle's least-privilege role for backups), the Oracle home whose rman matches
-- the target's version, a recovery catalog (a wallet alias) — and the warnings of each run.

ALTER TABLE connection ADD (
    privilege   VARCHAR2(9 CHAR) DEFAULT 'sysdba' NOT NULL,
    oracle_home VARCHAR2(512 CHAR),
    catalog     VARCHAR2(200 CHAR),
    CONSTRAINT connection_privilege_ck CHECK (privilege IN ('sysdba', 'sysbackup'))
);
ALTER TABLE run ADD (warnings VARCHAR2(4000 CHAR));
