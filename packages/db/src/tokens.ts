import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { apiTokens } from './schema/auth.js';

export type ApiToken = typeof apiTokens.$inferSelect;
export type TokenScope = ApiToken['scope'];

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewTokenOptions {
  name: string;
  scope: TokenScope;
  companyId?: number;
}

/** Creates a token and returns it in clear: the only time it exists outside the caller's hands. */
export async function createApiToken(db: Database, options: NewTokenOptions) {
  const token = `arv_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: options.name,
      scope: options.scope,
      companyId: options.scope === 'company' ? options.companyId : null,
      tokenHash: hashToken(token),
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error('the token was not stored');
  return { id: row.id, token };
}

export function listApiTokens(db: Database) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      companyId: apiTokens.companyId,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(asc(apiTokens.id));
}

/** Returns whether a token that was still active is now revoked. */
export async function revokeApiToken(db: Database, id: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function revokeApiTokensNamed(db: Database, name: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)));
}

/**
 * Finds the active token with this value. The lookup is by hash, so the stored secret is never
 * compared byte by byte with what the client sent.
 */
export async function findActiveToken(db: Database, token: string) {
  const [row] = await db
    .select({ id: apiTokens.id, scope: apiTokens.scope, companyId: apiTokens.companyId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return undefined;
  // Written at most once a minute per token, so that reads do not turn into a write each.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
  return row;
}
