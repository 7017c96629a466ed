import { arViewSessions } from '@arv/db';
import { and, eq, gte, lt, type SQL } from 'drizzle-orm';

/** Which sessions a figure counts: one company, project or content item (or all), created in [from, to). */
export interface ViewFilter {
  companyId?: number;
  projectId?: number;
  arContentId?: number;
  from: Date;
  to: Date;
}

export function viewConditions(filter: ViewFilter): SQL | undefined {
  return and(
    gte(arViewSessions.createdAt, filter.from),
    lt(arViewSessions.createdAt, filter.to),
    filter.companyId === undefined ? undefined : eq(arViewSessions.companyId, filter.companyId),
    filter.projectId === undefined ? undefined : eq(arViewSessions.projectId, filter.projectId),
    filter.arContentId === undefined ? undefined : eq(arViewSessions.arContentId, filter.arContentId),
  );
}

const dayMs = 86_400_000;

/** The legacy window: the last 30 days up to now. */
export function last30Days(now = new Date()): Pick<ViewFilter, 'from' | 'to'> {
  return { from: new Date(now.getTime() - 30 * dayMs), to: now };
}
