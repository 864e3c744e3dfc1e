-- backupctl schema, version 6 (PostgreSQL): a strategy's optional name, shown beside its id; and
-- the removals of connections and strategies, kept until pushed so that the master drops its copy
-- too (purge = 1: and their history).

ALTER TABLE strategy ADD COLUMN name VARCHAR(100);

CREATE TABLE removal (
    node       VARCHAR(64) NOT NULL,
    kind       VARCHAR(10) NOT NULL CHECK (kind IN ('connection', 'strategy')),
    object_id  VARCHAR(40) NOT NULL,
    removed_at TIMESTAMPTZ NOT NULL,
    purge      SMALLINT    NOT NULL DEFAULT 0 CHECK (purge IN (0, 1)),
    rev        BIGINT      NOT NULL DEFAULT 1,
    pushed     SMALLINT    NOT NULL DEFAULT 0,
    CONSTRAINT removal_pk PRIMARY KEY (node, kind, object_id)
);
