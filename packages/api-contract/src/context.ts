import type { Database } from '@arv/db';
import type { Ingest } from './ingest/ingest.js';
import type { AnalyticsSource } from './queries/analyticsReads.js';

/** The session cookie as procedures see it; the HTTP server decides its name and attributes. */
export interface SessionCookies {
  setSession(token: string, expires: Date): void;
  clearSession(): void;
}

/** Wrong sign-ins per client address; the HTTP server keeps the counts and sets the limits. */
export interface SignInLimiter {
  /** Takes one attempt from the client's allowance: 0 when taken, else the seconds until one is free. */
  take(clientKey: string): Promise<number>;
  /** Gives back an attempt that was right, so that only wrong credentials use up the allowance. */
  giveBack(clientKey: string): Promise<void>;
}

/** What tracking reports to the server's metrics and logs; the HTTP server implements it. */
export interface TrackingTelemetry {
  /** When false, bots are tracked like people (tests, load generators). */
  readonly filterBots: boolean;
  botFiltered(userAgent: string | undefined): void;
}

/** What a tracked session stores about the visitor's whereabouts, after the server's privacy rules. */
export interface VisitorFacts {
  ipAddress: string | null;
  country: string | null;
  city: string | null;
}

/** What every procedure receives; the HTTP server builds it per request. */
export interface Context {
  db: Database;
  /** The raw Authorization header, resolved lazily so that public tracking never touches the token table. */
  authorization: string | undefined;
  /** The client's address as the server trusts it (direct peer, or the proxy's forwarded one when configured). */
  clientIp: string | undefined;
  /** The request's User-Agent header: what tracking falls back to when the client reports none. */
  userAgent: string | undefined;
  /** The session cookie's token, if the request carried one. */
  sessionToken: string | undefined;
  visitor: VisitorFacts;
  cookies: SessionCookies;
  tracking: TrackingTelemetry;
  signInLimiter: SignInLimiter;
  /** The server's tracking write path (cached content, group commit); in-process callers write directly. */
  ingest?: Ingest;
  /**
   * Where analytics figures come from: the rollups (the default), or a count over the raw rows, the
   * naive SQL the benchmark and the tests hold the rollups to.
   */
  analyticsSource?: AnalyticsSource;
}

export type Viewer = { role: 'admin' } | { role: 'company'; companyId: number };
