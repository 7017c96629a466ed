/**
 * The baseline: a start handled as the legacy service handled it (the "seed" style), with nothing of ours:
 * look the content up by its unique id, insert one row into the legacy table, answer. One round trip to the database each, with
 * a pool as large as the load's connection count. An end (which the legacy service lacked) is one UPDATE.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { legacyTable } from '../legacyTable.js';
import { answer, readJson, sayListening } from './body.js';

interface Start {
  portrait_id?: string;
  session_id?: string;
  user_agent?: string | null;
  device_type?: string | null;
  browser?: string | null;
  os?: string | null;
  tracking_quality?: string | null;
  video_played?: boolean | null;
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const sql = postgres(url, { max: Number(process.env.DB_POOL_MAX ?? 64), onnotice: () => {} });

async function track(start: Start) {
  const [content] = await sql<{ id: number; project_id: number; company_id: number }[]>`
    select id, project_id, company_id from ar_content where unique_id = ${start.portrait_id ?? null} and is_active`;
  if (!content) return { status: 404, body: { detail: `AR content ${start.portrait_id} not found` } };
  await sql`
    insert into ${sql(legacyTable)}
      (ar_content_id, project_id, company_id, session_id, user_agent, device_type, browser, os,
       tracking_quality, video_played)
    values (${content.id}, ${content.project_id}, ${content.company_id}, ${start.session_id ?? null},
      ${start.user_agent ?? null}, ${start.device_type ?? null}, ${start.browser ?? null}, ${start.os ?? null},
      ${start.tracking_quality ?? null}, ${start.video_played ?? false})`;
  return { status: 200, body: { status: 'tracked', session_id: start.session_id } };
}

/** The end of a visit, as a legacy-style route would write it: one UPDATE by session id. */
async function end(sessionId: string, input: { duration_seconds?: number }) {
  const rows = await sql`
    update ${sql(legacyTable)} set duration_seconds = ${input.duration_seconds ?? null}
    where session_id = ${sessionId} returning id`;
  if (rows.length === 0) return { status: 404, body: { detail: `no session with session_id ${sessionId}` } };
  return { status: 200, body: { status: 'ended', session_id: sessionId } };
}

const endPath = /^\/api\/analytics\/ar-session\/([0-9a-f-]{36})\/end$/;

const server = createServer(async (req, res) => {
  try {
    const input = await readJson(req);
    const ending = req.url?.match(endPath)?.[1];
    const { status, body } = ending
      ? await end(ending, input as { duration_seconds?: number })
      : await track(input as Start);
    answer(res, status, body);
  } catch (error) {
    answer(res, 500, { detail: error instanceof Error ? error.message : 'internal error' });
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  sayListening((server.address() as AddressInfo).port);
});
process.on('SIGTERM', () => server.close(() => void sql.end({ timeout: 5 }).then(() => process.exit(0))));
