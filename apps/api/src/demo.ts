import { randomBytes } from 'node:crypto';
import {
  companies,
  createApiToken,
  type Database,
  isCatalogEmpty,
  revokeApiTokensNamed,
  seedDemoData,
  upsertUser,
} from '@arv/db';

const startTokenName = 'npm start (demo)';

/**
 * A demo admin and a member of the first company. Passwords are stored hashed, so, like the token, each
 * start sets new ones in order to print them; sessions stay, so that `npm run dev` restarts keep a
 * dashboard signed in.
 */
async function prepareDemoUsers(db: Database) {
  const [company] = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .orderBy(companies.id)
    .limit(1);
  if (!company) throw new Error('the database has no company for the demo member to belong to');
  const password = () => randomBytes(12).toString('base64url');
  const admin = { email: 'admin@demo.arv', password: password() };
  await upsertUser(db, { ...admin, name: 'Demo admin', role: 'admin' });
  const member = { email: 'member@demo.arv', password: password() };
  await upsertUser(db, { ...member, name: 'Demo member', role: 'member', companyId: company.id });
  return [
    { ...admin, sees: 'everything' },
    { ...member, sees: `company ${company.id} (${company.name})` },
  ];
}

/**
 * What `npm start` adds for a newcomer: demo data on an empty database, a fresh admin token and demo
 * users. Tokens are stored hashed, so the previous run's token cannot be shown again; it is revoked instead.
 */
export async function prepareDemo(db: Database, log: (line: string) => void) {
  if (await isCatalogEmpty(db)) {
    log('empty database: loading demo data (3 companies, 60 days, 6000 view sessions)...');
    await seedDemoData(db, { companies: 3, days: 60, sessions: 6000 });
  }
  await revokeApiTokensNamed(db, startTokenName);
  const { token } = await createApiToken(db, { name: startTokenName, scope: 'admin' });
  return { adminToken: token, users: await prepareDemoUsers(db) };
}
