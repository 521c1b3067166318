export { type ImportOptions, importHistory } from './import.js';
export { type PostgresKeyStoreOptions, postgresKeyStore } from './key-store.js';
export { latestSchemaVersion, migrate, migrations, schemaVersion } from './migrations.js';
export { postgresOutbox } from './outbox.js';
export { type PostgresEventStoreOptions, postgresEventStore } from './postgres-event-store.js';
export {
  type PgPoolClientOptions,
  pgliteClient,
  pgPoolClient,
  type QueryOptions,
  type SqlClient,
  type SqlExecutor,
} from './sql.js';
export { sqlFailure, sqlFailureReason } from './sql-errors.js';
export { postgresCheckpointStore, postgresSnapshotStore } from './state-stores.js';
