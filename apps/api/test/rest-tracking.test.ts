import { randomUUID } from 'node:crypto';
import { maxUnknownFields } from '@arv/api-contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countSessions, createCatalog, createContent, sessionRows, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let catalog: Awaited<ReturnType<typeof createCatalog>>;
let inactive: Awaited<ReturnType<typeof createContent>>;
let sessionId: string;

const post = (url: string, payload: unknown, contentType = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': contentType, 'user-agent': 'vitest' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    remoteAddress: '203.0.113.77',
  });

const start = (body: Record<string, unknown>) => post('/api/analytics/ar-session', body);

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t.db);
  inactive = await createContent(t.db, catalog.project, { isActive: false });
});
afterAll(() => t.close());
beforeEach(() => {
  sessionId = randomUUID();
});

describe('POST /api/analytics/ar-session', () => {
  it('stores a session resolved by portrait_id, with company and project filled from the content', async () => {
    const res = await start({
      portrait_id: catalog.content.uniqueId,
      session_id: sessionId,
      user_agent: 'Mozilla/5.0 (iPhone)',
      device_type: 'mobile',
      browser: 'Safari',
      os: 'iOS',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(`{"status":"tracked","session_id":"${sessionId}"}`);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({
      arContentId: catalog.content.id,
      projectId: catalog.project.id,
      companyId: catalog.company.id,
      userAgent: 'Mozilla/5.0 (iPhone)',
      deviceType: 'mobile',
      browser: 'Safari',
      os: 'iOS',
      durationSeconds: null,
      videoPlayed: false,
      // Stored truncated to its /24, never the full address.
      ipAddress: '203.0.113.0',
    });
  });

  it('derives device, browser and OS from the User-Agent when the client sends none', async () => {
    const iPhone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/ar-session',
      headers: { 'user-agent': iPhone },
      payload: { portrait_id: catalog.content.uniqueId, session_id: sessionId, os: 'iPadOS' },
    });
    expect(res.statusCode).toBe(200);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    // What the client said wins over what the header suggests.
    expect(row).toMatchObject({ userAgent: iPhone, deviceType: 'mobile', browser: 'Safari', os: 'iPadOS' });
  });

  it('resolves by ar_content_unique_id and by ar_content_id', async () => {
    const byUnique = await start({ ar_content_unique_id: catalog.content.uniqueId, session_id: sessionId });
    const other = randomUUID();
    const byId = await start({ ar_content_id: catalog.content.id, session_id: other });
    expect([byUnique.statusCode, byId.statusCode]).toEqual([200, 200]);
    const rows = (await sessionRows(t.db)).filter((r) => r.sessionId === sessionId || r.sessionId === other);
    expect(rows.map((r) => [r.arContentId, r.companyId, r.projectId])).toEqual([
      [catalog.content.id, catalog.company.id, catalog.project.id],
      [catalog.content.id, catalog.company.id, catalog.project.id],
    ]);
  });

  it('stores a retried start once and answers it the same', async () => {
    const before = await countSessions(t.db);
    const body = { portrait_id: catalog.content.uniqueId, session_id: sessionId };
    const first = await start(body);
    const second = await start(body);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(await countSessions(t.db)).toBe(before + 1);
  });

  it('answers 404 for unknown or inactive content and stores nothing', async () => {
    const before = await countSessions(t.db);
    for (const body of [
      { portrait_id: randomUUID(), session_id: sessionId },
      { ar_content_id: 987654, session_id: sessionId },
      { portrait_id: inactive.uniqueId, session_id: sessionId },
    ]) {
      const res = await start(body);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toMatch(/does not exist or is not active/);
    }
    expect(await countSessions(t.db)).toBe(before);
  });

  it('answers 400 naming the field for a non-UUID session id, and stores nothing', async () => {
    const before = await countSessions(t.db);
    const res = await start({ portrait_id: catalog.content.uniqueId, session_id: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: 'session_id: must be a UUID, got "abc"' });
    expect(await countSessions(t.db)).toBe(before);
  });

  it('answers 400 when no content is named or a field is too long or of the wrong type', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ session_id: sessionId }, /ar_content_id: is required/],
      [
        { portrait_id: catalog.content.uniqueId, session_id: sessionId, device_type: 'x'.repeat(51) },
        /device_type: must be at most 50/,
      ],
      [
        { portrait_id: catalog.content.uniqueId, session_id: sessionId, video_played: 'yes' },
        /video_played: must be true or false/,
      ],
      [
        { portrait_id: catalog.content.uniqueId, session_id: sessionId, user_agent: 'Mozilla\u0000' },
        /user_agent: must not contain NUL/,
      ],
      [{ ar_content_id: -3, session_id: sessionId }, /ar_content_id: must be a positive integer id/],
    ];
    for (const [body, detail] of cases) {
      const res = await start(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(detail);
    }
  });

  it('answers 400 when the content ids disagree', async () => {
    const other = await createContent(t.db, catalog.project);
    const res = await start({
      ar_content_id: catalog.content.id,
      portrait_id: other.uniqueId,
      session_id: sessionId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/does not have unique id/);
  });

  it('answers 400 for a body that is not JSON and 413 for one over 16 KiB', async () => {
    const broken = await post('/api/analytics/ar-session', '{"session_id":');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toMatch(/JSON/);
    const huge = await start({
      portrait_id: catalog.content.uniqueId,
      session_id: sessionId,
      pad: 'x'.repeat(20_000),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toHaveProperty('detail');
  });
});

describe('POST /api/analytics/ar-session/{session_id}/end', () => {
  it('records duration, tracking quality and video played from a JSON body', async () => {
    await start({ portrait_id: catalog.content.uniqueId, session_id: sessionId });
    const res = await post(`/api/analytics/ar-session/${sessionId}/end`, {
      duration_seconds: 42,
      tracking_quality: 'good',
      video_played: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(`{"status":"ended","session_id":"${sessionId}"}`);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({ durationSeconds: 42, trackingQuality: 'good', videoPlayed: true });
  });

  it('accepts the text/plain body that navigator.sendBeacon sends, and keeps the latest duration', async () => {
    await start({ portrait_id: catalog.content.uniqueId, session_id: sessionId });
    const url = `/api/analytics/ar-session/${sessionId}/end`;
    expect(
      (await post(url, JSON.stringify({ duration_seconds: 5 }), 'text/plain;charset=UTF-8')).statusCode,
    ).toBe(200);
    expect(
      (await post(url, JSON.stringify({ duration_seconds: 17 }), 'text/plain;charset=UTF-8')).statusCode,
    ).toBe(200);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row?.durationSeconds).toBe(17);
  });

  it('answers 404 for an unknown session and 400 for an absurd duration', async () => {
    const unknown = await post(`/api/analytics/ar-session/${randomUUID()}/end`, { duration_seconds: 3 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(/no session/);
    await start({ portrait_id: catalog.content.uniqueId, session_id: sessionId });
    for (const duration of [-1, 86_401, 'long', 1.5]) {
      const res = await post(`/api/analytics/ar-session/${sessionId}/end`, { duration_seconds: duration });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/^duration_seconds: /);
    }
    const missing = await post(`/api/analytics/ar-session/${sessionId}/end`, {});
    expect(missing.json().detail).toMatch(/^duration_seconds: /);
  });

  it('answers 400 for a text/plain body that is not JSON', async () => {
    const res = await post(`/api/analytics/ar-session/${sessionId}/end`, 'duration=5', 'text/plain');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: 'the text/plain body must hold JSON' });
  });
});

describe('legacy mobile routes', () => {
  it('POST /mobile/sessions creates a session once, then answers "exists"', async () => {
    const before = await countSessions(t.db);
    const body = {
      ar_content_unique_id: catalog.content.uniqueId,
      session_id: sessionId,
      device_type: 'tablet',
    };
    const first = await post('/api/analytics/mobile/sessions', body);
    const second = await post('/api/analytics/mobile/sessions', body);
    expect(first.body).toBe(`{"status":"created","session_id":"${sessionId}"}`);
    expect(second.body).toBe(`{"status":"exists","session_id":"${sessionId}"}`);
    expect(await countSessions(t.db)).toBe(before + 1);
  });

  it('POST /mobile/analytics updates the fields it is given, JSON or text/plain', async () => {
    await post('/api/analytics/mobile/sessions', {
      portrait_id: catalog.content.uniqueId,
      session_id: sessionId,
    });
    const quality = await post('/api/analytics/mobile/analytics', {
      session_id: sessionId,
      tracking_quality: 'fair',
    });
    expect(quality.body).toBe(`{"status":"updated","session_id":"${sessionId}"}`);
    const played = await post(
      '/api/analytics/mobile/analytics',
      JSON.stringify({ session_id: sessionId, video_played: true, duration_seconds: 9 }),
      'text/plain',
    );
    expect(played.statusCode).toBe(200);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({ trackingQuality: 'fair', videoPlayed: true, durationSeconds: 9 });
  });

  it('POST /mobile/analytics answers 400 when there is nothing to update and 404 for an unknown session', async () => {
    const empty = await post('/api/analytics/mobile/analytics', { session_id: sessionId });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toMatch(/nothing to update/);
    const unknown = await post('/api/analytics/mobile/analytics', {
      session_id: randomUUID(),
      video_played: true,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('fields the service does not know', () => {
  const unknownFields = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra_${i}`, i]));

  it(`accepts up to ${maxUnknownFields} unknown fields and stores none of them, even ones named like columns`, async () => {
    const mimicry = { company_id: 999, project_id: 999, ip_address: '192.0.2.1', country: 'XX' };
    const extra = { ...unknownFields(maxUnknownFields - Object.keys(mimicry).length), ...mimicry };
    const started = await start({ portrait_id: catalog.content.uniqueId, session_id: sessionId, ...extra });
    expect(started.statusCode).toBe(200);
    const ended = await post(`/api/analytics/ar-session/${sessionId}/end`, { duration_seconds: 8, ...extra });
    expect(ended.statusCode).toBe(200);
    const updated = await post('/trpc/tracking.update', {
      session_id: sessionId,
      video_played: true,
      ...extra,
    });
    expect(updated.statusCode).toBe(200);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({
      companyId: catalog.company.id,
      projectId: catalog.project.id,
      ipAddress: '203.0.113.0',
      country: null,
      durationSeconds: 8,
      videoPlayed: true,
    });
  });

  it(`answers 400 naming the first unknown fields past ${maxUnknownFields}, on every tracking route, and stores nothing`, async () => {
    await start({ portrait_id: catalog.content.uniqueId, session_id: sessionId });
    const before = await countSessions(t.db);
    const extra = unknownFields(maxUnknownFields + 1);
    const detail = `too many unknown fields (${maxUnknownFields + 1}, at most ${maxUnknownFields}): "extra_0", "extra_1", "extra_2", "extra_3", "extra_4", …; send only the documented fields`;
    const fresh = { portrait_id: catalog.content.uniqueId, session_id: randomUUID(), ...extra };
    const outcome = { session_id: sessionId, duration_seconds: 99, video_played: true, ...extra };
    const rest: [string, Record<string, unknown>][] = [
      ['/api/analytics/ar-session', fresh],
      ['/api/analytics/mobile/sessions', fresh],
      [`/api/analytics/ar-session/${sessionId}/end`, outcome],
      ['/api/analytics/mobile/analytics', outcome],
    ];
    for (const [url, body] of rest) {
      const res = await post(url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({ detail });
    }
    for (const [procedure, body] of [
      ['start', fresh],
      ['end', outcome],
      ['update', outcome],
    ] as const) {
      const res = await post(`/trpc/tracking.${procedure}`, body);
      expect(res.statusCode, procedure).toBe(400);
      expect(res.json().error, procedure).toMatchObject({ message: detail, data: { code: 'BAD_REQUEST' } });
    }
    expect(await countSessions(t.db)).toBe(before);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({ durationSeconds: null, videoPlayed: false });
  });
});
