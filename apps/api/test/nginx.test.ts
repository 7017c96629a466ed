import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { adminToken, bearer, createCatalog, phoneUserAgent, sessionRows, startTestApp } from './helpers.js';

// .ci/run installs nginx (scripts/ensure-nginx.sh); elsewhere the test runs where nginx is present.
const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
const template = new URL('../../../deploy/nginx/templates/arv-analytics.conf.template', import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The site template rendered as the nginx image would, inside a minimal nginx.conf of the test's own. */
function writeConfig(dir: string, listenPort: number, upstream: string) {
  const values: Record<string, string> = {
    ARV_LISTEN_PORT: `127.0.0.1:${listenPort}`,
    ARV_API_UPSTREAM: upstream,
    ARV_CACHE_DIR: join(dir, 'cache'),
  };
  // envsubst's job in the nginx image: every ${NAME} of the template replaced by its value.
  const site = readFileSync(template, 'utf8').replace(
    /\$\{(\w+)\}/g,
    (_, name: string) => values[name] ?? '',
  );
  writeFileSync(join(dir, 'site.conf'), site);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  include ${join(dir, 'site.conf')};
}
`,
  );
  return conf;
}

describe.runIf(nginxBinary)('deploy/nginx in front of the API', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let nginx: ChildProcess;
  let dir: string;
  let conf: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    // As in deploy/compose.yaml: the API believes forwarded addresses only from the proxy.
    dir = mkdtempSync(join(tmpdir(), 'arv-nginx-'));
    // nginx's workers drop root and must reach their cache and temp folders; mkdtemp makes them private.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'media', 'target-abc123.mind'), 'compiled target bytes');
    app = await buildServer(t.db, {
      CORS_ORIGINS: [],
      TRUST_PROXY: ['127.0.0.1'],
      LOG_LEVEL: 'silent',
      MEDIA_DIR: join(dir, 'media'),
    });
    const api = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    mkdirSync(join(dir, 'cache'), { mode: 0o777 });
    chmodSync(join(dir, 'cache'), 0o777);
    const port = await freePort();
    conf = writeConfig(dir, port, api.host);
    base = `http://127.0.0.1:${port}`;
    nginx = spawn(nginxBinary as string, ['-c', conf, '-p', dir], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${base}/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await app?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes nginx -t', () => {
    expect(() =>
      execFileSync(nginxBinary as string, ['-t', '-c', conf, '-p', dir], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('proxies the REST API, tRPC and health to the running server', async () => {
    const token = await adminToken(t.db);
    const direct = await app.inject({ url: '/api/analytics/overview', headers: bearer(token) });
    const proxied = await fetch(`${base}/api/analytics/overview`, { headers: bearer(token) });
    expect(proxied.status).toBe(200);
    expect(await proxied.text()).toBe(direct.body);
    expect((await fetch(`${base}/trpc/analytics.overview`, { headers: bearer(token) })).status).toBe(200);
    expect(await (await fetch(`${base}/health/ready`)).json()).toMatchObject({ status: 'ok' });
  });

  it("hands the API the client's address, so that tracking stores the client's network", async () => {
    const { content } = await createCatalog(t.db);
    const sessionId = randomUUID();
    const res = await fetch(`${base}/api/analytics/ar-session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.9',
        'user-agent': phoneUserAgent,
      },
      body: JSON.stringify({ ar_content_id: content.id, session_id: sessionId }),
    });
    expect(res.status).toBe(200);
    const row = (await sessionRows(t.db)).find((r) => r.sessionId === sessionId);
    expect(row?.ipAddress).toBe('203.0.113.0');
  });

  it('keeps /metrics off the public door', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  it('caches AR media: the second request is served by nginx without the API', async () => {
    const url = `${base}/media/target-abc123.mind`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('compiled target bytes');
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    const second = await fetch(url);
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(await second.text()).toBe('compiled target bytes');
  });
});
