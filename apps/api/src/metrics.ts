import { timingSafeEqual } from 'node:crypto';
import { appRouter, type TrackingTelemetry } from '@arv/api-contract';
import type { DatabaseHandle } from '@arv/db';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { trackingRouteEvents } from './rest/legacyRoutes.js';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'arv_' });
  return {
    registry,
    requests: new Counter({
      name: 'arv_http_requests_total',
      help: 'HTTP requests by method, route and status code',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'arv_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    botFiltered: new Counter({
      name: 'arv_tracking_bot_filtered_total',
      help: 'Tracking starts from crawlers, HTTP libraries and headless browsers, answered "ignored" and not stored',
      registers: [registry],
    }),
    tracking: new Counter({
      name: 'arv_tracking_events_total',
      help: 'Tracking events (start, end, update) accepted or rejected, with the reason of a rejection',
      labelNames: ['event', 'outcome', 'reason'] as const,
      registers: [registry],
    }),
    ingestBatchSize: new Histogram({
      name: 'arv_ingest_batch_size',
      help: 'Tracking events written by one group-commit statement, by write (start: INSERT; outcome: UPDATE of ends and updates)',
      labelNames: ['write'] as const,
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers: [registry],
    }),
    ingestCommitSeconds: new Histogram({
      name: 'arv_ingest_commit_duration_seconds',
      help: 'Time from the start of a group-commit statement to its commit, by write (start, outcome)',
      labelNames: ['write'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    rollupPending: new Gauge({
      name: 'arv_rollup_pending_changes',
      help: 'Logged changes not yet folded into the rollups, after the last rollup run (reads add them)',
      registers: [registry],
    }),
    rollupRunSeconds: new Histogram({
      name: 'arv_rollup_run_duration_seconds',
      help: 'Duration of one rollup run',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

// Labels come only from this fixed set, so that a client inventing paths cannot grow the registry.
const procedures = new Set(Object.keys(appRouter._def.procedures));

function routeLabel(req: FastifyRequest): string {
  const route = req.routeOptions.url;
  if (route === undefined) return 'unmatched';
  if (!route.startsWith('/trpc')) return route;
  const path = (req.params as { path?: string }).path ?? '';
  if (path.includes(',')) return 'trpc:batch';
  return procedures.has(path) ? `trpc:${path}` : 'trpc:unknown';
}

function trackingEvent(route: string): string | undefined {
  if (route.startsWith('trpc:tracking.')) return route.slice('trpc:tracking.'.length);
  return trackingRouteEvents.get(route);
}

function rejectionReason(status: number): string {
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return status < 500 ? 'invalid' : 'error';
}

/** Counts every answered request; tracking routes also count as accepted or rejected events. */
export function recordRequests(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req);
    const status = reply.statusCode;
    metrics.requests.inc({ method: req.method, route, status });
    metrics.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    const event = trackingEvent(route);
    if (event === undefined || req.method !== 'POST') return;
    if (status < 300) metrics.tracking.inc({ event, outcome: 'accepted', reason: '' });
    else metrics.tracking.inc({ event, outcome: 'rejected', reason: rejectionReason(status) });
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus text format. With a token it answers only `Authorization: Bearer
 * <token>`; without one it is meant for an internal listener that the outside cannot reach.
 */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined) {
  app.get('/metrics', async (req: FastifyRequest, reply: FastifyReply) => {
    if (token !== undefined && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
      return reply.code(401).send({ detail: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

/** The PostgreSQL pool's use, read from pg_stat_activity at every scrape (nothing for PGlite). */
export function poolMetrics(metrics: Metrics, database: Pick<DatabaseHandle, 'connections'>) {
  const gauge = (name: string, help: string, pool: 'requests' | 'ingest') =>
    new Gauge({
      name,
      help,
      labelNames: ['state'] as const,
      registers: [metrics.registry],
      async collect() {
        const pools = await database.connections();
        if (!pools) return;
        for (const [state, count] of Object.entries(pools[pool])) this.set({ state }, count);
      },
    });
  gauge(
    'arv_db_connections',
    "This process's PostgreSQL pool for requests: connections active and idle (besides the scrape's own), and the maximum",
    'requests',
  );
  gauge(
    'arv_db_ingest_connections',
    "This process's PostgreSQL pool for the tracking door's writes: connections active and idle, and the maximum",
    'ingest',
  );
}

/** A listener of its own for /metrics, on an address that only the monitoring network reaches. */
export async function startMetricsListener(metrics: Metrics, port: number, host: string) {
  const server = Fastify({ logger: false });
  metricsRoute(server, metrics, undefined);
  await server.listen({ port, host });
  return server;
}

/** Bot visits are counted and logged (without the request), so that what was dropped stays visible. */
export function trackingTelemetry(
  app: FastifyInstance,
  metrics: Metrics,
  filterBots: boolean,
): TrackingTelemetry {
  return {
    filterBots,
    botFiltered(userAgent) {
      metrics.botFiltered.inc();
      app.log.debug({ userAgent: userAgent?.slice(0, 200) }, 'tracking: bot visit not counted');
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    trackingTelemetry: TrackingTelemetry;
  }
}
