import { randomUUID } from 'node:crypto';
import {
  arContent,
  arViewSessions,
  companies,
  createApiToken,
  createUser,
  type Database,
  projects,
} from '@arv/db';
import { createTestDatabase } from '@arv/db/testing';
import { sql } from 'drizzle-orm';
import { buildServer } from '../src/server.js';

export const dayMs = 86_400_000;

/**
 * The real server on a database of its own (PGlite in memory, or TEST_DATABASE_URL's server). Test
 * clients (inject, node's fetch) have bot-like User-Agents, so the bot filter is off unless asked for.
 */
export async function startTestApp(
  options: { corsOrigins?: string[]; botFilter?: boolean; maxConnections?: number } = {},
) {
  const handle = await createTestDatabase(
    options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections },
  );
  const app = await buildServer(handle.db, {
    CORS_ORIGINS: options.corsOrigins ?? [],
    TRUST_PROXY: false,
    LOG_LEVEL: 'silent',
    BOT_FILTER: options.botFilter ?? false,
    listen: handle.listen,
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

export async function createCompany(db: Database, name = 'Acme') {
  const [row] = await db.insert(companies).values({ name }).returning();
  if (!row) throw new Error('no company');
  return row;
}

export async function createProject(db: Database, companyId: number, name = 'Campaign') {
  const [row] = await db.insert(projects).values({ companyId, name }).returning();
  if (!row) throw new Error('no project');
  return row;
}

export async function createContent(
  db: Database,
  project: { id: number; companyId: number },
  values: { isActive?: boolean; storageBytes?: number; title?: string } = {},
) {
  const [row] = await db
    .insert(arContent)
    .values({
      companyId: project.companyId,
      projectId: project.id,
      title: values.title ?? 'Portrait',
      ...values,
    })
    .returning();
  if (!row) throw new Error('no content');
  return row;
}

/** A company with one project and one active content item. */
export async function createCatalog(db: Database, name = 'Acme') {
  const company = await createCompany(db, name);
  const project = await createProject(db, company.id);
  const content = await createContent(db, project);
  return { company, project, content };
}

/** A stored view `daysAgo` days back (fractions allowed), as tracking would have written it. */
export async function createView(
  db: Database,
  content: { id: number; companyId: number; projectId: number },
  daysAgo = 0,
  sessionId: string = randomUUID(),
) {
  await db.insert(arViewSessions).values({
    arContentId: content.id,
    projectId: content.projectId,
    companyId: content.companyId,
    sessionId,
    createdAt: new Date(Date.now() - daysAgo * dayMs),
  });
}

export async function adminToken(db: Database) {
  return (await createApiToken(db, { name: 'test admin', scope: 'admin' })).token;
}

export async function companyToken(db: Database, companyId: number) {
  return (await createApiToken(db, { name: `test company ${companyId}`, scope: 'company', companyId })).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function sessionRows(db: Database) {
  return db.select().from(arViewSessions).orderBy(arViewSessions.id);
}

export async function countSessions(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(arViewSessions);
  return row?.n ?? 0;
}

export const testPassword = 'correct horse battery';

/** A user who signs in with `testPassword`: a member of the company when one is given, else an admin. */
export async function createSignInUser(db: Database, companyId?: number) {
  return createUser(db, {
    email: `user-${randomUUID()}@example.com`,
    name: 'Tester',
    password: testPassword,
    role: companyId ? 'member' : 'admin',
    companyId,
  });
}

/** Signs in over HTTP and returns the `cookie` request header that carries the new session. */
export async function signInCookie(
  app: Awaited<ReturnType<typeof startTestApp>>['app'],
  email: string,
  password = testPassword,
) {
  const res = await app.inject({ method: 'POST', url: '/trpc/auth.signIn', payload: { email, password } });
  const session = res.cookies.find((c) => c.name === 'arv_session');
  if (res.statusCode !== 200 || !session) throw new Error(`sign-in as ${email} failed: ${res.body}`);
  return { cookie: `arv_session=${session.value}` };
}

/** What a phone's browser sends: a visitor, not a bot. */
export const phoneUserAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
