// The original's tables (core.md §6.2, perfmet.md §2), column for column, so the lake can read
// and write a database the original PostgREST catalog served. One lake addition: `failures` on
// the job table (nullable, default 0: items that failed in the run). A table created by the
// original lacks it; the perfmet driver detects that and leaves it out.
import type { PoolClient } from 'pg';

export const DEFAULT_CATALOG_TABLE = 'data_lake_cat_new';
export const DEFAULT_JOB_TABLE = 'etl_perfmet_job';
export const DEFAULT_OBSERVATION_TABLE = 'etl_perfmet_obs';

/** A schema-qualified table, quoted for SQL and plain for messages. */
export class TableName {
  readonly sql: string;
  readonly text: string;

  constructor(
    readonly schema: string,
    readonly table: string,
  ) {
    this.sql = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
    this.text = `${schema}.${table}`;
  }

  /** A name derived from the table (an index), quoted; PostgreSQL keeps 63 bytes of it. */
  derived(suffix: string): string {
    return quoteIdentifier(`${this.table}_${suffix}`.slice(0, 63));
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function catalogSchemaSql(catalog: TableName): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(catalog.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${catalog.sql} (
      id              serial,
      repository      text        NOT NULL,
      data_source     text        NOT NULL,
      id_base         text        NOT NULL,
      id_ext          text        NOT NULL,
      pointer         text        NOT NULL,
      collection_date timestamptz NOT NULL,
      collection_end  timestamptz,
      processing_date timestamptz,
      metadata        jsonb,
      PRIMARY KEY (collection_date, repository, data_source, id_base, id_ext)
    )`,
    `CREATE INDEX IF NOT EXISTS ${catalog.derived('collection_date_idx')} ON ${catalog.sql} (collection_date)`,
  ];
}

export function perfmetSchemaSql(job: TableName, observation: TableName): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(job.schema)}`,
    `CREATE TABLE IF NOT EXISTS ${job.sql} (
      id               serial,
      data_source      varchar     NOT NULL,
      stage            varchar     NOT NULL,
      seconds          real,
      records          integer,
      processing_date  timestamptz NOT NULL,
      collection_start timestamptz,
      collection_end   timestamptz,
      failures         integer DEFAULT 0,
      PRIMARY KEY (processing_date, data_source, stage)
    )`,
    `CREATE TABLE IF NOT EXISTS ${observation.sql} (
      id              serial,
      data_source     varchar     NOT NULL,
      sensor_name     varchar     NOT NULL,
      data_type       varchar     NOT NULL,
      data            real,
      expected        real,
      collection_date timestamptz NOT NULL,
      timestamp_min   timestamptz,
      timestamp_max   timestamptz,
      PRIMARY KEY (collection_date, data_source, data_type, sensor_name)
    )`,
  ];
}

/**
 * Runs the statements inside the caller's transaction. `IF NOT EXISTS` alone is not safe when two
 * processes init at once (both may try to create the same type), so a transaction-scoped advisory
 * lock makes the second wait and then find everything there.
 */
export async function runSchemaSql(client: PoolClient, statements: string[]): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('lake schema'))");
  for (const statement of statements) await client.query(statement);
}
