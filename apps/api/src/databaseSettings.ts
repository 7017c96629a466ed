/**
 * Server settings for the service's own connections. Every statement the service runs reads rollups and
 * at most hours of raw rows, or writes one batch: none is worth parallel workers. The planner chose them
 * anyway where its estimates ran high: after a burst of views its statistics put a million rows into the
 * minutes a figure reads from rows, and on a 2-core machine the Gather waited 20 to 60 ms for workers to
 * do 0.1 ms of work (auto_explain of the summary). Scripts and the benchmark's naive reference queries
 * keep PostgreSQL's defaults.
 */
export const serviceDatabaseSettings = { max_parallel_workers_per_gather: '0' };
