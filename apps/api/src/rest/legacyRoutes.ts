import {
  type AppRouter,
  companyViewsOutput,
  contentViewsOutput,
  type createCaller,
  overviewOutput,
  projectViewsOutput,
  trackingEndInput,
  trackingEndOutput,
  trackingStartInput,
  trackingStartOutput,
  trackingUpdateInput,
  trackingUpdateOutput,
} from '@arv/api-contract';
import type { inferRouterInputs } from '@trpc/server';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

type Caller = ReturnType<typeof createCaller>;
type Inputs = inferRouterInputs<AppRouter>;

// Digits become a number; anything else goes through unchanged so that validation can quote it back.
const idParam = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : value);

// Client input is unknown here; the procedure's zod schema is what validates it, so it is passed on as is.
const unvalidated = <T>(value: unknown) => value as T;

// A missing body is validated as an empty object, so that the answer names the missing fields.
const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};

const params = (req: FastifyRequest) => req.params as Record<string, string>;

/** The legacy answer of POST /ar-session: the start's answer with the old service's status word. */
export const trackedOutput = trackingStartOutput.extend({ status: z.enum(['tracked', 'ignored']) });

/** Where the legacy routes live, as the old service had them. */
export const legacyPrefix = '/api/analytics';

/**
 * Every legacy route: its paths, what it documents, and the one procedure it calls. The REST
 * adapter registers exactly these, and the OpenAPI document is generated from exactly these.
 */
export const legacyRoutes = [
  {
    method: 'GET',
    paths: ['/overview', '/summary'],
    summary: 'Views, unique sessions, active content and storage over the last 30 days',
    authenticated: true,
    response: overviewOutput,
    handle: (call: Caller) => call.analytics.overview(),
  },
  {
    method: 'GET',
    paths: ['/companies/:id', '/company/:id'],
    summary: "A company's views over the last 30 days",
    authenticated: true,
    response: companyViewsOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.analytics.company(
        unvalidated<Inputs['analytics']['company']>({ company_id: idParam(params(req).id ?? '') }),
      ),
  },
  {
    method: 'GET',
    paths: ['/projects/:id'],
    summary: "A project's views over the last 30 days",
    authenticated: true,
    response: projectViewsOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.analytics.project(
        unvalidated<Inputs['analytics']['project']>({ project_id: idParam(params(req).id ?? '') }),
      ),
  },
  {
    method: 'GET',
    paths: ['/ar-content/:id', '/content/:id'],
    summary: "An AR content item's views over the last 30 days",
    authenticated: true,
    response: contentViewsOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.analytics.content(
        unvalidated<Inputs['analytics']['content']>({ ar_content_id: idParam(params(req).id ?? '') }),
      ),
  },
  {
    method: 'POST',
    paths: ['/ar-session'],
    summary: 'Record the start of an AR view session (idempotent per session and content)',
    authenticated: false,
    trackingEvent: 'start',
    body: trackingStartInput,
    example: {
      portrait_id: '6f1c1f4e-3b1a-4b8e-9a56-2f1d8e7c9b10',
      session_id: '0b6f0a52-6c1d-4f0e-8f53-5a3c2e1d9b77',
      user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)',
      device_type: 'mobile',
      browser: 'Safari',
      os: 'iOS',
    },
    response: trackedOutput,
    handle: async (call: Caller, req: FastifyRequest) => {
      const result = await call.tracking.start(unvalidated<Inputs['tracking']['start']>(bodyOf(req)));
      return {
        status: result.status === 'ignored' ? result.status : ('tracked' as const),
        session_id: result.session_id,
      };
    },
  },
  {
    method: 'POST',
    paths: ['/ar-session/:session_id/end'],
    summary:
      "Record a session's end: duration, and how tracking and the video went (JSON or sendBeacon text/plain)",
    authenticated: false,
    trackingEvent: 'end',
    // The end's own object schema, less the session_id that the path carries.
    body: trackingEndInput.out.omit({ session_id: true }),
    example: { duration_seconds: 42, tracking_quality: 'good', video_played: true },
    response: trackingEndOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.tracking.end(
        unvalidated<Inputs['tracking']['end']>({ ...bodyOf(req), session_id: params(req).session_id }),
      ),
  },
  {
    method: 'POST',
    paths: ['/mobile/sessions'],
    summary: 'Start a session from the mobile app: "created", or "exists" when it was already recorded',
    authenticated: false,
    trackingEvent: 'start',
    body: trackingStartInput,
    example: { ar_content_id: 1, session_id: '0b6f0a52-6c1d-4f0e-8f53-5a3c2e1d9b77', device_type: 'tablet' },
    response: trackingStartOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.tracking.start(unvalidated<Inputs['tracking']['start']>(bodyOf(req))),
  },
  {
    method: 'POST',
    paths: ['/mobile/analytics'],
    summary: "Update some of a session's outcome from the mobile app (JSON or text/plain)",
    authenticated: false,
    trackingEvent: 'update',
    body: trackingUpdateInput,
    example: { session_id: '0b6f0a52-6c1d-4f0e-8f53-5a3c2e1d9b77', duration_seconds: 60, video_played: true },
    response: trackingUpdateOutput,
    handle: (call: Caller, req: FastifyRequest) =>
      call.tracking.update(unvalidated<Inputs['tracking']['update']>(bodyOf(req))),
  },
] as const;

/** The full path of each public tracking route (as Fastify names the route) and the event it records. */
export const trackingRouteEvents: ReadonlyMap<string, 'start' | 'end' | 'update'> = new Map(
  legacyRoutes.flatMap((route) =>
    'trackingEvent' in route
      ? route.paths.map((path) => [`${legacyPrefix}${path}`, route.trackingEvent] as const)
      : [],
  ),
);
