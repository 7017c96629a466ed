import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * acked: a 2xx answer; rejected: any other answer; refused: the connection was refused, so the server never
 * saw the request; timeout and network: no answer to a request the server may have seen, so its outcome is unknown.
 */
export type Outcome = 'acked' | 'rejected' | 'refused' | 'timeout' | 'network';

export interface RequestRecord {
  kind: 'start' | 'end';
  via: 'rest' | 'trpc';
  sessionId: string;
  durationSeconds?: number;
  sentAt: number;
  ms: number;
  outcome: Outcome;
  status?: number;
  /** For a non-2xx answer: whether its body is the documented error shape (`{"detail"}` or a tRPC error). */
  errorShapeOk?: boolean;
}

export interface LoadOptions {
  baseUrl: string;
  contentId: number;
  clients: number;
  /** Hard limits: the load stops at whichever comes first, even if nobody calls stop(). */
  maxSeconds: number;
  maxRequestsPerClient: number;
  timeoutMs: number;
}

export interface Load {
  records: RequestRecord[];
  /** Lets the clients finish the request they are in and resolves with every record. */
  stop(): Promise<RequestRecord[]>;
}

// A phone's browser: the API answers "ignored" to bots (Node's fetch included) and stores nothing for them.
const userAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const json = { 'content-type': 'application/json', 'user-agent': userAgent };

type Planned = Omit<RequestRecord, 'sentAt' | 'ms' | 'outcome'>;

function requestFor({ baseUrl, contentId }: LoadOptions, { kind, via, sessionId, durationSeconds }: Planned) {
  if (kind === 'start') {
    const input = { ar_content_id: contentId, session_id: sessionId, device_type: 'mobile', os: 'iOS' };
    return via === 'rest'
      ? { url: `${baseUrl}/api/analytics/ar-session`, headers: json, input }
      : { url: `${baseUrl}/trpc/tracking.start`, headers: json, input };
  }
  // The REST end goes as the text/plain JSON that navigator.sendBeacon sends.
  return via === 'rest'
    ? {
        url: `${baseUrl}/api/analytics/ar-session/${sessionId}/end`,
        headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
        input: { duration_seconds: durationSeconds },
      }
    : {
        url: `${baseUrl}/trpc/tracking.end`,
        headers: json,
        input: { session_id: sessionId, duration_seconds: durationSeconds },
      };
}

function errorShapeOk(via: RequestRecord['via'], body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { detail?: unknown; error?: { message?: unknown } };
    return via === 'rest' ? typeof parsed.detail === 'string' : typeof parsed.error?.message === 'string';
  } catch {
    return false;
  }
}

async function send(options: LoadOptions, record: Planned): Promise<RequestRecord> {
  const { url, headers, input } = requestFor(options, record);
  const body = JSON.stringify(input);
  const sentAt = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await res.text();
    const ms = Date.now() - sentAt;
    if (res.ok) return { ...record, sentAt, ms, outcome: 'acked', status: res.status };
    return {
      ...record,
      sentAt,
      ms,
      outcome: 'rejected',
      status: res.status,
      errorShapeOk: errorShapeOk(record.via, text),
    };
  } catch (error) {
    const ms = Date.now() - sentAt;
    if (error instanceof DOMException && error.name === 'TimeoutError')
      return { ...record, sentAt, ms, outcome: 'timeout' };
    const refused = (error as { cause?: { code?: unknown } }).cause?.code === 'ECONNREFUSED';
    return { ...record, sentAt, ms, outcome: refused ? 'refused' : 'network' };
  }
}

/** One visitor after another: start a session, end it with a duration; a failed start is not ended. */
async function client(
  options: LoadOptions,
  via: RequestRecord['via'],
  stopped: () => boolean,
  records: RequestRecord[],
) {
  const deadline = Date.now() + options.maxSeconds * 1000;
  let sent = 0;
  const more = () => !stopped() && Date.now() < deadline && sent < options.maxRequestsPerClient;
  while (more()) {
    const sessionId = randomUUID();
    const start = await send(options, { kind: 'start', via, sessionId });
    records.push(start);
    sent++;
    if (start.outcome === 'acked' && more()) {
      const end = await send(options, { kind: 'end', via, sessionId, durationSeconds: randomInt(1, 3600) });
      records.push(end);
      sent++;
      if (end.outcome === 'acked') continue;
    } else if (start.outcome === 'acked') {
      continue;
    }
    // A refused or failed request comes back at once while the API or database is away: don't spin.
    await sleep(50);
  }
}

/** Half the clients use the legacy REST routes, half the tRPC procedures. */
export function startLoad(options: LoadOptions): Load {
  const records: RequestRecord[] = [];
  let stopped = false;
  const clients = Array.from({ length: options.clients }, (_, i) =>
    client(options, i % 2 === 0 ? 'rest' : 'trpc', () => stopped, records),
  );
  return {
    records,
    async stop() {
      stopped = true;
      await Promise.all(clients);
      return records;
    },
  };
}
