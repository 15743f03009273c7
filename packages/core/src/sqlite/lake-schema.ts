// The tables of the embedded lake database. They mirror the PostgreSQL tables of the original
// (catalog, perfmet job, perfmet observation) with two deliberate differences:
// - instants are INTEGER epoch milliseconds, so every comparison is by instant whatever offset
//   the writer used (the original compared PyStr text in places, DEFECT C-21);
// - `collection_end_effective` holds the exclusive end with the "null = one calendar day" rule
//   already applied, computed by the writer in the lake's zone (a DST day is 23 or 25 hours,
//   which SQLite's date functions cannot know).

export const LAKE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS data_lake_catalog (
  repository               TEXT    NOT NULL,
  data_source              TEXT    NOT NULL,
  id_base                  TEXT    NOT NULL,
  id_ext                   TEXT    NOT NULL,
  pointer                  TEXT    NOT NULL,
  collection_date          INTEGER NOT NULL,
  collection_end           INTEGER,
  collection_end_effective INTEGER NOT NULL,
  processing_date          INTEGER,
  metadata                 TEXT,
  PRIMARY KEY (collection_date, repository, data_source, id_base, id_ext)
);
CREATE INDEX IF NOT EXISTS data_lake_catalog_by_source
  ON data_lake_catalog (repository, data_source, collection_date, id_base, id_ext);

CREATE TABLE IF NOT EXISTS etl_perfmet_job (
  data_source      TEXT    NOT NULL,
  stage            TEXT    NOT NULL,
  seconds          REAL,
  records          INTEGER,
  processing_date  INTEGER NOT NULL,
  collection_start INTEGER,
  collection_end   INTEGER,
  failures         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (processing_date, data_source, stage)
);

CREATE TABLE IF NOT EXISTS etl_perfmet_obs (
  data_source     TEXT    NOT NULL,
  sensor_name     TEXT    NOT NULL,
  data_type       TEXT    NOT NULL,
  data            REAL,
  expected        REAL,
  collection_date INTEGER NOT NULL,
  timestamp_min   TEXT,
  timestamp_max   TEXT,
  PRIMARY KEY (collection_date, data_source, data_type, sensor_name)
);
CREATE INDEX IF NOT EXISTS etl_perfmet_obs_by_type
  ON etl_perfmet_obs (data_type, sensor_name, collection_date, data_source);
`;
