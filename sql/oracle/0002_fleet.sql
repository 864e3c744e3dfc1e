-- backupctl schema, version 2 (Oracle): what a slave has pushed to its master, and the master's
-- record of a silent node. rev counts a row's changes; pushed = 1 once that revision is on the master.

ALTER TABLE connection ADD (rev NUMBER(19) DEFAULT 1 NOT NULL, pushed NUMBER(1) DEFAULT 0 NOT NULL);
ALTER TABLE strategy ADD (rev NUMBER(19) DEFAULT 1 NOT NULL, pushed NUMBER(1) DEFAULT 0 NOT NULL);
ALTER TABLE run ADD (rev NUMBER(19) DEFAULT 1 NOT NULL, pushed NUMBER(1) DEFAULT 0 NOT NULL);
ALTER TABLE log ADD (pushed NUMBER(1) DEFAULT 0 NOT NULL);
ALTER TABLE error ADD (pushed NUMBER(1) DEFAULT 0 NOT NULL);
ALTER TABLE node ADD (silence_reported TIMESTAMP WITH TIME ZONE);

CREATE INDEX run_pushed_idx ON run (pushed, node)/*TABLESPACE*/;
CREATE INDEX log_pushed_idx ON log (pushed, node)/*TABLESPACE*/;
CREATE INDEX error_pushed_idx ON error (pushed, node)/*TABLESPACE*/;
