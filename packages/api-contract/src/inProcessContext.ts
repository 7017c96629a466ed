import type { Database } from '@arv/db';
import type { Context } from './context.js';
import type { AnalyticsSource } from './queries/analyticsReads.js';

/**
 * A context for calling the router in-process (scripts, tests, the benchmark): what the HTTP server
 * builds for a request with a bearer token, with the parts only HTTP needs doing nothing.
 */
export function inProcessContext(
  db: Database,
  options: { authorization?: string; analyticsSource?: AnalyticsSource } = {},
): Context {
  return {
    db,
    authorization: options.authorization,
    clientIp: '127.0.0.1',
    userAgent: undefined,
    sessionToken: undefined,
    visitor: { ipAddress: null, country: null, city: null },
    cookies: { setSession() {}, clearSession() {} },
    tracking: { filterBots: false, botFiltered() {} },
    signInLimiter: { take: async () => 0, giveBack: async () => {} },
    analyticsSource: options.analyticsSource,
  };
}
