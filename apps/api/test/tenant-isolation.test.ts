import { randomUUID } from 'node:crypto';
import { appRouter, breakdownDimensions } from '@arv/api-contract';
import { arViewSessions } from '@arv/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  companyToken,
  createCatalog,
  createSignInUser,
  signInCookie,
  startTestApp,
} from './helpers.js';

// Every text of the other company carries this marker, so that a leak of any name or value shows up.
const marker = 'globexsecret';

let t: Awaited<ReturnType<typeof startTestApp>>;
let own: Awaited<ReturnType<typeof createCatalog>>;
let other: Awaited<ReturnType<typeof createCatalog>>;
const callers: { name: string; headers: Record<string, string> }[] = [];

async function addView(catalog: typeof own, text: string) {
  await t.db.insert(arViewSessions).values({
    arContentId: catalog.content.id,
    projectId: catalog.project.id,
    companyId: catalog.company.id,
    sessionId: randomUUID(),
    createdAt: new Date(Date.now() - 60_000),
    deviceType: text,
    browser: text,
    os: text,
    country: text,
    city: text,
    trackingQuality: text,
    userAgent: text,
  });
}

beforeAll(async () => {
  t = await startTestApp();
  own = await createCatalog(t.db, 'Acme');
  other = await createCatalog(t.db, `Globex ${marker}`);
  await addView(own, 'mobile');
  await addView(other, marker);
  const member = await createSignInUser(t.db, own.company.id);
  callers.push({ name: 'company API token', headers: bearer(await companyToken(t.db, own.company.id)) });
  callers.push({ name: 'company member session', headers: await signInCookie(t.app, member.email) });
});
afterAll(() => t.close());

const range = { preset: '24h' };
const otherScopes = () => [
  { kind: 'company', id: other.company.id },
  { kind: 'project', id: other.project.id },
  { kind: 'content', id: other.content.id },
];

/**
 * For each read procedure: inputs that name the other company's entities (must be refused) and inputs
 * within the caller's reach (must answer without a trace of the other company). A new read procedure
 * without an entry here fails the completeness test below.
 */
const cases: Record<string, { foreign: () => unknown[]; allowed: () => unknown[] }> = {
  'analytics.overview': { foreign: () => [], allowed: () => [undefined] },
  'analytics.company': {
    foreign: () => [{ company_id: other.company.id }],
    allowed: () => [{ company_id: own.company.id }],
  },
  'analytics.project': {
    foreign: () => [{ project_id: other.project.id }],
    allowed: () => [{ project_id: own.project.id }],
  },
  'analytics.content': {
    foreign: () => [{ ar_content_id: other.content.id }],
    allowed: () => [{ ar_content_id: own.content.id }],
  },
  'analytics.summary': {
    foreign: () => otherScopes().map((scope) => ({ scope, range })),
    allowed: () => [{ scope: { kind: 'all' }, range }],
  },
  'analytics.timeseries': {
    foreign: () => otherScopes().map((scope) => ({ scope, range })),
    allowed: () => [{ scope: { kind: 'all' }, range }],
  },
  'analytics.breakdown': {
    foreign: () => otherScopes().map((scope) => ({ scope, range, dimension: 'city' })),
    allowed: () => breakdownDimensions.map((dimension) => ({ scope: { kind: 'all' }, range, dimension })),
  },
  'analytics.topContent': {
    foreign: () => otherScopes().map((scope) => ({ scope, range })),
    allowed: () => [{ scope: { kind: 'all' }, range, pageSize: 100 }],
  },
  'analytics.realtime': {
    foreign: () => otherScopes().map((scope) => ({ scope })),
    allowed: () => [{ scope: { kind: 'all' } }],
  },
  'catalog.companies': { foreign: () => [], allowed: () => [undefined] },
  'catalog.projects': {
    foreign: () => [{ companyId: other.company.id }],
    allowed: () => [{ companyId: own.company.id }],
  },
  'catalog.contentItems': {
    foreign: () => [{ projectId: other.project.id }],
    allowed: () => [{ projectId: own.project.id }],
  },
  'catalog.path': {
    foreign: () => otherScopes().map((scope) => ({ scope })),
    allowed: () => [{ scope: { kind: 'all' } }, { scope: { kind: 'content', id: own.content.id } }],
  },
};

const publicQueries = new Set(['auth.me', 'viewer.content']);

const call = (procedure: string, input: unknown, headers: Record<string, string>) =>
  t.app.inject({
    url: `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    headers,
  });

describe('tenant isolation', () => {
  it('has a case for every read procedure of the router', () => {
    const queries = Object.entries(appRouter._def.procedures)
      .filter(([, procedure]) => (procedure as unknown as { _def: { type: string } })._def.type === 'query')
      .map(([name]) => name)
      .filter((name) => !publicQueries.has(name));
    expect(queries.sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [procedure, inputs] of Object.entries(cases)) {
    it(`${procedure}: refuses the other company's ids and leaks none of its data`, async () => {
      for (const caller of callers) {
        for (const input of inputs.foreign()) {
          const res = await call(procedure, input, caller.headers);
          expect([403, 404], `${caller.name} ${JSON.stringify(input)}`).toContain(res.statusCode);
          expect(res.body).not.toContain(marker);
        }
        for (const input of inputs.allowed()) {
          const res = await call(procedure, input, caller.headers);
          expect(res.statusCode, `${caller.name} ${JSON.stringify(input)}: ${res.body}`).toBe(200);
          expect(res.body).not.toContain(marker);
          for (const id of [`"companyId":${other.company.id},`, `"company_id":${other.company.id},`]) {
            expect(res.body).not.toContain(id);
          }
        }
      }
    });
  }

  it('keeps the legacy REST routes to the same rules', async () => {
    for (const caller of callers) {
      for (const url of [
        `/api/analytics/companies/${other.company.id}`,
        `/api/analytics/company/${other.company.id}`,
        `/api/analytics/projects/${other.project.id}`,
        `/api/analytics/ar-content/${other.content.id}`,
        `/api/analytics/content/${other.content.id}`,
      ]) {
        const res = await t.app.inject({ url, headers: caller.headers });
        expect(res.statusCode, `${caller.name} ${url}`).toBe(403);
      }
      const overview = await t.app.inject({ url: '/api/analytics/overview', headers: caller.headers });
      expect(overview.json()).toMatchObject({ total_views: 1, unique_sessions: 1, active_content: 1 });
    }
  });
});
