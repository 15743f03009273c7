// The embedded perfmet driver's behaviour (core's sqlite-perfmet-driver.spec.ts) on the original's
// PostgREST tables, plus the request shapes of perfmet.md §4.
import { LakeTime, MemoryLogger, type PerfmetJob, type PerfmetObservation } from '@lake/core';
import { PostgrestPerfmetDriver } from './postgrest-perfmet-driver';
import { PostgrestUnauthorized } from './postgrest-errors';
import { PostgrestDouble } from './test-support/postgrest-double';
import { collect, describePg, TOKEN } from './test-support/fixtures';

const time = new LakeTime('America/Chicago', () => new Date('2020-03-05T10:00:00Z'));
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

describePg('PostgrestPerfmetDriver', () => {
  let double: PostgrestDouble;
  let driver: PostgrestPerfmetDriver;
  const perfmet = (settings: Record<string, unknown> = {}) =>
    new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: double.url, token: TOKEN, backoffMs: 1, ...settings }, { time, log: new MemoryLogger() });

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());
  beforeEach(async () => {
    await double.sql('TRUNCATE etl_perfmet_job, etl_perfmet_obs');
    double.requests.length = 0;
    driver = perfmet();
  });

  describe('jobs', () => {
    it('round-trips a job, including null collection dates', async () => {
      const written = [job(), job({ stage: 'Ingest', records: 0, collectionStart: null, collectionEnd: null })];
      for (const row of written) await driver.writeJob(row);
      expect(await collect(driver.readJobs({}))).toEqual([written[1], written[0]]);
    });

    it('posts the job as one object with merge-duplicates, dates as PyStr (§4)', async () => {
      await driver.writeJob(job());
      const post = double.requests.find((request) => request.method === 'POST');
      expect(post?.url).toBe('/etl_perfmet_job');
      expect(post?.headers.prefer).toBe('return=minimal, resolution=merge-duplicates');
      expect(JSON.parse(post?.body ?? '')).toEqual({
        data_source: 'GRIDSMART',
        stage: 'Standardize',
        seconds: 412.77,
        records: 93,
        processing_date: '2020-03-05 04:00:00.512000-06:00',
        collection_start: '2020-02-04 00:00:00-06:00',
        collection_end: '2020-03-05 00:00:00-06:00',
      });
    });

    it('leaves out failures on the original table (asked once), and keeps them where the column exists', async () => {
      await driver.writeJob(job({ failures: 2 }));
      await driver.writeJob(job({ failures: 3, stage: 'Ready' }));
      expect(double.requests.filter((request) => request.params.some(([key, value]) => key === 'select' && value === 'failures'))).toHaveLength(1);
      expect((await collect(driver.readJobs({}))).map((row) => row.failures)).toEqual([0, 0]);

      const withColumn = await PostgrestDouble.start({ jwt: TOKEN, withFailuresColumn: true });
      try {
        const lake = new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: withColumn.url, token: TOKEN }, { time, log: new MemoryLogger() });
        await lake.writeJob(job({ failures: 2 }));
        expect((await collect(lake.readJobs({}))).map((row) => row.failures)).toEqual([2]);
        const told = new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: withColumn.url, token: TOKEN, failuresColumn: false }, { time, log: new MemoryLogger() });
        withColumn.requests.length = 0;
        await told.writeJob(job({ failures: 5, stage: 'Ingest' }));
        expect(withColumn.requests.map((request) => request.method)).toEqual(['POST']);
      } finally {
        await withColumn.stop();
      }
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

    it('filters by data source, stage and processing day (repeated key), ordered by processing date', async () => {
      await driver.writeJob(job({ processingDate: time.parse('2020-03-06 01:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 23:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 02:00:00-06:00'), stage: 'Ready' }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 03:00:00-06:00'), dataSource: 'Bluetooth' }));
      const ofDay = await collect(driver.readJobs({ from: day('2020-03-05'), to: day('2020-03-06') }));
      expect(ofDay.map((row) => time.format(row.processingDate))).toEqual(['2020-03-05 02:00:00-06:00', '2020-03-05 03:00:00-06:00', '2020-03-05 23:00:00-06:00']);
      const read = double.requests[double.requests.length - 1];
      expect(read.params.filter(([key]) => key === 'processing_date')).toEqual([
        ['processing_date', 'gte.2020-03-05 00:00:00-06:00'],
        ['processing_date', 'lt.2020-03-06 00:00:00-06:00'],
      ]);
      expect(read.params).toContainEqual(['select', 'data_source,stage,seconds,records,processing_date,collection_start,collection_end']);
      expect(await collect(driver.readJobs({ dataSource: 'GRIDSMART', stage: 'Standardize' }))).toHaveLength(2);
    });

    it('reads past the page size and past a server cap', async () => {
      double.maxRows = 2;
      const paged = perfmet({ pageSize: 3 });
      for (let hour = 0; hour < 5; hour++) await paged.writeJob(job({ processingDate: new Date(day('2020-03-05').getTime() + hour * 3_600_000) }));
      expect(await collect(paged.readJobs({}))).toHaveLength(5);
      double.maxRows = null;
    });

    it('refuses a write without a token with a clear error', async () => {
      await expect(perfmet({ token: undefined, failuresColumn: false }).writeJob(job())).rejects.toThrow(PostgrestUnauthorized);
      await expect(perfmet({ token: undefined, failuresColumn: false }).writeJob(job())).rejects.toThrow(
        `perfmet jobs: POST ${double.endpoint('etl_perfmet_job')} was refused (401)`,
      );
    });
  });

  describe('observations', () => {
    it('writes dates as PyStr text, and source text as the instant it names', async () => {
      await driver.writeObservations([
        observation('Lamar_Koenig', day('2020-03-04'), {
          timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'),
          timestampMax: time.parse('2020-03-04T05:57:02Z'),
        }),
        // Wavetronix passes Central wall time without offset; Bluetooth PyStr text; '' is no time.
        observation('Reader_1', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '2020-03-04 00:15:00', timestampMax: '' }),
      ]);
      const post = double.requests.find((request) => request.method === 'POST');
      expect(post?.url).toBe('/etl_perfmet_obs');
      expect((JSON.parse(post?.body ?? '') as Record<string, unknown>[]).map((row) => [row.timestamp_min, row.timestamp_max])).toEqual([
        ['2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00'],
        ['2020-03-04 00:15:00-06:00', null],
      ]);
      const rows = await collect(driver.readObservations({}));
      expect(rows.map((row) => [row.sensorName, row.timestampMin, row.timestampMax])).toEqual([
        ['Lamar_Koenig', time.parse('2020-03-03 23:58:41.300-06:00'), time.parse('2020-03-03 23:57:02-06:00')],
        ['Reader_1', time.parse('2020-03-04 00:15:00-06:00'), null],
      ]);
    });

    it('round-trips numbers and nulls', async () => {
      const written = observation('Lamar_Koenig', day('2020-03-04'), { data: 12.5, expected: 10 });
      await driver.writeObservations([written, observation('Lamar_Koenig', day('2020-03-05'), { data: null })]);
      const rows = await collect(driver.readObservations({}));
      expect(rows[0]).toEqual(written);
      expect(rows[1].data).toBeNull();
    });

    it('replaces an observation with the same day, data source, type and sensor', async () => {
      await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 1 })]);
      await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 2, timestampMin: '2020-03-04 00:00:05-06:00' })]);
      const rows = await collect(driver.readObservations({}));
      expect(rows.map((row) => [row.data, row.timestampMin])).toEqual([[2, new Date('2020-03-04T06:00:05Z')]]);
    });

    it('keeps the last of one key given twice in a batch (PostgreSQL refuses to touch a row twice)', async () => {
      await driver.writeObservations([observation('A', day('2020-03-04'), { data: 1 }), observation('A', day('2020-03-04'), { data: 2 })]);
      expect((await collect(driver.readObservations({}))).map((row) => row.data)).toEqual([2]);
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
    });

    it('writes nothing for an empty list', async () => {
      await driver.writeObservations([]);
      expect(double.requests).toEqual([]);
      expect(await collect(driver.readObservations({}))).toEqual([]);
    });
  });

  it('takes explicit table URLs', async () => {
    const explicit = new PostgrestPerfmetDriver(
      { driver: 'postgrest', jobUrl: double.endpoint('etl_perfmet_job'), observationUrl: double.endpoint('etl_perfmet_obs'), token: TOKEN, failuresColumn: false },
      { time, log: new MemoryLogger() },
    );
    await explicit.writeJob(job());
    await explicit.writeObservations([observation('A', day('2020-03-04'))]);
    expect(double.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual(['POST /etl_perfmet_job', 'POST /etl_perfmet_obs']);
  });
});
