-- backupctl schema, version 8 (Oracle): each strategy's latest run ('run', not skipped), latest
-- finished run ('ended') and latest success in run_latest, and the runs per node and status in
-- run_tally, kept by one trigger as runs are written, as on SQLite and PostgreSQL (version 7 there):
-- status, check, the report and prune read the same tables on every database.
--
-- Written to Oracle's documented rules, for writers in concurrent sessions:
-- * A row trigger may not read the table it fires on (ORA-04091, "mutating table"; PL/SQL
--   Language Reference, "Mutating-Table Restriction"). Each run's write moves its strategy's
--   rows forward from the run's own :NEW values, reading only run_latest; what needs `run` read
--   again (a summarised run deleted, moved to another strategy or node, or no longer qualifying)
--   is noted per row and done at the AFTER STATEMENT point of the compound trigger, where the
--   restriction no longer applies (PL/SQL Language Reference, "Compound DML Triggers": "Using
--   Compound DML Triggers to Avoid Mutating-Table Error").
-- * MERGE is no atomic upsert in Oracle: two sessions can both find no row and both insert, and
--   the second gets ORA-00001. Every write here is an UPDATE of the existing row and, when there
--   is none, an INSERT whose DUP_VAL_ON_INDEX (the row a concurrent session inserted meanwhile)
--   falls back to the UPDATE. A row only moves forward (a later run, or the same run changed).
-- * One run's write touches only its own strategy's rows, in one order (run, ended, success), and
--   its node's tally row: a session waits at most for another session's write of the same rows.
--
-- The rows already kept are filled in before the trigger exists (Oracle commits each DDL statement,
-- so nothing holds writers off between the two): upgrade while no tick writes, as any
-- install-schema on a central store is done. Each statement may be run again after a failure.

CREATE TABLE run_latest (
    node          VARCHAR2(64 CHAR)  NOT NULL,
    strategy_id   VARCHAR2(25 CHAR)  NOT NULL,
    kind          VARCHAR2(7 CHAR)   NOT NULL,
    run_id        VARCHAR2(40 CHAR)  NOT NULL,
    scheduled_for TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR2(12 CHAR)  NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    warnings      VARCHAR2(4000 CHAR),
    CONSTRAINT run_latest_pk PRIMARY KEY (node, strategy_id, kind),
    CONSTRAINT run_latest_kind_ck CHECK (kind IN ('run', 'ended', 'success'))
)/*TABLESPACE*/;

CREATE TABLE run_tally (
    node   VARCHAR2(64 CHAR) NOT NULL,
    status VARCHAR2(12 CHAR) NOT NULL,
    n      NUMBER(19)        NOT NULL,
    CONSTRAINT run_tally_pk PRIMARY KEY (node, status)
)/*TABLESPACE*/;

-- Whether a run of p_status stands for p_kind: 1 or 0.
CREATE OR REPLACE FUNCTION run_latest_qualifies(p_kind IN VARCHAR2, p_status IN VARCHAR2)
RETURN NUMBER DETERMINISTIC IS
BEGIN
    IF p_kind = 'run' THEN
        RETURN CASE WHEN p_status <> 'skipped' THEN 1 ELSE 0 END;
    ELSIF p_kind = 'ended' THEN
        RETURN CASE WHEN p_status NOT IN ('skipped', 'running') THEN 1 ELSE 0 END;
    END IF;
    RETURN CASE WHEN p_status = 'succeeded' THEN 1 ELSE 0 END;
END run_latest_qualifies;
/

-- Move a strategy's row of each kind the run qualifies for forward to the run.
CREATE OR REPLACE PROCEDURE run_latest_forward(
    p_node IN VARCHAR2, p_strategy IN VARCHAR2, p_run_id IN VARCHAR2,
    p_at IN TIMESTAMP WITH TIME ZONE, p_status IN VARCHAR2,
    p_started IN TIMESTAMP WITH TIME ZONE, p_finished IN TIMESTAMP WITH TIME ZONE,
    p_warnings IN VARCHAR2
) IS
    TYPE kinds_t IS VARRAY(3) OF VARCHAR2(7 CHAR);
    kinds kinds_t := kinds_t('run', 'ended', 'success');
    v_kind VARCHAR2(7 CHAR);
    moved PLS_INTEGER;
    -- How many rows the UPDATE moved forward (0 or 1).
    FUNCTION move_forward(p_kind IN VARCHAR2) RETURN PLS_INTEGER IS
    BEGIN
        UPDATE run_latest
           SET run_id = p_run_id, scheduled_for = p_at, status = p_status,
               started_at = p_started, finished_at = p_finished, warnings = p_warnings
         WHERE node = p_node AND strategy_id = p_strategy AND kind = p_kind
           AND (scheduled_for < p_at OR run_id = p_run_id);
        RETURN SQL%ROWCOUNT;
    END move_forward;
BEGIN
    FOR i IN 1 .. kinds.COUNT LOOP
        v_kind := kinds(i);
        IF run_latest_qualifies(v_kind, p_status) = 1 THEN
            moved := move_forward(v_kind);
            IF moved = 0 THEN
                BEGIN
                    INSERT INTO run_latest
                        (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
                    VALUES
                        (p_node, p_strategy, v_kind, p_run_id, p_at, p_status, p_started, p_finished, p_warnings);
                EXCEPTION
                    -- A later run holds the row, or a concurrent session inserted it meanwhile.
                    WHEN DUP_VAL_ON_INDEX THEN
                        moved := move_forward(v_kind);
                END;
            END IF;
        END IF;
    END LOOP;
END run_latest_forward;
/

-- Read a strategy's rows again from run (its latest run of each kind).
CREATE OR REPLACE PROCEDURE run_latest_refresh(p_node IN VARCHAR2, p_strategy IN VARCHAR2) IS
    TYPE kinds_t IS VARRAY(3) OF VARCHAR2(7 CHAR);
    kinds kinds_t := kinds_t('run', 'ended', 'success');
    v_kind VARCHAR2(7 CHAR);
BEGIN
    DELETE FROM run_latest WHERE node = p_node AND strategy_id = p_strategy;
    FOR i IN 1 .. kinds.COUNT LOOP
        v_kind := kinds(i);
        FOR r IN (
            SELECT run_id, scheduled_for, status, started_at, finished_at, warnings
              FROM run
             WHERE node = p_node AND strategy_id = p_strategy
               AND run_latest_qualifies(v_kind, status) = 1
             ORDER BY scheduled_for DESC
             FETCH FIRST 1 ROWS ONLY
        ) LOOP
            run_latest_forward(p_node, p_strategy, r.run_id, r.scheduled_for, r.status,
                               r.started_at, r.finished_at, r.warnings);
        END LOOP;
    END LOOP;
END run_latest_refresh;
/

-- Add p_n (which may be negative) to the runs of p_node with p_status.
CREATE OR REPLACE PROCEDURE run_tally_add(p_node IN VARCHAR2, p_status IN VARCHAR2, p_n IN NUMBER) IS
BEGIN
    UPDATE run_tally SET n = n + p_n WHERE node = p_node AND status = p_status;
    IF SQL%ROWCOUNT = 0 THEN
        BEGIN
            INSERT INTO run_tally (node, status, n) VALUES (p_node, p_status, p_n);
        EXCEPTION
            -- A concurrent session inserted it meanwhile.
            WHEN DUP_VAL_ON_INDEX THEN
                UPDATE run_tally SET n = n + p_n WHERE node = p_node AND status = p_status;
        END;
    END IF;
END run_tally_add;
/

-- The rows of the runs already kept (none when the statement runs again).
INSERT INTO run_tally (node, status, n)
SELECT node, status, COUNT(*) FROM run
 WHERE NOT EXISTS (SELECT 1 FROM run_tally)
 GROUP BY node, status;

INSERT INTO run_latest (node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings)
SELECT node, strategy_id, kind, run_id, scheduled_for, status, started_at, finished_at, warnings
  FROM (SELECT r.node, r.strategy_id, k.kind, r.run_id, r.scheduled_for, r.status,
               r.started_at, r.finished_at, r.warnings,
               ROW_NUMBER() OVER (PARTITION BY r.node, r.strategy_id, k.kind
                                  ORDER BY r.scheduled_for DESC) AS pick
          FROM run r
         CROSS JOIN (SELECT 'run' AS kind FROM dual
                     UNION ALL SELECT 'ended' FROM dual
                     UNION ALL SELECT 'success' FROM dual) k
         WHERE run_latest_qualifies(k.kind, r.status) = 1
           AND NOT EXISTS (SELECT 1 FROM run_latest))
 WHERE pick = 1;

COMMIT;

-- Fired by every write of run but those that change none of the columns kept (the pushed flag,
-- the revision, the owner's pid).
CREATE OR REPLACE TRIGGER run_summary_keep
FOR INSERT OR DELETE OR UPDATE OF node, strategy_id, scheduled_for, status, started_at, finished_at, warnings ON run
COMPOUND TRIGGER
    -- Strategies to read again from run (one may be noted more than once: a refresh is
    -- idempotent).
    TYPE key_t IS RECORD (node run.node%TYPE, strategy_id run.strategy_id%TYPE);
    TYPE keys_t IS TABLE OF key_t;
    stale keys_t := keys_t();

    PROCEDURE note(p_node IN VARCHAR2, p_strategy IN VARCHAR2) IS
    BEGIN
        stale.EXTEND;
        stale(stale.LAST).node := p_node;
        stale(stale.LAST).strategy_id := p_strategy;
    END note;

    PROCEDURE note_if_kept(p_node IN VARCHAR2, p_strategy IN VARCHAR2, p_run_id IN VARCHAR2) IS
        kept PLS_INTEGER;
    BEGIN
        SELECT COUNT(*) INTO kept FROM run_latest
         WHERE node = p_node AND strategy_id = p_strategy AND run_id = p_run_id;
        IF kept > 0 THEN
            note(p_node, p_strategy);
        END IF;
    END note_if_kept;

    AFTER EACH ROW IS
        demoted PLS_INTEGER := 0;
    BEGIN
        IF INSERTING OR DELETING THEN
            NULL;
        ELSIF :OLD.node <> :NEW.node OR :OLD.strategy_id <> :NEW.strategy_id
              OR :OLD.scheduled_for <> :NEW.scheduled_for THEN
            note_if_kept(:OLD.node, :OLD.strategy_id, :OLD.run_id);
        ELSE
            SELECT COUNT(*) INTO demoted FROM run_latest
             WHERE node = :NEW.node AND strategy_id = :NEW.strategy_id AND run_id = :NEW.run_id
               AND run_latest_qualifies(kind, :NEW.status) = 0;
            IF demoted > 0 THEN
                note(:NEW.node, :NEW.strategy_id);
            END IF;
        END IF;
        IF DELETING THEN
            note_if_kept(:OLD.node, :OLD.strategy_id, :OLD.run_id);
            run_tally_add(:OLD.node, :OLD.status, -1);
        ELSIF INSERTING THEN
            run_tally_add(:NEW.node, :NEW.status, 1);
        ELSIF :OLD.node <> :NEW.node OR :OLD.status <> :NEW.status THEN
            run_tally_add(:OLD.node, :OLD.status, -1);
            run_tally_add(:NEW.node, :NEW.status, 1);
        END IF;
        IF NOT DELETING AND demoted = 0 THEN
            run_latest_forward(:NEW.node, :NEW.strategy_id, :NEW.run_id, :NEW.scheduled_for,
                               :NEW.status, :NEW.started_at, :NEW.finished_at, :NEW.warnings);
        END IF;
    END AFTER EACH ROW;

    AFTER STATEMENT IS
    BEGIN
        FOR i IN 1 .. stale.COUNT LOOP
            run_latest_refresh(stale(i).node, stale(i).strategy_id);
        END LOOP;
    END AFTER STATEMENT;
END run_summary_keep;
/
