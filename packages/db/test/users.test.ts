import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  companies,
  createUser,
  type DatabaseHandle,
  endSession,
  findSessionUser,
  hashToken,
  startSession,
  upsertUser,
  userSessions,
  users,
  verifyPassword,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';

let handle: DatabaseHandle;
let companyId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  const [company] = await handle.db.insert(companies).values({ name: 'Acme' }).returning();
  companyId = company?.id ?? 0;
});
afterAll(() => handle.close());

const password = 'correct horse battery';
let lastUser = 0;
const newEmail = () => `user${++lastUser}@example.com`;

describe('users', () => {
  it('stores the email lower-cased and only a bcrypt hash of the password', async () => {
    const user = await createUser(handle.db, {
      email: ' Ann@Example.COM ',
      name: 'Ann',
      password,
      role: 'admin',
    });
    expect(user).toEqual({
      id: user.id,
      email: 'ann@example.com',
      name: 'Ann',
      role: 'admin',
      companyId: null,
    });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$2b\$11\$[./A-Za-z0-9]{53}$/);
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it('refuses a second user with the same email in another case', async () => {
    await createUser(handle.db, { email: 'bob@example.com', name: 'Bob', password, role: 'admin' });
    await expect(
      createUser(handle.db, { email: 'BOB@example.com', name: 'Bob', password, role: 'admin' }),
    ).rejects.toThrow('a user with email bob@example.com already exists');
  });

  it('refuses passwords that are too short or past what bcrypt reads', async () => {
    const user = { email: newEmail(), name: 'X', role: 'admin' } as const;
    await expect(createUser(handle.db, { ...user, password: 'short' })).rejects.toThrow(
      'the password must have at least 8 characters',
    );
    await expect(createUser(handle.db, { ...user, password: 'é'.repeat(40) })).rejects.toThrow(
      'the password must be at most 72 bytes long',
    );
  });

  it('holds members to a company and admins to none, at the database level too', async () => {
    await expect(
      createUser(handle.db, { email: newEmail(), name: 'M', password, role: 'member' }),
    ).rejects.toThrow('a member needs the id of its company');
    await expect(
      handle.db
        .insert(users)
        .values({ email: newEmail(), name: 'A', passwordHash: 'x', role: 'admin', companyId }),
    ).rejects.toThrow();
    await expect(
      handle.db
        .insert(users)
        .values({ email: 'Upper@example.com', name: 'U', passwordHash: 'x', role: 'admin' }),
    ).rejects.toThrow();
  });

  it('upsert sets a new password on an existing email', async () => {
    const email = newEmail();
    const first = await upsertUser(handle.db, { email, name: 'D', password, role: 'admin' });
    const again = await upsertUser(handle.db, {
      email,
      name: 'D',
      password: 'another password',
      role: 'member',
      companyId,
    });
    expect(again).toMatchObject({ id: first.id, role: 'member', companyId });
    expect(await verifyPassword(handle.db, email, password)).toBeUndefined();
    expect(await verifyPassword(handle.db, email, 'another password')).toMatchObject({ id: first.id });
  });
});

describe('verifyPassword', () => {
  it('finds the user by email in any case, without the hash', async () => {
    const user = await createUser(handle.db, { email: newEmail(), name: 'V', password, role: 'admin' });
    const found = await verifyPassword(handle.db, user.email.toUpperCase(), password);
    expect(found).toEqual(user);
  });

  it('answers undefined for a wrong password and for an unknown email', async () => {
    const user = await createUser(handle.db, { email: newEmail(), name: 'W', password, role: 'admin' });
    expect(await verifyPassword(handle.db, user.email, 'wrong password')).toBeUndefined();
    expect(await verifyPassword(handle.db, 'nobody@example.com', password)).toBeUndefined();
  });
});

describe('sessions', () => {
  it('stores the sha256 of the token and finds the user by the token', async () => {
    const user = await createUser(handle.db, {
      email: newEmail(),
      name: 'S',
      password,
      role: 'member',
      companyId,
    });
    const { token, expiresAt } = await startSession(handle.db, user.id);
    const [row] = await handle.db
      .select()
      .from(userSessions)
      .where(eq(userSessions.id, hashToken(token)));
    expect(row?.expiresAt).toEqual(expiresAt);
    expect(await findSessionUser(handle.db, token)).toEqual(user);
    expect(await findSessionUser(handle.db, `${token}x`)).toBeUndefined();
  });

  it('does not find an expired session, and sweeps it at the next sign-in', async () => {
    const user = await createUser(handle.db, { email: newEmail(), name: 'E', password, role: 'admin' });
    const { token } = await startSession(handle.db, user.id);
    await handle.db
      .update(userSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(userSessions.userId, user.id));
    expect(await findSessionUser(handle.db, token)).toBeUndefined();
    await startSession(handle.db, user.id);
    const left = await handle.db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(left.map((s) => s.id)).not.toContain(hashToken(token));
    expect(left).toHaveLength(1);
  });

  it('ends a session, and a deleted user takes its sessions along', async () => {
    const user = await createUser(handle.db, { email: newEmail(), name: 'G', password, role: 'admin' });
    const first = await startSession(handle.db, user.id);
    const second = await startSession(handle.db, user.id);
    await endSession(handle.db, first.token);
    expect(await findSessionUser(handle.db, first.token)).toBeUndefined();
    expect(await findSessionUser(handle.db, second.token)).toEqual(user);
    await handle.db.delete(users).where(eq(users.id, user.id));
    const left = await handle.db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(left).toHaveLength(0);
  });
});
