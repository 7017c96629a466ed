import { type AppRouter, appRouter, retryAfterSeconds } from '@arv/api-contract';
import type { Database, DatabaseHandle } from '@arv/db';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import type { TRPCError } from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { createContext } from './context.js';
import { dashboard } from './dashboard.js';
import { defaultSignInRateLimit, type Env } from './env.js';
import { sendError } from './errors.js';
import { health } from './health.js';
import { registerIngest } from './ingest.js';
import { media } from './media.js';
import { createMetrics, type Metrics, metricsRoute, recordRequests, trackingTelemetry } from './metrics.js';
import { openApi } from './openapi.js';
import { restAnalytics } from './rest/analytics.js';
import { legacyPrefix } from './rest/legacyRoutes.js';
import { createSignInLimiter } from './signInLimiter.js';
import { limitTracking } from './trackingLimiter.js';
import { directCalls } from './trpcDirect.js';
import { refuseMultipartToTrpc } from './trpcMultipart.js';
import { viewer } from './viewer.js';
import { type VisitorFactsOptions, visitorFactsOf } from './visitorFacts.js';

export type ServerOptions = Pick<Env, 'CORS_ORIGINS' | 'TRUST_PROXY' | 'LOG_LEVEL'> &
  Partial<
    Pick<
      Env,
      | 'METRICS_TOKEN'
      | 'SIGNIN_RATE_LIMIT'
      | 'MEDIA_DIR'
      | 'BOT_FILTER'
      | 'TRACKING_RATE_LIMIT'
      | 'INGEST_QUEUE_MAX'
      | 'INGEST_BATCH_MAX'
    >
  > &
  VisitorFactsOptions & {
    /** Shared with an internal metrics listener, when there is one; created here otherwise. */
    metrics?: Metrics;
    /** NOTIFY subscriptions of the database, for the content cache; without them it is never cleared. */
    listen?: DatabaseHandle['listen'];
    /** Connections of their own for the tracking door's writes (see DatabaseHandle.ingest); else `db`'s. */
    ingestDb?: Database;
  };

// Tracking payloads are a few hundred bytes; nothing this service accepts needs more.
const bodyLimit = 16 * 1024;

export async function buildServer(db: Database, options: ServerOptions) {
  const app = Fastify({
    logger: { level: options.LOG_LEVEL },
    // Fastify's own two lines per request are replaced by the single line of the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.TRUST_PROXY,
    bodyLimit,
    // A batched tRPC call names every procedure in its path (`/trpc/a.b,c.d,...`).
    routerOptions: { maxParamLength: 5000 },
  });

  // One line per request, without bodies, query strings' secrets or headers (so no tokens).
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  const metrics = options.metrics ?? createMetrics();
  recordRequests(app, metrics);
  if (options.METRICS_TOKEN !== undefined) metricsRoute(app, metrics, options.METRICS_TOKEN);

  refuseMultipartToTrpc(app);
  // Without a setting (tests, embedding) tracking is not limited; the service's env sets 600/1m by default.
  if (options.TRACKING_RATE_LIMIT !== undefined && options.TRACKING_RATE_LIMIT !== 'off') {
    limitTracking(app, options.TRACKING_RATE_LIMIT);
  }
  app.setErrorHandler((error: FastifyError | TRPCError, req, reply) => sendError(error, req, reply));
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ detail: 'Not Found' }));

  // credentials: the allowed origins (the dashboard) may send the session cookie along.
  await app.register(cors, {
    origin: options.CORS_ORIGINS.length > 0 ? options.CORS_ORIGINS : false,
    credentials: true,
  });
  // No hook: parsing every request's cookies costs the tracking door for nothing (see sessionTokenOf).
  await app.register(cookie, { hook: false });
  app.decorate('visitorFacts', visitorFactsOf(options));
  app.decorate('trackingTelemetry', trackingTelemetry(app, metrics, options.BOT_FILTER ?? true));
  await registerIngest(app, options.ingestDb ?? db, metrics, {
    queueMax: options.INGEST_QUEUE_MAX,
    batchMax: options.INGEST_BATCH_MAX,
    listen: options.listen,
  });
  app.decorate('signInLimiter', createSignInLimiter(options.SIGNIN_RATE_LIMIT ?? defaultSignInRateLimit));
  await app.register(health, { db });
  const errorHeaders = (errors: TRPCError[]): Record<string, string> => {
    const seconds = retryAfterSeconds(errors);
    return seconds === undefined ? {} : { 'retry-after': String(seconds) };
  };
  const onError = ({ error, path }: { error: TRPCError; path?: string }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
  };
  const context = (req: FastifyRequest, reply: FastifyReply) => createContext(db, req, reply);
  await app.register(async (trpc) => {
    // Added before the adapter's routes are, so that the hook runs for them.
    trpc.addHook(
      'preHandler',
      directCalls({ router: appRouter, createContext: context, errorHeaders, onError }),
    );
    await trpc.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext: ({ req, res }) => context(req, res),
        responseMeta: ({ errors }) => ({ headers: errorHeaders(errors) }),
        onError,
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });
  await app.register(restAnalytics, { prefix: legacyPrefix, db });
  await app.register(openApi);
  if (options.MEDIA_DIR !== undefined) await app.register(media, { dir: options.MEDIA_DIR });
  await app.register(viewer);
  await app.register(dashboard);
  return app;
}
