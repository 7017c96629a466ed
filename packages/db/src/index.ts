export {
  createDatabase,
  type Database,
  type DatabaseHandle,
  type DatabaseOptions,
  type Schema,
} from './client.js';
export { migrationsApplied } from './migrations.js';
export { deleteEmptyRollups, deleteSessionsBefore } from './retention.js';
export { changeLogBytes, pendingChanges, rollUpChanges, vacuumChanges } from './rollups.js';
export { rows } from './rows.js';
export * from './schema/index.js';
export { isCatalogEmpty } from './seed/catalog.js';
export { type DemoOptions, seedDemoData } from './seed/demo.js';
export { analyzeTables, autovacuumRuns, tablesToAnalyze } from './statistics.js';
export * from './tokens.js';
export * from './users.js';
