import { randomInt, randomUUID } from 'node:crypto';
import type { Database } from '@arv/db';
import type postgres from 'postgres';
import type { Catalog } from './catalog.js';
import { createLegacyTable, indexLegacySessionIds, legacyTable } from './legacyTable.js';
import { type LoadRequest, type LoadResult, type LoadTarget, runLoad } from './load.js';
import { say } from './log.js';
import { rollUpAll } from './rollups.js';
import { sampleRss } from './rss.js';
import type { Child } from './servers/child.js';
import { startBaseline, startCeiling } from './servers/scripts.js';
import { percentile } from './stats.js';
import { checkEnded, checkStored, type StorageCheck } from './stored.js';

export type IngestName = 'ceiling' | 'baseline' | 'REST' | 'tRPC' | 'baseline end' | 'REST end' | 'tRPC end';

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

type Phase = 'warmup' | 'run';

/** Every request starts a session of its own, with the legacy start body as the AR viewer posts it. */
function starts(path: string, catalog: Catalog) {
  return (baseUrl: string, tag: string): LoadTarget => ({
    baseUrl,
    next() {
      const sessionId = randomUUID();
      const body = {
        session_id: sessionId,
        portrait_id: catalog.active[randomInt(catalog.active.length)]?.uniqueId,
        user_agent: tag,
        device_type: 'mobile',
        browser: 'Safari',
        os: 'iOS',
      };
      return { sessionId, path, body };
    },
  });
}

type EndRequest = (sessionId: string, durationSeconds: number) => Omit<LoadRequest, 'sessionId'>;

/** The legacy end route (also the baseline's), and tRPC's end. */
const restEnd: EndRequest = (sessionId, duration_seconds) => ({
  path: `/api/analytics/ar-session/${sessionId}/end`,
  body: { duration_seconds },
});
const trpcEnd: EndRequest = (sessionId, duration_seconds) => ({
  path: '/trpc/tracking.end',
  body: { session_id: sessionId, duration_seconds },
});

/**
 * Ends of the sessions a start contender got acknowledged, taken in turn (again from the first when all
 * have been ended). Durations run 1 to 86,400 s in turn, so a session ended again gets a new one and the
 * stored duration tells which end won.
 */
function ends(started: Contender, request: EndRequest) {
  let sent = 0;
  let ids: string[] | undefined;
  return (baseUrl: string): LoadTarget => ({
    baseUrl,
    next() {
      // Read once the starts have run.
      ids ??= started.results.flatMap((r) => [...r.acked.keys()]);
      const sessionId = ids[sent % ids.length] as string;
      const durationSeconds = (sent++ % 86_400) + 1;
      return { sessionId, ...request(sessionId, durationSeconds) };
    },
  });
}

const tagOf = (name: string, phase: Phase) => `${phone} arv-bench/${name}-${phase}-${process.pid}`;

interface Contender {
  name: IngestName;
  server: Child;
  target: (baseUrl: string, tag: string) => LoadTarget;
  /** The table its rows go to; none for the ceiling. */
  table?: string;
  /** Ends change stored sessions instead of adding rows. */
  ends: boolean;
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
  // Later rounds after earlier ones, so that a session's latest request is the one kept.
  const merge = (pick: (r: LoadResult) => Map<string, unknown>) =>
    new Map(results.flatMap((r) => [...pick(r)]));
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
    acked: merge((r) => r.acked),
    answered: new Set(results.flatMap((r) => [...r.answered])),
    sent: merge((r) => r.sent),
  };
}

/** Loads one contender for some seconds, its rows tagged with the phase. */
function drive(contender: Contender, phase: Phase, seconds: number, options: IngestOptions) {
  const { server, target, name } = contender;
  return runLoad(target(server.url, tagOf(name, phase)), {
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
    storage: !contender.table
      ? undefined
      : contender.ends
        ? await checkEnded(options.sql, contender.table, load)
        : await checkStored(options.sql, contender.table, tagOf(contender.name, 'run'), load),
    maxRssBytes: contender.ours ? contender.maxRssBytes : undefined,
    crashed: exit === undefined ? undefined : String(exit),
  };
}

/**
 * Runs contenders in interleaved rounds: every round gives each its turn, starting one further along each
 * time, and each one's figures are its rounds together. A machine whose speed drifts over a minute (these
 * do, by 20% and more) then shifts all of them alike instead of the ones that happened to run last. Only
 * the one under load is busy: the others wait idle, our API's rollup job included (see `round`).
 */
async function interleave(contenders: Contender[], options: IngestOptions, what: string) {
  for (const c of contenders) {
    say(`ingest ${c.name}: ${options.warmupSeconds} s warm-up`);
    await drive(c, 'warmup', options.warmupSeconds, options);
  }
  const seconds = Math.max(1, Math.round(options.seconds / options.rounds));
  for (let r = 0; r < options.rounds; r++) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length] as Contender);
    say(
      `ingest ${what} round ${r + 1} of ${options.rounds}: ${order.map((c) => c.name).join(', ')}, ${seconds} s each`,
    );
    for (const c of order) await round(c, options, seconds);
  }
}

/**
 * Starts, then ends: the four start contenders (the bare ceiling, the legacy-style baseline, our REST and
 * tRPC routes), then the ends of the sessions each started. The legacy service had no end route; the
 * baseline's is one UPDATE per end, by session id, on an index added for it after its starts were measured.
 */
export async function runIngest(options: IngestOptions): Promise<IngestRun[]> {
  await createLegacyTable(options.sql);
  const ceiling = await startCeiling();
  const baseline = await startBaseline(options.databaseUrl, options.connections);
  const { api } = options;
  const contender = (
    name: IngestName,
    server: Child,
    target: Contender['target'],
    table?: string,
    ends = false,
  ): Contender => ({ name, server, target, table, ends, ours: server === api, results: [], maxRssBytes: 0 });
  const { catalog } = options;
  const ceilingStarts = contender('ceiling', ceiling, starts('/', catalog));
  const baselineStarts = contender(
    'baseline',
    baseline,
    starts('/api/analytics/ar-session', catalog),
    legacyTable,
  );
  const restStarts = contender('REST', api, starts('/api/analytics/ar-session', catalog), 'ar_view_sessions');
  const trpcStarts = contender('tRPC', api, starts('/trpc/tracking.start', catalog), 'ar_view_sessions');
  try {
    const startContenders = [ceilingStarts, baselineStarts, restStarts, trpcStarts];
    await interleave(startContenders, options, 'start');
    await indexLegacySessionIds(options.sql);
    const endContenders = [
      contender('baseline end', baseline, ends(baselineStarts, restEnd), legacyTable, true),
      // Each ends the sessions its own route started, so that no other run's end overwrites what it checks.
      contender('REST end', api, ends(restStarts, restEnd), 'ar_view_sessions', true),
      contender('tRPC end', api, ends(trpcStarts, trpcEnd), 'ar_view_sessions', true),
    ];
    await interleave(endContenders, options, 'end');
    const runs: IngestRun[] = [];
    for (const c of [...startContenders, ...endContenders]) runs.push(await report(c, options));
    return runs;
  } finally {
    await ceiling.stop();
    await baseline.stop();
  }
}
