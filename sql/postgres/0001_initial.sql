-- backupctl schema, version 1 (PostgreSQL).
-- Table and column names follow the reference BackupExecutor schema where it had them.

CREATE TABLE node (
    node        VARCHAR(64) NOT NULL PRIMARY KEY,
    timezone    VARCHAR(64) NOT NULL,
    last_tick   TIMESTAMPTZ,
    last_check  TIMESTAMPTZ,
    last_seen   TIMESTAMPTZ
);

CREATE TABLE connection (
    node              VARCHAR(64)  NOT NULL,
    conn_id           VARCHAR(25)  NOT NULL,
    conn_name         VARCHAR(70)  NOT NULL,
    database_instance VARCHAR(70)  NOT NULL,
    ip                VARCHAR(255) NOT NULL,
    port              INTEGER      NOT NULL DEFAULT 1521 CHECK (port BETWEEN 1 AND 65535),
    credential        VARCHAR(200) NOT NULL DEFAULT 'os',
    alive             SMALLINT     NOT NULL DEFAULT 1 CHECK (alive IN (0, 1)),
    created_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT connection_pk PRIMARY KEY (node, conn_id)
);

CREATE TABLE strategy (
    node         VARCHAR(64) NOT NULL,
    strategy_id  VARCHAR(25) NOT NULL,
    connection   VARCHAR(25) NOT NULL,
    priority     VARCHAR(6)  NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('HIGH', 'MEDIUM', 'LOW')),
    alive        SMALLINT    NOT NULL DEFAULT 1 CHECK (alive IN (0, 1)),
    timeout_secs BIGINT      CHECK (timeout_secs > 0),
    created_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT strategy_pk PRIMARY KEY (node, strategy_id),
    CONSTRAINT strategy_connection_fk FOREIGN KEY (node, connection) REFERENCES connection (node, conn_id)
);

CREATE TABLE strategy_line (
    node        VARCHAR(64)   NOT NULL,
    strategy_id VARCHAR(25)   NOT NULL,
    line_no     INTEGER       NOT NULL CHECK (line_no > 0),
    line        VARCHAR(4000) NOT NULL,
    CONSTRAINT strategy_line_pk PRIMARY KEY (node, strategy_id, line_no),
    CONSTRAINT strategy_line_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id)
);

CREATE TABLE frequency (
    node        VARCHAR(64)  NOT NULL,
    strategy_id VARCHAR(25)  NOT NULL,
    freq_key    VARCHAR(300) NOT NULL,
    day         SMALLINT CHECK (day BETWEEN -1 AND 6),
    hour        SMALLINT CHECK (hour BETWEEN 0 AND 23),
    minutes     SMALLINT CHECK (minutes BETWEEN 0 AND 59),
    cron        VARCHAR(250),
    CONSTRAINT frequency_pk PRIMARY KEY (node, strategy_id, freq_key),
    CONSTRAINT frequency_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id),
    CONSTRAINT frequency_rule_ck CHECK (
        (cron IS NULL AND day IS NOT NULL AND hour IS NOT NULL AND minutes IS NOT NULL)
        OR (cron IS NOT NULL AND day IS NULL AND hour IS NULL AND minutes IS NULL))
);
CREATE INDEX frequency_due_idx ON frequency (node, hour, minutes, day);
CREATE INDEX frequency_cron_idx ON frequency (node, cron);

CREATE TABLE run (
    run_id        VARCHAR(40) NOT NULL PRIMARY KEY,
    node          VARCHAR(64) NOT NULL,
    strategy_id   VARCHAR(25) NOT NULL,
    scheduled_for TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR(12) NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'timed_out', 'missed', 'skipped', 'interrupted')),
    exit_code     INTEGER,
    run_trigger   VARCHAR(10) NOT NULL CHECK (run_trigger IN ('scheduled', 'manual', 'monitor')),
    host          VARCHAR(255),
    pid           BIGINT,
    owner_lock    VARCHAR(1000),
    CONSTRAINT run_occurrence_uk UNIQUE (strategy_id, node, scheduled_for)
);
CREATE INDEX run_node_status_idx ON run (node, status);
CREATE INDEX run_scheduled_idx ON run (scheduled_for);

CREATE TABLE log (
    run_id      VARCHAR(40) NOT NULL PRIMARY KEY,
    node        VARCHAR(64) NOT NULL,
    strategy_id VARCHAR(25) NOT NULL,
    moment      TIMESTAMPTZ NOT NULL,
    log         TEXT
);

CREATE TABLE error (
    error_id    VARCHAR(40)   NOT NULL PRIMARY KEY,
    run_id      VARCHAR(40),
    node        VARCHAR(64)   NOT NULL,
    strategy_id VARCHAR(25),
    moment      TIMESTAMPTZ   NOT NULL,
    message     VARCHAR(4000) NOT NULL,
    codes       VARCHAR(1000)
);
CREATE INDEX error_moment_idx ON error (moment);
CREATE INDEX error_run_idx ON error (run_id);
