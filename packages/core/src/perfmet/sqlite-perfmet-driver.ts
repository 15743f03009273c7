// The embedded perfmet tables (perfmet.md §2, §4) in the lake's SQLite file, next to the
// catalog. Rows are upserted on their primary key like the original's PostgREST
// merge-duplicates; reads page until exhausted instead of stopping at 1000 rows (perfmet defect 3).
import { openLakeDatabase, type LakeDatabase } from '../sqlite/open-lake-database';
import { StatementCache } from '../sqlite/statement-cache';
import type { LakeTime } from '../time/lake-time';
import type {
  PerfmetDriver,
  PerfmetJob,
  PerfmetJobQuery,
  PerfmetObservation,
  PerfmetObservationQuery,
} from './perfmet-driver';

/** Rows fetched per page. */
export const SQLITE_PERFMET_PAGE_SIZE = 1000;

export interface SqlitePerfmetOptions {
  pageSize?: number;
  /** False when the database is shared and someone else closes it. */
  closeDatabase?: boolean;
}

interface JobRow {
  data_source: string;
  stage: string;
  seconds: number | null;
  records: number | null;
  processing_date: number;
  collection_start: number | null;
  collection_end: number | null;
  failures: number;
}

interface ObservationRow {
  data_source: string;
  sensor_name: string;
  data_type: string;
  data: number | null;
  expected: number | null;
  collection_date: number;
  timestamp_min: string | null;
  timestamp_max: string | null;
}

type SqlValue = string | number | null;

// Every column is written on conflict: the original always sent complete rows, so a re-run of a
// day replaces the earlier numbers.
const UPSERT_JOB_SQL = `
INSERT INTO etl_perfmet_job (data_source, stage, seconds, records, processing_date, collection_start, collection_end, failures)
VALUES (@dataSource, @stage, @seconds, @records, @processingDate, @collectionStart, @collectionEnd, @failures)
ON CONFLICT (processing_date, data_source, stage) DO UPDATE SET
  seconds = excluded.seconds, records = excluded.records, collection_start = excluded.collection_start,
  collection_end = excluded.collection_end, failures = excluded.failures`;

const UPSERT_OBSERVATION_SQL = `
INSERT INTO etl_perfmet_obs (data_source, sensor_name, data_type, data, expected, collection_date, timestamp_min, timestamp_max)
VALUES (@dataSource, @sensorName, @dataType, @data, @expected, @collectionDate, @timestampMin, @timestampMax)
ON CONFLICT (collection_date, data_source, data_type, sensor_name) DO UPDATE SET
  data = excluded.data, expected = excluded.expected,
  timestamp_min = excluded.timestamp_min, timestamp_max = excluded.timestamp_max`;

export class SqlitePerfmetDriver implements PerfmetDriver {
  private readonly pageSize: number;
  private readonly closeDatabase: boolean;
  private readonly statements: StatementCache;

  constructor(
    private readonly database: LakeDatabase,
    private readonly time: LakeTime,
    options: SqlitePerfmetOptions = {},
  ) {
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? SQLITE_PERFMET_PAGE_SIZE));
    this.closeDatabase = options.closeDatabase ?? true;
    this.statements = new StatementCache(database);
  }

  static open(file: string, time: LakeTime, options: SqlitePerfmetOptions = {}): SqlitePerfmetDriver {
    return new SqlitePerfmetDriver(openLakeDatabase(file), time, options);
  }

  async writeJob(job: PerfmetJob): Promise<void> {
    const row = {
      dataSource: job.dataSource,
      stage: job.stage,
      seconds: job.seconds,
      records: job.records,
      processingDate: job.processingDate.getTime(),
      collectionStart: job.collectionStart?.getTime() ?? null,
      collectionEnd: job.collectionEnd?.getTime() ?? null,
      failures: job.failures ?? 0,
    };
    const statement = this.statements.get(UPSERT_JOB_SQL);
    this.database.transaction(() => statement.run(row)).immediate();
  }

  async writeObservations(observations: PerfmetObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const rows = observations.map((observation) => ({
      dataSource: observation.dataSource,
      sensorName: observation.sensorName,
      dataType: observation.dataType,
      data: observation.data,
      expected: observation.expected,
      collectionDate: observation.collectionDate.getTime(),
      timestampMin: this.timestampText(observation.timestampMin),
      timestampMax: this.timestampText(observation.timestampMax),
    }));
    const statement = this.statements.get(UPSERT_OBSERVATION_SQL);
    this.database.transaction(() => {
      for (const row of rows) statement.run(row);
    }).immediate();
  }

  async *readJobs(query: PerfmetJobQuery): AsyncIterable<PerfmetJob> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.dataSource !== undefined) add(where, params, 'data_source = ?', query.dataSource);
    if (query.stage !== undefined) add(where, params, 'stage = ?', query.stage);
    if (query.from) add(where, params, 'processing_date >= ?', query.from.getTime());
    if (query.to) add(where, params, 'processing_date < ?', query.to.getTime());
    const rows = this.pages<JobRow>('etl_perfmet_job', where, params, ['processing_date', 'data_source', 'stage']);
    for await (const row of rows) {
      yield {
        dataSource: row.data_source,
        stage: row.stage,
        seconds: row.seconds ?? 0,
        records: row.records ?? 0,
        processingDate: new Date(row.processing_date),
        collectionStart: row.collection_start === null ? null : new Date(row.collection_start),
        collectionEnd: row.collection_end === null ? null : new Date(row.collection_end),
        failures: row.failures,
      };
    }
  }

  async *readObservations(query: PerfmetObservationQuery): AsyncIterable<PerfmetObservation> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.dataSource !== undefined) add(where, params, 'data_source = ?', query.dataSource);
    if (query.dataType !== undefined) add(where, params, 'data_type = ?', query.dataType);
    if (query.from) add(where, params, 'collection_date >= ?', query.from.getTime());
    if (query.to) add(where, params, 'collection_date < ?', query.to.getTime());
    const rows = this.pages<ObservationRow>('etl_perfmet_obs', where, params, ['data_type', 'sensor_name', 'collection_date', 'data_source']);
    for await (const row of rows) {
      yield {
        dataSource: row.data_source,
        sensorName: row.sensor_name,
        dataType: row.data_type,
        data: row.data,
        expected: row.expected,
        collectionDate: new Date(row.collection_date),
        timestampMin: row.timestamp_min,
        timestampMax: row.timestamp_max,
      };
    }
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.closeDatabase && this.database.open) this.database.close();
  }

  // Dates become the original's PyStr text; text from the source files is kept as written.
  private timestampText(value: Date | string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : this.time.format(value);
  }

  /** Keyset paging over `orderKey`, which must be unique (the primary key in some order). */
  private async *pages<Row extends object>(table: string, where: string[], params: SqlValue[], orderKey: (keyof Row & string)[]): AsyncIterable<Row> {
    const keyList = orderKey.join(', ');
    const after = `(${keyList}) > (${orderKey.map(() => '?').join(', ')})`;
    let last: Row | undefined;
    for (;;) {
      const pageWhere = last ? [...where, after] : where;
      const pageParams = last ? [...params, ...orderKey.map((column) => (last as Row)[column] as SqlValue)] : params;
      const whereSql = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
      const rows = this.statements.get(`SELECT * FROM ${table} ${whereSql} ORDER BY ${keyList} LIMIT ?`).all(...pageParams, this.pageSize) as Row[];
      for (const row of rows) yield row;
      if (rows.length < this.pageSize) return;
      last = rows[rows.length - 1];
    }
  }

}

function add(where: string[], params: SqlValue[], condition: string, value: SqlValue): void {
  where.push(condition);
  params.push(value);
}
