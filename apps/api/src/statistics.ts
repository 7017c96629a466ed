import { analyzeTables, autovacuumRuns, type DatabaseHandle, tablesToAnalyze } from '@arv/db';
import { startPeriodicJob } from './periodicJob.js';

export interface StatisticsOptions {
  intervalSeconds: number;
  log: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * Analyzes the tables that have outgrown their planner statistics, where no autovacuum does: PGlite, or
 * a server with autovacuum off. Without it, a statement planned while a table was small kept its plan
 * (PL/pgSQL and prepared statements keep plans until the table's statistics change): the insert
 * trigger's check for other views of a session scanned the whole sessions table, and each start cost
 * more the more there were (packages/db/test/statistics.test.ts).
 */
export function startStatistics(
  database: Pick<DatabaseHandle, 'maintenance' | 'driver'>,
  options: StatisticsOptions,
) {
  const db = database.maintenance;
  const runOnce = async () => {
    if (await autovacuumRuns(database)) return [];
    const tables = await tablesToAnalyze(db);
    if (tables.length === 0) return [];
    const started = performance.now();
    await analyzeTables(db, tables);
    options.log({ tables, ms: Math.round(performance.now() - started) }, 'statistics: tables analyzed');
    return tables;
  };
  return startPeriodicJob(runOnce, {
    intervalMs: options.intervalSeconds * 1000,
    atStart: true,
    failed: [] as string[],
    onError: (err) => options.log({ err }, 'statistics: run failed; next try at the next interval'),
  });
}
