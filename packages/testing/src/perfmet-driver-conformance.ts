// What every perfmet driver must do (perfmet.md §2–4, defect 3 fixed), as one jest suite each
// driver's spec runs against its own tables: job and observation round trips, replacement on the
// key, filters and order, paging. How raw timestamp text is kept differs by backend (SQLite keeps
// it as written, PostgreSQL reads it as an instant), so those cases stay in the drivers' specs.
import { LakeTime, type PerfmetDriver } from '@lake/core';
import { collect } from './collect';
import { perfmetFixtures } from './fixtures';
import { openedPerCase, type StoreHooks } from './opened-per-case';

export interface PerfmetDriverTuning {
  /** Rows fetched per page. */
  pageSize?: number;
}

export interface PerfmetDriverFactory extends StoreHooks {
  /** A driver on the tables (every driver opened in one case sees the same rows); the suite closes it. */
  open(time: LakeTime, tuning?: PerfmetDriverTuning): Promise<PerfmetDriver>;
}

export interface PerfmetConformanceOptions {
  /** False for a job table the original created, which has no `failures` column: they read as 0. Default true. */
  jobsKeepFailures?: boolean;
}

export function describePerfmetDriverConformance(name: string, factory: PerfmetDriverFactory, options: PerfmetConformanceOptions = {}): void {
  const time = new LakeTime('America/Chicago', () => new Date('2020-03-05T10:00:00Z'));
  const { day, job, observation } = perfmetFixtures(time);
  // A driver may read a timestamp back as a Date or as PyStr text; both must name the same instant.
  const text = (value: Date | string | null) => (value instanceof Date ? time.format(value) : value);

  describe(name, () => {
    const open = openedPerCase(factory, (tuning?: PerfmetDriverTuning) => factory.open(time, tuning));
    let driver: PerfmetDriver;

    beforeEach(async () => {
      driver = await open();
    });

    describe('jobs', () => {
      it('round-trips a job, including failures and null collection dates', async () => {
        const written = [job(), job({ stage: 'Ingest', records: 0, collectionStart: null, collectionEnd: null, failures: 2 })];
        for (const row of written) await driver.writeJob(row);
        const keptFailures = options.jobsKeepFailures === false ? { failures: 0 } : {};
        expect(await collect(driver.readJobs({}))).toEqual([{ ...written[1], ...keptFailures }, written[0]]);
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
        const paged = await open({ pageSize: 2 });
        for (let hour = 0; hour < 5; hour++) await paged.writeJob(job({ processingDate: new Date(day('2020-03-05').getTime() + hour * 3_600_000) }));
        for (const stage of ['Ingest', 'Ready', 'Publish']) await paged.writeJob(job({ stage }));
        const rows = await collect(paged.readJobs({}));
        expect(rows).toHaveLength(8);
        expect(new Set(rows.map((row) => `${row.processingDate.getTime()} ${row.stage}`)).size).toBe(8);
      });
    });

    describe('observations', () => {
      it('keeps the instant of timestamps given as dates', async () => {
        await driver.writeObservations([
          observation('Lamar_Koenig', day('2020-03-04'), {
            timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'),
            timestampMax: time.parse('2020-03-04T05:57:02Z'),
          }),
        ]);
        const rows = await collect(driver.readObservations({}));
        expect(rows.map((row) => [text(row.timestampMin), text(row.timestampMax)])).toEqual([['2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00']]);
      });

      it('round-trips numbers and nulls', async () => {
        const written = observation('Lamar_Koenig', day('2020-03-04'), { data: 12.5, expected: 10 });
        await driver.writeObservations([written, observation('Lamar_Koenig', day('2020-03-05'), { data: null })]);
        const rows = await collect(driver.readObservations({}));
        expect(rows[0]).toEqual(written);
        expect(rows[1].data).toBeNull();
      });

      it('replaces an observation with the same day, data source, type and sensor, also within one write (the last wins)', async () => {
        await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 1 })]);
        // One key twice in one write: PostgreSQL refuses to touch a row twice in one statement.
        await driver.writeObservations([
          observation('Lamar_Koenig', day('2020-03-04'), { data: 2 }),
          observation('Lamar_Koenig', day('2020-03-04'), { data: 3, timestampMin: day('2020-03-04') }),
        ]);
        const rows = await collect(driver.readObservations({}));
        expect(rows.map((row) => [row.data, text(row.timestampMin)])).toEqual([[3, '2020-03-04 00:00:00-06:00']]);
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
}
