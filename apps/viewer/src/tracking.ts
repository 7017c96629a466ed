import type { AppRouter, FailureReason } from '@arv/api-contract';
import type { inferRouterInputs } from '@trpc/server';
import { trackingQuality } from './quality.js';

type TrackingInputs = inferRouterInputs<AppRouter>['tracking'];

/** The analytics calls the tracker makes; in the page they are tRPC mutations. */
export interface TrackingApi {
  start(input: TrackingInputs['start']): Promise<unknown>;
  update(input: TrackingInputs['update']): Promise<unknown>;
}

/** What the tracker needs from the browser, injectable so that it can be tested without one. */
export interface TrackerEnvironment {
  now(): number;
  sleep(ms: number): Promise<void>;
  sendBeacon?: (url: string, body: string) => boolean;
  fetch(url: string, init: RequestInit): Promise<unknown>;
}

export type TrackerOptions = {
  uniqueId: string;
  api: TrackingApi;
  env: TrackerEnvironment;
  sessionId?: string;
  /** Where the legacy REST routes live, '' for the page's own origin. */
  apiBase?: string;
  /** Waits between start attempts; analytics give up after the last. */
  retryDelaysMs?: number[];
  device?: { user_agent?: string; device_type?: string; browser?: string; os?: string };
};

const defaultRetryDelaysMs = [500, 1_000, 2_000, 4_000, 8_000];

/** A start refused for what it says (unknown content, bad input) is not retried: it would fail alike. */
function isPermanent(error: unknown) {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

/**
 * One visit's analytics: a session id per page load, its start (retried with backoff; a slow or failing API
 * only loses analytics, it never holds AR back), the AR events, and the end sent as the page goes away.
 */
export function createTracker(options: TrackerOptions) {
  const { api, env } = options;
  const sessionId = options.sessionId ?? crypto.randomUUID();
  const retryDelays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const openedAt = env.now();
  let started: Promise<boolean> | undefined;
  let readyAt: number | null = null;
  let firstFoundAt: number | null = null;
  let found = 0;
  let lost = 0;
  let failureReason: FailureReason | null = null;
  let videoPlayed = false;
  let videoMs = 0;
  let videoSince: number | null = null;

  async function sendStart() {
    const input = { portrait_id: options.uniqueId, session_id: sessionId, ...options.device };
    for (let attempt = 0; ; attempt++) {
      try {
        await api.start(input);
        return true;
      } catch (error) {
        const delay = retryDelays[attempt];
        if (delay === undefined || isPermanent(error)) return false;
        await env.sleep(delay);
      }
    }
  }

  /** Starts the session once; later calls return the same promise (true when it was recorded). */
  function start() {
    started ??= sendStart();
    return started;
  }

  function endPayload() {
    const playing = videoSince === null ? 0 : env.now() - videoSince;
    return {
      duration_seconds: Math.min(86_400, Math.round((env.now() - openedAt) / 1000)),
      tracking_quality: trackingQuality({
        failureReason,
        timeToFirstTrackMs: firstFoundAt === null || readyAt === null ? null : firstFoundAt - readyAt,
        targetLostCount: lost,
      }),
      video_played: videoPlayed,
      time_to_first_track_ms:
        firstFoundAt === null || readyAt === null ? null : Math.round(firstFoundAt - readyAt),
      target_found_count: found,
      target_lost_count: lost,
      video_play_seconds: Math.min(86_400, Math.round((videoMs + playing) / 1000)),
      failure_reason: failureReason,
    };
  }

  return {
    sessionId,
    start,
    /** The camera runs and the target is loaded: from now on the visitor can be tracked. */
    arReady() {
      readyAt ??= env.now();
    },
    targetFound() {
      found++;
      firstFoundAt ??= env.now();
    },
    targetLost() {
      lost++;
    },
    videoPlaying() {
      videoPlayed = true;
      videoSince ??= env.now();
    },
    videoPaused() {
      if (videoSince !== null) videoMs += env.now() - videoSince;
      videoSince = null;
    },
    /** AR could not start: recorded at once (the visitor may linger on the failure screen), and with the end. */
    async fail(reason: FailureReason) {
      failureReason ??= reason;
      if (!(await start())) return;
      await api
        .update({ session_id: sessionId, failure_reason: failureReason, tracking_quality: 'failed' })
        .catch(() => undefined);
    },
    endPayload,
    /**
     * Sends the end as the page goes away: a beacon (text/plain JSON, which the end route accepts), or a
     * keepalive fetch where beacons are missing or refused. Every end repeats the whole outcome, so the
     * server keeps the latest.
     */
    sendEnd() {
      if (started === undefined) return;
      const url = `${options.apiBase ?? ''}/api/analytics/ar-session/${sessionId}/end`;
      const body = JSON.stringify(endPayload());
      if (env.sendBeacon?.(url, body)) return;
      env
        .fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, keepalive: true })
        .catch(() => undefined);
    },
  };
}

export type Tracker = ReturnType<typeof createTracker>;

/**
 * Ends the session when the page is hidden or left. Not beforeunload: mobile browsers often skip it, and
 * it spoils the back/forward cache. A visitor who comes back and leaves again sends a later end.
 */
export function endOnPageHide(
  tracker: Pick<Tracker, 'sendEnd'>,
  page: Pick<Window, 'addEventListener'>,
  document: Pick<Document, 'addEventListener' | 'visibilityState'>,
) {
  page.addEventListener('pagehide', () => tracker.sendEnd());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') tracker.sendEnd();
  });
}

/** The page's own environment. */
export function browserEnvironment(): TrackerEnvironment {
  return {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    sendBeacon:
      typeof navigator.sendBeacon === 'function' ? (url, body) => navigator.sendBeacon(url, body) : undefined,
    fetch: (url, init) => fetch(url, init),
  };
}
