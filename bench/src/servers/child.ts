import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from '../cleanup.js';

export interface Child {
  name: string;
  url: string;
  pid: number;
  /** Set once the process has ended, with its exit code or signal. */
  exited: () => number | string | undefined;
  /** The last lines the process wrote, for a failure report. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not ended in time; resolves once it has ended. */
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** The line that says the server is ready; its first group is the base URL. */
  ready: RegExp;
  timeoutMs?: number;
}

function waitForUrl(child: ChildProcess, options: ChildOptions, log: () => string): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} printed no ready line within ${timeoutMs} ms:\n${log()}`));
    }, timeoutMs);
    const look = () => {
      const match = log().match(options.ready);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolve(match[1]);
    };
    child.stdout?.on('data', look);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code ?? signal}) before it was ready:\n${log()}`));
    });
  });
}

/** Starts a server in a child process of Node and resolves with its URL once it says it is ready. */
export async function startChild(options: ChildOptions): Promise<Child> {
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exit: number | string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = code ?? signal ?? 'unknown';
      resolve();
    }),
  );
  const stop = async () => {
    if (exit !== undefined) return;
    child.kill('SIGTERM');
    const ended = await Promise.race([exited.then(() => true), sleep(12_000, false)]);
    if (!ended) child.kill('SIGKILL');
    await exited;
  };
  onCleanup(`stop ${options.name}`, stop);
  const url = await waitForUrl(child, options, () => log);
  if (child.pid === undefined) throw new Error(`${options.name} has no process id`);
  return { name: options.name, url, pid: child.pid, exited: () => exit, output: () => log, stop };
}
