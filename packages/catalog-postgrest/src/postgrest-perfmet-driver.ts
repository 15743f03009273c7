// The `postgrest` perfmet driver: the original's job and observation tables behind PostgREST
// (perfmet.md §2, §4). Upserts merge on the primary key as the original's did; reads page until
// exhausted instead of stopping at pypgrest's 1000 rows (perfmet defect 3).
import type { DriverConfig, DriverEnv, LakeTime, PerfmetDriver, PerfmetJob, PerfmetJobQuery, PerfmetObservation, PerfmetObservationQuery } from '@lake/core';
import { connectionSettings, optionalBoolean, tableUrl } from './postgrest-settings';
import { PostgrestTable, type PostgrestParams, type PostgrestRow, type PostgrestTableOptions } from './postgrest-table';

export const DEFAULT_JOB_TABLE = 'etl_perfmet_job';
export const DEFAULT_OBSERVATION_TABLE = 'etl_perfmet_obs';

export const JOB_SELECT = 'data_source,stage,seconds,records,processing_date,collection_start,collection_end';
export const OBSERVATION_SELECT = 'data_source,sensor_name,data_type,data,expected,collection_date,timestamp_min,timestamp_max';

/** The lake's addition to the job table; the original's table lacks it. */
const FAILURES_COLUMN = 'failures';

/**
 * `perfmet` in lake.config.json: `jobUrl` and `observationUrl` (or `baseUrl` with `jobTable` /
 * `observationTable`), `token`, `pageSize`, `exactCount`, timeouts, and `failuresColumn`
 * (true/false; by default the driver asks the job table whether it has `failures`).
 */
export interface PostgrestPerfmetConfig extends DriverConfig {
  driver: 'postgrest';
  jobUrl?: string;
  observationUrl?: string;
  baseUrl?: string;
  jobTable?: string;
  observationTable?: string;
  token?: string;
  pageSize?: number;
  exactCount?: boolean;
  failuresColumn?: boolean;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export class PostgrestPerfmetDriver implements PerfmetDriver {
  readonly jobs: PostgrestTable;
  readonly observations: PostgrestTable;
  private readonly time: LakeTime;
  private failures: Promise<boolean> | null;

  constructor(settings: DriverConfig, env: Pick<DriverEnv, 'time' | 'log'>, tuning: Partial<PostgrestTableOptions> = {}) {
    this.time = env.time;
    const connection = connectionSettings(settings, 'perfmet');
    this.jobs = new PostgrestTable({
      ...connection,
      url: tableUrl(settings, 'perfmet', 'jobUrl', 'jobTable', DEFAULT_JOB_TABLE),
      service: 'perfmet jobs',
      block: 'perfmet',
      log: env.log,
      ...tuning,
    });
    this.observations = new PostgrestTable({
      ...connection,
      url: tableUrl(settings, 'perfmet', 'observationUrl', 'observationTable', DEFAULT_OBSERVATION_TABLE),
      service: 'perfmet observations',
      block: 'perfmet',
      log: env.log,
      ...tuning,
    });
    const configured = optionalBoolean(settings, 'failuresColumn', 'perfmet');
    this.failures = configured === undefined ? null : Promise.resolve(configured);
  }

  async writeJob(job: PerfmetJob): Promise<void> {
    const row: PostgrestRow = {
      data_source: job.dataSource,
      stage: job.stage,
      seconds: job.seconds,
      records: job.records,
      processing_date: this.time.format(job.processingDate),
      collection_start: job.collectionStart ? this.time.format(job.collectionStart) : null,
      collection_end: job.collectionEnd ? this.time.format(job.collectionEnd) : null,
    };
    if (await this.hasFailuresColumn()) row[FAILURES_COLUMN] = job.failures ?? 0;
    await this.jobs.upsert([row]);
  }

  /** One request; a later observation with the same key replaces an earlier one of the batch. */
  async writeObservations(observations: PerfmetObservation[]): Promise<void> {
    if (observations.length === 0) return;
    const rows = new Map<string, PostgrestRow>();
    for (const observation of observations) {
      const key = [observation.collectionDate.getTime(), observation.dataSource, observation.dataType, observation.sensorName].join('\u0000');
      rows.set(key, {
        data_source: observation.dataSource,
        sensor_name: observation.sensorName,
        data_type: observation.dataType,
        data: observation.data,
        expected: observation.expected,
        collection_date: this.time.format(observation.collectionDate),
        timestamp_min: this.timestampText(observation.timestampMin),
        timestamp_max: this.timestampText(observation.timestampMax),
      });
    }
    await this.observations.upsert([...rows.values()]);
  }

  async *readJobs(query: PerfmetJobQuery): AsyncIterable<PerfmetJob> {
    const failures = await this.hasFailuresColumn();
    const params: PostgrestParams = {
      select: failures ? `${JOB_SELECT},${FAILURES_COLUMN}` : JOB_SELECT,
      data_source: query.dataSource === undefined ? undefined : `eq.${query.dataSource}`,
      stage: query.stage === undefined ? undefined : `eq.${query.stage}`,
      processing_date: this.range(query.from, query.to),
      order: 'processing_date.asc,data_source.asc,stage.asc',
    };
    for await (const row of this.jobs.select(params)) {
      yield {
        dataSource: String(row.data_source),
        stage: String(row.stage),
        seconds: numberOr(row.seconds, 0),
        records: numberOr(row.records, 0),
        processingDate: this.time.parse(String(row.processing_date)),
        collectionStart: this.optionalDate(row.collection_start),
        collectionEnd: this.optionalDate(row.collection_end),
        failures: failures ? numberOr(row[FAILURES_COLUMN], 0) : 0,
      };
    }
  }

  async *readObservations(query: PerfmetObservationQuery): AsyncIterable<PerfmetObservation> {
    const params: PostgrestParams = {
      select: OBSERVATION_SELECT,
      data_source: query.dataSource === undefined ? undefined : `eq.${query.dataSource}`,
      data_type: query.dataType === undefined ? undefined : `eq.${query.dataType}`,
      collection_date: this.range(query.from, query.to),
      order: 'data_type.asc,sensor_name.asc,collection_date.asc,data_source.asc',
    };
    for await (const row of this.observations.select(params)) {
      yield {
        dataSource: String(row.data_source),
        sensorName: String(row.sensor_name),
        dataType: String(row.data_type),
        data: numberOr(row.data, null),
        expected: numberOr(row.expected, null),
        collectionDate: this.time.parse(String(row.collection_date)),
        timestampMin: this.timestampValue(row.timestamp_min),
        timestampMax: this.timestampValue(row.timestamp_max),
      };
    }
  }

  async close(): Promise<void> {}

  /** Asked once per driver; a table created by the original has no `failures` column. */
  private hasFailuresColumn(): Promise<boolean> {
    this.failures ??= this.jobs.hasColumn(FAILURES_COLUMN).catch((error: unknown) => {
      this.failures = null;
      throw error;
    });
    return this.failures;
  }

  /** `gte.<from>` and `lt.<to>`, repeated on one key (PostgREST ANDs them). */
  private range(from: Date | undefined, to: Date | undefined): string[] | undefined {
    const bounds: string[] = [];
    if (from) bounds.push(`gte.${this.time.format(from)}`);
    if (to) bounds.push(`lt.${this.time.format(to)}`);
    return bounds.length ? bounds : undefined;
  }

  /**
   * The columns are timestamptz. Dates go as the original's text; text the sources pass through
   * is sent as the instant it names when it reads as a timestamp (zone-less text is wall time in
   * the lake's zone — the server would otherwise read it in its own zone), as written otherwise;
   * empty text is null (PostgreSQL refuses '' as a timestamp).
   */
  private timestampText(value: Date | string | null | undefined): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (value instanceof Date) return this.time.format(value);
    try {
      return this.time.format(this.time.parse(value));
    } catch {
      return value;
    }
  }

  private timestampValue(value: unknown): Date | string | null {
    if (value === null || value === undefined) return null;
    try {
      return this.time.parse(String(value));
    } catch {
      return String(value);
    }
  }

  private optionalDate(value: unknown): Date | null {
    return value === null || value === undefined ? null : this.time.parse(String(value));
  }
}

function numberOr<Fallback>(value: unknown, fallback: Fallback): number | Fallback {
  return typeof value === 'number' ? value : value === null || value === undefined ? fallback : Number(value);
}
