import { fileURLToPath } from 'node:url';
import { type Child, startChild } from './child.js';

// The child programs are TypeScript like the rest: Node runs them through tsx's loader.
const tsx = import.meta.resolve('tsx');
const script = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
const ready = /listening on (http:\/\/\S+)/;

export function startCeiling(): Promise<Child> {
  return startChild({
    name: 'ceiling',
    args: ['--import', tsx, script('ceiling')],
    env: { PORT: '0' },
    ready,
  });
}

export function startBaseline(databaseUrl: string, poolSize: number): Promise<Child> {
  return startChild({
    name: 'baseline',
    args: ['--import', tsx, script('baseline')],
    env: { PORT: '0', DATABASE_URL: databaseUrl, DB_POOL_MAX: String(poolSize) },
    ready,
  });
}
