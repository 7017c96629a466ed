import type { Database } from '@arv/db';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';

export const health: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/health', async (req, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ok', database: 'ok' };
    } catch (err) {
      req.log.warn({ err }, 'health check: database unreachable');
      return reply
        .code(503)
        .send({ status: 'unavailable', database: 'unreachable', detail: 'the database is unavailable' });
    }
  });
};
