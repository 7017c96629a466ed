import { createDatabase } from '../client.js';

const handle = createDatabase();
try {
  await handle.migrate();
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
