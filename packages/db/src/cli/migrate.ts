import { withDatabase } from './run.js';

await withDatabase(async (handle) => {
  console.log(`migrations applied (${handle.driver})`);
});
