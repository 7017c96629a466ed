import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiTokens,
  companies,
  createApiToken,
  type DatabaseHandle,
  findActiveToken,
  hashToken,
  listApiTokens,
  revokeApiToken,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('API tokens', () => {
  it('stores only the sha256 of a token, never the token', async () => {
    const { id, token } = await createApiToken(handle.db, { name: 'ci', scope: 'admin' });
    const rows = await handle.db.select().from(apiTokens);
    const row = rows.find((r) => r.id === id);
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('finds an active token with its scope and stamps its last use', async () => {
    const [company] = await handle.db.insert(companies).values({ name: 'Acme' }).returning();
    const { token } = await createApiToken(handle.db, {
      name: 'acme',
      scope: 'company',
      companyId: company?.id,
    });
    expect(await findActiveToken(handle.db, token)).toMatchObject({
      scope: 'company',
      companyId: company?.id,
    });
    const listed = (await listApiTokens(handle.db)).find((t) => t.name === 'acme');
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('no longer finds a revoked token, and revokes only once', async () => {
    const { id, token } = await createApiToken(handle.db, { name: 'old', scope: 'admin' });
    expect(await revokeApiToken(handle.db, id)).toBe(true);
    expect(await revokeApiToken(handle.db, id)).toBe(false);
    expect(await findActiveToken(handle.db, token)).toBeUndefined();
  });

  it('refuses a company token without a company at the database level', async () => {
    await expect(
      handle.db.insert(apiTokens).values({ name: 'bad', scope: 'company', tokenHash: 'f'.repeat(64) }),
    ).rejects.toThrow();
  });

  it('applying the migrations again changes nothing', async () => {
    const state = async () => {
      const [tokens] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(apiTokens);
      const [applied] = await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`drizzle.__drizzle_migrations`);
      return { tokens: tokens?.n, applied: applied?.n };
    };
    const before = await state();
    await handle.migrate();
    expect(await state()).toEqual(before);
    expect(before.applied).toBeGreaterThan(0);
  });
});
