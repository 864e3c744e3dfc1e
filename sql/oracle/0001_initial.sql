-- backupctl schema, version 1 (Oracle Database 12c or later).
-- Table and column names follow the reference BackupExecutor schema where it had them.
-- Plain statements end with ";", PL/SQL blocks with a line holding "/", as SQL*Plus reads them.

CREATE TABLE node (
    node        VARCHAR2(64 CHAR)  NOT NULL,
    timezone    VARCHAR2(64 CHAR)  NOT NULL,
    last_tick   TIMESTAMP WITH TIME ZONE,
    last_check  TIMESTAMP WITH TIME ZONE,
    last_seen   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT node_pk PRIMARY KEY (node)
)/*TABLESPACE*/;

CREATE TABLE connection (
    node              VARCHAR2(64 CHAR)  NOT NULL,
    conn_id           VARCHAR2(25 CHAR)  NOT NULL,
    conn_name         VARCHAR2(70 CHAR)  NOT NULL,
    database_instance VARCHAR2(70 CHAR)  NOT NULL,
    ip                VARCHAR2(255 CHAR) NOT NULL,
    port              NUMBER(5)     DEFAULT 1521 NOT NULL,
    credential        VARCHAR2(200 CHAR) DEFAULT 'os' NOT NULL,
    alive             NUMBER(1)     DEFAULT 1 NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT connection_pk PRIMARY KEY (node, conn_id),
    CONSTRAINT connection_port_ck CHECK (port BETWEEN 1 AND 65535),
    CONSTRAINT connection_alive_ck CHECK (alive IN (0, 1))
)/*TABLESPACE*/;

CREATE TABLE strategy (
    node         VARCHAR2(64 CHAR) NOT NULL,
    strategy_id  VARCHAR2(25 CHAR) NOT NULL,
    connection   VARCHAR2(25 CHAR) NOT NULL,
    priority     VARCHAR2(6 CHAR)  DEFAULT 'MEDIUM' NOT NULL,
    alive        NUMBER(1)    DEFAULT 1 NOT NULL,
    timeout_secs NUMBER(10),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT strategy_pk PRIMARY KEY (node, strategy_id),
    CONSTRAINT strategy_connection_fk FOREIGN KEY (node, connection) REFERENCES connection (node, conn_id),
    CONSTRAINT strategy_priority_ck CHECK (priority IN ('HIGH', 'MEDIUM', 'LOW')),
    CONSTRAINT strategy_alive_ck CHECK (alive IN (0, 1)),
    CONSTRAINT strategy_timeout_ck CHECK (timeout_secs > 0)
)/*TABLESPACE*/;

CREATE TABLE strategy_line (
    node        VARCHAR2(64 CHAR)   NOT NULL,
    strategy_id VARCHAR2(25 CHAR)   NOT NULL,
    line_no     NUMBER(6)      NOT NULL,
    line        VARCHAR2(4000 CHAR) NOT NULL,
    CONSTRAINT strategy_line_pk PRIMARY KEY (node, strategy_id, line_no),
    CONSTRAINT strategy_line_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id),
    CONSTRAINT strategy_line_no_ck CHECK (line_no > 0)
)/*TABLESPACE*/;

CREATE TABLE frequency (
    node        VARCHAR2(64 CHAR)  NOT NULL,
    strategy_id VARCHAR2(25 CHAR)  NOT NULL,
    freq_key    VARCHAR2(300 CHAR) NOT NULL,
    day         NUMBER(2),
    hour        NUMBER(2),
    minutes     NUMBER(2),
    cron        VARCHAR2(250 CHAR),
    CONSTRAINT frequency_pk PRIMARY KEY (node, strategy_id, freq_key),
    CONSTRAINT frequency_fk FOREIGN KEY (node, strategy_id) REFERENCES strategy (node, strategy_id),
    CONSTRAINT frequency_day_ck CHECK (day BETWEEN -1 AND 6),
    CONSTRAINT frequency_hour_ck CHECK (hour BETWEEN 0 AND 23),
    CONSTRAINT frequency_minutes_ck CHECK (minutes BETWEEN 0 AND 59),
    CONSTRAINT frequency_rule_ck CHECK (
        (cron IS NULL AND day IS NOT NULL AND hour IS NOT NULL AND minutes IS NOT NULL)
        OR (cron IS NOT NULL AND day IS NULL AND hour IS NULL AND minutes IS NULL))
)/*TABLESPACE*/;
CREATE INDEX frequency_due_idx ON frequency (node, hour, minutes, day)/*TABLESPACE*/;
CREATE INDEX frequency_cron_idx ON frequency (node, cron)/*TABLESPACE*/;

CREATE TABLE run (
    run_id        VARCHAR2(40 CHAR) NOT NULL,
    node          VARCHAR2(64 CHAR) NOT NULL,
    strategy_id   VARCHAR2(25 CHAR) NOT NULL,
    scheduled_for TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR2(12 CHAR) NOT NULL,
    exit_code     NUMBER(10),
    run_trigger   VARCHAR2(10 CHAR) NOT NULL,
    host          VARCHAR2(255 CHAR),
    pid           NUMBER(19),
    owner_lock    VARCHAR2(1000 CHAR),
    CONSTRAINT run_pk PRIMARY KEY (run_id),
    CONSTRAINT run_status_ck CHECK (status IN ('running', 'succeeded', 'failed', 'timed_out', 'missed', 'skipped', 'interrupted')),
    CONSTRAINT run_trigger_ck CHECK (run_trigger IN ('scheduled', 'manual', 'monitor'))
)/*TABLESPACE*/;
-- One run per occurrence. Not a UNIQUE constraint: Oracle refuses a TIMESTAMP WITH TIME ZONE column
-- in a unique or primary key (ORA-02329), but indexes one through SYS_EXTRACT_UTC, so a unique
-- index compares the instants themselves (SQL Language Reference, CREATE INDEX).
CREATE UNIQUE INDEX run_occurrence_uk ON run (strategy_id, node, scheduled_for)/*TABLESPACE*/;
CREATE INDEX run_node_status_idx ON run (node, status)/*TABLESPACE*/;
CREATE INDEX run_scheduled_idx ON run (scheduled_for)/*TABLESPACE*/;

CREATE TABLE log (
    run_id      VARCHAR2(40 CHAR) NOT NULL,
    node        VARCHAR2(64 CHAR) NOT NULL,
    strategy_id VARCHAR2(25 CHAR) NOT NULL,
    moment      TIMESTAMP WITH TIME ZONE NOT NULL,
    log         CLOB,
    CONSTRAINT log_pk PRIMARY KEY (run_id)
)/*TABLESPACE*/;

CREATE TABLE error (
    error_id    VARCHAR2(40 CHAR)   NOT NULL,
    run_id      VARCHAR2(40 CHAR),
    node        VARCHAR2(64 CHAR)   NOT NULL,
    strategy_id VARCHAR2(25 CHAR),
    moment      TIMESTAMP WITH TIME ZONE NOT NULL,
    message     VARCHAR2(4000 CHAR) NOT NULL,
    codes       VARCHAR2(1000 CHAR),
    CONSTRAINT error_pk PRIMARY KEY (error_id)
)/*TABLESPACE*/;
CREATE INDEX error_moment_idx ON error (moment)/*TABLESPACE*/;
CREATE INDEX error_run_idx ON error (run_id)/*TABLESPACE*/;

-- Helpers for DBAs who query the store by hand. backupctl itself does not call them.

-- Strategies due at a local weekday (0 = Sunday), hour and minute: every-day rows (day = -1)
-- included, dead strategies and connections excluded.
CREATE OR REPLACE FUNCTION scheduled_backups(p_node IN VARCHAR2, p_day IN NUMBER, p_hour IN NUMBER, p_minute IN NUMBER)
  RETURN SYS_REFCURSOR IS
  cr SYS_REFCURSOR;
BEGIN
  OPEN cr FOR
    SELECT f.strategy_id
      FROM frequency f
      JOIN strategy s ON s.node = f.node AND s.strategy_id = f.strategy_id
      JOIN connection c ON c.node = s.node AND c.conn_id = s.connection
     WHERE f.node = p_node
       AND (f.day = p_day OR f.day = -1)
       AND f.hour = p_hour
       AND f.minutes = p_minute
       AND s.alive = 1
       AND c.alive = 1
     ORDER BY DECODE(s.priority, 'HIGH', 1, 'MEDIUM', 2, 3), f.strategy_id;
  RETURN cr;
END;
/

-- A strategy's script in order.
CREATE OR REPLACE FUNCTION strategy_instructions(p_node IN VARCHAR2, p_strategy IN VARCHAR2)
  RETURN SYS_REFCURSOR IS
  cr SYS_REFCURSOR;
BEGIN
  OPEN cr FOR
    SELECT line FROM strategy_line
     WHERE node = p_node AND strategy_id = p_strategy
     ORDER BY line_no;
  RETURN cr;
END;
/

-- Runs of a node scheduled in [p_from, p_to), compared as timestamps, not as formatted text.
CREATE OR REPLACE FUNCTION logged_backups(p_node IN VARCHAR2, p_from IN TIMESTAMP WITH TIME ZONE, p_to IN TIMESTAMP WITH TIME ZONE)
  RETURN SYS_REFCURSOR IS
  cr SYS_REFCURSOR;
BEGIN
  OPEN cr FOR
    SELECT run_id, strategy_id, scheduled_for, status
      FROM run
     WHERE node = p_node
       AND scheduled_for >= p_from
       AND scheduled_for < p_to
     ORDER BY scheduled_for;
  RETURN cr;
END;
/
