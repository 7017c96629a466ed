import { createCaller, inProcessContext } from '@arv/api-contract';
import type { Database } from '@arv/db';

export type Caller = ReturnType<typeof createCaller>;

/**
 * The same router in this process, told to count the raw ar_view_sessions rows (`analyticsSource: 'rows'`):
 * the naive SQL that ours is held to.
 */
export function naiveCaller(db: Database, token: string): Caller {
  return createCaller(inProcessContext(db, { authorization: `Bearer ${token}`, analyticsSource: 'rows' }));
}
