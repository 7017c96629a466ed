import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, formatGigabytes, formatInteger, formatRate } from '../../src/lib/format';
import { ConsoleWatch, desktop, launchChromium, screenshot, screenshotBoth, settled } from './browser';
import { parseCsv } from './csv';
import { assertBuilt, type RunningApi, startApi } from './server';
import { adminUser, type DayRange, type Figures, memberUser, prepareDatabase, type Truth } from './truth';

// The browser's own time zone, which the dashboard sends along; not UTC, so that day edges are tested.
const timeZone = 'Europe/Berlin';
const dayMs = 86_400_000;
const phoneUserAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

function daysBefore(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  return new Date(Date.parse(today) - days * dayMs).toISOString().slice(0, 10);
}

// Two weeks that ended before today: its figures cannot move while the test runs.
const range: DayRange = { from: daysBefore(15), to: daysBefore(2), timeZone };
const rangeQuery = `from=${range.from}&to=${range.to}`;

let dir: string;
let truth: Truth;
let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: ConsoleWatch;

async function shownFigures(p: Page): Promise<Record<keyof Figures, string>> {
  const card = async (metric: keyof Figures) =>
    ((await p.locator(`[data-metric="${metric}"] .card-value`).textContent()) ?? '').trim();
  return {
    views: await card('views'),
    uniqueSessions: await card('uniqueSessions'),
    avgDurationSeconds: await card('avgDurationSeconds'),
    videoPlayRate: await card('videoPlayRate'),
    trackingSuccessRate: await card('trackingSuccessRate'),
    activeContent: await card('activeContent'),
    storageUsedGb: await card('storageUsedGb'),
  };
}

function formatted(figures: Figures): Record<keyof Figures, string> {
  return {
    views: formatInteger(figures.views),
    uniqueSessions: formatInteger(figures.uniqueSessions),
    avgDurationSeconds: formatDuration(figures.avgDurationSeconds),
    videoPlayRate: formatRate(figures.videoPlayRate),
    trackingSuccessRate: formatRate(figures.trackingSuccessRate),
    activeContent: formatInteger(figures.activeContent),
    storageUsedGb: formatGigabytes(figures.storageUsedGb),
  };
}

async function signIn(p: Page, user: { email: string; password: string }) {
  await p.getByLabel('Email').fill(user.email);
  await p.getByLabel('Password').fill(user.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

async function downloadCsv(p: Page, buttonName: string) {
  const [download] = await Promise.all([
    p.waitForEvent('download'),
    p.getByRole('button', { name: buttonName }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  return { fileName: download.suggestedFilename(), rows: parseCsv(text) };
}

// The PostgreSQL pass of CI runs the procedures' tests again; the screens do not depend on the driver.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the dashboard in Chromium', () => {
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'arv-dashboard-'));
    truth = await prepareDatabase(join(dir, 'pglite'), range);
    api = await startApi({ PGLITE_DIR: join(dir, 'pglite'), MEDIA_DIR: join(dir, 'media') });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: desktop, timezoneId: timeZone, locale: 'en-GB' });
    watch = new ConsoleWatch(context);
    page = await context.newPage();
  });

  afterEach(() => {
    expect(watch.take(), 'console errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends a visitor without a session to sign in, and refuses a wrong password with a generic message', async () => {
    await page.goto(`${api.url}/company/${truth.member.companyId}`);
    await page.waitForURL(`**/sign-in?next=%2Fcompany%2F${truth.member.companyId}`);
    await screenshotBoth(page, 'sign-in');

    watch.expectFailedRequest('/trpc/auth.signIn');
    await signIn(page, { email: adminUser.email, password: 'not the password' });
    await expect(page.getByRole('alert').textContent()).resolves.toBe('wrong email or password');
  });

  it('signs in and returns to the page it was sent from', async () => {
    await signIn(page, adminUser);
    await page.waitForURL(`**/company/${truth.member.companyId}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      truth.member.companyName,
    );
  });

  it("shows the database's figures for a custom range chosen in the picker", async () => {
    await page.goto(api.url);
    await settled(page);
    await page.getByRole('button', { name: 'Custom' }).click();
    await page.getByLabel('From', { exact: true }).fill(range.from);
    await page.getByLabel('To', { exact: true }).fill(range.to);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`${api.url}/?${rangeQuery}`);
    await settled(page);

    expect(await shownFigures(page)).toEqual(formatted(truth.all));
    expect((await screenshotBoth(page, 'overview')).phoneOverflowPx).toBeLessThanOrEqual(0);
  });

  it('ranks the top content as the database does', async () => {
    const rows = page.locator('table.table tbody tr');
    await expect(rows.count()).resolves.toBe(truth.topContent.length);
    for (const [index, expected] of truth.topContent.entries()) {
      const row = rows.nth(index);
      await expect(row.locator('th a').textContent()).resolves.toBe(expected.title);
      await expect(row.locator('td').first().textContent()).resolves.toBe(formatInteger(expected.views));
    }
  });

  it('exports the time series, a breakdown and the top content as CSV, row for row', async () => {
    const series = await downloadCsv(page, 'Export views over time as CSV');
    expect(series.fileName).toBe(`arv-all-${range.from}_${range.to}-timeseries.csv`);
    expect(series.rows[0]).toEqual(['bucket', 'start', 'views', 'unique_sessions']);
    const byDay = new Map(truth.dailyViews.map((d) => [d.day, d.views]));
    const days = series.rows.slice(1);
    expect(days).toHaveLength(14);
    expect(days.map(([day, , views]) => [day, Number(views)])).toEqual(
      days.map(([day]) => [day, byDay.get(day ?? '') ?? 0]),
    );

    const devices = await downloadCsv(page, 'Export device as CSV');
    expect(devices.rows).toEqual([
      ['device_type', 'views', 'unique_sessions', 'share_percent'],
      ...truth.devices.map((d) => [
        (d.value ?? 'Unknown').replace(/^./, (c) => c.toUpperCase()),
        String(d.views),
        String(d.unique_sessions),
        String(Math.round((d.views / truth.all.views) * 1000) / 10),
      ]),
    ]);

    const top = await downloadCsv(page, 'Export top content as CSV');
    expect(top.rows[0]?.slice(0, 3)).toEqual(['content_id', 'unique_id', 'title']);
    expect(top.rows.slice(1).map((row) => [Number(row[0]), row[1], row[2], Number(row[5])])).toEqual(
      truth.topContent.map((c) => [c.id, c.unique_id, c.title, c.views]),
    );
  });

  it('drills down to a company, a project and a content item, keeping the range', async () => {
    const { company, project, content } = truth;
    await page.getByRole('link', { name: company.name, exact: true }).click();
    await page.waitForURL(`${api.url}/company/${company.id}?${rangeQuery}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(company.name);
    const projectLinks = page.getByRole('region', { name: 'Projects' }).getByRole('link');
    await expect(projectLinks.allTextContents()).resolves.toEqual(company.projects.map((p) => p.name));
    expect((await screenshotBoth(page, 'company')).phoneOverflowPx).toBeLessThanOrEqual(0);

    await projectLinks.filter({ hasText: project.name }).first().click();
    await page.waitForURL(`${api.url}/project/${project.id}?${rangeQuery}`);
    await settled(page);
    const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(breadcrumbs.getByRole('listitem').allTextContents()).resolves.toEqual([
      'All companies',
      company.name,
      project.name,
    ]);
    const contentLinks = page.getByRole('region', { name: 'AR content' }).getByRole('link');
    await expect(contentLinks.allTextContents()).resolves.toEqual(project.siblings.map((c) => c.title));
    expect((await screenshotBoth(page, 'project')).phoneOverflowPx).toBeLessThanOrEqual(0);

    await contentLinks.filter({ hasText: content.title }).first().click();
    await page.waitForURL(`${api.url}/content/${content.id}?${rangeQuery}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(content.title);
    await expect(page.getByTestId('viewer-link').getAttribute('href')).resolves.toBe(
      `${api.url}/ar/${content.unique_id}`,
    );
    expect(await shownFigures(page)).toEqual(formatted(content.figures));
    expect((await screenshotBoth(page, 'content')).phoneOverflowPx).toBeLessThanOrEqual(0);
  });

  it('follows a top content row to its page', async () => {
    await page.goto(`${api.url}/?${rangeQuery}`);
    await settled(page);
    const first = truth.topContent[0];
    await page.locator('table.table tbody tr').first().getByRole('link').click();
    await page.waitForURL(`${api.url}/content/${first?.id}?${rangeQuery}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(first?.title);
  });

  it('changes the range with a preset; back and forward restore each range from the address', async () => {
    const contentUrl = page.url();
    await page.getByRole('link', { name: '7 days' }).click();
    await page.waitForURL(/\?range=7d$/);
    await settled(page);
    await expect(page.getByTestId('range-label').textContent()).resolves.toContain('Last 7 days');

    await page.goBack();
    await page.waitForURL(contentUrl);
    await settled(page);
    expect(await shownFigures(page)).toEqual(formatted(truth.content.figures));

    await page.goForward();
    await page.waitForURL(/\?range=7d$/);
    await settled(page);
    await expect(page.getByTestId('range-label').textContent()).resolves.toContain('Last 7 days');
  });

  it("says why a range of more than 400 days cannot be shown, in the server's words", async () => {
    watch.expectFailedRequest('/trpc/');
    await page.goto(`${api.url}/?from=2024-01-01&to=2026-01-31`);
    const alert = page.getByRole('alert').filter({ hasText: 'at most 400 days can be shown at once' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('2024-01-01 to 2026-01-31 is 762 days');
  });

  it('counts sessions that start right now', async () => {
    const content = truth.topContent.find((c) => c.is_active);
    // Three, so that this content leads the live list whatever else the demo data has in these minutes.
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${api.url}/api/analytics/ar-session`, {
        method: 'POST',
        // As a visitor's phone: the server does not count bots, and node's fetch names itself like one.
        headers: { 'content-type': 'application/json', 'user-agent': phoneUserAgent },
        body: JSON.stringify({ ar_content_id: content?.id, session_id: crypto.randomUUID() }),
      });
      expect(res.status).toBe(200);
    }
    await page.goto(api.url);
    await settled(page);
    const count = Number(await page.getByTestId('realtime-sessions').textContent());
    expect(count).toBeGreaterThanOrEqual(3);
    await expect(
      page.getByRole('region', { name: 'Right now' }).getByRole('link').allTextContents(),
    ).resolves.toContain(content?.title);
  });

  it('switches breakdown tabs from the keyboard', async () => {
    const devices = page.getByRole('region', { name: 'Devices' });
    await devices.getByRole('tab', { name: 'Device' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(devices.getByRole('tab', { name: 'OS' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await settled(page);
    await expect(devices.getByRole('tabpanel').textContent()).resolves.toMatch(/iOS|Android/);
  });

  it('signs out, after which the old session no longer works', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${api.url}/sign-in`);
    const me = await page.evaluate(() => fetch('/trpc/auth.me').then((r) => r.json()));
    expect(me).toEqual({ result: { data: null } });
    await page.goto(api.url);
    await page.waitForURL(`${api.url}/sign-in`);
  });

  it('lands a company member on its own company, without the way up to all companies', async () => {
    await signIn(page, memberUser);
    await page.waitForURL(`${api.url}/company/${truth.member.companyId}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      truth.member.companyName,
    );
    await expect(page.getByRole('link', { name: 'All companies' }).count()).resolves.toBe(0);
    await screenshot(page, 'member-company-desktop');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${api.url}/sign-in`);
  });
});
