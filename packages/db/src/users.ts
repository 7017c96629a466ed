import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { userSessions, users } from './schema/users.js';
import { hashToken } from './tokens.js';

export type User = typeof users.$inferSelect;
export type UserRole = User['role'];

/** What may leave the server about a user: never the password hash. */
const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  companyId: users.companyId,
};
export type PublicUser = Pick<User, keyof typeof publicColumns>;

// Pure-JS bcrypt: 11 rounds take about 150 ms here, above OWASP's minimum of 10 while a single-threaded
// server still answers other requests between sign-ins.
const bcryptRounds = 11;
// bcrypt reads only the first 72 bytes; a longer password would be silently cut.
const maxPasswordBytes = 72;
const minPasswordLength = 8;
export const sessionLifetimeMs = 30 * 86_400_000;

// Compared against when the email is unknown, so that a wrong email costs the same time as a wrong password.
// Made on first use rather than at import, which would slow every CLI and test that loads this package.
let absentUserHash: Promise<string> | undefined;
const absentUserHashOnce = () => {
  absentUserHash ??= bcrypt.hash(randomBytes(16).toString('hex'), bcryptRounds);
  return absentUserHash;
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function hashPassword(password: string): Promise<string> {
  if (password.length < minPasswordLength) {
    throw new Error(`the password must have at least ${minPasswordLength} characters`);
  }
  if (Buffer.byteLength(password) > maxPasswordBytes) {
    throw new Error(`the password must be at most ${maxPasswordBytes} bytes long`);
  }
  return bcrypt.hash(password, bcryptRounds);
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  /** Required for a member, absent for an admin (a check constraint holds the database to it). */
  companyId?: number | null;
}

async function userValues(user: NewUser) {
  if (user.role === 'member' && !user.companyId) throw new Error('a member needs the id of its company');
  return {
    email: normalizeEmail(user.email),
    name: user.name,
    passwordHash: await hashPassword(user.password),
    role: user.role,
    companyId: user.role === 'member' ? user.companyId : null,
  };
}

export async function createUser(db: Database, user: NewUser): Promise<PublicUser> {
  const values = await userValues(user);
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoNothing({ target: users.email })
    .returning(publicColumns);
  if (!row) throw new Error(`a user with email ${values.email} already exists`);
  return row;
}

/** Creates the user or, when the email is taken, gives that user this name, role, company and password. */
export async function upsertUser(db: Database, user: NewUser): Promise<PublicUser> {
  const { email, ...rest } = await userValues(user);
  const [row] = await db
    .insert(users)
    .values({ email, ...rest })
    .onConflictDoUpdate({ target: users.email, set: rest })
    .returning(publicColumns);
  if (!row) throw new Error('the user was not stored');
  return row;
}

export function listUsers(db: Database) {
  return db
    .select({ ...publicColumns, createdAt: users.createdAt, lastSignInAt: users.lastSignInAt })
    .from(users)
    .orderBy(asc(users.id));
}

/**
 * The user with this email and password, or undefined. An unknown email still costs a bcrypt compare,
 * so that timing does not tell which emails have an account.
 */
export async function verifyPassword(
  db: Database,
  email: string,
  password: string,
): Promise<PublicUser | undefined> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  const matches = await bcrypt.compare(password, row?.passwordHash ?? (await absentUserHashOnce()));
  if (!row || !matches) return undefined;
  const { passwordHash: _, ...user } = row;
  return user;
}

/**
 * Opens a session for a user who just proved who they are, and returns its token in clear: the cookie's
 * value, never stored. Also stamps the sign-in and sweeps the user's expired sessions.
 */
export async function startSession(db: Database, userId: number) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.transaction(async (tx) => {
    await tx.insert(userSessions).values({ id: hashToken(token), userId, expiresAt });
    await tx.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, userId));
    await tx
      .delete(userSessions)
      .where(and(eq(userSessions.userId, userId), lte(userSessions.expiresAt, sql`now()`)));
  });
  return { token, expiresAt };
}

/** The user an unexpired session token belongs to, in one query; looked up by hash like API tokens. */
export async function findSessionUser(db: Database, token: string): Promise<PublicUser | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, hashToken(token)), gt(userSessions.expiresAt, sql`now()`)));
  return row;
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.id, hashToken(token)));
}
