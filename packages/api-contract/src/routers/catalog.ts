import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertCanRead, companyScope } from '../access.js';
import { findPath, listCompanies, listContent, listProjects } from '../queries/catalog.js';
import { id, scopeInput } from '../schemas/index.js';
import { resolveScope } from '../scope.js';
import { authedProcedure } from '../trpc.js';

/** Names and ids for navigation: only what the caller may read. */
export const catalogRouter = {
  companies: authedProcedure.query(({ ctx }) => listCompanies(ctx.db, companyScope(ctx.viewer))),

  projects: authedProcedure.input(z.object({ companyId: id() })).query(async ({ ctx, input }) => {
    await assertCanRead(ctx, 'company', input.companyId);
    return listProjects(ctx.db, input.companyId);
  }),

  contentItems: authedProcedure.input(z.object({ projectId: id() })).query(async ({ ctx, input }) => {
    await assertCanRead(ctx, 'project', input.projectId);
    return listContent(ctx.db, input.projectId);
  }),

  path: authedProcedure.input(z.object({ scope: scopeInput })).query(async ({ ctx, input }) => {
    return findPath(ctx.db, await resolveScope(ctx, input.scope));
  }),
} satisfies TRPCRouterRecord;
