import { createDatabase } from '@arv/db';
import { requestDatabaseSettings, serviceDatabaseSettings } from './databaseSettings.js';
import { prepareDemo } from './demo.js';
import { prepareDemoContent } from './demoContent.js';
import { loadEnv } from './env.js';
import { createMetrics, poolMetrics, startMetricsListener } from './metrics.js';
import { startRetention } from './retention.js';
import { startRollups } from './rollups.js';
import { buildServer } from './server.js';
import { startStatistics } from './statistics.js';

const env = loadEnv();
const demo = process.argv.includes('--demo');
const say = (line: string) => process.stdout.write(`${line}\n`);

const database = createDatabase({
  url: env.DATABASE_URL,
  dataDir: env.PGLITE_DIR,
  maxConnections: env.DB_POOL_MAX,
  ingestConnections: env.DB_INGEST_POOL_MAX,
  settings: serviceDatabaseSettings,
  requestSettings: requestDatabaseSettings,
});
await database.migrate();
const prepared = demo ? await prepareDemo(database.db, say) : undefined;
const demoContent = demo ? await prepareDemoContent(database.db, env.MEDIA_DIR, say) : undefined;

const metrics = createMetrics();
poolMetrics(metrics, database);
const app = await buildServer(database.db, {
  ...env,
  metrics,
  listen: database.listen,
  ingestDb: database.ingest,
});
await app.listen({ port: env.PORT, host: env.HOST });
const metricsServer = env.METRICS_PORT
  ? await startMetricsListener(metrics, env.METRICS_PORT, env.METRICS_HOST)
  : undefined;
const retention = startRetention(database, {
  days: env.RETENTION_DAYS,
  intervalMinutes: env.RETENTION_INTERVAL_MINUTES,
  log: (fields, message) => app.log.info(fields, message),
});

const rollups = startRollups(database, {
  intervalMs: env.ROLLUP_INTERVAL_MS,
  // PGlite runs each query on this process's only thread: small chunks keep requests flowing.
  chunk: database.driver === 'pglite' ? 1_000 : 50_000,
  metrics,
  log: (fields, message) => app.log.warn(fields, message),
});

const statistics = startStatistics(database, {
  intervalSeconds: env.ANALYZE_INTERVAL_SECONDS,
  log: (fields, message) => app.log.info(fields, message),
});

const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : env.PORT;
const base = `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST}:${port}`;
say('');
say(
  `ARV Analytics is running on ${database.driver === 'pglite' ? `the embedded PGlite (${env.PGLITE_DIR})` : 'PostgreSQL'}`,
);
say(`  dashboard  ${base}/`);
say(`  REST API   ${base}/api/analytics/overview`);
say(`  tRPC       ${base}/trpc`);
say(`  health     ${base}/health`);
if (demoContent)
  say(`  AR viewer  ${base}/ar/${demoContent.uniqueId}   (point a camera at ${demoContent.imagePath})`);
if (prepared) {
  say(`  admin API token (new on every start): ${prepared.adminToken}`);
  say(`  try: curl -H "Authorization: Bearer ${prepared.adminToken}" ${base}/api/analytics/overview`);
  say('  sign-in (auth.signIn; passwords new on every start):');
  for (const user of prepared.users) {
    say(`    ${user.email.padEnd(16)} ${user.password}   sees ${user.sees}`);
  }
}
say('');

// Bounds the drain: a client that keeps a request open must not hold the process past an orchestrator's
// grace period (Kubernetes kills after 30 s); exiting non-zero says the drain was cut short.
const drainLimitMs = 10_000;

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  setTimeout(() => {
    app.log.error({ drainLimitMs }, 'shutdown did not finish in time; exiting');
    process.exit(1);
  }, drainLimitMs).unref();
  // Fastify stops listening, closes idle keep-alive connections, answers 503 to requests that still
  // arrive on open ones, and resolves once the requests in flight are answered, i.e. their rows are
  // committed: a 2xx is only sent after its commit. `npm run test:reliability` checks this under load.
  await app.close();
  await retention.stop();
  await rollups.stop();
  await statistics.stop();
  await metricsServer?.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
