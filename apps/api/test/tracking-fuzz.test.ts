import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSessions, createCatalog, createView, startTestApp } from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  t = await startTestApp();
  const { content } = await createCatalog(t.db);
  for (let i = 0; i < 5; i++) await createView(t.db, content, i);
});
afterAll(() => t.close());

const routes = [
  '/api/analytics/ar-session',
  '/api/analytics/ar-session/{id}/end',
  '/api/analytics/mobile/sessions',
  '/api/analytics/mobile/analytics',
  '/trpc/tracking.start',
  '/trpc/tracking.end',
  '/trpc/tracking.update',
];

const fields = [
  'portrait_id',
  'ar_content_unique_id',
  'ar_content_id',
  'session_id',
  'user_agent',
  'device_type',
  'browser',
  'os',
  'tracking_quality',
  'video_played',
  'duration_seconds',
];

// Strings that have broken other services: SQL, markup, NUL, lone surrogates, huge and near-limit ones.
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(
    "'; drop table ar_view_sessions; --",
    '<script>alert(1)</script>',
    '\u0000',
    '\ud800',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '__proto__',
  ),
  fc.string({ minLength: 90, maxLength: 2000 }),
);

const nastyValue = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 86_401, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

// Objects with the real field names but wrong values, plus unknown keys.
const malformedRecord = fc.dictionary(fc.oneof(fc.constantFrom(...fields), fc.string()), nastyValue, {
  maxKeys: 14,
});

const body = fc.oneof(
  malformedRecord.map((value) => ({ text: JSON.stringify(value), type: 'application/json' })),
  malformedRecord.map((value) => ({ text: JSON.stringify(value), type: 'text/plain;charset=UTF-8' })),
  fc
    .jsonValue({ maxDepth: 6 })
    .map((value) => ({ text: JSON.stringify(value) ?? 'null', type: 'application/json' })),
  fc.string().map((text) => ({ text, type: 'application/json' })),
  fc.string().map((text) => ({ text, type: 'text/plain' })),
  fc
    .nat({ max: 3000 })
    .map((depth) => ({ text: '['.repeat(depth) + ']'.repeat(depth), type: 'application/json' })),
  fc
    .constantFrom('application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded', 'image/png')
    .chain((type) => malformedRecord.map((value) => ({ text: JSON.stringify(value), type }))),
  fc
    .nat({ max: 40_000 })
    .map((size) => ({ text: JSON.stringify({ pad: 'x'.repeat(size) }), type: 'application/json' })),
);

/** A path segment for any string; a lone surrogate cannot be percent-encoded, so it is sent escaped raw. */
function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return escape(value);
  }
}

describe('the public tracking door under malformed input', () => {
  it('answers 5,000 malformed payloads with 4xx, stays up and stores nothing', async () => {
    const before = await countSessions(t.db);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), nastyString, body, async (route, id, payload) => {
        const res = await t.app.inject({
          method: 'POST',
          url: route.replace('{id}', pathSegment(id)),
          headers: { 'content-type': payload.type },
          payload: payload.text,
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(
          res.statusCode,
          `${route} ${payload.type} ${payload.text.slice(0, 200)} -> ${res.body}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 5000 },
    );
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(5000);
    expect(await countSessions(t.db)).toBe(before);
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  }, 120_000);
});
