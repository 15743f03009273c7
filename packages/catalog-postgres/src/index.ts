// @lake/catalog-postgres as a library: the lake catalog and perfmet tables in PostgreSQL, without
// the CLI. No oclif here (hooks/init.ts and commands/ are the CLI's way in).

export { PostgresCatalogDriver, POSTGRES_DRIVER, DEFAULT_UPSERT_CHUNK } from './postgres-catalog-driver';
export { PostgresPerfmetDriver } from './postgres-perfmet-driver';
export {
  readPostgresSettings,
  DEFAULT_SCHEMA,
  DEFAULT_PAGE_SIZE,
  DEFAULT_POOL_SIZE,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type PostgresDriverConfig,
  type PostgresSettings,
  type PostgresRole,
} from './postgres-settings';
export {
  DEFAULT_CATALOG_TABLE,
  DEFAULT_JOB_TABLE,
  DEFAULT_OBSERVATION_TABLE,
  TableName,
  catalogSchemaSql,
  perfmetSchemaSql,
} from './schema';
export { PostgresUnreachable, PostgresTableMissing, PostgresQueryFailed } from './postgres-errors';
export { likePattern, PATTERN_MARKER } from './sql-where';
export { ownsSchema, type SchemaOwner } from './schema-owner';
export { postgresPlugin } from './plugin';
