import { type AppRouter, breakdownDimensions, type ScopeInput } from '@arv/api-contract';
import type { TRPCClient } from '@trpc/client';
import type { Catalog } from './catalog.js';
import type { Caller } from './naive.js';

export type Api = TRPCClient<AppRouter>;

/** One figure as the dashboard or a legacy client asks for it: through the server, and naively. */
export interface ReadCase {
  figure: string;
  ours(api: Api): Promise<unknown>;
  naive(caller: Caller): Promise<unknown>;
}

const range = { preset: '30d' } as const;
const timeZone = 'UTC';
// A whole-hour zone other than UTC: its days start at 22:00 or 23:00 UTC, so UTC-day rollups cannot serve it as is.
const localZone = 'Europe/Berlin';

/** The most viewed content, with its project and company: the heaviest scopes to count naively. */
function mostViewed(catalog: Catalog) {
  const top = catalog.byPopularity[0];
  if (!top) throw new Error('the catalog is empty');
  return top;
}

function scopesOf(catalog: Catalog): { label: string; scope: ScopeInput }[] {
  const top = mostViewed(catalog);
  return [
    { label: 'all', scope: { kind: 'all' } },
    { label: 'company', scope: { kind: 'company', id: top.companyId } },
    { label: 'project', scope: { kind: 'project', id: top.projectId } },
    { label: 'content', scope: { kind: 'content', id: top.id } },
  ];
}

function legacyCases(catalog: Catalog): ReadCase[] {
  const top = mostViewed(catalog);
  return [
    {
      figure: 'overview',
      ours: (api) => api.analytics.overview.query(),
      naive: (call) => call.analytics.overview(),
    },
    {
      figure: 'company',
      ours: (api) => api.analytics.company.query({ company_id: top.companyId }),
      naive: (call) => call.analytics.company({ company_id: top.companyId }),
    },
    {
      figure: 'project',
      ours: (api) => api.analytics.project.query({ project_id: top.projectId }),
      naive: (call) => call.analytics.project({ project_id: top.projectId }),
    },
    {
      figure: 'content',
      ours: (api) => api.analytics.content.query({ ar_content_id: top.id }),
      naive: (call) => call.analytics.content({ ar_content_id: top.id }),
    },
  ];
}

function scopedCases(label: string, scope: ScopeInput): ReadCase[] {
  const input = { scope, range, timeZone };
  const local = { ...input, timeZone: localZone };
  return [
    {
      figure: `summary ${label}`,
      ours: (api) => api.analytics.summary.query(input),
      naive: (call) => call.analytics.summary(input),
    },
    {
      figure: `timeseries ${label}`,
      ours: (api) => api.analytics.timeseries.query(input),
      naive: (call) => call.analytics.timeseries(input),
    },
    {
      figure: `timeseries ${label} ${localZone}`,
      ours: (api) => api.analytics.timeseries.query(local),
      naive: (call) => call.analytics.timeseries(local),
    },
    ...breakdownDimensions.map(
      (dimension): ReadCase => ({
        figure: `breakdown ${label} ${dimension}`,
        ours: (api) => api.analytics.breakdown.query({ ...input, dimension }),
        naive: (call) => call.analytics.breakdown({ ...input, dimension }),
      }),
    ),
    {
      figure: `topContent ${label}`,
      ours: (api) => api.analytics.topContent.query(input),
      naive: (call) => call.analytics.topContent(input),
    },
    {
      figure: `realtime ${label}`,
      ours: (api) => api.analytics.realtime.query({ scope }),
      naive: (call) => call.analytics.realtime({ scope }),
    },
  ];
}

/** Every analytics procedure, over 30 days, for everything and for the scopes of the most viewed content. */
export function readCases(catalog: Catalog): ReadCase[] {
  return [
    ...legacyCases(catalog),
    ...scopesOf(catalog).flatMap(({ label, scope }) => scopedCases(label, scope)),
  ];
}
