// The embedded perfmet tables' behaviour (core sqlite-perfmet-driver.spec.ts), on PostgreSQL, plus
// a job table as the original created it (no `failures` column).
import type { PerfmetJob, PerfmetObservation } from '@lake/core';
import { PostgresPerfmetDriver } from './postgres-perfmet-driver';
import { adminQuery, chicago, collect, describePg, driverEnv, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

const time = chicago('2020-03-05T10:00:00Z');
const day = (calendarDate: string): Date => time.dayStart(calendarDate);

function job(more: Partial<PerfmetJob> = {}): PerfmetJob {
  return {
    dataSource: 'GRIDSMART',
    stage: 'Standardize',
    seconds: 412.77,
    records: 93,
    processingDate: time.parse('2020-03-05 04:00:00.512-06:00'),
    collectionStart: day('2020-02-04'),
    collectionEnd: day('2020-03-05'),
    failures: 0,
    ...more,
  };
}

function observation(sensorName: string, collectionDate: Date, more: Partial<PerfmetObservation> = {}): PerfmetObservation {
  return {
    dataSource: 'GRIDSMART',
    sensorName,
    dataType: 'Vehicle Counts',
    data: 18234,
    expected: null,
    collectionDate,
    timestampMin: null,
    timestampMax: null,
    ...more,
  };
}

describePg('PostgresPerfmetDriver', () => {
  const schema = uniqueSchemaName('perfmet');
  const open = (more: Record<string, unknown> = {}) => new PostgresPerfmetDriver(pgSettings(schema, more), driverEnv(time));
  let driver: PostgresPerfmetDriver;

  beforeAll(async () => {
    const creator = open();
    await creator.createSchema();
    await creator.createSchema();
    await creator.close();
  });
  afterAll(() => dropSchema(schema));
  beforeEach(async () => {
    await adminQuery(`TRUNCATE "${schema}".etl_perfmet_job, "${schema}".etl_perfmet_obs`);
    driver = open();
  });
  afterEach(() => driver.close());

  it('creates the original tables with the lake’s failures column', async () => {
    const columns = await adminQuery<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
      `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const describe = (table: string) => columns.filter((column) => column.table_name === table).map((column) => `${column.column_name} ${column.data_type}`);
    expect(describe('etl_perfmet_job')).toEqual([
      'id integer',
      'data_source character varying',
      'stage character varying',
      'seconds real',
      'records integer',
      'processing_date timestamp with time zone',
      'collection_start timestamp with time zone',
      'collection_end timestamp with time zone',
      'failures integer',
    ]);
    expect(columns.find((column) => column.column_name === 'failures')?.column_default).toBe('0');
    expect(describe('etl_perfmet_obs')).toEqual([
      'id integer',
      'data_source character varying',
      'sensor_name character varying',
      'data_type character varying',
      'data real',
      'expected real',
      'collection_date timestamp with time zone',
      'timestamp_min timestamp with time zone',
      'timestamp_max timestamp with time zone',
    ]);
  });

  describe('jobs', () => {
    it('round-trips a job, including failures and null collection dates', async () => {
      const written = [job(), job({ stage: 'Ingest', records: 0, collectionStart: null, collectionEnd: null, failures: 2 })];
      for (const row of written) await driver.writeJob(row);
      expect(await collect(driver.readJobs({}))).toEqual([written[1], written[0]]);
    });

    it('replaces a job with the same processing date, data source and stage', async () => {
      await driver.writeJob(job({ seconds: 1, records: 5 }));
      await driver.writeJob(job({ seconds: 2, records: 7, collectionStart: null }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-06 04:00:00-06:00'), records: 1 }));
      const rows = await collect(driver.readJobs({}));
      expect(rows.map((row) => [row.records, row.seconds, row.collectionStart])).toEqual([
        [7, 2, null],
        [1, 412.77, day('2020-02-04')],
      ]);
    });

    it('filters by data source, stage and processing day, ordered by processing date', async () => {
      await driver.writeJob(job({ processingDate: time.parse('2020-03-06 01:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 23:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 02:00:00-06:00'), stage: 'Ready' }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 03:00:00-06:00'), dataSource: 'Bluetooth' }));
      const ofDay = await collect(driver.readJobs({ from: day('2020-03-05'), to: day('2020-03-06') }));
      expect(ofDay.map((row) => time.format(row.processingDate))).toEqual([
        '2020-03-05 02:00:00-06:00',
        '2020-03-05 03:00:00-06:00',
        '2020-03-05 23:00:00-06:00',
      ]);
      expect(await collect(driver.readJobs({ dataSource: 'GRIDSMART', stage: 'Standardize' }))).toHaveLength(2);
    });

    it('reads past the page size, also when jobs share a processing date', async () => {
      const paged = open({ pageSize: 2 });
      for (let hour = 0; hour < 5; hour++) await paged.writeJob(job({ processingDate: new Date(day('2020-03-05').getTime() + hour * 3_600_000) }));
      for (const stage of ['Ingest', 'Ready', 'Publish']) await paged.writeJob(job({ stage }));
      const rows = await collect(paged.readJobs({}));
      expect(rows).toHaveLength(8);
      expect(new Set(rows.map((row) => `${row.processingDate.getTime()} ${row.stage}`)).size).toBe(8);
      await paged.close();
    });

    it('works on a job table the original created, without the failures column', async () => {
      const original = uniqueSchemaName('perfmet_original');
      await adminQuery(`CREATE SCHEMA ${original}`);
      await adminQuery(`CREATE TABLE ${original}.etl_perfmet_job (
        id serial, data_source varchar NOT NULL, stage varchar NOT NULL, seconds real, records integer,
        processing_date timestamptz NOT NULL, collection_start timestamptz, collection_end timestamptz,
        PRIMARY KEY (processing_date, data_source, stage))`);
      const onOriginal = new PostgresPerfmetDriver(pgSettings(original), driverEnv(time));
      try {
        await onOriginal.writeJob(job({ failures: 3 }));
        await onOriginal.writeJob(job({ failures: 1, records: 94 }));
        expect(await collect(onOriginal.readJobs({}))).toEqual([job({ failures: 0, records: 94 })]);
      } finally {
        await onOriginal.close();
        await dropSchema(original);
      }
    });

    it('says the job table is missing, and finds it once it has been created', async () => {
      const later = uniqueSchemaName('perfmet_later');
      const early = new PostgresPerfmetDriver(pgSettings(later), driverEnv(time));
      try {
        await expect(early.writeJob(job())).rejects.toMatchObject({ code: 'PERFMET_TABLE_MISSING' });
        await early.createSchema();
        await early.writeJob(job({ failures: 4 }));
        expect((await collect(early.readJobs({})))[0].failures).toBe(4);
      } finally {
        await early.close();
        await dropSchema(later);
      }
    });

    it('fails with PERFMET_UNREACHABLE without the password when the server is not there', async () => {
      const url = new URL(process.env.LAKE_TEST_PG_URL as string);
      url.port = '1';
      url.password = 'sekret-pw-44';
      const unreachable = new PostgresPerfmetDriver({ driver: 'postgres', connectionString: url.toString(), schema }, driverEnv(time));
      const failure = await unreachable.writeJob(job()).catch((error: unknown) => error);
      await unreachable.close();
      expect(failure).toMatchObject({ code: 'PERFMET_UNREACHABLE' });
      expect((failure as Error).message).not.toContain('sekret-pw-44');
      expect((failure as { hint: string }).hint).toContain('perfmet.connectionString');
    });
  });

  describe('observations', () => {
    it('stores dates as instants and reads raw timestamp text in the lake zone', async () => {
      await driver.writeObservations([
        observation('Lamar_Koenig', day('2020-03-04'), {
          timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'),
          timestampMax: time.parse('2020-03-04T05:57:02Z'),
        }),
        observation('Reader_1', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '03/04/2020 12:01:02 AM', timestampMax: '' }),
        observation('Reader_2', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '2020-03-04 00:00:05', timestampMax: '2020-03-04 23:00:00-06:00' }),
      ]);
      const rows = await collect(driver.readObservations({}));
      const text = (value: Date | string | null) => (value instanceof Date ? time.format(value) : value);
      expect(rows.map((row) => [row.sensorName, text(row.timestampMin), text(row.timestampMax)])).toEqual([
        ['Lamar_Koenig', '2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00'],
        ['Reader_1', '2020-03-04 00:01:02-06:00', null],
        ['Reader_2', '2020-03-04 00:00:05-06:00', '2020-03-04 23:00:00-06:00'],
      ]);
    });

    it('round-trips numbers and nulls', async () => {
      const written = observation('Lamar_Koenig', day('2020-03-04'), { data: 12.5, expected: 10 });
      await driver.writeObservations([written, observation('Lamar_Koenig', day('2020-03-05'), { data: null })]);
      const rows = await collect(driver.readObservations({}));
      expect(rows[0]).toEqual(written);
      expect(rows[1].data).toBeNull();
    });

    it('replaces an observation with the same day, data source, type and sensor, also within one write', async () => {
      await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 1 })]);
      await driver.writeObservations([
        observation('Lamar_Koenig', day('2020-03-04'), { data: 2 }),
        observation('Lamar_Koenig', day('2020-03-04'), { data: 3, timestampMin: day('2020-03-04') }),
      ]);
      const rows = await collect(driver.readObservations({}));
      expect(rows.map((row) => [row.data, row.timestampMin])).toEqual([[3, day('2020-03-04')]]);
    });

    it('writes all observations of one call or none', async () => {
      await expect(
        driver.writeObservations([observation('A', day('2020-03-04')), observation('B', day('2020-03-04'), { timestampMin: 'not a time' })]),
      ).rejects.toMatchObject({ code: 'PERFMET_QUERY_FAILED' });
      expect(await collect(driver.readObservations({}))).toEqual([]);
    });

    it('orders by data type, sensor, collection date and filters', async () => {
      await driver.writeObservations([
        observation('B', day('2020-03-04')),
        observation('A', day('2020-03-05')),
        observation('A', day('2020-03-04')),
        observation('A', day('2020-03-04'), { dataType: 'Approach Counts' }),
        observation('A', day('2020-03-04'), { dataSource: 'Wavetronix' }),
      ]);
      const rows = await collect(driver.readObservations({ dataSource: 'GRIDSMART' }));
      expect(rows.map((row) => `${row.dataType}/${row.sensorName}/${time.calendarDate(row.collectionDate)}`)).toEqual([
        'Approach Counts/A/2020-03-04',
        'Vehicle Counts/A/2020-03-04',
        'Vehicle Counts/A/2020-03-05',
        'Vehicle Counts/B/2020-03-04',
      ]);
      const window = await collect(driver.readObservations({ dataType: 'Vehicle Counts', from: day('2020-03-05'), to: day('2020-03-06') }));
      expect(window.map((row) => row.sensorName)).toEqual(['A']);
    });

    it('reads every row of a window larger than 1000 rows (perfmet defect 3)', async () => {
      const sensors = Array.from({ length: 150 }, (_, index) => `Sensor_${String(index).padStart(3, '0')}`);
      const days = Array.from({ length: 7 }, (_, index) => time.addDays(day('2020-03-01'), index));
      await driver.writeObservations(sensors.flatMap((sensor) => days.map((date) => observation(sensor, date))));
      const rows = await collect(driver.readObservations({ from: day('2020-03-01'), to: day('2020-03-08') }));
      expect(rows).toHaveLength(1050);
      expect(rows[1049].sensorName).toBe('Sensor_149');
      expect(new Set(rows.map((row) => `${row.sensorName} ${row.collectionDate.getTime()}`)).size).toBe(1050);
    });

    it('writes nothing for an empty list', async () => {
      await driver.writeObservations([]);
      expect(await collect(driver.readObservations({}))).toEqual([]);
    });
  });
});
