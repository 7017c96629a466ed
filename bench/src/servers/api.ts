import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Child, startChild } from './child.js';

export const apiEntry = fileURLToPath(new URL('../../../apps/api/dist/main.js', import.meta.url));

/**
 * The real built server, as it is deployed (deploy/Dockerfile's heap bound included): no demo data, bots
 * counted like people and no per-address limit, because every request of the load comes from one address
 * and one tool.
 */
export function startApi(databaseUrl: string): Promise<Child> {
  if (!existsSync(apiEntry))
    throw new Error(`${apiEntry} is missing: run \`npm run bench\`, which builds it`);
  return startChild({
    name: 'API',
    args: [apiEntry],
    env: {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      BOT_FILTER: 'false',
      TRACKING_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '--max-old-space-size=160 --max-semi-space-size=32',
    },
    ready: /health\s+(http:\/\/\S+?)\/health\b/,
  });
}
