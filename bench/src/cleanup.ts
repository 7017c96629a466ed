import { say } from './log.js';

type Undo = () => Promise<void> | void;

const undos: { name: string; undo: Undo }[] = [];
let running: Promise<void> | undefined;

/** Registers something to undo on the way out (a child process, a connection, the temporary database). */
export function onCleanup(name: string, undo: Undo): void {
  undos.push({ name, undo });
}

/** Undoes in reverse order of registration, each once; a failing undo does not stop the others. */
export function cleanUp(): Promise<void> {
  running ??= (async () => {
    for (const { name, undo } of undos.reverse()) {
      try {
        await undo();
      } catch (error) {
        say(`cleanup: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return running;
}

let signalled = false;

/** Whether a signal is ending the run: the errors of work cut short by the cleanup are no news then. */
export const interrupted = () => signalled;

/** Ctrl-C or a SIGTERM still stops the servers and drops the database before the process ends. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      signalled = true;
      say(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
