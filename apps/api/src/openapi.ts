import { maxUnknownFields } from '@arv/api-contract';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { legacyPrefix, legacyRoutes } from './rest/legacyRoutes.js';

const errorBody = z.object({ detail: z.string().meta({ example: 'session_id: must be a UUID, got "abc"' }) });
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBody } },
});

const readErrors = {
  '400': error('a path parameter is malformed (named in detail)'),
  '401': error('no API token or session, or a revoked one'),
  '403': error("another company's data"),
  '404': error('unknown id'),
  '503': error('the database is unavailable'),
};
const trackingErrors = {
  '400': error(
    `a missing or malformed field (named in detail), more than ${maxUnknownFields} undocumented fields, or a body that is not JSON`,
  ),
  '404': error('unknown or inactive content, or unknown session'),
  '413': error('a body over 16 KiB'),
  '503': error('the database is unavailable'),
};

function pathParams(url: string) {
  const names = [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  if (names.length === 0) return undefined;
  return z.object(
    Object.fromEntries(names.map((name) => [name, name === 'id' ? z.string().regex(/^\d+$/) : z.uuid()])),
  );
}

function legacyOperation(route: (typeof legacyRoutes)[number], url: string): ZodOpenApiOperationObject {
  const path = pathParams(url);
  const body =
    'body' in route
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: route.body, example: route.example },
              'text/plain': { schema: route.body, example: route.example },
            },
          },
        }
      : {};
  return {
    summary: route.summary,
    tags: [route.authenticated ? 'analytics' : 'tracking'],
    ...(route.authenticated ? { security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
    ...(path ? { requestParams: { path } } : {}),
    ...body,
    responses: {
      '200': { description: 'OK', content: { 'application/json': { schema: route.response } } },
      ...(route.authenticated ? readErrors : trackingErrors),
    },
  };
}

const healthBody = z.object({
  status: z.string(),
  database: z.string().optional(),
  migrations: z.string().optional(),
});
const healthOperation = (summary: string): ZodOpenApiOperationObject => ({
  summary,
  tags: ['health'],
  security: [],
  responses: {
    '200': { description: 'OK', content: { 'application/json': { schema: healthBody } } },
    '503': { description: 'not ready', content: { 'application/json': { schema: healthBody } } },
  },
});

/** The OpenAPI 3.1 document of every REST route, generated from the procedures' own zod schemas. */
export function createOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {
    '/health': { get: healthOperation('Readiness, on the legacy path') },
    '/health/live': { get: healthOperation('Liveness: the process answers') },
    '/health/ready': { get: healthOperation('Readiness: database reachable and migrations applied') },
  };
  for (const route of legacyRoutes) {
    for (const url of route.paths) {
      const openApiPath = `${legacyPrefix}${url.replace(/:(\w+)/g, '{$1}')}`;
      paths[openApiPath] = { [route.method.toLowerCase()]: legacyOperation(route, url) };
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'ARV Analytics REST API',
      version: '1.0.0',
      description:
        'The legacy-compatible `/api/analytics/*` routes. The same procedures are served typed over tRPC at `/trpc`.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token (npm run token -- create ...)' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'arv_session',
          description: 'a signed-in dashboard user',
        },
      },
    },
    paths,
  });
}

/** Serves the document at /api/openapi.json and an interactive reference at /api/docs. */
export const openApi: FastifyPluginAsync = async (app) => {
  const document = createOpenApiDocument();
  app.get('/api/openapi.json', async () => document);
  // zod-openapi and @fastify/swagger type the same OpenAPI 3.1 object with different libraries.
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
};
