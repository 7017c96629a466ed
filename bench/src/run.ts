/**
 * `npm run bench [-- --quick]`: ingest against a bare Node server and a legacy-style server, and every
 * analytics read against the naive SQL, on generated data of growing size, in one run. Prints one table
 * and writes it as JSON under bench/results/. Exits non-zero only on a correctness failure (lost rows,
 * unequal answers, a crashed server); a missed speed target is a FAIL row, not a failed run.
 */
import { createApiToken } from '@arv/db';
import { type BenchOptions, parseOptions } from './args.js';
import { type Catalog, createCatalog } from './catalog.js';
import { cleanUp, cleanUpOnSignals, interrupted } from './cleanup.js';
import { type BenchDatabase, openBenchDatabase } from './database.js';
import { type Generated, generateSessions } from './generate.js';
import { type IngestRun, runIngest } from './ingest.js';
import { say, seconds } from './log.js';
import { describeMachine } from './machine.js';
import { naiveCaller } from './naive.js';
import { readCases } from './readCases.js';
import { type ReadResult, runReads } from './reads.js';
import { writeResults } from './results.js';
import { type RolledUp, rollUpAll } from './rollups.js';
import { growthRows, ingestRows, readRows, type SizeResult, sizeLabel, targets } from './rows.js';
import { startApi } from './servers/api.js';
import type { Child } from './servers/child.js';
import { formatTable, type Row } from './table.js';

interface Size extends SizeResult {
  generated: Generated;
  rollups: RolledUp;
  reads: ReadResult[];
}

interface Setup {
  options: BenchOptions;
  database: BenchDatabase;
  catalog: Catalog;
  token: string;
  /** The run's start: every generated session lies in the 60 days before it or after it. */
  anchor: number;
  /** Writes what has been measured so far, so that a long run cut short still leaves its figures. */
  save(measured: Measured): void;
}

interface Measured {
  sizes: Size[];
  ingestRuns: IngestRun[];
}

/** Grows the data set to `sessions`, brings the rollups up to date and gives the planner fresh statistics. */
async function grow(setup: Setup, from: number, sessions: number) {
  const { sql, handle } = setup.database;
  say(`generating ${(sessions - from).toLocaleString('en-US')} sessions (to ${sizeLabel(sessions)})`);
  const generated = await generateSessions({
    sql,
    catalog: setup.catalog,
    sessions: sessions - from,
    anchor: setup.anchor,
    now: Date.now(),
  });
  await sql`analyze`;
  const rollups = await rollUpAll(handle.db);
  say(`rolled up ${rollups.changes.toLocaleString('en-US')} changes in ${seconds(rollups.ms)}`);
  // What autovacuum would have done by the time a real table had grown this large: index-only scans for
  // the naive counts, and no vacuum running in the middle of the timings.
  await sql`vacuum analyze`;
  return { generated, rollups };
}

async function readAt(setup: Setup, api: Child, sessions: number): Promise<ReadResult[]> {
  say(`reads at ${sizeLabel(sessions)}`);
  return runReads({
    apiUrl: api.url,
    token: setup.token,
    caller: naiveCaller(setup.database.handle.db, setup.token),
    cases: readCases(setup.catalog),
    ourCalls: setup.options.ourCalls,
    naiveCalls: setup.options.naiveCalls,
  });
}

function ingest(setup: Setup, api: Child) {
  return runIngest({
    sql: setup.database.sql,
    db: setup.database.handle.db,
    databaseUrl: setup.database.url,
    catalog: setup.catalog,
    api,
    connections: setup.options.connections,
    seconds: setup.options.durationSeconds,
    rounds: setup.options.ingestRounds,
    warmupSeconds: setup.options.warmupSeconds,
  });
}

/**
 * Reads come first at every size, on a data set nobody writes to; ingest runs once, on the first size,
 * and its rows are part of the larger sizes.
 */
async function measure(setup: Setup): Promise<Measured> {
  const measured: Measured = { sizes: [], ingestRuns: [] };
  let api: Child | undefined;
  let total = 0;
  for (const sessions of setup.options.sessions) {
    const { generated, rollups } = await grow(setup, total, sessions);
    total = sessions;
    api ??= await startApi(setup.database.url);
    const reads = await readAt(setup, api, sessions);
    measured.sizes.push({ sessions, generated, rollups, reads });
    setup.save(measured);
    if (measured.ingestRuns.length === 0) {
      measured.ingestRuns = await ingest(setup, api);
      setup.save(measured);
    }
  }
  return measured;
}

function tableRows(sizes: Size[], ingestRuns: IngestRun[]): Row[] {
  const first = sizes[0];
  const last = sizes.at(-1);
  return [
    ...ingestRows(ingestRuns),
    ...sizes.flatMap(readRows),
    ...(first && last && first !== last ? growthRows(first, last) : []),
  ];
}

function printDifferences(sizes: Size[]) {
  for (const size of sizes) {
    for (const read of size.reads.filter((r) => !r.equal)) {
      process.stdout.write(`\nunequal: ${read.figure} @${sizeLabel(size.sessions)}\n`);
      for (const line of read.differences) process.stdout.write(`  ${line}\n`);
    }
  }
}

async function main() {
  const startedAt = new Date();
  const options = parseOptions(process.argv.slice(2));
  cleanUpOnSignals();
  const database = await openBenchDatabase(options.keep);
  const anchor = startedAt.getTime();
  const catalog = await createCatalog(database.handle.db, anchor);
  const { token } = await createApiToken(database.handle.db, { name: 'bench admin', scope: 'admin' });
  const results = (measured: Measured) => ({
    startedAt: startedAt.toISOString(),
    mode: options.mode,
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: describeMachine(database.serverVersion),
    options,
    targets,
    sizes: measured.sizes,
    ingest: measured.ingestRuns,
  });
  const save = (measured: Measured) =>
    writeResults(startedAt, options.mode, { ...results(measured), complete: false });
  const setup: Setup = { options, database, catalog, token, anchor, save };

  const measured = await measure(setup);
  const rows = tableRows(measured.sizes, measured.ingestRuns);
  process.stdout.write(`\n${formatTable(rows)}\n`);
  printDifferences(measured.sizes);

  const wrong = rows.filter((row) => row.correctness && row.verdict === 'FAIL').length;
  const missed = rows.filter((row) => !row.correctness && row.verdict === 'FAIL').length;
  const path = writeResults(startedAt, options.mode, {
    ...results(measured),
    complete: true,
    verdict: { correctnessFailures: wrong, targetsMissed: missed },
    table: rows,
  });
  process.stdout.write(
    `\n${wrong === 0 ? 'correct' : `${wrong} correctness failure(s)`}; ${missed} speed target(s) missed; ${path}\n`,
  );
  if (wrong > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  if (!interrupted()) console.error('bench: could not run:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
