// The original deployment's tables (core.md §6.2, perfmet.md §2), as the PostgREST double serves
// them: column for column, with the same primary keys. Kept here, not imported from the
// catalog-postgres package, so the two drivers are tested against independent schemas.

/** What the double knows of one table: its columns (in order) and its primary key. */
export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** CREATE TABLE for a schema-qualified, quoted name. */
  createSql(qualified: string): string;
}

export const CATALOG_TABLE: TableShape = {
  name: 'data_lake_cat_new',
  columns: ['id', 'repository', 'data_source', 'id_base', 'id_ext', 'pointer', 'collection_date', 'collection_end', 'processing_date', 'metadata'],
  primaryKey: ['collection_date', 'repository', 'data_source', 'id_base', 'id_ext'],
  createSql: (qualified) => `
    CREATE TABLE ${qualified} (
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
    );
    CREATE INDEX ON ${qualified} (collection_date);`,
};

const JOB_COLUMNS = ['id', 'data_source', 'stage', 'seconds', 'records', 'processing_date', 'collection_start', 'collection_end'];

/** The job table; `withFailures` adds the lake's `failures` column (a deployment may have it). */
export function jobTable(withFailures = false): TableShape {
  return {
    name: 'etl_perfmet_job',
    columns: withFailures ? [...JOB_COLUMNS, 'failures'] : JOB_COLUMNS,
    primaryKey: ['processing_date', 'data_source', 'stage'],
    createSql: (qualified) => `
      CREATE TABLE ${qualified} (
        id               serial,
        data_source      varchar     NOT NULL,
        stage            varchar     NOT NULL,
        seconds          real,
        records          integer,
        processing_date  timestamptz NOT NULL,
        collection_start timestamptz,
        collection_end   timestamptz,
        ${withFailures ? 'failures integer DEFAULT 0,' : ''}
        PRIMARY KEY (processing_date, data_source, stage)
      );`,
  };
}

export const OBSERVATION_TABLE: TableShape = {
  name: 'etl_perfmet_obs',
  columns: ['id', 'data_source', 'sensor_name', 'data_type', 'data', 'expected', 'collection_date', 'timestamp_min', 'timestamp_max'],
  primaryKey: ['collection_date', 'data_source', 'data_type', 'sensor_name'],
  createSql: (qualified) => `
    CREATE TABLE ${qualified} (
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
    );`,
};

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
