import { SingleBar } from 'cli-progress';

/** A terminal progress bar for long runs; silent when there is no terminal to draw on. */
export function progressBar(label: string) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
    hideCursor: true,
    noTTYOutput: false,
    notTTYSchedule: 5000,
  });
  let started = false;
  return {
    update(value: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(value);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
