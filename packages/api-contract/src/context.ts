import type { Database } from '@arv/db';

/** What every procedure receives; the HTTP server builds it per request. */
export interface Context {
  db: Database;
  /** The raw Authorization header, resolved lazily so that public tracking never touches the token table. */
  authorization: string | undefined;
  /** The client's address as the server trusts it (direct peer, or the proxy's forwarded one when configured). */
  clientIp: string | undefined;
}

export type Viewer = { role: 'admin' } | { role: 'company'; companyId: number };
