/**
 * Runs `work` with this process's `Date` stopped at `moment`: `Date.now()` and `new Date()` give it, dates
 * built from a value are as always. The naive answers are computed in this process while nothing else
 * runs in it, so that they can be asked at the moment the server answered at.
 */
export async function atMoment<T>(moment: number, work: () => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  class StoppedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(moment);
      else super(...(args as [string | number | Date]));
    }
    static override now() {
      return moment;
    }
    // Dates made before the clock stopped are dates too, for the drivers' `instanceof Date` checks.
    static override [Symbol.hasInstance](value: unknown) {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = StoppedDate as unknown as DateConstructor;
  try {
    return await work();
  } finally {
    globalThis.Date = RealDate;
  }
}
