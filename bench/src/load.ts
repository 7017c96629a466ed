import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadTarget {
  baseUrl: string;
  path: string;
  /** The request body for a new session id: every request starts a session of its own. */
  body(sessionId: string): unknown;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Sent as the User-Agent header: the API takes the device from it when the body names none. */
  userAgent: string;
}

export interface LoadResult {
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Session ids answered 2xx. */
  acked: Set<string>;
  /** Session ids answered at all, 2xx or not. */
  answered: Set<string>;
  /** Session ids of every request built, answered or not (the last ones may be in flight at the stop). */
  sent: Set<string>;
}

interface Connection {
  sessionId?: string;
}

/**
 * Drives one endpoint with autocannon. Each connection has one request in flight, so the session id that
 * setupRequest puts in a connection's context is the one its next response answers.
 */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const acked = new Set<string>();
  const answered = new Set<string>();
  const sent = new Set<string>();
  const result = await autocannon({
    url: `${target.baseUrl}${target.path}`,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json', 'user-agent': options.userAgent },
    requests: [
      {
        method: 'POST',
        setupRequest(request, context: Connection) {
          const sessionId = randomUUID();
          context.sessionId = sessionId;
          sent.add(sessionId);
          return { ...request, body: JSON.stringify(target.body(sessionId)) };
        },
        onResponse(status, _body, context: Connection) {
          if (!context.sessionId) return;
          answered.add(context.sessionId);
          if (status >= 200 && status < 300) acked.add(context.sessionId);
        },
      },
    ],
  });
  return {
    seconds: result.duration,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    acked,
    answered,
    sent,
  };
}
