import { randomUUID } from 'node:crypto';
import type { AppRouter } from '@arv/api-contract';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { adminToken, companyToken, createCatalog, createView, sessionRows, startTestApp } from './helpers.js';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
type HasIndexSignature<T> = string extends keyof T ? true : false;

let t: Awaited<ReturnType<typeof startTestApp>>;
let url: string;
let acme: Awaited<ReturnType<typeof createCatalog>>;
let globex: Awaited<ReturnType<typeof createCatalog>>;

const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error instanceof TRPCClientError ? error.data?.code : 'not a tRPC error';
  }
}

beforeAll(async () => {
  t = await startTestApp();
  url = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/trpc`;
  acme = await createCatalog(t.db, 'Acme');
  globex = await createCatalog(t.db, 'Globex');
  await createView(t.db, acme.content, 1);
  await createView(t.db, globex.content, 2);
});
afterAll(() => t.close());

describe('the tRPC client over HTTP', () => {
  it('reads every analytics procedure with typed answers', async () => {
    const api = client(await adminToken(t.db));
    const overview = await api.analytics.overview.query();
    expectTypeOf(overview).toEqualTypeOf<Outputs['analytics']['overview']>();
    expectTypeOf(overview.storage_used_gb).toBeNumber();
    expect(overview).toEqual({ total_views: 2, unique_sessions: 2, active_content: 2, storage_used_gb: 0 });

    const company = await api.analytics.company.query({ company_id: acme.company.id });
    expectTypeOf(company.views_30_days).toBeNumber();
    expect(company).toEqual({ company_id: acme.company.id, views_30_days: 1 });
    expect(await api.analytics.project.query({ project_id: globex.project.id })).toEqual({
      project_id: globex.project.id,
      views_30_days: 1,
    });
    expect(await api.analytics.content.query({ ar_content_id: acme.content.id })).toEqual({
      ar_content_id: acme.content.id,
      views_30_days: 1,
    });
  });

  it('tracks a session start and end through the public procedures', async () => {
    const api = client();
    const sessionId = randomUUID();
    const started = await api.tracking.start.mutate({
      portrait_id: acme.content.uniqueId,
      session_id: sessionId,
    });
    expectTypeOf(started.status).toEqualTypeOf<'created' | 'exists' | 'ignored'>();
    expect(started).toEqual({ status: 'created', session_id: sessionId });
    expect(
      await api.tracking.start.mutate({ ar_content_id: acme.content.id, session_id: sessionId }),
    ).toEqual({
      status: 'exists',
      session_id: sessionId,
    });
    const ended = await api.tracking.end.mutate({
      session_id: sessionId,
      duration_seconds: 30,
      video_played: true,
    });
    expect(ended).toEqual({ status: 'ended', session_id: sessionId });
    const updated = await api.tracking.update.mutate({ session_id: sessionId, tracking_quality: 'good' });
    expect(updated.status).toBe('updated');
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row).toMatchObject({ durationSeconds: 30, videoPlayed: true, trackingQuality: 'good' });
  });

  it('types the tracking inputs with the documented fields only, though the server ignores a few more', () => {
    expectTypeOf<keyof Inputs['tracking']['start']>().toEqualTypeOf<
      | 'portrait_id'
      | 'ar_content_unique_id'
      | 'ar_content_id'
      | 'session_id'
      | 'user_agent'
      | 'device_type'
      | 'browser'
      | 'os'
      | 'tracking_quality'
      | 'video_played'
    >();
    expectTypeOf<HasIndexSignature<Inputs['tracking']['end']>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Inputs['tracking']['update']>>().toEqualTypeOf<false>();
  });

  it('maps failures to tRPC error codes', async () => {
    const acmeApi = client(await companyToken(t.db, acme.company.id));
    expect(await codeOf(client().analytics.overview.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(acmeApi.analytics.company.query({ company_id: globex.company.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(acmeApi.analytics.content.query({ ar_content_id: 424242 }))).toBe('NOT_FOUND');
    expect(
      await codeOf(client().tracking.start.mutate({ portrait_id: randomUUID(), session_id: randomUUID() })),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(client().tracking.end.mutate({ session_id: randomUUID(), duration_seconds: 1 })),
    ).toBe('NOT_FOUND');
  });

  it('answers BAD_REQUEST with the field named in the message', async () => {
    try {
      await client().tracking.start.mutate({ ar_content_id: acme.content.id, session_id: 'abc' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TRPCClientError);
      const e = error as TRPCClientError<AppRouter>;
      expect(e.data?.code).toBe('BAD_REQUEST');
      expect(e.message).toBe('session_id: must be a UUID, got "abc"');
      expect(e.data?.stack).toBeUndefined();
    }
  });
});
