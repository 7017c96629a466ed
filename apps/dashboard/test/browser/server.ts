import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mainJs = `${repoRoot}apps/api/dist/main.js`;
const dashboardIndex = `${repoRoot}apps/dashboard/dist/index.html`;

/** The browser tests drive the production build; turbo builds it before `npm test` runs them. */
export function assertBuilt() {
  for (const file of [mainJs, dashboardIndex]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** `node apps/api/dist/main.js` on a free port, as `npm start` runs it; resolves once it prints its URLs. */
export function startApi(env: Record<string, string>): Promise<RunningApi> {
  const child = spawn(process.execPath, [mainJs], {
    cwd: repoRoot,
    // DATABASE_URL is cleared so that the server uses the test's PGlite directory, never a real database.
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the API printed no URL in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/(http:\/\/\S+?)\/trpc\b/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with code ${code} before it was ready:\n${output}`));
    });
  });
}
