import type { Context, SessionCookies } from '@arv/api-contract';
import type { Database } from '@arv/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookiesOf, sessionTokenOf } from './sessionCookie.js';

// The REST adapter serves no sign-in and passes no reply; a procedure that tried to set a cookie there
// would be a bug, so it fails loudly instead of answering without the cookie.
const noCookies: SessionCookies = {
  setSession() {
    throw new Error('the REST adapter cannot set the session cookie');
  },
  clearSession() {
    throw new Error('the REST adapter cannot clear the session cookie');
  },
};

/** One context shape for both doors, so that a REST call and a tRPC call see the same procedure input. */
export function createContext(db: Database, req: FastifyRequest, reply?: FastifyReply): Context {
  return {
    db,
    authorization: req.headers.authorization,
    clientIp: req.ip,
    userAgent: req.headers['user-agent'],
    visitor: req.server.visitorFacts(req),
    sessionToken: sessionTokenOf(req),
    cookies: reply ? sessionCookiesOf(reply) : noCookies,
    signInLimiter: req.server.signInLimiter,
    tracking: req.server.trackingTelemetry,
    ingest: req.server.ingest,
  };
}
