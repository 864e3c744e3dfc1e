-- backupctl schema, version 1 (SQLite).
-- Table and column names follow the reference BackupExecutor schema where it had them
-- (connection.ip, strategy.connection, frequency.day/hour/minutes, log.moment, ...).
-- Times are UTC text in one fixed width (2026-11-25T18:35:00.000000Z), so text order is time order.

CREATE TABLE node (
    node        TEXT NOT NULL PRIMARY KEY,
    timezone    TEXT NOT NULL,
    last_tick   TEXT,
    last_check  TEXT,
    last_seen   TEXT
);

CREATE TABLE connection (
    node              TEXT    NOT NULL,
    conn_id           TEXT    NOT NULL,
    conn_name         TEXT    NOT NULL,
    database_instance TEXT    NOT NULL,
    ip                TEXT    NOT NULL,
    port              INTEGER NOT NULL DEFAULT 1521 CHECK (port BETWEEN 1 AND 65535),
    credential        TEXT    NOT NULL DEFAULT 'os',
    alive             INTEGER NOT NULL DEFAULT 1 CHECK (alive IN (0, 1)),
    created_at        TEXT    NOT NULL,
    CONSTRAINT connection_pk PRIMARY KEY (node, conn_id)
);

CREATE TABLE strategy (
    node         TEXT    NOT NULL,
    strategy_id  TEXT    NOT NULL,
    connection   TEXT    NOT NULL,
    priority     TEXT    NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('HIGH', 'MEDIUM', 'LOW')),
    alive        INTEGER NOT NULL DEFAULT 1 CHECK (alive IN (0, 1)),
    timeout_secs INTEGER CHECK (timeout_secs > 0),
    created_at   TEXT    NOT NULL,
    CONSTRAINT strategy_pk PRIMARY KEY (node, strategy_id),
    CONSTRAINT strategy_connection_fk FOREIGN KEY (node, connection) REFERENCES connection (node, conn_id)
);

CREATE TABLE strategy_line (
    node        TEXT    NOT NULL,
    strategy_id TEXT    NOT NULL,
    line_no     INTEGER NOT NULL CHECK (line_no > 0),
    line        TEXT    NOT NULL,
    CONSTRAINT strategy_line_pk PRIMARY KEY (node, strategy_id, line_no),
    CONSTRAINT strategy_line_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id)
);

-- One row per firing rule: day/hour/minutes (day -1 = every day, 0..6 = Sunday..Saturday) or a cron
-- expression; freq_key makes a rule unique within its strategy.
CREATE TABLE frequency (
    node        TEXT    NOT NULL,
    strategy_id TEXT    NOT NULL,
    freq_key    TEXT    NOT NULL,
    day         INTEGER CHECK (day BETWEEN -1 AND 6),
    hour        INTEGER CHECK (hour BETWEEN 0 AND 23),
    minutes     INTEGER CHECK (minutes BETWEEN 0 AND 59),
    cron        TEXT,
    CONSTRAINT frequency_pk PRIMARY KEY (node, strategy_id, freq_key),
    CONSTRAINT frequency_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id),
    CONSTRAINT frequency_rule_ck CHECK (
        (cron IS NULL AND day IS NOT NULL AND hour IS NOT NULL AND minutes IS NOT NULL)
        OR (cron IS NOT NULL AND day IS NULL AND hour IS NULL AND minutes IS NULL))
);
-- The tick looks frequencies up by the local minutes of its window.
CREATE INDEX frequency_due_idx ON frequency (node, hour, minutes, day);
CREATE INDEX frequency_cron_idx ON frequency (node, cron);

-- One row per occurrence, claimed by inserting it: the unique key makes a run happen at most once.
CREATE TABLE run (
    run_id        TEXT    NOT NULL PRIMARY KEY,
    node          TEXT    NOT NULL,
    strategy_id   TEXT    NOT NULL,
    scheduled_for TEXT    NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'timed_out', 'missed', 'skipped', 'interrupted')),
    exit_code     INTEGER,
    run_trigger   TEXT    NOT NULL CHECK (run_trigger IN ('scheduled', 'manual', 'monitor')),
    host          TEXT,
    pid           INTEGER,
    owner_lock    TEXT,
    CONSTRAINT run_occurrence_uk UNIQUE (strategy_id, node, scheduled_for)
);
CREATE INDEX run_node_status_idx ON run (node, status);
CREATE INDEX run_scheduled_idx ON run (scheduled_for);

CREATE TABLE log (
    run_id      TEXT NOT NULL PRIMARY KEY,
    node        TEXT NOT NULL,
    strategy_id TEXT NOT NULL,
    moment      TEXT NOT NULL,
    log         TEXT
);

CREATE TABLE error (
    error_id    TEXT NOT NULL PRIMARY KEY,
    run_id      TEXT,
    node        TEXT NOT NULL,
    strategy_id TEXT,
    moment      TEXT NOT NULL,
    message     TEXT NOT NULL,
    codes       TEXT
);
CREATE INDEX error_moment_idx ON error (moment);
CREATE INDEX error_run_idx ON error (run_id);
