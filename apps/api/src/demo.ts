import { createApiToken, type Database, isCatalogEmpty, revokeApiTokensNamed, seedDemoData } from '@arv/db';

const startTokenName = 'npm start (demo)';

/**
 * What `npm start` adds for a newcomer: demo data on an empty database, and a fresh admin token.
 * Tokens are stored hashed, so the previous run's token cannot be shown again; it is revoked instead.
 */
export async function prepareDemo(db: Database, log: (line: string) => void) {
  if (await isCatalogEmpty(db)) {
    log('empty database: loading demo data (3 companies, 60 days, 6000 view sessions)...');
    await seedDemoData(db, { companies: 3, days: 60, sessions: 6000 });
  }
  await revokeApiTokensNamed(db, startTokenName);
  const { token } = await createApiToken(db, { name: startTokenName, scope: 'admin' });
  return { adminToken: token };
}
