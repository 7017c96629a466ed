import { TRPCError } from '@trpc/server';
import type { Context, Viewer } from './context.js';
import { type Entity, findOwner } from './queries/findOwner.js';

const labels: Record<Entity, string> = { company: 'company', project: 'project', content: 'AR content' };

/** Unknown ids are NOT_FOUND for everyone; another company's ids are FORBIDDEN to a company token. */
export async function assertCanRead(
  ctx: Context & { viewer: Viewer },
  entity: Entity,
  id: number,
): Promise<void> {
  const owner = await findOwner(ctx.db, entity, id);
  if (owner === undefined)
    throw new TRPCError({ code: 'NOT_FOUND', message: `${labels[entity]} ${id} does not exist` });
  if (ctx.viewer.role === 'company' && ctx.viewer.companyId !== owner) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `this token cannot read ${labels[entity]} ${id}` });
  }
}

/** The company a viewer is confined to, or undefined for an admin. */
export function companyScope(viewer: Viewer): number | undefined {
  return viewer.role === 'company' ? viewer.companyId : undefined;
}
