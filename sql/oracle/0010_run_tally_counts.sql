-- backupctl schema, version 10 (Oracle): run_tally counts the runs that reached each status, as a
-- Prometheus counter must (it never goes down but when its process restarts): a run counts once
-- for each status it enters, and nothing that deletes runs (prune, remove --purge) takes it back.
-- The trigger of version 8 stays; the procedure it calls ignores what would subtract.

-- Add p_n to the runs of p_node with p_status; a p_n below 1 (a run deleted or leaving the
-- status) changes nothing.
CREATE OR REPLACE PROCEDURE run_tally_add(p_node IN VARCHAR2, p_status IN VARCHAR2, p_n IN NUMBER) IS
BEGIN
    IF p_n < 1 THEN
        RETURN;
    END IF;
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
