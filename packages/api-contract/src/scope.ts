import { assertCanRead } from './access.js';
import type { Context, Viewer } from './context.js';
import { resolveRange } from './range.js';
import type { AnalyticsInput, ScopeInput } from './schemas/analytics.js';

/** The entity filter of a scope, after checking that the viewer may read it. */
export interface ScopeFilter {
  companyId?: number;
  projectId?: number;
  arContentId?: number;
}

export async function resolveScope(
  ctx: Context & { viewer: Viewer },
  scope: ScopeInput,
): Promise<ScopeFilter> {
  switch (scope.kind) {
    case 'all':
      return ctx.viewer.role === 'company' ? { companyId: ctx.viewer.companyId } : {};
    case 'company':
      await assertCanRead(ctx, 'company', scope.id);
      return { companyId: scope.id };
    case 'project':
      await assertCanRead(ctx, 'project', scope.id);
      return { projectId: scope.id };
    case 'content':
      await assertCanRead(ctx, 'content', scope.id);
      return { arContentId: scope.id };
  }
}

/** The checked scope and the resolved range of a dashboard query, as one filter over the sessions. */
export async function resolveScopeAndRange(ctx: Context & { viewer: Viewer }, input: AnalyticsInput) {
  const [scope, range] = await Promise.all([
    resolveScope(ctx, input.scope),
    resolveRange(ctx.db, input.range, input.timeZone),
  ]);
  return { scope, range, filter: { ...scope, from: range.from, to: range.to } };
}
