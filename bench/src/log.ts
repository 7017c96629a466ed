/** Progress goes to stderr, so that stdout carries only the results table. */
export function say(line: string) {
  process.stderr.write(`bench: ${line}\n`);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
