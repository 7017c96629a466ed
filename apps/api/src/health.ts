import { type Database, migrationsApplied } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Liveness says the process answers; readiness says it can do its work (database reachable,
 * migrations applied), so that a load balancer stops sending traffic while the database is away.
 * `/health` keeps the legacy service's path with the readiness answer.
 */
export const health: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/health/live', async () => ({ status: 'ok' }));

  const ready = async (req: FastifyRequest, reply: FastifyReply) => {
    let migrated: boolean;
    try {
      await db.execute(sql`select 1`);
      migrated = await migrationsApplied(db);
    } catch (err) {
      req.log.warn({ err }, 'health check: database unreachable');
      return reply
        .code(503)
        .send({ status: 'unavailable', database: 'unreachable', detail: 'the database is unavailable' });
    }
    if (!migrated) {
      return reply.code(503).send({
        status: 'unavailable',
        database: 'ok',
        migrations: 'pending',
        detail: 'migrations are not applied',
      });
    }
    return { status: 'ok', database: 'ok', migrations: 'applied' };
  };
  app.get('/health/ready', ready);
  app.get('/health', ready);
};
