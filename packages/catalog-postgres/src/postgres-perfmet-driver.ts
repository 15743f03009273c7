// The perfmet tables (perfmet.md §2, §4) straight in PostgreSQL. Rows are upserted on their
// primary key like the original's PostgREST merge-duplicates; reads page until exhausted instead
// of stopping at 1000 rows (perfmet defect 3).
import type {
  DriverConfig,
  DriverEnv,
  PerfmetDriver,
  PerfmetJob,
  PerfmetJobQuery,
  PerfmetObservation,
  PerfmetObservationQuery,
} from '@lake/core';
import { PostgresDatabase } from './postgres-database';
import { readPostgresSettings, tableSetting } from './postgres-settings';
import { DEFAULT_JOB_TABLE, DEFAULT_OBSERVATION_TABLE, TableName, perfmetSchemaSql, runSchemaSql } from './schema';
import { SqlWhere } from './sql-where';

/** Observations per INSERT statement (all of one write in one transaction). */
const OBSERVATION_CHUNK = 1000;

interface JobRow {
  data_source: string;
  stage: string;
  seconds: number | null;
  records: number | null;
  processing_date: Date;
  collection_start: Date | null;
  collection_end: Date | null;
  failures?: number | null;
}

interface ObservationRow {
  data_source: string;
  sensor_name: string;
  data_type: string;
  data: number | null;
  expected: number | null;
  collection_date: Date;
  timestamp_min: Date | null;
  timestamp_max: Date | null;
}

/** A column of a paging key; timestamps page on their exact server text, not a JS Date. */
interface KeyColumn {
  column: string;
  timestamp?: boolean;
}

const JOB_COLUMNS = ['data_source', 'stage', 'seconds', 'records', 'processing_date', 'collection_start', 'collection_end'];
const JOB_KEY: KeyColumn[] = [{ column: 'processing_date', timestamp: true }, { column: 'data_source' }, { column: 'stage' }];
const OBSERVATION_COLUMNS = 'data_source, sensor_name, data_type, data, expected, collection_date, timestamp_min, timestamp_max';
const OBSERVATION_KEY: KeyColumn[] = [{ column: 'data_type' }, { column: 'sensor_name' }, { column: 'collection_date', timestamp: true }, { column: 'data_source' }];

export class PostgresPerfmetDriver implements PerfmetDriver {
  readonly jobTable: TableName;
  readonly observationTable: TableName;
  private readonly database: PostgresDatabase;
  private readonly pageSize: number;
  // Whether the job table has the lake's `failures` column; asked once.
  private failuresColumn: Promise<boolean> | null = null;

  constructor(settings: DriverConfig, env: Pick<DriverEnv, 'time' | 'log'>) {
    const postgres = readPostgresSettings(settings, 'perfmet');
    this.jobTable = new TableName(postgres.schema, tableSetting(postgres, 'jobTable', DEFAULT_JOB_TABLE));
    this.observationTable = new TableName(postgres.schema, tableSetting(postgres, 'observationTable', DEFAULT_OBSERVATION_TABLE));
    this.database = new PostgresDatabase(postgres, env.time.zone, env.log);
    this.pageSize = postgres.pageSize;
  }

  /** Creates the schema and both tables when missing; safe to run again. */
  async createSchema(): Promise<void> {
    await this.database.transaction('creating the perfmet tables', this.jobTable.text, (client) =>
      runSchemaSql(client, perfmetSchemaSql(this.jobTable, this.observationTable)),
    );
    this.failuresColumn = null;
  }

  async writeJob(job: PerfmetJob): Promise<void> {
    const columns = await this.jobColumns();
    const values = [
      job.dataSource,
      job.stage,
      job.seconds,
      job.records,
      job.processingDate.toISOString(),
      job.collectionStart?.toISOString() ?? null,
      job.collectionEnd?.toISOString() ?? null,
      job.failures ?? 0,
    ].slice(0, columns.length);
    // Every column is written on conflict: the original always sent complete rows.
    const updates = columns.filter((column) => !JOB_KEY.some((key) => key.column === column)).map((column) => `${column} = EXCLUDED.${column}`);
    await this.database.execute(
      `INSERT INTO ${this.jobTable.sql} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
       ON CONFLICT (processing_date, data_source, stage) DO UPDATE SET ${updates.join(', ')}`,
      values,
      'writing a job',
      this.jobTable.text,
    );
  }

  /** One transaction; a later observation with the same key replaces an earlier one. */
  async writeObservations(observations: PerfmetObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const byKey = new Map<string, (string | number | null)[]>();
    for (const observation of observations) {
      const collectionDate = observation.collectionDate.toISOString();
      const key = [collectionDate, observation.dataSource, observation.dataType, observation.sensorName].join('\u0000');
      byKey.set(key, [
        observation.dataSource,
        observation.sensorName,
        observation.dataType,
        observation.data,
        observation.expected,
        collectionDate,
        timestampValue(observation.timestampMin),
        timestampValue(observation.timestampMax),
      ]);
    }
    // Key order, so concurrent writers lock rows in the same order.
    const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    const sql = `
      INSERT INTO ${this.observationTable.sql} (${OBSERVATION_COLUMNS})
      SELECT ${OBSERVATION_COLUMNS}
      FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::real[], $5::real[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
        WITH ORDINALITY AS batch(${OBSERVATION_COLUMNS}, position)
      ORDER BY position
      ON CONFLICT (collection_date, data_source, data_type, sensor_name) DO UPDATE SET
        data = EXCLUDED.data, expected = EXCLUDED.expected,
        timestamp_min = EXCLUDED.timestamp_min, timestamp_max = EXCLUDED.timestamp_max`;
    await this.database.transaction('writing observations', this.observationTable.text, async (client) => {
      for (let start = 0; start < rows.length; start += OBSERVATION_CHUNK) {
        const chunk = rows.slice(start, start + OBSERVATION_CHUNK);
        await client.query(sql, chunk[0].map((_, column) => chunk.map((row) => row[column])));
      }
    });
  }

  async *readJobs(query: PerfmetJobQuery): AsyncIterable<PerfmetJob> {
    const columns = await this.jobColumns();
    const where = new SqlWhere();
    if (query.dataSource !== undefined) where.add('data_source = ?', query.dataSource);
    if (query.stage !== undefined) where.add('stage = ?', query.stage);
    if (query.from) where.add('processing_date >= ?', query.from.toISOString());
    if (query.to) where.add('processing_date < ?', query.to.toISOString());
    for await (const row of this.pages<JobRow>(this.jobTable, columns.join(', '), where, JOB_KEY)) {
      yield {
        dataSource: row.data_source,
        stage: row.stage,
        seconds: row.seconds ?? 0,
        records: row.records ?? 0,
        processingDate: row.processing_date,
        collectionStart: row.collection_start,
        collectionEnd: row.collection_end,
        failures: row.failures ?? 0,
      };
    }
  }

  async *readObservations(query: PerfmetObservationQuery): AsyncIterable<PerfmetObservation> {
    const where = new SqlWhere();
    if (query.dataSource !== undefined) where.add('data_source = ?', query.dataSource);
    if (query.dataType !== undefined) where.add('data_type = ?', query.dataType);
    if (query.from) where.add('collection_date >= ?', query.from.toISOString());
    if (query.to) where.add('collection_date < ?', query.to.toISOString());
    for await (const row of this.pages<ObservationRow>(this.observationTable, OBSERVATION_COLUMNS, where, OBSERVATION_KEY)) {
      yield {
        dataSource: row.data_source,
        sensorName: row.sensor_name,
        dataType: row.data_type,
        data: row.data,
        expected: row.expected,
        collectionDate: row.collection_date,
        timestampMin: row.timestamp_min,
        timestampMax: row.timestamp_max,
      };
    }
  }

  async close(): Promise<void> {
    await this.database.close();
  }

  /** The job columns to write and read: the original's, plus `failures` when the table has it. */
  private async jobColumns(): Promise<string[]> {
    this.failuresColumn ??= this.database.columnsOf(this.jobTable.sql, this.jobTable.text).then((columns) => columns.includes('failures'));
    try {
      return (await this.failuresColumn) ? [...JOB_COLUMNS, 'failures'] : JOB_COLUMNS;
    } catch (error) {
      this.failuresColumn = null; // not cached: the table may be created (lake catalog init) and tried again
      throw error;
    }
  }

  /** Keyset paging over `key`, which must be unique (the primary key in some order). */
  private async *pages<Row extends object>(table: TableName, columns: string, where: SqlWhere, key: KeyColumn[]): AsyncIterable<Row> {
    const keyList = key.map(({ column, timestamp }) => (timestamp ? column : `${column} COLLATE "C"`)).join(', ');
    const pageKeys = key.filter(({ timestamp }) => timestamp).map(({ column }) => `, ${column}::text AS page_${column}`).join('');
    let last: Record<string, unknown> | undefined;
    for (;;) {
      const page = where.copy();
      if (last) {
        const lastRow = last;
        const values = key.map(({ column, timestamp }) => (timestamp ? `${page.param(lastRow[`page_${column}`] as string)}::timestamptz` : page.param(lastRow[column] as string)));
        page.conditions.push(`(${keyList}) > (${values.join(', ')})`);
      }
      const rows = await this.database.query<Record<string, unknown>>(
        `SELECT ${columns}${pageKeys} FROM ${table.sql} ${page.sql()} ORDER BY ${keyList} LIMIT ${page.param(this.pageSize)}`,
        page.params,
        'reading',
        table.text,
      );
      for (const row of rows) yield row as Row;
      if (rows.length < this.pageSize) return;
      last = rows[rows.length - 1];
    }
  }
}

/**
 * Dates go as instants. Text (Bluetooth and Wavetronix pass the source's raw timestamps) goes as
 * written and PostgreSQL reads it into the timestamptz column — in the lake's zone when it has no
 * offset, as the original's PostgREST insert did; empty text means no value.
 */
function timestampValue(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? value : value.toISOString();
}
