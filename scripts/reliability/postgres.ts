import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL server of our own, so that stopping it never disturbs the shared one on 5432. */
export interface PrivatePostgres {
  url: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: the abrupt outage a crashed or restarted database server causes. */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes its files; safe to call more than once. */
  destroy(): Promise<void>;
}

function serverBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${root}/*/bin`);
  return join(root, versions[0] as string, 'bin');
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, '127.0.0.1');
  });
}

async function sparePort(from = 55_432): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}-${from + 99} for the private PostgreSQL`);
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = serverBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'arv-reliability-pg-'));
  const dataDir = join(dir, 'data');
  const port = await sparePort();
  // PostgreSQL refuses to run as root: the binaries then run as the postgres user, owning the temp dir.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const handle: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pg('pg_ctl', [
        'start',
        '-w',
        '-t',
        '30',
        '-D',
        dataDir,
        '-l',
        join(dir, 'server.log'),
        '-o',
        options,
      ]);
    },
    async stop() {
      await pg('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
    },
    async destroy() {
      try {
        // The pid file exists exactly while a server runs (or after a crash): either way, stop it.
        if (existsSync(join(dataDir, 'postmaster.pid')))
          await pg('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]).catch(() => {});
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return handle;
}
