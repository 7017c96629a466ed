import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { rows } from './rows.js';
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
  // One round trip: the lookup, and the last use written at most once a minute per token, so that reads
  // do not turn into a write each.
  const [row] = await rows<Pick<ApiToken, 'id' | 'scope' | 'companyId'>>(
    db,
    sql`with found as (
        select id, scope, company_id from ${apiTokens}
        where token_hash = ${hashToken(token)} and revoked_at is null
      ), stamped as (
        update ${apiTokens} set last_used_at = now()
        where id in (select id from found)
          and (last_used_at is null or last_used_at < now() - interval '1 minute')
      )
      select id, scope, company_id as "companyId" from found`,
  );
  return row;
}
