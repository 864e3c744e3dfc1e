-- backupctl schema, version 9 (PostgreSQL): run_tally counts the runs that reached each status, as
-- a Prometheus counter must (it never goes down but when its process restarts): a run counts once
-- for each status it enters, and nothing that deletes runs (prune, remove --purge) takes it back.
-- The triggers of version 7 stay; the function they call no longer subtracts.
CREATE OR REPLACE FUNCTION run_tally_keep() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO run_tally (node, status, n)
        SELECT node, status, COUNT(*) FROM new_rows GROUP BY node, status ORDER BY node, status
        ON CONFLICT (node, status) DO UPDATE SET n = run_tally.n + excluded.n;
    ELSIF TG_OP = 'UPDATE' THEN
        -- The runs whose node or status changed count once more, under their new ones.
        INSERT INTO run_tally (node, status, n)
        SELECT n.node, n.status, COUNT(*)
          FROM old_rows o JOIN new_rows n ON n.run_id = o.run_id
         WHERE o.node <> n.node OR o.status <> n.status
         GROUP BY n.node, n.status ORDER BY n.node, n.status
        ON CONFLICT (node, status) DO UPDATE SET n = run_tally.n + excluded.n;
    END IF;
    RETURN NULL;
END
$$;

-- As in version 7: the function finds its table in the schema it was installed in.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION run_tally_keep() SET search_path = %I, pg_temp', current_schema());
END
$$;
