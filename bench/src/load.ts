import autocannon from 'autocannon';

export interface LoadRequest {
  /** The session the request is about. */
  sessionId: string;
  path: string;
  body: unknown;
}

export interface LoadTarget {
  baseUrl: string;
  next(): LoadRequest;
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
  /** Session ids answered 2xx, each with the body of its latest such request. */
  acked: Map<string, unknown>;
  /** Session ids answered at all, 2xx or not. */
  answered: Set<string>;
  /** Session ids of every request built, each with its latest body (the last may be in flight at the stop). */
  sent: Map<string, unknown>;
}

interface Connection {
  request?: LoadRequest;
}

/**
 * Drives a server with autocannon. Each connection has one request in flight, so the request that
 * setupRequest puts in a connection's context is the one its next response answers.
 */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const acked = new Map<string, unknown>();
  const answered = new Set<string>();
  const sent = new Map<string, unknown>();
  const result = await autocannon({
    url: target.baseUrl,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    headers: { 'content-type': 'application/json', 'user-agent': options.userAgent },
    requests: [
      {
        method: 'POST',
        setupRequest(request, context: Connection) {
          const next = target.next();
          context.request = next;
          sent.set(next.sessionId, next.body);
          return { ...request, path: next.path, body: JSON.stringify(next.body) };
        },
        onResponse(status, _body, context: Connection) {
          const { request } = context;
          if (!request) return;
          answered.add(request.sessionId);
          if (status >= 200 && status < 300) acked.set(request.sessionId, request.body);
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
