import { describe, expect, it, vi } from 'vitest';
import { trackingQuality } from '../src/quality.js';
import { createTracker, endOnPageHide, type TrackerEnvironment, type TrackingApi } from '../src/tracking.js';

const uniqueId = '0a7de4c0-0000-4000-8000-00000000d340';
const sessionId = '11111111-2222-4333-8444-555555555555';

/** A clock the test moves by hand, and a record of every wait and send. */
function fakeEnvironment(overrides: Partial<TrackerEnvironment> = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const env = {
    now: () => now,
    sleep: vi.fn(async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    }),
    sendBeacon: vi.fn((_url: string, _body: string) => true),
    fetch: vi.fn(async (_url: string, _init: RequestInit) => ({})),
    ...overrides,
  };
  return { env, sleeps, advance: (ms: number) => (now += ms) };
}

const beaconCalls = (env: TrackerEnvironment) =>
  vi.mocked(env.sendBeacon as NonNullable<TrackerEnvironment['sendBeacon']>).mock.calls;

function fakeApi(failures = 0, error: unknown = new Error('network down')) {
  let calls = 0;
  const api: TrackingApi & { calls: () => number } = {
    start: vi.fn(async () => {
      calls++;
      if (calls <= failures) throw error;
      return { status: 'created' };
    }),
    update: vi.fn(async () => ({ status: 'updated' })),
    calls: () => calls,
  };
  return api;
}

describe('tracking start', () => {
  it('retries a failing start with growing waits until it is recorded', async () => {
    const { env, sleeps } = fakeEnvironment();
    const api = fakeApi(3);
    const tracker = createTracker({ uniqueId, api, env, sessionId, retryDelaysMs: [100, 200, 400, 800] });
    expect(await tracker.start()).toBe(true);
    expect(api.calls()).toBe(4);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(api.start).toHaveBeenLastCalledWith(
      expect.objectContaining({ portrait_id: uniqueId, session_id: sessionId }),
    );
  });

  it('gives up after the last wait, without throwing', async () => {
    const { env, sleeps } = fakeEnvironment();
    const api = fakeApi(10);
    const tracker = createTracker({ uniqueId, api, env, retryDelaysMs: [100, 200] });
    expect(await tracker.start()).toBe(false);
    expect(api.calls()).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it('does not retry content the server does not know', async () => {
    const { env } = fakeEnvironment();
    const api = fakeApi(10, { data: { code: 'NOT_FOUND' } });
    const tracker = createTracker({ uniqueId, api, env, retryDelaysMs: [100, 200] });
    expect(await tracker.start()).toBe(false);
    expect(api.calls()).toBe(1);
  });

  it('starts one session per page load however often it is asked', async () => {
    const { env } = fakeEnvironment();
    const api = fakeApi();
    const tracker = createTracker({ uniqueId, api, env });
    await Promise.all([tracker.start(), tracker.start()]);
    expect(api.calls()).toBe(1);
    expect(tracker.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('session end', () => {
  function pageWith(visibility: DocumentVisibilityState = 'visible') {
    const page = new EventTarget();
    const document = Object.assign(new EventTarget(), { visibilityState: visibility });
    return { page, document };
  }

  it('is sent with a beacon to the REST end route when the page is hidden', async () => {
    const { env, advance } = fakeEnvironment();
    const tracker = createTracker({ uniqueId, api: fakeApi(), env, sessionId });
    const { page, document } = pageWith();
    endOnPageHide(tracker, page as Window, document as Document);
    await tracker.start();
    advance(12_400);
    page.dispatchEvent(new Event('pagehide'));
    expect(env.sendBeacon).toHaveBeenCalledTimes(1);
    const [url, body] = beaconCalls(env)[0] as [string, string];
    expect(url).toBe(`/api/analytics/ar-session/${sessionId}/end`);
    expect(JSON.parse(body)).toMatchObject({
      duration_seconds: 12,
      video_played: false,
      tracking_quality: 'poor',
    });
    expect(env.fetch).not.toHaveBeenCalled();
  });

  it('is sent again, with the later duration, each time the tab is hidden', async () => {
    const { env, advance } = fakeEnvironment();
    const tracker = createTracker({ uniqueId, api: fakeApi(), env, sessionId });
    const { page, document } = pageWith();
    endOnPageHide(tracker, page as Window, document as Document);
    await tracker.start();
    advance(5_000);
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    advance(5_000);
    page.dispatchEvent(new Event('pagehide'));
    const durations = beaconCalls(env).map(([, body]) => JSON.parse(body).duration_seconds);
    expect(durations).toEqual([5, 10]);
  });

  it('is not sent when the tab becomes visible', async () => {
    const { env } = fakeEnvironment();
    const tracker = createTracker({ uniqueId, api: fakeApi(), env });
    const { page, document } = pageWith('visible');
    endOnPageHide(tracker, page as Window, document as Document);
    await tracker.start();
    document.dispatchEvent(new Event('visibilitychange'));
    expect(env.sendBeacon).not.toHaveBeenCalled();
  });

  it('falls back to a keepalive fetch when the browser has no sendBeacon', async () => {
    const { env } = fakeEnvironment({ sendBeacon: undefined });
    const tracker = createTracker({ uniqueId, api: fakeApi(), env, sessionId });
    await tracker.start();
    tracker.sendEnd();
    expect(env.fetch).toHaveBeenCalledWith(
      `/api/analytics/ar-session/${sessionId}/end`,
      expect.objectContaining({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' } }),
    );
  });

  it('falls back to a keepalive fetch when the browser refuses the beacon', async () => {
    const { env } = fakeEnvironment({ sendBeacon: vi.fn(() => false) });
    const tracker = createTracker({ uniqueId, api: fakeApi(), env, sessionId });
    await tracker.start();
    tracker.sendEnd();
    expect(env.fetch).toHaveBeenCalledTimes(1);
  });

  it('carries the AR events: time to first track, found and lost counts, video seconds', async () => {
    const { env, advance } = fakeEnvironment();
    const tracker = createTracker({ uniqueId, api: fakeApi(), env });
    await tracker.start();
    advance(1_000);
    tracker.arReady();
    advance(1_500);
    tracker.targetFound();
    tracker.videoPlaying();
    advance(4_000);
    tracker.targetLost();
    tracker.videoPaused();
    tracker.targetFound();
    tracker.videoPlaying();
    advance(2_000);
    expect(tracker.endPayload()).toEqual({
      duration_seconds: 9,
      tracking_quality: 'good',
      video_played: true,
      time_to_first_track_ms: 1_500,
      target_found_count: 2,
      target_lost_count: 1,
      video_play_seconds: 6,
      failure_reason: null,
    });
  });

  it('reports a failure at once and with the end', async () => {
    const { env } = fakeEnvironment();
    const api = fakeApi();
    const tracker = createTracker({ uniqueId, api, env, sessionId });
    await tracker.fail('camera_denied');
    expect(api.update).toHaveBeenCalledWith({
      session_id: sessionId,
      failure_reason: 'camera_denied',
      tracking_quality: 'failed',
    });
    expect(tracker.endPayload()).toMatchObject({
      failure_reason: 'camera_denied',
      tracking_quality: 'failed',
    });
  });
});

describe('tracking quality', () => {
  const facts = { failureReason: null, timeToFirstTrackMs: 1_000, targetLostCount: 0 };

  it('is failed when AR could not start', () => {
    expect(trackingQuality({ ...facts, failureReason: 'no_camera' })).toBe('failed');
  });
  it('is poor when the print was never found', () => {
    expect(trackingQuality({ ...facts, timeToFirstTrackMs: null })).toBe('poor');
  });
  it('is poor when the print was first found after more than 10 s', () => {
    expect(trackingQuality({ ...facts, timeToFirstTrackMs: 10_001 })).toBe('poor');
  });
  it('is fair when the print was found after 3 to 10 s', () => {
    expect(trackingQuality({ ...facts, timeToFirstTrackMs: 3_001 })).toBe('fair');
    expect(trackingQuality({ ...facts, timeToFirstTrackMs: 10_000 })).toBe('fair');
  });
  it('is fair when the print was lost 3 times or more', () => {
    expect(trackingQuality({ ...facts, targetLostCount: 3 })).toBe('fair');
  });
  it('is good when found within 3 s and lost less than 3 times', () => {
    expect(trackingQuality({ ...facts, timeToFirstTrackMs: 3_000, targetLostCount: 2 })).toBe('good');
  });
});
