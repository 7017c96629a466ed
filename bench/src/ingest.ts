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
import { percentile } from './stats.js';
import { checkStored, type StorageCheck } from './stored.js';

export type IngestName = 'ceiling' | 'baseline' | 'REST' | 'tRPC';

type LoadFigures = Omit<LoadResult, 'acked' | 'answered' | 'sent'>;

export interface IngestRun {
  name: IngestName;
  /** All rounds together: requests per second over their measured seconds, the median p50, the worst p99. */
  load: LoadFigures;
  /** Each round's own figures, in the order they ran. */
  rounds: LoadFigures[];
  /** Rows against acknowledgements; the ceiling stores nothing. */
  storage?: StorageCheck;
  /** The API process's largest resident set during its rounds; ours only. */
  maxRssBytes?: number;
  /** How the server ended, when it ended before it was stopped. */
  crashed?: string;
}

export interface IngestOptions {
  sql: postgres.Sql;
  db: Database;
  databaseUrl: string;
  catalog: Catalog;
  /** The running API: measured as it served the reads before. */
  api: Child;
  connections: number;
  /** Measured seconds per server, split evenly over the rounds. */
  seconds: number;
  /** Rounds in which every server takes its turn, so that a machine's drift falls on all of them alike. */
  rounds: number;
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

interface Contender {
  name: IngestName;
  server: Child;
  path: string;
  /** The table its rows go to; none for the ceiling. */
  table?: string;
  ours: boolean;
  results: LoadResult[];
  maxRssBytes: number;
}

function figuresOf({ acked, answered, sent, ...figures }: LoadResult): LoadFigures {
  return figures;
}

/** One load result for all of a contender's rounds: its sessions together, its rates over all its seconds. */
function combine(results: LoadResult[]): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const seconds = sum((r) => r.seconds);
  const union = (pick: (r: LoadResult) => Set<string>) => new Set(results.flatMap((r) => [...pick(r)]));
  return {
    seconds,
    requestsPerSecond: sum((r) => r.requestsPerSecond * r.seconds) / seconds,
    p50Ms: percentile(
      results.map((r) => r.p50Ms),
      50,
    ),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    acked: union((r) => r.acked),
    answered: union((r) => r.answered),
    sent: union((r) => r.sent),
  };
}

/** Loads one contender for some seconds, its rows tagged with the phase. */
function drive(contender: Contender, phase: 'warmup' | 'run', seconds: number, options: IngestOptions) {
  const { server, path, name } = contender;
  return runLoad(startTarget(server.url, path, options.catalog, tagOf(name, phase)), {
    connections: options.connections,
    userAgent: phone,
    seconds,
  });
}

async function round(contender: Contender, options: IngestOptions, seconds: number) {
  // Each of our rounds pays for folding its own rows only: the ones before it are folded now, outside
  // every measured window, and the API's job finds nothing left to do during the others' rounds.
  await rollUpAll(options.db);
  const rss = contender.ours ? sampleRss(contender.server.pid) : undefined;
  contender.results.push(await drive(contender, 'run', seconds, options));
  contender.maxRssBytes = Math.max(contender.maxRssBytes, rss?.stop() ?? 0);
}

async function report(contender: Contender, options: IngestOptions): Promise<IngestRun> {
  const load = combine(contender.results);
  const exit = contender.server.exited();
  return {
    name: contender.name,
    load: figuresOf(load),
    rounds: contender.results.map(figuresOf),
    storage: contender.table
      ? await checkStored(options.sql, contender.table, tagOf(contender.name, 'run'), load)
      : undefined,
    maxRssBytes: contender.ours ? contender.maxRssBytes : undefined,
    crashed: exit === undefined ? undefined : String(exit),
  };
}

/**
 * The four ingest runs on the same machine and database, interleaved: every round gives each server its
 * turn, starting one further along each time, and each server's figures are its rounds together. A
 * machine whose speed drifts over a minute (these do, by 20% and more) then shifts all of them alike
 * instead of the ones that happened to run last. Only the server under load is busy: the others wait
 * idle, our API's rollup job included (see `round`).
 */
export async function runIngest(options: IngestOptions): Promise<IngestRun[]> {
  await createLegacyTable(options.sql);
  const ceiling = await startCeiling();
  const baseline = await startBaseline(options.databaseUrl, options.connections);
  const { api } = options;
  const contender = (name: IngestName, server: Child, path: string, table?: string): Contender => ({
    name,
    server,
    path,
    table,
    ours: server === api,
    results: [],
    maxRssBytes: 0,
  });
  const contenders = [
    contender('ceiling', ceiling, '/'),
    contender('baseline', baseline, '/api/analytics/ar-session', legacyTable),
    contender('REST', api, '/api/analytics/ar-session', 'ar_view_sessions'),
    contender('tRPC', api, '/trpc/tracking.start', 'ar_view_sessions'),
  ];
  try {
    for (const c of contenders) {
      say(`ingest ${c.name}: ${options.warmupSeconds} s warm-up`);
      await drive(c, 'warmup', options.warmupSeconds, options);
    }
    const seconds = Math.max(1, Math.round(options.seconds / options.rounds));
    for (let r = 0; r < options.rounds; r++) {
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length] as Contender);
      say(
        `ingest round ${r + 1} of ${options.rounds}: ${order.map((c) => c.name).join(', ')}, ${seconds} s each`,
      );
      for (const c of order) await round(c, options, seconds);
    }
    const runs: IngestRun[] = [];
    for (const c of contenders) runs.push(await report(c, options));
    return runs;
  } finally {
    await ceiling.stop();
    await baseline.stop();
  }
}
