import { createApiToken, revokeApiToken } from '@arv/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  bearer,
  companyToken,
  createCatalog,
  createContent,
  createProject,
  createView,
  startTestApp,
} from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let admin: string;
let acme: Awaited<ReturnType<typeof createCatalog>>;
let globex: Awaited<ReturnType<typeof createCatalog>>;
let acmeToken: string;

const get = (url: string, token?: string) =>
  t.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t.db);
  acme = await createCatalog(t.db, 'Acme');
  globex = await createCatalog(t.db, 'Globex');
  acmeToken = await companyToken(t.db, acme.company.id);

  // Acme: 3 views in 2 sessions inside the window, one 29 days old, one 31 days old (outside).
  await createView(t.db, acme.content, 1, '11111111-1111-4111-8111-111111111111');
  const second = await createContent(t.db, acme.project, { title: 'Poster' });
  await createView(t.db, second, 2, '11111111-1111-4111-8111-111111111111');
  await createView(t.db, acme.content, 29, '22222222-2222-4222-8222-222222222222');
  await createView(t.db, acme.content, 31, '33333333-3333-4333-8333-333333333333');
  // Globex: 2 views in the window.
  await createView(t.db, globex.content, 3);
  await createView(t.db, globex.content, 4);
});

afterAll(() => t.close());

describe('GET /api/analytics/overview', () => {
  it('counts every view and distinct session of the last 30 days for an admin', async () => {
    const res = await get('/api/analytics/overview', admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total_views: 5, unique_sessions: 4, active_content: 3, storage_used_gb: 0 });
  });

  it('answers the same under its alias /summary', async () => {
    const [overview, summary] = await Promise.all([
      get('/api/analytics/overview', admin),
      get('/api/analytics/summary', admin),
    ]);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toBe(overview.body);
  });

  it('keeps the legacy key order and types byte for byte', async () => {
    const res = await get('/api/analytics/overview', admin);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toBe('{"total_views":5,"unique_sessions":4,"active_content":3,"storage_used_gb":0}');
  });

  it('shows a company token only its own company', async () => {
    const res = await get('/api/analytics/overview', acmeToken);
    expect(res.json()).toEqual({ total_views: 3, unique_sessions: 2, active_content: 2, storage_used_gb: 0 });
  });

  it('answers 401 without a token, with a bad token and with a revoked one', async () => {
    const revoked = await createApiToken(t.db, { name: 'old', scope: 'admin' });
    await revokeApiToken(t.db, revoked.id);
    for (const headers of [
      {},
      bearer('arv_not-a-token'),
      { authorization: 'Basic abc' },
      bearer(revoked.token),
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/analytics/overview', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: expect.stringMatching(/token/) });
    }
  });
});

describe('entity views over 30 days', () => {
  it('counts a company, with the /company alias', async () => {
    for (const url of [
      `/api/analytics/companies/${acme.company.id}`,
      `/api/analytics/company/${acme.company.id}`,
    ]) {
      const res = await get(url, admin);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(`{"company_id":${acme.company.id},"views_30_days":3}`);
    }
  });

  it('counts a project', async () => {
    const res = await get(`/api/analytics/projects/${acme.project.id}`, admin);
    expect(res.body).toBe(`{"project_id":${acme.project.id},"views_30_days":3}`);
  });

  it('counts a content item, with the /content alias, 29 days in and 31 days out', async () => {
    for (const url of [
      `/api/analytics/ar-content/${acme.content.id}`,
      `/api/analytics/content/${acme.content.id}`,
    ]) {
      const res = await get(url, admin);
      expect(res.body).toBe(`{"ar_content_id":${acme.content.id},"views_30_days":2}`);
    }
  });

  it('lets a company token read its own entities', async () => {
    const res = await get(`/api/analytics/projects/${acme.project.id}`, acmeToken);
    expect(res.json()).toEqual({ project_id: acme.project.id, views_30_days: 3 });
  });

  it("answers 403 to a company token for another company's company, project and content", async () => {
    for (const url of [
      `/api/analytics/companies/${globex.company.id}`,
      `/api/analytics/projects/${globex.project.id}`,
      `/api/analytics/ar-content/${globex.content.id}`,
    ]) {
      const res = await get(url, acmeToken);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/cannot read/);
    }
  });

  it('answers 404 for unknown ids, to admins and company tokens alike', async () => {
    for (const url of [
      '/api/analytics/companies/9999',
      '/api/analytics/projects/9999',
      '/api/analytics/ar-content/9999',
    ]) {
      for (const token of [admin, acmeToken]) {
        const res = await get(url, token);
        expect(res.statusCode).toBe(404);
        expect(res.json().detail).toMatch(/9999 does not exist/);
      }
    }
  });

  it('answers 400 naming the parameter for an id that is not a number', async () => {
    const res = await get('/api/analytics/projects/abc', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: 'project_id: must be a positive integer id, got "abc"' });
  });

  it('answers 404 in the legacy body for a path that does not exist', async () => {
    const res = await get('/api/analytics/nothing-here', admin);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'Not Found' });
  });
});

describe('storage_used_gb', () => {
  it('sums storage_bytes in GB (10^9 bytes) rounded to 2 decimals, per caller scope', async () => {
    const s = await startTestApp();
    try {
      const a = await createCatalog(s.db, 'A');
      const b = await createCatalog(s.db, 'B');
      await createContent(s.db, a.project, { storageBytes: 1_234_567_890 });
      await createContent(s.db, a.project, { storageBytes: 1_000_000_000, isActive: false });
      const other = await createProject(s.db, b.company.id);
      await createContent(s.db, other, { storageBytes: 5_000_000 });
      const all = await s.app.inject({
        url: '/api/analytics/overview',
        headers: bearer(await adminToken(s.db)),
      });
      // 2 234 567 890 + 5 000 000 bytes = 2.23956789 GB; inactive content still takes storage.
      expect(all.json()).toMatchObject({ active_content: 4, storage_used_gb: 2.24 });
      const onlyB = await s.app.inject({
        url: '/api/analytics/overview',
        headers: bearer(await companyToken(s.db, b.company.id)),
      });
      expect(onlyB.json()).toMatchObject({ active_content: 2, storage_used_gb: 0.01 });
    } finally {
      await s.close();
    }
  });
});
