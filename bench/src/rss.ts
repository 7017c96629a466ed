import { readFileSync } from 'node:fs';

const intervalMs = 100;

function rssBytes(pid: number): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match?.[1] ? Number(match[1]) * 1024 : undefined;
  } catch {
    // The process has ended (or this is no Linux): nothing to sample.
    return undefined;
  }
}

/** Samples a process's resident memory every 100 ms until stopped; stop() answers the largest sample. */
export function sampleRss(pid: number) {
  let max = rssBytes(pid) ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, rssBytes(pid) ?? 0);
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(max, rssBytes(pid) ?? 0);
    },
  };
}
