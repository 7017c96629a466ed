/**
 * Server settings for the service's own connections. Every statement the service runs reads rollups and
 * at most hours of raw rows, or writes one batch: none is worth parallel workers or JIT compilation. The
 * planner chose workers anyway where its estimates ran high: after a burst of views its statistics put a
 * million rows into the minutes a figure reads from rows, and on a 2-core machine the Gather waited 20 to
 * 60 ms for workers to do 0.1 ms of work (auto_explain of the summary). The same estimates, or a cost
 * inflated by an `enable_*` setting, pass the JIT thresholds: compiling the rollup fold with LLVM took
 * about 1.5 s of CPU per run for a statement of a few milliseconds (migration 0009). Scripts and the
 * benchmark's naive reference queries keep PostgreSQL's defaults.
 */
export const serviceDatabaseSettings = { max_parallel_workers_per_gather: '0', jit: 'off' };

/**
 * For the requests' pool alone: plan every read for its own parameters. By default PostgreSQL builds a
 * generic plan of a prepared statement at its sixth run on a connection, weighs it against the custom
 * ones and may keep it. At 10M sessions that build cost a breakdown 20 to 50 ms once per connection (the
 * slowest calls of a figure's 30), and the generic plans it kept for a project's or content item's city
 * breakdown ran at 13 to 14 ms p50 where custom plans ran at 9 (40 calls of each, alternating; the
 * platform's figures alike either way). A generic plan would also keep the `enable_indexscan` it was
 * built under (factRows.ts), inside or outside a figure's transaction. The tracking writes (one statement
 * text per batch, on their own pool) and the jobs keep the default.
 */
export const requestDatabaseSettings = { plan_cache_mode: 'force_custom_plan' };
