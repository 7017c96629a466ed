import Ajv2020 from 'ajv/dist/2020.js';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health } from '../src/health.js';
import { restAnalytics } from '../src/rest/analytics.js';
import { startTestApp } from './helpers.js';

type Operation = {
  requestBody?: { content: Record<string, { schema: object; example?: unknown }> };
  responses: Record<string, unknown>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

let t: Awaited<ReturnType<typeof startTestApp>>;
let document: Document;

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.app.inject({ url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  document = res.json();
});
afterAll(() => t.close());

/** Every route the REST plugins register, collected the way Fastify announces them. */
async function registeredRoutes() {
  const app = Fastify();
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), url: route.url });
    }
  });
  await app.register(health, { db: t.db });
  await app.register(restAnalytics, { prefix: '/api/analytics', db: t.db });
  await app.ready();
  await app.close();
  return routes;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every registered REST route, legacy aliases included', async () => {
    expect(document.openapi).toBe('3.1.0');
    const routes = await registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const { method, url } of routes) {
      const path = url.replace(/:(\w+)/g, '{$1}');
      expect(document.paths[path]?.[method], `${method.toUpperCase()} ${url}`).toBeDefined();
    }
    expect(Object.keys(document.paths)).toContain('/api/analytics/summary');
    expect(Object.keys(document.paths)).toContain('/api/analytics/ar-session/{session_id}/end');
  });

  it('has documented examples that validate against their schemas', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    let checked = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
          if (media.example === undefined) continue;
          const validate = ajv.compile(media.schema);
          expect(
            validate(media.example),
            `${method} ${path} ${type}: ${ajv.errorsText(validate.errors)}`,
          ).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('documents the bodies the procedures really accept: a documented example is accepted by the route', async () => {
    const start = document.paths['/api/analytics/ar-session']?.post?.requestBody?.content['application/json'];
    expect(start?.example).toMatchObject({ session_id: expect.any(String) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/ar-session',
      payload: start?.example as object,
    });
    // The example names content that this empty database does not have: validation passed, resolution did not.
    expect(res.statusCode).toBe(404);
  });

  it('serves an interactive reference at /api/docs', async () => {
    const page = await t.app.inject({ url: '/api/docs' });
    const html =
      page.statusCode === 302 ? await t.app.inject({ url: page.headers.location as string }) : page;
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('swagger-ui');
    const script = await t.app.inject({ url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(script.statusCode).toBe(200);
  });
});
