-- Migration 0008 priced sequential scans out of the fold, and the planner adds that price (10^10) to the
-- scans it cannot avoid, such as the one that takes rows from the log: every fold's cost passed the JIT
-- thresholds, and PostgreSQL compiled and optimised 59 functions with LLVM for each run, about 1.5 s of
-- CPU every 2 s under steady ingest for a statement of a few milliseconds (LLVM was 44% of PostgreSQL's
-- CPU in a profile of REST starts). The fold reads a few thousand rows per run: nothing to compile.
ALTER FUNCTION arv_roll_up_changes(integer) SET jit = off;
