import { createTestDatabase } from '@arv/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../src/env.js';
import { buildServer } from '../src/server.js';
import { createSignInUser, startTestApp, testPassword } from './helpers.js';

type App = Awaited<ReturnType<typeof startTestApp>>['app'];

function signIn(app: App, email: string, password: string, remoteAddress: string) {
  return app.inject({
    method: 'POST',
    url: '/trpc/auth.signIn',
    payload: { email, password },
    remoteAddress,
  });
}

describe('sign-in rate limit, by default 10 wrong attempts per 15 minutes per address', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let email: string;
  beforeAll(async () => {
    t = await startTestApp();
    email = (await createSignInUser(t.db)).email;
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after 10 wrong attempts, even to the right password', async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await signIn(t.app, email, 'wrong password', '10.1.0.1')).statusCode).toBe(401);
    }
    const res = await signIn(t.app, email, testPassword, '10.1.0.1');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(890);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(res.json().error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(res.json().error.message).toBe(
      'too many wrong sign-ins from this address; try again in 15 minutes',
    );
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('does not limit another address', async () => {
    expect((await signIn(t.app, email, testPassword, '10.1.0.2')).statusCode).toBe(200);
  });

  it('counts every sign-in of a batched call', async () => {
    const batch = () =>
      t.app.inject({
        method: 'POST',
        url: '/trpc/auth.signIn,auth.signIn?batch=1',
        payload: { 0: { email, password: 'wrong 1' }, 1: { email, password: 'wrong 2' } },
        remoteAddress: '10.1.0.3',
      });
    for (let call = 1; call <= 5; call++) expect((await batch()).statusCode).toBe(401);
    const res = await batch();
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(890);
    expect(res.json().map((answer: { error: { data: { code: string } } }) => answer.error.data.code)).toEqual(
      ['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS'],
    );
  });

  it('does not count right sign-ins', async () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      expect((await signIn(t.app, email, testPassword, '10.1.0.4')).statusCode).toBe(200);
    }
  });
});

describe('a server behind an https proxy, with SIGNIN_RATE_LIMIT=2/1m', () => {
  let close: () => Promise<void>;
  let app: App;
  let email: string;
  beforeAll(async () => {
    const handle = await createTestDatabase();
    app = await buildServer(handle.db, {
      CORS_ORIGINS: [],
      TRUST_PROXY: true,
      LOG_LEVEL: 'silent',
      SIGNIN_RATE_LIMIT: loadEnv({ SIGNIN_RATE_LIMIT: '2/1m' }).SIGNIN_RATE_LIMIT,
    });
    email = (await createSignInUser(handle.db)).email;
    close = async () => {
      await app.close();
      await handle.close();
    };
  });
  afterAll(() => close());

  const viaProxy = (password: string, client: string) =>
    app.inject({
      method: 'POST',
      url: '/trpc/auth.signIn',
      payload: { email, password },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': client },
    });

  it('marks the session cookie Secure', async () => {
    const res = await viaProxy(testPassword, '203.0.113.1');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toContain('; Secure');
  });

  it('limits each forwarded client address to its configured attempts', async () => {
    expect((await viaProxy('wrong', '203.0.113.2')).statusCode).toBe(401);
    expect((await viaProxy('wrong', '203.0.113.2')).statusCode).toBe(401);
    const limited = await viaProxy('wrong', '203.0.113.2');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.json().error.message).toMatch(/try again in 1 minute$/);
    expect((await viaProxy(testPassword, '203.0.113.3')).statusCode).toBe(200);
  });
});

describe('SIGNIN_RATE_LIMIT', () => {
  it('reads attempts per window in seconds, minutes or hours, 10/15m by default', () => {
    expect(loadEnv({}).SIGNIN_RATE_LIMIT).toEqual({ attempts: 10, windowSeconds: 900 });
    expect(loadEnv({ SIGNIN_RATE_LIMIT: '5/1h' }).SIGNIN_RATE_LIMIT).toEqual({
      attempts: 5,
      windowSeconds: 3600,
    });
    expect(loadEnv({ SIGNIN_RATE_LIMIT: '3/30s' }).SIGNIN_RATE_LIMIT).toEqual({
      attempts: 3,
      windowSeconds: 30,
    });
  });

  it('stops the process with a message naming the variable on a bad value', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exited');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => loadEnv({ SIGNIN_RATE_LIMIT: '10 per minute' })).toThrow('exited');
      expect(error).toHaveBeenCalledWith(
        expect.stringContaining('SIGNIN_RATE_LIMIT: must be ATTEMPTS/WINDOW'),
      );
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });
});
