import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arContent, arViewSessions, createDatabase } from '@arv/db';
import { eq } from 'drizzle-orm';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiServer,
  checkTools,
  chromiumPath,
  ensureViewerBuilt,
  makeCameraFeed,
  prepareDatabase,
  repoRoot,
  startApi,
} from './harness.js';

// Flags proven to give real MindAR tracking in headless Chromium (WebGL on SwiftShader, a file as camera).
const baseArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-device-for-media-stream',
];

const temp = mkdtempSync(join(tmpdir(), 'arv-viewer-'));
const artifacts = join(repoRoot, 'test-artifacts');
let api: ApiServer;
const browsers: Browser[] = [];
const sessions: Record<'found' | 'unseen' | 'denied', string> = { found: '', unseen: '', denied: '' };

const visitorUserAgent =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

async function openViewer(cameraFeed: string | null) {
  const args = cameraFeed
    ? [...baseArgs, '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cameraFeed}`]
    : [...baseArgs, '--deny-permission-prompts'];
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
  browsers.push(browser);
  // Headless Chromium names itself HeadlessChrome, which the server's bot filter rightly drops; the test
  // stands in for a visitor's browser, so it says what a desktop Chrome says.
  const page = await browser.newPage({ viewport: { width: 480, height: 640 }, userAgent: visitorUserAgent });
  await page.goto(api.viewerUrl);
  await page.waitForSelector('body[data-session-id]');
  const sessionId = (await page.getAttribute('body', 'data-session-id')) as string;
  return { page, sessionId };
}

/** Leaves the page as a visitor does; the viewer's pagehide handler sends the end with a beacon. */
async function leave(page: Page, sessionId: string) {
  await api.waitForRequest('/trpc/tracking.start', 200);
  await page.close();
  await api.waitForRequest(`/api/analytics/ar-session/${sessionId}/end`, 200);
}

beforeAll(async () => {
  checkTools();
  await ensureViewerBuilt();
  mkdirSync(artifacts, { recursive: true });
  await prepareDatabase(join(temp, 'pglite'));
  api = await startApi({ PGLITE_DIR: join(temp, 'pglite'), MEDIA_DIR: join(temp, 'media') });
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await api?.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('the AR viewer in Chromium with a fake camera', () => {
  it('recognizes the print and plays the video over it', async () => {
    const feed = join(temp, 'print.y4m');
    makeCameraFeed(feed, true);
    const { page, sessionId } = await openViewer(feed);
    sessions.found = sessionId;
    await page.waitForSelector('body[data-ar-state="found"]', { timeout: 45_000 });
    await page.waitForFunction(
      () => ((document.getElementById('content-video') as HTMLVideoElement | null)?.currentTime ?? 0) > 1,
      undefined,
      { timeout: 20_000 },
    );
    await page.screenshot({ path: join(artifacts, 'ar-viewer-video-over-print.png') });
    await leave(page, sessionId);
  });

  it('keeps scanning while the camera never sees the print', async () => {
    const feed = join(temp, 'no-print.y4m');
    makeCameraFeed(feed, false);
    const { page, sessionId } = await openViewer(feed);
    sessions.unseen = sessionId;
    await page.waitForSelector('body[data-ar-state="scanning"]', { timeout: 45_000 });
    await page.waitForTimeout(3_000);
    expect(await page.getAttribute('body', 'data-ar-state')).toBe('scanning');
    await leave(page, sessionId);
  });

  it('explains a refused camera', async () => {
    const { page, sessionId } = await openViewer(null);
    sessions.denied = sessionId;
    await page.waitForSelector('body[data-failure="camera_denied"]', { timeout: 30_000 });
    expect(await page.textContent('#title')).toBe('Camera access is blocked');
    await api.waitForRequest('/trpc/tracking.update', 200);
    await leave(page, sessionId);
  });

  it('tells a visitor when the content is not available', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: baseArgs });
    browsers.push(browser);
    const page = await browser.newPage();
    await page.goto(api.viewerUrl.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000'));
    await page.waitForSelector('body[data-ar-state="unavailable"]');
    expect(await page.textContent('#title')).toBe('This AR content is not available');
    await page.close();
  });

  it('records each visit once, with what tracking and the video did', async () => {
    await api.stop();
    const handle = createDatabase({ dataDir: join(temp, 'pglite') });
    try {
      const rows = await handle.db
        .select({ session: arViewSessions })
        .from(arViewSessions)
        .innerJoin(arContent, eq(arContent.id, arViewSessions.arContentId))
        .where(eq(arContent.title, 'ARV demo portrait'));
      expect(rows.map((r) => r.session.sessionId).sort()).toEqual(Object.values(sessions).sort());
      const of = (id: string) => rows.find((r) => r.session.sessionId === id)?.session;

      const found = of(sessions.found);
      expect(found).toMatchObject({ videoPlayed: true, failureReason: null });
      expect(found?.timeToFirstTrackMs).toBeGreaterThanOrEqual(0);
      expect(found?.targetFoundCount).toBeGreaterThanOrEqual(1);
      expect(found?.videoPlaySeconds).toBeGreaterThanOrEqual(1);
      expect(found?.durationSeconds).toBeGreaterThanOrEqual(1);
      expect(['good', 'fair', 'poor']).toContain(found?.trackingQuality);

      expect(of(sessions.unseen)).toMatchObject({
        videoPlayed: false,
        targetFoundCount: 0,
        timeToFirstTrackMs: null,
        trackingQuality: 'poor',
        failureReason: null,
      });
      expect(of(sessions.unseen)?.durationSeconds).toBeGreaterThanOrEqual(3);

      expect(of(sessions.denied)).toMatchObject({
        failureReason: 'camera_denied',
        trackingQuality: 'failed',
        videoPlayed: false,
      });
    } finally {
      await handle.close();
    }
  });
});
