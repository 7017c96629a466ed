import { createCaller } from '@arv/api-contract';
import type { Database } from '@arv/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createContext } from '../context.js';
import { legacyRoutes } from './legacyRoutes.js';

/**
 * The legacy `/api/analytics/*` routes. Each calls the same procedure as `/trpc` and only reshapes
 * path parameters and answers to the legacy form: no business logic lives here.
 */
export const restAnalytics: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  // navigator.sendBeacon sends its string body as text/plain; legacy viewers put JSON in it.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('the text/plain body must hold JSON'), { statusCode: 400 }), undefined);
    }
  });

  const call = (req: FastifyRequest) => createCaller(createContext(db, req));
  for (const route of legacyRoutes) {
    for (const url of route.paths) {
      app.route({ method: route.method, url, handler: (req) => route.handle(call(req), req) });
    }
  }
};
