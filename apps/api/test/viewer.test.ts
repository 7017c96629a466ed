import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { arContent, arViewSessions, type DatabaseHandle } from '@arv/db';
import { createTestDatabase } from '@arv/db/testing';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadAssetError, storeContentAssets } from '../src/contentAssets.js';
import { demoTargetImage } from '../src/demoContent.js';
import { mediaCacheControl } from '../src/media.js';
import { buildServer } from '../src/server.js';
import { viewer } from '../src/viewer.js';
import { createCatalog, createContent, phoneUserAgent } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'arv-viewer-api-'));
const mediaDir = join(temp, 'media');
let t: { app: Awaited<ReturnType<typeof buildServer>>; handle: DatabaseHandle };

/** A PNG of one flat colour: an image, but with nothing for MindAR to track. */
function flatPng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x88)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const query = (uniqueId: string) =>
  t.app.inject({ url: `/trpc/viewer.content?input=${encodeURIComponent(JSON.stringify({ uniqueId }))}` });
const mutate = (procedure: string, input: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/trpc/tracking.${procedure}`,
    headers: { 'user-agent': phoneUserAgent },
    payload: input as object,
  });

beforeAll(async () => {
  const handle = await createTestDatabase();
  const app = await buildServer(handle.db, {
    CORS_ORIGINS: [],
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
    MEDIA_DIR: mediaDir,
  });
  await app.ready();
  t = { app, handle };
});
afterAll(async () => {
  await t.app.close();
  await t.handle.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('viewer.content', () => {
  it("answers a content item's title and asset URLs", async () => {
    const { project } = await createCatalog(t.handle.db, 'Viewer Co');
    const content = await createContent(t.handle.db, project, { title: 'Grandma at 20' });
    await t.handle.db
      .update(arContent)
      .set({ imageUrl: '/media/a.png', markerUrl: '/media/a.mind', videoUrl: '/media/a.mp4' })
      .where(eq(arContent.id, content.id));
    const res = await query(content.uniqueId);
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data).toEqual({
      uniqueId: content.uniqueId,
      title: 'Grandma at 20',
      targetUrl: '/media/a.mind',
      videoUrl: '/media/a.mp4',
      posterUrl: '/media/a.png',
    });
  });

  it('says "not available" for unknown, inactive or incomplete content', async () => {
    const { project, content: incomplete } = await createCatalog(t.handle.db, 'Hidden Co');
    const inactive = await createContent(t.handle.db, project, { isActive: false });
    await t.handle.db
      .update(arContent)
      .set({ markerUrl: '/media/b.mind', videoUrl: '/media/b.mp4' })
      .where(eq(arContent.id, inactive.id));
    for (const uniqueId of [randomUUID(), inactive.uniqueId, incomplete.uniqueId]) {
      const res = await query(uniqueId);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('this AR content is not available');
    }
  });

  it('names a malformed unique id', async () => {
    const res = await query('abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('must be a UUID, got "abc"');
  });
});

describe('AR events on tracking', () => {
  async function startSession() {
    const { content } = await createCatalog(t.handle.db, `Events ${randomUUID()}`);
    const sessionId = randomUUID();
    const res = await mutate('start', { portrait_id: content.uniqueId, session_id: sessionId });
    expect(res.statusCode).toBe(200);
    return sessionId;
  }
  const rowOf = async (sessionId: string) =>
    (await t.handle.db.select().from(arViewSessions).where(eq(arViewSessions.sessionId, sessionId)))[0];

  it('stores the events an end carries', async () => {
    const sessionId = await startSession();
    const res = await mutate('end', {
      session_id: sessionId,
      duration_seconds: 42,
      tracking_quality: 'good',
      video_played: true,
      time_to_first_track_ms: 1_700,
      target_found_count: 2,
      target_lost_count: 1,
      video_play_seconds: 30,
    });
    expect(res.statusCode).toBe(200);
    expect(await rowOf(sessionId)).toMatchObject({
      durationSeconds: 42,
      timeToFirstTrackMs: 1_700,
      targetFoundCount: 2,
      targetLostCount: 1,
      videoPlaySeconds: 30,
      failureReason: null,
    });
  });

  it('accepts an update carrying only a failure reason', async () => {
    const sessionId = await startSession();
    const res = await mutate('update', { session_id: sessionId, failure_reason: 'camera_denied' });
    expect(res.statusCode).toBe(200);
    expect(await rowOf(sessionId)).toMatchObject({ failureReason: 'camera_denied', durationSeconds: null });
  });

  it('accepts the events in a sendBeacon end on the REST route', async () => {
    const sessionId = await startSession();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/analytics/ar-session/${sessionId}/end`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ duration_seconds: 5, target_found_count: 0, tracking_quality: 'poor' }),
    });
    expect(res.statusCode).toBe(200);
    expect(await rowOf(sessionId)).toMatchObject({ targetFoundCount: 0, trackingQuality: 'poor' });
  });

  it('names an unknown failure reason and out-of-range events', async () => {
    const sessionId = await startSession();
    const reason = await mutate('update', { session_id: sessionId, failure_reason: 'bored' });
    expect(reason.statusCode).toBe(400);
    expect(reason.json().error.message).toContain('failure_reason: must be one of camera_denied');
    const late = await mutate('end', {
      session_id: sessionId,
      duration_seconds: 1,
      time_to_first_track_ms: 3_600_001,
    });
    expect(late.json().error.message).toContain('time_to_first_track_ms: must be at most 3600000');
    const fraction = await mutate('end', {
      session_id: sessionId,
      duration_seconds: 1,
      target_lost_count: 1.5,
    });
    expect(fraction.json().error.message).toContain('target_lost_count: must be a whole number of events');
  });
});

describe('media and the built viewer', () => {
  it('serves MEDIA_DIR at /media/ with a cache header for immutable files', async () => {
    writeFileSync(join(mediaDir, 'abc123.mind'), 'target');
    const res = await t.app.inject({ url: '/media/abc123.mind' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('target');
    expect(res.headers['cache-control']).toBe(mediaCacheControl);
    expect((await t.app.inject({ url: '/media/missing.mind' })).statusCode).toBe(404);
  });

  it('answers the viewer page for any /ar/<uuid> and its bundles under /ar/assets/', async () => {
    const dist = join(temp, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>viewer</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    const app = Fastify();
    await app.register(viewer, { dir: dist });
    const page = await app.inject({ url: `/ar/${randomUUID()}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const bundle = await app.inject({ url: '/ar/assets/index-abc.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/ar/not-a-uuid' })).statusCode).toBe(404);
    await app.close();
  });

  it('leaves /ar/ out when the viewer is not built', async () => {
    const app = Fastify({ logger: false });
    await app.register(viewer, { dir: join(temp, 'no-build') });
    expect((await app.inject({ url: `/ar/${randomUUID()}` })).statusCode).toBe(404);
    await app.close();
  });
});

describe('storing content assets', () => {
  const video = join(temp, 'clip.mp4');
  const contentFiles = () =>
    existsSync(join(mediaDir, 'content')) ? readdirSync(join(mediaDir, 'content'), { recursive: true }) : [];

  beforeAll(() => {
    // An MP4 begins with an ftyp box; the bytes after it do not matter to the check.
    writeFileSync(
      video,
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(64)]),
    );
  });

  it('refuses an image without texture and leaves no file behind', async () => {
    const flat = join(temp, 'flat.png');
    writeFileSync(flat, flatPng(240, 320));
    const uniqueId = randomUUID();
    await expect(
      storeContentAssets({ mediaDir, uniqueId, imagePath: flat, videoPath: video }),
    ).rejects.toThrow(/too little texture/);
    expect(contentFiles().some((name) => String(name).includes(uniqueId))).toBe(false);
  });

  it('refuses a missing video or a file that is not one', async () => {
    const base = { mediaDir, uniqueId: randomUUID(), imagePath: demoTargetImage };
    await expect(storeContentAssets({ ...base, videoPath: join(temp, 'none.mp4') })).rejects.toThrow(
      BadAssetError,
    );
    await expect(storeContentAssets({ ...base, videoPath: demoTargetImage })).rejects.toThrow(
      /must be an MP4 or WebM file/,
    );
  });
});
