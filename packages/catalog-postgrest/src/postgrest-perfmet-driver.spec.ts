// The perfmet contract (@lake/testing's conformance suite) on the original's PostgREST tables
// (no `failures` column), plus the request shapes of perfmet.md §4 and PostgREST's own behaviour.
import { LakeTime, MemoryLogger } from '@lake/core';
import { describePerfmetDriverConformance, perfmetFixtures } from '@lake/testing';
import { PostgrestPerfmetDriver } from './postgrest-perfmet-driver';
import { PostgrestUnauthorized } from './postgrest-errors';
import { PostgrestDouble } from './test-support/postgrest-double';
import { collect, describePg, TOKEN } from './test-support/fixtures';

const time = new LakeTime('America/Chicago', () => new Date('2020-03-05T10:00:00Z'));
const { day, job, observation } = perfmetFixtures(time);

describePg('PostgrestPerfmetDriver', () => {
  let double: PostgrestDouble;
  let driver: PostgrestPerfmetDriver;
  const perfmet = (settings: Record<string, unknown> = {}, env = { time, log: new MemoryLogger() }) =>
    new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: double.url, token: TOKEN, backoffMs: 1, ...settings }, env);
  const reset = async () => {
    await double.sql('TRUNCATE etl_perfmet_job, etl_perfmet_obs');
    double.requests.length = 0;
  };

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());

  describePerfmetDriverConformance(
    'the perfmet contract',
    {
      reset,
      async open(contractTime, tuning) {
        return perfmet({ ...tuning }, { time: contractTime, log: new MemoryLogger() });
      },
    },
    { jobsKeepFailures: false },
  );

  describe('beyond the contract', () => {
    beforeEach(async () => {
      await reset();
      driver = perfmet();
    });
    afterEach(() => driver.close());

    describe('jobs', () => {
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

      it('reads a processing day with the key repeated, selecting the original\'s columns', async () => {
        await driver.writeJob(job({ processingDate: time.parse('2020-03-05 23:00:00-06:00') }));
        expect(await collect(driver.readJobs({ from: day('2020-03-05'), to: day('2020-03-06') }))).toHaveLength(1);
        const read = double.requests[double.requests.length - 1];
        expect(read.params.filter(([key]) => key === 'processing_date')).toEqual([
          ['processing_date', 'gte.2020-03-05 00:00:00-06:00'],
          ['processing_date', 'lt.2020-03-06 00:00:00-06:00'],
        ]);
        expect(read.params).toContainEqual(['select', 'data_source,stage,seconds,records,processing_date,collection_start,collection_end']);
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

      it('sends no request for an empty list', async () => {
        await driver.writeObservations([]);
        expect(double.requests).toEqual([]);
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
});
