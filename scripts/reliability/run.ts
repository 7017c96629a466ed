/**
 * `npm run test:reliability [-- --full]`: the public tracking routes under load, through a database
 * outage and through an API restart, against a private PostgreSQL. Every answered 2xx must be stored.
 * Expects `npm run build` to have run; exits non-zero on any loss or failed check.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { arContent, companies, createDatabase, type DatabaseHandle, projects } from '@arv/db';
import { type ApiProcess, apiEntry, startApi } from './api.js';
import { type LoadOptions, type RequestRecord, startLoad } from './load.js';
import { createPrivatePostgres, type PrivatePostgres } from './postgres.js';
import { checkStorage, formatCounts, storedSessions } from './verify.js';

const full = process.argv.includes('--full');
const loadSeconds = full ? 60 : 20;
const clients = 32;
const clientTimeoutMs = 5_000;
const outageSeconds = 10;
const recoveryLimitMs = 15_000;
const drainLimitMs = 10_000;

let failures = 0;
function report(ok: boolean, line: string) {
  if (!ok) failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${line}\n`);
}

interface Setup {
  pg: PrivatePostgres;
  database: DatabaseHandle;
  contentId: number;
  apiEnv: Record<string, string>;
}

async function seedContent(database: DatabaseHandle): Promise<number> {
  const [company] = await database.db.insert(companies).values({ name: 'Reliability Co' }).returning();
  if (!company) throw new Error('seeding the company returned no row');
  const [project] = await database.db
    .insert(projects)
    .values({ companyId: company.id, name: 'Reliability project' })
    .returning();
  if (!project) throw new Error('seeding the project returned no row');
  const [content] = await database.db
    .insert(arContent)
    .values({ companyId: company.id, projectId: project.id, title: 'Reliability portrait' })
    .returning();
  if (!content) throw new Error('seeding the content returned no row');
  return content.id;
}

const loadOptions = (api: ApiProcess, contentId: number, maxSeconds: number): LoadOptions => ({
  baseUrl: api.url,
  contentId,
  clients,
  maxSeconds,
  // Far above what a client can send in maxSeconds; only there so that no loop is unbounded.
  maxRequestsPerClient: maxSeconds * 2_000,
  timeoutMs: clientTimeoutMs,
});

async function checkNoLoss(setup: Setup, name: string, records: RequestRecord[]) {
  const result = checkStorage(records, await storedSessions(setup.database.db, setup.contentId));
  report(result.ok, formatCounts(`${name}: starts`, result.starts));
  report(result.ends.lost === 0, formatCounts(`${name}: ends  `, result.ends));
}

/** A crashed API makes every later check meaningless: say why it died and stop there. */
function assertApiUp(api: ApiProcess) {
  if (api.child.exitCode === null && api.child.signalCode === null) return;
  failures++;
  throw new Error(
    `the API exited (${api.child.exitCode ?? api.child.signalCode}); its last output:\n${api.output()}`,
  );
}

async function loadPhase(setup: Setup, api: ApiProcess) {
  const load = startLoad(loadOptions(api, setup.contentId, loadSeconds));
  await sleep(loadSeconds * 1000);
  const records = await load.stop();
  const slow = records.filter((r) => r.outcome === 'timeout').length;
  const perSecond = Math.round(records.length / loadSeconds);
  // With the database up and the API running, every request must be acked.
  const failed = records.filter((r) => r.outcome !== 'acked');
  const kinds = [...new Set(failed.map((r) => r.status ?? r.outcome))].join(',');
  report(
    slow === 0 && failed.length === 0,
    `load: ${clients} clients for ${loadSeconds} s, ${perSecond} requests/s, timeouts=${slow} failed=${failed.length}${kinds ? ` (${kinds})` : ''}`,
  );
  await checkNoLoss(setup, 'load', records);
  assertApiUp(api);
}

async function dbFaultPhase(setup: Setup, api: ApiProcess) {
  const load = startLoad(loadOptions(api, setup.contentId, outageSeconds + 40));
  await sleep(3_000);
  const stopping = Date.now();
  await setup.pg.stop();
  const down = Date.now();
  await sleep(outageSeconds * 1000);
  const restarting = Date.now();
  await setup.pg.start();
  const up = Date.now();
  let recovered: number | undefined;
  while (recovered === undefined && Date.now() - up < recoveryLimitMs) {
    await sleep(200);
    recovered = load.records.find((r) => r.outcome === 'acked' && r.sentAt >= up)?.sentAt;
  }
  await sleep(3_000);
  const records = await load.stop();

  const timeouts = records.filter((r) => r.outcome === 'timeout').length;
  const slowest = Math.max(
    0,
    ...records.filter((r) => r.sentAt >= stopping && r.sentAt < up).map((r) => r.ms),
  );
  report(
    timeouts === 0,
    `db fault: no request hangs: timeouts(>${clientTimeoutMs} ms)=${timeouts} slowest=${slowest} ms`,
  );

  // Strictly while the server was down: every answer must be a 503 in the documented error shape.
  const whileDown = records.filter((r) => r.sentAt >= down && r.sentAt + r.ms <= restarting);
  const unavailable = whileDown.filter((r) => r.status === 503 && r.errorShapeOk).length;
  const other = whileDown.length - unavailable;
  const statuses = [...new Set(whileDown.map((r) => r.status ?? r.outcome))].join(',');
  report(
    whileDown.length > 0 && other === 0,
    `db fault: answers while down=${whileDown.length} 503=${unavailable} other=${other} (${statuses})`,
  );
  // Around the outage too (in-flight queries cut by the shutdown, reconnects), a failure is a 503, never a 500 or 404.
  const failed = records.filter((r) => r.outcome === 'rejected');
  const failedOther = failed.filter((r) => r.status !== 503 || !r.errorShapeOk);
  const failedStatuses = [...new Set(failedOther.map((r) => r.status))].join(',');
  report(
    failedOther.length === 0,
    `db fault: error answers=${failed.length} not 503=${failedOther.length}${failedStatuses ? ` (${failedStatuses})` : ''}`,
  );
  report(api.child.exitCode === null, `db fault: API process stayed up: ${api.child.exitCode === null}`);
  assertApiUp(api);
  const recoveryMs = recovered === undefined ? undefined : recovered - up;
  report(
    recoveryMs !== undefined,
    `db fault: recovered ${recoveryMs === undefined ? `not within ${recoveryLimitMs} ms` : `${recoveryMs} ms after PostgreSQL was back`}`,
  );
  await checkNoLoss(setup, 'db fault', records);
}

async function restartPhase(setup: Setup, api: ApiProcess) {
  const load = startLoad(loadOptions(api, setup.contentId, 30));
  await sleep(3_000);
  const term = Date.now();
  api.child.kill('SIGTERM');
  const code = await Promise.race([api.exited, sleep(drainLimitMs + 5_000, 'still running')]);
  const exitMs = Date.now() - term;
  await sleep(500);
  const records = await load.stop();
  if (code === 'still running') api.child.kill('SIGKILL');
  report(code === 0 && exitMs <= drainLimitMs, `restart: SIGTERM -> exit code ${code} after ${exitMs} ms`);

  // A request the server surely had before SIGTERM must be answered, not dropped: that is the drain.
  // (A request sent in the last 100 ms may race with the closing of its idle keep-alive connection.)
  const inFlight = records.filter((r) => r.sentAt < term && r.sentAt + r.ms >= term);
  const dropped = inFlight.filter(
    (r) => r.sentAt < term - 100 && (r.outcome === 'network' || r.outcome === 'timeout'),
  ).length;
  const after = records.filter((r) => r.sentAt >= term);
  const ackedAfter = after.filter((r) => r.outcome === 'acked').length;
  report(
    dropped === 0,
    `restart: in flight at SIGTERM=${inFlight.length} dropped=${dropped}; sent after=${after.length} acked=${ackedAfter}`,
  );
  await checkNoLoss(setup, 'restart', records);

  const again = await startApi(setup.apiEnv);
  try {
    const load = startLoad({ ...loadOptions(again, setup.contentId, 2), clients: 2 });
    await sleep(1_000);
    const records = await load.stop();
    const acked = records.filter((r) => r.outcome === 'acked').length;
    report(acked > 0, `restart: a new API process serves again: acked=${acked}/${records.length}`);
  } finally {
    again.child.kill('SIGTERM');
    await Promise.race([again.exited, sleep(drainLimitMs)]);
    again.child.kill('SIGKILL');
  }
}

async function main() {
  const began = Date.now();
  if (!existsSync(apiEntry)) throw new Error(`${apiEntry} is missing: run \`npm run build\` first`);
  const mediaDir = mkdtempSync(join(tmpdir(), 'arv-reliability-media-'));
  const pg = await createPrivatePostgres();
  let api: ApiProcess | undefined;
  let database: DatabaseHandle | undefined;
  try {
    await pg.start();
    database = createDatabase({ url: pg.url, maxConnections: 2 });
    await database.migrate();
    const setup: Setup = {
      pg,
      database,
      contentId: await seedContent(database),
      // All the clients share one address, so the per-address tracking limit would answer 429 to most of
      // the load: it is a separate guard, not what is tested here.
      apiEnv: { DATABASE_URL: pg.url, MEDIA_DIR: mediaDir, TRACKING_RATE_LIMIT: 'off' },
    };
    api = await startApi(setup.apiEnv);
    process.stdout.write(
      `reliability: private PostgreSQL ${pg.url}, API ${api.url}${full ? ' (full)' : ''}\n`,
    );
    await loadPhase(setup, api);
    await dbFaultPhase(setup, api);
    await restartPhase(setup, api);
  } finally {
    if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await database?.close().catch(() => {});
    await pg.destroy();
    rmSync(mediaDir, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - began) / 1000);
  process.stdout.write(
    `reliability: ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`} in ${seconds} s\n`,
  );
  if (failures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('reliability: could not run:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
