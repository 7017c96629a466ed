import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { companies, createDatabase, projects } from '@arv/db';
import { build } from 'vite';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const viewerRoot = fileURLToPath(new URL('../../', import.meta.url));
export const demoTarget = `${repoRoot}apps/api/demo-assets/demo-target.png`;
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The browser test needs Debian's Chromium and ffmpeg (scripts/ensure-chromium.sh, scripts/ensure-ffmpeg.sh). */
export function checkTools() {
  if (!existsSync(chromiumPath))
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium`);
  execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
}

/** The API serves the built viewer; `npm test` builds it first, a direct vitest run may not have. */
export async function ensureViewerBuilt() {
  if (existsSync(`${viewerRoot}dist/index.html`)) return;
  await build({ root: viewerRoot, logLevel: 'warn' });
}

/**
 * A fake camera: the print, scaled as a phone would see it, drifting gently over a grey table, or (for a
 * camera that never sees the print) a test pattern. Chromium loops the file.
 */
export function makeCameraFeed(file: string, showsPrint: boolean) {
  const input = showsPrint
    ? [
        '-f',
        'lavfi',
        '-i',
        'color=c=0x808080:s=640x480:r=15:d=6',
        '-loop',
        '1',
        '-i',
        demoTarget,
        '-filter_complex',
        "[1:v]scale=-1:400[print];[0:v][print]overlay=x='170+12*sin(t)':y='40+6*cos(t)':shortest=1",
      ]
    : ['-f', 'lavfi', '-i', 'testsrc2=s=640x480:r=15:d=3'];
  execFileSync('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    ...input,
    '-t',
    showsPrint ? '6' : '3',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
}

/** A catalog of one company and project, so that `--demo` adds its AR content without the 6,000 demo sessions. */
export async function prepareDatabase(pgliteDir: string) {
  const handle = createDatabase({ dataDir: pgliteDir });
  await handle.migrate();
  const [company] = await handle.db.insert(companies).values({ name: 'Browser test' }).returning();
  if (!company) throw new Error('no company');
  await handle.db.insert(projects).values({ companyId: company.id, name: 'Prints' });
  await handle.close();
}

export type ApiServer = {
  viewerUrl: string;
  /** Resolves when the server has logged a request whose URL contains `part` and answered `status`. */
  waitForRequest(part: string, status: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** The real API (`main.ts --demo`), as `npm start` runs it, on its own port, database and media folder. */
export async function startApi(env: { PGLITE_DIR: string; MEDIA_DIR: string }): Promise<ApiServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', '--demo'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const requests: { url: string; status: number }[] = [];
  const waiters = new Set<() => void>();
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; url?: string; status?: number };
      if (entry.msg === 'request' && entry.url && entry.status)
        requests.push({ url: entry.url, status: entry.status });
    }
    for (const wake of waiters) wake();
  });
  const viewerUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output}`)), 150_000);
    const check = () => {
      const url = /AR viewer\s+(http:\/\/\S+\/ar\/[0-9a-f-]{36})/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(url);
      }
    };
    waiters.add(check);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}:\n${output}`)));
  });
  return {
    viewerUrl,
    waitForRequest(part, status, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${status} answer to a request for ${part}`));
        }, timeoutMs);
        const check = () => {
          if (requests.some((r) => r.url.includes(part) && r.status === status)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      });
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
