import { createHash } from 'node:crypto';
import type { AppRouter } from '@arv/api-contract';
import { userSessions, users } from '@arv/db';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCatalog,
  createSignInUser,
  createView,
  signInCookie,
  startTestApp,
  testPassword,
} from './helpers.js';

let t: Awaited<ReturnType<typeof startTestApp>>;
let acme: Awaited<ReturnType<typeof createCatalog>>;
let globex: Awaited<ReturnType<typeof createCatalog>>;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createCatalog(t.db, 'Acme');
  globex = await createCatalog(t.db, 'Globex');
  await createView(t.db, acme.content, 1);
  await createView(t.db, acme.content, 2);
  await createView(t.db, globex.content, 1);
});
afterAll(() => t.close());

// Every test signs in from an address of its own, so that one test's wrong passwords never limit another's.
let lastAddress = 0;
const newAddress = () => `10.0.0.${++lastAddress}`;

function signIn(email: string, password: string, remoteAddress = newAddress()) {
  return t.app.inject({
    method: 'POST',
    url: '/trpc/auth.signIn',
    payload: { email, password },
    remoteAddress,
  });
}

const signOut = (headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/trpc/auth.signOut', headers, payload: {} });
const call = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const me = async (headers: Record<string, string> = {}) =>
  (await call('/trpc/auth.me', headers)).json().result.data;
const sessionCount = async () =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(userSessions))[0]?.n;

describe('auth.signIn', () => {
  it('sets an httpOnly, SameSite=Lax session cookie for 30 days and answers the user', async () => {
    const user = await createSignInUser(t.db, acme.company.id);
    const res = await signIn(user.email, testPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data).toEqual({
      user: { id: user.id, email: user.email, name: 'Tester', role: 'member', companyId: acme.company.id },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^arv_session=[\w-]{43}; /);
    expect(setCookie).toContain('; HttpOnly');
    expect(setCookie).toContain('; SameSite=Lax');
    expect(setCookie).toContain('; Path=/');
    expect(setCookie).toContain('; Max-Age=2592000');
    expect(setCookie).not.toContain('Secure');
  });

  it('lets no password or password hash leave the server', async () => {
    const user = await createSignInUser(t.db);
    const res = await signIn(user.email, testPassword);
    const cookie = { cookie: `arv_session=${res.cookies[0]?.value}` };
    for (const body of [res.body, (await call('/trpc/auth.me', cookie)).body]) {
      expect(body).not.toContain(testPassword);
      expect(body).not.toMatch(/\$2[aby]\$/);
      expect(body).not.toMatch(/password/i);
    }
  });

  it('stores only the sha256 of the session token, and stamps the sign-in', async () => {
    const user = await createSignInUser(t.db);
    const res = await signIn(user.email, testPassword);
    const token = res.cookies[0]?.value ?? '';
    const [session] = await t.db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(session?.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(session)).not.toContain(token);
    expect(session?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('takes the email in any case and with surrounding spaces', async () => {
    const user = await createSignInUser(t.db);
    const res = await signIn(`  ${user.email.toUpperCase()} `, testPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data.user.email).toBe(user.email);
  });

  it('answers a wrong password and an unknown email alike: 401, one message, no cookie', async () => {
    const user = await createSignInUser(t.db);
    const wrongPassword = await signIn(user.email, 'not the password');
    const unknownEmail = await signIn('nobody@example.com', testPassword);
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('wrong email or password');
      expect(res.json().error.data.code).toBe('UNAUTHORIZED');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('names the missing field, without quoting the password back', async () => {
    const res = await signIn('someone@example.com', '');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('password: is required');
  });
});

describe('auth.me', () => {
  it('answers null without a cookie and with an unknown one', async () => {
    expect(await me()).toBeNull();
    expect(await me({ cookie: 'arv_session=not-a-session' })).toBeNull();
  });

  it('answers the signed-in user with the cookie', async () => {
    const user = await createSignInUser(t.db);
    const cookie = await signInCookie(t.app, user.email);
    expect(await me(cookie)).toEqual({
      id: user.id,
      email: user.email,
      name: 'Tester',
      role: 'admin',
      companyId: null,
    });
  });
});

describe('the session cookie as a credential', () => {
  it('shows an admin user everything, over tRPC and REST', async () => {
    const cookie = await signInCookie(t.app, (await createSignInUser(t.db)).email);
    const trpc = await call('/trpc/analytics.overview', cookie);
    expect(trpc.json().result.data).toMatchObject({ total_views: 3, active_content: 2 });
    const rest = await call('/api/analytics/overview', cookie);
    expect(rest.json()).toMatchObject({ total_views: 3, active_content: 2 });
  });

  it('shows a member only its company and refuses another company with 403', async () => {
    const cookie = await signInCookie(t.app, (await createSignInUser(t.db, acme.company.id)).email);
    expect((await call('/trpc/analytics.overview', cookie)).json().result.data).toMatchObject({
      total_views: 2,
      active_content: 1,
    });
    expect((await call('/api/analytics/overview', cookie)).json()).toMatchObject({ total_views: 2 });
    const input = encodeURIComponent(JSON.stringify({ project_id: globex.project.id }));
    const trpc = await call(`/trpc/analytics.project?input=${input}`, cookie);
    expect(trpc.statusCode).toBe(403);
    expect(trpc.json().error.data.code).toBe('FORBIDDEN');
    const rest = await call(`/api/analytics/projects/${globex.project.id}`, cookie);
    expect(rest.statusCode).toBe(403);
    expect((await call(`/api/analytics/projects/${acme.project.id}`, cookie)).json()).toEqual({
      project_id: acme.project.id,
      views_30_days: 2,
    });
  });

  it('is refused once expired, as is an unknown one', async () => {
    const user = await createSignInUser(t.db);
    const cookie = await signInCookie(t.app, user.email);
    await t.db
      .update(userSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(userSessions.userId, user.id));
    for (const headers of [cookie, { cookie: 'arv_session=not-a-session' }]) {
      const res = await call('/api/analytics/overview', headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: 'the session has expired or ended; sign in again' });
    }
    expect(await me(cookie)).toBeNull();
  });

  it('asks for a sign-in or a token when neither is sent', async () => {
    const res = await call('/api/analytics/overview');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: 'sign in, or send an API token: Authorization: Bearer <token>' });
  });
});

describe('auth.signOut', () => {
  it('deletes the session row, clears the cookie, and the old cookie no longer works', async () => {
    const user = await createSignInUser(t.db);
    const cookie = await signInCookie(t.app, user.email);
    const rows = () => t.db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(await rows()).toHaveLength(1);
    const res = await signOut(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(
      /^arv_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970/,
    );
    expect(await rows()).toHaveLength(0);
    expect(await me(cookie)).toBeNull();
    expect((await call('/trpc/analytics.overview', cookie)).statusCode).toBe(401);
  });

  it('answers ok without a session', async () => {
    const before = await sessionCount();
    const res = await signOut();
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data).toEqual({ ok: true });
    expect(await sessionCount()).toBe(before);
  });
});

describe('a browser session through the tRPC client', () => {
  it('signs in, reads, and signs out with a cookie jar of one cookie', async () => {
    const url = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/trpc`;
    let jar: string | undefined;
    const api = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url,
          headers: () => (jar ? { cookie: jar } : {}),
          fetch: async (input, init) => {
            const res = await fetch(input, init);
            for (const line of res.headers.getSetCookie()) {
              jar = line.includes('Max-Age=0') ? undefined : line.split(';')[0];
            }
            return res;
          },
        }),
      ],
    });
    const user = await createSignInUser(t.db, globex.company.id);
    expect(await api.auth.me.query()).toBeNull();
    const signedIn = await api.auth.signIn.mutate({ email: user.email, password: testPassword });
    expect(signedIn.user.companyId).toBe(globex.company.id);
    expect(await api.auth.me.query()).toEqual(signedIn.user);
    expect((await api.analytics.overview.query()).total_views).toBe(1);
    await api.auth.signOut.mutate();
    expect(jar).toBeUndefined();
    await expect(api.analytics.overview.query()).rejects.toBeInstanceOf(TRPCClientError);
  });
});
