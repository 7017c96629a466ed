import { randomInt } from 'node:crypto';
import type { Database } from '@arv/db';
import type postgres from 'postgres';
import type { Catalog } from './catalog.js';
import { createLegacyTable, legacyTable } from './legacyTable.js';
import { type LoadResult, type LoadTarget, runLoad } from './load.js';
import { say } from './log.js';
import { rollUpAll } from './rollups.js';
import { sampleRss } from './rss.js';
import type { Child } from './servers/child.js';
import { startBaseline, startCeiling } from './servers/scripts.js';
import { checkStored, type StorageCheck } from './stored.js';

export type IngestName = 'ceiling' | 'baseline' | 'REST' | 'tRPC';

export interface IngestRun {
  name: IngestName;
  load: Omit<LoadResult, 'acked' | 'answered' | 'sent'>;
  /** Rows against acknowledgements; the ceiling stores nothing. */
  storage?: StorageCheck;
  /** The API process's largest resident set during its runs; ours only. */
  maxRssBytes?: number;
  /** How the server ended, when it ended before it was stopped. */
  crashed?: string;
}

export interface IngestOptions {
  sql: postgres.Sql;
  db: Database;
  databaseUrl: string;
  catalog: Catalog;
  /** Starts the API; it is not running while the ceiling and the baseline are measured. */
  startApi(): Promise<Child>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

// A phone's browser, as the viewer sends it; the run's name is appended to the body's user_agent so that
// each run's rows can be told apart afterwards.
const phone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** The legacy start body, as the AR viewer posts it; tRPC takes the same object as its input. */
function startTarget(baseUrl: string, path: string, catalog: Catalog, tag: string): LoadTarget {
  return {
    baseUrl,
    path,
    body: (sessionId) => ({
      session_id: sessionId,
      portrait_id: catalog.active[randomInt(catalog.active.length)]?.uniqueId,
      user_agent: tag,
      device_type: 'mobile',
      browser: 'Safari',
      os: 'iOS',
    }),
  };
}

const tagOf = (name: string, phase: 'warmup' | 'run') => `${phone} arv-bench/${name}-${phase}-${process.pid}`;

async function measure(name: IngestName, server: Child, path: string, options: IngestOptions) {
  const load = { connections: options.connections, userAgent: phone };
  say(`ingest ${name}: ${options.warmupSeconds} s warm-up, ${options.seconds} s measured`);
  await runLoad(startTarget(server.url, path, options.catalog, tagOf(name, 'warmup')), {
    ...load,
    seconds: options.warmupSeconds,
  });
  const tag = tagOf(name, 'run');
  const result = await runLoad(startTarget(server.url, path, options.catalog, tag), {
    ...load,
    seconds: options.seconds,
  });
  const { acked, answered, sent, ...figures } = result;
  const exit = server.exited();
  return {
    tag,
    result,
    run: { name, load: figures, crashed: exit === undefined ? undefined : String(exit) },
  };
}

async function ceilingRun(options: IngestOptions): Promise<IngestRun> {
  const server = await startCeiling();
  try {
    return (await measure('ceiling', server, '/', options)).run;
  } finally {
    await server.stop();
  }
}

async function baselineRun(options: IngestOptions): Promise<IngestRun> {
  const server = await startBaseline(options.databaseUrl, options.connections);
  try {
    const { tag, result, run } = await measure('baseline', server, '/api/analytics/ar-session', options);
    return { ...run, storage: await checkStored(options.sql, legacyTable, tag, result) };
  } finally {
    await server.stop();
  }
}

async function ourRun(
  name: 'REST' | 'tRPC',
  api: Child,
  path: string,
  options: IngestOptions,
): Promise<IngestRun> {
  // The server's rollup job would otherwise fold the previous run's rows in during this one: each run
  // pays for the rollups of its own rows only.
  await rollUpAll(options.db);
  const rss = sampleRss(api.pid);
  const { tag, result, run } = await measure(name, api, path, options);
  const maxRssBytes = rss.stop();
  return { ...run, maxRssBytes, storage: await checkStored(options.sql, 'ar_view_sessions', tag, result) };
}

/**
 * The four ingest runs, one after another on the same machine and database. The ceiling and the
 * baseline run without our API, whose rollup job would otherwise spend the machine's cores beside them.
 * Resolves to the runs and the API started for ours, left running for the reads that follow.
 */
export async function runIngest(options: IngestOptions): Promise<{ runs: IngestRun[]; api: Child }> {
  await createLegacyTable(options.sql);
  const ceiling = await ceilingRun(options);
  const baseline = await baselineRun(options);
  const api = await options.startApi();
  return {
    runs: [
      ceiling,
      baseline,
      await ourRun('REST', api, '/api/analytics/ar-session', options),
      await ourRun('tRPC', api, '/trpc/tracking.start', options),
    ],
    api,
  };
}
