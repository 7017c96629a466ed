import type { AppRouter } from '@arv/api-contract';
import { createTRPCClient, httpLink } from '@trpc/client';
import { atMoment } from './clock.js';
import { differences } from './compare.js';
import type { Caller } from './naive.js';
import { progressBar } from './progress.js';
import type { Api, ReadCase } from './readCases.js';
import { type Timings, timeCalls } from './stats.js';

const warmupCalls = 3;
const compareAttempts = 3;

export interface ReadResult {
  figure: string;
  ours: Timings;
  naive: Timings;
  equal: boolean;
  /** The first differences of the last comparison, or why a call failed. */
  differences: string[];
}

export interface ReadOptions {
  apiUrl: string;
  token: string;
  caller: Caller;
  cases: ReadCase[];
  ourCalls: number;
  naiveCalls: number;
}

/** A typed client as an integrator's: one HTTP request per call, no batching. */
export function apiClient(apiUrl: string, token: string): Api {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

/** What the naive answer looks like on the wire: dates as ISO strings, no undefined fields. */
const asOnTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * The differences of the last comparison, and how long each naive call of the comparisons took. The
 * server took its clock once while we waited for its answer, and the 30- and 60-day windows' edges move
 * with it through views as dense as anywhere: the naive answer is asked at the moment the request was
 * sent and, if that differs, at the moment the answer came (a view crossing an edge in between), and
 * ours must equal one of them. The server and this process read the same clock.
 */
async function compare(item: ReadCase, api: Api, caller: Caller) {
  let found: string[] = [];
  const naiveMs: number[] = [];
  const naiveAt = async (moment: number) => {
    const began = performance.now();
    const naive = asOnTheWire(await atMoment(moment, () => item.naive(caller)));
    naiveMs.push(performance.now() - began);
    return naive;
  };
  for (let attempt = 0; attempt < compareAttempts; attempt++) {
    const sent = Date.now();
    const ours = await item.ours(api);
    const answered = Date.now();
    found = differences(ours, await naiveAt(sent));
    if (found.length > 0 && answered !== sent && differences(ours, await naiveAt(answered)).length === 0)
      found = [];
    if (found.length === 0) break;
  }
  return { found, naiveMs };
}

async function readOne(item: ReadCase, api: Api, options: ReadOptions): Promise<ReadResult> {
  const failed: Timings = { calls: 0, p50Ms: Number.NaN, p95Ms: Number.NaN };
  try {
    const { found, naiveMs } = await compare(item, api, options.caller);
    // Warmed after the comparison: a naive call (seconds of scans at 10M) between the warm-up and the
    // timed calls left their p95s 13% higher (sum over 56 figures at 3M, 520 against 458 ms).
    for (let i = 0; i < warmupCalls; i++) await item.ours(api);
    const ours = await timeCalls(options.ourCalls, () => item.ours(api));
    // The comparison's naive calls are timed samples too: at 10M sessions one naive call takes seconds.
    const naive = await timeCalls(
      options.naiveCalls - naiveMs.length,
      () => item.naive(options.caller),
      naiveMs,
    );
    return { figure: item.figure, ours, naive, equal: found.length === 0, differences: found };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      figure: item.figure,
      ours: failed,
      naive: failed,
      equal: false,
      differences: [`failed: ${message}`],
    };
  }
}

/** Every read figure: timed through the server and naively in-process, and the two answers compared. */
export async function runReads(options: ReadOptions): Promise<ReadResult[]> {
  const api = apiClient(options.apiUrl, options.token);
  const bar = progressBar('reads   ', 'figures', options.cases.length);
  const results: ReadResult[] = [];
  try {
    for (const item of options.cases) {
      results.push(await readOne(item, api, options));
      bar.update(results.length);
    }
  } finally {
    bar.stop();
  }
  return results;
}
