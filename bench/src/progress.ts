import { SingleBar } from 'cli-progress';

/**
 * A progress bar with a rate, drawn on stderr; without a terminal it prints a line every few seconds
 * instead (the approach of packages/db/src/cli/progress.ts).
 */
export function progressBar(label: string, unit: string, total: number) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5_000,
    formatValue: (value, _options, type) =>
      type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value),
  });
  const began = performance.now();
  const rate = (value: number) =>
    Math.round(value / Math.max((performance.now() - began) / 1000, 0.001)).toLocaleString('en-US');
  bar.start(total, 0, { rate: '0' });
  return {
    update(value: number) {
      bar.update(value, { rate: rate(value) });
    },
    stop() {
      bar.stop();
    },
  };
}
