-- backupctl schema, version 6 (Oracle): a strategy's optional name, shown beside its id, and
-- the longest a strategy may go without a success (status and check judge its last success by it); and the
-- removals of connections and strategies, kept until pushed so that the master drops its copy too
-- (purge = 1: and their history; a strategy's removal names its connection, whose own
-- purge takes the history of the strategies removed from it).

ALTER TABLE strategy ADD (
    name         VARCHAR2(100 CHAR),
    max_age_secs NUMBER(19),
    CONSTRAINT strategy_max_age_ck CHECK (max_age_secs > 0)
);

-- The backup pieces RMAN reported written by each run.
ALTER TABLE run ADD (pieces NUMBER(10));

-- Each strategy's latest run at or before an instant, read by status, check and the report with one
-- backward step on this index, without touching the table (strategy_id, node, scheduled_for lead, as
-- in the occurrence key; status and run_id make it cover the look-up).
CREATE INDEX run_latest_idx ON run (strategy_id, node, scheduled_for, status, run_id)/*TABLESPACE*/;

CREATE TABLE removal (
    node       VARCHAR2(64 CHAR) NOT NULL,
    kind       VARCHAR2(10 CHAR) NOT NULL,
    object_id  VARCHAR2(40 CHAR) NOT NULL,
    connection VARCHAR2(40 CHAR),
    removed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    purge      NUMBER(1) DEFAULT 0 NOT NULL,
    rev        NUMBER(19) DEFAULT 1 NOT NULL,
    pushed     NUMBER(1) DEFAULT 0 NOT NULL,
    CONSTRAINT removal_kind_ck CHECK (kind IN ('connection', 'strategy')),
    CONSTRAINT removal_purge_ck CHECK (purge IN (0, 1)),
    CONSTRAINT removal_pk PRIMARY KEY (node, kind, object_id)
)/*TABLESPACE*/;
