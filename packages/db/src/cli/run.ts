import { createDatabase, type DatabaseHandle } from '../client.js';

/** Runs a command against the configured database and turns a failure into one readable line. */
export async function withDatabase(command: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    handle = createDatabase();
    await handle.migrate();
    await command(handle);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}
