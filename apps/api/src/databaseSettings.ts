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
