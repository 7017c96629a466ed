import { createCaller } from '@arv/api-contract';
import type { Database } from '@arv/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createContext } from '../context.js';

type IdParams = { Params: { id: string } };
type SessionParams = { Params: { session_id: string } };

// Digits become a number; anything else goes through unchanged so that validation can quote it back.
const idParam = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : value);

// Client input is unknown here; the procedure's zod schema is what validates it, so it is passed on as is.
const unvalidated = (value: unknown) => value as never;

// A missing body is validated as an empty object, so that the answer names the missing fields.
const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};

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

  for (const path of ['/overview', '/summary']) {
    app.get(path, (req) => call(req).analytics.overview());
  }
  for (const path of ['/companies/:id', '/company/:id']) {
    app.get<IdParams>(path, (req) =>
      call(req).analytics.company(unvalidated({ company_id: idParam(req.params.id) })),
    );
  }
  app.get<IdParams>('/projects/:id', (req) =>
    call(req).analytics.project(unvalidated({ project_id: idParam(req.params.id) })),
  );
  for (const path of ['/ar-content/:id', '/content/:id']) {
    app.get<IdParams>(path, (req) =>
      call(req).analytics.content(unvalidated({ ar_content_id: idParam(req.params.id) })),
    );
  }

  app.post('/ar-session', async (req) => {
    const result = await call(req).tracking.start(unvalidated(bodyOf(req)));
    return { status: 'tracked', session_id: result.session_id };
  });
  app.post<SessionParams>('/ar-session/:session_id/end', (req) =>
    call(req).tracking.end(unvalidated({ ...bodyOf(req), session_id: req.params.session_id })),
  );
  app.post('/mobile/sessions', (req) => call(req).tracking.start(unvalidated(bodyOf(req))));
  app.post('/mobile/analytics', (req) => call(req).tracking.update(unvalidated(bodyOf(req))));
};
