-- The fold deletes the rows it takes by ctid = ANY(array of ctids). Planned while the change log is tiny
-- (right after a fold and its VACUUM), that is a sequential scan testing each row against the array, and
-- PL/pgSQL keeps that plan: once the log has grown (a burst of views, a job that could not run for a
-- while) every fold compares every row with up to max_rows ctids. A 9-million-row log held one fold of
-- 50,000 for over 25 minutes; a 200,000-row log took 37 s instead of 0.08 s. With sequential scans
-- priced out, the DELETE fetches exactly the rows it took (a TID scan) whatever the statistics said;
-- the rest of the function has no scan to choose, and taking the rows still reads the log in order.
ALTER FUNCTION arv_roll_up_changes(integer) SET enable_seqscan = off;
